"""What the app needs from a station's devices (small Protocols), and the set one station has.

The concrete classes live in ``devices/`` (transports, protocols, simulators) and only
``app.bootstrap.build_station_devices`` knows them. Screens and services see these interfaces.
Every call here does I/O and may block for seconds: the UI calls them from a device thread,
never from the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from app.messages import Message
from devices.scales import Reading
from printing.label import Label, PrinterStatus


class LabelPrinterPort(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def language(self) -> str: ...

    def encode(self, label: Label) -> bytes: ...

    def send_raw(self, data: bytes) -> None: ...

    def status(self, timeout: float = 2.0) -> PrinterStatus: ...

    def ensure_ready(self, timeout: float = 2.0) -> PrinterStatus: ...

    def close(self) -> None: ...


class ScalePort(Protocol):
    def read_weight(self) -> Reading: ...

    def close(self) -> None: ...


class DocumentPrinterPort(Protocol):
    @property
    def name(self) -> str: ...

    def print_pdf(self, pdf: bytes, title: str = "") -> str | None: ...


class ScannerPort(Protocol):
    @property
    def where(self) -> str: ...

    def start(self) -> None: ...

    def stop(self, timeout: float = 2.0) -> None: ...


#: (on_scan(code), on_state(state, message or None), on_refused(message)) → a scanner, not
#: started yet. The callbacks are called from the scanner's own reader thread.
ScannerFactory = Callable[
    [Callable[[str], None], Callable[[Any, Message | None], None], Callable[[Message], None]],
    ScannerPort,
]


@dataclass
class DeviceSlot:
    """One device of the station as configured: what it is, where, and why it is missing."""

    kind: str  # "none", "simulated", "tcp", "serial", "usb", "cups"
    where: str = ""  # shown to people: "simulated, 127.0.0.1:40123", "/dev/ttyUSB0"
    problem: Message | None = None  # a configuration problem (app.messages.devices)

    @property
    def configured(self) -> bool:
        return self.kind != "none" and self.problem is None


@dataclass
class StationDevices:
    """The devices of one station. ``close()`` stops readers and simulators."""

    label_printer: LabelPrinterPort | None = None
    label_printer_slot: DeviceSlot = field(default_factory=lambda: DeviceSlot("none"))
    label_size_mm: tuple[int, int] = (100, 150)
    label_dpi: int = 203
    document_printer: DocumentPrinterPort | None = None
    document_printer_slot: DeviceSlot = field(default_factory=lambda: DeviceSlot("none"))
    scale: ScalePort | None = None
    scale_slot: DeviceSlot = field(default_factory=lambda: DeviceSlot("none"))
    scale_required: bool = True  # the pack station blocks without a scale (else: warn)
    serial_scanner: ScannerFactory | None = None
    serial_scanner_slot: DeviceSlot = field(default_factory=lambda: DeviceSlot("none"))
    #: The simulators behind "simulated" devices (for the demo's simulated-devices panel):
    #: keys "printer", "scale", "scanner".
    simulators: dict[str, Any] = field(default_factory=dict)
    _closers: list[Callable[[], None]] = field(default_factory=list)

    def on_close(self, closer: Callable[[], None]) -> None:
        self._closers.append(closer)

    def close(self) -> None:
        while self._closers:
            closer = self._closers.pop()
            try:
                closer()
            except Exception:  # closing one device must not keep the others open
                import logging

                logging.getLogger(__name__).exception("closing a device failed")
