"""The packing station screen (打包台 / 验货): scanner and keyboard only, one always-focused scan
field.  The workflow is app.stations.pack.PackStation's; this screen shows what it says.

Keys: Esc / CLEAR acknowledge · F2 undo my last scan · F3 damage check done · F4 weigh · F6
insert added · F7 then scan a damaged item: it comes out of the parcel · F8 put the order aside ·
F9 supervisor accepts a refused weight · F10 close the parcel and print (Shift+F10: close it as
one of several parcels) · digits + Enter: the quantity for the next scan (bulk lines) · a
packaging code (the station's settings) chooses the parcel's box or bag.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.config import default_packaging
from app.context import AppContext
from app.domain.scans import ClassifierConfig
from app.messages import grams
from app.services.packing import LineView, PackerToday, PackView
from app.services.users import UserInfo
from app.stations.base import Outcome
from app.stations.pack import (
    PackDisplay,
    PackKey,
    PackStation,
    PackStep,
    WeightReading,
    packaging_types,
)
from ui.devices import DeviceHub
from ui.i18n import status_text
from ui.scan_screen import BANNER_STYLE, ScanStationScreen
from ui.sounds import Sounds
from ui.theme import ACCENT, OK_BG, PANEL, heading

log = logging.getLogger(__name__)

HEARTBEAT_MS = 60_000

__all__ = ["COL_SCANNED", "PackScreen", "PackStep"]

LOCAL_STYLE = (
    f"""
QLabel#packStep {{ font-size: 24pt; font-weight: bold; color: {ACCENT}; }}
QLabel#packOrder {{ font-size: 30pt; font-weight: bold; }}
QLabel#packCount {{ font-size: 30pt; font-weight: bold; }}
QLabel#packBig {{ font-size: 20pt; }}
QLabel#packWeightLine {{ font-size: 16pt; }}
QLabel#packNote {{ font-size: 20pt; font-weight: bold; color: #7a4b00; }}
QLabel#packFragile {{ font-size: 20pt; font-weight: bold; color: white; background: #8a3b00;
    padding: 4px 10px; border-radius: 4px; }}
