"""Stock labels for label staff (打单员): SKU, location and lot labels, in batches.

One layout, two outputs: a PDF with one page per label copy (page size = label size, for a CUPS
label printer or for cutting from a sheet), and ZPL / TSPL jobs for thermal printers built from
:class:`printing.label.Label`.

Barcodes (:func:`barcode_for`):

* SKU: EAN-13 when the SKU has a GTIN that is an EAN-13 (13 digits, or a GTIN-12/UPC-A or a
  GTIN-14 with a leading 0, which are the same number), otherwise Code 128 of the SKU code;
* location: Code 128 of the location code;
* lot: GS1-128 ``(01)`` GTIN-14 ``(17)`` expiry YYMMDD ``(10)`` lot. The fixed-length (17) goes
  before the variable-length (10), as GS1 recommends, so no FNC1 separator is needed and the
  element string a scanner sends is ``01…17…10…`` without a GS. Without an expiry date it is
  ``(01)…(10)…``. A lot of a SKU without a GTIN gets a Code 128 of the lot number.

Layout, top to bottom: the code as large as fits (location labels: larger still), the title
(a Chinese SKU name or a zone, wrapped and cut with an ellipsis), for lots the line
``批次 LOT …  到期 EXP 2027-05-31``, then the barcode with its quiet zones at the bottom. The
module is the widest whole number of printer dots that fits (never below 0.25 mm; EAN-13
0.264 mm). A GS1-128 that does not fit one line at 0.25 mm (60 mm and 50 mm wide labels: the
symbol with its quiet zones is about 63 mm) is printed as two GS1-128 symbols, ``(01)`` GTIN
and ``(17)…(10)…``, each a complete element string. Anything that still does not fit raises
ValueError saying which label size would.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from printing.barcodes import (
    EAN13_QUIET_LEFT,
    BarcodeKind,
    barcode_height,
    barcode_modules,
    draw_barcode,
    ean13_digits,
    gs1_element_string,
    gs1_hri,
    gtin_check_digit,
    human_readable_size,
    module_for,
    parse_gs1,
    quiet_zones,
)
from printing.glyphs import label_chain
from printing.label import Barcode, Box, Label, Text, text_width_dots
from printing.text import Font, clean_text, draw_text, text_width
from printing.tspl import encode_tspl
from printing.zpl import encode_zpl

__all__ = [
    "ELLIPSIS",
    "LABEL_SIZES",
    "StockLabel",
    "barcode_for",
    "encode_stock_labels",
    "label_barcodes",
    "render_stock_labels_pdf",
    "stock_label",
]

ELLIPSIS = "…"
LABEL_SIZES: dict[str, tuple[float, float]] = {
    "60x40": (60, 40),
    "50x30": (50, 30),
    "100x50": (100, 50),
    "100x150": (100, 150),
}
StockKind = Literal["sku", "location", "lot"]
MAX_COPIES = 1000
CODE_FONT = "Helvetica-Bold"  # PDF: ASCII codes; everything else the CJK font and its fallbacks
PT_PER_MM = float(mm)


@dataclass(frozen=True)
class StockLabel:
    """What one stock label says.

    ``code``: the SKU code, the location code (``A-01-02-03``), or for a lot label the code
    printed large (usually the SKU code; ``sku`` wins when given). ``title``: the SKU name
    (Chinese) or the zone. ``gtin``: the SKU's GTIN/EAN-13 (a lot label needs it for GS1-128;
    8, 12, 13 or 14 digits, padded to 14). ``lot``: the batch number (a lot label without one
    uses ``code``). ``expiry`` and ``received_at`` are printed on lot labels; the expiry is
    also encoded as (17).
    """

    kind: StockKind
    code: str
    title: str = ""
    gtin: str | None = None
    lot: str | None = None
    expiry: date | None = None
    received_at: date | None = None
    sku: str | None = None


# -- what the barcode says -------------------------------------------------------------------


def _gtin14(gtin: str, what: str) -> str:
    if not (gtin.isascii() and gtin.isdigit() and len(gtin) in (8, 12, 13, 14)):
        raise ValueError(f"The GTIN {gtin!r} of {what} must be 8, 12, 13 or 14 digits (0-9).")
    check = gtin_check_digit(gtin[:-1])
    if int(gtin[-1]) != check:
        raise ValueError(
            f"The GTIN {gtin} of {what} has a wrong check digit: the last digit should be "
            f"{check}, not {gtin[-1]}."
        )
    return gtin.zfill(14)


def _lot_number(label: StockLabel) -> str:
    return label.lot if label.lot else label.code


def barcode_for(label: StockLabel) -> tuple[BarcodeKind, str]:
    """(kind, payload) of the label's barcode, by the rules in the module documentation.

    GS1-128 payloads are bracketed element strings, ``(01)09501101530003(17)270531(10)L42``.
    Raises ValueError for a GTIN with a wrong check digit, a lot number GS1 cannot carry, or a
    code Code 128 cannot carry.
    """
    what = f"{label.kind} label {label.code!r}"
    if label.kind == "sku":
        if label.gtin:
            gtin = _gtin14(label.gtin, what)
            if gtin.startswith("0") and len(label.gtin) != 8:
                return "ean13", gtin[1:]
        kind: BarcodeKind = "code128"
        payload = label.code
    elif label.kind == "location":
        kind, payload = "code128", label.code
    elif label.kind == "lot":
        lot = _lot_number(label)
        if label.gtin:
            gtin = _gtin14(label.gtin, what)
            expiry = f"(17){label.expiry:%y%m%d}" if label.expiry is not None else ""
            kind, payload = "gs1-128", f"(01){gtin}{expiry}(10){lot}"
        else:
            kind, payload = "code128", lot
    else:
        raise ValueError(
            f"A stock label is a 'sku', 'location' or 'lot' label, not {label.kind!r}."
        )
    barcode_modules(kind, payload)  # validates: raises ValueError with the reason
    return kind, payload


def label_barcodes(label: StockLabel, size: str = "60x40", dpi: int = 203) -> list[str]:
    """What a scanner reads from the printed label, one string per symbol (GS1 element strings
    as transmitted, with GS separators; a lot label on a narrow label has two symbols)."""
    layout = _layout(label, size, dpi, _pdf_measure)
    return [
        gs1_element_string(b.payload) if b.kind == "gs1-128" else _scanned(b.kind, b.payload)
        for b in layout.barcodes
    ]


def _scanned(kind: BarcodeKind, payload: str) -> str:
    if kind == "ean13":
        return ean13_digits(payload)
    return payload


# -- layout ----------------------------------------------------------------------------------

Measure = Callable[[str, float, bool], float]  # (text, line height mm, is the code) -> mm


@dataclass(frozen=True)
class _Line:
    x_mm: float
    y_mm: float  # top
    size_mm: float  # line height
    text: str
    code: bool = False  # the big code line (PDF: Helvetica-Bold when ASCII)


@dataclass(frozen=True)
class _Bars:
    kind: BarcodeKind
    payload: str
    x_mm: float  # left edge of the left quiet zone
    y_mm: float  # top of the bars
    module_dots: int
    module_mm: float
    bars_mm: float
    height_mm: float  # bars + human-readable line
    width_mm: float  # with quiet zones
    hri: bool


@dataclass(frozen=True)
class _Layout:
    width_mm: float
    height_mm: float
    lines: tuple[_Line, ...]
    barcodes: tuple[_Bars, ...]


@dataclass(frozen=True)
class _Style:
    margin: float
    gap: float
    code_max: float
    location_code_max: float
    title_size: float
    title_lines: int
    info_size: float
    bars_min: float
    bars_max: float
    module_max_mm: float


_STYLES: dict[str, _Style] = {
    "50x30": _Style(2.0, 0.8, 6.0, 9.0, 3.0, 1, 2.8, 5.0, 10.0, 0.40),
    "60x40": _Style(2.5, 1.0, 7.5, 12.0, 3.4, 2, 3.0, 6.0, 13.0, 0.42),
    "100x50": _Style(3.0, 1.2, 10.0, 18.0, 4.2, 2, 3.8, 7.0, 16.0, 0.50),
    "100x150": _Style(4.0, 2.5, 16.0, 30.0, 6.0, 4, 5.0, 10.0, 30.0, 0.60),
}
_CODE_MIN = 3.0


def _size(size: str) -> tuple[float, float]:
    try:
        return LABEL_SIZES[size]
    except KeyError:
        names = ", ".join(LABEL_SIZES)
        raise ValueError(f"Unknown label size {size!r}; use one of {names}.") from None


def _ellipsize(text: str, measure: Callable[[str], float], width: float) -> str:
    if measure(text) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # longest prefix that fits with the ellipsis
        mid = (lo + hi + 1) // 2
        if measure(text[:mid].rstrip() + ELLIPSIS) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + ELLIPSIS


def _wrap(text: str, measure: Callable[[str], float], width: float, max_lines: int) -> list[str]:
    """``text`` in at most ``max_lines`` lines of ``width``; the last one cut with an ellipsis.
    Breaks at a space when there is one in the second half of the line, else anywhere
    (Chinese has no spaces)."""
    rest = " ".join(text.split())
    lines: list[str] = []
    while rest and len(lines) < max_lines:
        if measure(rest) <= width:
            lines.append(rest)
            break
        if len(lines) == max_lines - 1:
            lines.append(_ellipsize(rest, measure, width))
            break
        lo, hi = 1, len(rest)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if measure(rest[:mid]) <= width:
                lo = mid
            else:
                hi = mid - 1
        cut = rest.rfind(" ", 0, lo + 1)
        if cut > lo // 2:
            lo = cut
        lines.append(rest[:lo].rstrip())
        rest = rest[lo:].lstrip()
    return lines


def _info_lines(label: StockLabel) -> list[str]:
    if label.kind != "lot":
        return []
    parts = [f"批次 LOT {_lot_number(label)}"]
    if label.expiry is not None:
        parts.append(f"到期 EXP {label.expiry:%Y-%m-%d}")
    if label.received_at is not None:
        parts.append(f"入库 IN {label.received_at:%Y-%m-%d}")
    return parts


def _fit_module(kind: BarcodeKind, payload: str, width: float, style: _Style, dpi: int) -> int:
    """The most dots per module (up to the style's maximum) that fit ``width`` mm; 0 if none."""
    left, right = quiet_zones(kind)
    modules = len(barcode_modules(kind, payload)) + left + right
    dot = 25.4 / dpi
    least = round(module_for(kind, 0.0, dpi) / dot)  # the kind's minimum, in whole dots
    best = 0
    dots = least
    while dots * dot <= max(style.module_max_mm, least * dot) + 1e-9:
        if modules * dots * dot <= width + 1e-9:
            best = dots
        dots += 1
    return best


def _symbols(
    label: StockLabel, size: str, width: float, style: _Style, dpi: int
) -> list[tuple[BarcodeKind, str, int]]:
    kind, payload = barcode_for(label)
    dots = _fit_module(kind, payload, width, style, dpi)
    if dots:
        return [(kind, payload, dots)]
    if kind == "gs1-128":
        elements = parse_gs1(payload)
        parts = [
            "".join(f"({ai}){value}" for ai, value in elements[:1]),
            "".join(f"({ai}){value}" for ai, value in elements[1:]),
        ]
        fitted = [(p, _fit_module("gs1-128", p, width, style, dpi)) for p in parts if p]
        if all(d for _p, d in fitted):
            common = min(d for _p, d in fitted)  # the same module for both: one look
            return [("gs1-128", p, common) for p, _d in fitted]
        widest = max(_width_mm("gs1-128", p, dpi) for p in parts if p)
        raise ValueError(
            f"The GS1-128 barcode of lot label {label.code!r} is "
            f"{_width_mm(kind, payload, dpi):.0f} mm wide with its quiet zones, and split in "
            f"two symbols the wider one is {widest:.0f} mm, but a {size} label has "
            f"{width:.0f} mm; use a wider label size or a shorter lot number."
        )
    raise ValueError(
        f"The barcode of {label.kind} label {label.code!r} is "
        f"{_width_mm(kind, payload, dpi):.0f} mm wide with its quiet zones, but a {size} label "
        f"has {width:.0f} mm; use a wider label size or a shorter code."
    )


def _width_mm(kind: BarcodeKind, payload: str, dpi: int) -> float:
    modules = len(barcode_modules(kind, payload)) + sum(quiet_zones(kind))
    return modules * module_for(kind, 0.0, dpi)


def _layout(label: StockLabel, size: str, dpi: int, measure: Measure) -> _Layout:
    width, height = _size(size)
    style = _STYLES[size]
    inner = width - 2 * style.margin
    dot = 25.4 / dpi

    symbols = _symbols(label, size, inner, style, dpi)
    blocks: list[tuple[BarcodeKind, str, int, bool]] = []
    for kind, payload, dots in symbols:
        # Code 128 of the code printed large above it needs no second human-readable line.
        hri = kind != "code128" or payload != (label.sku or label.code)
        blocks.append((kind, payload, dots, hri))

    def block_height(kind: BarcodeKind, dots: int, hri: bool, bars: float) -> float:
        return barcode_height(kind, bars, hri, dots * dot, dpi) / PT_PER_MM

    code_text = clean_text((label.sku or label.code) if label.kind == "lot" else label.code)
    code_max = style.location_code_max if label.kind == "location" else style.code_max

    def code_size(limit: float) -> float:
        size_ = min(code_max, limit)
        natural = measure(code_text, size_, True)
        if natural > inner:
            size_ = max(size_ * inner / natural * 0.98, _CODE_MIN)
        return size_

    info = _info_lines(label)
    title = clean_text(label.title)
    title_lines = style.title_lines if title else 0
    code_limit = code_max
    info_size = style.info_size
    usable = height - 2 * style.margin
    while True:
        csize = code_size(code_limit)
        code_line = _ellipsize(code_text, functools.partial(_at, measure, csize, True), inner)
        titles = _wrap(title, lambda t: measure(t, style.title_size, False), inner, title_lines)
        infos = _info_text(info, functools.partial(_at, measure, info_size, False), inner)
        text_h = csize + style.gap
        text_h += len(titles) * style.title_size * 1.1 + (style.gap if titles else 0.0)
        text_h += len(infos) * info_size * 1.1 + (style.gap if infos else 0.0)
        fixed = text_h + style.gap * (len(blocks) - 1)
        # The human-readable lines (measured at the tallest bars: their text is largest then).
        fixed += sum(block_height(k, d, h, style.bars_max) for k, _p, d, h in blocks)
        fixed -= style.bars_max * len(blocks)
        bars = (usable - fixed) / len(blocks)
        if bars >= style.bars_min:
            break
        # Not enough room. Give up, in this order: the received date, title lines but one,
        # the code down to 60 %, the last title line, the code down to 3 mm, the lot line size.
        if len(info) > 2:
            info = info[:2]
        elif title_lines > 1:
            title_lines -= 1
        elif csize > max(0.6 * code_max, _CODE_MIN) + 0.01:
            code_limit = max(csize * 0.9, 0.6 * code_max, _CODE_MIN)
        elif title_lines > 0:
            title_lines -= 1
        elif csize > _CODE_MIN + 0.01:
            code_limit = max(csize * 0.9, _CODE_MIN)
        elif info_size > 2.2:
            info_size = max(info_size * 0.9, 2.2)
        else:
            raise ValueError(
                f"The {label.kind} label {label.code!r} does not fit a {size} label; use a "
                "larger label size."
            )
    bars = min(bars, style.bars_max)

    lines: list[_Line] = []
    y = style.margin
    lines.append(_Line(style.margin, y, csize, code_line, code=True))
    y += csize + style.gap
    for title in titles:
        lines.append(_Line(style.margin, y, style.title_size, title))
        y += style.title_size * 1.1
    if titles:
        y += style.gap
    for text in infos:
        lines.append(_Line(style.margin, y, info_size, text))
        y += info_size * 1.1

    total_blocks = sum(block_height(k, d, h, bars) for k, _p, d, h in blocks)
    total_blocks += style.gap * (len(blocks) - 1)
    # The barcodes sit in the middle of the room the text leaves (at the bottom, on a full label).
    by = style.margin + text_h + max(usable - text_h - total_blocks, 0.0) / 2
    bars_out: list[_Bars] = []
    for kind, payload, dots, hri in blocks:
        left, right = quiet_zones(kind)
        module_mm = dots * dot
        w = (len(barcode_modules(kind, payload)) + left + right) * module_mm
        x = round(((width - w) / 2) / dot) * dot  # whole dots: bars land on the dot grid
        h = block_height(kind, dots, hri, bars)
        bars_out.append(_Bars(kind, payload, x, by, dots, module_mm, bars, h, w, hri))
        by += h + style.gap
    return _Layout(width, height, tuple(lines), tuple(bars_out))


def _at(measure: Measure, size_mm: float, code: bool, text: str) -> float:
    return measure(text, size_mm, code)


def _info_text(parts: list[str], measure: Callable[[str], float], width: float) -> list[str]:
    """The lot lines: the parts (lot, expiry, received) packed into as few lines as fit."""
    if not parts:
        return []
    lines: list[str] = []
    for part in parts:
        joined = f"{lines[-1]}  {part}" if lines else part
        if lines and measure(joined) <= width:
            lines[-1] = joined
        else:
            lines.append(_ellipsize(part, measure, width))
    return lines


# -- measuring -------------------------------------------------------------------------------


def _pdf_font(text: str, code: bool) -> Font:
    plain = text.replace(ELLIPSIS, "")  # Helvetica has the ellipsis too
    return CODE_FONT if code and plain.isascii() else label_chain()


def _pdf_measure(text: str, size_mm: float, code: bool) -> float:
    return text_width(text, _pdf_font(text, code), size_mm * PT_PER_MM) / PT_PER_MM


@functools.lru_cache(maxsize=8)
def _thermal_measure(dpi: int) -> Measure:
    def measure(text: str, size_mm: float, code: bool) -> float:
        dots = max(round(size_mm * dpi / 25.4), 4)
        return text_width_dots(text, dots, bold=code) * 25.4 / dpi

    return measure


# -- PDF -------------------------------------------------------------------------------------


def _draw_pdf_label(canvas: Canvas, layout: _Layout, dpi: int) -> None:
    page_h = layout.height_mm * PT_PER_MM
    for line in layout.lines:
        font = _pdf_font(line.text, line.code)
        size = line.size_mm * PT_PER_MM
        baseline = page_h - (line.y_mm * PT_PER_MM + size * (0.78 if font == CODE_FONT else 0.84))
        draw_text(canvas, line.x_mm * PT_PER_MM, baseline, line.text, font, size)
    for bars in layout.barcodes:
        bottom = page_h - (bars.y_mm + bars.height_mm) * PT_PER_MM
        draw_barcode(
            canvas,
            bars.x_mm * PT_PER_MM,
            bottom,
            bars.kind,
            bars.payload,
            bars.module_mm,
            bars.bars_mm,
            bars.hri,
            dpi=dpi,
        )


def _copies(copies: int) -> None:
    if not 1 <= copies <= MAX_COPIES:
        raise ValueError(f"Print 1 to {MAX_COPIES} copies of each label, not {copies}.")


def render_stock_labels_pdf(
    labels: Sequence[StockLabel], copies: int = 1, size: str = "60x40", *, dpi: int = 203
) -> bytes:
    """One PDF page per label copy (``labels[0]`` ``copies`` times, then ``labels[1]``...), each
    page exactly the label size. ``dpi``: the printer's resolution, to which barcode modules
    are snapped (203 for most thermal label printers, 300 for 300 dpi ones and lasers).

    Raises ValueError before drawing anything when a label is invalid or does not fit.
    """
    _copies(copies)
    width, height = _size(size)
    layouts = [_layout(label, size, dpi, _pdf_measure) for label in labels]
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width * PT_PER_MM, height * PT_PER_MM), pageCompression=1)
    canvas.setTitle(f"Stock labels {size} mm")
    canvas.setCreator("Packdesk")
    for layout in layouts:
        for _ in range(copies):
            _draw_pdf_label(canvas, layout, dpi)
            canvas.showPage()
    if not layouts:
        canvas.showPage()  # a PDF needs a page; an empty batch prints one blank label
    canvas.save()
    return buffer.getvalue()


