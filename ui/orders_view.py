"""The table of orders used by the orders and exceptions screens; Enter opens the order."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from app.context import AppContext
from app.domain.errors import DomainError
from app.domain.users import Actor
from app.services import orders
from ui.i18n import error_text
from ui.order_detail import OrderDetailDialog
from ui.orders_model import (
    COL_BUYER,
    COL_CARRIER,
    COL_CITY,
    COL_LINES,
    COL_ORDER_NO,
    COL_ORDERED_AT,
    COL_REASONS,
    COL_SHOP,
    COL_STATUS,
    COL_UNITS,
    OrdersTableModel,
)

log = logging.getLogger(__name__)

# Typical (not longest) contents per column; longer values are elided with the full text in the
# tooltip.  The widths follow the font, so the columns fit a 1366-pixel screen at 14 pt.
_SAMPLES = {
    COL_ORDER_NO: "3870263826820825330",
    COL_SHOP: "拼多多专营店",
    COL_STATUS: "Exception",
    COL_ORDERED_AT: "11-20 15:44",
    COL_BUYER: "Mia Wilson",
    COL_CITY: "乌鲁木齐市",
    COL_CARRIER: "YUNDA",
    COL_LINES: "999",
    COL_UNITS: "999",
}
_PADDING = 22


class _ElideMiddle(QStyledItemDelegate):
    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle


class OrdersView(QTableView):
    """Rows are whole orders; Enter or double-click shows the order's detail."""

    failed = Signal(str)

    def __init__(
        self,
        ctx: AppContext,
        actor: Actor,
        model: OrdersTableModel,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._actor = actor
        self.detail_dialog: OrderDetailDialog | None = None
        self._fitted: dict[int, int] = {}
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Order numbers differ at both ends: keep both.
        self._middle = _ElideMiddle(self)
        self.setItemDelegateForColumn(COL_ORDER_NO, self._middle)
        self.setTabKeyNavigation(False)
        self.setCornerButtonEnabled(False)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 14)
        columns = self.horizontalHeader()
        columns.setHighlightSections(False)
        columns.setStretchLastSection(True)
        columns.setMinimumSectionSize(40)
        self._fit_columns()
        self.activated.connect(self._on_activated)

    def _fit_columns(self) -> None:
        """Each column as wide as its typical content or its (bold) header, whichever is wider."""
        columns = self.horizontalHeader()
        body = self.fontMetrics()
        bold = QFont(self.font())
        bold.setBold(True)
        head = QFontMetrics(bold)
        model = self.ordersModel()
        for column, sample in _SAMPLES.items():
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            width = max(body.horizontalAdvance(sample), head.horizontalAdvance(title))
            self._fitted[column] = width + _PADDING
            if columns.sectionResizeMode(column) != QHeaderView.ResizeMode.Stretch:
                columns.resizeSection(column, width + _PADDING)
        # The reasons column is last and stretches over whatever room is left.
        columns.resizeSection(COL_REASONS, body.horizontalAdvance("x" * 20))

    def show_reasons(self, visible: bool, *, status_column: bool = True) -> None:
        """The reasons column (with room for it: city and carrier hidden) or the buyer wider.
        *status_column*: False when a status filter makes every row's status the same."""
        columns = self.horizontalHeader()
        self.setColumnHidden(COL_STATUS, not status_column)
        self.setColumnHidden(COL_REASONS, not visible)
        self.setColumnHidden(COL_CITY, visible)
        self.setColumnHidden(COL_CARRIER, visible)
        columns.setStretchLastSection(visible)
        columns.setSectionResizeMode(
            COL_BUYER,
            QHeaderView.ResizeMode.Interactive if visible else QHeaderView.ResizeMode.Stretch,
        )
        if visible and COL_BUYER in self._fitted:
            columns.resizeSection(COL_BUYER, self._fitted[COL_BUYER])

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._fit_columns()

    def ordersModel(self) -> OrdersTableModel:
        model = self.model()
        assert isinstance(model, OrdersTableModel)
        return model

    def selected_ids(self) -> list[int]:
        """The selected orders, or the current one when nothing is selected."""
        model = self.ordersModel()
        rows = sorted({index.row() for index in self.selectionModel().selectedRows()})
        if not rows and self.currentIndex().isValid():
            rows = [self.currentIndex().row()]
        return [model.order_at(row).id for row in rows]

    def select_first(self) -> None:
        if self.ordersModel().rowCount() and not self.currentIndex().isValid():
            self.setCurrentIndex(self.ordersModel().index(0, COL_ORDER_NO))

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_detail(index.row())

    def open_detail(self, row: int) -> OrderDetailDialog | None:
        order_id = self.ordersModel().order_at(row).id
        try:
            detail = orders.get_order(self._ctx.uow(), self._actor, order_id)
        except DomainError as exc:
            self.failed.emit(error_text(exc))
            return None
        dialog = OrderDetailDialog(detail, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._on_detail_finished)
        self.detail_dialog = dialog
        dialog.open()
        return dialog

    def _on_detail_finished(self, _result: int) -> None:
        self.detail_dialog = None
        self.setFocus()
