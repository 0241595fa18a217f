"""The stock screen's tables: lots, a stock ledger, the low-stock list.

The lots and the ledger are lazy, like the orders table: only pages of PAGE_SIZE rows are read
(the view asks for more through canFetchMore()/fetchMore() as the user scrolls), each read in
its own unit of work, so the stock of a warehouse of any size opens at once. The ledger is read
newest first (keyset on time and id), so the balance on top is what the shelf holds now.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.context import AppContext
from app.services import stock
from app.services.stock import LedgerRow, LotRow, LowStockRow, StockScope
from ui.table_base import PagedTableModel, RowsTableModel
from ui.theme import ERROR, OK

PAGE_SIZE = 200

_Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

#: Role for the whole row (LotRow, LedgerRow or LowStockRow).
ROW_ROLE = Qt.ItemDataRole.UserRole + 1

# --- lots -----------------------------------------------------------------------------------

(
    LOT_COL_SKU,
    LOT_COL_NAME,
    LOT_COL_LOT,
    LOT_COL_LOCATION,
    LOT_COL_ON_HAND,
    LOT_COL_ALLOCATED,
    LOT_COL_FREE,
    LOT_COL_EXPIRY,
    LOT_COL_QUARANTINED,
) = range(9)
_LOT_NUMBERS = (LOT_COL_ON_HAND, LOT_COL_ALLOCATED, LOT_COL_FREE)


def _lot_headers() -> list[str]:
    return [
        QCoreApplication.translate("LotsTableModel", "SKU"),
        QCoreApplication.translate("LotsTableModel", "Name"),
        QCoreApplication.translate("LotsTableModel", "Lot"),
        QCoreApplication.translate("LotsTableModel", "Location"),
        QCoreApplication.translate("LotsTableModel", "On hand"),
        QCoreApplication.translate("LotsTableModel", "Allocated"),
        QCoreApplication.translate("LotsTableModel", "Free"),
        QCoreApplication.translate("LotsTableModel", "Expiry"),
        QCoreApplication.translate("LotsTableModel", "Quarantined"),
    ]


class LotsTableModel(PagedTableModel[LotRow]):
    """The lots of a SKU, a lot code or a location (or every lot), oldest received first."""

    def __init__(
        self,
        ctx: AppContext,
        *,
        today: dt.date | None = None,
        page_size: int = PAGE_SIZE,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(_lot_headers, page_size, parent)
        self._ctx = ctx
        self._today = today
        self.scope: StockScope | None = None

    def show_scope(self, scope: StockScope | None) -> None:
        self.scope = scope
        self.reload()

    def _read_page(self) -> list[LotRow]:
        today = self._today or dt.date.today()
        return stock.lots(
            self._ctx.uow(), today, self.scope, offset=len(self._rows), limit=self._page_size
        )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return lot_text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == LOT_COL_FREE and row.free == 0 and row.on_hand:
                if row.quarantined:
                    return QCoreApplication.translate(
                        "LotsTableModel", "In quarantine: not free to promise"
                    )
                if row.expired:
                    return QCoreApplication.translate(
                        "LotsTableModel", "Expired: not free to promise"
                    )
            if column == LOT_COL_LOT:
                return QCoreApplication.translate(
                    "LotsTableModel", "{lot}: received {date}"
                ).format(lot=row.lot, date=row.received_at.strftime("%Y-%m-%d"))
            text = lot_text(row, column)
            return str(text) if text not in (None, "") else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _LOT_NUMBERS:
            return _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and (
            (column == LOT_COL_EXPIRY and row.expired)
            or (column == LOT_COL_QUARANTINED and row.quarantined)
        ):
            return QBrush(QColor(ERROR))
        if role == ROW_ROLE:
            return row
        return None


def lot_text(row: LotRow, column: int) -> str | int | None:
    """What a lot's cell says."""
    if column == LOT_COL_SKU:
        return row.sku
    if column == LOT_COL_NAME:
        return row.name
    if column == LOT_COL_LOT:
        return row.lot
    if column == LOT_COL_LOCATION:
        return row.location
    if column == LOT_COL_ON_HAND:
        return row.on_hand
    if column == LOT_COL_ALLOCATED:
        return row.allocated
    if column == LOT_COL_FREE:
        return row.free
    if column == LOT_COL_EXPIRY:
        if row.expiry is None:
            return ""
        if row.expired:
            return QCoreApplication.translate("LotsTableModel", "{date} expired").format(
                date=row.expiry.isoformat()
            )
        return row.expiry.isoformat()
    if column == LOT_COL_QUARANTINED:
        return QCoreApplication.translate("LotsTableModel", "yes") if row.quarantined else ""
    return None


