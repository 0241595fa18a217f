"""ZPL II (Zebra) encoder and ``~HS`` host-status parser.

Order data never reaches the command stream raw:

* printable-ASCII text uses the printer font ``^A0`` inside a ``^FH`` field, with ``^``, ``~``,
  ``_`` and every control character written as ``_XX`` hex escapes;
* any other text (Chinese names and addresses) is rendered to a bitmap and sent as ``^GFA``
  (uncompressed ASCII hex);
* a Code 128 payload is sent to ``^BC`` only when it is printable ASCII without ``^``, ``~``
  and ``>`` (``>`` starts ``^BC`` subset-switch codes); otherwise its bars are sent as ``^GFA``.
"""

from __future__ import annotations

from printing.label import (
    Barcode128,
    Bitmap,
    Box,
    Label,
    PrinterStatus,
    Text,
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


def zpl_graphic(x: int, y: int, bitmap: Bitmap) -> str:
    """``^FO`` + ``^GFA`` drawing ``bitmap`` at dot ``(x, y)``."""
    total = bitmap.total_bytes
    return f"^FO{x},{y}^GFA,{total},{total},{bitmap.bytes_per_row},{bitmap.data.hex().upper()}^FS"


def _text(label: Label, item: Text) -> str:
    x, y, h = label.dots(item.x_mm), label.dots(item.y_mm), max(label.dots(item.size_mm), 10)
    if all(ord(ch) < 0x80 for ch in item.text):
        return f"^FO{x},{y}^A0N,{h},{h}^FH_^FD{zpl_field_escape(item.text)}^FS"
    return zpl_graphic(x, y, render_text(item.text, h))


def _barcode(label: Label, item: Barcode128) -> str:
    x, y = label.dots(item.x_mm), label.dots(item.y_mm)
    h, module = max(label.dots(item.height_mm), 1), max(item.module_dots, 1)
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


def encode_zpl(label: Label) -> bytes:
    """The label as one ZPL format, ``^XA`` ... ``^XZ`` (ASCII bytes)."""
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
        elif isinstance(item, Barcode128):
            parts.append(_barcode(label, item))
        else:
            parts.append(_box(label, item))
    parts += ["^PQ1", "^XZ"]
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
