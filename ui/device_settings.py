"""Settings → Devices: choose each device and its connection, try it, see the print jobs.

Per station (saved in the station's settings file). "Apply" closes the devices and opens them
again as chosen. The test buttons (print a test label, read the weight, scan test) go through
the same code the pack station uses, in the device threads.
"""

from __future__ import annotations

import contextlib
import copy
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.config import (
    DOCUMENT_PRINTER_KINDS,
    PRINTER_KINDS,
    PRINTER_LANGUAGES,
    SCALE_KINDS,
    SCALE_PROTOCOLS,
    SERIAL_SCANNER_KINDS,
    WHEN_NO_SCALE,
    DeviceSettings,
    Settings,
)
from app.context import AppContext
from app.domain.scans import GS, Scan
from app.services.users import UserInfo
from devices.scales import Reading
from ui.devices import DeviceHub
from ui.print_jobs_widget import PrintJobsWidget
from ui.theme import MessageLabel
from ui.workers import ServiceWorker, start_worker

log = logging.getLogger(__name__)


def visible_code(raw: str) -> str:
    """A scan with its invisible characters named: GS as <GS>, CR as <CR>."""
    names = {GS: "<GS>", "\r": "<CR>", "\n": "<LF>", "\t": "<TAB>"}
    return "".join(names.get(ch, ch) for ch in raw)


def scan_report(event: Scan) -> str:
    """What a scan test shows: the raw text, its bytes and what Packdesk understood."""
    lines = [
        f"raw:      {visible_code(event.raw)}",
        f"bytes:    {event.raw.encode('utf-8').hex(' ')}",
        f"source:   {event.source}",
        f"AIM id:   {event.symbology or '—'}",
        f"kind:     {event.kind}",
        f"value:    {visible_code(event.value)}",
    ]
    if event.gtin:
        lines.append(f"GTIN:     {event.gtin}")
    if event.lot:
        lines.append(f"lot (10): {event.lot}")
    if event.expiry:
        lines.append(f"expiry (17): {event.expiry.isoformat()}")
    return "\n".join(lines)


def _combo(values: tuple[str, ...]) -> QComboBox:
    combo = QComboBox()
    for value in values:
        combo.addItem(value, value)
    return combo


def _choose(combo: QComboBox, value: str) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))


def _address_combo() -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.setMinimumWidth(280)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    return combo


def _spin(low: int, high: int, suffix: str = "") -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    if suffix:
        spin.setSuffix(suffix)
    return spin