# --- the ledger -------------------------------------------------------------------------------

(
    LEDGER_COL_AT,
    LEDGER_COL_KIND,
    LEDGER_COL_SKU,
    LEDGER_COL_LOT,
    LEDGER_COL_LOCATION,
    LEDGER_COL_QTY,
    LEDGER_COL_LOT_BALANCE,
    LEDGER_COL_BALANCE,
    LEDGER_COL_ACTOR,
    LEDGER_COL_REASON,
) = range(10)
_LEDGER_NUMBERS = (LEDGER_COL_QTY, LEDGER_COL_LOT_BALANCE, LEDGER_COL_BALANCE)


def kind_text(kind: str) -> str:
    """A stock move's kind in the reader's language (an unknown kind as it is stored)."""
    words = {
        "receipt": QCoreApplication.translate("LedgerTableModel", "receipt"),
        "pick": QCoreApplication.translate("LedgerTableModel", "pick"),
        "putaway": QCoreApplication.translate("LedgerTableModel", "put-away"),
        "adjustment": QCoreApplication.translate("LedgerTableModel", "adjustment"),
        "return": QCoreApplication.translate("LedgerTableModel", "return"),
        "quarantine": QCoreApplication.translate("LedgerTableModel", "quarantine"),
        "count": QCoreApplication.translate("LedgerTableModel", "count"),
        "transfer": QCoreApplication.translate("LedgerTableModel", "transfer"),
    }
    return words.get(kind, kind)


def balance_header(scope: StockScope) -> str:
    """The scope's running balance, named by what the scope is."""
    if scope.sku and not (scope.lot or scope.location):
        return QCoreApplication.translate("LedgerTableModel", "SKU total")
    if scope.location and not (scope.sku or scope.lot):
        return QCoreApplication.translate("LedgerTableModel", "Location total")
    if scope.lot and not (scope.sku or scope.location):
        return QCoreApplication.translate("LedgerTableModel", "Lot code total")
    return QCoreApplication.translate("LedgerTableModel", "Total")


class LedgerTableModel(PagedTableModel[LedgerRow]):
    """Every stock move of a scope between two days, newest first, with the balances after it."""

    def __init__(
        self,
        ctx: AppContext,
        *,
        page_size: int = PAGE_SIZE,
        parent: QObject | None = None,
    ) -> None:
        self.scope = StockScope()
        self.since: dt.date | None = None
        self.until: dt.date | None = None
        super().__init__(self._ledger_headers, page_size, parent)
        self._ctx = ctx

    def _ledger_headers(self) -> list[str]:
        return [
            QCoreApplication.translate("LedgerTableModel", "When"),
            QCoreApplication.translate("LedgerTableModel", "Move"),
            QCoreApplication.translate("LedgerTableModel", "SKU"),
            QCoreApplication.translate("LedgerTableModel", "Lot"),
            QCoreApplication.translate("LedgerTableModel", "Location"),
            QCoreApplication.translate("LedgerTableModel", "Qty"),
            QCoreApplication.translate("LedgerTableModel", "Lot balance"),
            balance_header(self.scope),
            QCoreApplication.translate("LedgerTableModel", "By"),
            QCoreApplication.translate("LedgerTableModel", "Reason · reference"),
        ]

    def show_ledger(
        self, scope: StockScope, since: dt.date | None = None, until: dt.date | None = None
    ) -> None:
        """Read the ledger of *scope* (StockRefused when a part of it is unknown)."""
        first = stock.ledger(
            self._ctx.uow(),
            sku=scope.sku,
            lot=scope.lot,
            location=scope.location,
            since=since,
            until=until,
            newest_first=True,
            limit=self._page_size,
        )
        self.beginResetModel()
        self.scope, self.since, self.until = scope, since, until
        self._headers = self._ledger_headers()
        self._rows = first
        self._exhausted = len(first) < self._page_size
        self.endResetModel()

    def _read_page(self) -> list[LedgerRow]:
        return stock.ledger(
            self._ctx.uow(),
            sku=self.scope.sku,
            lot=self.scope.lot,
            location=self.scope.location,
            since=self.since,
            until=self.until,
            newest_first=True,
            after=self._rows[-1].key if self._rows else None,
            limit=self._page_size,
        )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return ledger_text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == LEDGER_COL_AT:
                return stock.local_time(row.at).strftime("%Y-%m-%d %H:%M:%S")
            text = ledger_text(row, column)
            return str(text) if text not in (None, "") else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _LEDGER_NUMBERS:
            return _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and column == LEDGER_COL_QTY:
            return QBrush(QColor(OK if row.qty > 0 else ERROR))
        if role == ROW_ROLE:
            return row
        return None


