"""Table models of the count review screen (盘点审核): the counts (``list_counts`` with each
count's latest round's progress) and the lines of one (its variance report, with what every
round counted side by side: count | recount | …).

The screen reads the data in a worker thread and gives it to the models whole."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from app.domain.counts import AdjustReason, CountStatus
from app.messages.words import count_word
from app.services.count_documents import ReportLine, VarianceReport
from app.services.counts import CountRounds, CountRow, RoundProgress
from ui.i18n import QT_TRANSLATE_NOOP, message_text, translate
from ui.table_base import RowsTableModel
from ui.theme import ERROR, ERROR_BG, OK, OK_BG

__all__ = [
    "COL_CODE",
    "COL_EXPECTED",
    "COL_FIRST_ROUND",
    "COL_LOCATION",
    "COL_LOT",
    "COL_MADE_AT",
    "COL_MADE_BY",
    "COL_NAME",
    "COL_PROGRESS",
    "COL_SCOPE",
    "COL_SKU",
    "COL_STATUS",
    "COUNT_ROLE",
    "LINE_ROLE",
    "REASON_WORDS",
    "CountLinesModel",
    "CountListRow",
    "CountsTableModel",
    "count_status_text",
    "money",
    "reason_text",
    "round_name",
    "signed",
]

_Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

# The counts.
COL_CODE = 0
COL_SCOPE = 1
COL_STATUS = 2
COL_PROGRESS = 3
COL_MADE_BY = 4
COL_MADE_AT = 5

# A count's lines: these first, then one column per round (round r at COL_FIRST_ROUND + r − 1),
# then the variance, its value and what moved while counting (CountLinesModel.col_variance, …).
COL_LOCATION = 0
COL_SKU = 1
COL_NAME = 2
COL_LOT = 3
COL_EXPECTED = 4
COL_FIRST_ROUND = 5

#: the whole row (CountListRow, ReportLine)
COUNT_ROLE = Qt.ItemDataRole.UserRole + 1
LINE_ROLE = Qt.ItemDataRole.UserRole + 2

#: Why a variance is booked (app.domain.counts.AdjustReason), in words.
REASON_WORDS: dict[AdjustReason, str] = {
    AdjustReason.MISCOUNT: QT_TRANSLATE_NOOP("CountReview", "Miscount"),
    AdjustReason.DAMAGED: QT_TRANSLATE_NOOP("CountReview", "Damaged"),
    AdjustReason.LOST: QT_TRANSLATE_NOOP("CountReview", "Lost"),
    AdjustReason.FOUND: QT_TRANSLATE_NOOP("CountReview", "Found"),
    AdjustReason.THEFT: QT_TRANSLATE_NOOP("CountReview", "Theft"),
    AdjustReason.DATA_ERROR: QT_TRANSLATE_NOOP("CountReview", "Data error"),
}


def reason_text(reason: str) -> str:
    try:
        return translate("CountReview", REASON_WORDS[AdjustReason(reason)])
    except ValueError:
        return reason


def count_status_text(status: str) -> str:
    text = message_text(count_word(status))
    return text[:1].upper() + text[1:]


def signed(n: int) -> str:
    """+2, −3 (a real minus sign), 0."""
    return f"+{n:,}" if n > 0 else f"−{-n:,}" if n < 0 else "0"


def money(fen: int) -> str:
    """Yuan with a sign: +45.00, −60.00."""
    text = f"{abs(fen) / 100:,.2f}"
    return f"+{text}" if fen > 0 else f"−{text}" if fen < 0 else text


def round_name(round_no: int) -> str:
    """Round 1 is the count, round 2 the recount, then recount 2, 3 …"""
    if round_no <= 1:
        return QCoreApplication.translate("CountReview", "Count")
    if round_no == 2:
        return QCoreApplication.translate("CountReview", "Recount")
    return QCoreApplication.translate("CountReview", "Recount {n}").format(n=round_no - 1)


# --- the counts ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CountListRow:
    count: CountRow
    #: the latest round's progress (None: the count has no location)
    progress: RoundProgress | None

    @property
    def code(self) -> str:
        return self.count.code

    @property
    def status(self) -> str:
        return self.count.status


def _count_headers() -> list[str]:
    return [
        QCoreApplication.translate("CountsTableModel", "Count"),
        QCoreApplication.translate("CountsTableModel", "Scope"),
        QCoreApplication.translate("CountsTableModel", "Status"),
        QCoreApplication.translate("CountsTableModel", "Counted"),
        QCoreApplication.translate("CountsTableModel", "Made by"),
        QCoreApplication.translate("CountsTableModel", "Made"),
    ]


class CountsTableModel(RowsTableModel[CountListRow]):
    """Every count, newest first."""

    numbered_rows = False

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(_count_headers, parent)

    def set_counts(self, rows: Sequence[CountRow], progress: dict[str, RoundProgress]) -> None:
        self.set_rows([CountListRow(r, progress.get(r.code)) for r in rows])

    def row_of(self, code: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r.code == code), -1)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_SCOPE:
                return row.count.scope
            if column == COL_STATUS and row.count.approved_by:
                return QCoreApplication.translate("CountsTableModel", "Approved by {name}").format(
                    name=row.count.approved_by
                )
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_PROGRESS:
            return _RIGHT
        waiting = row.status in (CountStatus.SUBMITTED, CountStatus.RECOUNT)
        if role == Qt.ItemDataRole.FontRole and column == COL_STATUS and waiting:
            font = QFont()
            font.setBold(True)
            return font
        if role == COUNT_ROLE:
            return row
        return None

    @staticmethod
    def _display(row: CountListRow, column: int) -> str | None:
        count = row.count
        if column == COL_CODE:
            return count.code
        if column == COL_SCOPE:
            return count.scope
        if column == COL_STATUS:
            return count_status_text(count.status)
        if column == COL_PROGRESS:
            p = row.progress
            if p is None:
                return f"{count.done:,} / {count.locations:,}"
            text = f"{p.done:,} / {p.locations:,}"
            if p.round > 1:
                return f"{round_name(p.round)}: {text}"
            return text
        if column == COL_MADE_BY:
            return count.created_by
        if column == COL_MADE_AT:
            return count.created_at.strftime("%Y-%m-%d %H:%M")
        return None

    def retranslate(self) -> None:
        self.retranslate_headers()
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, self.columnCount() - 1)
            )


# --- a count's lines ---------------------------------------------------------------------------


class CountLinesModel(QAbstractTableModel):
    """The lines of one count as they stand: expected, what each round counted, the variance
    (the latest round's count − expected; 盘盈 green, 盘亏 red, with its sign and the word),
    its value and what moved while the location was counted.  Lines with a variance come
    first (in walking order), tinted; ``set_variances_only`` hides the others."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._report: VarianceReport | None = None
        self._rounds: CountRounds | None = None
        self._all: list[ReportLine] = []
        self._shown: list[ReportLine] = []
        self._variances_only = False

    # --- data ---------------------------------------------------------------------------------

    @property
    def report(self) -> VarianceReport | None:
        return self._report

    @property
    def rounds(self) -> int:
        """The round columns shown (the count's highest round)."""
        if self._rounds is not None:
            return max(self._rounds.rounds, 1)
        return max((line.round for line in self._all), default=1)

    @property
    def col_variance(self) -> int:
        return COL_FIRST_ROUND + self.rounds

    @property
    def col_value(self) -> int:
        return self.col_variance + 1

    @property
    def col_moved(self) -> int:
        return self.col_variance + 2

    def set_count(self, report: VarianceReport | None, rounds: CountRounds | None) -> None:
        self.beginResetModel()
        self._report, self._rounds = report, rounds
        lines = list(report.lines) if report is not None else []
        # variances first; each part keeps the walking order
        self._all = [line for line in lines if line.variance] + [
            line for line in lines if not line.variance
        ]
        self._filter()
        self.endResetModel()

    @property
    def variances_only(self) -> bool:
        return self._variances_only

    def set_variances_only(self, on: bool) -> None:
        self.beginResetModel()
        self._variances_only = on
        self._filter()
        self.endResetModel()

    def _filter(self) -> None:
        self._shown = [line for line in self._all if line.variance or not self._variances_only]

    def lines(self) -> list[ReportLine]:
        return list(self._shown)

    def line_at(self, row: int) -> ReportLine:
        return self._shown[row]

    def hidden_lines(self) -> int:
        """Lines without a variance the filter hides."""
        return len(self._all) - len(self._shown)

    def round_count(self, line: ReportLine, round_no: int) -> int | None:
        """What *line* counted in *round_no* (None: its location was not counted then)."""
        if round_no == line.round:
            return line.counted
        if self._rounds is not None:
            found = self._rounds.counted.get((line.location, line.sku, line.lot))
            if found is not None and round_no in found:
                return found[round_no]
            counted_then = self._rounds.counters.get(line.location, {})
            return 0 if round_no < line.round and round_no in counted_then else None
        # without the rounds: the earlier counts are the line's rounds before its own
        if round_no < line.round and len(line.earlier) == line.round - 1:
            return line.earlier[round_no - 1]
        return None

    def counter(self, line: ReportLine, round_no: int) -> str | None:
        if self._rounds is not None:
            return self._rounds.counters.get(line.location, {}).get(round_no)
        return line.counter if round_no == line.round else None

    # --- the table ------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.col_moved + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.ToolTipRole and section == self.col_moved:
            return QCoreApplication.translate(
                "CountReview",
                "Units picked, put away or received while the location was being counted",
            )
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        fixed = {
            COL_LOCATION: QCoreApplication.translate("CountReview", "Location"),
            COL_SKU: QCoreApplication.translate("CountReview", "SKU"),
            COL_NAME: QCoreApplication.translate("CountReview", "Name"),
            COL_LOT: QCoreApplication.translate("CountReview", "Lot"),
            COL_EXPECTED: QCoreApplication.translate("CountReview", "Expected"),
            self.col_variance: QCoreApplication.translate("CountReview", "Variance"),
            self.col_value: QCoreApplication.translate("CountReview", "Value ¥"),
            self.col_moved: QCoreApplication.translate("CountReview", "Moved"),
        }
        if section in fixed:
            return fixed[section]
        if COL_FIRST_ROUND <= section < self.col_variance:
            return round_name(section - COL_FIRST_ROUND + 1)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        line, column = self._shown[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(line, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= COL_EXPECTED:
            return _RIGHT
        coloured = column in (self.col_variance, self.col_value) and line.variance != 0
        if role == Qt.ItemDataRole.ForegroundRole and coloured:
            return QBrush(QColor(OK if line.variance > 0 else ERROR))
        if role == Qt.ItemDataRole.BackgroundRole and line.variance:
            return QBrush(QColor(OK_BG if line.variance > 0 else ERROR_BG))
        recounted = line.round > 1 and column == COL_FIRST_ROUND + line.round - 1
        if role == Qt.ItemDataRole.FontRole and (column == self.col_variance or recounted):
            font = QFont()
            font.setBold(True)  # the variance, and the recount it is computed from
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(line, column)
        if role == LINE_ROLE:
            return line
        return None

    def _display(self, line: ReportLine, column: int) -> str | None:
        if column == COL_LOCATION:
            return line.location
        if column == COL_SKU:
            return line.sku
        if column == COL_NAME:
            return line.name
        if column == COL_LOT:
            return line.lot or "—"
        if column == COL_EXPECTED:
            return f"{line.expected:,}"
        if COL_FIRST_ROUND <= column < self.col_variance:
            counted = self.round_count(line, column - COL_FIRST_ROUND + 1)
            return "" if counted is None else f"{counted:,}"
        if column == self.col_variance:
            if line.variance > 0:
                return QCoreApplication.translate("CountReview", "{n} over").format(
                    n=signed(line.variance)
                )
            if line.variance < 0:
                return QCoreApplication.translate("CountReview", "{n} short").format(
                    n=signed(line.variance)
                )
            return "0"
        if column == self.col_value:
            return money(line.value_fen) if line.value_fen else ""
        if column == self.col_moved:
            return signed(line.moved_while_counting) if line.moved_while_counting else ""
        return None

    def _tooltip(self, line: ReportLine, column: int) -> str | None:
        if COL_FIRST_ROUND <= column < self.col_variance:
            round_no = column - COL_FIRST_ROUND + 1
            who = self.counter(line, round_no)
            if who is None:
                return None
            return QCoreApplication.translate("CountReview", "{round}: counted by {name}").format(
                name=who, round=round_name(round_no)
            )
        if column == self.col_moved and line.moved_while_counting:
            return QCoreApplication.translate(
                "CountReview", "{n} unit(s) moved on this lot while the location was being counted"
            ).format(n=signed(line.moved_while_counting))
        if column == COL_NAME:
            return line.name
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self._shown:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._shown) - 1, self.columnCount() - 1)
            )
