"""Device widgets: the status-bar indicators and the demo's simulated-devices panel."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QImage, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.devices import KINDS, DeviceHub, DeviceState
from ui.scan_router import ScanRouter
from ui.theme import ERROR, ERROR_BG, OK, OK_BG

log = logging.getLogger(__name__)

_LEVEL_STYLE = {
    "ok": ("✔", OK, OK_BG),
    "warn": ("▲", "#6b4a00", "#fff4d6"),
    "error": ("✖", ERROR, ERROR_BG),
    "off": ("○", "#444444", "#eeeeee"),
}


class DeviceIndicator(QLabel):
    """One device's state: symbol + words + colour (never colour alone); the sentence as tip."""

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setObjectName(f"device_{kind}")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.state: DeviceState | None = None

    def show_state(self, state: DeviceState) -> None:
        self.state = state
        symbol, ink, paper = _LEVEL_STYLE.get(state.level, _LEVEL_STYLE["off"])
        self.setText(f"{symbol} {state.text}")
        self.setToolTip(state.detail)
        bold = QFont(self.font())
        bold.setBold(True)
        self.setFont(bold)
        self.setMinimumWidth(QFontMetrics(bold).horizontalAdvance(self.text()) + 24)
        self.setStyleSheet(
            f"QLabel {{ color: {ink}; background: {paper}; border: 1px solid {ink};"
            f" border-radius: 4px; padding: 2px 8px; }}"
        )


