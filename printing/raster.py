"""Rasterize ZPL II and TSPL label jobs into the dots a label printer would print.

A preview of what will print, made from the very bytes that are sent: the label desk shows it
before printing, the simulated printer's panel shows what it received, and tests decode barcodes
and look for ink from what a real printer receives rather than from the
:class:`printing.label.Label` model.  Pure: bytes in, Pillow images out (no I/O, no Qt).

Result images are mode ``"1"``: white (255) paper, black (0) ink, one pixel per printer dot.

Supported ZPL (format commands; ``~`` control commands are skipped):

* ``^XA`` ``^XZ`` (one label per format), ``^PW`` ``^LL`` (label size), ``^LH`` (label home),
  ``^FO`` ``^FT`` (field origin / typeset), ``^FS``, ``^FD`` (data up to the next ``^``; CR and
  LF are dropped as a printer does), ``^FH`` (hex escapes, ``_`` by default), ``^FR`` (reverse),
  ``^CI`` (``^CI28`` = UTF-8, anything else = Latin-1), ``^PQ`` (accepted, copies not drawn);
* ``^GFA`` (ASCII hex, with the run-length letters ``G``-``Y`` / ``g``-``z``, ``,`` ``!``
  ``:``, and the ``:B64:`` / ``:Z64:`` forms) and ``^GFB`` (binary), ``^GB`` (box / line);
* ``^BY`` and ``^BC`` (Code 128; mode ``N`` follows the ZPL rules: subset B unless the data
  starts with ``>9`` ``>:`` ``>;``, and ``>`` invocation codes inside the data; modes ``A``,
  ``U`` use automatic subset selection; mode ``D`` (UCC/EAN) starts with FNC1, drops brackets
  and spaces and takes ``>8`` as an FNC1 separator), interpretation line below or above the
  bars; ``^BE`` (EAN-13: the first 12 digits, left-padded with zeros, plus the check digit);
* ``^A`` (any font; drawn with a Pillow font about that tall) and ``^CF`` (default font).

Supported TSPL: ``SIZE`` (inch, ``mm`` or ``dot``), ``GAP`` ``DIRECTION`` and other setup
commands (accepted, ignored), ``REFERENCE``, ``CLS``, ``BITMAP`` (modes 0 overwrite, 1 OR,
2 XOR; 0 bits print), ``BAR``, ``BOX``, ``ERASE``, ``REVERSE``, ``BARCODE`` types ``"128"``,
``"EAN13"`` (12 digits, or 13 with the right check digit) and ``"EAN128"`` (FNC1 first,
brackets around AIs dropped),
``TEXT`` (built-in fonts ``1``-``8`` by cell height, TrueType fonts by point size), ``PRINT``.
``<ESC>!x`` immediate commands are skipped wherever they appear between commands.

Unknown commands are skipped. Input that cannot be interpreted (a bitmap shorter than it says,
a number that is not a number, a format without ``^XZ``...) raises :class:`LabelRasterError`
(a ValueError) whose message names the problem and its byte offset.
"""

from __future__ import annotations

import base64
import binascii
import functools
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

import barcode as _barcode_lib
from barcode.charsets import code128 as _c128
from barcode.errors import BarcodeError
from PIL import Image, ImageChops, ImageDraw, ImageFont

from printing.barcodes import barcode_modules, code128_modules, ean13_digits
from printing.fonts import find_cjk_font

MM_PER_INCH = 25.4
DEFAULT_WIDTH_MM = 100.0
DEFAULT_HEIGHT_MM = 150.0
MAX_WIDTH_DOTS = 4000
MAX_HEIGHT_DOTS = 16000
MAX_GRAPHIC_BYTES = 4_000_000
MAX_COORDINATE = 32000
MAX_TEXT_DOTS = 2000
MAX_PAGES = 50

FontType = ImageFont.FreeTypeFont | ImageFont.ImageFont

__all__ = [
    "LabelRasterError",
    "code128_pattern_from_values",
    "rasterize",
    "rasterize_tspl",
    "rasterize_tspl_labels",
    "rasterize_zpl",
    "rasterize_zpl_labels",
    "zpl_code128_values",
]


class LabelRasterError(ValueError):
    """A label job cannot be interpreted (the message says what and at which byte offset)."""


def _error(offset: int, message: str) -> LabelRasterError:
    return LabelRasterError(f"{message} (at byte offset {offset}).")


# -- drawing helpers -------------------------------------------------------------------------


class _Page:
    """A white page; ``ink``/``white`` paste a mode ``"1"`` mask (non-zero = affected dot)."""

    def __init__(self, width: int, height: int) -> None:
        self.image = Image.new("1", (max(width, 1), max(height, 1)), 255)

    def ink(self, mask: Image.Image, x: int, y: int, reverse: bool = False) -> None:
        if reverse:
            self.reverse_mask(mask, x, y)
        else:
            self.image.paste(0, (x, y, x + mask.width, y + mask.height), mask)

    def white(self, mask: Image.Image, x: int, y: int) -> None:
        self.image.paste(255, (x, y, x + mask.width, y + mask.height), mask)

    def rect(self, x0: int, y0: int, x1: int, y1: int, ink: bool = True) -> None:
        """Fill ``[x0, x1) x [y0, y1)``."""
        if x1 > x0 and y1 > y0:
            self.image.paste(0 if ink else 255, (x0, y0, x1, y1))

    def reverse_mask(self, mask: Image.Image, x: int, y: int) -> None:
        box = (x, y, x + mask.width, y + mask.height)
        region = self.image.crop(box)
        self.image.paste(ImageChops.logical_xor(region, mask.convert("1")), box)

    def reverse_rect(self, x0: int, y0: int, x1: int, y1: int) -> None:
        if x1 > x0 and y1 > y0:
            self.reverse_mask(Image.new("1", (x1 - x0, y1 - y0), 255), x0, y0)


