"""The packing station (打包台 / 验货): scanner and keyboard only, one always-focused scan field.

Scan the order number, its waybill, or (single-item waves) the item → scan every item (each
scan is checked and persisted by app.services.packing before the line turns green) → F4 weighs
the parcel on the scale → F10 closes it and prints its waybill (and the packing slip) → scan
the printed waybill → shipped.  A refusal is a red banner with the sentence and the refusal
sound; only Esc or a scan of CLEAR puts it away, so a refused item is never missed.

Keys: Esc / CLEAR acknowledge · F2 undo my last scan · F3 damage check done · F4 weigh (no
scale, when the settings warn: record the parcel as not weighed) · F6 insert added · F7 then
scan a damaged item: it comes out of the parcel (booked to quarantine) · F8 put the order
aside · F9 supervisor accepts a refused weight · F10 close the parcel and print (Shift+F10:
close it as one of several parcels) · digits + Enter: the quantity for the next scan (bulk
lines) · a packaging code (the station's settings) chooses the parcel's box or bag, whose
tare then counts in the expected weight.
"""

from __future__ import annotations

import contextlib
import logging
import re
import socket
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.config import default_packaging
from app.context import AppContext
from app.domain.errors import DomainError
from app.domain.packing import Packaging, WeightVerdict
from app.domain.users import Action, Actor
from app.services import documents, packing
from app.services.packing import LineView, OrderBlocked, PackerToday, PackView, ParcelView
from app.services.users import UserInfo, login_with_badge
from devices.scales import Reading
from devices.scanning import ScanEvent
from ui.devices import DeviceHub
from ui.i18n import QT_TRANSLATE_NOOP, failure_text, pattern_text, status_text
from ui.orders_screen import may
from ui.pick_screen import QTY_PATTERN
from ui.sounds import ACCEPT, DONE, REFUSE, Sounds
from ui.theme import ACCENT, OK_BG, PANEL, MessageLabel, heading
from ui.workers import Progress, ServiceWorker, start_worker

log = logging.getLogger(__name__)

CLEAR_CODE = "CLEAR"
HEARTBEAT_MS = 60_000

LOCAL_STYLE = f"""
QLabel#packStep {{ font-size: 24pt; font-weight: bold; color: {ACCENT}; }}
QLabel#packOrder {{ font-size: 30pt; font-weight: bold; }}
QLabel#packCount {{ font-size: 30pt; font-weight: bold; }}
QLabel#packBig {{ font-size: 20pt; }}
QLabel#packNote {{ font-size: 20pt; font-weight: bold; color: #7a4b00; }}
QLabel#packFragile {{ font-size: 20pt; font-weight: bold; color: white; background: #8a3b00;
    padding: 4px 10px; border-radius: 4px; }}
QLabel#packWeight {{ font-size: 30pt; font-weight: bold; }}
QLabel#packToday {{ font-size: 16pt; color: #333333; }}
QLabel#message {{ font-size: 18pt; }}
QLineEdit#packScan {{ font-size: 24pt; padding: 8px; }}
QFrame#packPanel, QFrame#weightPanel {{
    background: {PANEL}; border: 2px solid #c5ccd6; border-radius: 8px;
}}
QTableView#packLines {{ font-size: 20pt; }}
QLabel#banner {{ font-size: 22pt; font-weight: bold; color: white; padding: 14px;
    border-radius: 6px; }}
QLabel#banner[kind="ok"] {{ background: #0a6b2d; }}
QLabel#banner[kind="error"] {{ background: #b00020; }}
QLabel#banner[kind="blocked"] {{ background: #b00020; font-size: 26pt; padding: 24px; }}
"""


class PackStep(StrEnum):
    ORDER = "order"  # waiting for an order / waybill / single item
    ITEMS = "items"  # the order is open: item scans
    BADGE = "badge"  # a supervisor's badge, to accept a refused weight
    REASON = "reason"  # the supervisor types why
    DAMAGED = "damaged"  # F7: scan the damaged item, it comes out of the parcel
    PRINTING = "printing"  # the waybill is being rendered (off the GUI thread)
    WAYBILL = "waybill"  # scan the printed waybill label


WAVE_CODE = re.compile(r"^W\d{6}$")

# --- service sentences in the UI's language -------------------------------------------------

