"""The shipping label (面单 / 电子面单): WaybillDocument in, a PDF page or a printer Label out.

One layout serves both outputs. :func:`layout_waybill` places every item in points from the
label's top-left corner; :func:`render_waybill_pdf` draws it with reportlab (real text, the CJK
TrueType font embedded) and :func:`waybill_label` turns it into :class:`printing.label.Label`
items for the ZPL / TSPL encoders (which draw Chinese as bitmaps by themselves).

From the top: carrier and service, the tracking number as a large Code 128 with its digits,
the receiver (收) with a masked phone and the full address, the sender (寄), order, parcel n/m,
weight and item count, the handling marks that apply, and the remark. Every text is fitted to
its box: long text wraps, shrinks down to a floor size, then is cut with "…"; nothing is ever
drawn over the barcode or outside its box.

The barcode module is 0.25 mm snapped to whole printer dots (2 dots at 203 dpi, 3 at 300 dpi).
A tracking number too long for the label width (even with the quiet zones at their minimum of
10 modules reaching into the margins) is refused with a ValueError: a narrower bar would not
scan reliably from a thermal print.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from app.domain.privacy import mask_phone
from printing.barcodes import (
    MIN_MODULE_MM,
    QUIET_ZONE_MODULES,
    THERMAL_DPI,
    code128_modules,
    draw_code128,
    snap_module_mm,
    validate_payload,
)
from printing.fonts import register_cjk_font
from printing.glyphs import FontChain, has_cjk, label_chain
from printing.label import Barcode128, Box, Label, Text
from printing.text import (
    BOLD,
    Font,
    FontPicker,
    clean_text,
    draw_text,
    ellipsize,
    fit_box,
    fit_size,
    text_width,
)

WAYBILL_SIZES: dict[str, tuple[int, int]] = {
    "100x150": (100, 150),
    "76x130": (76, 130),
    "100x100": (100, 100),
}

PT_MM = 25.4 / 72  # one point in millimetres
TRACKING_MODULE_MM = MIN_MODULE_MM  # 0.25 mm: 2 dots at 203 dpi, 3 at 300 dpi (the least)
WIDE_MODULE_MM = 0.375  # 3 dots at 203 dpi: used when the number fits the label with it
MARGIN_MM = 3.0
PHONE_SHARE = 0.55  # of a party's line: the name keeps the rest, however long the phone
LEADING = 1.22
# Baseline below the top of a line's em box (Helvetica and WenQuanYi alike).
BASELINE = 0.8

# Design sizes for 100 x 150 mm (points unless *_MM); other sizes scale them (see _Scale).
CARRIER_PT, CARRIER_MIN_PT = 20.0, 11.0
SERVICE_PT, SERVICE_MIN_PT = 14.0, 8.0
SMALL_PT = 8.0
BAR_MM = 18.0
TRACKING_PT, TRACKING_MIN_PT = 15.0, 8.0
BADGE_PT = 20.0
RECEIVER_NAME_PT, RECEIVER_NAME_MIN_PT = 16.0, 12.0
RECEIVER_ADDR_PT, RECEIVER_ADDR_MIN_PT = 13.0, 7.0
SENDER_PT, SENDER_MIN_PT = 10.0, 6.5
INFO_PT, INFO_MIN_PT = 9.5, 6.5
PARCEL_PT = 22.0
MARK_PT, MARK_MIN_PT = 13.0, 7.0
MARK_EN_PT, MARK_EN_MIN_PT = 7.5, 5.0
REMARK_PT, REMARK_MIN_PT = 9.5, 6.0

# Band heights in mm for the 144 mm of a 100 x 150 label inside its margins; scaled for others.
_BANDS: tuple[tuple[str, float], ...] = (
    ("header", 13.0),
    ("barcode", 28.0),
    ("receiver", 40.0),
    ("sender", 21.0),
    ("info", 20.0),
    ("marks", 11.0),
    ("remark", 11.0),
)
_DESIGN_W_MM = 100 - 2 * MARGIN_MM
_DESIGN_H_MM = sum(h for _, h in _BANDS)

MARKS: tuple[tuple[str, str, str], ...] = (
    ("fragile", "易碎", "FRAGILE"),
    ("do_not_bend", "勿折", "DO NOT BEND"),
    ("this_way_up", "向上", "THIS WAY UP"),
)


@dataclass(frozen=True)
class Party:
    name: str
    phone: str
    province: str = ""
    city: str = ""
    district: str = ""
    address: str = ""
    company: str = ""


@dataclass(frozen=True)
class WaybillDocument:
    carrier_code: str  # "SF", "ZTO", ...
    carrier_name: str  # "顺丰速运"
    service: str  # "标准快递", "特快"
    tracking_no: str  # the barcode payload (printable ASCII)
    sender: Party
    receiver: Party
    order_no: str
    parcel_no: int = 1
    parcel_count: int = 1
    weight_g: int | None = None
    item_count: int = 0
    fragile: bool = False
    do_not_bend: bool = False
    this_way_up: bool = False
    printed_at: datetime | None = None
    mask_phone: bool = True  # 隐私面单: hide the middle digits of both phones
    remark: str = ""


# ---- text helpers ------------------------------------------------------------------------------
def full_address(party: Party) -> str:
    """Province, city, district and street as one line, in the script's own order.

    Chinese runs from the province down ("广东省深圳市南山区科技园…"); Latin script from the
    street up ("88 Nathan Road, Tsim Sha Tsui, Kowloon"). A region already written in the
    street address is not repeated.
    """
    street = clean_text(party.address)
    regions = [clean_text(p) for p in (party.province, party.city, party.district)]
    regions = [p for p in regions if p and p not in street]
    parts = [*regions, street]
    if not has_cjk("".join(parts)):
        return ", ".join(p for p in [street, *reversed(regions)] if p)
    return "".join(p for p in parts if p)


def format_weight(weight_g: int) -> str:
    """Grams as kilograms with two decimals: 1250 -> "1.25 kg"."""
    kg = (Decimal(weight_g) / 1000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{kg} kg"


# ---- layout ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Region:
    """A rectangle in points from the label's top-left corner."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def contains(self, other: Region, slack: float = 0.01) -> bool:
        return (
            other.x >= self.x - slack
            and other.y >= self.y - slack
            and other.right <= self.right + slack
            and other.bottom <= self.bottom + slack
        )

    def overlaps(self, other: Region) -> bool:
        return (
            other.x < self.right
            and self.x < other.right
            and other.y < self.bottom
            and self.y < other.bottom
        )

    def mm(self) -> tuple[float, float, float, float]:
        """``(x, y, w, h)`` in millimetres."""
        return (self.x * PT_MM, self.y * PT_MM, self.w * PT_MM, self.h * PT_MM)


