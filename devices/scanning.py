"""Scanner input without Qt: which keystrokes came from a keyboard-wedge scanner rather than a
person (`ScanBurstDetector`).  What a scanned code *is* is decided afterwards, once, by
``app.domain.scans.classify``.

A USB scanner in keyboard-wedge mode "types" a whole code plus Enter (or Tab) within a few
milliseconds; a person needs 60 ms or more per key.  The detector only sees (text, time) pairs,
so it can be tested with synthetic timestamps; ``ui.wedge`` feeds it real key events.
``ScanDeduper`` ("the same code twice within 300 ms is one scan") is shared by the wedge
detector and the serial scanner (``devices.scanners``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.domain.scans import GS as GS  # re-exported: the wedge maps Ctrl+] to it

# --- duplicate suppression ---------------------------------------------------------------------


class ScanDeduper:
    """The same code twice within ``window_ms`` is one scan (a scanner that reads a label twice,
    or a trigger held a moment too long).

    Only the last accepted code counts: ``A B A`` is three scans however fast.  A duplicate does
    not extend the window, so a code read over and over is accepted again once per window.
    """

    def __init__(self, window_ms: float = 300) -> None:
        self.window_ms = window_ms
        self._last: tuple[str, float] | None = None

    def is_duplicate(self, code: str, t_ms: float) -> bool:
        """True when *code* repeats the last accepted code within the window; otherwise the code
        is accepted (recorded as the last one) and False is returned."""
        last = self._last
        if last is not None and last[0] == code and t_ms - last[1] <= self.window_ms:
            return True
        self._last = (code, t_ms)
        return False

    def reset(self) -> None:
        """Forget the last code: the next one is never a duplicate."""
        self._last = None


# --- keyboard-wedge bursts ---------------------------------------------------------------------


class Action(StrEnum):
    HOLD = "hold"  # the key is buffered: it may be part of a scanner burst
    SCAN = "scan"  # a complete burst ended with this suffix key: ``text`` is the code
    DUPLICATE = "duplicate"  # a complete burst repeating the last code within the dedupe window
    RELEASE = "release"  # ``text`` is human typing: give those keys back to the focused field
    PASS = "pass"  # nothing held, the key is not for us: let it through untouched


@dataclass(frozen=True)
class Decision:
    """What to do with the key just fed (and with the keys held before it).

    RELEASE: ``text`` is every released key in order (held keys, then the current key unless
    ``holding``).  ``holding`` is True when the current key stays held as the possible start of
    a new burst (a long pause before it ended the previous, human, run).
    """

    action: Action
    text: str = ""
    holding: bool = False


class ScanBurstDetector:
    """Tells scanner bursts from human typing by the gaps between keystrokes.

    Feed every key with ``feed_key(text, t_ms, repeat=...)``: ``text`` is one character, a
    suffix key ("\\r", "\\n" for Enter, "\\t" for Tab), GS ("\\x1d", Ctrl+]) or "" / a control
    character for any other key (arrows, F-keys, Backspace, shortcuts).  ``t_ms`` is when the key
    was *pressed* (the window system's timestamp), not when it was delivered: keys queued while
    the GUI thread was busy arrive together but keep their real gaps.  A burst is a scan when
    every gap is ≤ ``max_gap_ms``, it has ≥ ``min_length`` characters and a suffix key ends it.
    A gap longer than ``max_gap_ms`` means a person: the held keys are released.  The caller
    must call ``poll(now_ms)`` when no key came for ``max_gap_ms`` (a timer), so the last keys a
    person typed are released too.

    ``repeat``: the window system's guess that the key is an auto-repeat (X11 marks a release
    and a press of the same key with the same millisecond timestamp as one: a held-down key,
    but also a scanner's "00" when the two presses are queued together).  A repeat continues a
    burst that is running (a gap ≤ ``max_gap_ms`` after a held key) and never starts one: a
    person's held-down key first repeats after the keyboard's repeat delay (hundreds of ms),
    so its repeats are typing, however fast they come.

    ``prefix``/``suffix``: strings the scanner is configured to add around each code; when set,
    a burst without them is human typing, and they are removed from the code.
    """

    def __init__(
        self,
        *,
        max_gap_ms: float = 30,
        min_length: int = 4,
        suffix_keys: str = "\r\n\t",
        prefix: str = "",
        suffix: str = "",
        dedupe_window_ms: float = 300,
    ) -> None:
        self.max_gap_ms = max_gap_ms
        self.min_length = min_length
        self.suffix_keys = frozenset(suffix_keys)
        self.prefix = prefix
        self.suffix = suffix
        self.deduper = ScanDeduper(dedupe_window_ms)
        self._held: list[str] = []
        self._last_t: float = 0.0

    @property
    def dedupe_window_ms(self) -> float:
        return self.deduper.window_ms

    @dedupe_window_ms.setter
    def dedupe_window_ms(self, value: float) -> None:
        self.deduper.window_ms = value

    @property
    def held(self) -> str:
        return "".join(self._held)

    def _is_char(self, text: str) -> bool:
        return len(text) == 1 and (text == GS or text.isprintable())

    def _release(self, extra: str = "") -> Decision:
        released = "".join(self._held) + extra
        self._held.clear()
        return Decision(Action.RELEASE, released)

    def feed_key(self, text: str, t_ms: float, *, repeat: bool = False) -> Decision:
        if repeat and (not self._held or t_ms - self._last_t > self.max_gap_ms):
            # A held-down key repeating (see the class docstring): typing, like any other key.
            return self._release(text) if self._held else Decision(Action.PASS)
        if text in self.suffix_keys and len(text) == 1:
            return self._suffix(text, t_ms)
        if not self._is_char(text):
            # Any other key (or a multi-character input method commit): never part of a scan.
            return self._release(text) if self._held else Decision(Action.PASS)
        if self._held and t_ms - self._last_t > self.max_gap_ms:
            released = self._release()
            self._held.append(text)
            self._last_t = t_ms
            return Decision(Action.RELEASE, released.text, holding=True)
        self._held.append(text)
        self._last_t = t_ms
        return Decision(Action.HOLD)

    def _suffix(self, key: str, t_ms: float) -> Decision:
        if not self._held:
            return Decision(Action.PASS)
        burst = "".join(self._held)
        if (
            t_ms - self._last_t > self.max_gap_ms
            or len(burst) < self.min_length
            or not burst.startswith(self.prefix)
            or not burst.endswith(self.suffix)
            or len(burst) <= len(self.prefix) + len(self.suffix)
        ):
            return self._release(key)
        self._held.clear()
        code = burst[len(self.prefix) : len(burst) - len(self.suffix)]
        if self.deduper.is_duplicate(code, t_ms):
            return Decision(Action.DUPLICATE, code)
        return Decision(Action.SCAN, code)

    def poll(self, t_ms: float) -> Decision:
        """Call when no key came for a while: releases the held keys once the gap is too long
        for a burst.  Returns HOLD while a burst may still be running, PASS when nothing is held.
        """
        if not self._held:
            return Decision(Action.PASS)
        if t_ms - self._last_t > self.max_gap_ms:
            return self._release()
        return Decision(Action.HOLD)

    def ms_until_expiry(self, t_ms: float) -> float:
        """How long until ``poll`` would release the held keys (0 when nothing is held)."""
        if not self._held:
            return 0.0
        return max(0.0, self._last_t + self.max_gap_ms - t_ms)

    def reset(self) -> str:
        """Forget the held keys (returned) and the last scan."""
        held = "".join(self._held)
        self._held.clear()
        self.deduper.reset()
        return held