def ledger_text(row: LedgerRow, column: int) -> str | int | None:
    """What a ledger cell says (the quantity always with its sign: never colour alone)."""
    if column == LEDGER_COL_AT:
        return stock.local_time(row.at).strftime("%Y-%m-%d %H:%M")
    if column == LEDGER_COL_KIND:
        return kind_text(row.kind)
    if column == LEDGER_COL_SKU:
        return row.sku
    if column == LEDGER_COL_LOT:
        return row.lot
    if column == LEDGER_COL_LOCATION:
        return row.location
    if column == LEDGER_COL_QTY:
        return f"{row.qty:+d}".replace("-", "−")
    if column == LEDGER_COL_LOT_BALANCE:
        return row.lot_balance
    if column == LEDGER_COL_BALANCE:
        return row.balance
    if column == LEDGER_COL_ACTOR:
        return row.actor
    if column == LEDGER_COL_REASON:
        return " · ".join(part for part in (row.reason, row.ref) if part)
    return None


# --- low stock ------------------------------------------------------------------------------

(
    LOW_COL_SKU,
    LOW_COL_NAME,
    LOW_COL_FREE,
    LOW_COL_THRESHOLD,
    LOW_COL_DEMAND,
    LOW_COL_COVER,
) = range(6)
_LOW_NUMBERS = (LOW_COL_FREE, LOW_COL_THRESHOLD, LOW_COL_DEMAND, LOW_COL_COVER)


def _low_headers() -> list[str]:
    return [
        QCoreApplication.translate("LowStockTableModel", "SKU"),
        QCoreApplication.translate("LowStockTableModel", "Name"),
        QCoreApplication.translate("LowStockTableModel", "Free"),
        QCoreApplication.translate("LowStockTableModel", "Threshold"),
        QCoreApplication.translate("LowStockTableModel", "Picked in 30 days"),
        QCoreApplication.translate("LowStockTableModel", "Days of cover"),
    ]


class LowStockTableModel(RowsTableModel[LowStockRow]):
    """SKUs below their low-stock threshold, lowest days of cover first (a short list)."""

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(_low_headers, parent)
        self._ctx = ctx

    def reload(self, today: dt.date | None = None) -> None:
        self.set_rows(stock.low_stock(self._ctx.uow(), today or dt.date.today()))

    def row_at(self, row: int) -> LowStockRow:
        return self.rows[row]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return low_text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == LOW_COL_COVER and row.days_of_cover is None:
                return QCoreApplication.translate(
                    "LowStockTableModel", "Nothing was picked in 30 days: no rate to run out at"
                )
            text = low_text(row, column)
            return str(text) if text not in (None, "") else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _LOW_NUMBERS:
            return _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and column == LOW_COL_FREE and row.free == 0:
            return QBrush(QColor(ERROR))
        if role == ROW_ROLE:
            return row
        return None

    def retranslate(self) -> None:
        self.retranslate_headers()


def low_text(row: LowStockRow, column: int) -> str | int | None:
    if column == LOW_COL_SKU:
        return row.sku
    if column == LOW_COL_NAME:
        return row.name
    if column == LOW_COL_FREE:
        return row.free
    if column == LOW_COL_THRESHOLD:
        return row.threshold
    if column == LOW_COL_DEMAND:
        return row.demand_30d
    if column == LOW_COL_COVER:
        return "—" if row.days_of_cover is None else f"{row.days_of_cover:.1f}"
    return None
