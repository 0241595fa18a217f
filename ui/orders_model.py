"""The orders table: a lazy model over `app.services.orders.page`.

Only pages of PAGE_SIZE rows are ever read (newest first, keyset on id); the view asks for more
through canFetchMore()/fetchMore() as the user scrolls, so a million orders open as fast as two
hundred.  Each read opens its own unit of work.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from app.context import AppContext
from app.domain.users import Actor
from app.services import orders
from app.services.orders import OrderQuery, OrderRow
from ui.i18n import messages_text, status_text
from ui.table_base import PagedTableModel

PAGE_SIZE = 200

COL_ORDER_NO = 0
COL_SHOP = 1
COL_STATUS = 2
COL_ORDERED_AT = 3
COL_BUYER = 4
COL_CITY = 5
COL_CARRIER = 6
COL_LINES = 7
COL_UNITS = 8
COL_REASONS = 9
COLUMN_COUNT = 10

# Role for the whole OrderRow of a row.
ORDER_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


def _headers() -> list[str]:
    return [
        QCoreApplication.translate("OrdersTableModel", "Order no."),
        QCoreApplication.translate("OrdersTableModel", "Shop"),
        QCoreApplication.translate("OrdersTableModel", "Status"),
        QCoreApplication.translate("OrdersTableModel", "Ordered"),
        QCoreApplication.translate("OrdersTableModel", "Buyer"),
        QCoreApplication.translate("OrdersTableModel", "City"),
        QCoreApplication.translate("OrdersTableModel", "Carrier"),
        QCoreApplication.translate("OrdersTableModel", "Lines"),
        QCoreApplication.translate("OrdersTableModel", "Units"),
        QCoreApplication.translate("OrdersTableModel", "Exception reasons"),
    ]


class OrdersTableModel(PagedTableModel[OrderRow]):
    def __init__(
        self,
        ctx: AppContext,
        actor: Actor,
        query: OrderQuery | None = None,
        *,
        page_size: int = PAGE_SIZE,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(_headers, page_size, parent)
        self._ctx = ctx
        self._actor = actor
        self._query = query or OrderQuery()
        self._rows = self._read_page()
        self._exhausted = len(self._rows) < self._page_size

    # --- loading ---------------------------------------------------------------------------

    @property
    def query(self) -> OrderQuery:
        return self._query

    def set_query(self, query: OrderQuery) -> None:
        """Show other orders (status filter / search): back to the first page."""
        self._query = query
        self.refresh()

    def refresh(self) -> None:
        self.reload()

    def _read_page(self) -> list[OrderRow]:
        """The page after the orders read so far (newest first, keyset on id)."""
        before = self._rows[-1].id if self._rows else None
        return orders.page(self._ctx.uow(), self._actor, self._query, before, self._page_size)

    # --- reading ---------------------------------------------------------------------------

    def order_at(self, row: int) -> OrderRow:
        return self._rows[row]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_REASONS:
                return messages_text(row.exception_reasons, "\n") or None
            if column == COL_ORDERED_AT:
                return row.ordered_at.strftime("%Y-%m-%d %H:%M")
            text = self._display(row, column)
            return str(text) if text not in (None, "") else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_LINES, COL_UNITS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ORDER_ROLE:
            return row
        return None

    @staticmethod
    def _display(row: OrderRow, column: int) -> str | int | None:
        if column == COL_ORDER_NO:
            return row.order_no
        if column == COL_SHOP:
            return row.shop
        if column == COL_STATUS:
            return status_text(row.status)
        if column == COL_ORDERED_AT:
            # This year's orders without the year (the column stays narrow); tooltip: full date.
            if row.ordered_at.year == dt.date.today().year:
                return row.ordered_at.strftime("%m-%d %H:%M")
            return row.ordered_at.strftime("%Y-%m-%d %H:%M")
        if column == COL_BUYER:
            return row.buyer_name
        if column == COL_CITY:
            return row.city
        if column == COL_CARRIER:
            return row.carrier or ""
        if column == COL_LINES:
            return row.lines
        if column == COL_UNITS:
            return row.units
        if column == COL_REASONS:
            return messages_text(row.exception_reasons)
        return None

    def retranslate(self) -> None:
        """Headers, statuses and reasons in the current language."""
        self.retranslate_headers()
        if self._rows:
            self.dataChanged.emit(
                self.index(0, COL_STATUS),
                self.index(len(self._rows) - 1, COL_REASONS),
                [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole],
            )