@dataclass(frozen=True)
class TextItem:
    """One line of text; ``(x, y)`` is the top-left of its em box, ``width`` as measured."""

    x: float
    y: float
    text: str
    font: Font
    size: float
    width: float
    region: str
    bold: bool = False

    @property
    def box(self) -> Region:
        return Region(self.x, self.y, self.width, self.size)


@dataclass(frozen=True)
class BarcodeItem:
    """A Code 128 symbol; ``(x, y)`` is the top-left of its left quiet zone."""

    x: float
    y: float
    payload: str
    module: float  # points
    module_dots: int
    height: float
    width: float  # quiet zones included
    region: str = "barcode"

    @property
    def box(self) -> Region:
        return Region(self.x, self.y, self.width, self.height)


@dataclass(frozen=True)
class FrameItem:
    """A rectangle outline ``thickness`` thick, drawn inside ``(x, y, w, h)``."""

    x: float
    y: float
    w: float
    h: float
    thickness: float
    region: str

    @property
    def box(self) -> Region:
        return Region(self.x, self.y, self.w, self.h)


@dataclass(frozen=True)
class RuleItem:
    """A filled rectangle (a separating line)."""

    x: float
    y: float
    w: float
    h: float
    region: str = "rule"

    @property
    def box(self) -> Region:
        return Region(self.x, self.y, self.w, self.h)


LayoutItem = TextItem | BarcodeItem | FrameItem | RuleItem


