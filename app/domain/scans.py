"""What a scanned (or typed) code *is*, decided once, at the edge: :func:`classify` turns any
input — a keyboard-wedge burst, a serial scanner's line, the simulated panel, a code typed into
a scan field — into one typed :class:`Scan`.  Nothing downstream looks at raw text again to
decide what a code is.

Kinds: GS1 element strings (GS1-128, DataMatrix, QR, bracketed "(01)…(10)…") through biip with
GTIN, lot and expiry; EAN/UPC GTINs with a valid check digit; the station's configurable
patterns (wave, pick task, location, badge, tote, order, tracking number); the CLEAR command
code; the station's packaging codes; a typed quantity (1–4 digits); anything else is an internal
"code" (a SKU code, an order number of a shop, an insert), which the lookup then resolves.
AIM symbology prefixes ("]C1", "]E0" …) are split off.  Garbage (empty, longer than 200
characters, control characters other than GS) is refused with :class:`ScanRefused`.
"""

from __future__ import annotations

import datetime as dt
import re
import time
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

from app.domain.barcodes import is_valid_gtin, lookup_key
from app.domain.errors import DomainError
from app.messages import Message
from app.messages import scans as msg

GS = "\x1d"
#: Longest code accepted; a longer "scan" is a stuck key or a burst of garbage.
MAX_SCAN_LENGTH = 200
#: AIM symbology identifier: "]" + code character + modifier, e.g. "]C1" (GS1-128), "]E0" (EAN-13).
AIM_PREFIX = re.compile(r"^\][A-Za-z][0-9A-Za-z]")
#: AIM identifiers that announce GS1 element strings (GS1-128, GS1 DataMatrix, GS1 QR, DataBar).
GS1_SYMBOLOGIES = frozenset({"]C1", "]d2", "]Q3", "]e0", "]J1"})
#: The command barcode that acknowledges a refusal (printed at every station).
CLEAR_CODE = "CLEAR"
#: A quantity typed before Enter (a barcode is longer).
QUANTITY = re.compile(r"^\d{1,4}$")


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
    QUANTITY = "quantity"
    CLEAR = "clear"
    PACKAGING = "packaging"

    @property
    def is_item(self) -> bool:
        """Kinds that may be an item's code (the SKU lookup decides)."""
        return self in (ScanKind.GS1, ScanKind.GTIN, ScanKind.CODE)


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
    """Which patterns make which kind, and the station's packaging codes.

    Replace ``rules`` to adapt order or tracking formats:
    ``ClassifierConfig(rules=(*DEFAULT_RULES[:5], ("order", r"^\\d{10}$")))``.  GS1, the CLEAR
    code, packaging codes, GTINs and typed quantities are recognised around the rules: GS1
    first, then CLEAR and packaging, then the rules, then GTINs, quantities, and "code".
    """

    rules: tuple[tuple[str, str], ...] = DEFAULT_RULES
    #: the station's box and bag codes (upper case): a scan of one chooses the packaging
    packaging: frozenset[str] = frozenset()
    _compiled: tuple[tuple[str, re.Pattern[str]], ...] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        compiled = tuple((str(kind), re.compile(pattern)) for kind, pattern in self.rules)
        object.__setattr__(self, "_compiled", compiled)
        object.__setattr__(self, "packaging", frozenset(c.upper() for c in self.packaging))

    def kind_of(self, code: str) -> str | None:
        for kind, pattern in self._compiled:
            if pattern.match(code):
                return kind
        return None

    def with_packaging(self, codes: frozenset[str] | set[str]) -> ClassifierConfig:
        return ClassifierConfig(self.rules, frozenset(codes))


DEFAULT = ClassifierConfig()


