"""Follow-up (跟进) for the supervisor: parcels the carrier has said nothing about for 48 hours,
and delivered orders nobody confirmed after 7 days — with their ages.

Keyboard only: Tab goes from one list to the other, Enter opens the order, F9 completes the
orders selected in the second list, F5 refreshes.  A refresh also completes (已完成) the orders
the list showed at the previous refresh that were delivered ``complete_after_days`` ago (the
station setting, 7 by default).  Loading and completing run off the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.config import Settings
from app.context import AppContext
from app.domain.errors import DomainError
from app.domain.users import Action
from app.messages import followup as fm
from app.services import orders, tracking
from app.services.tracking import FollowUp
from app.services.users import UserInfo
from ui.i18n import error_text, failure_text, message_text
from ui.order_detail import OrderDetailDialog
from ui.orders_screen import may, shortcut
from ui.table_base import RowsTableModel
from ui.theme import MessageLabel, heading
from ui.workers import ServiceWorker, start_worker

log = logging.getLogger(__name__)

COL_ORDER, COL_SHOP, COL_PARCEL, COL_CARRIER, COL_TRACKING = range(5)
COL_STATUS, COL_SINCE, COL_AGE = range(5, 8)
_Index = QModelIndex | QPersistentModelIndex
COMPLETE_KEY = "F9"
REFRESH_KEY = "F5"

#: How many hours a parcel may go without an update, and how many days a delivery unconfirmed.
STALE_HOURS = 48
UNCONFIRMED_DAYS = 7

Key = tuple[str, str]  # (shop, order number)


class FollowUpModel(RowsTableModel[FollowUp]):
    """One follow-up list (``tracking.stale`` or ``tracking.unconfirmed``), oldest first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(self._header_list, parent)

    def _header_list(self) -> list[str]:
        return [
            self.tr("Order"),
            self.tr("Shop"),
            self.tr("Parcel"),
            self.tr("Carrier"),
            self.tr("Tracking number"),
            self.tr("Last status"),
            self.tr("Since"),
            self.tr("Age"),
        ]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        f = self.rows[index.row()]
        column = index.column()
        if column == COL_ORDER:
            return f.order_no
        if column == COL_SHOP:
            return f.shop
        if column == COL_PARCEL:
            return f.parcel_no
        if column == COL_CARRIER:
            return f.carrier or ""
        if column == COL_TRACKING:
            return f.tracking_no
        if column == COL_STATUS:
            return self.status_text(f.status)
        if column == COL_SINCE:
            return f.since.strftime("%Y-%m-%d %H:%M")
        return self.age_text(f.hours)

    def status_text(self, status: str) -> str:
        words = {
            "no update": self.tr("no update yet"),
            "picked_up": self.tr("picked up"),
            "in_transit": self.tr("in transit"),
            "out_for_delivery": self.tr("out for delivery"),
            "delivered": self.tr("delivered"),
            "exception": self.tr("problem"),
            "returned": self.tr("returned"),
        }
        return words.get(status, status)

    def age_text(self, hours: float) -> str:
        whole = int(hours)
        if whole < 48:
            return self.tr("{hours} h").format(hours=whole)
        return self.tr("{days} d {hours} h").format(days=whole // 24, hours=whole % 24)

    def key_at(self, row: int) -> Key:
        f = self.rows[row]
        return f.shop, f.order_no

    def retranslate(self) -> None:
        self.retranslate_headers()
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 7))


@dataclass(frozen=True)
class Loaded:
    """What one refresh found (in the worker thread)."""

    completed: list[str]
    stale: list[FollowUp]
    unconfirmed: list[FollowUp]


