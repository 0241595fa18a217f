"""Serial barcode scanners: USB-CDC ("USB-COM") or virtual serial ports, no Qt.

A scanner in USB-COM mode sends each code as a line: the code, then its suffix (CR by default;
LF or CR LF when so configured).  ``SerialScanner`` reads those lines on one daemon thread and
calls ``on_scan(code)`` for each; the app then classifies the code (``devices.scanning``).

``ScanLineSplitter`` is the pure part (framing and UTF-8 decoding, no thread, no port), so it
can be tested with any bytes.  It never raises: bytes that are not text, or a "line" of
``MAX_LINE_BYTES`` bytes without a line end (a scanner sending garbage or a wrong baud rate),
come out as ``RefusedLine`` with a message for the packer (a code of app.messages.devices).

Threading: every callback of ``SerialScanner`` (``on_scan``, ``on_state``, ``on_refused``) is
called *from the reader thread*.  A Qt screen must not touch widgets there: bridge the
callbacks into signals (a QObject's signal emitted from the thread is delivered queued to the
GUI thread).  An exception raised by a callback is logged and otherwise ignored; it never
stops the reader.

Unplugging: when the port cannot be opened or goes away (``SerialException``, ``OSError``, and
``termios.error`` on a pty), the scanner closes the port, reports ``DISCONNECTED`` with a
sentence, and tries again with exponential backoff (``backoff_min`` doubling up to
``backoff_max`` seconds) until the port opens again (``CONNECTED``) or ``stop()`` is called.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

import serial

from app.messages import Message
from app.messages import devices as dm
from devices.errors import DeviceNotFound
from devices.scales import _PORT_ERRORS
from devices.scanning import ScanDeduper

log = logging.getLogger(__name__)

#: A line this long without CR or LF is not a barcode: it is refused, and what follows is
#: discarded up to the next line end.
MAX_LINE_BYTES = 4000
#: How long one read waits for data; bounds how long ``stop()`` waits for the reader thread.
READ_TIMEOUT_S = 0.05

#: Opening a port fails with these (pyserial raises ValueError for a malformed URL).
_OPEN_ERRORS: tuple[type[BaseException], ...] = (*_PORT_ERRORS, ValueError)


@dataclass(frozen=True)
class RefusedLine:
    """A line that is not a scan.  ``reason`` is "not_text" (invalid UTF-8) or "too_long";
    ``message`` says so; ``head`` is the first bytes of the line (for logs)."""

    reason: Literal["not_text", "too_long"]
    message: Message
    size: int
    head: bytes = b""


class ScanLineSplitter:
    """Turns the byte stream of a serial scanner into codes.

    ``feed(data)`` returns, in order, a ``str`` for each complete non-empty line (ended by CR,
    LF or CR LF; empty lines, e.g. the LF of a CR LF split across reads, are skipped) and a
    ``RefusedLine`` for each line that cannot be a scan.  Bytes after the last line end are kept
    for the next ``feed``.  It never raises, whatever the bytes.  ``where`` names the port in
    the messages.
    """

    def __init__(
        self, where: str = "the serial port", max_line_bytes: int = MAX_LINE_BYTES
    ) -> None:
        if max_line_bytes < 1:
            raise ValueError("max_line_bytes must be at least 1")
        self.where = where
        self.max_line_bytes = max_line_bytes
        self._buffer = bytearray()
        self._discarding = False

    @property
    def pending(self) -> int:
        """Bytes held waiting for their line end."""
        return len(self._buffer)

    def reset(self) -> None:
        """Forget a partial line (after the port was closed and opened again)."""
        self._buffer.clear()
        self._discarding = False

    def feed(self, data: bytes) -> list[str | RefusedLine]:
        out: list[str | RefusedLine] = []
        start = 0
        end = len(data)
        while start < end:
            cut = _next_terminator(data, start)
            if cut < 0:
                self._take(data[start:], out)
                break
            self._take(data[start:cut], out)
            self._end_line(out)
            start = cut + 1
        return out

    def _take(self, chunk: bytes, out: list[str | RefusedLine]) -> None:
        if self._discarding or not chunk:
            return
        self._buffer += chunk
        if len(self._buffer) >= self.max_line_bytes:
            out.append(
                RefusedLine(
                    "too_long",
                    dm.SCAN_TOO_LONG(port=self.where, count=f"{self.max_line_bytes:,}"),
                    len(self._buffer),
                    bytes(self._buffer[:40]),
                )
            )
            self._buffer.clear()
            self._discarding = True

    def _end_line(self, out: list[str | RefusedLine]) -> None:
        if self._discarding:
            self._discarding = False
            return
        line = bytes(self._buffer)
        self._buffer.clear()
        if not line:
            return
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            out.append(
                RefusedLine(
                    "not_text",
                    dm.SCAN_NOT_TEXT(port=self.where),
                    len(line),
                    line[:40],
                )
            )


def _next_terminator(data: bytes, start: int) -> int:
    cr = data.find(b"\r", start)
    lf = data.find(b"\n", start)
    if cr < 0:
        return lf
    if lf < 0:
        return cr
    return min(cr, lf)


class ScannerState(StrEnum):
    CONNECTING = "connecting"  # started, the port not opened yet
    CONNECTED = "connected"  # the port is open, scans arrive
    DISCONNECTED = "disconnected"  # the port cannot be opened or went away; retrying
    STOPPED = "stopped"  # stop() was called (or start() never was)


def _ignore_state(state: ScannerState, message: Message | None) -> None:
    pass


def _ignore_refused(message: Message) -> None:
    pass


class SerialScanner:
    """A barcode scanner on a serial port: ``/dev/ttyACM0``, ``COM3`` or any pyserial URL
    (``loop://``, ``socket://host:port``).

    ``on_scan(code)``: a scanned code, without its line end, duplicates within
    ``dedupe_window_ms`` removed.  ``on_state(state, message)``: every change of ``state``;
    ``message`` says why for DISCONNECTED, None otherwise.  ``on_refused(message)``: a line
    that is not a scan (see ``ScanLineSplitter``).  All three are called from the reader
    thread (see the module docstring).  ``clock`` (seconds) times the dedupe window.
    """

    DEVICE = "scanner"

    def __init__(
        self,
        url: str,
        *,
        on_scan: Callable[[str], None],
        on_state: Callable[[ScannerState, Message | None], None] = _ignore_state,
        on_refused: Callable[[Message], None] = _ignore_refused,
        baudrate: int = 9600,
        dedupe_window_ms: float = 300,
        backoff_min: float = 0.2,
        backoff_max: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if backoff_min <= 0 or backoff_max < backoff_min:
            raise ValueError("backoff_min must be positive and backoff_max at least backoff_min")
        self.url = url
        self.baudrate = baudrate
        self.backoff_min = backoff_min
        self.backoff_max = backoff_max
        self._on_scan = on_scan
        self._on_state = on_state
        self._on_refused = on_refused
        self._clock = clock
        self._deduper = ScanDeduper(dedupe_window_ms)
        self._splitter = ScanLineSplitter(url)
        self._state = ScannerState.STOPPED
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._port: serial.SerialBase | None = None

    @property
    def state(self) -> ScannerState:
        return self._state

    @property
    def where(self) -> str:
        return self.url

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Start the reader thread (no-op when it runs already).  Returns at once; the port is
        opened on the thread, which reports CONNECTING, then CONNECTED or DISCONNECTED."""
        if self.running:
            return
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._run, name=f"SerialScanner {self.url}", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        """Stop reading, close the port and report STOPPED.  Prompt, even during a backoff
        wait: at most about ``READ_TIMEOUT_S`` plus a callback still running."""
        self._stop.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
            if thread.is_alive():
                log.warning(
                    "The reader thread of the scanner on %s did not end within %g s "
                    "(a callback is still running); the port is closed anyway.",
                    self.url,
                    timeout,
                )
                self._close()
        if thread is None or not thread.is_alive():
            self._thread = None
        self._state = ScannerState.STOPPED  # the thread reported it (or will, when it ends)

    def __enter__(self) -> SerialScanner:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # --- the reader thread ---------------------------------------------------------------------

    def _run(self) -> None:
        try:
            self._set_state(ScannerState.CONNECTING)
            delay = self.backoff_min
            while not self._stop.is_set():
                if self._open():
                    opened = time.monotonic()
                    self._read_until_gone()
                    if self._stop.is_set():
                        break
                    if time.monotonic() - opened >= min(1.0, self.backoff_max):
                        delay = self.backoff_min  # it worked for a while: retry soon
                    # else: a port that opens and fails at once keeps backing off
                if self._stop.wait(delay):
                    break
                delay = min(delay * 2, self.backoff_max)
        except Exception:  # a bug in this class: say so, never die silently
            log.exception("The reader of the scanner on %s failed", self.url)
        finally:
            self._close()
            self._set_state(ScannerState.STOPPED)

    def _open(self) -> bool:
        try:
            port = serial.serial_for_url(self.url, baudrate=self.baudrate, timeout=READ_TIMEOUT_S)
        except _OPEN_ERRORS as exc:
            if self._state is not ScannerState.DISCONNECTED:
                error = DeviceNotFound(self.DEVICE, self.url, str(exc))
                log.info("%s", error)
                self._set_state(
                    ScannerState.DISCONNECTED, dm.SCANNER_RETRYING(problem=error.message)
                )
            return False
        self._port = port
        self._splitter.reset()
        self._set_state(ScannerState.CONNECTED)
        return True

    def _read_until_gone(self) -> None:
        port = self._port
        assert port is not None
        while not self._stop.is_set():
            try:
                data = port.read(1)
                if data:
                    waiting = port.in_waiting
                    if waiting:
                        data += port.read(waiting)
            except _PORT_ERRORS as exc:
                log.info("The scanner on %s went away: %s", self.url, exc)
                self._close()
                self._set_state(ScannerState.DISCONNECTED, dm.SCANNER_GONE(port=self.url))
                return
            if data:
                self._deliver(data)

    def _deliver(self, data: bytes) -> None:
        for item in self._splitter.feed(data):
            if isinstance(item, RefusedLine):
                log.warning("%s (%d bytes, starting %r)", item.message, item.size, item.head)
                self._call(self._on_refused, item.message)
            elif not self._deduper.is_duplicate(item, self._clock() * 1000.0):
                self._call(self._on_scan, item)

    def _close(self) -> None:
        port, self._port = self._port, None
        if port is not None:
            with contextlib.suppress(*_PORT_ERRORS):
                port.close()

    def _set_state(self, state: ScannerState, message: Message | None = None) -> None:
        self._state = state
        self._call(self._on_state, state, message)

    def _call(self, callback: Callable[..., None], *args: object) -> None:
        try:
            callback(*args)
        except Exception:
            log.exception(
                "A callback of the scanner on %s raised; the scanner goes on reading", self.url
            )
