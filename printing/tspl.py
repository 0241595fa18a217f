"""TSPL (TSC, Xprinter, Gprinter) encoder and ``<ESC>!?`` status parser.

Commands are CRLF-terminated lines. Order data never reaches the command stream raw:

* ``TEXT`` (built-in bitmap fonts) only for printable ASCII without ``"`` and ``\\``. TSPL's
  in-string escape for a quote (``\\["]``) is not supported the same way by every clone, so
  text with a quote, a backslash, a control character or any non-ASCII character (Chinese) is
  rendered to a bitmap and sent with ``BITMAP`` (raw bytes, exact length, 0 = printed dot);
* ``BARCODE ... "128"`` only for printable ASCII payloads without ``"`` and ``\\``; other
  payloads are drawn as bars with ``BITMAP``;
* ``BARCODE ... "EAN13"`` with the first 12 digits of a valid EAN-13 (the printer adds the
  check digit; a wrong check digit is refused before anything is sent);
* GS1-128 always as ``BITMAP`` bars. TSPL's ``"EAN128"`` type adds FNC1 in first position, but
  how each firmware (TSC and its clones) takes an FNC1 separator or bracketed AIs in the data is
  not documented the same way everywhere; the bitmap is the exact symbol on every printer.

Printers never print the human-readable line (setting 0): the label draws its own text.
"""

from __future__ import annotations

from printing.barcodes import ean13_digits
from printing.label import (
    Barcode,
    Barcode128,
    Bitmap,
    Box,
    Label,
    PrinterStatus,
    Text,
    as_barcode,
    render_barcode,
    render_code128,
    render_text,
)

TSPL_STATUS_QUERY = b"\x1b!?"
CRLF = b"\r\n"
_UNSAFE = frozenset('"\\')
# Built-in bitmap fonts at 203 dpi: name -> cell height in dots.
_FONT_HEIGHTS = {"1": 12, "2": 20, "3": 24, "4": 32, "5": 48}

_STATUS_BITS = {
    0: "head open",
    1: "paper jam",
    2: "paper out",
    3: "ribbon out",
    4: "paused",
    6: "cover open",
    7: "over temperature",
}
_PRINTING_BIT = 5


def tspl_string_safe(value: str) -> bool:
    """True when ``value`` may sit between double quotes in a TSPL command as it is."""
    return bool(value) and all(" " <= ch <= "~" and ch not in _UNSAFE for ch in value)


def _font_for(height_dots: int) -> tuple[str, int]:
    """The built-in font and multiplier (1-10) whose height is nearest ``height_dots``."""
    best: tuple[float, str, int] | None = None
    for name, cell in _FONT_HEIGHTS.items():
        mult = min(max(round(height_dots / cell), 1), 10)
        error = abs(cell * mult - height_dots)
        if best is None or error < best[0]:
            best = (error, name, mult)
    assert best is not None
    return best[1], best[2]


def tspl_bitmap(x: int, y: int, bitmap: Bitmap) -> bytes:
    """``BITMAP x,y,width_bytes,height,0,<raw>`` (mode 0 = overwrite; 0 bits print)."""
    header = f"BITMAP {x},{y},{bitmap.bytes_per_row},{bitmap.height},0,".encode("ascii")
    return header + bitmap.inverted() + CRLF


def _line(command: str) -> bytes:
    return command.encode("ascii") + CRLF


def _text(label: Label, item: Text) -> bytes:
    x, y, h = label.dots(item.x_mm), label.dots(item.y_mm), max(label.dots(item.size_mm), 8)
    if not item.bitmap and tspl_string_safe(item.text):
        font, mult = _font_for(h)
        return _line(f'TEXT {x},{y},"{font}",0,{mult},{mult},"{item.text}"')
    return tspl_bitmap(x, y, render_text(item.text, h, bold=item.bold))


def _barcode(label: Label, barcode: Barcode128 | Barcode) -> bytes:
    item = as_barcode(barcode)
    x, y = label.dots(item.x_mm), label.dots(item.y_mm)
    h, module = max(label.dots(item.height_mm), 1), max(item.module_dots, 1)
    if item.kind == "ean13":
        digits = ean13_digits(item.payload)  # raises for a wrong check digit: never printed
        return _line(f'BARCODE {x},{y},"EAN13",{h},0,0,{module},{module},"{digits[:12]}"')
    if item.kind == "gs1-128":
        return tspl_bitmap(x, y, render_barcode("gs1-128", item.payload, module, h))
    if tspl_string_safe(item.payload):
        # Human-readable 0: the label draws its own text line where it has room for it.
        return _line(f'BARCODE {x},{y},"128",{h},0,0,{module},{module},"{item.payload}"')
    return tspl_bitmap(x, y, render_code128(item.payload, module, h))


def _box(label: Label, item: Box) -> bytes:
    x, y = label.dots(item.x_mm), label.dots(item.y_mm)
    x_end, y_end = label.dots(item.x_mm + item.width_mm), label.dots(item.y_mm + item.height_mm)
    return _line(f"BOX {x},{y},{x_end},{y_end},{max(label.dots(item.thickness_mm), 1)}")


def encode_tspl(label: Label, copies: int = 1) -> bytes:
    """The label as one TSPL job: ``SIZE``, ``GAP``, ``CLS``, items, ``PRINT 1,copies``."""
    if not 1 <= copies <= 999_999_999:
        raise ValueError(f"A label prints 1 to 999,999,999 copies, not {copies}.")
    out = [
        _line(f"SIZE {label.width_mm:g} mm,{label.height_mm:g} mm"),
        _line("GAP 2 mm,0"),
        _line("DIRECTION 1"),
        _line("CLS"),
    ]
    for item in label.items:
        if isinstance(item, Text):
            out.append(_text(label, item))
        elif isinstance(item, Barcode128 | Barcode):
            out.append(_barcode(label, item))
        else:
            out.append(_box(label, item))
    out.append(_line(f"PRINT 1,{copies}"))
    return b"".join(out)


def parse_tspl_status(data: bytes | int) -> PrinterStatus:
    """Parse the one-byte answer to ``<ESC>!?``.

    Bits: 0 head opened, 1 paper jam, 2 out of paper, 3 out of ribbon, 4 pause, 5 printing,
    6 cover opened, 7 environment temperature over range. "Printing" alone is ``busy``, not a
    fault. Raises ValueError for an empty answer.
    """
    if isinstance(data, int):
        value = data
    elif len(data) >= 1:
        value = data[0]
    else:
        raise ValueError("Empty answer to the TSPL status query <ESC>!?.")
    if not 0 <= value <= 0xFF:
        raise ValueError(f"A TSPL status is one byte; got {value}.")
    reasons = [key for bit, key in _STATUS_BITS.items() if value & (1 << bit)]
    return PrinterStatus(
        ready=not reasons, reasons=reasons, busy=bool(value & (1 << _PRINTING_BIT))
    )


def tspl_status_complete(data: bytes) -> bool:
    """True once a whole ``<ESC>!?`` answer (one byte) has arrived."""
    return len(data) >= 1