@dataclass
class WaybillLayout:
    """Everything on one waybill, in points from its top-left corner."""

    size: str
    width: float
    height: float
    dpi: int
    items: list[LayoutItem] = field(default_factory=list)
    regions: dict[str, Region] = field(default_factory=dict)

    @property
    def barcode(self) -> BarcodeItem:
        return next(i for i in self.items if isinstance(i, BarcodeItem))

    def texts(self, region: str | None = None) -> list[TextItem]:
        return [i for i in self.items if isinstance(i, TextItem) and region in (None, i.region)]


def _native_width(ch: str) -> float:
    """An ASCII character in a label printer's own font, on the wide side.

    We do not know those widths exactly: TSPL's built-in fonts are monospaced, up to 0.83 of
    their height, a ZPL ``^A0`` or a clone's substitute is proportional. So: Helvetica Bold
    widened by a fifth, never under 0.85 of the height.
    """
    return max(0.85, 1.2 * float(pdfmetrics.stringWidth(ch, BOLD, 1)))


@dataclass(frozen=True, eq=False)  # one per chain (_printer_metrics): compared by identity
class _BitmapMetrics:
    """Text with any non-ASCII character, which the encoders draw as a bitmap in the Chinese
    font (and the fallback fonts for what it lacks) at about 0.78 of the line height (see
    :func:`printing.label.render_text`)."""

    chain: FontChain

    def char_width(self, ch: str) -> float:
        return 0.8 * self.chain.char_width(ch)


@dataclass(frozen=True, eq=False)
class _NativeMetrics:
    """ASCII-only text, drawn by the printer's own font."""

    def char_width(self, ch: str) -> float:
        return _native_width(ch) if ord(ch) < 0x80 else 1.0


@dataclass(frozen=True, eq=False)
class _WrappedMetrics:
    """Wrapped text: a line of a Chinese address may come out ASCII only and be printed in the
    printer's font, so every ASCII character counts at its native width."""

    chain: FontChain

    def char_width(self, ch: str) -> float:
        if ord(ch) < 0x80:
            return _native_width(ch)
        return 0.8 * self.chain.char_width(ch)


@lru_cache(maxsize=16)
def _printer_metrics(chain: FontChain) -> tuple[_WrappedMetrics, _NativeMetrics, _BitmapMetrics]:
    """The printer's metrics of a chain, made once: the width caches find them by identity."""
    return _WrappedMetrics(chain), _NativeMetrics(), _BitmapMetrics(chain)


@dataclass(frozen=True)
class _PrinterFonts:
    chain: FontChain

    def pick(self, text: str, bold: bool = False, wrapped: bool = False) -> Font:
        wrapped_metrics, native, bitmap = _printer_metrics(self.chain)
        if wrapped:
            return wrapped_metrics
        if text.isascii():
            return native
        return bitmap


@dataclass(frozen=True)
class _PdfFonts:
    picker: FontPicker

    def pick(self, text: str, bold: bool = False, wrapped: bool = False) -> Font:
        return self.picker.pick(text, bold)


_Fonts = _PdfFonts | _PrinterFonts


