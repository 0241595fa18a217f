"""ZPL / TSPL encoders, status parsers and the non-network transports."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

import printing.label as label_mod
from devices.errors import DeviceNotFound, DeviceTimeout
from devices.transports import (
    CupsTransport,
    DeviceFileTransport,
    DummyTransport,
    SerialTransport,
    TransportNotSupported,
)
from printing.barcodes import code128_modules
from printing.fonts import find_cjk_font
from printing.label import (
    Barcode128,
    Bitmap,
    Box,
    Label,
    LabelRenderError,
    Text,
    render_text,
)
from printing.tspl import encode_tspl, parse_tspl_status, tspl_status_complete
from printing.zpl import (
    encode_zpl,
    parse_zpl_host_status,
    zpl_field_escape,
    zpl_status_complete,
)

needs_cjk_font = pytest.mark.skipif(find_cjk_font() is None, reason="no CJK TrueType font")

EVIL = [
    "^XA^FO0,0^GB800,800,800^FS^XZ",
    "~JR",
    "abc\r\n^XZ\n^XA~JR",
    "ctl\x00\x01\x1b\x7f_end",
    '"\r\nPRINT 100\r\n',
    'x",0,1,1,"y"\r\nCLS\r\n',
    "back\\slash",
]

_GFA = re.compile(rb"\^GFA,(\d+),(\d+),(\d+),([0-9A-F]*)\^FS")


def _label(*items: Text | Barcode128 | Box) -> Label:
    return Label(60, 40, items=list(items))


def _zpl_graphics(data: bytes) -> list[Bitmap]:
    out = []
    for m in _GFA.finditer(data):
        total, total2, per_row, hexdata = int(m[1]), int(m[2]), int(m[3]), m[4]
        raw = bytes.fromhex(hexdata.decode())
        assert total == total2 == len(raw)
        assert total % per_row == 0
        out.append(Bitmap(per_row * 8, total // per_row, per_row, raw))
    return out


def _tspl_commands(data: bytes) -> list[tuple[bytes, Bitmap | None]]:
    """Split a TSPL job into command lines; BITMAP raw data is skipped by its exact length."""
    commands: list[tuple[bytes, Bitmap | None]] = []
    pos = 0
    while pos < len(data):
        if data.startswith(b"BITMAP ", pos):
            fields_end = pos
            for _ in range(5):
                fields_end = data.index(b",", fields_end) + 1
            _x, _y, per_row, rows, mode = data[pos + 7 : fields_end - 1].split(b",")
            assert mode == b"0"
            size = int(per_row) * int(rows)
            raw = data[fields_end : fields_end + size]
            assert len(raw) == size
            assert data[fields_end + size : fields_end + size + 2] == b"\r\n"
            ink = bytes(b ^ 0xFF for b in raw)  # TSPL: 0 = dot printed
            bitmap = Bitmap(int(per_row) * 8, int(rows), int(per_row), ink)
            commands.append((data[pos : fields_end - 1], bitmap))
            pos = fields_end + size + 2
        else:
            end = data.index(b"\r\n", pos)
            commands.append((data[pos:end], None))
            pos = end + 2
    return commands


# -- ZPL ------------------------------------------------------------------------------------


def test_zpl_structure() -> None:
    data = encode_zpl(
        _label(Text(2, 3, "ORDER 123", 4), Barcode128(2, 10, "SKU-CUP-500", 10), Box(1, 1, 58, 38))
    )
    text = data.decode("ascii")
    assert text.startswith("^XA\n") and text.endswith("^XZ\n")
    assert "^PW480" in text and "^LL320" in text
    assert "^FO16,24^A0N,32,32^FH_^FDORDER 123^FS" in text
    assert "^FO16,80^BY2^BCN,80,N,N,N,A^FDSKU-CUP-500^FS" in text
    assert "^GB464,304,2^FS" in text


def test_zpl_field_escape() -> None:
    assert zpl_field_escape("a^b~c_d\n\x00") == "a_5Eb_7Ec_5Fd_0A_00"
    with pytest.raises(ValueError):
        zpl_field_escape("中")


@pytest.mark.parametrize("evil", EVIL)
def test_zpl_text_cannot_inject(evil: str) -> None:
    data = encode_zpl(_label(Text(0, 0, evil), Text(0, 10, "李雷 " + evil)))
    assert data.count(b"^XA") == 1 and data.count(b"^XZ") == 1
    assert b"~" not in data  # every ~ is _7E inside a ^FH field
    assert not re.search(rb"[\x00-\x09\x0b-\x1f\x7f-\xff]", data)
    for line in data.split(b"\n")[:-1]:
        assert line.startswith(b"^")


@pytest.mark.parametrize("payload", ["^XA^FO0,0^GB800,800,800^FS^XZ", "A~JR", "A>5B"])
def test_zpl_unsafe_barcode_drawn_as_bitmap(payload: str) -> None:
    data = encode_zpl(_label(Barcode128(0, 0, payload, 10, module_dots=2)))
    assert data.count(b"^XA") == 1 and data.count(b"^XZ") == 1
    assert b"^BC" not in data and b"~" not in data
    (bitmap,) = _zpl_graphics(data)
    modules = code128_modules(payload)
    first_row = "".join(
        "1" if bitmap.to_image().getpixel((x, 0)) == 0 else "0" for x in range(len(modules) * 2)
    )
    assert first_row == "".join(m * 2 for m in modules)
    assert bitmap.height == 80


def test_barcode_payload_with_control_chars_is_refused() -> None:
    with pytest.raises(ValueError):
        encode_zpl(_label(Barcode128(0, 0, "A\r\n^XZ")))


def test_unsafe_barcode_bitmap_scans() -> None:
    zxingcpp = pytest.importorskip("zxingcpp")
    payload = "SKU^7~X"
    (bitmap,) = _zpl_graphics(encode_zpl(_label(Barcode128(0, 0, payload, 10, module_dots=3))))
    img = bitmap.to_image().convert("L")
    canvas = Image.new("L", (img.width + 80, img.height + 40), 255)
    canvas.paste(img, (40, 20))
    results = zxingcpp.read_barcodes(canvas)
    assert [r.text for r in results] == [payload]


@needs_cjk_font
def test_zpl_cjk_text_is_a_bitmap() -> None:
    data = encode_zpl(_label(Text(1, 1, "收件人：张三 13800138000", 4)))
    assert b"^A0" not in data
    (bitmap,) = _zpl_graphics(data)
    assert bitmap.bytes_per_row * bitmap.height == len(bitmap.data)
    assert bitmap.height == 32
    assert bitmap.bytes_per_row * 8 > 32 * 8  # roughly 20 glyphs wide
    assert bitmap.ink_dots() > 200


def test_render_text_without_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(label_mod, "_cjk_font_path", lambda configured: None)
    ascii_only = render_text("ABC 123", 24)
    assert ascii_only.ink_dots() > 0 and ascii_only.height == 24
    with pytest.raises(LabelRenderError, match="Chinese"):
        render_text("张三", 24)


# -- TSPL -----------------------------------------------------------------------------------


def test_tspl_structure() -> None:
    data = encode_tspl(
        _label(Text(2, 3, "ORDER 123", 4), Barcode128(2, 10, "SKU-CUP-500", 10), Box(1, 1, 58, 38))
    )
    lines = [cmd for cmd, _ in _tspl_commands(data)]
    assert lines[:4] == [b"SIZE 60 mm,40 mm", b"GAP 2 mm,0", b"DIRECTION 1", b"CLS"]
    assert b'TEXT 16,24,"4",0,1,1,"ORDER 123"' in lines
    assert b'BARCODE 16,80,"128",80,0,0,2,2,"SKU-CUP-500"' in lines
    assert b"BOX 8,8,472,312,2" in lines
    assert lines[-1] == b"PRINT 1,1"


@pytest.mark.parametrize("evil", EVIL)
def test_tspl_text_cannot_inject(evil: str) -> None:
    data = encode_tspl(_label(Text(0, 0, evil), Text(0, 10, "韩梅梅" + evil)))
    commands = _tspl_commands(data)
    names = [cmd.split(b" ", 1)[0] for cmd, _ in commands]
    assert names.count(b"PRINT") == 1 and names.count(b"CLS") == 1
    assert set(names) <= {b"SIZE", b"GAP", b"DIRECTION", b"CLS", b"TEXT", b"BITMAP", b"PRINT"}
    for cmd, bitmap in commands:
        if cmd.startswith(b"TEXT"):
            assert cmd.count(b'"') == 4 and b"\\" not in cmd
        if bitmap is not None:
            assert bitmap.ink_dots() > 0


def test_tspl_quote_in_barcode_is_a_bitmap() -> None:
    data = encode_tspl(_label(Barcode128(0, 0, 'A"B', 8)))
    commands = _tspl_commands(data)
    assert not any(cmd.startswith(b"BARCODE") for cmd, _ in commands)
    (bitmap,) = [b for _, b in commands if b is not None]
    assert bitmap.height == 64 and bitmap.ink_dots() > 0


@needs_cjk_font
def test_tspl_cjk_bitmap_dimensions_and_polarity() -> None:
    data = encode_tspl(_label(Text(1, 1, "北京市朝阳区", 5)))
    ((cmd, bitmap),) = [(c, b) for c, b in _tspl_commands(data) if b is not None]
    assert cmd.startswith(b"BITMAP 8,8,")
    assert bitmap is not None and bitmap.height == 40
    assert bitmap.bytes_per_row * bitmap.height == len(bitmap.data)
    ink = bitmap.ink_dots()
    assert 0 < ink < bitmap.bytes_per_row * 8 * bitmap.height // 2  # mostly paper, some ink


# -- status parsers -------------------------------------------------------------------------


def _hs(paper: str = "0", pause: str = "0", head: str = "0", ribbon: str = "0") -> bytes:
    one = f"030,{paper},{pause},1245,000,0,0,0,000,0,0,0"
    two = f"001,0,{head},{ribbon},0,2,6,0,00000000,1,000"
    return b"".join(b"\x02" + s.encode() + b"\x03\r\n" for s in (one, two, "1234,0"))


@pytest.mark.parametrize(
    ("answer", "reasons"),
    [
        (_hs(), []),
        (_hs(paper="1"), ["paper out"]),
        (_hs(pause="1"), ["paused"]),
        (_hs(head="1"), ["head open"]),
        (_hs(ribbon="1"), ["ribbon out"]),
        (_hs(paper="1", head="1"), ["paper out", "head open"]),
    ],
)
def test_parse_zpl_host_status(answer: bytes, reasons: list[str]) -> None:
    assert zpl_status_complete(answer)
    status = parse_zpl_host_status(answer)
    assert status.reasons == reasons
    assert status.ready is (not reasons)


@pytest.mark.parametrize("answer", [b"", b"\x02030,0,0\x03", _hs()[:-10], b"garbage"])
def test_parse_zpl_host_status_rejects_partial(answer: bytes) -> None:
    with pytest.raises(ValueError):
        parse_zpl_host_status(answer)


@pytest.mark.parametrize(
    ("value", "reasons", "busy"),
    [
        (0x00, [], False),
        (0x01, ["head open"], False),
        (0x02, ["paper jam"], False),
        (0x04, ["paper out"], False),
        (0x08, ["ribbon out"], False),
        (0x10, ["paused"], False),
        (0x20, [], True),
        (0x05, ["head open", "paper out"], False),
    ],
)
def test_parse_tspl_status(value: int, reasons: list[str], busy: bool) -> None:
    status = parse_tspl_status(bytes([value]))
    assert (status.reasons, status.busy, status.ready) == (reasons, busy, not reasons)
    assert parse_tspl_status(value) == status


def test_parse_tspl_status_rejects_empty() -> None:
    assert not tspl_status_complete(b"")
    with pytest.raises(ValueError):
        parse_tspl_status(b"")


# -- transports without a network -----------------------------------------------------------


class FakeRunner:
    def __init__(self, returncode: int = 0, stderr: bytes = b"") -> None:
        self.calls: list[tuple[list[str], dict[str, Any]]] = []
        self.returncode = returncode
        self.stderr = stderr

    def __call__(self, argv: list[str], **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
        self.calls.append((argv, kwargs))
        return subprocess.CompletedProcess(argv, self.returncode, b"", self.stderr)


def test_cups_transport_builds_lp_command() -> None:
    runner = FakeRunner()
    CupsTransport("Zebra_GK420d", runner=runner).send(b"^XA^XZ")
    ((argv, kwargs),) = runner.calls
    assert argv == ["lp", "-d", "Zebra_GK420d", "-o", "raw"]
    assert kwargs["input"] == b"^XA^XZ"
    runner = FakeRunner()
    CupsTransport("office", raw=False, runner=runner).send(b"x")
    assert runner.calls[0][0] == ["lp", "-d", "office"]


def test_cups_transport_errors() -> None:
    with pytest.raises(ValueError):
        CupsTransport("-o evil")
    with pytest.raises(DeviceNotFound, match="Unknown destination"):
        CupsTransport("gone", runner=FakeRunner(1, b"lp: Unknown destination")).send(b"x")
    with pytest.raises(TransportNotSupported):
        CupsTransport("q", runner=FakeRunner()).query(b"~HS", 0.1)


def test_device_file_transport(tmp_path: Path) -> None:
    device = tmp_path / "lp0"
    transport = DeviceFileTransport(device)
    transport.send(b"SIZE 60 mm,40 mm\r\n")
    transport.send(b"PRINT 1,1\r\n")
    transport.close()
    assert device.read_bytes() == b"SIZE 60 mm,40 mm\r\nPRINT 1,1\r\n"
    with pytest.raises(TransportNotSupported):
        transport.query(b"\x1b!?", 0.1)
    with pytest.raises(DeviceNotFound):
        DeviceFileTransport(tmp_path / "missing" / "lp0").send(b"x")


def test_dummy_transport() -> None:
    transport = DummyTransport([b"\x04"])
    transport.send(b"job")
    assert parse_tspl_status(transport.query(b"\x1b!?", 0.1)).reasons == ["paper out"]
    with pytest.raises(DeviceTimeout):
        transport.query(b"\x1b!?", 0.1)
    assert transport.data == b"job\x1b!?\x1b!?"


def test_serial_transport_loopback() -> None:
    transport = SerialTransport("loop://", baudrate=9600, timeout=0.5)
    try:
        assert transport.query(b"ping", 0.5, complete=lambda b: len(b) >= 4) == b"ping"
        assert transport.query(b"pong", 0.5) == b"pong"
    finally:
        transport.close()
    with pytest.raises(DeviceNotFound):
        SerialTransport("nosuchscheme://x").send(b"x")


@needs_cjk_font
@pytest.mark.parametrize("height", [16, 24, 32, 48, 80])
def test_text_bitmaps_keep_descenders_and_the_bottom_of_chinese_strokes(height: int) -> None:
    """A line of text is drawn whole inside its height: nothing below the bitmap is lost."""
    from PIL import ImageDraw

    text = "郭靖 gjpqy 廣"
    bitmap = render_text(text, height)
    assert bitmap.height == height
    font = label_mod._line_font(label_mod._cjk_font_path(None), height)
    ascent, descent = font.getmetrics()
    assert ascent + descent <= height
    # The same line drawn on a much taller canvas has exactly the ink the bitmap has.
    tall = Image.new("1", (bitmap.width + 40, height * 3), 0)
    left = int(font.getbbox(text, mode="1")[0])  # the ink as a 1-bit line draws it
    ImageDraw.Draw(tall).text((-min(left, 0), 0), text, font=font, fill=1)
    assert Bitmap.from_image(tall).ink_dots() == bitmap.ink_dots()
