"""The table of orders used by the orders and exceptions screens; Enter opens the order."""

from __future__ import annotations

import logging

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget
from sqlalchemy import Engine

from app.bootstrap import unit_of_work
from app.domain.errors import DomainError
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

#: Column widths in average characters (the reasons column takes the rest).
_WIDTHS = {
    COL_ORDER_NO: 24,  # platform order numbers run to 20+ digits (digits are wide)
    COL_SHOP: 13,
    COL_STATUS: 10,
    COL_ORDERED_AT: 16,
    COL_BUYER: 11,
    COL_CITY: 10,
    COL_CARRIER: 7,
    COL_LINES: 6,
    COL_UNITS: 6,
}


class OrdersView(QTableView):
    """Rows are whole orders; Enter or double-click shows the order's detail."""

    failed = Signal(str)

    def __init__(
        self, engine: Engine, model: OrdersTableModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._engine = engine
        self.detail_dialog: OrderDetailDialog | None = None
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
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
        char = self.fontMetrics().averageCharWidth()
        for column, chars in _WIDTHS.items():
            columns.resizeSection(column, chars * char + 24)
        columns.resizeSection(COL_REASONS, 40 * char)
        self.activated.connect(self._on_activated)

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
            detail = orders.get_order(unit_of_work(self._engine), order_id)
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