class _Builder:
    def __init__(self, out: WaybillLayout, fonts: _Fonts, k: float) -> None:
        self.out = out
        self.fonts = fonts
        self.k = k

    def pt(self, design: float, floor: float = 0.0) -> float:
        """A design size scaled for this label, never under ``floor``."""
        return max(round(design * self.k * 2) / 2, floor)

    def text(
        self, x: float, y: float, text: str, size: float, region: str, bold: bool = False
    ) -> TextItem | None:
        if not text:
            return None
        return self.add(x, y, text, self.fonts.pick(text, bold), size, region, bold)

    def add(
        self, x: float, y: float, text: str, font: Font, size: float, region: str, bold: bool
    ) -> TextItem:
        item = TextItem(x, y, text, font, size, text_width(text, font, size), region, bold)
        self.out.items.append(item)
        return item

    def line_fit(
        self,
        x: float,
        y: float,
        text: str,
        largest: float,
        smallest: float,
        width: float,
        region: str,
        bold: bool = False,
    ) -> TextItem | None:
        """One line, shrunk to fit ``width`` and cut with "…" at ``smallest``."""
        text = clean_text(text)
        if not text:
            return None
        font = self.fonts.pick(text, bold)
        size = fit_size(text, font, largest, smallest, width)
        return self.text(x, y, ellipsize(text, font, size, width), size, region, bold)

    def block(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        text: str,
        largest: float,
        smallest: float,
        region: str,
        bold: bool = False,
    ) -> float:
        """Wrapped text shrunk into the box; returns the height used."""
        text = clean_text(text)
        if not text or h <= 0:
            return 0.0
        font = self.fonts.pick(text, bold, wrapped=True)
        size, lines = fit_box(text, font, largest, smallest, w, h, LEADING)
        top = y
        for line in lines:
            if top + size > y + h + 0.01:
                break
            self.add(x, top, line, font, size, region, bold)
            top += size * LEADING
        return min(top - y - size * (LEADING - 1), h)

    def pair(
        self,
        x: float,
        y: float,
        label: str,
        value: str,
        size: float,
        smallest: float,
        width: float,
        region: str,
    ) -> float:
        """ "label: value" on one line, the value bold; returns the x after it."""
        head = self.text(x, y, f"{label} ", size, region)
        used = head.width if head else 0.0
        item = self.line_fit(x + used, y, value, size, smallest, width - used, region, True)
        return x + used + (item.width if item else 0.0)

    def frame(self, x: float, y: float, w: float, h: float, t: float, region: str) -> None:
        self.out.items.append(FrameItem(x, y, w, h, t, region))

    def rule(self, x: float, y: float, w: float, t: float) -> None:
        self.out.items.append(RuleItem(x, y, w, t))


def _size_of(size: str) -> tuple[int, int]:
    try:
        return WAYBILL_SIZES[size]
    except KeyError:
        known = ", ".join(sorted(WAYBILL_SIZES))
        raise ValueError(f"Unknown waybill size {size!r}; use one of {known}.") from None


def _validate(doc: WaybillDocument) -> None:
    validate_payload(doc.tracking_no)
    if doc.parcel_count < 1 or not 1 <= doc.parcel_no <= doc.parcel_count:
        raise ValueError(
            f"Parcel {doc.parcel_no} of {doc.parcel_count} is impossible; the parcel number "
            "must be between 1 and the parcel count."
        )
    if doc.weight_g is not None and doc.weight_g < 0:
        raise ValueError(f"A parcel cannot weigh {doc.weight_g} g; the weight must be >= 0.")
    if doc.item_count < 0:
        raise ValueError(f"A parcel cannot hold {doc.item_count} items.")


def _phone(doc: WaybillDocument, phone: str) -> str:
    phone = clean_text(phone)
    return mask_phone(phone) if doc.mask_phone else phone


@lru_cache(maxsize=256)
def _bars(payload: str) -> int:
    return len(code128_modules(payload))


def _module_mm(bars: int, inner_pt: float, dpi: int) -> float:
    """The widest whole-dot module up to ``WIDE_MODULE_MM`` whose symbol (with its quiet zones)
    fits between the margins — wide bars read from further away — else the 0.25 mm minimum."""
    dot_mm = 25.4 / dpi
    smallest = snap_module_mm(TRACKING_MODULE_MM, dpi)
    dots = max(round(WIDE_MODULE_MM / dot_mm), 1)
    while dots * dot_mm > smallest + 1e-9:
        if (bars + 2 * QUIET_ZONE_MODULES) * dots * dot_mm * mm <= inner_pt:
            return dots * dot_mm
        dots -= 1
    return smallest


