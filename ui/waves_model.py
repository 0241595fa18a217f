"""Table models of the waves screen: every wave (`list_waves`) and the tasks of one (`load_wave`).

Waves are few (one per batch of orders), so the whole list is read at once, in its own unit of
work.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from app.context import AppContext
from app.services import picking, waves
from app.services.picking import TaskView, WaveView
from app.services.waves import WaveSummary
from ui.i18n import QT_TRANSLATE_NOOP, translate
from ui.table_base import HeaderedTableModel

_Index = QModelIndex | QPersistentModelIndex

COL_CODE = 0
COL_STATUS = 1
COL_KIND = 2
COL_ORDERS = 3
COL_TASKS = 4
COL_OPEN_TASKS = 5
COL_CREATED_AT = 6
COL_CREATED_BY = 7
COLUMN_COUNT = 8

TCOL_SEQ = 0
TCOL_LOCATION = 1
TCOL_SKU = 2
TCOL_NAME = 3
TCOL_LOT = 4
TCOL_QTY = 5
TCOL_PICKED = 6
TCOL_STATUS = 7
TCOL_ORDER_NO = 8
TCOL_SLOT = 9
TASK_COLUMN_COUNT = 10

#: Role for the whole WaveSummary / TaskView of a row.
WAVE_ROLE = Qt.ItemDataRole.UserRole + 1
TASK_ROLE = Qt.ItemDataRole.UserRole + 2

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

_WAVE_WORDS: dict[str, str] = {
    "open": QT_TRANSLATE_NOOP("Wave", "open"),
    "picking": QT_TRANSLATE_NOOP("Wave", "picking"),
    "done": QT_TRANSLATE_NOOP("Wave", "done"),
    "single-item": QT_TRANSLATE_NOOP("Wave", "single-item"),
    "multi-item": QT_TRANSLATE_NOOP("Wave", "multi-item"),
    "mixed": QT_TRANSLATE_NOOP("Wave", "mixed"),
    "picked": QT_TRANSLATE_NOOP("Wave", "picked"),
    "short": QT_TRANSLATE_NOOP("Wave", "short"),
    "cancelled": QT_TRANSLATE_NOOP("Wave", "cancelled"),
}


def wave_word(word: str) -> str:
    """A wave status, wave kind or task status in the UI's language."""
    known = _WAVE_WORDS.get(word)
    return translate("Wave", known) if known else word


def _wave_headers() -> list[str]:
    return [
        QCoreApplication.translate("WavesTableModel", "Wave"),
        QCoreApplication.translate("WavesTableModel", "Status"),
        QCoreApplication.translate("WavesTableModel", "Kind"),
        QCoreApplication.translate("WavesTableModel", "Orders"),
        QCoreApplication.translate("WavesTableModel", "Tasks"),
        QCoreApplication.translate("WavesTableModel", "Open tasks"),
        QCoreApplication.translate("WavesTableModel", "Created"),
        QCoreApplication.translate("WavesTableModel", "By"),
    ]


def _task_headers() -> list[str]:
    return [
        QCoreApplication.translate("WaveTasksModel", "#"),
        QCoreApplication.translate("WaveTasksModel", "Location"),
        QCoreApplication.translate("WaveTasksModel", "SKU"),
        QCoreApplication.translate("WaveTasksModel", "Name"),
        QCoreApplication.translate("WaveTasksModel", "Lot"),
        QCoreApplication.translate("WaveTasksModel", "Qty"),
        QCoreApplication.translate("WaveTasksModel", "Picked"),
        QCoreApplication.translate("WaveTasksModel", "Status"),
        QCoreApplication.translate("WaveTasksModel", "Order no."),
        QCoreApplication.translate("WaveTasksModel", "Slot"),
    ]


class WavesTableModel(HeaderedTableModel):
    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(_wave_headers, parent)
        self._ctx = ctx
        self._rows: list[WaveSummary] = []
        self._rows = waves.list_waves(ctx.uow())

    def refresh(self) -> None:
        self.beginResetModel()
        self._rows = waves.list_waves(self._ctx.uow())
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def wave_at(self, row: int) -> WaveSummary:
        return self._rows[row]

    def row_of(self, code: str) -> int:
        """The row of the wave *code*, or -1."""
        return next((i for i, w in enumerate(self._rows) if w.code == code), -1)

    def waves(self) -> list[WaveSummary]:
        return list(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            COL_ORDERS,
            COL_TASKS,
            COL_OPEN_TASKS,
        ):
            return _RIGHT
        if role == WAVE_ROLE:
            return row
        return None

    @staticmethod
    def _display(row: WaveSummary, column: int) -> str | int | None:
        if column == COL_CODE:
            return row.code
        if column == COL_STATUS:
            return wave_word(row.status)
        if column == COL_KIND:
            return wave_word(row.kind)
        if column == COL_ORDERS:
            return row.orders
        if column == COL_TASKS:
            return row.tasks
        if column == COL_OPEN_TASKS:
            return row.open_tasks
        if column == COL_CREATED_AT:
            return row.created_at.strftime("%Y-%m-%d %H:%M")
        if column == COL_CREATED_BY:
            return row.created_by
        return None

    def retranslate(self) -> None:
        self.retranslate_headers()
        if self._rows:
            self.dataChanged.emit(
                self.index(0, COL_STATUS),
                self.index(len(self._rows) - 1, COL_KIND),
                [Qt.ItemDataRole.DisplayRole],
            )


class WaveTasksModel(HeaderedTableModel):
    numbered_rows = False

    """The pick tasks of one wave, along the walking path."""

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(_task_headers, parent)
        self._ctx = ctx
        self._wave: WaveView | None = None

    @property
    def wave(self) -> WaveView | None:
        return self._wave

    def load(self, wave_id: int | None) -> None:
        """Show the tasks of *wave_id* (None: nothing)."""
        self.beginResetModel()
        self._wave = picking.load_wave(self._ctx.uow(), wave_id) if wave_id is not None else None
        self.endResetModel()

    def tasks(self) -> tuple[TaskView, ...]:
        return self._wave.tasks if self._wave is not None else ()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.tasks())

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else TASK_COLUMN_COUNT

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        tasks = self.tasks()
        if not index.isValid() or not (0 <= index.row() < len(tasks)):
            return None
        task = tasks[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(task, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            TCOL_SEQ,
            TCOL_QTY,
            TCOL_PICKED,
            TCOL_SLOT,
        ):
            return _RIGHT
        if role == TASK_ROLE:
            return task
        return None

    @staticmethod
    def _display(task: TaskView, column: int) -> str | int | None:
        values: dict[int, str | int] = {
            TCOL_SEQ: task.seq,
            TCOL_LOCATION: task.location,
            TCOL_SKU: task.sku,
            TCOL_NAME: task.name,
            TCOL_LOT: task.lot,
            TCOL_QTY: task.qty,
            TCOL_PICKED: task.picked_qty,
            TCOL_STATUS: wave_word(task.status),
            TCOL_ORDER_NO: task.order_no,
            TCOL_SLOT: task.slot if task.slot is not None else "",
        }
        return values.get(column)

    def retranslate(self) -> None:
        self.retranslate_headers()
        if self.tasks():
            self.dataChanged.emit(
                self.index(0, TCOL_STATUS),
                self.index(len(self.tasks()) - 1, TCOL_STATUS),
                [Qt.ItemDataRole.DisplayRole],
            )