class FollowUpScreen(QWidget):
    """The two follow-up lists and the completion of unconfirmed orders."""

    loaded = Signal()  # a refresh (and any completion it did) has finished

    def __init__(
        self,
        ctx: AppContext,
        user: UserInfo,
        settings: Callable[[], Settings] = Settings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._user = user
        self._settings = settings
        self._stale = True  # nothing loaded yet
        self.worker: ServiceWorker | None = None
        #: the unconfirmed orders the list showed: a refresh completes only these
        self.shown: set[Key] = set()

        self._title = heading()
        self._hint = QLabel()
        self._hint.setObjectName("hint")
        self._hint.setWordWrap(True)
        self.message = MessageLabel()
        self._stale_title = QLabel()
        self._stale_title.setObjectName("subheading")
        self._unconfirmed_title = QLabel()
        self._unconfirmed_title.setObjectName("subheading")
        self.stale_model = FollowUpModel(self)
        self.unconfirmed_model = FollowUpModel(self)
        self.stale_view = self._table(self.stale_model)
        self.unconfirmed_view = self._table(self.unconfirmed_model)
        self.complete_button = QPushButton()
        self.complete_button.setEnabled(may(user, Action.COMPLETE_ORDERS))  # courtesy only

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.addWidget(self._title)
        layout.addWidget(self._hint)
        layout.addWidget(self.message)
        layout.addWidget(self._stale_title)
        layout.addWidget(self.stale_view, 1)
        layout.addWidget(self._unconfirmed_title)
        layout.addWidget(self.unconfirmed_view, 1)
        layout.addWidget(self.complete_button, 0, Qt.AlignmentFlag.AlignLeft)
        QWidget.setTabOrder(self.stale_view, self.unconfirmed_view)
        QWidget.setTabOrder(self.unconfirmed_view, self.complete_button)

        self.stale_view.activated.connect(lambda index: self.open_detail(self.stale_model, index))
        self.unconfirmed_view.activated.connect(
            lambda index: self.open_detail(self.unconfirmed_model, index)
        )
        self.complete_button.clicked.connect(self.complete_selected)
        shortcut(COMPLETE_KEY, self, self.complete_selected)
        shortcut(REFRESH_KEY, self, self.refresh)
        self.detail_dialog: OrderDetailDialog | None = None
        self._retranslate()

    def _table(self, model: FollowUpModel) -> QTableView:
        view = QTableView(self)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setTabKeyNavigation(False)  # Tab goes to the next list
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        return view

    # --- translation -----------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self.stale_model.retranslate()
            self.unconfirmed_model.retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._title.setText(self.tr("Follow-up"))
        self._hint.setText(
            self.tr(
                "Parcels the carrier has said nothing about for {hours} hours, and delivered "
                "orders nobody confirmed after {days} days, oldest first. Tab: the other list · "
                "Enter: order details · {complete}: complete the selected unconfirmed orders · "
                "{refresh}: refresh (also completes what was shown, {after} days after delivery)"
            ).format(
                hours=STALE_HOURS,
                days=UNCONFIRMED_DAYS,
                complete=COMPLETE_KEY,
                refresh=REFRESH_KEY,
                after=self._settings().complete_after_days,
            )
        )
        self.complete_button.setText(
            self.tr("Complete selected orders ({key})").format(key=COMPLETE_KEY)
        )
        if not may(self._user, Action.COMPLETE_ORDERS):
            self.complete_button.setToolTip(self.tr("Only a supervisor can complete orders."))
        self._update_titles()

    def _update_titles(self) -> None:
        self._stale_title.setText(
            self.tr("No tracking update for {hours} hours: {n} parcels").format(
                hours=STALE_HOURS, n=self.stale_model.rowCount()
            )
        )
        self._unconfirmed_title.setText(
            self.tr("Delivered, not confirmed after {days} days: {n} parcels").format(
                days=UNCONFIRMED_DAYS, n=self.unconfirmed_model.rowCount()
            )
        )

    # --- loading and completing --------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.worker is not None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def mark_stale(self) -> None:
        self._stale = True

    def refresh(self) -> None:
        """Load both lists; first complete what was shown and is now old enough."""
        days = float(self._settings().complete_after_days)
        auto = may(self._user, Action.COMPLETE_ORDERS) and bool(self.shown)
        self._start(set(self.shown) if auto else None, days)

    def complete_selected(self) -> None:
        """F9: complete the unconfirmed orders selected (or the current one)."""
        rows = sorted({i.row() for i in self.unconfirmed_view.selectionModel().selectedRows()})
        current = self.unconfirmed_view.currentIndex()
        if not rows and current.isValid():
            rows = [current.row()]
        if not rows:
            self.message.show_message(
                "error", self.tr("Select one or more orders in the second list first.")
            )
            self.unconfirmed_view.setFocus()
            return
        self._start({self.unconfirmed_model.key_at(r) for r in rows}, 0.0)

    def _start(self, complete: set[Key] | None, days: float) -> None:
        if self.worker is not None:
            return
        self._stale = False
        ctx, actor = self._ctx, self._user.actor

        def job(_progress: Callable[[int, int], None]) -> Loaded:
            completed: list[str] = []
            if complete:
                completed = tracking.complete_delivered(ctx.uow(), actor, days, only=complete)
            return Loaded(
                completed,
                tracking.stale(ctx.uow(), STALE_HOURS),
                tracking.unconfirmed(ctx.uow(), UNCONFIRMED_DAYS),
            )

        self.worker = start_worker(
            self, job, "follow-up", on_progress=lambda *_: None, on_done=self._on_done
        )

    def _on_done(self) -> None:
        worker, self.worker = self.worker, None
        if worker is None:
            return
        if worker.error is not None:
            self.message.show_message("error", failure_text(worker.error))
        elif isinstance(worker.result, Loaded):
            found = worker.result
            self.stale_model.set_rows(found.stale)
            self.unconfirmed_model.set_rows(found.unconfirmed)
            self.shown = {(f.shop, f.order_no) for f in found.unconfirmed}
            if found.completed:
                log.info("%s completed %s", self._user.name, ", ".join(found.completed))
                said = message_text(fm.COMPLETED(n=len(found.completed)))
                self.message.show_message("ok", said)
            self._update_titles()
            for view in (self.stale_view, self.unconfirmed_view):
                model = view.model()
                if model.rowCount() and not view.currentIndex().isValid():
                    view.setCurrentIndex(model.index(0, COL_ORDER))
        self.loaded.emit()

    # --- the order --------------------------------------------------------------------------

    def open_detail(
        self, model: FollowUpModel, index: QModelIndex | QPersistentModelIndex
    ) -> OrderDetailDialog | None:
        if not index.isValid():
            return None
        order_id = model.rows[index.row()].order_id
        try:
            detail = orders.get_order(self._ctx.uow(), self._user.actor, order_id)
        except DomainError as exc:
            self.message.show_message("error", error_text(exc))
            return None
        view = self.stale_view if model is self.stale_model else self.unconfirmed_view
        dialog = OrderDetailDialog(detail, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self._on_detail_finished(view))
        self.detail_dialog = dialog
        dialog.open()
        return dialog

    def _on_detail_finished(self, view: QTableView) -> None:
        self.detail_dialog = None
        view.setFocus()

    def focus_target(self) -> QWidget:
        return self.stale_view
