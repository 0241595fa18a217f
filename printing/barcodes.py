"""Code 128 symbols drawn as vector bars on a reportlab canvas.

python-barcode computes the symbol (start code, code sets, check character, stop code); we draw
each bar as one filled rectangle. The module (narrowest bar) is snapped to a whole number of
printer dots so that every bar prints with the same width, and the quiet zones (10 modules at
least) are part of the width we report, so callers never put anything inside them.

Units: the canvas works in points (1/72 inch); the ``*_mm`` arguments are millimetres.
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from typing import Any, Literal

import barcode
from barcode.charsets import code128 as charset
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.domain.limits import first_unprintable

QUIET_ZONE_MODULES = 10
MIN_MODULE_MM = 0.25
MIN_BAR_HEIGHT_MM = 8.0
# 203 dpi is the common thermal label printer; 300 dpi divides office lasers (300/600/1200).
THERMAL_DPI = 203
LASER_DPI = 300
HUMAN_READABLE_FONT = "Helvetica"


def validate_payload(payload: str) -> None:
    """Raise ValueError unless ``payload`` is non-empty printable ASCII (space to ``~``)."""
    if not payload:
        raise ValueError("A barcode needs a payload; got an empty string.")
    invisible = first_unprintable(payload)  # the characters the imports refuse in a code
    if invisible is not None:
        raise ValueError(
            f"Barcode payload {payload!r} contains the invisible character {invisible} (a line "
            "break, tab or other control character); use printable ASCII only."
        )
    bad = sorted({ch for ch in payload if not " " <= ch <= "~"})
    if bad:
        shown = ", ".join(repr(ch) for ch in bad)
        raise ValueError(
            f"Barcode payload {payload!r} contains characters a Code 128 barcode cannot carry "
            f"({shown}); use printable ASCII only (letters, digits, punctuation, space)."
        )


def code128_modules(payload: str) -> str:
    """The module pattern of the Code 128 symbol, '1' = bar, '0' = space, no quiet zones."""
    validate_payload(payload)
    symbol = barcode.get_barcode_class("code128")(payload, writer=None)
    pattern: str = "".join(symbol.build())
    return pattern


def snap_module_mm(module_mm: float, dpi: int = THERMAL_DPI) -> float:
    """``module_mm`` rounded to a whole number of dots at ``dpi`` (never below 0.25 mm)."""
    dot_mm = 25.4 / dpi
    dots = max(round(max(module_mm, MIN_MODULE_MM) / dot_mm), 1)
    while dots * dot_mm < MIN_MODULE_MM - 1e-9:
        dots += 1
    return dots * dot_mm


def human_readable_size(height_mm: float) -> float:
    """Font size (points) of the text under a bar of ``height_mm``."""
    return min(max(height_mm * 0.8, 7.5), 10.0)


def code128_width(payload: str, module_mm: float = 0.25, dpi: int = THERMAL_DPI) -> float:
    """Width in points of the symbol including both quiet zones."""
    modules = len(code128_modules(payload)) + 2 * QUIET_ZONE_MODULES
    return float(modules * snap_module_mm(module_mm, dpi) * mm)


def code128_height(height_mm: float = 10, human_readable: bool = True) -> float:
    """Height in points of the bars plus the human-readable line, if any."""
    height = max(height_mm, MIN_BAR_HEIGHT_MM) * mm
    if human_readable:
        height += human_readable_size(height_mm) * 1.25
    return float(height)


def draw_code128(
    canvas: Any,
    x: float,
    y: float,
    payload: str,
    module_mm: float = 0.25,
    height_mm: float = 10,
    human_readable: bool = True,
    *,
    dpi: int = THERMAL_DPI,
) -> float:
    """Draw a Code 128 symbol with its bottom-left corner (left quiet zone included) at (x, y).

    The human-readable payload, if asked for, sits under the bars, and the bars above it.
    Returns the width used in points, quiet zones included (see :func:`code128_width`).
    Raises ValueError for a payload that is not printable ASCII.
    """
    pattern = code128_modules(payload)
    module = snap_module_mm(module_mm, dpi) * mm
    bar_height = max(height_mm, MIN_BAR_HEIGHT_MM) * mm
    width = (len(pattern) + 2 * QUIET_ZONE_MODULES) * module
    font_size = human_readable_size(height_mm)
    bars_y = y + (font_size * 1.25 if human_readable else 0.0)

    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x, bars_y, width, bar_height, stroke=0, fill=1)  # quiet zones stay white
    canvas.setFillColorRGB(0, 0, 0)
    start = x + QUIET_ZONE_MODULES * module
    i = 0
    while i < len(pattern):
        if pattern[i] == "1":
            j = i
            while j < len(pattern) and pattern[j] == "1":
                j += 1
            canvas.rect(start + i * module, bars_y, (j - i) * module, bar_height, stroke=0, fill=1)
            i = j
        else:
            i += 1
    if human_readable:
        canvas.setFont(HUMAN_READABLE_FONT, font_size)
        canvas.drawCentredString(x + width / 2, y + font_size * 0.3, payload)
    canvas.restoreState()
    return float(width)


# -- EAN-13, GS1-128 and the generic API ------------------------------------------------------

BarcodeKind = Literal["code128", "ean13", "gs1-128"]
BARCODE_KINDS: tuple[BarcodeKind, ...] = ("code128", "ean13", "gs1-128")

# EAN-13: X = 0.33 mm at 100 % magnification; 80 % (0.264 mm) is the smallest GS1 allows.
EAN13_NOMINAL_MODULE_MM = 0.33
EAN13_MIN_MODULE_MM = 0.264
EAN13_QUIET_LEFT = 11
EAN13_QUIET_RIGHT = 7
EAN13_MODULES = 95
# The generic API lets bars be shorter than draw_code128's 8 mm (small stock labels).
MIN_BARCODE_HEIGHT_MM = 5.0
GS1_SEPARATOR = "\x1d"  # GS: what a scanner sends for FNC1 after a variable-length element
_FNC1 = "\xf1"  # python-barcode's FNC1 character for its gs1_128 symbology

_NOMINAL_MODULE_MM: dict[str, float] = {
    "code128": MIN_MODULE_MM,
    "ean13": EAN13_NOMINAL_MODULE_MM,
    "gs1-128": MIN_MODULE_MM,
}
_MINIMUM_MODULE_MM: dict[str, float] = {
    "code128": MIN_MODULE_MM,
    "ean13": EAN13_MIN_MODULE_MM,
    "gs1-128": MIN_MODULE_MM,
}

# GS1 character set 82: what (10) batch/lot and (21) serial numbers may contain.
GS1_CSET82 = frozenset(
    "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
)


@dataclass(frozen=True)
class _AI:
    title: str
    length: int  # the fixed length, or the maximum length when ``fixed`` is False
    fixed: bool
    content: Literal["gtin", "sscc", "date", "digits", "cset82"]


# The application identifiers Packdesk prints. (00)-(04), (11)-(20), (31)-(36) and (41) have a
# predefined length in GS1's table, so they never need an FNC1 separator after them.
GS1_AIS: dict[str, _AI] = {
    "00": _AI("SSCC", 18, True, "sscc"),
    "01": _AI("GTIN", 14, True, "gtin"),
    "02": _AI("GTIN of contained trade items", 14, True, "gtin"),
    "10": _AI("batch/lot number", 20, False, "cset82"),
    "11": _AI("production date", 6, True, "date"),
    "12": _AI("due date", 6, True, "date"),
    "13": _AI("packaging date", 6, True, "date"),
    "15": _AI("best before date", 6, True, "date"),
    "16": _AI("sell by date", 6, True, "date"),
    "17": _AI("expiration date", 6, True, "date"),
    "21": _AI("serial number", 20, False, "cset82"),
    "30": _AI("variable count", 8, False, "digits"),
    "37": _AI("count of trade items", 8, False, "digits"),
}
_BRACKETED = re.compile(r"\((\d{2})\)([^()]*)")


def gtin_check_digit(body: str) -> int:
    """The GS1 mod-10 check digit of ``body`` (every digit but the check digit)."""
    total = sum(int(ch) * (3 if i % 2 == 0 else 1) for i, ch in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def _digits(value: str) -> bool:
    return bool(value) and value.isascii() and value.isdigit()


def ean13_digits(payload: str) -> str:
    """The 13 digits of an EAN-13: 12 digits get their check digit, 13 digits are checked.

    Raises ValueError with a sentence saying what is wrong.
    """
    if not _digits(payload) or len(payload) not in (12, 13):
        raise ValueError(f"An EAN-13 barcode needs 12 or 13 digits (0-9); {payload!r} is not that.")
    check = gtin_check_digit(payload[:12])
    if len(payload) == 13 and int(payload[12]) != check:
        raise ValueError(
            f"EAN-13 {payload} has a wrong check digit: the last digit should be {check}, "
            f"not {payload[12]}."
        )
    return payload[:12] + str(check)


def _check_date(ai: str, value: str) -> None:
    yy, mm_, dd = int(value[:2]), int(value[2:4]), int(value[4:])
    # GS1: DD 00 means "end of the month". Years 2000-2099 for the leap-year check.
    days = calendar.monthrange(2000 + yy, mm_)[1] if 1 <= mm_ <= 12 else 0
    if not 1 <= mm_ <= 12 or dd > days:
        raise ValueError(f"GS1 ({ai}) needs a date as YYMMDD; {value!r} is not a valid date.")


def _check_element(ai: str, value: str) -> None:
    spec = GS1_AIS.get(ai)
    if spec is None:
        known = ", ".join(f"({k})" for k in GS1_AIS)
        raise ValueError(f"GS1 application identifier ({ai}) is not supported; use one of {known}.")
    if (spec.fixed and len(value) != spec.length) or not 1 <= len(value) <= spec.length:
        size = f"exactly {spec.length}" if spec.fixed else f"1 to {spec.length}"
        raise ValueError(
            f"GS1 ({ai}) {spec.title} needs {size} characters; {value!r} has {len(value)}."
        )
    if spec.content == "cset82":
        bad = sorted({ch for ch in value if ch not in GS1_CSET82})
        if bad:
            shown = ", ".join(repr(ch) for ch in bad)
            raise ValueError(
                f"GS1 ({ai}) {spec.title} {value!r} contains characters GS1 does not allow "
                f"({shown}); use letters, digits and !\"%&'()*+,-./:;<=>?_ only."
            )
        return
    if not _digits(value):
        raise ValueError(f"GS1 ({ai}) {spec.title} must be digits only; got {value!r}.")
    if spec.content in ("gtin", "sscc"):
        check = gtin_check_digit(value[:-1])
        if int(value[-1]) != check:
            raise ValueError(
                f"GS1 ({ai}) {spec.title} {value} has a wrong check digit: the last digit "
                f"should be {check}, not {value[-1]}."
            )
    elif spec.content == "date":
        _check_date(ai, value)


def parse_gs1(payload: str) -> tuple[tuple[str, str], ...]:
    """The (AI, value) pairs of a GS1 element string.

    Accepts the bracketed human-readable form ``(01)09501101530003(17)270531(10)L42`` or the
    raw form a scanner sends (``010950110153000317270531`` ``10L42``, with
    :data:`GS1_SEPARATOR` after a variable-length element that is not the last). Raises
    ValueError for unknown AIs, wrong lengths, a wrong GTIN check digit or a bad date.
    """
    if not payload:
        raise ValueError("A GS1-128 barcode needs an element string; got an empty string.")
    elements: list[tuple[str, str]] = []
    if payload.startswith("("):
        pos = 0
        while pos < len(payload):
            match = _BRACKETED.match(payload, pos)
            if match is None:
                raise ValueError(
                    f"GS1 element string {payload!r} is not in the form (AI)value(AI)value, "
                    "for example (01)09501101530003(17)270531(10)L42."
                )
            elements.append((match[1], match[2]))
            pos = match.end()
    else:
        pos = 0
        while pos < len(payload):
            ai = payload[pos : pos + 2]
            spec = GS1_AIS.get(ai) if _digits(ai) else None
            if spec is None:
                known = ", ".join(f"({k})" for k in GS1_AIS)
                raise ValueError(
                    f"GS1 element string {payload!r} has no supported application identifier "
                    f"at position {pos + 1} ({ai!r}); use one of {known}."
                )
            pos += 2
            if spec.fixed:
                value = payload[pos : pos + spec.length]
                pos += spec.length
            else:
                end = payload.find(GS1_SEPARATOR, pos)
                end = len(payload) if end < 0 else end
                value = payload[pos:end]
                pos = end + 1
            elements.append((ai, value))
    for ai, value in elements:
        _check_element(ai, value)
    if len({ai for ai, _ in elements}) != len(elements):
        raise ValueError(f"GS1 element string {payload!r} repeats an application identifier.")
    return tuple(elements)


def _gs1_join(elements: tuple[tuple[str, str], ...], separator: str) -> str:
    out: list[str] = []
    for i, (ai, value) in enumerate(elements):
        out.append(ai + value)
        if not GS1_AIS[ai].fixed and i < len(elements) - 1:
            out.append(separator)
    return "".join(out)


def gs1_element_string(payload: str) -> str:
    """The element string as a scanner transmits it (GS after a variable-length element that is
    followed by another element), e.g. ``010950110153000310L42\\x1d17270531``."""
    return _gs1_join(parse_gs1(payload), GS1_SEPARATOR)


def gs1_hri(payload: str) -> str:
    """The human-readable interpretation, AIs in brackets: ``(01)09501101530003(17)270531``."""
    return "".join(f"({ai}){value}" for ai, value in parse_gs1(payload))


@functools.lru_cache(maxsize=4096)
def gs1_128_values(payload: str) -> tuple[int, ...]:
    """Code 128 symbol values of the GS1-128 symbol: start code, FNC1 (102), data (with FNC1
    as the separator where one is needed); no check character, no stop."""
    data = _gs1_join(parse_gs1(payload), _FNC1)
    symbol = barcode.get_barcode_class("gs1_128")(data, writer=None)
    values: list[int] = symbol.encoded
    return tuple(values)


def code128_pattern(values: tuple[int, ...] | list[int]) -> str:
    """Module pattern of Code 128 ``values`` (start code first) plus check and stop."""
    check = (values[0] + sum(i * v for i, v in enumerate(values[1:], start=1))) % 103
    codes: tuple[str, ...] = charset.CODES
    stop: str = charset.STOP
    return "".join(codes[v] for v in [*values, check]) + stop + "11"


@functools.lru_cache(maxsize=4096)
def barcode_modules(kind: BarcodeKind, payload: str) -> str:
    """The symbol's modules, '1' = bar, '0' = space, without quiet zones.

    ``code128``: printable ASCII. ``ean13``: 12 digits (check digit added) or 13 digits (check
    digit verified). ``gs1-128``: a GS1 element string (see :func:`parse_gs1`), FNC1 first.
    Raises ValueError for a payload the symbology cannot carry.
    """
    if kind == "code128":
        return code128_modules(payload)
    if kind == "ean13":
        symbol = barcode.get_barcode_class("ean13")(ean13_digits(payload), writer=None)
        pattern: str = "".join(symbol.build())
        return pattern
    if kind == "gs1-128":
        return code128_pattern(gs1_128_values(payload))
    raise ValueError(f"Unknown barcode kind {kind!r}; use one of {', '.join(BARCODE_KINDS)}.")


def quiet_zones(kind: BarcodeKind) -> tuple[int, int]:
    """Left and right quiet zones in modules (EAN-13: 11 and 7; Code 128: 10 and 10)."""
    return (EAN13_QUIET_LEFT, EAN13_QUIET_RIGHT) if kind == "ean13" else (10, 10)


def module_for(kind: BarcodeKind, module_mm: float | None = None, dpi: int = THERMAL_DPI) -> float:
    """The module in mm: ``module_mm`` (default: the kind's nominal) as whole dots at ``dpi``,
    never below the kind's minimum (0.25 mm; EAN-13 0.264 mm, 80 % of 0.33 mm)."""
    wanted = _NOMINAL_MODULE_MM[kind] if module_mm is None else module_mm
    least = _MINIMUM_MODULE_MM[kind]
    dot_mm = 25.4 / dpi
    dots = max(round(max(wanted, least) / dot_mm), 1)
    while dots * dot_mm < least - 1e-9:
        dots += 1
    return dots * dot_mm


def barcode_width(
    kind: BarcodeKind, payload: str, module_mm: float | None = None, dpi: int = THERMAL_DPI
) -> float:
    """Width in points of the symbol including both quiet zones."""
    left, right = quiet_zones(kind)
    modules = len(barcode_modules(kind, payload)) + left + right
    return float(modules * module_for(kind, module_mm, dpi) * mm)


def _hri_size(kind: BarcodeKind, height_mm: float, module: float) -> float:
    """Font size (points) of the human-readable line; ``module`` in points."""
    if kind == "ean13":
        return 9.5 * module  # digit height about 7 modules (Helvetica cap height 0.72 em)
    return human_readable_size(height_mm)


def barcode_height(
    kind: BarcodeKind,
    height_mm: float = 10,
    human_readable: bool = True,
    module_mm: float | None = None,
    dpi: int = THERMAL_DPI,
) -> float:
    """Height in points of what :func:`draw_barcode` draws (bars, guard bars, text line)."""
    bars = max(height_mm, MIN_BARCODE_HEIGHT_MM) * mm
    module = module_for(kind, module_mm, dpi) * mm
    if kind == "ean13":
        # The guard bars reach 5 modules below the others, into the line of digits.
        return float(bars + (8.5 * module if human_readable else 5 * module))
    if human_readable:
        bars += _hri_size(kind, height_mm, module) * 1.25
    return float(bars)


def _fill_bars(
    canvas: Any,
    x: float,
    y: float,
    pattern: str,
    module: float,
    height: float,
    long_from: float | None = None,
    long_bars: frozenset[int] = frozenset(),
) -> None:
    i = 0
    while i < len(pattern):
        if pattern[i] != "1":
            i += 1
            continue
        j = i
        while j < len(pattern) and pattern[j] == "1":
            j += 1
        if long_from is not None and i in long_bars:
            canvas.rect(
                x + i * module,
                long_from,
                (j - i) * module,
                y + height - long_from,
                stroke=0,
                fill=1,
            )
        else:
            canvas.rect(x + i * module, y, (j - i) * module, height, stroke=0, fill=1)
        i = j


# EAN-13 guard bars: start (modules 0-2), centre (45-49), end (92-94); their bars start at:
_EAN13_GUARDS = frozenset({0, 2, 46, 48, 92, 94})


def draw_barcode(
    canvas: Any,
    x: float,
    y: float,
    kind: BarcodeKind,
    payload: str,
    module_mm: float | None = None,
    height_mm: float = 10,
    human_readable: bool = True,
    *,
    dpi: int = THERMAL_DPI,
    font: str = HUMAN_READABLE_FONT,
) -> float:
    """Draw a barcode with its bottom-left corner (left quiet zone included) at (x, y).

    ``kind``: ``"code128"`` (printable ASCII), ``"ean13"`` (12 or 13 digits), ``"gs1-128"``
    (GS1 element string, see :func:`parse_gs1`). ``module_mm`` (default 0.25 mm; EAN-13
    0.33 mm) is snapped to whole dots at ``dpi`` and never goes below the kind's minimum (EAN-13:
    0.264 mm). ``height_mm``: the bars (at least 5 mm). The human-readable line sits under the
    bars: the payload (Code 128), ``(01)...(17)...(10)...`` (GS1-128), or EAN-13's digits in
    their standard places (first digit in the left quiet zone, two groups of six under the
    halves, guard bars reaching down between them). Returns the width used in points, quiet
    zones included (see :func:`barcode_width`). Raises ValueError for a bad payload.
    """
    pattern = barcode_modules(kind, payload)
    module = module_for(kind, module_mm, dpi) * mm
    bars = max(height_mm, MIN_BARCODE_HEIGHT_MM) * mm
    left, right = quiet_zones(kind)
    width = (len(pattern) + left + right) * module
    start = x + left * module
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    if kind == "ean13":
        digits = ean13_digits(payload)
        guard_y = y + (3.5 if human_readable else 0.0) * module
        bars_y = guard_y + 5 * module
        _fill_bars(canvas, start, bars_y, pattern, module, bars, guard_y, _EAN13_GUARDS)
        if human_readable:
            size = _hri_size(kind, height_mm, module)
            canvas.setFont(font, size)
            base = y + 0.5 * module
            canvas.drawRightString(start - 1.5 * module, base, digits[0])
            for i, digit in enumerate(digits[1:7]):
                canvas.drawCentredString(start + (3 + 7 * i + 3.5) * module, base, digit)
            for i, digit in enumerate(digits[7:]):
                canvas.drawCentredString(start + (50 + 7 * i + 3.5) * module, base, digit)
    else:
        size = _hri_size(kind, height_mm, module)
        bars_y = y + (size * 1.25 if human_readable else 0.0)
        _fill_bars(canvas, start, bars_y, pattern, module, bars)
        if human_readable:
            text = gs1_hri(payload) if kind == "gs1-128" else payload
            fitted = min(size, size * (width - 2 * module) / max(stringWidth(text, font, size), 1))
            canvas.setFont(font, max(fitted, 4.0))
            canvas.drawCentredString(x + width / 2, y + size * 0.3, text)
    canvas.restoreState()
    return float(width)
