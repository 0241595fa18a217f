"""Count review (盘点审核): the supervisor's side of stock counts.  Above, every count (newest
first) and a chart of the opened count's variance by zone, short (盘亏) and over (盘盈);
below, the opened count's lines — expected, what each round counted side by side (count |
recount | …), the variance, its value, what moved while counting — lines with a variance
first.  A supervisor makes a count, submits it (variances beyond the threshold go to a
recount by someone else), orders another recount of the selected locations, approves it with
a reason (each variance becomes a 库存调整 move in the ledger) or calls it off.

Keyboard only: Enter opens the selected count, Esc goes back (or closes a panel), F5 reads
again, F6 shows only the lines with a variance, Ctrl+N makes a count, F9 submits, F7 orders
a recount, F10 approves, Ctrl+Del calls the count off.  Panels are inline (never a modal
dialog): Enter confirms, Esc closes.  Every service call runs in a worker thread (a count of
10,000 locations takes a while to submit or approve); the services enforce the role and
refuse in words, which the screen shows in red."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.domain.counts import ACTIVE, AdjustReason, CountStatus
from app.domain.users import Action
from app.messages import counts as msg
from app.messages.words import count_word
from app.services import counts
from app.services.count_documents import VarianceReport, variance_report
from app.services.counts import CountRounds, CountRow, RoundProgress
from app.services.users import UserInfo
from ui.charts import BarChart, BarSeries
from ui.count_review_model import (
    COL_NAME,
    COL_SCOPE,
    REASON_WORDS,
    CountLinesModel,
    CountListRow,
    CountsTableModel,
    count_status_text,
    money,
    reason_text,
    signed,
)
from ui.i18n import QT_TRANSLATE_NOOP, failure_text, message_text, translate
from ui.orders_screen import may, shortcut
from ui.theme import ERROR, OK, PANEL, MessageLabel, heading
from ui.workers import Progress, ServiceWorker, start_worker

log = logging.getLogger(__name__)

__all__ = ["CountReviewScreen"]

CREATE_KEY = "Ctrl+N"
SUBMIT_KEY = "F9"
RECOUNT_KEY = "F7"
APPROVE_KEY = "F10"
CANCEL_KEY = "Ctrl+Del"
FILTER_KEY = "F6"
REFRESH_KEY = "F5"

#: The scopes a count is made of: (key, words, what to type).
SCOPES: tuple[tuple[str, str, str], ...] = (
    ("zone", QT_TRANSLATE_NOOP("CreatePanel", "Zone"), "A"),
    ("range", QT_TRANSLATE_NOOP("CreatePanel", "Location range"), "A-01-01-01..A-01-05-04"),
    ("skus", QT_TRANSLATE_NOOP("CreatePanel", "SKUs"), "CUP, MUG"),
    ("abc", QT_TRANSLATE_NOOP("CreatePanel", "ABC class"), "A, B, C"),
    ("stale", QT_TRANSLATE_NOOP("CreatePanel", "Not counted for N days"), "30"),
    ("full", QT_TRANSLATE_NOOP("CreatePanel", "Full warehouse"), ""),
)

LOCAL_STYLE = f"""
QFrame#reviewPanel {{ background: {PANEL}; border: 2px solid #c5ccd6; border-radius: 8px; }}
QLabel#countSummary {{ font-size: 15pt; }}
QLabel#reviewHint {{ font-size: 12pt; color: #333333; }}
QPushButton#primary:disabled {{ background: {PANEL}; color: #6b6b6b; border-color: #a0a7b0; }}
"""


@dataclass(frozen=True)
class Snapshot:
    """What the screen shows, read in one worker: the counts and the opened count."""

    counts: list[CountRow]
    progress: dict[str, RoundProgress]
    report: VarianceReport | None
    rounds: CountRounds | None


def read_snapshot(ctx: AppContext, code: str | None) -> Snapshot:
    rows = counts.list_counts(ctx.uow())
    progress = counts.rounds_progress(ctx.uow())
    if code is None:
        return Snapshot(rows, progress, None, None)
    return Snapshot(
        rows, progress, variance_report(ctx.uow(), code), counts.count_rounds(ctx.uow(), code)
    )


def _yuan(fen: int) -> str:
    """ " (¥−40.00)" after a number of units; nothing when the value is not known (no unit
    cost: 0)."""
    return f" (¥{money(fen)})" if fen else ""


def _table(model: Any, *, many: bool) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if many
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(not many)  # a count's lines are tinted by their variance
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().hide()
    return view


# --- the inline panels ----------------------------------------------------------------------------


class InlinePanel(QFrame):
    """A panel in the screen (never a modal dialog): a title, fields, a confirm and a close
    button; Enter in any field confirms (the screen's Esc closes it)."""

    confirmed = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewPanel")
        self.title = QLabel()
        self.title.setObjectName("subheading")
        self.title.setWordWrap(True)
        # Fields in rows of their own, the buttons on the last: the panel fits the narrowest
        # station screen (1366 px with the navigation) in either language.
        self.rows = QVBoxLayout()
        self.fields = QHBoxLayout()
        self.rows.addLayout(self.fields)
        self.confirm_button = QPushButton()
        self.confirm_button.setObjectName("primary")
        self.confirm_button.setAutoDefault(False)
        self.close_button = QPushButton()
        self.close_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(self.rows)
        layout.addLayout(buttons)
        self.confirm_button.clicked.connect(self.confirmed)
        self.close_button.clicked.connect(self.closed)
        self.hide()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        """The panel's words in the UI's language (each panel says its own)."""

    def add_field(
        self, label: QLabel, field: QWidget, stretch: int = 0, *, new_row: bool = False
    ) -> None:
        """A labelled field at the end of the last row of fields (or of a new row)."""
        label.setBuddy(field)
        if new_row:
            self.fields = QHBoxLayout()
            self.rows.addLayout(self.fields)
        self.fields.addWidget(label)
        self.fields.addWidget(field, stretch)
        self.fields.addSpacing(12)

    def first_field(self) -> QWidget:
        return self.confirm_button

    def open_panel(self) -> None:
        self.show()
        self.first_field().setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.confirmed.emit()
            return
        super().keyPressEvent(event)


class CreatePanel(InlinePanel):
    """A new count: what to count (a zone, a range, SKUs, an ABC class, locations not counted
    for N days, the whole warehouse) and the recount threshold."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kind_label = QLabel()
        self.kind_combo = QComboBox()
        self._value_label = QLabel()
        self.value_edit = QLineEdit()
        self._units_label = QLabel()
        self.units_spin = QSpinBox()
        self.units_spin.setRange(0, 1_000_000)
        self.units_spin.setValue(2)
        self._yuan_label = QLabel()
        self.yuan_edit = QLineEdit()
        self.yuan_edit.setMaximumWidth(110)
        self.add_field(self._kind_label, self.kind_combo)
        self.add_field(self._value_label, self.value_edit, 1)
        self.add_field(self._units_label, self.units_spin, new_row=True)
        self.add_field(self._yuan_label, self.yuan_edit)
        self.fields.addStretch(1)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self._retranslate()

    def _retranslate(self) -> None:
        self.title.setText(self.tr("New stock count: what to count — Enter makes it, Esc closes"))
        self._kind_label.setText(self.tr("Count"))
        self._value_label.setText(self.tr("Which"))
        self._units_label.setText(self.tr("Recount beyond (units)"))
        self._yuan_label.setText(self.tr("or ¥"))
        self.yuan_edit.setPlaceholderText(self.tr("optional"))
        self.confirm_button.setText(self.tr("Make the count (Enter)"))
        self.close_button.setText(self.tr("Close (Esc)"))
        current = max(self.kind_combo.currentIndex(), 0)
        self.kind_combo.blockSignals(True)
        self.kind_combo.clear()
        for key, words, _example in SCOPES:
            self.kind_combo.addItem(translate("CreatePanel", words), key)
        self.kind_combo.setCurrentIndex(current)
        self.kind_combo.blockSignals(False)
        self._on_kind_changed()

    def _on_kind_changed(self) -> None:
        kind = self.kind()
        example = next(e for k, _w, e in SCOPES if k == kind)
        self.value_edit.setEnabled(kind != "full")
        self.value_edit.setPlaceholderText(self.tr("e.g. {example}").format(example=example))

    def kind(self) -> str:
        return str(self.kind_combo.currentData() or "zone")

    def first_field(self) -> QWidget:
        return self.kind_combo

    def open_panel(self) -> None:
        self.value_edit.clear()
        super().open_panel()

    def scope(self) -> dict[str, Any]:
        """The create_count keywords of what the panel says (the service checks them)."""
        value = self.value_edit.text().strip()
        kind = self.kind()
        if kind == "zone":
            return {"zone": value}
        if kind == "range":
            return {"location_range": value}
        if kind == "skus":
            return {"skus": [s for s in value.replace("，", ",").split(",")]}
        if kind == "abc":
            return {"abc": value}
        if kind == "stale":
            return {"stale_days": int(value) if value.isdigit() else -1}
        return {"full": True}

    def recount_value_fen(self) -> int | None:
        """The value threshold in fen, None when not given; raises ValueError on a bad one."""
        text = self.yuan_edit.text().strip().replace("¥", "")
        return None if not text else round(float(text) * 100)


class ApprovePanel(InlinePanel):
    """Approve with a reason: each variance becomes a 库存调整 move."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reason_label = QLabel()
        self.reason_combo = QComboBox()
        self.add_field(self._reason_label, self.reason_combo)
        self._retranslate()

    def _retranslate(self) -> None:
        self._reason_label.setText(self.tr("Reason"))
        self.confirm_button.setText(self.tr("Approve (Enter)"))
        self.close_button.setText(self.tr("Close (Esc)"))
        current = max(self.reason_combo.currentIndex(), 0)
        self.reason_combo.clear()
        for reason, words in REASON_WORDS.items():
            self.reason_combo.addItem(translate("CountReview", words), reason.value)
        self.reason_combo.setCurrentIndex(current)

    def first_field(self) -> QWidget:
        return self.reason_combo

    def reason(self) -> str:
        return str(self.reason_combo.currentData() or AdjustReason.MISCOUNT.value)


class CancelPanel(InlinePanel):
    """Calling a count off, said before it is done."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._retranslate()

    def _retranslate(self) -> None:
        self.confirm_button.setText(self.tr("Call it off (Enter)"))
        self.close_button.setText(self.tr("Keep it (Esc)"))


# --- the screen ---------------------------------------------------------------------------------


class CountReviewScreen(QWidget):
    #: stock moved (an approval booked its variances)
    stock_changed = Signal()
    #: an action's result in words, or a refusal (tests and the main window)
    action_done = Signal(str)
    action_failed = Signal(str)

    def __init__(self, ctx: AppContext, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._user = user
        self._manager = may(user, Action.MANAGE_COUNTS)
        self._worker: ServiceWorker | None = None
        self._describe: Callable[[Any], str] | None = None
        self._opened: str | None = None
        self._loaded = False
        self._stale = False
        self.setStyleSheet(LOCAL_STYLE)

        self.counts_model = CountsTableModel(self)
        self.lines_model = CountLinesModel(self)
        self.counts_view = _table(self.counts_model, many=False)
        self.counts_view.horizontalHeader().setSectionResizeMode(
            COL_SCOPE, QHeaderView.ResizeMode.Interactive
        )
        self.counts_view.setColumnWidth(COL_SCOPE, 260)
        self.lines_view = _table(self.lines_model, many=True)
        self.lines_view.horizontalHeader().setSectionResizeMode(
            COL_NAME, QHeaderView.ResizeMode.Interactive
        )
        self.lines_view.setColumnWidth(COL_NAME, 200)
        self.chart = BarChart()
        self.chart.setFixedHeight(220)

        self._title = heading()
        self._hint = QLabel()
        self._hint.setObjectName("reviewHint")
        self._hint.setWordWrap(True)
        self.message = MessageLabel()
        self.summary = QLabel()
        self.summary.setObjectName("countSummary")
        self.summary.setWordWrap(True)
        self.filter_box = QCheckBox()
        self.filter_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.create_button = QPushButton()
        self.submit_button = QPushButton()
        self.recount_button = QPushButton()
        self.approve_button = QPushButton()
        self.approve_button.setObjectName("primary")
        self.cancel_button = QPushButton()
        self._actions = (
            self.create_button,
            self.submit_button,
            self.recount_button,
            self.approve_button,
            self.cancel_button,
        )
        for button in self._actions:
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys do it; the tables keep focus
            button.setAutoDefault(False)
        for button in self._actions:
            button.setVisible(self._manager)  # courtesy: the services refuse anyway

        self.create_panel = CreatePanel()
        self.approve_panel = ApprovePanel()
        self.cancel_panel = CancelPanel()
        self._panels: tuple[InlinePanel, ...] = (
            self.create_panel,
            self.approve_panel,
            self.cancel_panel,
        )

        # The title with "make a count"; the opened count's actions on the row below (on one
        # row they would not fit 1366 px beside the navigation).
        header = QHBoxLayout()
        header.addWidget(self._title)
        header.addStretch(1)
        header.addWidget(self.create_button)
        actions = QHBoxLayout()
        actions.addStretch(1)
        for button in (
            self.submit_button,
            self.recount_button,
            self.approve_button,
            self.cancel_button,
        ):
            actions.addWidget(button)

        # The opened count: what it says in words and its chart side by side, its lines below.
        words = QVBoxLayout()
        words.addWidget(self.summary)
        words.addWidget(self.filter_box)
        words.addStretch(1)
        middle = QHBoxLayout()
        middle.addLayout(words, 1)
        middle.addWidget(self.chart, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 8, 20, 8)
        layout.addLayout(header)
        layout.addLayout(actions)
        layout.addWidget(self._hint)
        for panel in self._panels:
            layout.addWidget(panel)
        layout.addWidget(self.message)
        layout.addWidget(self.counts_view, 2)
        layout.addLayout(middle, 0)
        layout.addWidget(self.lines_view, 4)

        self.counts_view.activated.connect(self._on_count_activated)
        self.counts_view.selectionModel().selectionChanged.connect(self._on_count_selected)
        self.filter_box.toggled.connect(self._on_filter_toggled)
        self.create_button.clicked.connect(self.open_create_panel)
        self.submit_button.clicked.connect(self.submit)
        self.recount_button.clicked.connect(self.order_recount)
        self.approve_button.clicked.connect(self.open_approve_panel)
        self.cancel_button.clicked.connect(self.open_cancel_panel)
        self.create_panel.confirmed.connect(self._on_create_confirmed)
        self.approve_panel.confirmed.connect(self._on_approve_confirmed)
        self.cancel_panel.confirmed.connect(self._on_cancel_confirmed)
        for panel in self._panels:
            panel.closed.connect(self.close_panels)
        shortcut(REFRESH_KEY, self, self.refresh)
        shortcut(FILTER_KEY, self, self.filter_box.toggle)
        shortcut(CREATE_KEY, self, self.open_create_panel)
        shortcut(SUBMIT_KEY, self, self.submit)
        shortcut(RECOUNT_KEY, self, self.order_recount)
        shortcut(APPROVE_KEY, self, self.open_approve_panel)
        shortcut(CANCEL_KEY, self, self.open_cancel_panel)
        shortcut("Escape", self, self.go_back)

        self._retranslate()
        self._show_count()

    # --- translation ---------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self.counts_model.retranslate()
            self.lines_model.retranslate()
            self._show_count()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._title.setText(self.tr("Count review"))
        keys = self.tr("Enter open · Esc back · {f5} refresh · {f6} variances only")
        if self._manager:
            keys += " · " + self.tr(
                "{new} new · {submit} submit · {recount} recount selected · {approve} approve · "
                "{cancel} call off"
            )
        self._hint.setText(
            keys.format(
                f5=REFRESH_KEY,
                f6=FILTER_KEY,
                new=CREATE_KEY,
                submit=SUBMIT_KEY,
                recount=RECOUNT_KEY,
                approve=APPROVE_KEY,
                cancel=CANCEL_KEY,
            )
        )
        self.create_button.setText(self.tr("New count ({key})").format(key=CREATE_KEY))
        self.submit_button.setText(self.tr("Submit ({key})").format(key=SUBMIT_KEY))
        self.recount_button.setText(self.tr("Recount ({key})").format(key=RECOUNT_KEY))
        self.approve_button.setText(self.tr("Approve ({key})").format(key=APPROVE_KEY))
        self.cancel_button.setText(self.tr("Call off ({key})").format(key=CANCEL_KEY))
        self.filter_box.setText(self.tr("Variances only ({key})").format(key=FILTER_KEY))
        self.chart.set_title(self.tr("Variance by zone (units)"))

    # --- reading -------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded or self._stale:
            self.refresh()

    def mark_stale(self) -> None:
        self._stale = True

    def is_busy(self) -> bool:
        return self._worker is not None

    def opened(self) -> str | None:
        """The code of the count shown below (None: none opened)."""
        return self._opened

    def refresh(self) -> None:
        """Read the counts (and the opened count) again."""
        code = self._opened
        self._run(lambda: (None, read_snapshot(self._ctx, code)), None, "read counts")

    def open_count(self, code: str) -> None:
        self._run(lambda: (None, read_snapshot(self._ctx, code)), None, "open count")

    def selected_count(self) -> CountListRow | None:
        rows = self.counts_view.selectionModel().selectedRows()
        return self.counts_model.rows[rows[0].row()] if rows else None

    def _on_count_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_count(self.counts_model.rows[index.row()].code)

    def _on_count_selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_buttons()

    def _on_filter_toggled(self, on: bool) -> None:
        self.lines_model.set_variances_only(on)
        self._show_count()

    # --- the worker ----------------------------------------------------------------------------

    def _run(
        self,
        action: Callable[[], tuple[Any, Snapshot]],
        describe: Callable[[Any], str] | None,
        name: str,
    ) -> bool:
        """*action* in a worker thread: it does what it does and reads the screen's data
        again; *describe* says its result.  False when another one is still running."""
        if self._worker is not None:
            self.message.show_message("info", self.tr("Wait: the last action is still running."))
            return False

        def job(_progress: Progress) -> object:
            return action()

        self._describe = describe
        for button in self._actions:
            button.setEnabled(False)
        self._worker = start_worker(
            self, job, name, on_progress=self._on_progress, on_done=self._on_done
        )
        return True

    def _on_progress(self, _done: int, _total: int) -> None:
        pass

    def _on_done(self) -> None:
        worker, self._worker = self._worker, None
        describe, self._describe = self._describe, None
        if worker is None:
            return
        if worker.error is not None:
            text = failure_text(worker.error)
            log.info("count review: %s refused or failed: %s", worker.objectName(), text)
            self.message.show_message("error", text)
            self._update_buttons()
            self.action_failed.emit(text)
            return
        done: tuple[Any, Snapshot] = worker.result  # type: ignore[assignment]
        result, snapshot = done
        self._apply(snapshot)
        if describe is not None:
            text = describe(result)
            log.info("%s: %s", self._user.name, text)
            self.message.show_message("ok", text)
            self.action_done.emit(text)

    def _apply(self, snapshot: Snapshot) -> None:
        self._loaded, self._stale = True, False
        keep = self._opened
        code = snapshot.report.code if snapshot.report is not None else None
        selected = self.selected_count()
        self.counts_model.set_counts(snapshot.counts, snapshot.progress)
        row = self.counts_model.row_of(code or (selected.code if selected else keep or ""))
        if row < 0 and self.counts_model.rowCount():
            row = 0
        if row >= 0:
            self.counts_view.selectRow(row)
        self.lines_model.set_count(snapshot.report, snapshot.rounds)
        self._opened = code
        self._show_count()
        if code is not None and code != keep:
            self.lines_view.setFocus()
            if self.lines_model.rowCount():
                self.lines_view.selectRow(0)
        elif code is None and not self.lines_view.hasFocus():
            self.counts_view.setFocus()

    # --- what the opened count shows -------------------------------------------------------------

    def _opened_row(self) -> CountListRow | None:
        if self._opened is None:
            return None
        row = self.counts_model.row_of(self._opened)
        return self.counts_model.rows[row] if row >= 0 else None

    def _show_count(self) -> None:
        report = self.lines_model.report
        if report is None:
            self.summary.setText(self.tr("Select a count and press Enter to see its lines."))
            self.chart.set_empty_text(self.tr("No count opened"))
            self.chart.set_data([], [])
            self._update_buttons()
            return
        first = self.tr("{count} · {status}").format(
            count=report.code, status=count_status_text(report.status)
        )
        if report.approved_by:
            first += " · " + self.tr("approved by {name}").format(name=report.approved_by)
            first += f" ({reason_text(report.reason)})" if report.reason else ""
        second = " · ".join(
            (
                self.tr("{done} of {n} location(s) counted").format(
                    done=report.counted_locations, n=report.locations
                ),
                self.tr("{n} line(s) with a variance").format(n=len(report.with_variance)),
            )
        )
        sums = []
        if report.short_units:
            sums.append(self.tr("short {units}").format(units=signed(report.short_units)))
            sums[-1] += _yuan(report.short_fen)
        if report.over_units:
            sums.append(self.tr("over {units}").format(units=signed(report.over_units)))
            sums[-1] += _yuan(report.over_fen)
        hidden = self.lines_model.hidden_lines()
        if hidden:
            sums.append(self.tr("{n} line(s) without a variance hidden").format(n=hidden))
        parts = [first, second, " · ".join(sums)]
        self.summary.setText("\n".join(p for p in parts if p))
        self._show_chart(report)
        self._update_buttons()

    def _show_chart(self, report: VarianceReport) -> None:
        zones = report.zones()
        value: dict[tuple[str, int], int] = {}
        for line in report.lines:
            if line.variance:
                key = (line.zone, 0 if line.variance < 0 else 1)
                value[key] = value.get(key, 0) + line.value_fen
        short_name, over_name = self.tr("Short"), self.tr("Over")
        names = [self.tr("Zone {zone}").format(zone=z.zone) for z in zones]

        def tooltip(category: int, series: int) -> str:
            zone = zones[category]
            units = zone.short if series == 0 else zone.over
            return self.tr("{zone} · {sign}: {units} unit(s)").format(
                zone=names[category],
                sign=short_name if series == 0 else over_name,
                units=signed(units),
            ) + _yuan(value.get((zone.zone, series), 0))

        self.chart.set_empty_text(
            self.tr("No variance") if report.lines else self.tr("No location counted yet")
        )
        self.chart.set_data(
            names,
            [
                BarSeries(short_name, ERROR, tuple(float(z.short) for z in zones)),
                BarSeries(over_name, OK, tuple(float(z.over) for z in zones)),
            ],
            value_text=lambda v: signed(round(v)),
            tooltip=tooltip,
        )

    def _update_buttons(self) -> None:
        if self._worker is not None:
            return
        row = self._opened_row() or self.selected_count()
        status = row.status if row is not None else ""
        self.create_button.setEnabled(True)
        self.submit_button.setEnabled(status in (CountStatus.OPEN, CountStatus.RECOUNT))
        self.recount_button.setEnabled(
            self._opened is not None and status in (CountStatus.SUBMITTED, CountStatus.RECOUNT)
        )
        self.approve_button.setEnabled(status == CountStatus.SUBMITTED)
        self.cancel_button.setEnabled(status in ACTIVE)

    # --- actions -------------------------------------------------------------------------------

    def _target(self) -> str | None:
        """The count an action is for: the opened one, else the selected one."""
        if self._opened is not None:
            return self._opened
        row = self.selected_count()
        if row is None:
            self.message.show_message("error", self.tr("Select a count first."))
            return None
        return row.code

    def close_panels(self) -> None:
        for panel in self._panels:
            panel.hide()
        (self.lines_view if self._opened else self.counts_view).setFocus()

    def go_back(self) -> None:
        """Esc: close an open panel; else from a count's lines back to the counts."""
        if any(panel.isVisible() for panel in self._panels):
            self.close_panels()
            return
        self.counts_view.setFocus()

    def open_create_panel(self) -> None:
        self.close_panels()
        self.create_panel.open_panel()

    def _on_create_confirmed(self) -> None:
        panel = self.create_panel
        try:
            value_fen = panel.recount_value_fen()
        except ValueError:
            self.message.show_message(
                "error",
                self.tr("The recount value is an amount in yuan, e.g. 50 or 12.50."),
            )
            return
        scope, units, actor = panel.scope(), panel.units_spin.value(), self._user.actor
        ctx = self._ctx

        def action() -> tuple[Any, Snapshot]:
            made = counts.create_count(
                ctx.uow(), actor, recount_units=units, recount_value_fen=value_fen, **scope
            )
            return made, read_snapshot(ctx, made.code)

        def describe(made: counts.CountCreated) -> str:
            text = self.tr("Count {count} made: {n} location(s) of {scope}.").format(
                count=made.code, n=len(made.locations), scope=made.scope
            )
            if made.skipped:
                text += " " + self.tr(
                    "{n} left out: they are in another count not approved yet."
                ).format(n=len(made.skipped))
            return text

        if self._run(action, describe, "create count"):
            panel.hide()

    def submit(self) -> None:
        code = self._target()
        if code is None:
            return
        ctx, actor = self._ctx, self._user.actor

        def action() -> tuple[Any, Snapshot]:
            result = counts.submit(ctx.uow(), actor, code)
            return result, read_snapshot(ctx, code)

        def describe(result: counts.SubmitResult) -> str:
            text = self.tr("{count} submitted: {n} line(s) with a variance.").format(
                count=result.code, n=len(result.variances)
            )
            if result.recount:
                return (
                    text
                    + " "
                    + self.tr(
                        "Recount ordered for {locations}: someone who has not counted them "
                        "counts them again."
                    ).format(locations=", ".join(result.recount))
                )
            return text + " " + self.tr("It waits for approval ({key}).").format(key=APPROVE_KEY)

        self.close_panels()
        self._run(action, describe, "submit count")

    def selected_locations(self) -> list[str]:
        rows = {index.row() for index in self.lines_view.selectionModel().selectedRows()}
        return sorted({self.lines_model.line_at(r).location for r in rows})

    def order_recount(self) -> None:
        code = self._opened
        locations = self.selected_locations()
        if code is None or not locations:
            self.message.show_message(
                "error",
                self.tr("Open a count and select the lines of the locations to recount."),
            )
            return
        ctx, actor = self._ctx, self._user.actor

        def action() -> tuple[Any, Snapshot]:
            ordered = counts.order_recount(ctx.uow(), actor, code, locations)
            return ordered, read_snapshot(ctx, code)

        def describe(ordered: list[str]) -> str:
            return self.tr(
                "Recount ordered for {locations}: someone who has not counted them counts "
                "them again."
            ).format(locations=", ".join(ordered))

        self.close_panels()
        self._run(action, describe, "order recount")

    def open_approve_panel(self) -> None:
        code = self._target()
        if code is None:
            return
        report = self.lines_model.report
        row = self._opened_row() or self.selected_count()
        if row is not None and row.status != CountStatus.SUBMITTED:
            self.message.show_message(
                "error",
                message_text(msg.NOT_SUBMITTED(count=row.code, status=count_word(row.status))),
            )
            return
        self.close_panels()
        if report is not None and report.code == code:
            units = report.short_units + report.over_units
            self.approve_panel.title.setText(
                self.tr(
                    "Approve {count}: {n} line(s) with a variance, {units} unit(s) net{value}, "
                    "become stock adjustments in the ledger. Why? Enter approves, Esc closes"
                ).format(
                    count=code,
                    n=len(report.with_variance),
                    units=signed(units),
                    value=_yuan(report.short_fen + report.over_fen),
                )
            )
        else:
            self.approve_panel.title.setText(
                self.tr("Approve {count}: why? Enter approves, Esc closes").format(count=code)
            )
        self.approve_panel.open_panel()

    def _on_approve_confirmed(self) -> None:
        code = self._target()
        if code is None:
            return
        reason, ctx, actor = self.approve_panel.reason(), self._ctx, self._user.actor

        def action() -> tuple[Any, Snapshot]:
            result = counts.approve(ctx.uow(), actor, code, reason)
            return result, read_snapshot(ctx, code)

        def describe(result: counts.ApproveResult) -> str:
            self.stock_changed.emit()
            return self.tr(
                "{count} approved ({reason}): {n} adjustment move(s), {units} unit(s) net."
            ).format(
                count=result.code,
                reason=reason_text(result.reason),
                n=len(result.moves),
                units=signed(sum(m.qty for m in result.moves)),
            )

        if self._run(action, describe, "approve count"):
            self.close_panels()

    def open_cancel_panel(self) -> None:
        code = self._target()
        if code is None:
            return
        self.close_panels()
        self.cancel_panel.title.setText(
            self.tr(
                "Call {count} off? Nothing of it is booked and its locations are free for "
                "another count. Enter calls it off, Esc keeps it"
            ).format(count=code)
        )
        self.cancel_panel.open_panel()

    def _on_cancel_confirmed(self) -> None:
        code = self._target()
        if code is None:
            return
        ctx, actor = self._ctx, self._user.actor

        def action() -> tuple[Any, Snapshot]:
            return counts.cancel(ctx.uow(), actor, code), read_snapshot(ctx, code)

        def describe(cancelled: str) -> str:
            return self.tr("{count} called off: nothing was booked.").format(count=cancelled)

        if self._run(action, describe, "cancel count"):
            self.close_panels()

    # --- focus ---------------------------------------------------------------------------------

    def focus_target(self) -> QWidget:
        return self.lines_view if self._opened else self.counts_view
