"""ZPL II (Zebra) encoder and ``~HS`` host-status parser.

Order data never reaches the command stream raw:

* printable-ASCII text uses the printer font ``^A0`` inside a ``^FH`` field, with ``^``, ``~``,
  ``_`` and every control character written as ``_XX`` hex escapes;
* any other text (Chinese names and addresses) is rendered to a bitmap and sent as ``^GFA``
  (uncompressed ASCII hex);
* a Code 128 payload is sent to ``^BC`` only when it is printable ASCII without ``^``, ``~``
  and ``>`` (``>`` starts ``^BC`` subset-switch codes); otherwise its bars are sent as ``^GFA``;
* an EAN-13 (always 13 valid digits, or the encoder refuses it) goes to ``^BE`` as its first 12
  digits: the printer adds the check digit;
* a GS1-128 element string goes to ``^BC`` mode N as the exact symbol Packdesk computed
  (:func:`printing.barcodes.gs1_128_values`), written with the ZPL invocation codes: ``>;``
  start in subset C, ``>8`` FNC1 (first position and separator), ``>6`` / ``>5`` switch to
  subset B / C. Only when every data character is in GS1's character set 82 without ``>``;
  otherwise the bars go as ``^GFA``. (Mode D, "UCC/EAN", would let the firmware choose subsets
  and check digits; mode N keeps the printed symbol identical to the PDF and the bitmap.)

Printers never print the interpretation line: the label draws its own text.
"""

from __future__ import annotations

from printing.barcodes import GS1_CSET82, ean13_digits, gs1_128_values, parse_gs1
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

ZPL_STATUS_QUERY = b"~HS"
_FH_ESCAPED = frozenset("^~_")
_BC_FORBIDDEN = frozenset("^~>")


def zpl_field_escape(text: str) -> str:
    """ASCII ``text`` for a ``^FH`` field: ``^ ~ _`` and control characters as ``_XX``."""
    out = []
    for ch in text:
        code = ord(ch)
        if code > 0x7F:
            raise ValueError(f"{text!r} is not ASCII; draw it as a bitmap instead.")
        if ch in _FH_ESCAPED or code < 0x20 or code == 0x7F:
            out.append(f"_{code:02X}")
        else:
            out.append(ch)
    return "".join(out)


def zpl_barcode_safe(payload: str) -> bool:
    """True when ``payload`` may go into ``^BC ... ^FD`` as it is."""
    return bool(payload) and all(" " <= ch <= "~" and ch not in _BC_FORBIDDEN for ch in payload)


def zpl_gs1_safe(payload: str) -> bool:
    """True when the GS1 element string may go to ``^BC`` mode N: valid, and every value
    character in GS1 character set 82 except ``>`` (ZPL's invocation character)."""
    try:
        elements = parse_gs1(payload)
    except ValueError:
        return False
    return all(ch in GS1_CSET82 and ch != ">" for _ai, value in elements for ch in value)


_START_CODES = {103: ("A", ">9"), 104: ("B", ">:"), 105: ("C", ">;")}


def zpl_code128_data(values: tuple[int, ...] | list[int]) -> str:
    """``^BC`` mode N field data encoding exactly the Code 128 ``values`` (start code first,
    no check character): ``>9`` ``>:`` ``>;`` start codes, ``>8`` FNC1, ``>5`` ``>6`` ``>7``
    code set changes, digit pairs in subset C, characters as themselves in A and B.

    Raises ValueError for a value it cannot write (shift, FNC2-4, ``>`` or a control character).
    """
    if not values or values[0] not in _START_CODES:
        raise ValueError("Code 128 values must begin with a start code (103, 104 or 105).")
    subset, start = _START_CODES[values[0]]
    out = [start]
    for value in values[1:]:
        if value == 102:
            out.append(">8")
        elif value == 99 and subset in "AB":
            subset = "C"
            out.append(">5")
        elif value == 100 and subset in "AC":
            subset = "B"
            out.append(">6")
        elif value == 101 and subset in "BC":
            subset = "A"
            out.append(">7")
        elif subset == "C" and value < 100:
            out.append(f"{value:02d}")
        elif ((value < 64 and subset in "AB") or (value < 95 and subset == "B")) and (
            chr(value + 32) not in _BC_FORBIDDEN
        ):
            out.append(chr(value + 32))
        else:
            raise ValueError(f"Code 128 value {value} in subset {subset} has no ZPL form here.")
    return "".join(out)


def zpl_graphic(x: int, y: int, bitmap: Bitmap) -> str:
    """``^FO`` + ``^GFA`` drawing ``bitmap`` at dot ``(x, y)``."""
    total = bitmap.total_bytes
    return f"^FO{x},{y}^GFA,{total},{total},{bitmap.bytes_per_row},{bitmap.data.hex().upper()}^FS"


def _text(label: Label, item: Text) -> str:
    x, y, h = label.dots(item.x_mm), label.dots(item.y_mm), max(label.dots(item.size_mm), 10)
    if not item.bitmap and all(ord(ch) < 0x80 for ch in item.text):
        return f"^FO{x},{y}^A0N,{h},{h}^FH_^FD{zpl_field_escape(item.text)}^FS"
    return zpl_graphic(x, y, render_text(item.text, h, bold=item.bold))