def _barcode(doc: WaybillDocument, b: _Builder, band: Region, page_w: float, dpi: int) -> None:
    bars = _bars(doc.tracking_no)
    inner = page_w - 2 * MARGIN_MM * mm
    module_mm = _module_mm(bars, inner, dpi)
    module_dots = round(module_mm * dpi / 25.4)
    module = module_mm * mm
    width = (bars + 2 * QUIET_ZONE_MODULES) * module
    if width > page_w + 1e-6:
        raise ValueError(
            f"The tracking number {doc.tracking_no!r} is too long for a "
            f"{page_w / mm:.0f} mm wide waybill: its barcode needs {width / mm:.1f} mm with "
            f"{module_mm:.3f} mm bars and the minimum quiet zones; use a wider label."
        )
    # Centred, with the quiet zones reaching into the margins only when it must.
    x = (page_w - width) / 2 if width > inner else MARGIN_MM * mm + (inner - width) / 2
    dot = 72 / dpi
    x = round((x + QUIET_ZONE_MODULES * module) / dot) * dot - QUIET_ZONE_MODULES * module
    x = min(max(x, 0.0), page_w - width)
    pad = 1.2 * mm * b.k
    digits_max = b.pt(TRACKING_PT, TRACKING_MIN_PT)
    bar_h = min(BAR_MM * mm * b.k, band.h - 2 * pad - digits_max * 1.1)
    top = band.y + pad
    b.out.items.append(
        BarcodeItem(x, top, doc.tracking_no, module, module_dots, bar_h, width, "barcode")
    )
    b.out.regions["barcode"] = Region(x, top, width, bar_h)
    font = b.fonts.pick(doc.tracking_no, bold=True)
    size = fit_size(doc.tracking_no, font, digits_max, TRACKING_MIN_PT, inner)
    text_w = text_width(doc.tracking_no, font, size)
    if text_w > inner:
        raise ValueError(
            f"The tracking number {doc.tracking_no!r} is too long to print under its barcode."
        )
    tx = min(max(x + width / 2 - text_w / 2, MARGIN_MM * mm), MARGIN_MM * mm + inner - text_w)
    ty = top + bar_h + 0.8 * mm * b.k
    b.out.regions["tracking"] = Region(MARGIN_MM * mm, ty, inner, band.bottom - ty)
    b.text(tx, ty, doc.tracking_no, size, "tracking", bold=True)


def _badge(b: _Builder, x: float, y: float, side: float, char: str, region: str) -> None:
    """A square with one big character (收 / 寄) in it."""
    t = max(0.35 * mm, 0.3 * mm * b.k)
    b.frame(x, y, side, side, t, region)
    b.out.regions[region] = Region(x, y, side, side)
    size = side * 0.62
    font = b.fonts.pick(char, bold=True)
    w = text_width(char, font, size)
    b.text(x + (side - w) / 2, y + (side - size) / 2 + size * 0.04, char, size, region, True)


def _party(
    doc: WaybillDocument,
    b: _Builder,
    party: Party,
    band: Region,
    badge: str,
    name_pt: tuple[float, float],
    addr_pt: tuple[float, float],
    region: str,
) -> None:
    pad = 1.2 * mm * b.k
    side = min(band.h - 2 * pad, (name_pt[0] + 6) * b.k * 1.3 + 2 * mm)
    _badge(b, band.x, band.y + pad, side, badge, region + "_badge")
    x = band.x + side + 2.5 * mm * b.k
    w = band.right - x
    top = band.y + pad
    bottom = band.bottom - pad
    b.out.regions[region] = Region(x, top, w, bottom - top)

    name_size = name_pt[0]
    phone = _phone(doc, party.phone)
    gap = 3 * mm * b.k
    phone_font = b.fonts.pick(phone, bold=True)
    phone_room = w * PHONE_SHARE
    phone_size = fit_size(phone, phone_font, name_size, name_pt[1], phone_room) if phone else 0
    phone = ellipsize(phone, phone_font, phone_size, phone_room) if phone else ""
    phone_w = text_width(phone, phone_font, phone_size) if phone else 0.0
    name = clean_text(party.name)
    name_room = w - (phone_w + gap if phone else 0.0)
    item = b.line_fit(x, top, name, name_size, name_pt[1], name_room, region + "_name", True)
    line_h = max(item.size if item else 0.0, phone_size)
    if phone:
        px = x + (item.width + gap if item else 0.0)
        b.text(
            px,
            top + (line_h - phone_size),
            phone,
            phone_size,
            region + "_phone",
            bold=True,
        )
    top += line_h * LEADING + 0.6 * mm * b.k
    address = full_address(party)
    company = clean_text(party.company)
    if company:
        address = f"{company} {address}".strip()
    b.block(x, top, w, bottom - top, address, addr_pt[0], addr_pt[1], region + "_address")


