"""Keyboard-wedge scanners, application-wide: `WedgeFilter` catches scanner bursts before they
reach the focused widget and emits ``scanned(raw)`` instead; human typing still arrives.

Install once::

    wedge = WedgeFilter()
    QApplication.instance().installEventFilter(wedge)
    wedge.scanned.connect(on_scan)          # then devices.scanning.classify(raw)

How it works: every spontaneous KeyPress is fed to a ``ScanBurstDetector``.  While a burst may
be in progress the keys are *consumed* (held).  If the next key comes too late (a person), the
held keys are re-posted, as new QKeyEvent copies, to the widget they were meant for, so slow
typing still works (one key later, or ``max_gap_ms`` later via a single-shot QTimer).  A burst
ending with Enter/Tab emits ``scanned`` and never reaches the field.

Limits (by design, keep in mind):

* Timing is measured when Qt *delivers* the key, not when it was pressed.  If the GUI thread is
  blocked, a person's keys queue up and arrive together; they then look like a burst (and a
  long block in the middle of a real scan can split it, which the classifier then refuses or
  sees as two codes).  Keep the GUI thread free.
* Every key a person types is delayed until the next key or ``max_gap_ms`` (30 ms): invisible.
* Only spontaneous events (from the window system, or QTest) are examined; re-posted copies and
  programmatic ``sendEvent`` keys pass untouched.  KeyRelease events always pass (fields ignore
  them).  Auto-repeat, Ctrl/Meta shortcuts (except Ctrl+] = GS), F-keys and arrows are never
  held; they first release what is held, keeping the order of keys.
* Application shortcuts without modifiers would still see a scanner's characters through
  ShortcutOverride; a focused text field overrides them as usual.
* Re-posted copies carry key, modifiers and text, not native scan codes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import Q_ARG, QEvent, QMetaObject, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from devices.scanning import GS, Action, Decision, ScanBurstDetector

_MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
        Qt.Key.Key_CapsLock,
        Qt.Key.Key_NumLock,
    }
)


def monotonic_ms() -> float:
    return time.monotonic() * 1000.0


@dataclass(frozen=True)
class _HeldKey:
    target: QWidget | None
    key: int
    modifiers: Qt.KeyboardModifier
    text: str


class WedgeFilter(QObject):
    """Application event filter that turns keyboard-wedge scanner bursts into ``scanned``."""

    scanned = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        detector: ScanBurstDetector | None = None,
        clock: Callable[[], float] = monotonic_ms,
    ) -> None:
        super().__init__(parent)
        self.detector = detector or ScanBurstDetector()
        self._clock = clock
        self._held: list[_HeldKey] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(int(self.detector.max_gap_ms) + 1)
        self._timer.timeout.connect(self._on_idle)

    # --- the filter ----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not event.spontaneous():
            return False
        assert isinstance(event, QKeyEvent)
        if event.key() in _MODIFIER_KEYS:
            return False  # Shift for capitals etc.: neither breaks nor joins a burst
        text = self._key_text(event)
        decision = self.detector.feed_key(text, self._clock())
        if decision.action is Action.PASS:
            return False
        # A key sent to the QWindow is forwarded to the focus widget: remember that widget.
        target = watched if isinstance(watched, QWidget) else QApplication.focusWidget()
        current = _HeldKey(target, event.key(), event.modifiers(), event.text())
        self._apply(decision, current)
        return True

    @staticmethod
    def _key_text(event: QKeyEvent) -> str:
        mods = event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if ctrl and event.key() == Qt.Key.Key_BracketRight:
            return GS
        if event.isAutoRepeat():
            return ""  # a held-down key repeats fast: never a scan
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return "\r"
        if event.key() == Qt.Key.Key_Tab:
            return "\t"
        alt = bool(mods & Qt.KeyboardModifier.AltModifier)
        meta = bool(mods & Qt.KeyboardModifier.MetaModifier)
        if meta or (ctrl and not alt):  # shortcuts; Ctrl+Alt is AltGr on Windows
            return ""
        return event.text()

    def _apply(self, decision: Decision, current: _HeldKey) -> None:
        if decision.action is Action.HOLD:
            self._held.append(current)
            self._arm_timer()
        elif decision.action is Action.RELEASE:
            released, self._held = self._held, []
            if decision.holding:
                self._held.append(current)
                self._arm_timer()
            else:
                released.append(current)
            self._repost(released)
        else:  # SCAN or DUPLICATE: the burst (and its suffix key) is consumed
            self._held.clear()  # a pending idle timer then finds nothing held
            if decision.action is Action.SCAN:
                self._emit_scanned(decision.text)

    def _emit_scanned(self, code: str) -> None:
        # Same as ``self.scanned.emit(code)``.  PySide6 6.12 on Python 3.11 drops a reference
        # to True on every Signal.emit() (and to None on every call of a void C++ method); the
        # interpreter then aborts at exit ("bool_dealloc", exit 134).  invokeMethod does not.
        QMetaObject.invokeMethod(
            self, "scanned", Qt.ConnectionType.DirectConnection, Q_ARG(str, code)
        )

    def _arm_timer(self) -> None:
        # One single-shot timer per burst, not one restart per key (see _emit_scanned: every
        # void call costs a reference to None on this PySide build).  _on_idle re-arms it.
        if not self._timer.isActive():
            self._timer.start()

    def _on_idle(self) -> None:
        decision = self.detector.poll(self._clock())
        if decision.action is Action.RELEASE:
            released, self._held = self._held, []
            self._repost(released)
        elif decision.action is Action.HOLD:
            self._arm_timer()  # the clock says the burst may still run (or time is faked)

    def _repost(self, keys: list[_HeldKey]) -> None:
        for held in keys:
            target = held.target
            if target is None or not shiboken6.isValid(target):
                target = QApplication.focusWidget()
            if target is None:
                continue  # nowhere to type into
            copy = QKeyEvent(QEvent.Type.KeyPress, held.key, held.modifiers, held.text)
            QApplication.postEvent(target, copy)

    # --- housekeeping --------------------------------------------------------------------------

    def configure(self, detector: ScanBurstDetector) -> None:
        """Use new timing / prefix / suffix settings (what is held now is given back first)."""
        self.flush()
        self.detector = detector
        self._timer.setInterval(int(detector.max_gap_ms) + 1)

    def flush(self) -> None:
        """Give back whatever is held now (e.g. before a screen change)."""
        self.detector.reset()
        released, self._held = self._held, []
        self._repost(released)