@functools.lru_cache(maxsize=2)
def _cjk_font_path() -> str | None:
    path = find_cjk_font()
    return str(path) if path is not None else None


@functools.lru_cache(maxsize=64)
def _font(size: int, cjk: bool) -> FontType:
    path = _cjk_font_path() if cjk else None
    if path is not None:
        return ImageFont.truetype(path, size=size, index=0)
    return ImageFont.load_default(size=size)


def _text_mask(text: str, height: int, width: int | None = None) -> Image.Image | None:
    """``text`` about ``height`` dots tall (``width``: character width, scales horizontally)."""
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    if not text.strip():
        return None
    height = min(max(height, 4), MAX_TEXT_DOTS)
    font = _font(height, not text.isascii())
    left, _top, right, bottom = (int(v) for v in font.getbbox(text))
    pad = height // 4 + 2  # 1-bit hinting can put ink a little outside getbbox()
    img = Image.new("1", (max(right - min(left, 0), 1) + pad, max(bottom, height) + pad), 0)
    draw = ImageDraw.Draw(img)
    draw.fontmode = "1"
    draw.text((-min(left, 0), 0), text, font=font, fill=1)
    if width is not None and width > 0 and width != height:
        new_width = min(max(round(img.width * width / height), 1), MAX_WIDTH_DOTS * 2)
        img = img.resize((new_width, img.height), Image.Resampling.NEAREST)
    return img


def _bars_mask(pattern: str, module: int, height: int) -> Image.Image:
    row = Image.new("1", (len(pattern), 1), 0)
    row.putdata([255 if bit == "1" else 0 for bit in pattern])
    return row.resize((len(pattern) * module, height), Image.Resampling.NEAREST)