def _info(doc: WaybillDocument, b: _Builder, band: Region) -> None:
    pad = 1.0 * mm * b.k
    parcel_w = 26 * mm * b.k
    left_w = band.w - parcel_w - 2 * mm * b.k
    size = b.pt(INFO_PT, INFO_MIN_PT)
    rows: list[list[tuple[str, str]]] = [[("订单 Order:", clean_text(doc.order_no))]]
    extra = []
    if doc.weight_g is not None:
        extra.append(("重量 Weight:", format_weight(doc.weight_g)))
    if doc.item_count:
        extra.append(("商品 Items:", str(doc.item_count)))
    if extra:
        rows.append(extra)
    if doc.printed_at is not None:
        rows.append([("打印 Printed:", f"{doc.printed_at:%Y-%m-%d %H:%M}")])
    room = band.h - 2 * pad
    row_size = max(min(size, room / (len(rows) * LEADING)), INFO_MIN_PT)
    top = band.y + pad
    for pairs in rows:
        if top + row_size > band.bottom:
            break
        x = band.x
        for label, value in pairs:
            x = b.pair(x, top, label, value, row_size, INFO_MIN_PT, band.x + left_w - x, "info")
            x += 3 * mm * b.k
        top += row_size * LEADING
    b.out.regions["info"] = Region(band.x, band.y, left_w, band.h)
    # The parcel count, big, on the right: a packer sees "2/3" from a metre away.
    px = band.right - parcel_w
    b.out.regions["parcel"] = Region(px, band.y, parcel_w, band.h)
    label_size = b.pt(SMALL_PT, 6.0)
    b.line_fit(px + pad, band.y + pad, "包裹 Parcel", label_size, 5.0, parcel_w - 2 * pad, "parcel")
    parcel = f"{doc.parcel_no}/{doc.parcel_count}"
    big = min(b.pt(PARCEL_PT, 10.0), band.h - 2 * pad - label_size * LEADING)
    b.line_fit(
        px + pad,
        band.y + pad + label_size * LEADING,
        parcel,
        big,
        6.0,
        parcel_w - 2 * pad,
        "parcel",
        bold=True,
    )


def _marks(doc: WaybillDocument, b: _Builder, band: Region) -> None:
    flagged = [(zh, en) for key, zh, en in MARKS if getattr(doc, key)]
    if not flagged:
        return
    gap = 2 * mm * b.k
    w = (band.w - gap * (len(MARKS) - 1)) / len(MARKS)
    pad = 0.8 * mm * b.k
    h = band.h - 2 * pad
    t = max(0.5 * mm * b.k, 0.4 * mm)
    for n, (zh, en) in enumerate(flagged):
        x = band.x + n * (w + gap)
        y = band.y + pad
        region = f"mark_{n}"
        b.out.regions[region] = Region(x, y, w, h)
        b.frame(x, y, w, h, t, region)
        inner_w = w - 2 * t - 2 * pad
        zh_size = min(b.pt(MARK_PT, MARK_MIN_PT), (h - 2 * t) * 0.55)
        en_size = min(b.pt(MARK_EN_PT, MARK_EN_MIN_PT), (h - 2 * t) * 0.3)
        font = b.fonts.pick(zh, bold=True)
        zh_size = fit_size(zh, font, zh_size, MARK_MIN_PT * 0.8, inner_w)
        zh_w = text_width(zh, font, zh_size)
        en_font = b.fonts.pick(en, bold=True)
        en_size = fit_size(en, en_font, en_size, MARK_EN_MIN_PT * 0.8, inner_w)
        en_text = ellipsize(en, en_font, en_size, inner_w)
        en_w = text_width(en_text, en_font, en_size)
        total = zh_size + 0.15 * zh_size + en_size
        top = y + (h - total) / 2
        b.text(x + (w - zh_w) / 2, top, zh, zh_size, region, True)
        b.text(x + (w - en_w) / 2, top + zh_size * 1.15, en_text, en_size, region, True)


def _bands(page_h: float, k_h: float) -> dict[str, Region]:
    out: dict[str, Region] = {}
    y = MARGIN_MM * mm
    for name, h in _BANDS:
        out[name] = Region(0, y, 0, h * k_h * mm)
        y += h * k_h * mm
    return out


