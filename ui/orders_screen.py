"""The orders screen: every order, page by page, with a status filter, search, review, import."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.domain.orders import OrderStatus
from app.domain.scans import Scan
from app.domain.users import PERMISSIONS, Action
from app.messages import followup as fm
from app.services import orders, review, shipped
from app.services.orders import OrderQuery
from app.services.users import UserInfo
from ui.i18n import failure_text, message_text, status_text
from ui.import_dialog import ImportDialog
from ui.orders_model import OrdersTableModel
from ui.orders_view import OrdersView
from ui.theme import MessageLabel, heading
from ui.workers import Progress, ServiceWorker, start_worker

if TYPE_CHECKING:
    from app.services.review import ReviewSummary

log = logging.getLogger(__name__)

EXPORT_SHIPPED_KEY = "Ctrl+E"

# Statuses whose orders carry exception reasons worth a column of their own.
REASON_STATUSES = frozenset({"exception", "on_hold", "cancelled"})


def may(user: UserInfo, action: Action) -> bool:
    """Courtesy only (to hide buttons): the services enforce the roles."""
    return user.role in PERMISSIONS[action]


def shortcut(key: str, parent: QWidget, slot: object) -> QShortcut:
    """A key that works while the focus is anywhere inside *parent* (its screen)."""
    sc = QShortcut(QKeySequence(key), parent)
    sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    sc.activated.connect(slot)
    return sc


class OrdersScreen(QWidget):
    review_finished = Signal(object)  # ReviewSummary
    review_failed = Signal(str)
    orders_changed = Signal()
    counts_changed = Signal(object)  # dict status → number of orders

    def __init__(self, ctx: AppContext, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._user = user
        self._counts: dict[str, int] = {}
        self._stale = False
        self._review_worker: ServiceWorker | None = None
        self._review_scheduled_at: dt.datetime | None = None
        self.import_dialog: ImportDialog | None = None

        self.model = OrdersTableModel(ctx, user.actor, parent=self)
        self.view = OrdersView(ctx, user.actor, self.model, self)
        self.view.show_reasons(False)

        self._title = heading()
        self._hint = QLabel()
        self._hint.setObjectName("hint")
        self._hint.setWordWrap(True)
        self._status_label = QLabel()
        self.status_combo = QComboBox()
        self.status_combo.setMinimumContentsLength(14)
        self.status_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.status_combo.setMaxVisibleItems(20)
        self._search_label = QLabel()
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(200)
        self._status_label.setBuddy(self.status_combo)
        self._search_label.setBuddy(self.search_edit)
        self.refresh_button = QPushButton()
        self.review_button = QPushButton()
        self.review_button.setObjectName("primary")
        self.import_button = QPushButton()
        self.export_shipped_button = QPushButton()
        self.export_shipped_button.setVisible(may(user, Action.EXPORT_SHIPPED))
        self._export_worker: ServiceWorker | None = None
        self.review_button.setVisible(may(user, Action.REVIEW_ORDERS))
        self.import_button.setVisible(
            any(may(user, a) for a in (Action.IMPORT_ORDERS, Action.IMPORT_SKUS))
        )
        self.progress = QProgressBar()
        self.progress.hide()
        self.message = MessageLabel()
        self.count_label = QLabel()

        filters = QHBoxLayout()
        filters.addWidget(self._status_label)
        filters.addWidget(self.status_combo)
        filters.addSpacing(16)
        filters.addWidget(self._search_label)
        filters.addWidget(self.search_edit, 1)
        filters.addWidget(self.refresh_button)
        # The actions on a row of their own: the screen fits 1366 pixels beside the navigation
        # and the demo's device panel.
        actions = QHBoxLayout()
        actions.addWidget(self.review_button)
        actions.addWidget(self.import_button)
        actions.addWidget(self.export_shipped_button)
        actions.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.addWidget(self._title)
        layout.addWidget(self._hint)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)

        QWidget.setTabOrder(self.status_combo, self.search_edit)
        QWidget.setTabOrder(self.search_edit, self.view)
        QWidget.setTabOrder(self.view, self.refresh_button)
        QWidget.setTabOrder(self.refresh_button, self.review_button)
        QWidget.setTabOrder(self.review_button, self.import_button)
        QWidget.setTabOrder(self.import_button, self.export_shipped_button)

        self.status_combo.activated.connect(self._on_status_chosen)
        self.search_edit.returnPressed.connect(self._on_search_entered)
        self.refresh_button.clicked.connect(self._on_refresh_clicked)
        self.review_button.clicked.connect(self._on_review_clicked)
        self.import_button.clicked.connect(self._on_import_clicked)
        self.export_shipped_button.clicked.connect(self._on_export_shipped_clicked)
        self.view.failed.connect(self._on_view_failed)
        self.model.rowsInserted.connect(self._on_rows_loaded)
        self.model.modelReset.connect(self._on_rows_loaded)
        shortcut("Ctrl+F", self, self._on_find_shortcut)
        shortcut("F5", self, self._on_refresh_clicked)
        shortcut("Ctrl+R", self, self._on_review_clicked)
        shortcut("Ctrl+I", self, self._on_import_clicked)
        shortcut(EXPORT_SHIPPED_KEY, self, self._on_export_shipped_clicked)

        self.refresh_counts()
        self._retranslate()

    # --- translation -----------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self.model.retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._title.setText(self.tr("Orders"))
        self._hint.setText(
            self.tr(
                "Enter: order details · Ctrl+F: search · F5: refresh · Ctrl+R: review now · "
                "Ctrl+I: import"
            )
            + " · "
            + self.tr("{key}: tracking numbers back to the shops").format(key=EXPORT_SHIPPED_KEY)
        )
        self._status_label.setText(self.tr("Status"))
        self._search_label.setText(self.tr("Search"))
        self.search_edit.setPlaceholderText(
            self.tr("Order no., buyer or exact SKU, then Enter")
            if may(self._user, Action.VIEW_BUYERS)
            else self.tr("Order no. or exact SKU, then Enter")
        )
        self.refresh_button.setText(self.tr("Refresh"))
        self.review_button.setText(self.tr("Review now"))
        self.import_button.setText(self.tr("Import…"))
        self.export_shipped_button.setText(self.tr("Export shipped…"))
        self.export_shipped_button.setToolTip(
            self.tr(
                "The tracking numbers of the parcels shipped since the last export, one row per "
                "parcel, for the shops' platforms (发货回传)"
            )
        )
        self._fill_status_combo()
        self._update_count_label()

    # --- filter and search -----------------------------------------------------------------

    def _fill_status_combo(self) -> None:
        current = self.status_combo.currentData() if self.status_combo.count() else None
        self.status_combo.blockSignals(True)
        self.status_combo.clear()
        total = sum(self._counts.values())
        self.status_combo.addItem(self.tr("All ({count})").format(count=f"{total:,}"), None)
        for status in OrderStatus:
            n = self._counts.get(status.value, 0)
            self.status_combo.addItem(f"{status_text(status.value)} ({n:,})", status.value)
        index = self.status_combo.findData(current) if current else 0
        self.status_combo.setCurrentIndex(max(index, 0))
        self.status_combo.blockSignals(False)

    def status_filter(self) -> str | None:
        data = self.status_combo.currentData()
        return str(data) if data else None

    def set_status_filter(self, status: str | None) -> None:
        index = self.status_combo.findData(status) if status else 0
        self.status_combo.setCurrentIndex(max(index, 0))
        self.apply_filter()

    def set_search(self, text: str) -> None:
        self.search_edit.setText(text)
        self.apply_filter()

    def apply_filter(self) -> None:
        search = self.search_edit.text().strip() or None
        status = self.status_filter()
        self.model.set_query(OrderQuery(status, search))
        self.view.show_reasons(status in REASON_STATUSES, status_column=status is None)
        self.view.select_first()

    def _on_status_chosen(self, _index: int) -> None:
        self.apply_filter()

    def accept_scan(self, event: Scan) -> bool:
        """A scanned order number (or SKU barcode, buyer…) is searched for, wherever the focus."""
        self.search_edit.setText(event.value)
        self._on_search_entered()
        return True

    def _on_search_entered(self) -> None:
        self.apply_filter()
        if self.model.rowCount():
            self.view.setFocus()

    def _on_find_shortcut(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    # --- refreshing --------------------------------------------------------------------------

    def refresh_counts(self) -> None:
        self._counts = orders.status_counts(self._ctx.uow(), self._user.actor)
        self._fill_status_combo()
        self._update_count_label()
        self.counts_changed.emit(dict(self._counts))

    def counts(self) -> dict[str, int]:
        return dict(self._counts)

    def refresh(self) -> None:
        self._stale = False
        self.refresh_counts()
        self.model.refresh()
        self.view.select_first()

    def mark_stale(self) -> None:
        """Another screen changed orders: reload when this screen is shown next."""
        self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _on_refresh_clicked(self) -> None:
        self.refresh()
        self.message.clear_message()

    def _on_rows_loaded(self) -> None:
        self._update_count_label()

    def _update_count_label(self) -> None:
        shown = self.model.rowCount()
        query = self.model.query
        more = self.model.canFetchMore()
        if query.search:
            text = self.tr("{shown} orders found").format(shown=f"{shown:,}")
        else:
            if query.status:
                total = self._counts.get(query.status, 0)
            else:
                total = sum(self._counts.values())
            text = self.tr("Showing {shown} of {total} orders").format(
                shown=f"{shown:,}", total=f"{total:,}"
            )
        if more:
            text += " · " + self.tr("scroll down for more")
        if shown == 0:
            text = self.tr("No orders match. Change the status or the search.")
        self.count_label.setText(text)

    def _on_view_failed(self, text: str) -> None:
        self.message.show_message("error", text)

    # --- review ------------------------------------------------------------------------------

    def is_reviewing(self) -> bool:
        return self._review_worker is not None

    def start_review(self, scheduled_at: dt.datetime | None = None) -> bool:
        """Review every new order in a worker thread; False when a review is already running."""
        if self._review_worker is not None:
            return False
        actor = self._user.actor
        ctx = self._ctx

        def job(progress: Progress) -> object:
            return review.review_new_orders(ctx.uow(), actor, progress=progress)

        self._review_scheduled_at = scheduled_at
        if scheduled_at is not None:
            log.info(
                "scheduled review (%s) started by %s", scheduled_at.strftime("%H:%M"), actor.name
            )
            text = self.tr("Scheduled review ({time}) is checking new orders…").format(
                time=scheduled_at.strftime("%H:%M")
            )
        else:
            log.info("review started by %s", actor.name)
            text = self.tr("Reviewing new orders…")
        self.message.show_message("info", text)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.review_button.setEnabled(False)
        self._review_worker = start_worker(
            self,
            job,
            "review",
            on_progress=self._on_review_progress,
            on_done=self._on_review_done,
        )
        return True

    def _on_review_clicked(self) -> None:
        self.start_review()

    def _on_review_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def _on_review_done(self) -> None:
        worker = self._review_worker
        self._review_worker = None
        self.progress.hide()
        self.review_button.setEnabled(True)
        if worker is None:
            return
        if worker.error is not None:
            text = failure_text(worker.error)
            log.info("review refused or failed: %s", worker.error)
            self.message.show_message("error", text)
            self.review_failed.emit(text)
            return
        summary: ReviewSummary = worker.result  # type: ignore[assignment]
        log.info(
            "review: %d checked, %d reviewed, %d exceptions in %.1f s",
            summary.checked,
            summary.reviewed,
            summary.exceptions,
            summary.seconds,
        )
        self.message.show_message("ok", self.summary_text(summary))
        self.refresh()
        self.review_finished.emit(summary)
        self.orders_changed.emit()

    def summary_text(self, summary: ReviewSummary) -> str:
        if summary.checked == 0:
            return self.tr("Review finished: there were no new orders to check.")
        text = self.tr(
            "Review finished: {checked} checked, {reviewed} reviewed, {exceptions} exceptions."
        ).format(
            checked=f"{summary.checked:,}",
            reviewed=f"{summary.reviewed:,}",
            exceptions=f"{summary.exceptions:,}",
        )
        if summary.top_reasons:
            reasons = ", ".join(
                f"{message_text(top.reason)} ({top.orders:,})" for top in summary.top_reasons[:3]
            )
            text += " " + self.tr("Most common reasons: {reasons}.").format(reasons=reasons)
        return text

    # --- import ------------------------------------------------------------------------------

    def open_import_dialog(self) -> ImportDialog:
        dialog = ImportDialog(self._ctx, self._user, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._on_import_dialog_closed)
        self.import_dialog = dialog
        dialog.open()
        return dialog

    def _on_import_clicked(self) -> None:
        self.open_import_dialog()

    def _on_import_dialog_closed(self, _result: int) -> None:
        dialog = self.import_dialog
        self.import_dialog = None
        if dialog is not None and dialog.imported_anything:
            self.refresh()
            self.orders_changed.emit()
        self.view.setFocus()

    # --- tracking numbers back to the shops (发货回传) -------------------------------------------

    def _on_export_shipped_clicked(self) -> None:
        if self._export_worker is not None:
            return
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
        name, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export shipped parcels"),
            str(Path.home() / f"shipped-{stamp}.csv"),
            self.tr("CSV (*.csv);;Excel workbook (*.xlsx)"),
        )
        if name:
            self.export_shipped_to(Path(name))
        self.view.setFocus()

    def export_shipped_to(self, path: Path) -> None:
        """Export what shipped since the last export to *path* in a worker thread."""
        if self._export_worker is not None:
            return
        ctx, actor = self._ctx, self._user.actor

        def job(_progress: Progress) -> object:
            return shipped.export_shipped(ctx.uow(), actor, path)

        self.export_shipped_button.setEnabled(False)
        self.message.show_message("info", self.tr("Exporting the shipped parcels…"))
        self._export_worker = start_worker(
            self, job, "export shipped", on_progress=lambda *_: None, on_done=self._on_exported
        )

    def is_exporting(self) -> bool:
        return self._export_worker is not None

    def _on_exported(self) -> None:
        worker, self._export_worker = self._export_worker, None
        self.export_shipped_button.setEnabled(True)
        if worker is None:
            return
        if worker.error is not None:
            self.message.show_message("error", failure_text(worker.error))
            return
        result: shipped.ShippedExport = worker.result  # type: ignore[assignment]
        log.info("%s exported %d shipped parcels", self._user.name, result.rows)
        if result.rows:
            said = fm.EXPORTED(rows=result.rows, file=str(result.path))
        else:
            said = fm.NOTHING_NEW(file=str(result.path))
        self.message.show_message("ok", message_text(said))

    # --- focus -------------------------------------------------------------------------------

    def focus_target(self) -> QWidget:
        return self.view
