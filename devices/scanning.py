"""Scanner input without Qt: what a scanned code *is* (`classify`) and which keystrokes came
from a keyboard-wedge scanner rather than a person (`ScanBurstDetector`).

A USB scanner in keyboard-wedge mode "types" a whole code plus Enter (or Tab) within a few
milliseconds; a person needs 60 ms or more per key.  The detector only sees (text, time) pairs,
so it can be tested with synthetic timestamps; ``ui.wedge`` feeds it real key events.
``ScanDeduper`` ("the same code twice within 300 ms is one scan") is shared by the wedge
detector and the serial scanner (``devices.scanners``).
"""

from __future__ import annotations

import datetime as dt
import re
import time
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

from app.domain.barcodes import is_valid_gtin

GS = "\x1d"
#: Longest code accepted; a longer "scan" is a stuck key or a burst of garbage.
MAX_SCAN_LENGTH = 200
#: AIM symbology identifier: "]" + code character + modifier, e.g. "]C1" (GS1-128), "]E0" (EAN-13).
AIM_PREFIX = re.compile(r"^\][A-Za-z][0-9A-Za-z]")
#: AIM identifiers that announce GS1 element strings (GS1-128, GS1 DataMatrix, GS1 QR, DataBar).
GS1_SYMBOLOGIES = frozenset({"]C1", "]d2", "]Q3", "]e0", "]J1"})


class ScanKind(StrEnum):
    WAVE = "wave"
    PICK_TASK = "pick_task"
    LOCATION = "location"
    BADGE = "badge"
    TOTE = "tote"
    ORDER = "order"
    TRACKING = "tracking"
    GS1 = "gs1"
    GTIN = "gtin"
    CODE = "code"


#: (kind, regex) tried in this order on the code without its AIM prefix; first match wins.
DEFAULT_RULES: tuple[tuple[str, str], ...] = (
    (ScanKind.WAVE, r"^W\d{6}$"),
    (ScanKind.PICK_TASK, r"^PT\d{6}$"),
    (ScanKind.LOCATION, r"^[A-Z]{1,3}-\d{2}-\d{2}-\d{2}$"),
    (ScanKind.BADGE, r"^U-[A-Z0-9]+$"),
    (ScanKind.TOTE, r"^T\d{3,}$"),
    (ScanKind.ORDER, r"^(?:SO|ORD)-?\d{6,}$"),
    # UPS 1Z…, UPU S10 (postal: RR123456789CN), SF / JD / YTO / J&T numbers.
    (ScanKind.TRACKING, r"^(?:1Z[0-9A-Z]{16}|[A-Z]{2}\d{9}[A-Z]{2}|(?:SF|JD|YT|JT)\d{10,18})$"),
)


@dataclass(frozen=True)
class ClassifierConfig:
    """Which patterns make which kind.  Replace ``rules`` to adapt order or tracking formats:
    ``ClassifierConfig(rules=(*DEFAULT_RULES[:5], ("order", r"^\\d{10}$")))``.

    GS1 and GTIN recognition are built in and run around the rules: GS1 element strings first,
    then the rules, then EAN/UPC GTINs, then "code".
    """

    rules: tuple[tuple[str, str], ...] = DEFAULT_RULES
    _compiled: tuple[tuple[str, re.Pattern[str]], ...] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        compiled = tuple((str(kind), re.compile(pattern)) for kind, pattern in self.rules)
        object.__setattr__(self, "_compiled", compiled)

    def kind_of(self, code: str) -> str | None:
        for kind, pattern in self._compiled:
            if pattern.match(code):
                return kind
        return None


DEFAULT = ClassifierConfig()


def classifier_with(patterns: dict[str, str]) -> tuple[ClassifierConfig, list[str]]:
    """The built-in rules with some kinds' patterns replaced (a station's own order numbers,
    say), and sentences for the patterns that were not usable (those keep the built-in one)."""
    known = {str(kind) for kind, _ in DEFAULT_RULES}
    problems: list[str] = []
    replaced: dict[str, str] = {}
    for kind, pattern in patterns.items():
        if kind not in known:
            problems.append(
                f"scan pattern for '{kind}' ignored: the kinds are {', '.join(sorted(known))}"
            )
            continue
        try:
            re.compile(pattern)
        except (re.error, TypeError) as exc:
            problems.append(
                f"scan pattern for '{kind}' ignored: {pattern!r} is not a regex ({exc})"
            )
            continue
        replaced[kind] = pattern
    rules = tuple((kind, replaced.get(str(kind), pattern)) for kind, pattern in DEFAULT_RULES)
    return ClassifierConfig(rules=rules), problems