def classifier_with(
    patterns: dict[str, str], packaging: frozenset[str] = frozenset()
) -> tuple[ClassifierConfig, list[Message]]:
    """The built-in rules with some kinds' patterns replaced (a station's own order numbers,
    say), and why the patterns that were not usable were ignored (those keep the built-in)."""
    known = {str(kind) for kind, _ in DEFAULT_RULES}
    problems: list[Message] = []
    replaced: dict[str, str] = {}
    for kind, pattern in patterns.items():
        if kind not in known:
            problems.append(msg.PATTERN_UNKNOWN_KIND(kind=kind, kinds=", ".join(sorted(known))))
            continue
        try:
            re.compile(pattern)
        except (re.error, TypeError) as exc:
            problems.append(msg.PATTERN_NOT_REGEX(kind=kind, pattern=repr(pattern), error=exc))
            continue
        replaced[kind] = pattern
    rules = tuple((kind, replaced.get(str(kind), pattern)) for kind, pattern in DEFAULT_RULES)
    return ClassifierConfig(rules=rules, packaging=packaging), problems


@dataclass(frozen=True)
class ItemScan:
    """What an item scan means to the catalogue: the barcode lookup key (GTINs padded to 14
    digits, anything else as it is), and for GS1 codes the lot and expiry they carry."""

    raw: str
    lookup: str
    lot: str | None = None
    expiry: dt.date | None = None

    @classmethod
    def of(cls, text: str) -> ItemScan:
        """The item scan of a code given as text (the command line, tests): classified here."""
        return classify(text, source="text").item


@dataclass(frozen=True)
class Scan:
    """One scanned or typed code, classified.

    ``value`` is the code without AIM prefix and surrounding spaces.  ``gtin`` is the 14-digit
    lookup key for kinds "gtin" and "gs1"; ``lot`` and ``expiry`` come from GS1 AIs 10 and 17.
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

    @property
    def item(self) -> ItemScan:
        """What this code means as an item (its lookup key, lot and expiry)."""
        return ItemScan(self.value, self.gtin or lookup_key(self.value), self.lot, self.expiry)

    @property
    def quantity(self) -> int | None:
        """The typed quantity (kind "quantity"), else None."""
        return int(self.value) if self.kind == ScanKind.QUANTITY else None


class ScanRefused(DomainError):
    """Input that is no barcode at all (garbage); it reaches no screen."""


def _refuse_garbage(raw: str) -> None:
    if len(raw) > MAX_SCAN_LENGTH:
        raise ScanRefused(msg.TOO_LONG(length=f"{len(raw):,}", max=MAX_SCAN_LENGTH))
    for ch in raw:
        if ch != GS and unicodedata.category(ch) in ("Cc", "Cs"):
            raise ScanRefused(msg.CONTROL_CHARACTER(char=f"U+{ord(ch):04X}"))


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
    config: ClassifierConfig = DEFAULT,
    *,
    source: str = "wedge",
    at: float | None = None,
) -> Scan:
    """What the scanned (or typed) *raw* code is.  Raises :class:`ScanRefused` for garbage:
    empty, longer than 200 characters, or control characters other than GS.  One trailing
    CR/LF (a serial scanner's suffix) is tolerated and dropped.

    Digits with a wrong GTIN check digit are *not* refused: they are kind "code" (an internal
    code that happens to be numeric); the SKU lookup then says whether it exists.
    """
    if not isinstance(raw, str):
        raise TypeError(f"a scan is text, not {type(raw).__name__}")
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
        raise ScanRefused(msg.EMPTY())

    if _looks_gs1(text, symbology):
        parsed = _parse_gs1(text)
        if parsed is not None:
            gtin, lot, expiry = parsed
            return Scan(raw, symbology, ScanKind.GS1, text, source, when, gtin, lot, expiry)
    upper = text.upper()
    if upper == CLEAR_CODE:
        return Scan(raw, symbology, ScanKind.CLEAR, upper, source, when)
    if upper in config.packaging:
        return Scan(raw, symbology, ScanKind.PACKAGING, upper, source, when)
    kind = config.kind_of(text)
    if kind is not None:
        return Scan(raw, symbology, kind, text, source, when)
    if text.isascii() and text.isdigit() and len(text) in (8, 12, 13, 14) and is_valid_gtin(text):
        return Scan(raw, symbology, ScanKind.GTIN, text, source, when, gtin=text.zfill(14))
    if QUANTITY.match(text):
        return Scan(raw, symbology, ScanKind.QUANTITY, text, source, when)
    return Scan(raw, symbology, ScanKind.CODE, text, source, when)
