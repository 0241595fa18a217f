"""A tiny label model shared by the label-printer command languages (ZPL, TSPL).

A :class:`Label` is a page of ``width_mm`` x ``height_mm`` at ``dpi`` holding positioned items
(:class:`Text`, :class:`Barcode128`, :class:`Barcode`, :class:`Box`). The encoders in
:mod:`printing.zpl` and :mod:`printing.tspl` turn it into printer bytes; they never put order
data into the command stream unless it passes a strict whitelist, and draw everything else
(Chinese text, odd characters, some barcodes) as a 1-bit bitmap rendered here with Pillow.

Bitmaps are packed 8 dots per byte, most significant bit first, rows padded to whole bytes,
with ``1`` = ink (black). TSPL wants the opposite polarity; its encoder inverts.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from app.domain.limits import is_unprintable
from printing.barcodes import BarcodeKind, barcode_modules, code128_modules
from printing.fonts import CJK_FONT_ENV, find_cjk_font, font_file, register_cjk_font
from printing.glyphs import HELVETICA, FontChain, has_cjk, label_chain, shaped, visual

MM_PER_INCH = 25.4

FontType = ImageFont.FreeTypeFont | ImageFont.ImageFont


class LabelRenderError(ValueError):
    """A label item cannot be drawn (e.g. Chinese text and no Chinese font on this machine)."""


@dataclass(frozen=True)
class Text:
    """One line of text; ``(x_mm, y_mm)`` is its top-left corner, ``size_mm`` its line height.

    ``bitmap``: draw it as a bitmap even when it is ASCII, so that it is exactly as wide as
    :func:`text_width_dots` says (printer fonts differ from printer to printer). ``bold``:
    thicker strokes where the text is a bitmap (printer fonts keep their own weight).
    """

    x_mm: float
    y_mm: float
    text: str
    size_mm: float = 3.0
    bitmap: bool = False
    bold: bool = False


@dataclass(frozen=True)
class Barcode128:
    """A Code 128 symbol, top-left at ``(x_mm, y_mm)``, bars ``height_mm`` tall."""

    x_mm: float
    y_mm: float
    payload: str
    height_mm: float = 10.0
    module_dots: int = 2


@dataclass(frozen=True)
class Barcode:
    """A barcode of any :data:`printing.barcodes.BarcodeKind`: ``"code128"``, ``"ean13"`` or
    ``"gs1-128"`` (payload: a GS1 element string such as ``(01)09501101530003(17)270531``).

    ``(x_mm, y_mm)`` is the top-left corner of the bars (the quiet zones lie outside it, the
    label keeps them clear); bars are ``height_mm`` tall, ``module_dots`` dots per module. No
    human-readable line: the label draws its own text.
    """

    x_mm: float
    y_mm: float
    kind: BarcodeKind
    payload: str
    height_mm: float = 10.0
    module_dots: int = 2


@dataclass(frozen=True)
class Box:
    """A rectangle outline, ``thickness_mm`` thick."""

    x_mm: float
    y_mm: float
    width_mm: float
    height_mm: float
    thickness_mm: float = 0.25


Item = Text | Barcode128 | Barcode | Box


def as_barcode(item: Barcode128 | Barcode) -> Barcode:
    """``item`` as a :class:`Barcode` (a :class:`Barcode128` becomes kind ``"code128"``)."""
    if isinstance(item, Barcode):
        return item
    return Barcode(item.x_mm, item.y_mm, "code128", item.payload, item.height_mm, item.module_dots)


@dataclass
class Label:
    """A label page; all coordinates in millimetres from the top-left corner."""

    width_mm: float
    height_mm: float
    dpi: int = 203
    items: list[Item] = field(default_factory=list)

    def dots(self, mm: float) -> int:
        """``mm`` millimetres as a whole number of printer dots (never negative)."""
        return max(round(mm * self.dpi / MM_PER_INCH), 0)


@dataclass(frozen=True)
class Bitmap:
    """A packed 1-bit image: ``rows`` bytes, ``bytes_per_row`` each, bit 1 = ink, MSB first."""

    width: int
    height: int
    bytes_per_row: int
    data: bytes

    @property
    def total_bytes(self) -> int:
        return self.bytes_per_row * self.height

    def inverted(self) -> bytes:
        """The same dots with 0 = ink (TSPL polarity); padding bits come out as 1 (no ink)."""
        return bytes(b ^ 0xFF for b in self.data)

    def to_image(self) -> Image.Image:
        """A mode ``"1"`` Pillow image with ink black (for checks and previews)."""
        img = Image.frombytes("1", (self.bytes_per_row * 8, self.height), self.inverted())
        return img.crop((0, 0, self.width, self.height))

    def ink_dots(self) -> int:
        """Number of inked dots (0 means a blank bitmap)."""
        return sum(bin(b).count("1") for b in self.data)

    @classmethod
    def from_image(cls, ink: Image.Image) -> Bitmap:
        """Pack a mode ``"1"`` image whose non-zero pixels are ink."""
        ink = ink.convert("1")
        width, height = ink.size
        return cls(width, height, (width + 7) // 8, ink.tobytes())


def _printable(text: str) -> str:
    """``text`` with control characters (newlines, tabs, ESC, ...) replaced by spaces."""
    return "".join(" " if is_unprintable(ch) else ch for ch in text)


@functools.lru_cache(maxsize=4)
def _cjk_font_path(configured: Path | None) -> Path | None:
    return find_cjk_font(configured)


@functools.lru_cache(maxsize=64)
def _load_font(path: Path | None, size: int) -> FontType:
    if path is None:
        return ImageFont.load_default(size=size)
    # Basic layout: the runs come in visual order, shaped already (printing.glyphs); Raqm
    # would reorder a right-to-left run a second time.
    return ImageFont.truetype(str(path), size=size, index=0, layout_engine=ImageFont.Layout.BASIC)


@functools.lru_cache(maxsize=32)
def _line_font(path: Path | None, height: int) -> FontType:
    """The largest font whose whole line (ascent + descent) fits in ``height`` dots, so that
    descenders and the bottom strokes of Chinese characters are never cut off."""
    font = _load_font(path, height)
    size = height
    while isinstance(font, ImageFont.FreeTypeFont) and size > 4:
        ascent, descent = font.getmetrics()
        if ascent + descent <= height:
            break
        size = min(size - 1, int(size * height / (ascent + descent)))
        font = _load_font(path, size)
    return font


def _bold_stroke(height_dots: int, bold: bool) -> int:
    """Stroke width in dots that makes a line of ``height_dots`` bold (0 = regular)."""
    return max(height_dots // 40, 1) if bold else 0


#: One run of a line: the font file that draws it (None: Pillow's built-in font) and its
#: characters, in the order they are drawn.
_Runs = tuple[tuple[Path | None, str], ...]


def _runs(text: str, font_path: Path | None) -> tuple[Path | None, _Runs]:
    """The primary font file and ``text`` as runs in visual order (printing.glyphs): the
    Chinese font first, the fallback fonts for what it lacks, □ for what none has.

    Raises :class:`LabelRenderError` for Chinese text when there is no Chinese font."""
    line = _printable(text)
    path = _cjk_font_path(Path(font_path) if font_path is not None else None)
    if path is None and has_cjk(line):
        raise LabelRenderError(
            f"Cannot print {text!r}: no Chinese TrueType font on this machine. Install one "
            f"(Debian/Ubuntu: apt install fonts-wqy-zenhei) or set {CJK_FONT_ENV} to a "
            ".ttf/.ttc file."
        )
    return path, _line_runs(line, path, _bitmap_chain(path))


def _bitmap_chain(path: Path | None) -> FontChain:
    """The Chinese font ``path`` first (no Chinese font: Pillow's own, for ASCII), then the
    fallback fonts."""
    return label_chain(_primary_font(path))


@functools.lru_cache(maxsize=4)
def _primary_font(path: Path | None) -> str:
    return register_cjk_font(path) if path is not None else HELVETICA


@functools.lru_cache(maxsize=2048)
def _line_runs(line: str, path: Path | None, chain: FontChain) -> _Runs:
    runs = tuple((font_file(run.font), run.text) for run in chain.runs(visual(shaped(line))))
    return runs or ((path, ""),)


@dataclass(frozen=True)
class _Placed:
    font: FontType
    text: str
    x: int


@dataclass(frozen=True)
class _LineLayout:
    placed: tuple[_Placed, ...]
    baseline: int
    width: int
    stroke: int


def _extent(font: FontType, text: str) -> tuple[int, int, int, int]:
    """Ink box of ``text`` from its origin on the baseline: (left, top, right, bottom)."""
    ascent = _ascent(font)
    box = font.getbbox(text, mode="1")  # as drawn: hinted for 1-bit, no grey
    return int(box[0]), int(box[1]) - ascent, int(box[2]), int(box[3]) - ascent


def _ascent(font: FontType) -> int:
    """Where the baseline is below the top of the font's line (0 for a bitmap font: its
    text is placed by its top)."""
    return int(font.getmetrics()[0]) if isinstance(font, ImageFont.FreeTypeFont) else 0


def _advance(font: FontType, text: str) -> int:
    return round(font.getlength(text, mode="1"))


@functools.lru_cache(maxsize=2048)
def _layout_line(primary: Path | None, runs: _Runs, size: int, bold: bool) -> _LineLayout:
    """Where each run goes in a line ``size`` dots tall: every font at the size the primary
    font's whole line fits, on one baseline; smaller when a run's ink (an Arabic descender, a
    tall emoji) would leave the line."""
    stroke = _bold_stroke(size, bold)
    room = max(size - 2 * stroke, 1)
    base = _line_font(primary, room)
    px = int(base.size) if isinstance(base, ImageFont.FreeTypeFont) else room
    while True:
        fonts = [_load_font(path, px) if path != primary else base for path, _text in runs]
        ascent = _ascent(base)
        boxes = [_extent(f, text) for f, (_p, text) in zip(fonts, runs, strict=True)]
        top = min(b[1] for b in boxes)
        bottom = max(b[3] for b in boxes)
        if bottom - top <= room or px <= 4:
            break
        px = max(min(px - 1, px * room // (bottom - top)), 4)
        base = _load_font(primary, px)
    baseline = stroke + ascent
    baseline = max(baseline, stroke - top)  # nothing above the top row
    baseline = min(baseline, size - stroke - bottom)  # nothing below the bottom row
    x = -min(boxes[0][0], 0) + stroke
    placed: list[_Placed] = []
    right = 1
    for n, (font, (_path, text), box) in enumerate(zip(fonts, runs, boxes, strict=True)):
        placed.append(_Placed(font, text, x))
        right = max(right, x + box[2])
        if n + 1 < len(runs):  # the next run starts where this one's advance ends
            x += _advance(font, text)
    return _LineLayout(tuple(placed), baseline, max(right + stroke, 1), stroke)


def render_text(
    text: str, height_dots: int, font_path: Path | None = None, *, bold: bool = False
) -> Bitmap:
    """Render one line of text ``height_dots`` tall to a 1-bit bitmap (no anti-aliasing).

    Uses the TrueType CJK font from :func:`printing.fonts.find_cjk_font` (``font_path``, then
    the usual search), and the fallback fonts of :mod:`printing.glyphs` for what it lacks
    (Hebrew and Arabic in visual order, Arabic joined; □ for a character no font has). Without
    a CJK font, Latin text falls back to Pillow's built-in font, and text with Chinese raises
    :class:`LabelRenderError`. ``bold`` thickens the strokes (the CJK fonts have no bold face);
    the line still fits ``height_dots``.
    """
    primary, runs = _runs(text, font_path)
    return _render_line(primary, runs, max(height_dots, 4), bold)


@functools.lru_cache(maxsize=2048)
def _render_line(primary: Path | None, runs: _Runs, size: int, bold: bool) -> Bitmap:
    """The bitmap of one line (cached: a waybill's fixed words — 收, 寄, 易碎 FRAGILE, the
    carrier's name — are drawn once per process, not once per label)."""
    layout = _layout_line(primary, runs, size, bold)
    img = Image.new("1", (layout.width, size), 0)
    draw = ImageDraw.Draw(img)
    draw.fontmode = "1"  # hard edges: thermal heads print dots, not grey
    stroke = layout.stroke
    for run in layout.placed:
        origin = (run.x, layout.baseline - _ascent(run.font))
        draw.text(origin, run.text, font=run.font, fill=1, stroke_width=stroke, stroke_fill=1)
    return Bitmap.from_image(img)


def text_width_dots(
    text: str, height_dots: int, font_path: Path | None = None, *, bold: bool = False
) -> int:
    """Width in dots of :func:`render_text`'s bitmap for ``text`` (without rendering it)."""
    primary, runs = _runs(text, font_path)
    return _layout_line(primary, runs, max(height_dots, 4), bold).width


def render_code128(payload: str, module_dots: int, height_dots: int) -> Bitmap:
    """The bars of a Code 128 symbol (no quiet zones, no text) as a bitmap.

    Raises ValueError for a payload Code 128 cannot carry (see :func:`code128_modules`).
    """
    return _bars_bitmap(code128_modules(payload), module_dots, height_dots)


@functools.lru_cache(maxsize=256)
def render_barcode(kind: BarcodeKind, payload: str, module_dots: int, height_dots: int) -> Bitmap:
    """The bars of any :class:`Barcode` kind (no quiet zones, no text) as a bitmap.

    Raises ValueError for a payload the symbology cannot carry (see
    :func:`printing.barcodes.barcode_modules`).
    """
    return _bars_bitmap(barcode_modules(kind, payload), module_dots, height_dots)


def _bars_bitmap(pattern: str, module_dots: int, height_dots: int) -> Bitmap:
    module = max(module_dots, 1)
    height = max(height_dots, 1)
    img = Image.new("1", (len(pattern) * module, height), 0)
    draw = ImageDraw.Draw(img)
    for i, bit in enumerate(pattern):
        if bit == "1":
            draw.rectangle((i * module, 0, (i + 1) * module - 1, height - 1), fill=1)
    return Bitmap.from_image(img)


@dataclass(frozen=True)
class PrinterStatus:
    """A printer's answer to a status query.

    ``reasons`` are short English keys (``"paper out"``, ``"head open"``...) matching
    :class:`devices.errors.PrinterNotReady`; empty when ready. ``busy``: still printing.
    """

    ready: bool
    reasons: list[str] = field(default_factory=list)
    busy: bool = False
