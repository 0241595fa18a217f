"""Table models of the label desk: the orders chosen for waybills / packing slips, and the SKUs,
locations or lots found for stock labels (each with a check box: Space or Enter toggles it).

The models hold plain data from the services; nothing here reads the database.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from app.services.documents import StockLabelData
from app.services.labels import item_key
from ui.table_base import HeaderedTableModel

_Index = QModelIndex | QPersistentModelIndex

# Orders (waybills, packing slips)
COL_ORDER = 0
COL_WAVE = 1
COL_TRACKING = 2
COL_RESULT = 3
ORDER_COLUMN_COUNT = 4

# Stock labels (SKU, location, lot)
ICOL_CODE = 0
ICOL_TITLE = 1
ICOL_SKU = 2
ICOL_GTIN = 3
ICOL_EXPIRY = 4
ITEM_COLUMN_COUNT = 5

# Role for the whole ChosenOrder / StockLabelData of a row.
ROW_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class ChosenOrder:
    order_no: str
    wave: str | None = None
    tracking_no: str = ""
    result: str = ""  # what happened when it was last printed (words, in the UI's language)
    refused: bool = False


def _order_headers() -> list[str]:
    return [
        QCoreApplication.translate("ChosenOrdersModel", "Order no."),
        QCoreApplication.translate("ChosenOrdersModel", "Wave"),
        QCoreApplication.translate("ChosenOrdersModel", "Tracking no."),
        QCoreApplication.translate("ChosenOrdersModel", "Result"),
    ]


def _item_headers() -> list[str]:
    return [
        QCoreApplication.translate("LabelItemsModel", "Code"),
        QCoreApplication.translate("LabelItemsModel", "Name / zone"),
        QCoreApplication.translate("LabelItemsModel", "SKU"),
        QCoreApplication.translate("LabelItemsModel", "GTIN"),
        QCoreApplication.translate("LabelItemsModel", "Expiry"),
    ]


class ChosenOrdersModel(HeaderedTableModel):
    """The orders to print, in the order they were scanned (a wave adds all its orders)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(_order_headers, parent)
        self._rows: list[ChosenOrder] = []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else ORDER_COLUMN_COUNT

    def order_numbers(self) -> list[str]:
        return [r.order_no for r in self._rows]

    def order_at(self, row: int) -> ChosenOrder:
        return self._rows[row]

    def row_of(self, order_no: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.order_no == order_no), -1)

    def add(self, orders: list[str] | tuple[str, ...], wave: str | None = None) -> int:
        """Add the orders not chosen yet; returns how many were new."""
        known = set(self.order_numbers())
        new = [ChosenOrder(o, wave) for o in dict.fromkeys(orders) if o not in known]
        if not new:
            return 0
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
        self._rows.extend(new)
        self.endInsertRows()
        return len(new)

    def remove_row(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows = []
        self.endResetModel()

    def set_result(
        self, order_no: str, result: str, *, tracking_no: str = "", refused: bool = False
    ) -> None:
        row = self.row_of(order_no)
        if row < 0:
            return
        old = self._rows[row]
        self._rows[row] = replace(
            old, result=result, tracking_no=tracking_no or old.tracking_no, refused=refused
        )
        self.dataChanged.emit(self.index(row, 0), self.index(row, ORDER_COLUMN_COUNT - 1))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = {
                COL_ORDER: row.order_no,
                COL_WAVE: row.wave or "",
                COL_TRACKING: row.tracking_no,
                COL_RESULT: ("✖ " if row.refused else "") + row.result,
            }
            return values.get(column)
        if role == ROW_ROLE:
            return row
        return None

    def retranslate(self) -> None:
        self.retranslate_headers()


class LabelItemsModel(HeaderedTableModel):
    """SKUs, locations or lots found by a search; the checked ones are printed.

    A new search keeps the checked rows (first) and shows the new results after them, so a batch
    can be chosen from several searches and scans.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(_item_headers, parent)
        self._rows: list[StockLabelData] = []
        self._checked: set[int] = set()  # indexes into _rows

    key = staticmethod(item_key)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else ITEM_COLUMN_COUNT

    def item_at(self, row: int) -> StockLabelData:
        return self._rows[row]

    def row_of(self, item: StockLabelData) -> int:
        key = self.key(item)
        return next((i for i, r in enumerate(self._rows) if self.key(r) == key), -1)

    def checked_items(self) -> list[StockLabelData]:
        return [r for i, r in enumerate(self._rows) if i in self._checked]

    def is_checked(self, row: int) -> bool:
        return row in self._checked

    def show_found(self, found: list[StockLabelData]) -> None:
        """The checked rows, then the found ones not among them."""
        kept = self.checked_items()
        keys = {self.key(r) for r in kept}
        self.beginResetModel()
        self._rows = kept + [r for r in found if self.key(r) not in keys]
        self._checked = set(range(len(kept)))
        self.endResetModel()

    def check(self, item: StockLabelData) -> int:
        """Check *item* (added at the end when not listed); returns its row."""
        row = self.row_of(item)
        if row < 0:
            row = len(self._rows)
            self.beginInsertRows(QModelIndex(), row, row)
            self._rows.append(item)
            self.endInsertRows()
        self.set_checked(row, True)
        return row

    def set_checked(self, row: int, checked: bool) -> None:
        if not 0 <= row < len(self._rows):
            return
        if checked:
            self._checked.add(row)
        else:
            self._checked.discard(row)
        index = self.index(row, ICOL_CODE)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])

    def toggle(self, row: int) -> None:
        self.set_checked(row, not self.is_checked(row))

    def set_all(self, checked: bool) -> None:
        self._checked = set(range(len(self._rows))) if checked else set()
        if self._rows:
            self.dataChanged.emit(
                self.index(0, ICOL_CODE),
                self.index(len(self._rows) - 1, ICOL_CODE),
                [Qt.ItemDataRole.CheckStateRole],
            )

    def clear(self) -> None:
        self.beginResetModel()
        self._rows = []
        self._checked = set()
        self.endResetModel()

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == ICOL_CODE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        state = value.value if isinstance(value, Qt.CheckState) else int(value)
        self.set_checked(index.row(), state == Qt.CheckState.Checked.value)
        return True

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            values: dict[int, str] = {
                ICOL_CODE: row.code,
                ICOL_TITLE: row.title,
                ICOL_SKU: row.sku or "",
                ICOL_GTIN: row.gtin or "",
                ICOL_EXPIRY: row.expiry.isoformat() if row.expiry else "",
            }
            return values.get(column)
        if role == Qt.ItemDataRole.CheckStateRole and column == ICOL_CODE:
            checked = index.row() in self._checked
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == ROW_ROLE:
            return row
        return None

    def retranslate(self) -> None:
        self.retranslate_headers()