# -- label printers --------------------------------------------------------------------------


def stock_label(label: StockLabel, size: str = "60x40", dpi: int = 203) -> Label:
    """The label as a :class:`printing.label.Label` for the ZPL / TSPL encoders.

    Text is drawn as bitmaps (``Text(bitmap=True)``) so it is exactly as wide as measured: the
    printers' own fonts differ between models. EAN-13 digits sit in their standard places and
    the guard bars reach down between them (boxes under the native bars).
    """
    layout = _layout(label, size, dpi, _thermal_measure(dpi))
    out = Label(layout.width_mm, layout.height_mm, dpi=dpi)
    for line in layout.lines:
        out.items.append(
            Text(line.x_mm, line.y_mm, line.text, line.size_mm, bitmap=True, bold=line.code)
        )
    for bars in layout.barcodes:
        left, _right = quiet_zones(bars.kind)
        x = bars.x_mm + left * bars.module_mm
        out.items.append(
            Barcode(x, bars.y_mm, bars.kind, bars.payload, bars.bars_mm, bars.module_dots)
        )
        if bars.hri:
            out.items.extend(_thermal_hri(bars, x, layout.width_mm, dpi))
    return out


def _thermal_hri(bars: _Bars, x: float, label_width: float, dpi: int) -> list[Text | Box]:
    m = bars.module_mm
    below = bars.y_mm + bars.bars_mm
    if bars.kind == "ean13":
        digits = ean13_digits(bars.payload)
        items: list[Text | Box] = [
            Box(x + i * m, below, m, 5 * m, m) for i in (0, 2, 46, 48, 92, 94)
        ]
        size = 8.5 * m  # the line box; the digits themselves are about 6 modules tall
        top = below
        dots = max(round(size * dpi / 25.4), 4)

        def centred(text: str, centre: float) -> Text:
            w = text_width_dots(text, dots) * 25.4 / dpi
            return Text(centre - w / 2, top, text, size, bitmap=True)

        first_w = text_width_dots(digits[0], dots) * 25.4 / dpi
        first_x = max(x - (EAN13_QUIET_LEFT - 9) * m - first_w, 0.0)
        items.append(Text(first_x, top, digits[0], size, bitmap=True))
        items.append(centred(digits[1:7], x + 24 * m))
        items.append(centred(digits[7:], x + 71 * m))
        return items
    text = gs1_hri(bars.payload) if bars.kind == "gs1-128" else bars.payload
    size = human_readable_size(bars.bars_mm) / PT_PER_MM
    dots = max(round(size * dpi / 25.4), 4)
    w = text_width_dots(text, dots) * 25.4 / dpi
    if w > bars.width_mm:
        size *= bars.width_mm / w
        dots = max(round(size * dpi / 25.4), 4)
        w = text_width_dots(text, dots) * 25.4 / dpi
    left = max(bars.x_mm + (bars.width_mm - w) / 2, 0.0)
    return [Text(left, below + 0.2 * size, text, size, bitmap=True)]


def encode_stock_labels(
    labels: Sequence[StockLabel],
    copies: int = 1,
    size: str = "60x40",
    language: Literal["zpl", "tspl"] = "zpl",
    dpi: int = 203,
) -> bytes:
    """One job with every label: ZPL one ``^XA`` ... ``^XZ`` format per label with
    ``^PQ copies``; TSPL one ``CLS`` ... ``PRINT 1,copies`` per label.

    Raises ValueError before encoding anything when a label is invalid or does not fit.
    """
    _copies(copies)
    if language not in ("zpl", "tspl"):
        raise ValueError(f"Label printers speak 'zpl' or 'tspl', not {language!r}.")
    built = [stock_label(label, size, dpi) for label in labels]
    encode = encode_zpl if language == "zpl" else encode_tspl
    return b"".join(encode(item, copies) for item in built)
