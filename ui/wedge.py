"""Keyboard-wedge scanners, application-wide: `WedgeFilter` catches scanner bursts before they
reach the focused widget and emits ``scanned(raw)`` instead; human typing still arrives.

Install once::

    wedge = WedgeFilter()
    QApplication.instance().installEventFilter(wedge)
    wedge.scanned.connect(on_scan)          # then app.domain.scans.classify(raw)

How it works: every spontaneous KeyPress is fed to a ``ScanBurstDetector``.  While a burst may
be in progress the keys are *consumed* (held).  If the next key comes too late (a person), the
held keys are given back, as new QKeyEvent copies sent at once and in order, to the widget they
were meant for, so slow typing still works (one key later, or ``max_gap_ms`` later via a
single-shot QTimer).  A burst ending with Enter/Tab emits ``scanned`` and never reaches the
field.

Time is the window system's: each key is timed by its event timestamp (on X11 the server's
clock when the key was pressed), not by when Qt delivers it.  When the GUI thread is busy
(a slow database call, a repaint) the keys queue up and arrive together; they keep their real
gaps, so a scan stays one scan and a person's queued keys stay typing.  The idle timer can fire
late, or before keys that already wait in the queue: before it gives held keys back it lets the
window system deliver what it has queued, and it measures the pause from the last key's
delivery, so it never releases a burst early.  Events without a timestamp (QTest on a widget)
are timed on arrival.

Auto-repeat: X11 marks a release and a press of the same key with the same millisecond
timestamp as an auto-repeat, which is also what a scanner's "00" looks like when the GUI thread
was busy.  A repeat continues a running burst and never starts one (see ``ScanBurstDetector``):
a person's held-down key first repeats after the keyboard's repeat delay, so it is typed into
the field and never becomes a scan.

Limits (by design, keep in mind):

* A scanner that itself pauses longer than ``max_gap_ms`` inside a code (by the window
  system's clock) is typing: the part before the pause goes into the field.  Raise the gap in
  Settings → Devices for such a scanner.
* Every key a person types is delayed until the next key or ``max_gap_ms`` (30 ms): invisible.
* The idle timer's look at the queue is one round of the event loop run from the timer's slot
  (``processEvents``): other timers and posted events due then run inside it.  It happens once
  per pause in a person's typing, never during a scan.
* Only spontaneous events (from the window system, or QTest) are examined; given-back copies and
  programmatic ``sendEvent`` keys pass untouched.  KeyRelease events always pass (fields ignore
  them).  Ctrl/Meta shortcuts (except Ctrl+] = GS), F-keys and arrows are never held; they first
  release what is held, keeping the order of keys.
* Application shortcuts without modifiers would still see a scanner's characters through
  ShortcutOverride; a focused text field overrides them as usual.
* Given-back copies carry key, modifiers and text, not native scan codes, and skip application
  shortcuts (they go straight to the widget).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import (
    Q_ARG,
    QAbstractEventDispatcher,
    QCoreApplication,
    QEvent,
    QMetaObject,
    QObject,
    Qt,
    QTimer,
    Signal,
)
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


class KeyTimes:
    """When keys were pressed, in milliseconds on one timeline, from their event timestamps.

    ``key(timestamp)`` maps a key event's timestamp (X11: the server's millisecond clock) onto
    the timeline: gaps between keys are the window system's, however the keys were delivered.
    A timestamp of 0 (none) counts as "now".  ``now()`` is an estimate that is never ahead of
    the truth: the last key's time plus the wall time since it was *delivered* (it was pressed
    no later than that).  A timestamp far from ``now()`` (another clock, the 32-bit X clock
    wrapping after 49 days) starts the timeline afresh at "now".
    """

    #: a key stamped further than this from now() is on another clock
    REBASE_MS = 60_000.0

    def __init__(self, wall: Callable[[], float] = monotonic_ms) -> None:
        self._wall = wall
        self._offset: float | None = None
        self._last_t: float | None = None
        self._last_wall = 0.0

    def now(self) -> float:
        wall = self._wall()
        if self._last_t is None:
            return wall
        return self._last_t + (wall - self._last_wall)

    def key(self, timestamp: int) -> float:
        now = self.now()
        t = now
        if timestamp > 0:
            if self._offset is not None:
                t = timestamp + self._offset
            if self._offset is None or abs(t - now) > self.REBASE_MS:
                self._offset = now - timestamp
                t = now
        if self._last_t is not None and t < self._last_t:
            t = self._last_t  # never backwards (keys of one device come in order)
        self._last_t, self._last_wall = t, self._wall()
        return t


class _FakeTimes(KeyTimes):
    """Every key and "now" from one clock (tests and the benchmark drive a fake clock)."""

    def now(self) -> float:
        return self._wall()

    def key(self, timestamp: int) -> float:
        return self._wall()


@dataclass(frozen=True)
class _HeldKey:
    target: QWidget | None
    key: int
    modifiers: Qt.KeyboardModifier
    text: str


class WedgeFilter(QObject):
    """Application event filter that turns keyboard-wedge scanner bursts into ``scanned``.

    ``clock``: leave it out in the app (keys are timed by their event timestamps); a test
    passes a fake clock, which then times every key and the idle timer alike.
    """

    scanned = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        detector: ScanBurstDetector | None = None,
        clock: Callable[[], float] | None = None,
    ) -> None:
        super().__init__(parent)
        self.detector = detector or ScanBurstDetector()
        self._times = KeyTimes() if clock is None else _FakeTimes(clock)
        self._held: list[_HeldKey] = []
        self._fed = 0  # keys fed to the detector so far (did one come while we looked away?)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_idle)

    # --- the filter ----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not event.spontaneous():
            return False
        assert isinstance(event, QKeyEvent)
        if event.key() in _MODIFIER_KEYS:
            return False  # Shift for capitals etc.: neither breaks nor joins a burst
        text = self._key_text(event)
        t_ms = self._times.key(event.timestamp())
        self._fed += 1
        decision = self.detector.feed_key(text, t_ms, repeat=event.isAutoRepeat())
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
            self._give_back(released)
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

    def _arm_timer(self, ms: float | None = None) -> None:
        """Fire _on_idle in *ms* (default: ``max_gap_ms``) unless it is armed already.

        One single-shot timer per burst, not one restart per key (see _emit_scanned: every
        void call costs a reference to None on that PySide build).  _on_idle re-arms it."""
        if not self._timer.isActive():
            wait = self.detector.max_gap_ms if ms is None else ms
            self._timer.start(max(1, int(wait) + 1))

    def _on_idle(self) -> None:
        if not self._held:
            return
        wait_ms = self.detector.ms_until_expiry(self._times.now())
        if wait_ms > 0:
            self._arm_timer(wait_ms)  # a key came since the timer was armed
            return
        # The pause looks long enough; but the timer may have fired late, right after a busy
        # spell, ahead of keys that wait in the window system's queue.  Let those come first.
        if self._deliver_queued_input():
            return  # a key came: the filter has decided (and re-armed the timer if needed)
        decision = self.detector.poll(self._times.now())
        if decision.action is Action.RELEASE:
            released, self._held = self._held, []
            self._give_back(released)
        elif decision.action is Action.HOLD:
            self._arm_timer(self.detector.ms_until_expiry(self._times.now()))

    def _deliver_queued_input(self) -> bool:
        """Deliver the events the window system has queued (through this filter); True when a
        key came.  The wake-up makes the dispatcher look at the window system's queue again
        (the glib dispatcher only does when woken since its last round)."""
        fed = self._fed
        dispatcher = QAbstractEventDispatcher.instance()
        if dispatcher is not None:
            dispatcher.wakeUp()
        QCoreApplication.processEvents()
        return self._fed != fed

    def _give_back(self, keys: list[_HeldKey]) -> None:
        """Send copies of *keys* to their widgets now, in order (posting them would let a key
        that follows, an Enter say, overtake them)."""
        for held in keys:
            target = held.target
            if target is None or not shiboken6.isValid(target):
                target = QApplication.focusWidget()
            if target is None:
                continue  # nowhere to type into
            copy = QKeyEvent(QEvent.Type.KeyPress, held.key, held.modifiers, held.text)
            QApplication.sendEvent(target, copy)

    # --- housekeeping --------------------------------------------------------------------------

    def configure(self, detector: ScanBurstDetector) -> None:
        """Use new timing / prefix / suffix settings (what is held now is given back first)."""
        self.flush()
        self.detector = detector

    def flush(self) -> None:
        """Give back whatever is held now (e.g. before a screen change)."""
        self.detector.reset()
        released, self._held = self._held, []
        self._give_back(released)
