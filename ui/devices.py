"""The station's devices in the GUI: device threads, the print queue, states for the status bar.

``DeviceHub`` owns one :class:`DeviceThread` per device (label printer, scale): every device
call (a status query, sending a label, reading the scale) runs there, one after another, never
on the GUI thread, and its outcome comes back as a signal. The serial scanner reads in its own
thread (``devices.scanners``); its callbacks are turned into Qt signals here.

States (``DeviceState``) are short translated words for the status bar plus a longer sentence
(the adapters' message codes rendered in the UI's language, again on a language change); a
failing or unplugged device changes its state and the app keeps running.
"""

from __future__ import annotations

import datetime as dt
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal

from app.context import AppContext
from app.devices import DeviceSlot, StationDevices
from app.domain.users import Actor
from app.messages import Message
from app.messages import devices as dm
from app.services import printing_jobs
from app.services.printing_jobs import SendReport
from devices.errors import DeviceError, DeviceNotFound, DeviceTimeout, PrinterNotReady
from devices.scales import Reading
from ui.i18n import QT_TRANSLATE_NOOP, message_text

log = logging.getLogger(__name__)

SCANNER, PRINTER, SCALE = "scanner", "printer", "scale"
KINDS = (SCANNER, PRINTER, SCALE)

PRINTER_CHECK_MS = 5_000  # status query while idle
PRINTER_RETRY_MS = 10_000  # failed jobs are tried again this often (and at once when fixed)
SCALE_POLL_MS = 1_000


def reason_text(reason: str) -> str:
    """A printer's reasons ("paper out, head open") as short words in the UI's language."""
    return ", ".join(message_text(m) for m in dm.printer_reasons(reason))


def device_error_text(exc: BaseException) -> str:
    """A device failure in the UI's language: the adapter's message (what happened and what to
    do); an error without one as it says itself."""
    message = getattr(exc, "message", None)
    if isinstance(message, Message):
        return message_text(message)
    return str(exc) or type(exc).__name__


def _initial_maker(
    present: bool,
    slot: DeviceSlot,
    connecting: str,
    not_set_up: str,
    level: str,
    absent: str,
    sentence: str,
) -> Callable[[], tuple[str, ...]]:
    """A device's state before its first answer: connecting, not set up (why), or none."""

    def say(text: str) -> str:
        return QCoreApplication.translate("Devices", text)

    if present:
        return lambda: ("warn", say(connecting), slot.where)
    problem = slot.problem
    if problem is not None:
        return lambda: ("error", say(not_set_up), message_text(problem))
    return lambda: (level, say(absent), say(sentence))


def _printer_words(error: BaseException) -> str:
    if isinstance(error, PrinterNotReady):
        return QCoreApplication.translate("Devices", "Printer: {reason}").format(
            reason=reason_text(error.reason)
        )
    if isinstance(error, DeviceNotFound):
        return QCoreApplication.translate("Devices", "Printer: not found")
    if isinstance(error, DeviceTimeout):
        return QCoreApplication.translate("Devices", "Printer: no answer")
    return QCoreApplication.translate("Devices", "Printer: error")


def _scale_words(error: BaseException) -> str:
    if isinstance(error, DeviceNotFound):
        return QCoreApplication.translate("Devices", "Scale: not found")
    if isinstance(error, DeviceTimeout):
        return QCoreApplication.translate("Devices", "Scale: no answer")
    return QCoreApplication.translate("Devices", "Scale: error")


@dataclass(frozen=True)
class DeviceState:
    """What the status bar shows for one device. ``level``: ok, warn, error or off."""

    kind: str
    level: str
    text: str
    detail: str = ""


class DeviceThread(QThread):
    """Runs device calls one after another, off the GUI thread.

    ``submit(tag, fn)`` queues ``fn``; its outcome arrives as ``completed(tag, result, error)``
    in the GUI thread. A tag already queued is not queued twice (status polls never pile up
    behind a slow printer).
    """

    completed = Signal(str, object, object)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._calls: queue.Queue[tuple[str, Callable[[], object]] | None] = queue.Queue()
        self._queued: set[str] = set()
        self._lock = threading.Lock()

    def submit(self, tag: str, fn: Callable[[], object]) -> bool:
        with self._lock:
            if tag in self._queued:
                return False
            self._queued.add(tag)
        self._calls.put((tag, fn))
        return True

    def is_queued(self, tag: str) -> bool:
        with self._lock:
            return tag in self._queued

    def run(self) -> None:
        while (call := self._calls.get()) is not None:
            tag, fn = call
            with self._lock:
                self._queued.discard(tag)
            result: object = None
            error: BaseException | None = None
            try:
                result = fn()
            except Exception as exc:  # a device failure is a state, never a crash
                if not isinstance(exc, DeviceError):
                    log.exception("%s: %s failed", self.objectName(), tag)
                error = exc
            self.completed.emit(tag, result, error)

    def shutdown(self, timeout_ms: int = 5_000) -> None:
        self._calls.put(None)
        if not self.wait(timeout_ms):
            log.warning("%s did not stop within %d ms", self.objectName(), timeout_ms)


