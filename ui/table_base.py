"""What every table model here shares: translatable column headers, numbered rows, rows read
page by page."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

_Row = TypeVar("_Row")
_Index = QModelIndex | QPersistentModelIndex


class HeaderedTableModel(QAbstractTableModel):
    """Horizontal headers come from *headers* (a function, so they follow the language);
    the vertical header numbers the rows when *numbered_rows*."""

    numbered_rows = True

    def __init__(self, headers: Callable[[], list[str]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._header_texts = headers
        self._headers = headers()

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return section + 1 if self.numbered_rows else None

    def retranslate_headers(self) -> None:
        self._headers = self._header_texts()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._headers) - 1)


class RowsTableModel(HeaderedTableModel, Generic[_Row]):
    """A table of *rows* given whole (``set_rows``), one column per header."""

    def __init__(self, headers: Callable[[], list[str]], parent: QObject | None = None) -> None:
        super().__init__(headers, parent)
        self.rows: list[_Row] = []

    def set_rows(self, rows: Sequence[_Row]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)


class PagedTableModel(HeaderedTableModel, Generic[_Row]):
    """Rows read page by page as the view asks for them (canFetchMore / fetchMore), so that a
    table of any size opens at once; subclasses say how the page after the rows read so far
    is read (``_read_page``)."""

    def __init__(
        self, headers: Callable[[], list[str]], page_size: int, parent: QObject | None = None
    ) -> None:
        super().__init__(headers, parent)
        self._page_size = page_size
        self._rows: list[_Row] = []
        self._exhausted = True

    def _read_page(self) -> list[_Row]:  # the page after self._rows
        raise NotImplementedError

    def reload(self) -> None:
        """Read the first page again (after a search, a filter or a refresh)."""
        self.beginResetModel()
        self._rows = []
        self._rows = self._read_page()
        self._exhausted = len(self._rows) < self._page_size
        self.endResetModel()

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted:
            return
        more = self._read_page()
        if len(more) < self._page_size:
            self._exhausted = True
        if not more:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def row_at(self, row: int) -> _Row:
        return self._rows[row]

    def loaded_rows(self) -> list[_Row]:
        return list(self._rows)

    def retranslate(self) -> None:
        self.retranslate_headers()
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self._rows) - 1, self.columnCount() - 1),
                [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole],
            )