_G = r"[\d,.]+ g"
SENTENCES: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"^(?P<label>.+): (?P<n>\d+) of (?P<qty>\d+) scanned — all items scanned$"),
        QT_TRANSLATE_NOOP("PackSentence", "{label}: {n} of {qty} scanned — all items scanned"),
    ),
    (
        re.compile(r"^(?P<label>.+): (?P<n>\d+) of (?P<qty>\d+) scanned — line complete$"),
        QT_TRANSLATE_NOOP("PackSentence", "{label}: {n} of {qty} scanned — line complete"),
    ),
    (
        re.compile(r"^(?P<label>.+): (?P<n>\d+) of (?P<qty>\d+) scanned$"),
        QT_TRANSLATE_NOOP("PackSentence", "{label}: {n} of {qty} scanned"),
    ),
    (
        re.compile(
            r"^(?P<label>.+) is counted, not scanned one by one — type the quantity"
            r" \((?P<n>\d+) still needed\), then scan it again$"
        ),
        QT_TRANSLATE_NOOP(
            "PackSentence",
            "{label} is counted, not scanned one by one — type the quantity ({n} still "
            "needed), then scan it again",
        ),
    ),
    (
        re.compile(
            r"^(?P<label>.+) is checked unit by unit — scan each item instead of typing a"
            r" quantity \((?P<n>\d+) still needed\)$"
        ),
        QT_TRANSLATE_NOOP(
            "PackSentence",
            "{label} is checked unit by unit — scan each item instead of typing a quantity "
            "({n} still needed)",
        ),
    ),
    (
        re.compile(
            r"^no unit of (?P<label>.+) is in the open parcel (?P<n>\d+) — nothing to swap out;"
            r" scan the damaged item's line in this parcel$"
        ),
        QT_TRANSLATE_NOOP(
            "PackSentence",
            "no unit of {label} is in the open parcel {n} — nothing to swap out; scan the "
            "damaged item's line in this parcel",
        ),
    ),
    (
        re.compile(
            r"^(?P<what>.+) is not in order (?P<order>\S+) — scan the damaged item itself"
            r" \(an item of this order, in the open parcel\)$"
        ),
        QT_TRANSLATE_NOOP(
            "PackSentence",
            "{what} is not in order {order} — scan the damaged item itself (an item of this "
            "order, in the open parcel)",
        ),
    ),
    (
        re.compile(
            r"^wrong item: SKU (?P<sku>\S+) is not in order (?P<order>\S+) — put it back and"
            r" scan an item of this order$"
        ),
        QT_TRANSLATE_NOOP(
            "PackSentence",
            "wrong item: SKU {sku} is not in order {order} — put it back and scan an item of "
            "this order",
        ),
    ),
    (
        re.compile(
            r"^unknown barcode (?P<code>.+): not on any SKU — scan another barcode on the item,"
            r" or set it aside and ask a supervisor to add the barcode$"
        ),
        QT_TRANSLATE_NOOP(
            "PackSentence",
            "unknown barcode {code}: not on any SKU — scan another barcode on the item, or set "
            "it aside and ask a supervisor to add the barcode",
        ),
    ),
    (
        re.compile(
            r"^order (?P<order>\S+) was cancelled — stop packing and put the items on the"
            r" returns shelf$"
        ),
        QT_TRANSLATE_NOOP(
            "PackSentence",
            "order {order} was cancelled — stop packing and put the items on the returns shelf",
        ),
    ),
    (
        re.compile(
            r"^order (?P<order>\S+) is on hold — stop packing, put the items in the hold area"
            r" and tell a supervisor$"
        ),
        QT_TRANSLATE_NOOP(
            "PackSentence",
            "order {order} is on hold — stop packing, put the items in the hold area and tell "
            "a supervisor",
        ),
    ),
    (
        re.compile(
            rf"^weight OK: (?P<measured>{_G}) measured, (?P<expected>{_G}) expected"
            rf" ±(?P<tolerance>{_G})$"
        ),
        QT_TRANSLATE_NOOP(
            "PackSentence", "weight OK: {measured} measured, {expected} expected ±{tolerance}"
        ),
    ),
    (
        re.compile(
            rf"^too heavy: (?P<measured>{_G}) measured, (?P<expected>{_G}) expected"
            rf" ±(?P<tolerance>{_G}) \((?P<diff>{_G}) over\) — look for an extra item or the"
            r" wrong packaging, then weigh again$"
        ),
        QT_TRANSLATE_NOOP(
            "PackSentence",
            "too heavy: {measured} measured, {expected} expected ±{tolerance} ({diff} over) — "
            "look for an extra item or the wrong packaging, then weigh again",
        ),
    ),
    (
        re.compile(
            rf"^too light: (?P<measured>{_G}) measured, (?P<expected>{_G}) expected"
            rf" ±(?P<tolerance>{_G}) \((?P<diff>{_G}) under\) — look for a missing item, then"
            r" weigh again$"
        ),
        QT_TRANSLATE_NOOP(
            "PackSentence",
            "too light: {measured} measured, {expected} expected ±{tolerance} ({diff} under) — "
            "look for a missing item, then weigh again",
        ),
    ),
    (
        re.compile(
            r"^no order, waybill or item matches (?P<code>.+) — scan the order number or the"
            r" waybill label$"
        ),
        QT_TRANSLATE_NOOP(
            "PackSentence",
            "no order, waybill or item matches {code} — scan the order number or the waybill label",
        ),
    ),
    (
        re.compile(
            r"^order (?P<order>\S+) is being packed at station (?P<station>.+) by"
            r" (?P<packer>.+) since (?P<since>\d\d:\d\d) — pack another order, or ask a"
            r" supervisor to release it$"
        ),
        QT_TRANSLATE_NOOP(
            "PackSentence",
            "order {order} is being packed at station {station} by {packer} since {since} — "
            "pack another order, or ask a supervisor to release it",
        ),
    ),
    (
        re.compile(
            r"^this label belongs to order (?P<other>\S+), not (?P<order>\S+) — take it off and"
            r" stick on the label (?P<number>\S+)$"
        ),
        QT_TRANSLATE_NOOP(
            "PackSentence",
            "this label belongs to order {other}, not {order} — take it off and stick on the "
            "label {number}",
        ),
    ),
]


def sentence_text(text: str) -> str:
    """A packing sentence (English, from the services) in the UI's language."""
    return pattern_text("PackSentence", text, SENTENCES) or text


def refusal_text(exc: BaseException) -> str:
    return sentence_text(str(exc)) if isinstance(exc, DomainError) else failure_text(exc)


def packaging_types(entries: Sequence[Mapping[str, object]]) -> dict[str, Packaging]:
    """The station's packaging settings as {CODE: Packaging}; entries without a code are left
    out (app.config checks the settings file)."""
    found: dict[str, Packaging] = {}
    for entry in entries:
        code = str(entry.get("code") or "").strip()
        tare = entry.get("tare_g", 0)
        if not code:
            continue
        found.setdefault(
            code.upper(),
            Packaging(
                code,
                str(entry.get("name") or code).strip(),
                tare if isinstance(tare, int) and not isinstance(tare, bool) else 0,
                str(entry.get("size") or "").strip(),
            ),
        )
    return found


def grams(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f} g"


# --- the lines table ----------------------------------------------------------------------------

COL_SKU, COL_NAME, COL_QTY, COL_SCANNED, COL_LOT = range(5)


class PackLinesModel(QAbstractTableModel):
    """The open order's lines; a complete line is green and says ✔ (never colour alone)."""

    def __init__(self) -> None:
        super().__init__()
        self._lines: tuple[LineView, ...] = ()
        self.last_line_id: int | None = None

    def set_lines(self, lines: tuple[LineView, ...], last_line_id: int | None = None) -> None:
        self.beginResetModel()
        self._lines = lines
        self.last_line_id = last_line_id
        self.endResetModel()

    def line(self, row: int) -> LineView:
        return self._lines[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._lines)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [
            self.tr("SKU"),
            self.tr("Item"),
            self.tr("Ordered"),
            self.tr("Scanned"),
            self.tr("Lot"),
        ][section]

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid():
            return None
        line = self._lines[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_SKU:
                return line.sku
            if col == COL_NAME:
                marks = []
                if line.gift:
                    marks.append(self.tr("gift"))
                if line.fragile:
                    marks.append(self.tr("fragile"))
                return line.name + (f" ({', '.join(marks)})" if marks else "")
            if col == COL_QTY:
                return str(line.qty)
            if col == COL_SCANNED:
                return f"✔ {line.scanned}" if line.complete else str(line.scanned)
            if col == COL_LOT:
                return line.lot or ""
        if role == Qt.ItemDataRole.BackgroundRole:
            if line.complete:
                return QBrush(QColor(OK_BG))
            if line.line_id == self.last_line_id:
                return QBrush(QColor("#fff4d6"))
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_QTY, COL_SCANNED):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