def _barcode_mask(
    pattern: str, module: int, height: int, human: str | None, above: bool, align: str = "center"
) -> Image.Image:
    """Bars (and the human-readable line, if ``human``) as one mask; bars start at x = 0."""
    bars = _bars_mask(pattern, module, height)
    text = _text_mask(human, max(9 * module, 10)) if human else None
    if text is None:
        return bars
    gap = max(module, 2)
    width = max(bars.width, text.width)
    out = Image.new("1", (width, bars.height + gap + text.height), 0)
    if align == "left":
        tx = 0
    elif align == "right":
        tx = max(bars.width - text.width, 0)
    else:
        tx = max((bars.width - text.width) // 2, 0)
    if above:
        out.paste(text, (tx, 0))
        out.paste(bars, (0, text.height + gap))
    else:
        out.paste(bars, (0, 0))
        out.paste(text, (tx, bars.height + gap))
    return out


_ROTATIONS = {
    0: None,
    90: Image.Transpose.ROTATE_270,  # Pillow turns counter-clockwise; printers clockwise
    180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_90,
}


def _rotate(mask: Image.Image, degrees: int) -> Image.Image:
    method = _ROTATIONS.get(degrees)
    return mask if method is None else mask.transpose(method)


# -- Code 128 --------------------------------------------------------------------------------

_START = {"A": 103, "B": 104, "C": 105}
_INVOCATIONS = {
    "<": 62,
    "0": 30,
    "=": 94,
    "1": 95,
    "2": 96,
    "3": 97,
    "4": 98,
    "5": 99,
    "6": 100,
    "7": 101,
    "8": 102,
}
_START_INVOCATIONS = {"9": "A", ":": "B", ";": "C"}


def _subset_value(subset: str, ch: str) -> int | None:
    code = ord(ch)
    if subset == "B":
        return code - 32 if 32 <= code <= 127 else None
    if 32 <= code <= 95:
        return code - 32
    return code + 64 if code < 32 else None


def zpl_code128_values(data: str) -> tuple[list[int], str]:
    """The Code 128 symbol values (start code first, no check or stop) a Zebra printer encodes
    for ``^BC`` mode N field data, and the interpretation-line text.

    ZPL rules: subset B unless the data starts with ``>9`` (A), ``>:`` (B) or ``>;`` (C);
    ``>`` plus one character is an invocation code (``><`` ``>0`` ``>=`` ... ``>8``; ``>5``
    ``>6`` ``>7`` switch subsets); in subset C digits go in pairs (a non-digit first character
    is skipped, a pair with a non-digit second character is dropped, an unpaired digit before
    a subset change is dropped). Characters a subset cannot hold are skipped.
    """
    subset = "B"
    pos = 0
    if len(data) >= 2 and data[0] == ">" and data[1] in _START_INVOCATIONS:
        subset = _START_INVOCATIONS[data[1]]
        pos = 2
    values = [_START[subset]]
    human: list[str] = []
    shift = False
    while pos < len(data):
        ch = data[pos]
        if ch == ">":
            code = data[pos + 1] if pos + 1 < len(data) else ""
            pos += 2
            if code in _START_INVOCATIONS:
                code = {"A": "7", "B": "6", "C": "5"}[_START_INVOCATIONS[code]]
            value = _INVOCATIONS.get(code)
            if value is None:
                continue
            if subset in "AB" and value == 98:
                shift = True
            values.append(value)
            if value == 99 and subset in "AB":
                subset = "C"
            elif value == 100 and subset in "AC":
                subset = "B"
            elif value == 101 and subset in "BC":
                subset = "A"
            elif value < 96 and subset in "AB":
                human.append(chr(value + 32))
            continue
        if subset == "C":
            if not ch.isdigit() or not ch.isascii():
                pos += 1
                continue
            pair = data[pos : pos + 2]
            pos += 2
            if len(pair) == 2 and pair.isdigit() and pair.isascii():
                values.append(int(pair))
                human.append(pair)
            continue
        use = ("A" if subset == "B" else "B") if shift else subset
        shift = False
        value = _subset_value(use, ch)
        pos += 1
        if value is not None:
            values.append(value)
            if ch.isprintable():
                human.append(ch)
    return values, "".join(human)


def code128_pattern_from_values(values: list[int]) -> str:
    """Module pattern ('1' bar, '0' space) for ``values`` (start first) + check + stop."""
    check = (values[0] + sum(i * v for i, v in enumerate(values[1:], start=1))) % 103
    codes: tuple[str, ...] = _c128.CODES
    stop: str = _c128.STOP
    return "".join(codes[v] for v in [*values, check]) + stop + "11"


def gs1_pattern_from_data(data: str, separator: str | None = None) -> str | None:
    """Module pattern of a GS1-128 symbol for printer field data: FNC1 first, brackets and
    spaces dropped, ``separator`` (if given) replaced by FNC1. None when it cannot be encoded."""
    text = "".join(ch for ch in data if ch not in "() ")
    parts = text.split(separator) if separator else [text]
    if not text or any(not part.isascii() or not part.isprintable() for part in parts):
        return None
    try:
        symbol = _barcode_lib.get_barcode_class("gs1_128")("\xf1".join(parts), writer=None)
        pattern: str = "".join(symbol.build())
    except (BarcodeError, ValueError, RuntimeError, KeyError):
        return None
    return pattern


def ean13_pattern_from_data(digits: str) -> tuple[str, str] | None:
    """(pattern, the 13 digits) for EAN-13 data of 12 digits, or 13 digits with the right
    check digit; None otherwise (a printer would refuse it)."""
    try:
        full = ean13_digits(digits)
    except ValueError:
        return None
    return barcode_modules("ean13", full), full


# -- parameter parsing -----------------------------------------------------------------------


def _int(
    text: str, default: int, offset: int, what: str, lo: int = 0, hi: int = MAX_COORDINATE
) -> int:
    text = text.strip()
    if not text:
        if not lo <= default <= hi:
            raise _error(offset, f"{what} is missing")
        return default
    try:
        value = int(float(text)) if "." in text else int(text)
    except (ValueError, OverflowError):
        raise _error(offset, f"{what} must be a number, not {text[:40]!r}") from None
    if not lo <= value <= hi:
        raise _error(offset, f"{what} must be between {lo} and {hi}, not {value}")
    return value


def _pad(params: list[str], count: int) -> list[str]:
    return params + [""] * (count - len(params))


# -- ZPL -------------------------------------------------------------------------------------


@dataclass
class _ZplField:
    x: int = 0
    y: int = 0
    typeset: bool = False
    hex_char: str | None = None
    reverse: bool = False
    font: tuple[str, int | None, int | None] | None = None
    rotation: int = 0
    barcode: tuple[int, int, bool, bool, str] | None = None  # rotation, height, hr, above, mode
    data: str | None = None
    data_offset: int = 0


@dataclass
class _ZplState:
    width: int
    height: int
    dpi: int
    home: tuple[int, int] = (0, 0)
    module: int = 2
    bar_height: int = 10
    default_font: tuple[str, int | None, int | None] = ("A", 9, 5)
    utf8: bool = False
    current: _ZplField = field(default_factory=_ZplField)
    ops: list[Callable[[_Page], None]] = field(default_factory=list)


_ZPL_ORIENTATION = {"N": 0, "R": 90, "I": 180, "B": 270}
_ZPL_FONT_CELLS = {"A": 9, "B": 11, "C": 18, "D": 18, "E": 28, "F": 26, "G": 60, "H": 21, "0": 15}
_HEX_RUN = re.compile(r"([G-Yg-z]+)([0-9A-Fa-f])|([0-9A-Fa-f]+)|([,!:])")
_ZPL_COUNTS = {chr(ord("G") + i): i + 1 for i in range(19)} | {
    chr(ord("g") + i): 20 * (i + 1) for i in range(20)
}


def _decode_zpl_hex(data: str, total: int, per_row: int, offset: int) -> bytes:
    """^GFA ASCII data (plain or run-length compressed hex) as exactly ``total`` bytes."""
    data = "".join(data.split())
    if len(data) == 2 * total:
        try:
            return bytes.fromhex(data)
        except ValueError:
            pass
    if data.startswith((":B64:", ":Z64:")):
        body = data[5:].split(":", 1)[0]
        try:
            raw = base64.b64decode(body, validate=True)
            if data.startswith(":Z64:"):
                raw = zlib.decompressobj().decompress(raw, total + 1)
        except (binascii.Error, zlib.error, ValueError):
            raise _error(offset, f"The ^GF {data[:5]} graphic data is not valid") from None
        if len(raw) != total:
            raise _error(offset, f"The ^GF graphic decodes to {len(raw)} bytes, not {total}")
        return raw
    row_nibbles = 2 * per_row
    rows: list[str] = []
    current: list[str] = []
    filled = 0
    max_rows = total // per_row

    def emit(nibbles: str) -> None:
        nonlocal filled, current
        while nibbles:
            if len(rows) >= max_rows:
                raise _error(
                    offset, f"The ^GF graphic holds more than the {total} bytes it declares"
                )
            take = nibbles[: row_nibbles - filled]
            current.append(take)
            filled += len(take)
            nibbles = nibbles[len(take) :]
            if filled == row_nibbles:
                rows.append("".join(current))
                current, filled = [], 0

    pos = 0
    while pos < len(data):
        match = _HEX_RUN.match(data, pos)
        if match is None:
            raise _error(
                offset, f"The ^GF graphic data has an unexpected character {data[pos]!r} at {pos}"
            )
        counts, digit, run, special = match.groups()
        pos = match.end()
        if counts is not None:
            repeat = sum(_ZPL_COUNTS[c] for c in counts)
            if repeat > 2 * total:
                raise _error(offset, f"The ^GF graphic repeats a digit {repeat} times")
            emit(digit * repeat)
        elif run is not None:
            emit(run)
        elif special in ",!":
            emit(("0" if special == "," else "F") * (row_nibbles - filled))
        else:  # ':' repeats the previous row
            previous = rows[-1] if rows else "0" * row_nibbles
            emit(previous[filled:])
    if current:
        raise _error(offset, "The ^GF graphic data ends in the middle of a row")
    decoded = bytes.fromhex("".join(rows))
    if len(decoded) != total:
        raise _error(offset, f"The ^GF graphic holds {len(decoded)} bytes but declares {total}")
    return decoded


class _ZplParser:
    def __init__(self, job: bytes, dpi: int, width: int, height: int) -> None:
        self.job = job
        self.dpi = dpi
        self.default_size = (width, height)
        self.pages: list[Image.Image] = []
        self.state = _ZplState(width, height, dpi)

    def _decode(self, raw: bytes) -> str:
        return raw.decode("utf-8" if self.state.utf8 else "latin-1", "replace")

    def run(self) -> list[Image.Image]:
        job = self.job
        in_format = False
        format_start = 0
        pos = 0
        while True:
            caret, tilde = job.find(b"^", pos), job.find(b"~", pos)
            found = [p for p in (caret, tilde) if p >= 0]
            if not found:
                break
            start = min(found)
            prefix = job[start : start + 1]
            name = job[start + 1 : start + 3].upper()
            if name[:1] == b"A":
                name = b"A"
            cmd_end = start + 1 + len(name)
            if prefix == b"~":
                pos = self._skip_params(cmd_end)
                continue
            if name == b"GF":
                pos = self._graphic(cmd_end, start, in_format)
                continue
            param_end = self._skip_params(cmd_end, caret_only=name in (b"FD", b"FX"))
            raw = job[cmd_end:param_end].replace(b"\r", b"").replace(b"\n", b"")
            pos = param_end
            if name == b"XA":
                if in_format:
                    raise _error(start, "A ^XA starts a new ZPL format before the previous ^XZ")
                in_format, format_start = True, start
                self.state.ops = []
                self.state.current = _ZplField()
            elif name == b"XZ":
                if not in_format:
                    continue
                self._end_field()
                self._emit_page(start)
                in_format = False
            elif in_format:
                self._command(name.decode("latin-1"), raw, start)
        if in_format:
            raise _error(format_start, "The ZPL format has no ^XZ, so a printer would not print it")
        if not self.pages:
            raise LabelRasterError("The job holds no ZPL label format (^XA ... ^XZ).")
        return self.pages

    def _skip_params(self, pos: int, caret_only: bool = False) -> int:
        caret = self.job.find(b"^", pos)
        tilde = -1 if caret_only else self.job.find(b"~", pos)
        found = [p for p in (caret, tilde) if p >= 0]
        return min(found) if found else len(self.job)

    def _emit_page(self, offset: int) -> None:
        if len(self.pages) >= MAX_PAGES:
            raise _error(offset, f"The job holds more than {MAX_PAGES} labels")
        page = _Page(self.state.width, self.state.height)
        for op in self.state.ops:
            op(page)
        self.pages.append(page.image)

    def _origin(self) -> tuple[int, int]:
        f = self.state.current
        return f.x + self.state.home[0], f.y + self.state.home[1]

    def _place(self, mask: Image.Image, reverse: bool, baseline: int | None = None) -> None:
        """Queue ``mask`` at the field origin (``^FT``: bottom-left, or baseline if given)."""
        x, y = self._origin()
        if self.state.current.typeset:
            y -= mask.height if baseline is None else baseline
        self.state.ops.append(lambda page: page.ink(mask, x, y, reverse))

    def _command(self, name: str, raw: bytes, offset: int) -> None:
        params = self._decode(raw).split(",")
        state, f = self.state, self.state.current
        if name == "FO" or name == "FT":
            x, y = _pad(params, 2)[:2]
            f.x = _int(x, 0, offset, f"The ^{name} x position")
            f.y = _int(y, 0, offset, f"The ^{name} y position")
            f.typeset = name == "FT"
        elif name == "FD":
            f.data, f.data_offset = self._decode(raw), offset
        elif name == "FS":
            self._end_field()
        elif name == "FH":
            f.hex_char = raw[:1].decode("latin-1") or "_"
        elif name == "FR":
            f.reverse = True
        elif name == "PW":
            state.width = _int(params[0], state.width, offset, "The ^PW width", 1, MAX_WIDTH_DOTS)
        elif name == "LL":
            state.height = _int(
                params[0], state.height, offset, "The ^LL length", 1, MAX_HEIGHT_DOTS
            )
        elif name == "LH":
            x, y = _pad(params, 2)[:2]
            state.home = (
                _int(x, state.home[0], offset, "The ^LH x position"),
                _int(y, state.home[1], offset, "The ^LH y position"),
            )
        elif name == "CI":
            state.utf8 = params[0].strip() == "28"
        elif name == "BY":
            module, _ratio, height = _pad(params, 3)[:3]
            state.module = _int(module, state.module, offset, "The ^BY module width", 1, 10)
            state.bar_height = _int(height, state.bar_height, offset, "The ^BY bar height", 1)
        elif name == "BC":
            orient, height, hr, above, _check, mode = _pad(params, 6)[:6]
            f.barcode = (
                _ZPL_ORIENTATION.get(orient.strip().upper()[:1], 0),
                _int(height, state.bar_height, offset, "The ^BC bar height", 1),
                hr.strip().upper() != "N",
                above.strip().upper() == "Y",
                mode.strip().upper()[:1] or "N",
            )
        elif name == "BE":
            orient, height, hr, above = _pad(params, 4)[:4]
            f.barcode = (
                _ZPL_ORIENTATION.get(orient.strip().upper()[:1], 0),
                _int(height, state.bar_height, offset, "The ^BE bar height", 1),
                hr.strip().upper() != "N",
                above.strip().upper() == "Y",
                "EAN13",
            )
        elif name == "A":
            self._font_command(params, offset, f)
        elif name == "CF":
            name_, h, w = _pad(params, 3)[:3]
            font = name_.strip()[:1].upper() or state.default_font[0]
            state.default_font = (
                font,
                _int(h, state.default_font[1] or 9, offset, "The ^CF height", 1),
                _int(w, 0, offset, "The ^CF width", 0) or None,
            )
        elif name == "GB":
            self._box(params, offset)

    def _font_command(self, params: list[str], offset: int, f: _ZplField) -> None:
        head, h, w = _pad(params, 3)[:3]
        font = head[:1].upper() or "0"
        orient = head[1:2].upper() or "N"
        f.rotation = _ZPL_ORIENTATION.get(orient, 0)
        f.font = (
            font,
            _int(h, 0, offset, "The ^A font height", 0) or None,
            _int(w, 0, offset, "The ^A font width", 0) or None,
        )

    def _box(self, params: list[str], offset: int) -> None:
        w_s, h_s, t_s, color, _round = _pad(params, 5)[:5]
        thickness = _int(t_s, 1, offset, "The ^GB thickness", 1)
        width = max(_int(w_s, thickness, offset, "The ^GB width", 0), thickness)
        height = max(_int(h_s, thickness, offset, "The ^GB height", 0), thickness)
        ink = color.strip().upper() != "W"
        reverse = self.state.current.reverse
        x, y = self._origin()
        if self.state.current.typeset:
            y -= height
        t = min(thickness, width, height)

        def draw(page: _Page) -> None:
            parts = [
                (x, y, x + width, y + t),
                (x, y + height - t, x + width, y + height),
                (x, y, x + t, y + height),
                (x + width - t, y, x + width, y + height),
            ]
            if t * 2 >= min(width, height):
                parts = [(x, y, x + width, y + height)]
            for x0, y0, x1, y1 in parts:
                if reverse:
                    page.reverse_rect(x0, y0, x1, y1)
                else:
                    page.rect(x0, y0, x1, y1, ink)

        self.state.ops.append(draw)

    def _graphic(self, pos: int, offset: int, in_format: bool) -> int:
        """^GFa,b,c,d,data; returns the position after the data."""
        job = self.job
        commas: list[int] = []
        scan = pos
        while len(commas) < 4:
            comma = job.find(b",", scan, scan + 40)
            if comma < 0:
                raise _error(offset, "The ^GF command needs four parameters before its data")
            commas.append(comma)
            scan = comma + 1
        head = job[pos : commas[3]].decode("latin-1").replace("\r", "").replace("\n", "")
        kind, binary_s, total_s, per_row_s = head.split(",")
        kind = kind.strip().upper() or "A"
        binary = _int(binary_s, 0, offset, "The ^GF byte count", 0, MAX_GRAPHIC_BYTES)
        total = _int(total_s, 0, offset, "The ^GF graphic field count", 1, MAX_GRAPHIC_BYTES)
        per_row = _int(per_row_s, 0, offset, "The ^GF bytes per row", 1, MAX_WIDTH_DOTS // 8)
        if total % per_row:
            raise _error(
                offset,
                f"The ^GF graphic of {total} bytes is not a whole number of {per_row}-byte rows",
            )
        start = commas[3] + 1
        if kind == "B":
            end = start + binary
            if end > len(job):
                raise _error(offset, f"The ^GFB graphic declares {binary} bytes but fewer follow")
            data = job[start:end]
            if len(data) != total:
                raise _error(offset, f"The ^GFB graphic holds {len(data)} bytes, not {total}")
        elif kind == "A":
            end = self._skip_params(start)
            data = _decode_zpl_hex(job[start:end].decode("latin-1"), total, per_row, offset)
        else:
            raise _error(offset, f"The ^GF compression type {kind!r} is not supported")
        if in_format:
            mask = Image.frombytes("1", (per_row * 8, total // per_row), data)
            self._place(mask, self.state.current.reverse)
        return end

    def _end_field(self) -> None:
        f = self.state.current
        if f.data is not None:
            data = f.data
            if f.hex_char:
                data = self._unhex(data, f.hex_char)
            if f.barcode is not None:
                self._barcode(data, f)
            else:
                self._text(data, f)
        self.state.current = _ZplField()

    def _unhex(self, data: str, indicator: str) -> str:
        out = bytearray()
        raw = data.encode("utf-8" if self.state.utf8 else "latin-1", "replace")
        mark = indicator.encode("latin-1", "replace")[:1]
        i = 0
        while i < len(raw):
            pair = raw[i + 1 : i + 3]
            if raw[i : i + 1] == mark and len(pair) == 2 and re.fullmatch(rb"[0-9A-Fa-f]{2}", pair):
                out.append(int(pair, 16))
                i += 3
            else:
                out.append(raw[i])
                i += 1
        return self._decode(bytes(out))

    def _text(self, data: str, f: _ZplField) -> None:
        name, h, w = f.font or self.state.default_font
        cell = _ZPL_FONT_CELLS.get(name, 15)
        height = h or cell
        mask = _text_mask(data, height, w)
        if mask is None:
            return
        mask = _rotate(mask, f.rotation)
        self._place(mask, f.reverse, baseline=round(height * 0.8) if f.rotation == 0 else None)

    def _barcode(self, data: str, f: _ZplField) -> None:
        assert f.barcode is not None
        rotation, height, hr, above, mode = f.barcode
        if not data:
            return
        if mode == "N":
            values, human = zpl_code128_values(data)
            if len(values) < 2:
                return
            pattern = code128_pattern_from_values(values)
        elif mode == "EAN13":
            # ZPL: exactly 12 digits, truncated or left-padded with zeros; check digit added.
            digits = "".join(ch for ch in data if ch.isascii() and ch.isdigit())
            found = ean13_pattern_from_data(digits[:12].rjust(12, "0")) if digits else None
            if found is None:
                return
            pattern, human = found
        elif mode == "D":
            gs1 = gs1_pattern_from_data(data, separator=">8")
            if gs1 is None:
                return
            pattern, human = gs1, data.replace(">8", "")
        else:
            human = "".join(ch for ch in data if " " <= ch <= "~")
            if not human:
                return
            pattern = code128_modules(human)
        height = min(height, MAX_HEIGHT_DOTS)
        mask = _barcode_mask(pattern, self.state.module, height, human if hr else None, above)
        mask = _rotate(mask, rotation)
        self._place(mask, f.reverse, baseline=height if rotation == 0 and not above else None)


def rasterize_zpl_labels(
    job: bytes, dpi: int = 203, width_dots: int | None = None, height_dots: int | None = None
) -> list[Image.Image]:
    """One image per ``^XA`` ... ``^XZ`` format in ``job`` (``^PQ`` copies are not repeated).

    ``width_dots`` / ``height_dots`` are the printer's media size, used until the job sets
    ``^PW`` / ``^LL`` (default 100 x 150 mm at ``dpi``). Raises :class:`LabelRasterError`.
    """
    if not isinstance(job, bytes | bytearray):
        raise LabelRasterError("A label job must be bytes.")
    width = width_dots if width_dots is not None else round(DEFAULT_WIDTH_MM * dpi / MM_PER_INCH)
    height = (
        height_dots if height_dots is not None else round(DEFAULT_HEIGHT_MM * dpi / MM_PER_INCH)
    )
    return _ZplParser(bytes(job), dpi, width, height).run()


def _stack(pages: list[Image.Image]) -> Image.Image:
    if len(pages) == 1:
        return pages[0]
    out = Image.new("1", (max(p.width for p in pages), sum(p.height for p in pages)), 255)
    y = 0
    for page in pages:
        out.paste(page, (0, y))
        y += page.height
    return out


def rasterize_zpl(
    job: bytes, dpi: int = 203, width_dots: int | None = None, height_dots: int | None = None
) -> Image.Image:
    """The ZPL job as printed: one label, or several one under the other as on the roll."""
    return _stack(rasterize_zpl_labels(job, dpi, width_dots, height_dots))


# -- TSPL ------------------------------------------------------------------------------------

_TSPL_FONT_CELLS = {"0": 24, "1": 12, "2": 20, "3": 24, "4": 32, "5": 48, "6": 19, "7": 27, "8": 25}
_TSPL_NAME = re.compile(rb"[A-Za-z][A-Za-z0-9_$]*")


def _tspl_split(text: str) -> list[str]:
    """Comma-separated parameters; double-quoted strings keep commas, ``\\["]`` is a quote."""
    params: list[str] = []
    current: list[str] = []
    quoted = False
    i = 0
    while i < len(text):
        ch = text[i]
        if quoted and text.startswith('\\["]', i):
            current.append('\\["]')
            i += 4
            continue
        if ch == '"':
            quoted = not quoted
        if ch == "," and not quoted:
            params.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
        i += 1
    params.append("".join(current).strip())
    return params


def _tspl_string(param: str, offset: int, what: str) -> str:
    if len(param) < 2 or param[0] != '"' or param[-1] != '"':
        raise _error(offset, f"The {what} must be a double-quoted string, not {param[:40]!r}")
    return param[1:-1].replace('\\["]', '"')


def _tspl_length(param: str, dpi: int, offset: int, what: str) -> int:
    match = re.fullmatch(r"\s*([0-9]*\.?[0-9]+)\s*(mm|dot|)\s*", param, re.IGNORECASE)
    if match is None:
        raise _error(offset, f"The {what} must be a length such as '100 mm', not {param[:40]!r}")
    value, unit = float(match[1]), match[2].lower()
    dots = value if unit == "dot" else value * dpi / (MM_PER_INCH if unit == "mm" else 1.0)
    return round(dots)


class _TsplParser:
    def __init__(self, job: bytes, dpi: int) -> None:
        self.job = job
        self.dpi = dpi
        self.width = round(DEFAULT_WIDTH_MM * dpi / MM_PER_INCH)
        self.height = round(DEFAULT_HEIGHT_MM * dpi / MM_PER_INCH)
        self.page = _Page(self.width, self.height)
        self.reference = (0, 0)
        self.pages: list[Image.Image] = []

    def run(self) -> list[Image.Image]:
        job, pos = self.job, 0
        while pos < len(job):
            byte = job[pos]
            if byte in b" \t\r\n\x00":
                pos += 1
                continue
            if byte == 0x1B:  # <ESC>!x immediate command
                pos += 3 if job[pos + 1 : pos + 2] == b"!" else 1
                continue
            match = _TSPL_NAME.match(job, pos)
            line_end = job.find(b"\n", pos)
            line_end = len(job) if line_end < 0 else line_end
            if match is None:
                pos = line_end + 1
                continue
            name = match[0].upper().decode("ascii")
            if name == "BITMAP":
                pos = self._bitmap(match.end(), pos)
                continue
            text = job[match.end() : line_end].rstrip(b"\r").decode("latin-1")
            self._command(name, text, pos)
            pos = line_end + 1
        if not self.pages:
            raise LabelRasterError("The job holds no TSPL PRINT command, so nothing is printed.")
        return self.pages

    def _xy(self, x: int, y: int) -> tuple[int, int]:
        return x + self.reference[0], y + self.reference[1]

    def _command(self, name: str, text: str, offset: int) -> None:
        params = _tspl_split(text)
        dpi = self.dpi
        if name == "SIZE":
            w_s, h_s = _pad(params, 2)[:2]
            width = _tspl_length(w_s, dpi, offset, "SIZE width")
            height = _tspl_length(h_s, dpi, offset, "SIZE height") if h_s else self.height
            if not (1 <= width <= MAX_WIDTH_DOTS and 1 <= height <= MAX_HEIGHT_DOTS):
                raise _error(offset, f"The label size {width} x {height} dots is out of range")
            self.width, self.height = width, height
            old = self.page.image
            self.page = _Page(width, height)
            self.page.image.paste(old, (0, 0))
        elif name == "CLS":
            self.page = _Page(self.width, self.height)
        elif name == "REFERENCE":
            rx, ry = _pad(params, 2)[:2]
            self.reference = (
                _int(rx, 0, offset, "The REFERENCE x"),
                _int(ry, 0, offset, "The REFERENCE y"),
            )
        elif name in ("BAR", "ERASE", "REVERSE"):
            x, y, w, h = (_int(p, 0, offset, f"Each {name} parameter") for p in _pad(params, 4)[:4])
            x, y = self._xy(x, y)
            if name == "REVERSE":
                self.page.reverse_rect(x, y, x + w, y + h)
            else:
                self.page.rect(x, y, x + w, y + h, ink=name == "BAR")
        elif name == "BOX":
            x, y, x1, y1, t = (
                _int(p, 1, offset, "Each BOX parameter") for p in _pad(params, 5)[:5]
            )
            x, y = self._xy(x, y)
            x1, y1 = self._xy(x1, y1)
            t = max(min(t, x1 - x, y1 - y), 1)
            for box in (
                (x, y, x1, y + t),
                (x, y1 - t, x1, y1),
                (x, y, x + t, y1),
                (x1 - t, y, x1, y1),
            ):
                self.page.rect(*box)
        elif name == "TEXT":
            self._text(params, offset)
        elif name == "BARCODE":
            self._barcode(params, offset)
        elif name == "PRINT":
            _int(_pad(params, 1)[0], 1, offset, "The PRINT count", 0, 10**9)
            if len(self.pages) >= MAX_PAGES:
                raise _error(offset, f"The job prints more than {MAX_PAGES} labels")
            self.pages.append(self.page.image.copy())

    def _rotation(self, param: str, offset: int) -> int:
        rotation = _int(param, 0, offset, "The rotation", 0, 270)
        if rotation not in _ROTATIONS:
            raise _error(offset, f"The rotation must be 0, 90, 180 or 270, not {rotation}")
        return rotation

    def _place(self, mask: Image.Image, x: int, y: int, rotation: int) -> None:
        """``mask`` drawn with its unrotated top-left corner at ``(x, y)``, turned clockwise."""
        w, h = mask.size
        mask = _rotate(mask, rotation)
        dx, dy = {0: (0, 0), 90: (-h, 0), 180: (-w, -h), 270: (0, -w)}[rotation]
        self.page.ink(mask, x + dx, y + dy)

    def _text(self, params: list[str], offset: int) -> None:
        if len(params) < 7:
            raise _error(
                offset, "TEXT needs x, y, font, rotation, x-multiplier, y-multiplier, text"
            )
        x = _int(params[0], 0, offset, "The TEXT x")
        y = _int(params[1], 0, offset, "The TEXT y")
        font = _tspl_string(params[2], offset, "TEXT font name")
        rotation = self._rotation(params[3], offset)
        xmul = _int(params[4], 1, offset, "The TEXT x-multiplier", 1, 1000)
        ymul = _int(params[5], 1, offset, "The TEXT y-multiplier", 1, 1000)
        content = _tspl_string(params[-1], offset, "TEXT content")
        if font in _TSPL_FONT_CELLS and font != "0":
            cell = _TSPL_FONT_CELLS[font] * self.dpi / 203
            height, width = round(cell * ymul), round(cell * xmul)
        else:  # TrueType: multipliers are point sizes
            height, width = round(ymul * self.dpi / 72), round(xmul * self.dpi / 72)
        mask = _text_mask(content, height, width)
        if mask is not None:
            self._place(mask, *self._xy(x, y), rotation)

    def _barcode(self, params: list[str], offset: int) -> None:
        if len(params) < 9:
            raise _error(
                offset, "BARCODE needs x, y, type, height, human, rotation, narrow, wide, content"
            )
        kind = _tspl_string(params[2], offset, "BARCODE type").upper()
        x = _int(params[0], 0, offset, "The BARCODE x")
        y = _int(params[1], 0, offset, "The BARCODE y")
        height = _int(params[3], 1, offset, "The BARCODE height", 1, MAX_HEIGHT_DOTS)
        human = _int(params[4], 0, offset, "The BARCODE human-readable setting", 0, 3)
        rotation = self._rotation(params[5], offset)
        narrow = _int(params[6], 1, offset, "The BARCODE narrow bar width", 1, 10)
        content = _tspl_string(params[-1], offset, "BARCODE content")
        if not content:
            return
        if kind == "128":
            try:
                pattern = code128_modules(content)
            except ValueError:
                return  # the printer would not print this symbol either
        elif kind == "EAN13":
            found = ean13_pattern_from_data(content) if content.isdigit() else None
            if found is None:
                return
            pattern, content = found
        elif kind == "EAN128":
            gs1 = gs1_pattern_from_data(content)
            if gs1 is None:
                return
            pattern = gs1
        else:
            return  # other symbologies are not drawn
        align = {1: "left", 2: "center", 3: "right"}.get(human, "left")
        mask = _barcode_mask(pattern, narrow, height, content if human else None, False, align)
        self._place(mask, *self._xy(x, y), rotation)

    def _bitmap(self, pos: int, offset: int) -> int:
        job = self.job
        commas: list[int] = []
        scan = pos
        while len(commas) < 5:
            comma = job.find(b",", scan, scan + 40)
            if comma < 0:
                raise _error(offset, "BITMAP needs x, y, width, height and mode before its data")
            commas.append(comma)
            scan = comma + 1
        fields = job[pos : commas[4]].decode("latin-1").split(",")
        x = _int(fields[0], 0, offset, "The BITMAP x")
        y = _int(fields[1], 0, offset, "The BITMAP y")
        per_row = _int(fields[2], 0, offset, "The BITMAP width in bytes", 1, MAX_WIDTH_DOTS // 8)
        rows = _int(fields[3], 0, offset, "The BITMAP height", 1, MAX_HEIGHT_DOTS)
        mode = _int(fields[4], 0, offset, "The BITMAP mode", 0, 2)
        start = commas[4] + 1
        end = start + per_row * rows
        if end > len(job):
            raise _error(
                offset,
                f"BITMAP declares {per_row} x {rows} = {per_row * rows} bytes of data but only "
                f"{len(job) - start} follow",
            )
        # TSPL: a 0 bit prints a dot, so the raw image is already black-on-white.
        paper = Image.frombytes("1", (per_row * 8, rows), job[start:end])
        x, y = self._xy(x, y)
        if mode == 0:
            self.page.image.paste(paper, (x, y))
        elif mode == 1:
            self.page.ink(ImageChops.invert(paper), x, y)
        else:
            self.page.reverse_mask(ImageChops.invert(paper), x, y)
        return end


def rasterize_tspl_labels(job: bytes, dpi: int = 203) -> list[Image.Image]:
    """One image per ``PRINT`` command in ``job`` (copies are not repeated)."""
    if not isinstance(job, bytes | bytearray):
        raise LabelRasterError("A label job must be bytes.")
    return _TsplParser(bytes(job), dpi).run()


def rasterize_tspl(job: bytes, dpi: int = 203) -> Image.Image:
    """The TSPL job as printed: one label, or several one under the other as on the roll."""
    return _stack(rasterize_tspl_labels(job, dpi))


_TSPL_START = re.compile(rb"\s*(SIZE|CLS|PRINT|GAP|DIRECTION|BITMAP|TEXT|BARCODE)\b", re.I)


def rasterize(job: bytes, dpi: int = 203) -> Image.Image:
    """Rasterize a ZPL (``^XA`` ...) or TSPL (``SIZE`` / ``CLS`` / ``PRINT`` ...) job."""
    if not isinstance(job, bytes | bytearray):
        raise LabelRasterError("A label job must be bytes.")
    head = bytes(job).lstrip(b" \t\r\n\x00")
    while head.startswith(b"\x1b"):
        head = head[3:].lstrip(b" \t\r\n\x00")
    if head.startswith((b"^", b"~")):
        return rasterize_zpl(job, dpi)
    if _TSPL_START.match(head):
        return rasterize_tspl(job, dpi)
    if b"^XA" in job:
        return rasterize_zpl(job, dpi)
    raise LabelRasterError("The job is neither ZPL (^XA ... ^XZ) nor TSPL (SIZE, CLS, PRINT).")