class DeviceSettingsPanel(QWidget):
    applied = Signal(object)  # Settings with the new device settings (saved)

    def __init__(
        self,
        ctx: AppContext,
        settings: Settings,
        user: UserInfo | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.settings = settings
        self.user = user
        self.hub: DeviceHub | None = None
        self._worker: ServiceWorker | None = None
        self._ports: list[str] = []
        self._queues: list[str] = []
        self._scan_test_armed = False
        self._listed = False  # serial ports and CUPS queues, listed when first shown

        d = settings.devices
        # label printer
        self.printer_kind = _combo(PRINTER_KINDS)
        self.printer_language = _combo(PRINTER_LANGUAGES)
        self.printer_address = _address_combo()
        self.label_width = _spin(20, 220, " mm")
        self.label_height = _spin(10, 400, " mm")
        self.test_label_button = QPushButton()
        self.test_label_button.setAutoDefault(False)
        # document printer
        self.document_kind = _combo(DOCUMENT_PRINTER_KINDS)
        self.document_queue = _address_combo()
        # scale
        self.scale_kind = _combo(SCALE_KINDS)
        self.scale_protocol = _combo(SCALE_PROTOCOLS)
        self.scale_address = _address_combo()
        self.scale_missing = _combo(WHEN_NO_SCALE)
        self.read_weight_button = QPushButton()
        self.read_weight_button.setAutoDefault(False)
        self.weight_label = QLabel("—")
        self.weight_label.setObjectName("subheading")
        # scanner
        self.scanner_kind = _combo(SERIAL_SCANNER_KINDS)
        self.scanner_address = _address_combo()
        self.gap_spin = _spin(5, 200, " ms")
        self.min_length_spin = _spin(1, 50)
        self.dedupe_spin = _spin(0, 5000, " ms")
        self.prefix_edit = QLineEdit()
        self.suffix_edit = QLineEdit()
        self.scan_test_button = QPushButton()
        self.scan_test_button.setAutoDefault(False)
        self.scan_view = QPlainTextEdit()
        self.scan_view.setReadOnly(True)
        self.scan_view.setMaximumHeight(220)
        self.scan_view.setMinimumWidth(360)
        self.scan_view.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        # buttons
        self.refresh_button = QPushButton()
        self.refresh_button.setAutoDefault(False)
        self.apply_button = QPushButton()
        self.apply_button.setObjectName("primary")
        self.apply_button.setAutoDefault(False)
        self.message = MessageLabel()
        # print jobs (shared with the label desk)
        self.jobs_widget = PrintJobsWidget(ctx, user)
        self.jobs_table = self.jobs_widget.table
        self.jobs_table.setMinimumHeight(200)
        self.send_button = self.jobs_widget.send_button
        self.reprint_reason = self.jobs_widget.reprint_reason
        self.reprint_button = self.jobs_widget.reprint_button

        self._labels: dict[str, QLabel] = {}

        def label(key: str, buddy: QWidget) -> QLabel:
            widget = QLabel()
            widget.setBuddy(buddy)
            self._labels[key] = widget
            return widget

        def title(key: str) -> QLabel:
            widget = QLabel()
            widget.setObjectName("subheading")
            self._labels[key] = widget
            return widget

        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        printer_form = QFormLayout()
        printer_form.addRow(label("printer_kind", self.printer_kind), self.printer_kind)
        printer_form.addRow(label("printer_language", self.printer_language), self.printer_language)
        printer_form.addRow(label("printer_address", self.printer_address), self.printer_address)
        size_row = QHBoxLayout()
        size_row.addWidget(self.label_width)
        size_row.addWidget(QLabel("×"))
        size_row.addWidget(self.label_height)
        size_row.addStretch(1)
        printer_form.addRow(label("label_size", self.label_width), size_row)
        printer_form.addRow("", self.test_label_button)
        printer_form.addRow(label("document_kind", self.document_kind), self.document_kind)
        printer_form.addRow(label("document_queue", self.document_queue), self.document_queue)
        left = QVBoxLayout()
        left.addWidget(title("printer_title"))
        left.addLayout(printer_form)
        left.addWidget(title("scale_title"))
        scale_form = QFormLayout()
        scale_form.addRow(label("scale_kind", self.scale_kind), self.scale_kind)
        scale_form.addRow(label("scale_protocol", self.scale_protocol), self.scale_protocol)
        scale_form.addRow(label("scale_address", self.scale_address), self.scale_address)
        scale_form.addRow(label("scale_missing", self.scale_missing), self.scale_missing)
        weight_row = QHBoxLayout()
        weight_row.addWidget(self.read_weight_button)
        weight_row.addWidget(self.weight_label, 1)
        scale_form.addRow("", weight_row)
        left.addLayout(scale_form)
        left.addStretch(1)

        right = QVBoxLayout()
        right.addWidget(title("scanner_title"))
        scanner_form = QFormLayout()
        scanner_form.addRow(label("scanner_kind", self.scanner_kind), self.scanner_kind)
        scanner_form.addRow(label("scanner_address", self.scanner_address), self.scanner_address)
        scanner_form.addRow(label("gap", self.gap_spin), self.gap_spin)
        scanner_form.addRow(label("min_length", self.min_length_spin), self.min_length_spin)
        scanner_form.addRow(label("dedupe", self.dedupe_spin), self.dedupe_spin)
        scanner_form.addRow(label("prefix", self.prefix_edit), self.prefix_edit)
        scanner_form.addRow(label("suffix", self.suffix_edit), self.suffix_edit)
        scanner_form.addRow("", self.scan_test_button)
        scanner_row = QHBoxLayout()
        scanner_row.addLayout(scanner_form)
        scanner_row.addWidget(self.scan_view, 1)
        right.addLayout(scanner_row)
        right.addStretch(1)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 1, 0)

        buttons = QHBoxLayout()
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.message)
        layout.addLayout(grid)
        layout.addLayout(buttons)
        layout.addWidget(self.jobs_widget)

        self.load_form(d)

        self.printer_kind.currentIndexChanged.connect(self._on_kinds_changed)
        self.scale_kind.currentIndexChanged.connect(self._on_kinds_changed)
        self.scanner_kind.currentIndexChanged.connect(self._on_kinds_changed)
        self.document_kind.currentIndexChanged.connect(self._on_kinds_changed)
        self.apply_button.clicked.connect(self._on_apply)
        self.refresh_button.clicked.connect(self.refresh_ports)
        self.test_label_button.clicked.connect(self._on_test_label)
        self.read_weight_button.clicked.connect(self._on_read_weight)
        self.scan_test_button.clicked.connect(self._on_scan_test)
        self.jobs_widget.message.connect(self._on_print_message)
        self._keys: list[QShortcut] = []
        self.install_keys(self)
        self._retranslate()
        self._on_kinds_changed()

    def install_keys(self, scope: QWidget) -> None:
        """The panel's buttons by key while the focus is anywhere in ``scope`` (the Settings
        screen puts itself here, so the keys work from its first field on)."""
        for shortcut in self._keys:
            shortcut.setEnabled(False)
            shortcut.deleteLater()
        self._keys = []
        for keys, slot in (
            ("F5", self.refresh_ports),
            ("Ctrl+T", self._on_test_label),
            ("Ctrl+G", self._on_read_weight),
            ("Ctrl+K", self._on_scan_test),
            ("Ctrl+Return", self._on_apply),
            ("Ctrl+Enter", self._on_apply),
        ):
            shortcut = QShortcut(QKeySequence(keys), scope)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            self._keys.append(shortcut)

    # --- the form ---------------------------------------------------------------------------

    def load_form(self, d: DeviceSettings) -> None:
        p, doc, sc, sn = d.label_printer, d.document_printer, d.scale, d.scanner
        _choose(self.printer_kind, p.kind)
        _choose(self.printer_language, p.language)
        self.printer_address.setEditText(p.address)
        self.label_width.setValue(p.label_width_mm)
        self.label_height.setValue(p.label_height_mm)
        _choose(self.document_kind, doc.kind)
        self.document_queue.setEditText(doc.queue)
        _choose(self.scale_kind, sc.kind)
        _choose(self.scale_protocol, sc.protocol)
        self.scale_address.setEditText(sc.address)
        _choose(self.scale_missing, sc.when_missing)
        _choose(self.scanner_kind, sn.serial_kind)
        self.scanner_address.setEditText(sn.serial_address)
        self.gap_spin.setValue(sn.max_gap_ms)
        self.min_length_spin.setValue(sn.min_length)
        self.dedupe_spin.setValue(sn.dedupe_ms)
        self.prefix_edit.setText(sn.prefix)
        self.suffix_edit.setText(sn.suffix)

    def form_settings(self) -> DeviceSettings:
        d = copy.deepcopy(self.settings.devices)
        p, doc, sc, sn = d.label_printer, d.document_printer, d.scale, d.scanner
        p.kind = str(self.printer_kind.currentData())
        p.language = str(self.printer_language.currentData())
        p.address = self.printer_address.currentText().strip()
        p.label_width_mm = self.label_width.value()
        p.label_height_mm = self.label_height.value()
        doc.kind = str(self.document_kind.currentData())
        doc.queue = self.document_queue.currentText().strip()
        sc.kind = str(self.scale_kind.currentData())
        sc.protocol = str(self.scale_protocol.currentData())
        sc.address = self.scale_address.currentText().strip()
        sc.when_missing = str(self.scale_missing.currentData())
        sn.serial_kind = str(self.scanner_kind.currentData())
        sn.serial_address = self.scanner_address.currentText().strip()
        sn.max_gap_ms = self.gap_spin.value()
        sn.min_length = self.min_length_spin.value()
        sn.dedupe_ms = self.dedupe_spin.value()
        sn.prefix = self.prefix_edit.text()
        sn.suffix = self.suffix_edit.text()
        return d

    def problems(self, d: DeviceSettings) -> list[str]:
        """What must be filled in before the settings can be applied."""
        found = []
        if d.label_printer.kind in ("tcp", "serial", "usb", "cups") and not d.label_printer.address:
            found.append(self.tr("the label printer needs an address, port, device or queue"))
        if d.document_printer.kind == "cups" and not d.document_printer.queue:
            found.append(self.tr("the document printer needs a CUPS queue"))
        if d.scale.kind == "serial" and not d.scale.address:
            found.append(self.tr("the scale needs a serial port"))
        if d.scanner.serial_kind == "serial" and not d.scanner.serial_address:
            found.append(self.tr("the serial scanner needs a port"))
        return found

    def _on_kinds_changed(self, _index: int = 0) -> None:
        printer = str(self.printer_kind.currentData())
        needs_address = printer in ("tcp", "serial", "usb", "cups")
        self.printer_address.setEnabled(needs_address)
        self._fill(
            self.printer_address,
            self._ports if printer == "serial" else self._queues if printer == "cups" else [],
        )
        self.document_queue.setEnabled(self.document_kind.currentData() == "cups")
        self._fill(self.document_queue, self._queues)
        self.scale_address.setEnabled(self.scale_kind.currentData() == "serial")
        self._fill(self.scale_address, self._ports)
        self.scanner_address.setEnabled(self.scanner_kind.currentData() == "serial")
        self._fill(self.scanner_address, self._ports)
        hints = {
            "tcp": self.tr("e.g. 192.168.1.50 or 192.168.1.50:9100"),
            "serial": self.tr("e.g. /dev/ttyUSB0 or COM3"),
            "usb": self.tr("e.g. /dev/usb/lp0"),
            "cups": self.tr("the CUPS queue name"),
        }
        line = self.printer_address.lineEdit()
        if line is not None:
            line.setPlaceholderText(hints.get(printer, ""))

    @staticmethod
    def _fill(combo: QComboBox, values: list[str]) -> None:
        text = combo.currentText()
        combo.blockSignals(True)
        combo.clear()
        combo.addItems(values)
        combo.setEditText(text)
        combo.blockSignals(False)

    def refresh_ports(self) -> None:
        """List serial ports and CUPS queues in a worker (lpstat may take a moment)."""
        if self._worker is not None:
            return

        def job(_progress: object) -> tuple[list[str], list[str]]:
            from devices.discovery import list_cups_queues, list_serial_ports

            return [p.device for p in list_serial_ports()], list_cups_queues()

        self._worker = start_worker(
            self, job, "list ports", on_progress=lambda _d, _t: None, on_done=self._on_ports
        )

    def _on_ports(self) -> None:
        worker, self._worker = self._worker, None
        if worker is None:
            return
        result = worker.result
        if isinstance(result, tuple):
            self._ports, self._queues = result
        self._on_kinds_changed()
        self.message.show_message(
            "info",
            self.tr("Found {ports} serial port(s) and {queues} CUPS queue(s).").format(
                ports=len(self._ports), queues=len(self._queues)
            ),
        )

    def is_busy(self) -> bool:
        return self._worker is not None

    def _on_apply(self) -> None:
        d = self.form_settings()
        missing = self.problems(d)
        if missing:
            self.message.show_message(
                "error", self.tr("Not applied: {what}.").format(what="; ".join(missing))
            )
            return
        self.settings.devices = d
        self.settings.save()
        log.info("device settings applied: %s", d)
        self.message.show_message("ok", self.tr("Device settings saved; devices reconnected."))
        self.applied.emit(self.settings)

    # --- the hub ------------------------------------------------------------------------------

    def set_hub(self, hub: DeviceHub | None) -> None:
        if self.hub is not None:
            for signal, slot in self._hub_connections():
                with contextlib.suppress(RuntimeError, TypeError):
                    signal.disconnect(slot)
        self.hub = hub
        if hub is not None:
            for signal, slot in self._hub_connections():
                signal.connect(slot)
        enabled = hub is not None
        for button in (self.test_label_button, self.read_weight_button):
            button.setEnabled(enabled)
        self.jobs_widget.set_hub(hub)

    def _hub_connections(self) -> list[tuple[Any, Callable[..., None]]]:
        hub = self.hub
        assert hub is not None
        return [
            (hub.jobs_changed, self.refresh_jobs),
            (hub.print_message, self._on_print_message),
            (hub.weight_read, self._on_weight),
            (hub.state_changed, self._on_device_state),
        ]

    def _on_print_message(self, kind: str, text: str) -> None:
        self.message.show_message(kind, text)

    def _on_device_state(self, state: object) -> None:
        if getattr(state, "kind", "") == "scale" and getattr(state, "level", "") == "error":
            self.weight_label.setText(str(getattr(state, "detail", "")))

    def _on_test_label(self) -> None:
        if self.hub is None or self.user is None:
            return
        self.hub.print_test_label(self.user.actor)

    def _on_read_weight(self) -> None:
        if self.hub is None:
            return
        if self.hub.devices.scale is None:
            self.weight_label.setText(self.tr("No scale is set up."))
            return
        self.weight_label.setText(self.tr("Reading…"))
        self.hub.read_weight()

    def _on_weight(self, reading: object) -> None:
        if not isinstance(reading, Reading):
            return
        if reading.overload:
            text = self.tr("Overload: take the parcel off")
        elif reading.stable:
            text = self.tr("{g} g, steady").format(g=f"{reading.grams:,.0f}")
        else:
            text = self.tr("{g} g, settling").format(g=f"{reading.grams:,.0f}")
        self.weight_label.setText(text)

    def _on_scan_test(self) -> None:
        self._scan_test_armed = True
        self.scan_view.setPlainText(self.tr("Scan a code now…"))

    def show_scan(self, event: object) -> None:
        """Every scan while Settings is open is shown here with its bytes and meaning."""
        if isinstance(event, Scan) and (self._scan_test_armed or self.isVisible()):
            self.scan_view.setPlainText(scan_report(event))

    def accept_scan(self, event: Scan) -> bool:
        if self._scan_test_armed:
            self._scan_test_armed = False
            return True  # the test scan is shown (show_scan), not typed into a field
        return False

    # --- print jobs -----------------------------------------------------------------------

    def refresh_jobs(self) -> None:
        self.jobs_widget.refresh_jobs()

    # --- translation ------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh_jobs()
        if not self._listed:
            self._listed = True
            self.refresh_ports()

    def _retranslate(self) -> None:
        texts = {
            "printer_title": self.tr("Printers"),
            "printer_kind": self.tr("Label printer"),
            "printer_language": self.tr("Printer language"),
            "printer_address": self.tr("Connection"),
            "label_size": self.tr("Label size"),
            "document_kind": self.tr("Document printer"),
            "document_queue": self.tr("CUPS queue"),
            "scale_title": self.tr("Scale"),
            "scale_kind": self.tr("Scale"),
            "scale_protocol": self.tr("Protocol"),
            "scale_address": self.tr("Serial port"),
            "scale_missing": self.tr("Without a scale"),
            "scanner_title": self.tr("Scanners"),
            "scanner_kind": self.tr("Serial scanner"),
            "scanner_address": self.tr("Serial port"),
            "gap": self.tr("Keyboard scanner: max gap"),
            "min_length": self.tr("Shortest code"),
            "dedupe": self.tr("Same code again within"),
            "prefix": self.tr("Scanner prefix"),
            "suffix": self.tr("Scanner suffix"),
        }
        for key, text in texts.items():
            self._labels[key].setText(text)
        kinds = {
            "auto": self.tr("Automatic (simulated in the demo)"),
            "none": self.tr("None"),
            "simulated": self.tr("Simulated"),
            "tcp": self.tr("Network (TCP 9100)"),
            "serial": self.tr("Serial port"),
            "usb": self.tr("USB (device file)"),
            "cups": self.tr("CUPS queue"),
        }
        for combo in (self.printer_kind, self.scale_kind, self.scanner_kind, self.document_kind):
            for i in range(combo.count()):
                combo.setItemText(i, kinds.get(str(combo.itemData(i)), str(combo.itemData(i))))
        protocols = {
            "mt-sics": self.tr("Mettler-Toledo MT-SICS"),
            "continuous": self.tr("Continuous output (ST,GS,…)"),
            "cas": self.tr("CAS 22-byte"),
        }
        for i in range(self.scale_protocol.count()):
            self.scale_protocol.setItemText(i, protocols[str(self.scale_protocol.itemData(i))])
        missing = {
            "block": self.tr("Block packing"),
            "warn": self.tr("Allow, with a warning recorded"),
        }
        for i in range(self.scale_missing.count()):
            self.scale_missing.setItemText(i, missing[str(self.scale_missing.itemData(i))])
        self.test_label_button.setText(self.tr("Print test label (Ctrl+T)"))
        self.read_weight_button.setText(self.tr("Read weight (Ctrl+G)"))
        self.scan_test_button.setText(self.tr("Scan test (Ctrl+K)"))
        self.apply_button.setText(self.tr("Apply device settings (Ctrl+Enter)"))
        self.refresh_button.setText(self.tr("Find ports and queues (F5)"))
        self.prefix_edit.setPlaceholderText(self.tr("none"))
        self.suffix_edit.setPlaceholderText(self.tr("none"))
        self.refresh_jobs()