@dataclass(frozen=True)
class ScanEvent:
    """One scanned code, classified.

    ``value`` is the code without AIM prefix and surrounding spaces.  ``gtin`` is the 14-digit
    lookup key for kinds "gtin" and "gs1" (``app.domain.barcodes.lookup_key`` gives the same);
    ``lot`` and ``expiry`` come from GS1 AIs 10 and 17.
    """

    raw: str
    symbology: str | None
    kind: str
    value: str
    source: str
    at: float
    gtin: str | None = None
    lot: str | None = None
    expiry: dt.date | None = None


def _refuse_garbage(raw: str) -> None:
    if len(raw) > MAX_SCAN_LENGTH:
        raise ValueError(
            f"scan refused: {len(raw):,} characters is not a barcode "
            f"(at most {MAX_SCAN_LENGTH}); a stuck key or a misconfigured scanner?"
        )
    for ch in raw:
        if ch != GS and unicodedata.category(ch) in ("Cc", "Cs"):
            raise ValueError(
                f"scan refused: control character U+{ord(ch):04X} in the code "
                "(only GS, U+001D, belongs in a barcode)"
            )


def _looks_gs1(text: str, symbology: str | None) -> bool:
    return (
        symbology in GS1_SYMBOLOGIES
        or GS in text
        or text.startswith("(01)")
        or (
            text.startswith("01")
            and len(text) >= 16
            and text[2:16].isascii()
            and text[2:16].isdigit()
        )
    )


def _parse_gs1(text: str) -> tuple[str, str | None, dt.date | None] | None:
    """(GTIN-14, lot, expiry) of a GS1 element string, or None if it is not one with an AI 01."""
    import biip
    from biip.gs1_messages import GS1Message

    try:
        if text.startswith("("):
            message: GS1Message | None = GS1Message.parse_hri(text)
        else:
            message = biip.parse(text).gs1_message
    except Exception:  # biip's ParseError family (and anything odd): not GS1 after all
        return None
    if message is None:
        return None
    values = {e.ai.ai: e for e in message.element_strings}
    if "01" not in values or not is_valid_gtin(values["01"].value):
        return None
    lot = values["10"].value if "10" in values else None
    expiry = values["17"].date if "17" in values else None
    return values["01"].value, lot, expiry


def warm_up() -> None:
    """Load the GS1 parser now (about 70 ms), so that a packer's first GS1 scan is not slow."""
    _parse_gs1("(01)09506000134352(10)WARMUP")


def classify(
    raw: str,
    prefixes: ClassifierConfig = DEFAULT,
    *,
    source: str = "wedge",
    at: float | None = None,
) -> ScanEvent:
    """What the scanned *raw* code is.  Raises ValueError (with a sentence) for garbage:
    empty, longer than 200 characters, or control characters other than GS.  One trailing
    CR/LF (a serial scanner's suffix) is tolerated and dropped.

    Digits with a wrong GTIN check digit are *not* refused: they are kind "code" (an internal
    code that happens to be numeric); the SKU lookup then says whether it exists.
    """
    if not isinstance(raw, str):
        raise ValueError(f"scan refused: expected text, got {type(raw).__name__}")
    when = time.monotonic() if at is None else at
    text = raw.removesuffix("\n").removesuffix("\r")
    _refuse_garbage(text)
    text = text.strip(" ")
    symbology: str | None = None
    aim = AIM_PREFIX.match(text)
    if aim:
        symbology = aim.group(0)
        text = text[aim.end() :].strip(" ")
    if not text.strip():
        raise ValueError("scan refused: empty code")

    if _looks_gs1(text, symbology):
        parsed = _parse_gs1(text)
        if parsed is not None:
            gtin, lot, expiry = parsed
            return ScanEvent(raw, symbology, ScanKind.GS1, text, source, when, gtin, lot, expiry)
    kind = prefixes.kind_of(text)
    if kind is not None:
        return ScanEvent(raw, symbology, kind, text, source, when)
    if text.isascii() and text.isdigit() and len(text) in (8, 12, 13, 14) and is_valid_gtin(text):
        return ScanEvent(raw, symbology, ScanKind.GTIN, text, source, when, gtin=text.zfill(14))
    return ScanEvent(raw, symbology, ScanKind.CODE, text, source, when)


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