@dataclass
class Printed:
    """What the print job did (in the worker): the waybill as the label printer's bytes."""

    order_no: str
    parcel_no: int
    tracking_no: str
    label: bytes | None
    slip_job: str | None = None
    slip_error: str | None = None
    slip_skipped: bool = False


class PackScreen(QWidget):
    shipped = Signal(str)  # order no
    packed = Signal(object)  # PackView after every recorded action

    def __init__(
        self,
        ctx: AppContext,
        user: UserInfo,
        station: str | None = None,
        parent: QWidget | None = None,
        *,
        sounds: Sounds | None = None,
        packaging: Sequence[Mapping[str, object]] | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        #: the station's box and bag types, by code (upper case): a scan of one chooses it
        self.packaging: dict[str, Packaging] = packaging_types(
            default_packaging() if packaging is None else packaging
        )
        self.user = user
        self.station = (station or socket.gethostname() or "packing station").strip()
        self.sounds = sounds or Sounds()
        self.hub: DeviceHub | None = None
        self.view: PackView | None = None
        self.step = PackStep.ORDER
        self.banner_kind: str | None = None  # "error" / "blocked" need Esc or CLEAR
        self.weight: Reading | None = None
        self.verdict: WeightVerdict | None = None
        self.today: PackerToday | None = None
        self.pending_qty: int | None = None
        self.supervisor: UserInfo | None = None
        self.printed = False
        self.waybill_problem: str | None = None  # the print queue's last word on our waybill
        self.pending_wave: str | None = None  # a wave was scanned: the slot comes next
        self._worker: ServiceWorker | None = None
        self._restored = False
        self.setStyleSheet(LOCAL_STYLE)

        self._title = heading()
        self.today_label = QLabel()
        self.today_label.setObjectName("packToday")
        self.today_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.step_label = QLabel()
        self.step_label.setObjectName("packStep")
        self.step_label.setWordWrap(True)
        self.scan_edit = QLineEdit()
        self.scan_edit.setObjectName("packScan")
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.hide()
        self.message = MessageLabel()

        # The order: number, counts, note, marks, inserts, then the lines.
        self.panel = QFrame()
        self.panel.setObjectName("packPanel")
        self.order_label = QLabel()
        self.order_label.setObjectName("packOrder")
        self.count_label = QLabel()
        self.count_label.setObjectName("packCount")
        self.details_label = QLabel()
        self.details_label.setObjectName("packBig")
        self.details_label.setWordWrap(True)
        self.fragile_label = QLabel()
        self.fragile_label.setObjectName("packFragile")
        self.note_label = QLabel()
        self.note_label.setObjectName("packNote")
        self.note_label.setWordWrap(True)
        self.note_label.setTextFormat(Qt.TextFormat.PlainText)
        self.inserts_label = QLabel()
        self.inserts_label.setObjectName("packBig")
        self.inserts_label.setWordWrap(True)
        self.lines_model = PackLinesModel()
        self.table = QTableView()
        self.table.setObjectName("packLines")
        self.table.setModel(self.lines_model)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the focus
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        top = QHBoxLayout()
        top.addWidget(self.order_label, 1)
        top.addWidget(self.fragile_label)
        top.addSpacing(12)
        top.addWidget(self.count_label)
        panel_layout = QVBoxLayout(self.panel)
        panel_layout.setContentsMargins(10, 6, 10, 6)
        panel_layout.addLayout(top)
        panel_layout.addWidget(self.details_label)
        panel_layout.addWidget(self.note_label)
        panel_layout.addWidget(self.inserts_label)
        panel_layout.addWidget(self.table, 1)

        # The scale: the stable reading, large, with the expected weight.
        self.weight_panel = QFrame()
        self.weight_panel.setObjectName("weightPanel")
        self.weight_title = QLabel()
        self.weight_title.setObjectName("subheading")
        self.weight_label = QLabel()
        self.weight_label.setObjectName("packWeight")
        self.expected_label = QLabel()
        self.expected_label.setObjectName("packBig")
        self.expected_label.setWordWrap(True)
        self.weight_state = QLabel()
        self.weight_state.setObjectName("packBig")
        self.weight_state.setWordWrap(True)
        weight_layout = QVBoxLayout(self.weight_panel)
        weight_layout.addWidget(self.weight_title)
        weight_layout.addWidget(self.weight_label)
        weight_layout.addWidget(self.expected_label)
        weight_layout.addWidget(self.weight_state)
        weight_layout.addStretch(1)
        self.weight_panel.setFixedWidth(300)

        self.keys_label = QLabel()
        self.keys_label.setObjectName("hint")
        self.keys_label.setWordWrap(True)

        head = QHBoxLayout()
        head.addWidget(self._title)
        head.addStretch(1)
        head.addWidget(self.today_label)
        body = QGridLayout()
        body.addWidget(self.panel, 0, 0)
        body.addWidget(self.weight_panel, 0, 1)
        body.setColumnStretch(0, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(6)
        layout.addLayout(head)
        layout.addWidget(self.step_label)
        layout.addWidget(self.scan_edit)
        layout.addWidget(self.banner)
        layout.addWidget(self.message)
        layout.addLayout(body, 1)
        layout.addWidget(self.keys_label)

        self.scan_edit.returnPressed.connect(self._on_scan_entered)
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(HEARTBEAT_MS)
        self._heartbeat.timeout.connect(self._on_heartbeat)
        # Long order numbers, notes and sentences wrap: the screen never grows wider than a
        # 1366-pixel floor monitor.
        for label in self.findChildren(QLabel):
            label.setWordWrap(label is not self.today_label)
        self._retranslate()

    # --- devices -----------------------------------------------------------------------------

    def set_hub(self, hub: DeviceHub | None) -> None:
        if self.hub is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                self.hub.weight_read.disconnect(self._on_weight)
                self.hub.print_message.disconnect(self._on_print_message)
        self.hub = hub
        self.weight = hub.last_weight if hub is not None else None
        if hub is not None:
            hub.weight_read.connect(self._on_weight)
            hub.print_message.connect(self._on_print_message)
        self._render_weight()

    def _on_print_message(self, kind: str, text: str) -> None:
        """What the label printer did with our waybill (the queue reports after the fact)."""
        if not self.printed or self.step is not PackStep.WAYBILL:
            return
        if kind == "error":
            self.waybill_problem = text
            self._refuse(
                self.tr(
                    "The waybill was not printed: {why} It waits in the print queue and prints "
                    "by itself once the printer is fixed; then scan it."
                ).format(why=text)
            )
        elif kind == "ok" and self.waybill_problem is not None:
            self.waybill_problem = None
            self._info(self.tr("The waybill is printed now: stick it on and scan it."))

    def has_scale(self) -> bool:
        return self.hub is not None and self.hub.devices.scale is not None

    def scale_required(self) -> bool:
        return self.hub is None or self.hub.devices.scale_required

    def _on_weight(self, reading: object) -> None:
        if isinstance(reading, Reading):
            self.weight = reading
            self._render_weight()

    # --- translation -------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._title.setText(self.tr("Pack · station {station}").format(station=self.station))
        self.weight_title.setText(self.tr("Scale"))
        self.keys_label.setText(
            self.tr(
                "Esc / scan CLEAR: acknowledge · F2 undo my last scan · F3 damage check done · "
                "F4 weigh · F6 insert added · F7 then scan: a damaged item out · "
                "F8 put the order aside · "
                "F9 supervisor accepts the weight · "
                "F10 close and print (Shift+F10: one of several parcels) · digits + Enter: "
                "quantity for the next scan (bulk items) · scan a box or bag code: packaging"
            )
        )
        self.lines_model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 4)
        self._render()

    # --- what the screen shows ---------------------------------------------------------------

    def _render(self) -> None:
        view = self.view
        self._render_step()
        self._render_today()
        self._render_weight()
        if view is None:
            self.panel.hide()
            self.lines_model.set_lines(())
            return
        self.panel.show()
        self.order_label.setText(self.tr("Order {order}").format(order=view.order_no))
        self.count_label.setText(
            self.tr("{n} / {m} items").format(n=view.units_scanned, m=view.units_ordered)
        )
        parcels = [p for p in view.parcels if p.units or p.parcel_no == view.open_parcel]
        self.details_label.setText(
            self.tr("{shop} · {status} · parcel {n} of {m}").format(
                shop=view.shop,
                status=status_text(view.status),
                n=view.awaiting_waybill or view.open_parcel,
                m=max(len(parcels), 1),
            )
        )
        self.fragile_label.setVisible(view.fragile)
        self.fragile_label.setText(
            self.tr("⚠ FRAGILE · damage check done")
            if view.damage_checked
            else self.tr("⚠ FRAGILE · check for damage (F3)")
        )
        self.note_label.setVisible(bool(view.note.strip()))
        self.note_label.setText(self.tr("Buyer's note: {note}").format(note=view.note.strip()))
        self.inserts_label.setVisible(bool(view.inserts))
        self.inserts_label.setText(
            self.tr("Inserts (scan each): {inserts}").format(
                inserts=", ".join(
                    ("✔ " if i.confirmed else "☐ ") + (i.name or i.code) for i in view.inserts
                )
            )
        )
        self.lines_model.set_lines(view.lines, self.lines_model.last_line_id)

    def _render_step(self) -> None:
        view = self.view
        step = self.step
        echo = QLineEdit.EchoMode.Password if step is PackStep.BADGE else QLineEdit.EchoMode.Normal
        self.scan_edit.setEchoMode(echo)
        if step is PackStep.BADGE:
            text = self.tr("Supervisor: scan your badge (Esc cancels)")
            placeholder = self.tr("Scan the supervisor's badge")
        elif step is PackStep.REASON:
            name = self.supervisor.name if self.supervisor else ""
            text = self.tr("{name}: type the reason, then Enter (Esc cancels)")
            text = text.format(name=name)
            placeholder = self.tr("Reason, e.g. the SKU's weight is wrong")
        elif step is PackStep.DAMAGED:
            text = self.tr("Damaged item: scan it to take it out of the parcel (Esc cancels)")
            placeholder = self.tr("Scan the damaged item")
        elif step is PackStep.PRINTING:
            text = self.tr("Printing the waybill…")
            placeholder = self.tr("Scan here")
        elif step is PackStep.WAYBILL and view is not None:
            text = self.tr("Stick on the waybill and scan it (parcel {n})").format(
                n=view.awaiting_waybill or view.open_parcel
            )
            placeholder = self.tr("Scan the printed waybill")
        elif view is None:
            text = self.tr("Scan the order, its waybill, or the single item")
            placeholder = self.tr("Scan here")
        elif view.blocked:
            text = self.tr("This order must not be packed: F8 puts it aside")
            placeholder = self.tr("Scan here")
        elif view.can_close:
            text = self.tr("Scan each item")
            if self.pending_qty is not None:
                text = self.tr("Quantity {n}: now scan the item").format(n=self.pending_qty)
            placeholder = self.tr("Scan here")
        else:
            text = self.tr("All scanned: weigh (F4), then close (F10)")
            placeholder = self.tr("Scan here")
        self.step_label.setText(text)
        self.scan_edit.setPlaceholderText(placeholder)

    def _render_today(self) -> None:
        today = self.today
        if today is None:
            self.today_label.setText(self.user.name)
            return
        self.today_label.setText(
            self.tr("{name} today: {orders} orders · {units} items · {rate}/h").format(
                name=self.user.name, orders=today.orders, units=today.units, rate=today.per_hour
            )
        )

    def _open_parcel(self) -> ParcelView | None:
        view = self.view
        if view is None:
            return None
        return next((p for p in view.parcels if p.parcel_no == view.open_parcel), None)

    def expected_g(self) -> int | None:
        """What the open parcel should weigh (its contents + the packaging's tare)."""
        view = self.view
        if view is None:
            return None
        parcel = next((p for p in view.parcels if p.parcel_no == view.open_parcel), None)
        if parcel is None:
            return None
        weights = {line.line_id: line.unit_weight_g for line in view.lines}
        return parcel.tare_g + sum(weights.get(lid, 0) * n for lid, n in parcel.contents)

    def _render_weight(self) -> None:
        reading = self.weight
        if not self.has_scale():
            self.weight_label.setText("—")
            self.weight_state.setText(
                self.tr("No scale at this station: packing is blocked — set up the scale")
                if self.scale_required()
                else self.tr("No scale at this station: F4 records the parcel as not weighed")
            )
        elif reading is None:
            self.weight_label.setText("—")
            self.weight_state.setText(self.tr("Waiting for the scale…"))
        elif reading.overload:
            self.weight_label.setText(self.tr("Overload"))
            self.weight_state.setText(self.tr("Take the parcel off the scale"))
        else:
            self.weight_label.setText(grams(reading.grams))
            self.weight_state.setText(
                self.tr("Steady: F4 weighs") if reading.stable else self.tr("Settling…")
            )
        expected = self.expected_g()
        lines = []
        if expected is not None:
            lines.append(self.tr("Expected {g}").format(g=grams(expected)))
            parcel = self._open_parcel()
            if parcel is not None and parcel.packaging:
                lines.append(
                    self.tr("Packaging {name} ({tare})").format(
                        name=parcel.packaging, tare=grams(parcel.tare_g)
                    )
                )
            elif parcel is not None:
                lines.append(self.tr("No packaging chosen: scan the box or bag"))
            if parcel is not None and parcel.not_weighed:
                lines.append(self.tr("⚠ Not weighed: no scale at this station"))
        verdict = self.verdict
        if verdict is not None:
            lines.append(
                (self.tr("✔ Weighed {g}") if verdict.ok else self.tr("✖ Weighed {g}")).format(
                    g=grams(verdict.measured_g)
                )
            )
        self.expected_label.setText("\n".join(lines))

    # --- messages, banner, sounds ------------------------------------------------------------

    def _show_banner(self, kind: str, text: str) -> None:
        symbol = "✔ " if kind == "ok" else "✖ "
        self.banner_kind = kind if kind in ("error", "blocked") else None
        self.banner.setProperty("kind", kind)
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        body = symbol + text[:1].upper() + text[1:]
        if self.banner_kind is not None:
            body += "\n" + self.tr("Esc or scan CLEAR to go on")
        self.banner.setText(body)
        self.banner.show()

    def banner_text(self) -> str:
        return self.banner.text() if self.banner.isVisible() else ""

    def _refuse(self, text: str, *, blocked: bool = False) -> None:
        """A refusal: red banner, the refusal sound; Esc or CLEAR puts it away."""
        self.message.clear_message()
        self._show_banner("blocked" if blocked else "error", text)
        self.sounds.play(REFUSE)
        self.scan_edit.setFocus()

    def _nag(self) -> None:
        """Something was scanned while a refusal waits to be acknowledged."""
        self.message.show_message(
            "error", self.tr("Acknowledge first (Esc or scan CLEAR), then scan again.")
        )
        self.sounds.play(REFUSE)

    def _ok(self, text: str, sound: str = ACCEPT) -> None:
        self.banner.hide()
        self.banner_kind = None
        self.message.show_message("ok", text)
        self.sounds.play(sound)

    def _info(self, text: str) -> None:
        self.message.show_message("info", text)

    def acknowledge(self) -> bool:
        """Esc / CLEAR: put away a refusal (True if there was one)."""
        if self.banner_kind is None:
            return False
        self.banner_kind = None
        self.banner.hide()
        self.message.clear_message()
        if self.view is not None and self.view.blocked:
            self._info(sentence_text(self.view.blocked))
        self._render()
        return True

    # --- scanning ----------------------------------------------------------------------------

    def submit_scan(self, text: str) -> None:
        """What the scanner does: type the code, press Enter."""
        self.scan_edit.setText(text)
        self._on_scan_entered()

    def accept_scan(self, event: ScanEvent) -> bool:
        if self.step is PackStep.REASON:
            self._refuse(self.tr("Type the reason, then Enter; Esc cancels the override."))
            return True
        self.submit_scan(event.value)
        return True

    def _on_scan_entered(self) -> None:
        text = self.scan_edit.text().strip()
        self.scan_edit.clear()
        self.scan_edit.setFocus()
        if not text:
            return
        try:
            self._handle(text)
        except OrderBlocked as exc:
            log.info("pack %r blocked: %s", text, exc)
            self._refuse(refusal_text(exc), blocked=True)
        except DomainError as exc:
            log.info("pack %r refused: %s", text, exc)
            self._refuse(refusal_text(exc))
        except Exception as exc:
            log.exception("pack scan %r failed", text)
            self._refuse(failure_text(exc))

    def _handle(self, text: str) -> None:
        if text.upper() == CLEAR_CODE:
            if not self.acknowledge():
                self._info(self.tr("Nothing to acknowledge."))
            return
        if self.banner_kind is not None:
            self._nag()
            return
        step = self.step
        if step is PackStep.BADGE:
            self._badge(text)
        elif step is PackStep.REASON:
            self._override(text)
        elif step is PackStep.DAMAGED:
            self._damaged(text)
        elif step is PackStep.PRINTING:
            self._refuse(self.tr("The waybill is being printed: wait for it, then scan it."))
        elif step is PackStep.WAYBILL:
            self._waybill(text)
        elif self.view is None and self.pending_wave is not None:
            self._slot(text)
        elif self.view is None and WAVE_CODE.match(text.upper()):
            self.pending_wave = text.upper()
            self._info(
                self.tr(
                    "Wave {wave}: scan or type the slot number of the order in front of you."
                ).format(wave=self.pending_wave)
            )
        elif self.view is None:
            self._open(text)
        else:
            self._item(text)

    def _slot(self, text: str) -> None:
        wave, self.pending_wave = self.pending_wave, None
        assert wave is not None
        digits = text.strip().upper().lstrip("T").lstrip("0") or "0"
        if not digits.isdigit():
            self._open(text)  # not a slot after all: an order, a waybill or an item
            return
        self._open(packing.order_at_slot(self._ctx.uow(), wave, int(digits)))

    @property
    def actor(self) -> Actor:
        return self.user.actor

    def _set_view(self, view: PackView) -> None:
        self.view = view
        if view.awaiting_waybill is not None:
            self.step = PackStep.WAYBILL
        elif self.step not in (PackStep.BADGE, PackStep.REASON):
            self.step = PackStep.ITEMS
        parcel = next((p for p in view.parcels if p.parcel_no == view.open_parcel), None)
        if parcel is None or parcel.measured_g is None:
            self.verdict = None
        self._heartbeat.start()
        self.packed.emit(view)
        self._render()

    def _open(self, code: str) -> None:
        view = packing.open_order(self._ctx.uow(), self.actor, code, self.station)
        log.info("%s opened order %s at %s", self.user.name, view.order_no, self.station)
        self.lines_model.last_line_id = None
        self.verdict = None
        self.printed = False
        self._set_view(view)
        self._refresh_today()
        if view.blocked:
            self._refuse(sentence_text(view.blocked), blocked=True)
            return
        said = self.tr("Order {order} open: {n} item(s) to scan.").format(
            order=view.order_no, n=view.units_ordered - view.units_scanned
        )
        if view.found_by == "item":
            said = self.tr("Order {order} found by its item; the item is counted.").format(
                order=view.order_no
            )
        if view.took_over_from:
            said += " " + self.tr("Taken over from station {station}.").format(
                station=view.took_over_from
            )
        self._ok(said)

    def _item(self, text: str) -> None:
        view = self.view
        assert view is not None
        if QTY_PATTERN.match(text):
            self.pending_qty = int(text)
            self._render_step()
            self._info(self.tr("Quantity {n}: now scan the item.").format(n=self.pending_qty))
            return
        packaging = self.packaging.get(text.upper())
        if packaging is not None:
            self._choose_packaging(view, packaging)
            return
        insert = next((i for i in view.inserts if i.code == text and not i.confirmed), None)
        if insert is not None:
            view = packing.confirm_insert(
                self._ctx.uow(), self.actor, view.order_no, self.station, text
            )
            self._set_view(view)
            self._ok(self.tr("Insert {name} is in the parcel.").format(name=insert.name))
            return
        qty, self.pending_qty = self.pending_qty, None
        result = packing.scan_item(
            self._ctx.uow(), self.actor, view.order_no, self.station, text, qty
        )
        self.lines_model.last_line_id = result.line_id
        self._set_view(result.view)
        if result.accepted:
            self._ok(sentence_text(result.sentence))
        else:
            log.info("pack scan %r refused: %s", text, result.sentence)
            self._refuse(sentence_text(result.sentence), blocked=result.view.blocked is not None)

    def _choose_packaging(self, view: PackView, packaging: Packaging) -> None:
        """A packaging code was scanned: the open parcel goes into that box or bag."""
        new = packing.choose_packaging(
            self._ctx.uow(),
            self.actor,
            view.order_no,
            self.station,
            packaging.code,
            packaging.name,
            packaging.tare_g,
            packaging.size,
        )
        self.verdict = None
        self._set_view(new)
        expected = self.expected_g()
        self._ok(
            self.tr("Parcel {n} goes into {name} ({code}, {tare}): expected weight {g}.").format(
                n=new.open_parcel,
                name=packaging.name,
                code=packaging.code,
                tare=grams(packaging.tare_g),
                g=grams(expected),
            )
        )

    # --- keys --------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # F-keys and Esc typed in the scan field come up here (a line edit ignores them).
        key = event.key()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        actions: dict[Qt.Key, Callable[[], None]] = {
            Qt.Key.Key_Escape: self.escape,
            Qt.Key.Key_F2: self.undo,
            Qt.Key.Key_F3: self.damage_checked,
            Qt.Key.Key_F4: self.weigh,
            Qt.Key.Key_F6: self.insert_added,
            Qt.Key.Key_F7: self.start_damaged,
            Qt.Key.Key_F8: self.put_aside,
            Qt.Key.Key_F9: self.start_override,
            Qt.Key.Key_F10: (lambda: self.close_parcel(part=True)) if shift else self.close_parcel,
        }
        action = actions.get(Qt.Key(key))
        if action is None:
            super().keyPressEvent(event)
            return
        action()
        self.scan_edit.setFocus()

    def escape(self) -> None:
        if self.acknowledge():
            return
        if self.step in (PackStep.BADGE, PackStep.REASON):
            self.supervisor = None
            self.step = PackStep.ITEMS
            self._info(self.tr("The weight override was cancelled."))
            self._render()
            return
        if self.step is PackStep.DAMAGED:
            self.step = PackStep.ITEMS
            self._info(self.tr("Nothing was taken out as damaged."))
            self._render()
            return
        if self.pending_qty is not None:
            self.pending_qty = None
            self._info(self.tr("The typed quantity was dropped."))
            self._render()

    def _action(self, words: str, fn: object) -> bool:
        """Run a key's service call: False (and the refusal shown) when it was refused."""
        if self.banner_kind is not None:
            self._nag()
            return False
        if self.step in (PackStep.BADGE, PackStep.REASON, PackStep.PRINTING):
            self._refuse(self.tr("Finish the supervisor's override or the printing first."))
            return False
        try:
            assert callable(fn)
            fn()
        except OrderBlocked as exc:
            log.info("%s blocked: %s", words, exc)
            self._refuse(refusal_text(exc), blocked=True)
            return False
        except DomainError as exc:
            log.info("%s refused: %s", words, exc)
            self._refuse(refusal_text(exc))
            return False
        except Exception as exc:
            log.exception("%s failed", words)
            self._refuse(failure_text(exc))
            return False
        return True

    def _need_order(self) -> PackView | None:
        if self.view is None:
            self._refuse(self.tr("Scan an order first."))
        return self.view

    def undo(self) -> None:
        """F2: take back my last scan."""

        def act() -> None:
            view = self._need_order()
            if view is None:
                return
            new = packing.undo_last(self._ctx.uow(), self.actor, view.order_no, self.station)
            self._set_view(new)
            self._ok(
                self.tr("Last scan undone: {n} / {m} items.").format(
                    n=new.units_scanned, m=new.units_ordered
                )
            )

        self._action("undo", act)

    def damage_checked(self) -> None:
        """F3: the items were looked over; none is damaged."""

        def act() -> None:
            view = self._need_order()
            if view is None:
                return
            if not view.fragile:
                self._info(self.tr("No damage check is needed for this order."))
                return
            new = packing.confirm_damage_check(
                self._ctx.uow(), self.actor, view.order_no, self.station
            )
            self._set_view(new)
            self._ok(self.tr("Damage check done."))

        self._action("damage check", act)

    def insert_added(self) -> None:
        """F6: the next insert (flyer, card, sample) is in the parcel — one key instead of a
        scan, for inserts without a code to scan."""

        def act() -> None:
            view = self._need_order()
            if view is None:
                return
            insert = next((i for i in view.inserts if not i.confirmed), None)
            if insert is None:
                self._info(self.tr("No insert is waiting for this order."))
                return
            new = packing.confirm_insert(
                self._ctx.uow(), self.actor, view.order_no, self.station, insert.code
            )
            self._set_view(new)
            self._ok(self.tr("Insert {name} is in the parcel.").format(name=insert.name))

        self._action("insert", act)

    def start_damaged(self) -> None:
        """F7: the next scan is a damaged item, to come out of the open parcel."""

        def act() -> None:
            view = self._need_order()
            if view is None:
                return
            if self.step is not PackStep.ITEMS or not view.units_scanned:
                self._refuse(
                    self.tr(
                        "Nothing to take out: F7 works on the items scanned into the open parcel."
                    )
                )
                return
            self.pending_qty = None
            self.step = PackStep.DAMAGED
            self._info(self.tr("Scan the damaged item: it comes out of the parcel."))
            self._render()

        self._action("damaged", act)

    def _damaged(self, code: str) -> None:
        view = self.view
        assert view is not None
        self.step = PackStep.ITEMS  # one item per F7; a refusal goes back to the item scans
        self._render_step()
        done = packing.swap_damaged_item(
            self._ctx.uow(), self.actor, view.order_no, self.station, code
        )
        log.info("%s swapped out a damaged %s of %s", self.user.name, done.sku, view.order_no)
        self.lines_model.last_line_id = done.line_id
        self._set_view(done.view)
        item = f"{done.sku} ({done.name})" if done.name else done.sku
        if done.booked:
            said = self.tr(
                "Damaged {item} taken out and booked to quarantine ({location}): put it in the "
                "quarantine box, put a replacement in the parcel and scan it."
            ).format(item=item, location=done.location or "")
        else:
            said = self.tr(
                "Damaged {item} taken out: put it aside for a supervisor to book into "
                "quarantine, put a replacement in the parcel and scan it."
            ).format(item=item)
        self._ok(said)

    def weigh(self) -> None:
        """F4: check the open parcel's weight with the scale's steady reading."""

        def act() -> None:
            view = self._need_order()
            if view is None:
                return
            if not self.has_scale():
                self._weigh_without_scale(view)
                return
            reading = self.weight
            if reading is None:
                self._refuse(
                    self.tr("No reading from the scale yet: wait for the weight, then F4.")
                )
                return
            if reading.overload:
                self._refuse(self.tr("The scale is overloaded: take the parcel off."))
                return
            if not reading.stable:
                self._refuse(self.tr("The weight is not steady yet: wait a moment, then F4."))
                return
            verdict = packing.check_weight(
                self._ctx.uow(), self.actor, view.order_no, self.station, reading.grams
            )
            self._after_weighing(view, verdict)

        self._action("weigh", act)

    def _weigh_without_scale(self, view: PackView) -> None:
        if self.scale_required():
            self._refuse(
                self.tr(
                    "No scale at this station, and packing needs one: set up the scale in "
                    "Settings, or pack at another station."
                )
            )
            return
        # The station's settings warn instead of blocking: recorded as not weighed (audited).
        new = packing.weigh_without_scale(self._ctx.uow(), self.actor, view.order_no, self.station)
        self.verdict = None
        self._set_view(new)
        self._ok(
            self.tr(
                "No scale at this station: parcel {n} is recorded as not weighed. F10 closes it "
                "without a weight check."
            ).format(n=new.open_parcel)
        )

    def _after_weighing(self, view: PackView, verdict: WeightVerdict) -> None:
        self.verdict = verdict
        self._render_weight()
        if verdict.ok:
            self._ok(sentence_text(verdict.sentence) + " " + self.tr("F10 closes the parcel."))
            return
        self._refuse(
            sentence_text(verdict.sentence) + " " + self.tr("(F9: a supervisor accepts the weight)")
        )

    def start_override(self) -> None:
        """F9: a supervisor accepts the open parcel's refused weight (badge, then a reason)."""

        def act() -> None:
            view = self._need_order()
            if view is None:
                return
            parcel = next((p for p in view.parcels if p.parcel_no == view.open_parcel), None)
            refused = self.verdict is not None and not self.verdict.ok
            stored = parcel is not None and parcel.measured_g is not None and not parcel.weight_ok
            if not (refused or stored) or (parcel is not None and parcel.weight_overridden):
                self._refuse(
                    self.tr("There is no refused weight to accept: weigh the parcel first (F4).")
                )
                return
            self.step = PackStep.BADGE
            self._info(self.tr("Supervisor: scan your badge."))
            self._render()

        self._action("override", act)

    def _badge(self, badge: str) -> None:
        try:
            supervisor = login_with_badge(self._ctx.uow(), badge)
        except DomainError as exc:
            self._refuse(refusal_text(exc))
            return
        if not may(supervisor, Action.RESOLVE_EXCEPTION):
            self._refuse(
                self.tr(
                    "{name} may not accept a refused weight: a supervisor's badge is needed."
                ).format(name=supervisor.name)
            )
            return
        self.supervisor = supervisor
        self.step = PackStep.REASON
        self._info(self.tr("{name}: type the reason, then Enter.").format(name=supervisor.name))
        self._render()

    def _override(self, reason: str) -> None:
        view, supervisor = self.view, self.supervisor
        assert view is not None and supervisor is not None
        self.step = PackStep.ITEMS
        self.supervisor = None
        new = packing.override_weight(
            self._ctx.uow(), supervisor.actor, view.order_no, self.station, reason
        )
        log.info("%s accepted the weight of %s: %s", supervisor.name, view.order_no, reason)
        self._set_view(new)
        self._ok(
            self.tr("Weight accepted by {name} ({reason}). F10 closes the parcel.").format(
                name=supervisor.name, reason=reason
            )
        )

    def put_aside(self) -> None:
        """F8: let go of the order at this station (the scans stay recorded)."""

        def act() -> None:
            view = self._need_order()
            if view is None:
                return
            packing.release_claim(self._ctx.uow(), self.actor, view.order_no, self.station)
            log.info("%s put order %s aside", self.user.name, view.order_no)
            self._reset()
            self._ok(
                self.tr("Order {order} was put aside; its scans are kept.").format(
                    order=view.order_no
                )
            )

        # A blocked order may be put aside even with its banner showing.
        if self.banner_kind == "blocked":
            self.acknowledge()
        self._action("put aside", act)

    def close_parcel(self, *, part: bool = False) -> None:
        """F10: close the open parcel (the order, once every item is in) and print its waybill;
        Shift+F10 closes it as one of several parcels."""

        def act() -> None:
            view = self._need_order()
            if view is None:
                return
            if self.step is PackStep.WAYBILL:
                self._print_again(view)
                return
            missing = [r for r in view.can_close]
            if missing and not (part and view.units_scanned < view.units_ordered):
                more = ""
                if view.units_scanned < view.units_ordered:
                    more = " " + self.tr(
                        "(Shift+F10: ship what is scanned as one parcel of several)"
                    )
                self._refuse(
                    self.tr("Cannot close yet: {reasons}").format(
                        reasons="; ".join(sentence_text(r) for r in missing)
                    )
                    + more
                )
                return
            new = packing.close_parcel(self._ctx.uow(), self.actor, view.order_no, self.station)
            log.info("%s closed a parcel of %s", self.user.name, view.order_no)
            self._set_view(new)
            self._refresh_today()
            self._print(new)

        self._action("close", act)

    # --- printing ----------------------------------------------------------------------------

    def is_busy(self) -> bool:
        return self._worker is not None

    def _print_again(self, view: PackView) -> None:
        if self.printed and self.waybill_problem is not None:
            self._refuse(
                self.tr(
                    "The waybill waits in the print queue ({why}): fix the printer and it "
                    "prints by itself; then scan it."
                ).format(why=self.waybill_problem)
            )
            return
        if self.printed:
            self._refuse(
                self.tr(
                    "The waybill was printed already: scan it. A lost label is printed again "
                    "at the label desk (supervisor)."
                )
            )
            return
        self._print(view)

    def _print(self, view: PackView) -> None:
        parcel_no = view.awaiting_waybill
        if parcel_no is None:
            return
        hub = self.hub
        printer = hub.devices.label_printer if hub is not None else None
        if hub is None or printer is None:
            self.printed = False
            self.step = PackStep.WAYBILL
            self._render()
            self._info(
                self.tr(
                    "Parcel closed. No label printer here: print the waybill at the label desk, "
                    "then scan it."
                )
            )
            return
        ctx, actor, order_no = self._ctx, self.actor, view.order_no
        language = printer.language
        width, height = hub.devices.label_size_mm
        dpi = hub.devices.label_dpi
        paper = hub.devices.document_printer
        last = view.status == "packed"

        def job(progress: Progress) -> object:
            data = documents.waybill_data(ctx.uow(), actor, order_no, parcel_no=parcel_no)
            label = ctx.renderer.render_waybill(data, language, f"{width}x{height}", dpi)
            done = Printed(order_no, parcel_no, data.tracking_no, label)
            if not last:
                return done
            if paper is None:
                done.slip_skipped = True
                return done
            try:
                slip = documents.slip_data(ctx.uow(), actor, order_no)
                done.slip_job = (
                    paper.print_pdf(
                        ctx.renderer.render_packing_slip(slip), f"packing slip {order_no}"
                    )
                    or "?"
                )
            except Exception as exc:  # the waybill still goes out; the slip is said to fail
                log.exception("packing slip of %s failed", order_no)
                done.slip_error = str(exc)
            return done

        self.step = PackStep.PRINTING
        self._render()
        self._info(self.tr("Parcel closed. Printing its waybill…"))
        self._worker = start_worker(
            self,
            job,
            f"pack print {order_no}",
            on_progress=self._on_progress,
            on_done=self._on_printed,
        )

    def _on_progress(self, done: int, total: int) -> None:
        pass

    def _on_printed(self) -> None:
        worker, self._worker = self._worker, None
        self.step = PackStep.WAYBILL
        self._render()
        if worker is None:
            return
        if worker.error is not None:
            self.printed = False
            self._refuse(
                self.tr("The waybill could not be printed: {why}. F10 tries again.").format(
                    why=failure_text(worker.error)
                )
            )
            return
        done = worker.result
        hub = self.hub
        if not isinstance(done, Printed) or done.label is None or hub is None:
            return
        try:
            job_id = hub.queue_label(
                self.actor,
                done.label,
                f"waybill {done.tracking_no} {done.order_no}/{done.parcel_no}",
            )
        except DomainError as exc:
            self._refuse(refusal_text(exc))
            return
        if job_id is None:
            self._refuse(
                self.tr("No label printer is set up: print the waybill at the label desk.")
            )
            return
        self.printed = True
        self.waybill_problem = None
        said = self.tr("Waybill {number} sent to the label printer: stick it on and scan it.")
        said = said.format(number=done.tracking_no)
        if done.slip_skipped:
            said += " " + self.tr("No document printer here: no packing slip was printed.")
        elif done.slip_error:
            said += " " + self.tr("The packing slip failed: {why}").format(why=done.slip_error)
        elif done.slip_job:
            said += " " + self.tr("Packing slip sent to the document printer.")
        self._info(said)

    def _waybill(self, code: str) -> None:
        view = self.view
        assert view is not None
        result = packing.confirm_waybill(
            self._ctx.uow(), self.actor, view.order_no, self.station, code
        )
        if result.shipped:
            log.info("%s shipped %s (%s)", self.user.name, result.order_no, result.tracking_no)
            self._reset()
            self._refresh_today()
            self._show_banner(
                "ok",
                self.tr("Shipped ✔ order {order} · {number}. Scan the next order.").format(
                    order=result.order_no, number=result.tracking_no
                ),
            )
            self.sounds.play(DONE)
            self.shipped.emit(result.order_no)
            return
        self.printed = False
        fresh = packing.open_order(self._ctx.uow(), self.actor, view.order_no, self.station)
        self._set_view(fresh)
        self._ok(
            self.tr("Parcel {n}: label {number} is right. Go on with the next parcel.").format(
                n=result.parcel_no, number=result.tracking_no
            )
        )

    # --- life cycle --------------------------------------------------------------------------

    def _reset(self) -> None:
        self.view = None
        self.step = PackStep.ORDER
        self.verdict = None
        self.pending_qty = None
        self.supervisor = None
        self.printed = False
        self.lines_model.last_line_id = None
        self._heartbeat.stop()
        self._render()

    def _refresh_today(self) -> None:
        try:
            self.today = packing.packer_today(self._ctx.uow(), self.actor)
        except Exception:
            log.exception("packer figures failed")
        self._render_today()

    def restore(self) -> bool:
        """Reopen what this station holds (after a crash: exactly where it was)."""
        self._restored = True
        try:
            held = packing.open_sessions(self._ctx.uow(), self.station)
            if not held or self.view is not None:
                self._refresh_today()
                return False
            view = packing.open_order(self._ctx.uow(), self.actor, held[0], self.station)
        except DomainError as exc:
            self._refuse(refusal_text(exc))
            return False
        except Exception as exc:
            log.exception("reopening the station's orders failed")
            self._refuse(failure_text(exc))
            return False
        self._set_view(view)
        self._refresh_today()
        if view.blocked:
            self._refuse(sentence_text(view.blocked), blocked=True)
            return True
        said = self.tr("Order {order} reopened where it was: {n} / {m} items.").format(
            order=view.order_no, n=view.units_scanned, m=view.units_ordered
        )
        if len(held) > 1:
            said += " " + self.tr("{n} more order(s) are held at this station.").format(
                n=len(held) - 1
            )
        self._info(said)
        return True

    def _on_heartbeat(self) -> None:
        if self.view is None:
            self._heartbeat.stop()
            return
        try:
            packing.touch_claims(self._ctx.uow(), self.station)
        except Exception:
            log.exception("refreshing the station's claims failed")

    def focus_target(self) -> QWidget:
        return self.scan_edit

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._restored:
            self.restore()
        self.scan_edit.setFocus()