def layout_waybill(
    doc: WaybillDocument, size: str = "100x150", dpi: int = THERMAL_DPI, *, printer: bool = False
) -> WaybillLayout:
    """Place everything of ``doc`` on a ``size`` waybill (points, from the top-left corner).

    ``dpi`` snaps the barcode module to whole dots; ``printer`` measures text with a label
    printer's (wider) fonts instead of the PDF's. ``regions`` names the rectangles that hold
    each part ("barcode" is the bars with their quiet zones); tests use them to check that
    nothing is drawn where it should not be. Raises ValueError for an unknown size, a tracking
    number that is not printable ASCII or too long for the label, and impossible numbers.
    """
    _validate(doc)
    w_mm, h_mm = _size_of(size)
    page_w, page_h = w_mm * mm, h_mm * mm
    cjk = register_cjk_font()
    fonts: _Fonts = _PrinterFonts(label_chain(cjk)) if printer else _PdfFonts(FontPicker(cjk))
    k_h = (h_mm - 2 * MARGIN_MM) / _DESIGN_H_MM
    # Text and symbols scale with the narrower side; a short label keeps half its height loss
    # (the bands shrink, and text that no longer fits shrinks within them).
    k = min((w_mm - 2 * MARGIN_MM) / _DESIGN_W_MM, (1 + k_h) / 2)
    out = WaybillLayout(size, page_w, page_h, dpi)
    b = _Builder(out, fonts, k)
    left = MARGIN_MM * mm
    inner_w = page_w - 2 * left
    bands = {name: Region(left, r.y, inner_w, r.h) for name, r in _bands(page_h, k_h).items()}
    rule_t = max(0.3 * mm, 0.35 * mm * k)

    # -- header: carrier, code and print time on the left, the service in a box on the right
    head = bands["header"]
    out.regions["header"] = head
    service = clean_text(doc.service)
    service_w = 0.0
    if service:
        s_font = fonts.pick(service, bold=True)
        s_max = min(b.pt(SERVICE_PT, SERVICE_MIN_PT), head.h * 0.55)
        s_size = fit_size(service, s_font, s_max, SERVICE_MIN_PT, inner_w * 0.38)
        s_text = ellipsize(service, s_font, s_size, inner_w * 0.38)
        s_text_w = text_width(s_text, s_font, s_size)
        service_w = s_text_w + 4 * mm * k
        box_h = min(s_size * 1.6, head.h - 2 * mm * k)
        bx = head.right - service_w
        by = head.y + (head.h - box_h) / 2
        b.frame(bx, by, service_w, box_h, max(0.5 * mm * k, 0.4 * mm), "service")
        b.text(bx + 2 * mm * k, by + (box_h - s_size) / 2, s_text, s_size, "service", True)
        out.regions["service"] = Region(bx, by, service_w, box_h)
    name_w = inner_w - service_w - 3 * mm * k
    out.regions["carrier"] = Region(left, head.y, name_w, head.h)
    small = b.pt(SMALL_PT, 6.0)
    c_max = min(b.pt(CARRIER_PT, CARRIER_MIN_PT), head.h - small * 1.5 - 1.5 * mm * k)
    b.line_fit(
        left,
        head.y + 0.5 * mm * k,
        doc.carrier_name,
        c_max,
        CARRIER_MIN_PT * k,
        name_w,
        "carrier",
        bold=True,
    )
    sub = clean_text(doc.carrier_code)
    if doc.printed_at is not None:
        sub = f"{sub}  {doc.printed_at:%Y-%m-%d %H:%M}".strip()
    b.line_fit(left, head.bottom - small * 1.5, sub, small, 5.0, name_w, "carrier")
    b.rule(left, head.bottom - rule_t / 2, inner_w, rule_t)

    # -- the tracking barcode
    _barcode(doc, b, bands["barcode"], page_w, dpi)
    b.rule(left, bands["barcode"].bottom - rule_t / 2, inner_w, rule_t)

    # -- receiver and sender
    _party(
        doc,
        b,
        doc.receiver,
        bands["receiver"],
        "收",
        (b.pt(RECEIVER_NAME_PT, RECEIVER_NAME_MIN_PT), RECEIVER_NAME_MIN_PT),
        (b.pt(RECEIVER_ADDR_PT, RECEIVER_ADDR_MIN_PT), RECEIVER_ADDR_MIN_PT),
        "receiver",
    )
    b.rule(left, bands["receiver"].bottom - rule_t / 4, inner_w, rule_t / 2)
    _party(
        doc,
        b,
        doc.sender,
        bands["sender"],
        "寄",
        (b.pt(SENDER_PT, SENDER_MIN_PT), SENDER_MIN_PT),
        (b.pt(SENDER_PT - 1, SENDER_MIN_PT), SENDER_MIN_PT),
        "sender",
    )
    b.rule(left, bands["sender"].bottom - rule_t / 4, inner_w, rule_t / 2)

    # -- order, weight, items, parcel n/m
    _info(doc, b, bands["info"])

    # -- handling marks (only those flagged); the remark takes their room when there are none
    marks, remark = bands["marks"], bands["remark"]
    if any(getattr(doc, key) for key, _, _ in MARKS):
        _marks(doc, b, marks)
    else:
        remark = Region(remark.x, marks.y, remark.w, marks.h + remark.h)
    note = clean_text(doc.remark)
    if note:
        out.regions["remark"] = remark
        b.block(
            remark.x,
            remark.y + 0.8 * mm * k,
            remark.w,
            remark.h - 0.8 * mm * k,
            f"备注 Remark: {note}",
            b.pt(REMARK_PT, REMARK_MIN_PT),
            REMARK_MIN_PT,
            "remark",
        )
    return out