class DeviceStatusBar(QWidget):
    """Scanner, printer, scale: always visible at the bottom of the main window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.indicators = {kind: DeviceIndicator(kind) for kind in KINDS}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        for kind in KINDS:
            row.addWidget(self.indicators[kind])
        self._hub: DeviceHub | None = None

    def set_hub(self, hub: DeviceHub | None) -> None:
        if self._hub is not None:
            with contextlib.suppress(RuntimeError, TypeError):  # the old hub is gone already
                self._hub.state_changed.disconnect(self._on_state_changed)
        self._hub = hub
        if hub is None:
            for indicator in self.indicators.values():
                indicator.show_state(DeviceState(indicator.kind, "off", "—"))
            return
        hub.state_changed.connect(self._on_state_changed)
        for state in hub.states():
            self._on_state_changed(state)

    def _on_state_changed(self, state: object) -> None:
        if isinstance(state, DeviceState) and state.kind in self.indicators:
            self.indicators[state.kind].show_state(state)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._hub is not None:
            self._hub.retranslate()
        super().changeEvent(event)

    def text(self) -> str:
        return " · ".join(i.text() for i in self.indicators.values())


PREVIEW_HEIGHT = 260


def label_pixmap(job: bytes, height: int) -> QPixmap:
    """The label a printer would print from ``job`` (the simulator's raster), ``height`` px
    tall; an empty pixmap when the job cannot be read (its text is shown instead)."""
    from printing.raster import rasterize

    try:
        image = rasterize(job).convert("L")
    except ValueError as exc:
        log.info("no preview for a job: %s", exc)
        return QPixmap()
    data = image.tobytes()
    qimage = QImage(data, image.width, image.height, image.width, QImage.Format.Format_Grayscale8)
    pixmap = QPixmap.fromImage(qimage.copy())
    return pixmap.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation)


def _job_preview(data: bytes) -> str:
    """Printer commands as readable lines; bitmap data shortened."""
    text = data.decode("latin-1", "replace")
    lines: list[str] = []
    for line in text.replace("^", "\n^").splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("^GFA") and len(line) > 60:
            line = line[:40] + f"… ({len(line):,} characters of bitmap)"
        elif line.startswith("BITMAP") and len(line) > 60:
            line = line[:30] + f"… ({len(line):,} bytes of bitmap)"
        lines.append("".join(ch if ch.isprintable() else "·" for ch in line))
    return "\n".join(lines)


class SimulatedDevicesPanel(QWidget):
    """The demo's stand-in for hardware: type a scan, see printed jobs, break the printer,
    load paper, put a weight on the scale, unplug the scanner."""

    def __init__(self, hub: DeviceHub, router: ScanRouter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("simPanel")
        # A demo tool, not the packer's screen: smaller type so it fits beside the screens.
        self.setStyleSheet("QWidget#simPanel, QWidget#simPanel * { font-size: 11pt; }")
        self.hub = hub
        self.router = router
        self.sim_printer = hub.simulators.get("printer")
        self.sim_scale = hub.simulators.get("scale")
        self.sim_scanner = hub.simulators.get("scanner")

        # scanner
        self.scanner_box = QGroupBox()
        self.scan_edit = QLineEdit()
        self.scan_edit.setProperty("scanTarget", False)  # scans never land here
        self.scan_button = QPushButton()
        self.scan_button.setAutoDefault(False)
        self.unplug_scanner_button = QPushButton()
        self.unplug_scanner_button.setAutoDefault(False)
        self.unplug_scanner_button.setCheckable(True)
        self.unplug_scanner_button.setEnabled(self.sim_scanner is not None)
        scan_row = QHBoxLayout()
        scan_row.addWidget(self.scan_edit, 1)
        scan_row.addWidget(self.scan_button)
        scanner_layout = QVBoxLayout(self.scanner_box)
        self._scanner_hint = QLabel()
        self._scanner_hint.setWordWrap(True)
        self._scanner_hint.setObjectName("hint")
        scanner_layout.addWidget(self._scanner_hint)
        scanner_layout.addLayout(scan_row)
        scanner_layout.addWidget(self.unplug_scanner_button)

        # printer
        self.printer_box = QGroupBox()
        self.jobs_list = QListWidget()
        self.jobs_list.setMaximumHeight(84)
        self.job_view = QPlainTextEdit()
        self.job_view.setReadOnly(True)
        self.job_view.setMaximumHeight(90)
        self.job_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.job_preview = QLabel()  # the label as the printer would print it
        self.job_preview.setObjectName("labelPreview")
        self.job_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.job_preview.setMinimumHeight(PREVIEW_HEIGHT)
        self.job_preview.setStyleSheet("QLabel#labelPreview { background: #d8d8d8; }")
        self.fault_checks: dict[str, QCheckBox] = {}
        faults = QFormLayout()
        fault_grid = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        for i, fault in enumerate(
            ("paper_out", "head_open", "paused", "ribbon_out", "no_answer", "drop_connection")
        ):
            check = QCheckBox()
            check.setEnabled(self.sim_printer is not None)
            check.toggled.connect(self._on_fault_toggled)
            self.fault_checks[fault] = check
            (left if i % 2 == 0 else right).addWidget(check)
        fault_grid.addLayout(left)
        fault_grid.addLayout(right)
        faults.addRow(fault_grid)
        self.load_paper_button = QPushButton()
        self.load_paper_button.setAutoDefault(False)
        self.load_paper_button.setEnabled(self.sim_printer is not None)
        printer_layout = QVBoxLayout(self.printer_box)
        self._jobs_label = QLabel()
        printer_layout.addWidget(self._jobs_label)
        printer_layout.addWidget(self.jobs_list)
        printer_layout.addWidget(self.job_preview)
        printer_layout.addWidget(self.job_view)
        printer_layout.addLayout(faults)
        printer_layout.addWidget(self.load_paper_button)

        # scale
        self.scale_box = QGroupBox()
        self.grams_spin = QSpinBox()
        self.grams_spin.setRange(0, 150_000)
        self.grams_spin.setSingleStep(50)
        self.grams_spin.setValue(1250)
        self.grams_spin.setSuffix(" g")
        self.put_button = QPushButton()
        self.put_button.setAutoDefault(False)
        self.take_off_button = QPushButton()
        self.take_off_button.setAutoDefault(False)
        self.unsteady_check = QCheckBox()
        self.overload_check = QCheckBox()
        self.silent_check = QCheckBox()
        for widget in (
            self.grams_spin,
            self.put_button,
            self.take_off_button,
            self.unsteady_check,
            self.overload_check,
            self.silent_check,
        ):
            widget.setEnabled(self.sim_scale is not None)
        weight_row = QHBoxLayout()
        weight_row.addWidget(self.grams_spin, 1)
        weight_row.addWidget(self.put_button)
        weight_row.addWidget(self.take_off_button)
        scale_layout = QVBoxLayout(self.scale_box)
        scale_layout.addLayout(weight_row)
        scale_layout.addWidget(self.unsteady_check)
        scale_layout.addWidget(self.overload_check)
        scale_layout.addWidget(self.silent_check)

        self._title = QLabel()
        self._title.setObjectName("subheading")
        self._hint = QLabel()
        self._hint.setObjectName("hint")
        self._hint.setWordWrap(True)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self._title)
        layout.addWidget(self._hint)
        layout.addWidget(self.scanner_box)
        layout.addWidget(self.printer_box)
        layout.addWidget(self.scale_box)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.scan_edit.returnPressed.connect(self._on_scan)
        self.scan_button.clicked.connect(self._on_scan)
        self.unplug_scanner_button.toggled.connect(self._on_unplug_toggled)
        self.load_paper_button.clicked.connect(self._on_load_paper)
        self.jobs_list.currentRowChanged.connect(self._on_job_selected)
        self.put_button.clicked.connect(self._on_put)
        self.grams_spin.editingFinished.connect(self._on_put)
        self.take_off_button.clicked.connect(self._on_take_off)
        self.unsteady_check.toggled.connect(self._on_scale_flags)
        self.overload_check.toggled.connect(self._on_scale_flags)
        self.silent_check.toggled.connect(self._on_scale_flags)

        self._seen_jobs = 0
        self._timer = QTimer(self)
        self._timer.setInterval(300)
        self._timer.timeout.connect(self.refresh_jobs)
        if self.sim_printer is not None:
            self._timer.start()
        self._retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._title.setText(self.tr("Simulated devices (F12)"))
        self._hint.setText(
            self.tr("The demo's stand-ins for a scanner, a label printer and a scale.")
        )
        self.scanner_box.setTitle(self.tr("Scanner"))
        if self.sim_scanner is not None:
            self._scanner_hint.setText(
                self.tr("Codes go through the simulated serial scanner on {port}.").format(
                    port=getattr(self.sim_scanner, "port", "")
                )
            )
        else:
            self._scanner_hint.setText(self.tr("Codes go to the screen as a scan."))
        self.scan_edit.setPlaceholderText(self.tr("Type a code, then Enter"))
        self.scan_button.setText(self.tr("Scan"))
        self.unplug_scanner_button.setText(
            self.tr("Plug the scanner in")
            if self.unplug_scanner_button.isChecked()
            else self.tr("Unplug the scanner")
        )
        self.printer_box.setTitle(self.tr("Label printer"))
        names = {
            "paper_out": self.tr("Paper out"),
            "head_open": self.tr("Head open"),
            "paused": self.tr("Paused"),
            "ribbon_out": self.tr("Ribbon out"),
            "no_answer": self.tr("No answer"),
            "drop_connection": self.tr("Drops the connection"),
        }
        for fault, check in self.fault_checks.items():
            check.setText(names[fault])
        self.load_paper_button.setText(self.tr("Load paper, close head (fix all)"))
        self._update_jobs_label()
        self.scale_box.setTitle(self.tr("Scale"))
        self.put_button.setText(self.tr("Put on"))
        self.take_off_button.setText(self.tr("Take off"))
        self.unsteady_check.setText(self.tr("Unsteady (parcel still moving)"))
        self.overload_check.setText(self.tr("Overload"))
        self.silent_check.setText(self.tr("Switched off (no answer)"))

    # --- scanner -------------------------------------------------------------------------

    def _on_scan(self) -> None:
        code = self.scan_edit.text().strip()
        self.scan_edit.clear()
        if not code:
            return
        scanner = self.sim_scanner
        if scanner is not None and not self.unplug_scanner_button.isChecked():
            scanner.scan(code)  # through the pty and the real serial reader
        else:
            self.router.route(code, "simulated")

    def _on_unplug_toggled(self, unplugged: bool) -> None:
        scanner = self.sim_scanner
        if scanner is None:
            return
        if unplugged:
            scanner.unplug()
        else:
            scanner.replug()
        self._retranslate()

    # --- printer -------------------------------------------------------------------------

    def _on_fault_toggled(self, _checked: bool) -> None:
        if self.sim_printer is None:
            return
        active = [f for f, check in self.fault_checks.items() if check.isChecked()]
        self.sim_printer.set_fault(*active)
        self.hub.check_printer()

    def _on_load_paper(self) -> None:
        for check in self.fault_checks.values():
            check.blockSignals(True)
            check.setChecked(False)
            check.blockSignals(False)
        if self.sim_printer is not None:
            self.sim_printer.set_fault()
        self.hub.check_printer()

    def refresh_jobs(self) -> None:
        if self.sim_printer is None:
            return
        jobs = self.sim_printer.jobs
        if len(jobs) == self._seen_jobs:
            return
        now = dt.datetime.now().strftime("%H:%M:%S")
        for number in range(self._seen_jobs, len(jobs)):
            data = jobs[number]
            language = "ZPL" if b"^XA" in data else "TSPL"
            item = QListWidgetItem(f"#{number + 1}  {language}  {len(data):,} B  {now}")
            item.setData(Qt.ItemDataRole.UserRole, number)
            self.jobs_list.insertItem(0, item)
        self._seen_jobs = len(jobs)
        self.jobs_list.setCurrentRow(0)
        self._update_jobs_label()

    def _update_jobs_label(self) -> None:
        self._jobs_label.setText(
            self.tr("Labels received: {n}").format(n=self._seen_jobs)
            if self.sim_printer is not None
            else self.tr("The label printer is not simulated.")
        )

    def _on_job_selected(self, row: int) -> None:
        item = self.jobs_list.item(row)
        if item is None or self.sim_printer is None:
            self.job_view.clear()
            return
        number = int(item.data(Qt.ItemDataRole.UserRole))
        jobs = self.sim_printer.jobs
        if number < len(jobs):
            self.job_view.setPlainText(_job_preview(jobs[number]))
            self.job_preview.setPixmap(label_pixmap(jobs[number], PREVIEW_HEIGHT))

    # --- keyboard ------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and isinstance(self.parent(), QWidget):
            window = self.parentWidget()
            if window is not None:
                window.activateWindow()
            return
        super().keyPressEvent(event)

    # --- scale ---------------------------------------------------------------------------

    def _on_put(self) -> None:
        if self.sim_scale is not None:
            self.sim_scale.put(float(self.grams_spin.value()))
            self.hub.read_weight()

    def _on_take_off(self) -> None:
        if self.sim_scale is not None:
            self.sim_scale.put(0.0)
            self.hub.read_weight()

    def _on_scale_flags(self, _checked: bool) -> None:
        if self.sim_scale is None:
            return
        self.sim_scale.set_unstable(self.unsteady_check.isChecked())
        self.sim_scale.set_overload(self.overload_check.isChecked())
        self.sim_scale.set_silent(self.silent_check.isChecked())
        self.hub.read_weight()
