"""The stock screen: lots by SKU, lot or location; a lot's or a SKU's stock ledger with its
running balance; the low-stock list (库存预警 / 补货).

Keyboard and scanner only: the search field has the focus; scan (or type and Enter) a SKU code
or barcode, a lot code or a location code and its lots are listed. Enter on a lot: that lot's
ledger, newest first; F4: the ledger of what was searched (the SKU, the lot code, the
location); the dates narrow the ledger; Esc goes back. Ctrl+E writes what is shown (ledger or
low-stock list) to CSV or XLSX in a worker thread. Every table is read page by page, so the
screen opens at once on any warehouse.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.domain.errors import DomainError
from app.domain.scans import Scan
from app.messages import Message
from app.messages import stock as sm
from app.services import stock
from app.services.stock import StockScope
from app.services.users import UserInfo
from ui.i18n import failure_text, message_text
from ui.low_stock import LOW_STOCK_KEY
from ui.orders_screen import shortcut
from ui.stock_model import (
    LEDGER_COL_BALANCE,
    LEDGER_COL_LOCATION,
    LEDGER_COL_LOT,
    LEDGER_COL_REASON,
    LEDGER_COL_SKU,
    LOT_COL_NAME,
    LOW_COL_NAME,
    LedgerTableModel,
    LotsTableModel,
    LowStockTableModel,
)
from ui.theme import MessageLabel, heading
from ui.workers import Progress, ServiceWorker, start_worker

log = logging.getLogger(__name__)

LEDGER_KEY = "F4"
EXPORT_KEY = "Ctrl+E"

LOTS, LEDGER, LOW = "lots", "ledger", "low"


def _sentence(message: Message) -> str:
    """A catalogue message on a line of its own: with a capital letter."""
    text = message_text(message)
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class _View:
    """What the screen shows (Esc goes back to the one before)."""

    mode: str
    scope: StockScope | None = None


class StockScreen(QWidget):
    def __init__(
        self,
        ctx: AppContext,
        user: UserInfo,
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._user = user
        self._today = today
        self._loaded = False
        self._stale = False
        self._back: list[_View] = []
        self._view = _View(LOTS)
        self._searched: StockScope | None = None
        self._export_worker: ServiceWorker | None = None
        self._export_path: Path | None = None
        self._low_worker: ServiceWorker | None = None

        self.lots_model = LotsTableModel(ctx, today=today, parent=self)
        self.ledger_model = LedgerTableModel(ctx, parent=self)
        self.low_model = LowStockTableModel(ctx, parent=self)

        self._title = heading()
        self._hint = QLabel()
        self._hint.setObjectName("hint")
        self._hint.setWordWrap(True)
        self._search_label = QLabel()
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(220)
        self._search_label.setBuddy(self.search_edit)
        self.ledger_button = QPushButton()
        self.low_button = QPushButton()
        self.export_button = QPushButton()
        for button in (self.ledger_button, self.low_button, self.export_button):
            button.setAutoDefault(False)
        self._since_label = QLabel()
        self.since_edit = QLineEdit()
        self._until_label = QLabel()
        self.until_edit = QLineEdit()
        for label, edit in (
            (self._since_label, self.since_edit),
            (self._until_label, self.until_edit),
        ):
            edit.setClearButtonEnabled(True)
            edit.setMaximumWidth(190)
            label.setBuddy(edit)
        self.scope_label = QLabel()
        self.scope_label.setObjectName("subheading")
        self.scope_label.setWordWrap(True)
        self.message = MessageLabel()
        self.view = QTableView()
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setHighlightSections(False)
        self.view.setModel(self.lots_model)
        self.count_label = QLabel()

        search = QHBoxLayout()
        search.addWidget(self._search_label)
        search.addWidget(self.search_edit, 1)
        search.addWidget(self.ledger_button)
        search.addWidget(self.low_button)
        search.addWidget(self.export_button)
        self._dates = QWidget()
        dates = QHBoxLayout(self._dates)
        dates.setContentsMargins(0, 0, 0, 0)
        dates.addWidget(self._since_label)
        dates.addWidget(self.since_edit)
        dates.addSpacing(12)
        dates.addWidget(self._until_label)
        dates.addWidget(self.until_edit)
        dates.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.addWidget(self._title)
        layout.addWidget(self._hint)
        layout.addLayout(search)
        layout.addWidget(self.scope_label)
        layout.addWidget(self._dates)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)

        QWidget.setTabOrder(self.search_edit, self.view)
        QWidget.setTabOrder(self.view, self.since_edit)
        QWidget.setTabOrder(self.since_edit, self.until_edit)
        QWidget.setTabOrder(self.until_edit, self.ledger_button)
        QWidget.setTabOrder(self.ledger_button, self.low_button)
        QWidget.setTabOrder(self.low_button, self.export_button)

        self.search_edit.returnPressed.connect(self._on_search_entered)
        self.since_edit.returnPressed.connect(self._on_dates_entered)
        self.until_edit.returnPressed.connect(self._on_dates_entered)
        self.view.activated.connect(self._on_row_activated)
        self.ledger_button.clicked.connect(self._on_ledger_clicked)
        self.low_button.clicked.connect(self.show_low_stock)
        self.export_button.clicked.connect(self._on_export_clicked)
        for model in (self.lots_model, self.ledger_model):
            model.rowsInserted.connect(self._update_count_label)
            model.modelReset.connect(self._update_count_label)
        shortcut("Ctrl+F", self, self._on_find_shortcut)
        shortcut("F5", self, self.refresh)
        shortcut(LEDGER_KEY, self, self._on_ledger_clicked)
        shortcut(EXPORT_KEY, self, self._on_export_clicked)
        shortcut("Escape", self, self.go_back)
        self._retranslate()
        self._show_mode()

    # --- translation -----------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self.lots_model.retranslate()
            self.ledger_model.retranslate()
            self.low_model.retranslate()
            self._show_mode()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._title.setText(self.tr("Stock"))
        self._hint.setText(
            self.tr(
                "Scan or type a SKU, lot or location · Enter on a lot: its ledger · Enter on a "
                "low SKU: its lots · Esc: back · F5: refresh"
            )
        )
        self._search_label.setText(self.tr("Search"))
        self.search_edit.setPlaceholderText(self.tr("SKU, barcode, lot or location, then Enter"))
        self.ledger_button.setText(self.tr("Ledger ({key})").format(key=LEDGER_KEY))
        self.low_button.setText(self.tr("Low stock ({key})").format(key=LOW_STOCK_KEY))
        self.export_button.setText(self.tr("Export… ({key})").format(key=EXPORT_KEY))
        self.export_button.setToolTip(
            self.tr("The ledger or the low-stock list as shown, to CSV or Excel")
        )
        self._since_label.setText(self.tr("From"))
        self._until_label.setText(self.tr("To"))
        for edit in (self.since_edit, self.until_edit):
            edit.setPlaceholderText(self.tr("YYYY-MM-DD"))

    # --- what is shown -----------------------------------------------------------------------

    @property
    def mode(self) -> str:
        return self._view.mode

    def _today_or_now(self) -> dt.date:
        return self._today or dt.date.today()

    def _show_mode(self) -> None:
        """Point the table at the mode's model and say what it shows."""
        mode = self._view.mode
        models: dict[str, QAbstractItemModel] = {
            LOTS: self.lots_model,
            LEDGER: self.ledger_model,
            LOW: self.low_model,
        }
        model = models[mode]
        if self.view.model() is not model:
            self.view.setModel(model)
        self._fit_columns()
        self._dates.setVisible(mode == LEDGER)
        self.export_button.setEnabled(mode in (LEDGER, LOW))
        self.scope_label.setText(self._scope_text())
        self._update_count_label()

    def _fit_columns(self) -> None:
        """Columns as wide as what they hold; the names (the reasons) take the room left, and
        the ledger hides what its scope makes the same on every row."""
        mode, scope = self._view.mode, self._view.scope
        model = self.view.model()
        hidden: set[int] = set()
        if mode == LEDGER and scope is not None:
            parts = {LEDGER_COL_SKU: scope.sku, LEDGER_COL_LOT: scope.lot}
            parts[LEDGER_COL_LOCATION] = scope.location
            hidden = {column for column, part in parts.items() if part}
            if len(hidden) == 3:  # one lot: its balance is the scope's
                hidden.add(LEDGER_COL_BALANCE)
        for column in range(model.columnCount() if model is not None else 0):
            self.view.setColumnHidden(column, column in hidden)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.resizeColumnsToContents()
        stretch = {LOTS: LOT_COL_NAME, LEDGER: LEDGER_COL_REASON, LOW: LOW_COL_NAME}[mode]
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)

    def _scope_text(self) -> str:
        view = self._view
        if view.mode == LOW:
            if self._low_worker is not None:
                return self.tr("Reading the low-stock list…")
            n = self.low_model.rowCount()
            if n == 0:
                return _sentence(sm.NONE_LOW())
            return self.tr(
                "Low stock ({n}): SKUs below their threshold, fewest days of cover first"
            ).format(n=n)
        scope = view.scope
        if view.mode == LEDGER and scope is not None:
            return self.tr("Ledger of {what}, newest first (balances after each move)").format(
                what=self._scope_words(scope)
            )
        if scope:
            return self.tr("Lots of {what}").format(what=self._scope_words(scope))
        return self.tr("Every lot, by SKU, oldest received first")

    def _scope_words(self, scope: StockScope) -> str:
        if scope.sku and scope.lot and scope.location:
            return self.tr("lot {lot} of {sku} at {location}").format(
                lot=scope.lot, sku=scope.sku, location=scope.location
            )
        if scope.sku:
            return self.tr("SKU {sku}").format(sku=scope.sku)
        if scope.location:
            return self.tr("location {location}").format(location=scope.location)
        return self.tr("lot {lot}").format(lot=scope.lot)

    def _update_count_label(self) -> None:
        model = self.view.model()
        shown = model.rowCount() if model is not None else 0
        more = model is not None and model.canFetchMore(QModelIndex())
        if self._view.mode == LEDGER:
            text = self.tr("Moves shown: {n}").format(n=f"{shown:,}")
            if shown == 0:
                text = _sentence(sm.NO_MOVES())
        elif self._view.mode == LOTS:
            text = self.tr("Lots shown: {n}").format(n=f"{shown:,}")
            if shown == 0:
                text = self.tr("No lot here.")
        else:
            text = ""
        if more:
            text += " · " + self.tr("scroll down for more")
        self.count_label.setText(text)

    def _go(self, view: _View, *, remember: bool = True) -> None:
        if remember and view != self._view:
            self._back.append(self._view)
        self._view = view
        self._show_mode()
        if self.view.model() is not None and self.view.model().rowCount():
            self.view.setCurrentIndex(self.view.model().index(0, 0))

    # --- loading -------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded or self._stale:
            self.refresh()

    def mark_stale(self) -> None:
        """Stock moved elsewhere: read again when this screen is shown next."""
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Read what is shown again (the first page)."""
        self._loaded, self._stale = True, False
        try:
            if self._view.mode == LEDGER and self._view.scope is not None:
                m = self.ledger_model
                m.show_ledger(m.scope, m.since, m.until)
            elif self._view.mode == LOW:
                self._read_low()
            else:
                self.lots_model.show_scope(self._view.scope)
        except DomainError as exc:
            self.message.show_message("error", failure_text(exc))
        self._show_mode()

    # --- search and scans ----------------------------------------------------------------------

    def accept_scan(self, event: Scan) -> bool:
        """A scanned SKU barcode, location or lot is searched for, wherever the focus."""
        self.search_edit.setText(event.gtin or event.value)
        self._on_search_entered()
        return True

    def search(self, text: str) -> bool:
        """Show the lots of what *text* names; False (and why, in words) when nothing is."""
        self.search_edit.setText(text)
        return self._search(text)

    def _on_search_entered(self) -> None:
        if self._search(self.search_edit.text()) and self.lots_model.rowCount():
            self.view.setFocus()

    def _search(self, text: str) -> bool:
        self.message.clear_message()
        text = text.strip()
        if not text:
            self._searched = None
            self._back.clear()
            self.lots_model.show_scope(None)
            self._go(_View(LOTS), remember=False)
            return True
        try:
            scope = stock.find(self._ctx.uow(), text)
        except DomainError as exc:
            QApplication.beep()
            self.message.show_message("error", failure_text(exc))
            self.search_edit.selectAll()
            return False
        self._searched = scope
        self._back.clear()
        self.lots_model.show_scope(scope)
        self._go(_View(LOTS, scope), remember=False)
        return True

    def _on_find_shortcut(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    # --- the ledger ------------------------------------------------------------------------------

    def _on_row_activated(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        if self._view.mode == LOTS:
            self.show_ledger(self.lots_model.row_at(index.row()).scope)
        elif self._view.mode == LOW:
            sku = self.low_model.row_at(index.row()).sku
            self.lots_model.show_scope(StockScope(sku=sku))
            self._go(_View(LOTS, StockScope(sku=sku)))
            self.view.setFocus()

    def _on_ledger_clicked(self) -> None:
        """F4: the ledger of what was searched; without a search, of the current lot's SKU."""
        scope = self._view.scope if self._view.mode != LEDGER else None
        if self._view.mode == LOTS and not scope:
            index = self.view.currentIndex()
            if index.isValid():
                scope = StockScope(sku=self.lots_model.row_at(index.row()).sku)
        if self._view.mode == LOW:
            index = self.view.currentIndex()
            if index.isValid():
                scope = StockScope(sku=self.low_model.row_at(index.row()).sku)
        if scope:
            self.show_ledger(scope)
        elif self._view.mode != LEDGER:
            self.message.show_message("info", message_text(sm.NO_SCOPE()))
            self.search_edit.setFocus()

    def show_ledger(self, scope: StockScope) -> bool:
        """The ledger of *scope* between the dates given; False (and why) when refused."""
        dates = self._dates_given()
        if dates is None:
            return False
        try:
            self.ledger_model.show_ledger(scope, *dates)
        except DomainError as exc:
            self.message.show_message("error", failure_text(exc))
            return False
        self.message.clear_message()
        self._go(_View(LEDGER, scope))
        self.view.setFocus()
        return True

    def _dates_given(self) -> tuple[dt.date | None, dt.date | None] | None:
        found: list[dt.date | None] = []
        for label, edit in (
            (self._since_label, self.since_edit),
            (self._until_label, self.until_edit),
        ):
            text = edit.text().strip()
            if not text:
                found.append(None)
                continue
            try:
                found.append(dt.date.fromisoformat(text))
            except ValueError:
                said = sm.NOT_A_DATE(field=label.text(), text=text)
                self.message.show_message("error", message_text(said))
                edit.setFocus()
                edit.selectAll()
                return None
        return found[0], found[1]

    def set_dates(self, since: str, until: str) -> None:
        self.since_edit.setText(since)
        self.until_edit.setText(until)
        self._on_dates_entered()

    def _on_dates_entered(self) -> None:
        if self._view.mode == LEDGER and self._view.scope is not None:
            self.show_ledger(self._view.scope)  # the same view: Esc still goes to the lots

    # --- low stock --------------------------------------------------------------------------------

    def show_low_stock(self) -> None:
        """The SKUs below their threshold (the banner's list), read in a worker: the demand
        sums the picks of 30 days, which can take a second on a large ledger."""
        self.message.clear_message()
        self._loaded = True
        self._go(_View(LOW))
        self.view.setFocus()
        self._read_low()

    def _read_low(self) -> None:
        if self._low_worker is not None:
            return
        ctx, today = self._ctx, self._today_or_now()

        def job(_progress: Progress) -> object:
            return stock.low_stock(ctx.uow(), today)

        self._low_worker = start_worker(
            self, job, "low stock list", on_progress=lambda *_: None, on_done=self._on_low_read
        )
        self.scope_label.setText(self._scope_text())

    def _on_low_read(self) -> None:
        worker, self._low_worker = self._low_worker, None
        if worker is None:
            return
        if worker.error is not None:
            self.message.show_message("error", failure_text(worker.error))
        elif isinstance(worker.result, list):
            self.low_model.set_rows(worker.result)
        if self._view.mode == LOW:
            self._show_mode()
            if self.low_model.rowCount():
                self.view.setCurrentIndex(self.low_model.index(0, 0))

    def go_back(self) -> None:
        """Esc: to what was shown before (the lots from a ledger, the list from its lots)."""
        if not self._back:
            if self.search_edit.hasFocus():
                return
            self.search_edit.setFocus()
            self.search_edit.selectAll()
            return
        view = self._back.pop()
        if view.mode == LOTS:
            self.lots_model.show_scope(view.scope)
        self._go(view, remember=False)
        if view.mode == LOW:
            self._read_low()
        self.view.setFocus()

    # --- export -----------------------------------------------------------------------------------

    def _on_export_clicked(self) -> None:
        if self._export_worker is not None or self._view.mode not in (LEDGER, LOW):
            return
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
        name = "replenishment" if self._view.mode == LOW else "ledger"
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export"),
            str(Path.home() / f"{name}-{stamp}.xlsx"),
            self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"),
        )
        if path:
            self.export_to(Path(path))
        self.view.setFocus()

    def export_to(self, path: Path) -> bool:
        """Write what is shown — every move of the ledger (not only the rows read so far), or
        the low-stock list — to *path* in a worker thread. False when there is nothing to
        export or an export is running."""
        if self._export_worker is not None:
            return False
        ctx = self._ctx
        if self._view.mode == LOW:
            rows = list(self.low_model.rows)

            def job(_progress: Progress) -> object:
                return stock.export_low_stock(rows, path)

        elif self._view.mode == LEDGER:
            m = self.ledger_model
            scope, since, until = m.scope, m.since, m.until

            def job(_progress: Progress) -> object:
                moves = stock.ledger(
                    ctx.uow(),
                    sku=scope.sku,
                    lot=scope.lot,
                    location=scope.location,
                    since=since,
                    until=until,
                )
                return stock.export_ledger(moves, path)

        else:
            return False
        self.export_button.setEnabled(False)
        self.message.show_message("info", self.tr("Writing {file}…").format(file=str(path)))
        self._export_path = path
        self._export_worker = start_worker(
            self, job, "stock export", on_progress=lambda *_: None, on_done=self._on_exported
        )
        return True

    def is_busy(self) -> bool:
        return self._export_worker is not None or self._low_worker is not None

    def _on_exported(self) -> None:
        worker, self._export_worker = self._export_worker, None
        self.export_button.setEnabled(self._view.mode in (LEDGER, LOW))
        if worker is None:
            return
        if worker.error is not None:
            self.message.show_message("error", failure_text(worker.error))
            return
        rows = worker.result if isinstance(worker.result, int) else 0
        log.info("%s exported %d stock rows to %s", self._user.name, rows, self._export_path)
        said = sm.EXPORTED(rows=rows, file=str(self._export_path))
        self.message.show_message("ok", message_text(said))

    # --- focus -----------------------------------------------------------------------------------

    def focus_target(self) -> QWidget:
        return self.search_edit