class DeviceHub(QObject):
    """The station's devices for the screens: states, scans from the serial scanner, weights,
    and the label print queue (jobs stored first, sent in the printer thread, retried)."""

    state_changed = Signal(object)  # DeviceState
    scanned = Signal(str, str)  # raw code, source ("serial")
    scan_refused = Signal(str)  # a sentence: the scanner sent something that is not a code
    weight_read = Signal(object)  # Reading
    jobs_changed = Signal()  # a print job was queued, sent or failed
    print_message = Signal(str, str)  # kind ("ok" / "error" / "info"), sentence
    # From the scanner's reader thread, queued to the GUI thread (rendered there).
    _scanner_state = Signal(str, object)  # state, Message or None
    _scanner_refused = Signal(object)  # Message

    def __init__(
        self, ctx: AppContext, devices: StationDevices, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.devices = devices
        self._states: dict[str, DeviceState] = {}
        self._makers: dict[str, Callable[[], tuple[str, ...]]] = {}
        self._printer_thread = DeviceThread("label printer", self)
        self._printer_thread.completed.connect(self._on_printer_done)
        self._scale_thread = DeviceThread("scale", self)
        self._scale_thread.completed.connect(self._on_scale_done)
        self._printer_timer = QTimer(self)
        self._printer_timer.setInterval(PRINTER_CHECK_MS)
        self._printer_timer.timeout.connect(self._on_printer_timer)
        self._retry_timer = QTimer(self)
        self._retry_timer.setInterval(PRINTER_RETRY_MS)
        self._retry_timer.timeout.connect(self.send_pending)
        self._scale_timer = QTimer(self)
        self._scale_timer.setInterval(SCALE_POLL_MS)
        self._scale_timer.timeout.connect(self.read_weight)
        self._scanner_state.connect(self._on_scanner_state)
        self._scanner_refused.connect(self._on_scanner_refused)
        self._scanner: object = None
        self._last_weight: Reading | None = None
        self._printer_failed = False
        self._started = False
        self._closed = False
        self._initial_states()

    # --- states --------------------------------------------------------------------------------

    def _initial_states(self) -> None:
        d = self.devices
        # kind, device present, its slot, (connecting, not set up, absent level, absent words,
        # absent sentence)
        table = (
            (
                SCANNER,
                d.serial_scanner is not None,
                d.serial_scanner_slot,
                QT_TRANSLATE_NOOP("Devices", "Scanner: connecting"),
                QT_TRANSLATE_NOOP("Devices", "Scanner: not set up"),
                ("ok", QT_TRANSLATE_NOOP("Devices", "Scanner: keyboard")),
                QT_TRANSLATE_NOOP("Devices", "USB scanners in keyboard mode"),
            ),
            (
                PRINTER,
                d.label_printer is not None,
                d.label_printer_slot,
                QT_TRANSLATE_NOOP("Devices", "Printer: checking"),
                QT_TRANSLATE_NOOP("Devices", "Printer: not set up"),
                ("off", QT_TRANSLATE_NOOP("Devices", "Printer: none")),
                QT_TRANSLATE_NOOP("Devices", "No label printer is set up."),
            ),
            (
                SCALE,
                d.scale is not None,
                d.scale_slot,
                QT_TRANSLATE_NOOP("Devices", "Scale: connecting"),
                QT_TRANSLATE_NOOP("Devices", "Scale: not set up"),
                ("off", QT_TRANSLATE_NOOP("Devices", "Scale: none")),
                QT_TRANSLATE_NOOP("Devices", "No scale is set up."),
            ),
        )
        for kind, present, slot, connecting, not_set_up, (level, absent), sentence in table:
            self._set(
                kind, _initial_maker(present, slot, connecting, not_set_up, level, absent, sentence)
            )

    def _set(self, kind: str, make: Callable[[], tuple[str, ...]]) -> None:
        """Show ``make()`` = (level, words[, sentence]) for ``kind``; ``make`` is kept so that
        the words can be said again in another language (``retranslate``)."""
        self._makers[kind] = make
        self._publish(kind)

    def _publish(self, kind: str) -> None:
        level, text, *rest = self._makers[kind]()
        state = DeviceState(kind, level, text, rest[0] if rest else "")
        if self._states.get(kind) == state:
            return
        self._states[kind] = state
        self.state_changed.emit(state)

    def retranslate(self) -> None:
        """The language changed: say every state again in it."""
        for kind in list(self._makers):
            self._publish(kind)

    def state(self, kind: str) -> DeviceState:
        return self._states[kind]

    def states(self) -> list[DeviceState]:
        return [self._states[k] for k in KINDS]

    @property
    def simulators(self) -> dict[str, Any]:
        return self.devices.simulators

    @property
    def last_weight(self) -> Reading | None:
        return self._last_weight

    # --- life cycle ------------------------------------------------------------------------------

    def start(self) -> None:
        if self._started:
            return
        self._started = True
        self._printer_thread.start()
        self._scale_thread.start()
        if self.devices.label_printer is not None:
            self._printer_timer.start()
            self.check_printer()
            self.send_pending()
        if self.devices.scale is not None:
            self._scale_timer.start()
            self.read_weight()
        factory = self.devices.serial_scanner
        if factory is not None:
            scanner = factory(self._from_scanner_scan, self._from_scanner_state, self._refused)
            self._scanner = scanner
            scanner.start()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        for timer in (self._printer_timer, self._retry_timer, self._scale_timer):
            timer.stop()
        scanner = self._scanner
        if scanner is not None:
            scanner.stop()  # type: ignore[attr-defined]
        if self._started:
            self._printer_thread.shutdown()
            self._scale_thread.shutdown()
        self.devices.close()

    # --- the serial scanner (callbacks arrive in its reader thread) ------------------------------

    def _from_scanner_scan(self, code: str) -> None:
        self.scanned.emit(code, "serial")  # queued into the GUI thread

    def _from_scanner_state(self, state: object, message: Message | None) -> None:
        name = str(getattr(state, "value", state))
        self._scanner_state.emit(name, message)

    def _refused(self, message: Message) -> None:
        self._scanner_refused.emit(message)

    def _on_scanner_refused(self, message: object) -> None:
        if isinstance(message, Message):
            self.scan_refused.emit(message_text(message))

    def _on_scanner_state(self, state: str, message: object) -> None:
        where = self.devices.serial_scanner_slot.where
        words = {
            "connected": ("ok", QT_TRANSLATE_NOOP("Devices", "Scanner: connected")),
            "connecting": ("warn", QT_TRANSLATE_NOOP("Devices", "Scanner: connecting")),
            "disconnected": ("error", QT_TRANSLATE_NOOP("Devices", "Scanner: unplugged")),
        }
        if state not in words:
            return
        level, short = words[state]

        def say() -> tuple[str, ...]:
            detail = where
            if state == "disconnected":
                why = message if isinstance(message, Message) else dm.SCANNER_GONE(port=where)
                detail = QCoreApplication.translate(
                    "Devices", "{sentence} Keyboard scanners still work."
                ).format(sentence=message_text(why))
            return (level, QCoreApplication.translate("Devices", short), detail)

        self._set(SCANNER, say)

    # --- the label printer -------------------------------------------------------------------

    def check_printer(self) -> None:
        printer = self.devices.label_printer
        if printer is None or self._closed:
            return
        self._printer_thread.submit("status", lambda: printer.status())

    def _on_printer_timer(self) -> None:
        if not self._printer_thread.is_queued("send"):
            self.check_printer()

    def queue_label(self, actor: Actor, payload: bytes, description: str) -> int | None:
        """Store a job for the label printer (one transaction) and start sending it."""
        printer = self.devices.label_printer
        if printer is None:
            self.print_message.emit("error", message_text(dm.NO_LABEL_PRINTER()))
            return None
        job_id = printing_jobs.queue_job(
            self.ctx.uow(), actor, printer.name, printer.language, payload, description
        )
        self.jobs_changed.emit()
        self.send_pending()
        return job_id

    def print_test_label(self, actor: Actor) -> int | None:
        printer = self.devices.label_printer
        if printer is None:
            self.print_message.emit("error", message_text(dm.NO_LABEL_PRINTER()))
            return None
        when = dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")
        label = self.ctx.renderer.test_label(
            when,
            self.devices.label_printer_slot.where,
            printer.language,
            self.devices.label_size_mm,
            self.devices.label_dpi,
        )
        try:
            payload = printer.encode(label)
        except ValueError as exc:  # e.g. no Chinese font for the bitmap text
            self.print_message.emit("error", device_error_text(exc))
            return None
        job_id = self.queue_label(actor, payload, f"test label {when}")
        if job_id is not None:
            self.print_message.emit(
                "info",
                QCoreApplication.translate(
                    "Devices", "Test label queued as job #{job}; sending…"
                ).format(job=job_id),
            )
        return job_id

    def send_pending(self) -> None:
        printer = self.devices.label_printer
        if printer is None or self._closed:
            return
        ctx = self.ctx

        def job() -> SendReport:
            return printing_jobs.send_pending(lambda: ctx.uow(), printer)  # type: ignore[arg-type]

        self._printer_thread.submit("send", job)

    def _on_printer_done(self, tag: str, result: object, error: object) -> None:
        if self._closed:
            return
        if tag == "status":
            if isinstance(error, BaseException):
                self._printer_error(error)
                return
            ready = bool(getattr(result, "ready", False))
            if ready:
                self._set(
                    PRINTER,
                    lambda: (
                        "ok",
                        QCoreApplication.translate("Devices", "Printer: ready"),
                        self.devices.label_printer_slot.where,
                    ),
                )
                if self._printer_failed:  # fixed: send what waited, at once
                    self._printer_failed = False
                    self.send_pending()
            else:
                reasons = ", ".join(getattr(result, "reasons", []) or ["not ready"])
                self._printer_error(PrinterNotReady(reasons))
            return
        # "send"
        if isinstance(error, BaseException):
            self._printer_error(error)
            return
        if not isinstance(result, SendReport):
            return
        if result.sent or result.failed:
            self.jobs_changed.emit()
        if result.failed:
            self._printer_failed = True
            self._retry_timer.start()
            reason: Message | tuple[Message, ...] = (
                result.causes[0].message if result.causes else tuple(result.errors)
            )
            self.print_message.emit("error", message_text(dm.JOB_KEPT(reason=reason)))
            self.check_printer()
        elif result.sent:
            self._printer_failed = False
            self._retry_timer.stop()
            self._set(
                PRINTER,
                lambda: (
                    "ok",
                    QCoreApplication.translate("Devices", "Printer: ready"),
                    self.devices.label_printer_slot.where,
                ),
            )
            self.print_message.emit(
                "ok",
                QCoreApplication.translate("Devices", "{n} label(s) sent to the printer.").format(
                    n=len(result.sent)
                ),
            )

    def _printer_error(self, error: BaseException) -> None:
        if type(error).__name__ == "TransportNotSupported":
            self._set(
                PRINTER,
                lambda: (
                    "ok",
                    QCoreApplication.translate("Devices", "Printer: connected (no status)"),
                    QCoreApplication.translate(
                        "Devices", "This connection cannot report the printer's status."
                    ),
                ),
            )
            return
        self._set(PRINTER, lambda: ("error", _printer_words(error), device_error_text(error)))

    # --- the scale -------------------------------------------------------------------------

    def read_weight(self) -> None:
        scale = self.devices.scale
        if scale is None or self._closed:
            return
        self._scale_thread.submit("weight", scale.read_weight)

    def _on_scale_done(self, tag: str, result: object, error: object) -> None:
        if self._closed:
            return
        if isinstance(error, BaseException):
            self._last_weight = None
            self._set(SCALE, lambda: ("error", _scale_words(error), device_error_text(error)))
            return
        if not isinstance(result, Reading):
            return
        self._last_weight = result
        if result.overload:
            self._set(
                SCALE,
                lambda: (
                    "error",
                    QCoreApplication.translate("Devices", "Scale: overload"),
                    QCoreApplication.translate(
                        "Devices", "The scale is overloaded: take the parcel off."
                    ),
                ),
            )
        elif result.stable:
            self._set(
                SCALE,
                lambda: (
                    "ok",
                    QCoreApplication.translate("Devices", "Scale: {g} g").format(
                        g=f"{result.grams:,.0f}"
                    ),
                ),
            )
        else:
            self._set(
                SCALE,
                lambda: (
                    "warn",
                    QCoreApplication.translate("Devices", "Scale: {g} g, settling").format(
                        g=f"{result.grams:,.0f}"
                    ),
                    QCoreApplication.translate("Devices", "The weight is not steady yet."),
                ),
            )
        self.weight_read.emit(result)