# ---- output ------------------------------------------------------------------------------------
def _draw_pdf(c: Canvas, layout: WaybillLayout) -> None:
    page_h = layout.height
    for item in layout.items:
        if isinstance(item, TextItem):
            y = page_h - item.y - item.size * BASELINE
            draw_text(c, item.x, y, item.text, item.font, item.size, item.bold)
        elif isinstance(item, BarcodeItem):
            draw_code128(
                c,
                item.x,
                page_h - item.y - item.height,
                item.payload,
                item.module / mm,
                item.height / mm,
                human_readable=False,
                dpi=layout.dpi,
            )
        elif isinstance(item, FrameItem):
            t = item.thickness
            c.setLineWidth(t)
            c.rect(item.x + t / 2, page_h - item.y - item.h + t / 2, item.w - t, item.h - t)
        else:
            c.rect(item.x, page_h - item.y - item.h, item.w, item.h, stroke=0, fill=1)


def render_waybill_pdf(doc: WaybillDocument, size: str = "100x150") -> bytes:
    """``doc`` as a one-page PDF of exactly ``size`` millimetres ("100x150", "76x130", ...).

    Text is real text (the Chinese TrueType font from :mod:`printing.fonts` embedded as a
    subset); the barcode is laid out for a 203 dpi thermal printer. Raises ValueError as
    :func:`layout_waybill` does.
    """
    layout = layout_waybill(doc, size, THERMAL_DPI)
    out = io.BytesIO()
    c = Canvas(out, pagesize=(layout.width, layout.height), pageCompression=1, invariant=True)
    c.setTitle(f"{clean_text(doc.carrier_name)} {doc.tracking_no}")
    c.setCreator("Packdesk")
    _draw_pdf(c, layout)
    c.showPage()
    c.save()
    return out.getvalue()


def waybill_label(doc: WaybillDocument, size: str = "100x150", dpi: int = 203) -> Label:
    """``doc`` as a :class:`printing.label.Label` for :func:`printing.zpl.encode_zpl` and
    :func:`printing.tspl.encode_tspl`: the PDF's layout, measured with the printer's fonts."""
    layout = layout_waybill(doc, size, dpi, printer=True)
    w_mm, h_mm = _size_of(size)
    label = Label(w_mm, h_mm, dpi)
    for item in layout.items:
        x, y = item.x * PT_MM, item.y * PT_MM
        if isinstance(item, TextItem):
            label.items.append(Text(x, y, item.text, item.size * PT_MM))
        elif isinstance(item, BarcodeItem):
            quiet = QUIET_ZONE_MODULES * item.module * PT_MM
            label.items.append(
                Barcode128(x + quiet, y, item.payload, item.height * PT_MM, item.module_dots)
            )
        elif isinstance(item, FrameItem):
            label.items.append(Box(x, y, item.w * PT_MM, item.h * PT_MM, item.thickness * PT_MM))
        else:
            t = min(item.w, item.h) * PT_MM
            label.items.append(Box(x, y, item.w * PT_MM, item.h * PT_MM, t))
    return label