def _barcode(label: Label, barcode: Barcode128 | Barcode) -> str:
    item = as_barcode(barcode)
    x, y = label.dots(item.x_mm), label.dots(item.y_mm)
    h, module = max(label.dots(item.height_mm), 1), max(item.module_dots, 1)
    if item.kind == "ean13":
        digits = ean13_digits(item.payload)  # raises for a wrong check digit: never printed
        return f"^FO{x},{y}^BY{module}^BEN,{h},N,N^FD{digits[:12]}^FS"
    if item.kind == "gs1-128":
        if zpl_gs1_safe(item.payload):
            data = zpl_code128_data(gs1_128_values(item.payload))
            return f"^FO{x},{y}^BY{module}^BCN,{h},N,N,N,N^FD{data}^FS"
        return zpl_graphic(x, y, render_barcode("gs1-128", item.payload, module, h))
    if zpl_barcode_safe(item.payload):
        # Mode A (automatic subsets, as the bitmap and TSPL's "128" encode it; mode N would be
        # subset B only: digits twice as wide). No interpretation line: the label draws its own.
        return f"^FO{x},{y}^BY{module}^BCN,{h},N,N,N,A^FD{item.payload}^FS"
    return zpl_graphic(x, y, render_code128(item.payload, module, h))


def _box(label: Label, item: Box) -> str:
    x, y = label.dots(item.x_mm), label.dots(item.y_mm)
    w, h = max(label.dots(item.width_mm), 1), max(label.dots(item.height_mm), 1)
    t = max(label.dots(item.thickness_mm), 1)
    return f"^FO{x},{y}^GB{w},{h},{t}^FS"


def encode_zpl(label: Label, copies: int = 1) -> bytes:
    """The label as one ZPL format, ``^XA`` ... ``^XZ`` (ASCII bytes), ``^PQ`` ``copies``."""
    if not 1 <= copies <= 99_999_999:
        raise ValueError(f"A label prints 1 to 99,999,999 copies, not {copies}.")
    parts = [
        "^XA",
        "^CI0",
        f"^PW{label.dots(label.width_mm)}",
        f"^LL{label.dots(label.height_mm)}",
        "^LH0,0",
    ]
    for item in label.items:
        if isinstance(item, Text):
            parts.append(_text(label, item))
        elif isinstance(item, Barcode128 | Barcode):
            parts.append(_barcode(label, item))
        else:
            parts.append(_box(label, item))
    parts += [f"^PQ{copies}", "^XZ"]
    return ("\n".join(parts) + "\n").encode("ascii")


# ~HS answer: three <STX>...<ETX> strings. Field positions (0-based) from the ZPL II manual.
_STRING1_FLAGS = {
    1: "paper out",
    2: "paused",
    5: "buffer full",
    9: "corrupt RAM",
    10: "under temperature",
    11: "over temperature",
}
_STRING2_FLAGS = {2: "head open", 3: "ribbon out"}
_STRING2_LABEL_WAITING = 7
_STRING1_FORMATS_IN_BUFFER = 4


def parse_zpl_host_status(data: bytes) -> PrinterStatus:
    """Parse a ``~HS`` response (three ``STX``...``ETX`` strings) into a :class:`PrinterStatus`.

    String 1: ``aaa,b,c,dddd,eee,f,g,h,iii,j,k,l`` - b paper out, c pause, f buffer full,
    j corrupt RAM, k under temperature, l over temperature. String 2:
    ``mmm,n,o,p,q,r,s,t,uuuuuuuu,v,www`` - o head up (open), p ribbon out, t label waiting.
    Raises ValueError for anything that is not a complete answer (never guesses "ready").
    """
    strings: list[list[str]] = []
    rest = data
    while len(strings) < 3:
        start = rest.find(b"\x02")
        end = rest.find(b"\x03", start + 1)
        if start < 0 or end < 0:
            break
        strings.append(rest[start + 1 : end].decode("ascii", "replace").split(","))
        rest = rest[end + 1 :]
    if len(strings) < 3 or len(strings[0]) < 12 or len(strings[1]) < 8:
        raise ValueError(f"Not a complete ~HS host status answer: {data!r}")

    def flag(fields: list[str], index: int) -> bool:
        return fields[index].strip() not in ("", "0")

    reasons = [key for i, key in _STRING1_FLAGS.items() if flag(strings[0], i)]
    reasons += [key for i, key in _STRING2_FLAGS.items() if flag(strings[1], i)]
    busy = flag(strings[0], _STRING1_FORMATS_IN_BUFFER) or flag(strings[1], _STRING2_LABEL_WAITING)
    return PrinterStatus(ready=not reasons, reasons=reasons, busy=busy)


def zpl_status_complete(data: bytes) -> bool:
    """True once ``data`` holds three ETX-terminated strings (a whole ``~HS`` answer)."""
    return data.count(b"\x03") >= 3