QLabel#packWeight {{ font-size: 30pt; font-weight: bold; }}
QLabel#packToday {{ font-size: 16pt; color: #333333; }}
QLabel#message {{ font-size: 18pt; }}
QLineEdit#scanEdit {{ font-size: 24pt; padding: 8px; }}
QFrame#packPanel, QFrame#weightPanel {{
    background: {PANEL}; border: 2px solid #c5ccd6; border-radius: 8px;
}}
QTableView#packLines {{ font-size: 20pt; }}
"""
    + BANNER_STYLE
)


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


class PackScreen(ScanStationScreen):
    shipped = Signal(str)  # order no
    packed = Signal(object)  # PackView after every recorded action

    KEYS: ClassVar[dict[tuple[Qt.Key, bool], Any]] = {
        (Qt.Key.Key_F2, False): PackKey.UNDO,
        (Qt.Key.Key_F3, False): PackKey.DAMAGE_CHECKED,
        (Qt.Key.Key_F4, False): PackKey.WEIGH,
        (Qt.Key.Key_F6, False): PackKey.INSERT_ADDED,
        (Qt.Key.Key_F7, False): PackKey.DAMAGED,
        (Qt.Key.Key_F8, False): PackKey.PUT_ASIDE,
        (Qt.Key.Key_F9, False): PackKey.OVERRIDE,
        (Qt.Key.Key_F10, False): PackKey.CLOSE,
        (Qt.Key.Key_F10, True): PackKey.CLOSE_PART,
    }
    BANNER_ON_DONE = True

    def __init__(
        self,
        ctx: AppContext,
        user: UserInfo,
        station: str | None = None,
        parent: QWidget | None = None,
        *,
        sounds: Sounds | None = None,
        packaging: Sequence[Mapping[str, object]] | None = None,
        default_packaging_code: str | None = None,
        classifier: ClassifierConfig | None = None,
        always_check_damage: bool = False,
        ship_at_pack: bool = False,
    ) -> None:
        if station is None and ctx.sync is not None:
            # A synced station packs under its own name: two stations on one machine (or
            # the same host name) never hold each other's claims at the central database.
            station = ctx.sync.station
        self.pack = PackStation(
            ctx.uow,
            user,
            ctx.renderer,
            station=station,
            packaging=packaging_types(default_packaging() if packaging is None else packaging),
            default_packaging=default_packaging_code,
            classifier=classifier,
            always_check_damage=always_check_damage,
            ship_at_pack=ship_at_pack,
        )
        super().__init__(self.pack, sounds, parent)
        self.user = user
        self.station_name = self.pack.station
        self.hub: DeviceHub | None = None
        self._restored = False
        self._shown_view: PackView | None = None
        self.setStyleSheet(LOCAL_STYLE)

        self._title = heading()
        self.today_label = QLabel()
        self.today_label.setObjectName("packToday")
        self.today_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.step_label = QLabel()
        self.step_label.setObjectName("packStep")

        # The order: number, counts, note, marks, inserts, then the lines.
        self.panel = QFrame()
        self.panel.setObjectName("packPanel")
        self.order_label = QLabel()
        self.order_label.setObjectName("packOrder")
        self.count_label = QLabel()
        self.count_label.setObjectName("packCount")
        self.details_label = QLabel()
        self.details_label.setObjectName("packBig")
        self.fragile_label = QLabel()
        self.fragile_label.setObjectName("packFragile")
        self.note_label = QLabel()
        self.note_label.setObjectName("packNote")
        self.note_label.setTextFormat(Qt.TextFormat.PlainText)
        self.inserts_label = QLabel()
        self.inserts_label.setObjectName("packBig")
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

        # The scale: the steady reading, large, with the expected weight; one line each, so a
        # long refusal above never squeezes them on top of each other.
        self.weight_panel = QFrame()
        self.weight_panel.setObjectName("weightPanel")
        self.weight_title = QLabel()
        self.weight_title.setObjectName("subheading")
        self.weight_label = QLabel()
        self.weight_label.setObjectName("packWeight")
        self.expected_label = QLabel()
        self.expected_label.setObjectName("packWeightLine")
        self.weight_state = QLabel()
        self.weight_state.setObjectName("packWeightLine")
        weight_layout = QVBoxLayout(self.weight_panel)
        weight_layout.addWidget(self.weight_title)
        weight_layout.addWidget(self.weight_label)
        weight_layout.addWidget(self.expected_label)
        weight_layout.addWidget(self.weight_state)
        weight_layout.addStretch(1)
        self.weight_panel.setMinimumWidth(280)
        for label in (self.weight_title, self.weight_label, self.expected_label, self.weight_state):
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

        self.keys_label = QLabel()
        self.keys_label.setObjectName("hint")

        head = QHBoxLayout()
        head.addWidget(self._title)
        head.addStretch(1)
        head.addWidget(self.today_label)
        body = QGridLayout()
        body.addWidget(self.panel, 0, 0)
        # A tall refusal banner on a 768-pixel screen leaves the scale's column less height than
        # its lines need: it scrolls then, its lines never drawn on top of each other.
        self.weight_scroll = QScrollArea()
        self.weight_scroll.setWidget(self.weight_panel)
        self.weight_scroll.setWidgetResizable(True)
        self.weight_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.weight_scroll.setFixedWidth(300)
        self.weight_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.weight_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        body.addWidget(self.weight_scroll, 0, 1)
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

        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(HEARTBEAT_MS)
        self._heartbeat.timeout.connect(self._on_heartbeat)
        # Long order numbers, notes and sentences wrap: the screen never grows wider than a
        # 1366-pixel floor monitor.
        for label in self.findChildren(QLabel):
            label.setWordWrap(label is not self.today_label)
        self._retranslate()

    # --- what the station holds (for the tests and the main window) ----------------------------

    @property
    def view(self) -> PackView | None:
        return self.pack.view

    @property
    def step(self) -> PackStep:
        return self.pack.step

    @property
    def weight(self) -> WeightReading | None:
        return self.pack.weight

    @property
    def verdict(self) -> Any:
        return self.pack.verdict

    @property
    def printed(self) -> bool:
        return self.pack.printed

    @property
    def today(self) -> PackerToday | None:
        return self.pack.today

    def expected_g(self) -> int | None:
        return self.pack.display().expected_g

    def has_scale(self) -> bool:
        return self.pack.has_scale()

    def scale_required(self) -> bool:
        return self.pack.scale_required()

    # --- devices -------------------------------------------------------------------------------

    def set_hub(self, hub: DeviceHub | None) -> None:
        if self.hub is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                self.hub.weight_read.disconnect(self._on_weight)
                self.hub.print_message.disconnect(self._on_print_message)
        self.hub = hub
        self.pack.set_devices(hub, hub.last_weight if hub is not None else None)
        if hub is not None:
            hub.weight_read.connect(self._on_weight)
            hub.print_message.connect(self._on_print_message)
        self.show_display(self.pack.display())

    def _on_print_message(self, kind: str, text: str) -> None:
        self.apply(self.pack.print_report(kind, text))

    def _on_weight(self, reading: object) -> None:
        if hasattr(reading, "grams") and hasattr(reading, "stable"):
            self.apply(self.pack.weight_reading(reading))  # type: ignore[arg-type]

    # --- translation ---------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._title.setText(self.tr("Pack · station {station}").format(station=self.station_name))
        self.weight_title.setText(self.tr("Scale"))
        self.keys_label.setText(
            self.tr(
                "Esc/CLEAR acknowledge · F2 undo · F3 damage checked · F4 weigh · F6 insert · "
                "F7 damaged out · F8 aside · F9 accept weight · F10 close & print (Shift: one of "
                "several) · digits: quantity · box/bag code: packaging"
            )
        )
        self.lines_model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 4)
        self.show_display(self.pack.display())

    # --- what the screen shows -----------------------------------------------------------------

    def apply(self, outcome: Outcome[Any]) -> None:
        super().apply(outcome)
        display = outcome.show
        view = display.view
        if view is not None and view is not self._shown_view:
            self.packed.emit(view)
        self._shown_view = view
        if self.pack.wants_heartbeat:
            if not self._heartbeat.isActive():
                self._heartbeat.start()
        else:
            self._heartbeat.stop()
        if outcome.sound is not None and str(outcome.sound) == "done" and view is None:
            message = outcome.message
            order = message.params.get("order") if message is not None else None
            if isinstance(order, str):
                self.shipped.emit(order)

    def show_display(self, display: PackDisplay) -> None:
        view = display.view
        self._render_step(display)
        self._render_today(display.today)
        self._render_weight(display)
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
        self.lines_model.set_lines(view.lines, display.last_line_id)

    def _render_step(self, display: PackDisplay) -> None:
        view = display.view
        step = display.step
        echo = QLineEdit.EchoMode.Password if display.secret else QLineEdit.EchoMode.Normal
        self.scan_edit.setEchoMode(echo)
        if step is PackStep.BADGE:
            text = self.tr("Supervisor: scan your badge (Esc cancels)")
            placeholder = self.tr("Scan the supervisor's badge")
        elif step is PackStep.REASON:
            text = self.tr("{name}: type the reason, then Enter (Esc cancels)")
            text = text.format(name=display.supervisor or "")
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
        elif view is None and display.pending_wave:
            text = self.tr("Wave {wave}: scan or type the slot number").format(
                wave=display.pending_wave
            )
            placeholder = self.tr("Slot number")
        elif view is None:
            text = self.tr("Scan the order, its waybill, or the single item")
            placeholder = self.tr("Scan here")
        elif view.blocked:
            text = self.tr("This order must not be packed: F8 puts it aside")
            placeholder = self.tr("Scan here")
        elif view.can_close:
            text = self.tr("Scan each item")
            if display.pending_qty is not None:
                text = self.tr("Quantity {n}: now scan the item").format(n=display.pending_qty)
            placeholder = self.tr("Scan here")
        else:
            parcel = display.open_parcel
            if parcel is not None and parcel.packaging is None and display.packaging_codes:
                text = self.tr("All scanned: scan the box or bag, weigh (F4), close (F10)")
            else:
                text = self.tr("All scanned: weigh (F4), then close (F10)")
            placeholder = self.tr("Scan here")
        self.step_label.setText(text)
        self.scan_edit.setPlaceholderText(placeholder)

    def _render_today(self, today: PackerToday | None) -> None:
        if today is None:
            self.today_label.setText(self.user.name)
            return
        self.today_label.setText(
            self.tr("{name} today: {orders} orders · {units} items · {rate}/h").format(
                name=self.user.name, orders=today.orders, units=today.units, rate=today.per_hour
            )
        )

    def _render_weight(self, display: PackDisplay) -> None:
        reading = display.weight
        if not display.has_scale:
            self.weight_label.setText("—")
            self.weight_state.setText(
                self.tr("No scale at this station: packing is blocked — set up the scale")
                if display.scale_required
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
        expected = display.expected_g
        lines = []
        parcel = display.open_parcel
        if expected is not None:
            lines.append(self.tr("Expected {g}").format(g=grams(expected)))
            if parcel is not None and parcel.packaging:
                lines.append(
                    self.tr("Packaging {name} ({tare})").format(
                        name=parcel.packaging, tare=grams(parcel.tare_g)
                    )
                )
            elif parcel is not None and display.packaging_codes:
                lines.append(
                    self.tr("No box or bag yet: scan one ({codes})").format(
                        codes=", ".join(display.packaging_codes)
                    )
                )
            if parcel is not None and parcel.not_weighed:
                lines.append(self.tr("⚠ Not weighed: no scale at this station"))
        verdict = display.verdict
        if verdict is not None:
            lines.append(
                (self.tr("✔ Weighed {g}") if verdict.ok else self.tr("✖ Weighed {g}")).format(
                    g=grams(verdict.measured_g)
                )
            )
        # A weight and its unit stay on one line in the narrow panel ("120 g", never "120 / g").
        self.expected_label.setText("\n".join(lines).replace(" g", "\u00a0g"))

    def acknowledge(self) -> bool:
        """Esc / CLEAR: put away a refusal (True if there was one)."""
        if self.pack.refusal is None:
            return False
        self.apply(self.pack.escape())
        return True

    # --- life cycle ----------------------------------------------------------------------------

    def restore(self) -> bool:
        """Reopen what this station holds (after a crash: exactly where it was)."""
        self._restored = True
        self.apply(self.pack.restore())
        return self.pack.view is not None

    def _on_heartbeat(self) -> None:
        if not self.pack.wants_heartbeat:
            self._heartbeat.stop()
            return
        self.pack.heartbeat()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._restored:
            self.restore()
        self.scan_edit.setFocus()
