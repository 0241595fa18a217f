"""The label-job rasterizer: barcodes, text and boxes decoded from the dots Packdesk sends.

Labels are built with :mod:`printing.label`, encoded with the real ZPL / TSPL encoders and
rasterized by :mod:`printing.raster`; barcodes are read back with zxing-cpp.
"""

from __future__ import annotations

import base64
import itertools
import socket
import zlib

import pytest
import zxingcpp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops

from devices.sim.printer import SimulatedNetworkPrinter
from printing.barcodes import code128_modules
from printing.fonts import find_cjk_font
from printing.label import Barcode128, Bitmap, Box, Label, Text, render_code128, render_text
from printing.raster import (
    LabelRasterError,
    rasterize,
    rasterize_tspl,
    rasterize_tspl_labels,
    rasterize_zpl,
    rasterize_zpl_labels,
)
from printing.tspl import encode_tspl
from printing.zpl import encode_zpl

needs_cjk_font = pytest.mark.skipif(find_cjk_font() is None, reason="no CJK TrueType font")

ENCODERS = {"zpl": encode_zpl, "tspl": encode_tspl}
RASTERIZERS = {"zpl": rasterize_zpl, "tspl": rasterize_tspl}

EVIL = [
    "^XA^FO0,0^GB800,800,800^FS^XZ",
    "~JR",
    "abc\r\n^XZ\n^XA~JR",
    "ctl\x00\x01\x1b\x7f_end",
    '"\r\nPRINT 100\r\n',
    'x",0,1,1,"y"\r\nCLS\r\n',
    'say "hi"\n^XA^GB800,800,800^FS',
    "back\\slash",
]


def _ink(img: Image.Image) -> int:
    """Number of black dots."""
    return img.convert("L").histogram()[0]


def _decode(img: Image.Image) -> list[str]:
    return sorted(r.text for r in zxingcpp.read_barcodes(img.convert("L")))


def _paper(bitmap: Bitmap) -> Image.Image:
    """``bitmap`` as printed (full byte-padded width, black ink on white)."""
    return Image.frombytes("1", (bitmap.bytes_per_row * 8, bitmap.height), bitmap.inverted())


def _blank_outside(img: Image.Image, box: tuple[int, int, int, int]) -> bool:
    rest = img.copy()
    rest.paste(255, box)
    return _ink(rest) == 0


# -- barcodes --------------------------------------------------------------------------------

PAYLOADS = [
    "SF1234567890123",
    "1234567890",  # digits only: subset C when the printer chooses
    "12345678901",  # odd digit count
    "SKU-CUP-500",
    "Ab c-12/34_x",
    "SKU^7~X",  # ZPL: bitmap (^ and ~); TSPL: native
    'A"B',  # TSPL: bitmap (quote); ZPL: native
    "A>5B",  # ZPL: bitmap (> starts ^BC invocation codes)
    "back\\slash",  # TSPL: bitmap
    "^XA^FO0,0^GB800,800,800^FS^XZ",
]


@pytest.mark.parametrize("language", ["zpl", "tspl"])
@pytest.mark.parametrize("payload", PAYLOADS)
def test_barcode_decodes_from_raster(language: str, payload: str) -> None:
    label = Label(100, 60, items=[Barcode128(10, 10, payload, 12, module_dots=2)])
    img = RASTERIZERS[language](ENCODERS[language](label))
    assert img.size == (label.dots(100), label.dots(60))
    assert _decode(img) == [payload]


@pytest.mark.parametrize("language", ["zpl", "tspl"])
def test_several_barcodes_on_one_label(language: str) -> None:
    payloads = ["SF1234567890123", "9876543210", "SKU^7~X", 'Q"1']
    label = Label(
        100, 150, items=[Barcode128(10, 10 + 30 * i, p, 12) for i, p in enumerate(payloads)]
    )
    assert _decode(rasterize(ENCODERS[language](label))) == sorted(payloads)


def _bars_width(img: Image.Image) -> int:
    bbox = ImageChops.invert(img.convert("L")).getbbox()
    assert bbox is not None
    return bbox[2] - bbox[0]


def test_zpl_code128_subsets_follow_the_zpl_rules() -> None:
    def job(data: str, mode: str = "N") -> bytes:
        return f"^XA^PW800^LL200^FO40,40^BY2^BCN,80,N,N,N,{mode}^FD{data}^FS^XZ".encode()

    digits = "1234567890"
    plain, subset_c = rasterize_zpl(job(digits)), rasterize_zpl(job(">;" + digits))
    auto = rasterize_zpl(job(digits, "A"))
    assert _decode(plain) == _decode(subset_c) == _decode(auto) == [digits]
    # Mode N without a start code is subset B: start, 10 characters, check, stop.
    assert _bars_width(plain) == 2 * (11 * 12 + 13)
    assert _bars_width(subset_c) == 2 * (11 * 7 + 13)
    assert _bars_width(auto) == 2 * len(code128_modules(digits))
    # Explicit >: (subset B) is the same symbol as no start code; >5 switches to C mid-way.
    assert rasterize_zpl(job(">:" + digits)).tobytes() == plain.tobytes()
    mixed = rasterize_zpl(job("SF>5123456"))
    assert _decode(mixed) == ["SF123456"]
    assert _decode(rasterize_zpl(job("A><B>0C"))) == ["A^B>C"]


def test_zpl_interpretation_line_is_drawn_under_the_bars() -> None:
    base = "^XA^PW600^LL300^FO40,40^BY2^BCN,80,{hr},N,N^FDSKU-1^FS^XZ"
    with_line = rasterize_zpl(base.format(hr="Y").encode())
    without = rasterize_zpl(base.format(hr="N").encode())
    assert _ink(with_line.crop((0, 130, 600, 300))) > 0
    assert _ink(without.crop((0, 121, 600, 300))) == 0
    assert with_line.crop((0, 0, 600, 120)).tobytes() == without.crop((0, 0, 600, 120)).tobytes()


# -- text and bitmaps ------------------------------------------------------------------------


@needs_cjk_font
@pytest.mark.parametrize("language", ["zpl", "tspl"])
def test_chinese_text_bitmap_lands_where_the_label_says(language: str) -> None:
    text = "收件人：张三 北京市朝阳区"
    label = Label(100, 60, items=[Text(12, 15, text, 4)])
    img = RASTERIZERS[language](ENCODERS[language](label))
    x, y = label.dots(12), label.dots(15)
    expected = _paper(render_text(text, 32))
    box = (x, y, x + expected.width, y + expected.height)
    assert img.crop(box).tobytes() == expected.tobytes()  # pixel-exact
    assert _ink(img.crop(box)) > 300
    assert _blank_outside(img, box)


@pytest.mark.parametrize("language", ["zpl", "tspl"])
def test_unsafe_barcode_bitmap_is_pixel_exact(language: str) -> None:
    payload = 'SKU^7~X"\\'
    label = Label(100, 40, items=[Barcode128(10, 5, payload, 10, module_dots=2)])
    img = RASTERIZERS[language](ENCODERS[language](label))
    expected = _paper(render_code128(payload, 2, label.dots(10)))
    x, y = label.dots(10), label.dots(5)
    box = (x, y, x + expected.width, y + expected.height)
    assert img.crop(box).tobytes() == expected.tobytes()
    assert _blank_outside(img, box)


@pytest.mark.parametrize("language", ["zpl", "tspl"])
def test_ascii_text_is_drawn_near_its_position(language: str) -> None:
    label = Label(100, 60, items=[Text(20, 30, "ORDER 123 SKU-CUP", 4)])
    img = RASTERIZERS[language](ENCODERS[language](label))
    x, y = label.dots(20), label.dots(30)
    bbox = ImageChops.invert(img.convert("L")).getbbox()
    assert bbox is not None
    left, top, right, bottom = bbox
    assert x <= left <= x + 8 and y <= top <= y + 16
    assert bottom <= y + 40 and right - left > 150


@pytest.mark.parametrize("language", ["zpl", "tspl"])
def test_boxes_appear(language: str) -> None:
    label = Label(100, 60, items=[Box(5, 5, 50, 30, 0.5), Box(60, 10, 20, 0.25, 0.25)])
    img = RASTERIZERS[language](ENCODERS[language](label))
    x, y = label.dots(5), label.dots(5)
    w, h, t = label.dots(50), label.dots(30), label.dots(0.5)
    black = 0
    for px, py in [
        (x + 1, y + h // 2),  # left edge
        (x + w - 3, y + h // 2),  # right edge
        (x + w // 2, y + 1),  # top
        (x + w // 2, y + h - 3),  # bottom
    ]:
        assert img.getpixel((px, py)) == black
    inside = img.crop((x + t + 1, y + t + 1, x + w - t - 2, y + h - t - 2))
    assert _ink(inside) == 0
    assert _ink(img.crop((0, 0, x, img.height))) == 0  # nothing left of the box
    line = img.crop((label.dots(60), label.dots(10) - 1, label.dots(80), label.dots(10) + 4))
    assert _ink(line) >= label.dots(20) - 2  # the thin "line" box


# -- injection -------------------------------------------------------------------------------


@needs_cjk_font
@pytest.mark.parametrize("language", ["zpl", "tspl"])
@pytest.mark.parametrize("evil", EVIL)
def test_injection_prints_one_ordinary_label(language: str, evil: str) -> None:
    items: list[Text | Barcode128 | Box] = [Text(5, 5, evil, 3), Text(5, 20, "李雷 " + evil, 3)]
    if all(" " <= ch <= "~" for ch in evil):
        items.append(Barcode128(5, 40, evil, 10))
    label = Label(100, 150, items=items)
    job = ENCODERS[language](label)
    pages = rasterize_zpl_labels(job) if language == "zpl" else rasterize_tspl_labels(job)
    assert len(pages) == 1
    (img,) = pages
    assert img.size == (label.dots(100), label.dots(150))
    assert _ink(img) < img.width * img.height // 20  # no black block
    assert _ink(img.crop((0, label.dots(60), img.width, img.height))) == 0
    if len(items) == 3:
        assert _decode(img) == [evil]


# -- the two languages agree -----------------------------------------------------------------


def _mixed_label() -> Label:
    items: list[Text | Barcode128 | Box] = [
        Box(2, 2, 96, 96, 0.5),
        Text(6, 6, "ORDER 100234 CUP", 4),
        Barcode128(6, 30, "SKU-CUP-500", 12),  # subset B for both languages
        Barcode128(6, 60, "SKU^7~X", 10),  # bitmap in ZPL, native in TSPL
        Barcode128(6, 80, 'A"B', 8),  # native in ZPL, bitmap in TSPL
    ]
    if find_cjk_font() is not None:
        items.append(Text(6, 14, "收件人：张三 13800138000", 4))
    return Label(100, 100, items=items)


def test_zpl_and_tspl_rasters_agree() -> None:
    label = _mixed_label()
    zpl, tspl = rasterize(encode_zpl(label)), rasterize(encode_tspl(label))
    assert zpl.size == tspl.size
    union = _ink(ImageChops.logical_and(zpl, tspl))  # black where either is black
    differ = ImageChops.logical_xor(zpl, tspl).convert("L").histogram()[255]
    assert union > 5000
    assert differ < union * 0.25, (differ, union)
    assert _decode(zpl) == _decode(tspl) == sorted(["SKU-CUP-500", "SKU^7~X", 'A"B'])


# -- ZPL graphics compression ----------------------------------------------------------------


def _count(n: int) -> str:
    out = "z" * (n // 400)
    n %= 400
    if n >= 20:
        out += chr(ord("g") + n // 20 - 1)
    if n % 20:
        out += chr(ord("G") + n % 20 - 1)
    return out


def _zpl_compress(data: bytes, per_row: int) -> str:
    """The ZPL ASCII compression: run-length letters, ',' '!' row fills, ':' repeated rows."""
    out: list[str] = []
    previous = None
    for start in range(0, len(data), per_row):
        row = data[start : start + per_row].hex().upper()
        if row == previous:
            out.append(":")
            continue
        previous = row
        body, tail = row, ""
        if row.rstrip("0") != row:
            body, tail = row.rstrip("0"), ","
        elif row.rstrip("F") != row:
            body, tail = row.rstrip("F"), "!"
        runs = [(ch, len(list(group))) for ch, group in itertools.groupby(body)]
        out.append("".join((_count(n) + ch) if n > 1 else ch for ch, n in runs) + tail)
    return "".join(out)


def _graphic_job(command: bytes) -> bytes:
    return b"^XA^PW600^LL300^FO30,40" + command + b"^FS^XZ"


def _sample_bitmaps() -> list[Bitmap]:
    bitmaps = [
        render_code128("SF1234567890123", 3, 60),
        Bitmap.from_image(Image.new("1", (200, 30), 1)),  # all ink: '!' rows and ':'
        Bitmap.from_image(Image.new("1", (77, 9), 0)),  # blank: ',' rows
    ]
    if find_cjk_font() is not None:
        bitmaps.append(render_text("收件人：张三", 40))
    return bitmaps


@pytest.mark.parametrize("index", range(4))
def test_zpl_compressed_graphics_match_uncompressed(index: int) -> None:
    bitmaps = _sample_bitmaps()
    if index >= len(bitmaps):
        pytest.skip("no CJK font for the text bitmap")
    bm = bitmaps[index]
    total, per_row = bm.total_bytes, bm.bytes_per_row
    head = f"^GFA,{total},{total},{per_row},"
    plain = rasterize_zpl(_graphic_job(f"{head}{bm.data.hex().upper()}".encode()))
    compressed = _zpl_compress(bm.data, per_row)
    assert len(compressed) < 2 * total
    z64 = base64.b64encode(zlib.compress(bm.data)).decode()
    b64 = base64.b64encode(bm.data).decode()
    forms = [
        f"{head}{compressed}".encode(),
        f"{head}:Z64:{z64}:ABCD".encode(),
        f"{head}:B64:{b64}:ABCD".encode(),
        f"{head}{bm.data.hex().upper()[:20]}\r\n{bm.data.hex().upper()[20:]}".encode(),
        f"^GFB,{total},{total},{per_row},".encode() + bm.data,
    ]
    for form in forms:
        assert rasterize_zpl(_graphic_job(form)).tobytes() == plain.tobytes(), form[:40]
    box = (30, 40, 30 + per_row * 8, 40 + bm.height)
    assert plain.crop(box).tobytes() == _paper(bm).tobytes()


def test_zpl_compression_by_hand() -> None:
    # 3 bytes a row: "HF," = FF 00 00; "!" = FF FF FF; ":" repeats it; "I0I8" = 00 08 88.
    img = rasterize_zpl(_graphic_job(b"^GFA,12,12,3,HF,!:I0I8^FS"))
    rows = [[img.getpixel((30 + x, 40 + y)) for x in range(24)] for y in range(4)]
    assert rows[0] == [0] * 8 + [255] * 16
    assert rows[1] == rows[2] == [0] * 24
    assert rows[3] == [255] * 12 + [0, 255, 255, 255] * 3
    assert _ink(img) == 8 + 48 + 3


# -- page size, detection, several labels ----------------------------------------------------


def test_sizes_and_detection() -> None:
    assert rasterize(b"^XA^XZ").size == (799, 1199)  # 100 x 150 mm at 203 dpi
    assert rasterize(b"^XA^PW400^LL300^XZ").size == (400, 300)
    assert rasterize_zpl(b"^XA^XZ", width_dots=500, height_dots=250).size == (500, 250)
    assert rasterize(b"SIZE 60 mm,40 mm\r\nCLS\r\nPRINT 1,1\r\n").size == (480, 320)
    assert rasterize(b"SIZE 2,1\r\nCLS\r\nPRINT 1\r\n").size == (406, 203)  # inches
    assert rasterize(b"CLS\r\nBAR 10,10,50,20\r\nPRINT 1\r\n").size == (799, 1199)
    assert rasterize_tspl(b"SIZE 60 mm,40 mm\r\nCLS\r\nPRINT 1,1\r\n", dpi=300).size == (709, 472)


def test_several_formats_are_several_labels() -> None:
    one = b"^XA^PW200^LL100^FO10,10^GB50,50,50^FS^XZ"
    assert len(rasterize_zpl_labels(one + b"\n" + one)) == 2
    assert rasterize_zpl(one + one).size == (200, 200)
    tspl = b"SIZE 25 mm,12.5 mm\r\nCLS\r\nBAR 0,0,10,10\r\nPRINT 1\r\nCLS\r\nPRINT 1\r\n"
    first, second = rasterize_tspl_labels(tspl)
    assert _ink(first) == 100 and _ink(second) == 0


def test_tspl_bitmap_modes_and_reverse() -> None:
    ink_row = bytes([0x0F])  # TSPL: 0 bits print -> first four dots black
    head = b"SIZE 10 mm,5 mm\r\nCLS\r\nBAR 0,0,8,1\r\n"
    for mode, expected in [(0, [0] * 4 + [255] * 4), (1, [0] * 8), (2, [255] * 4 + [0] * 4)]:
        job = head + f"BITMAP 0,0,1,1,{mode},".encode() + ink_row + b"\r\nPRINT 1\r\n"
        img = rasterize_tspl(job)
        assert [img.getpixel((x, 0)) for x in range(8)] == expected, mode
    img = rasterize_tspl(b"SIZE 10 mm,5 mm\r\nCLS\r\nREVERSE 0,0,4,2\r\nPRINT 1\r\n")
    assert _ink(img) == 8


def test_zpl_field_hex_and_reverse() -> None:
    escaped = rasterize_zpl(b"^XA^PW400^LL100^FO10,10^A0N,40,40^FH_^FDA_5EB^FS^XZ")
    literal = rasterize_zpl(b"^XA^CI28^PW400^LL100^FO10,10^A0N,40,40^FDA\xcb\x86B^FS^XZ")
    assert _ink(escaped) > 0 and _ink(literal) > 0
    box = rasterize_zpl(b"^XA^PW100^LL100^FO0,0^GB40,40,40^FS^FO20,0^FR^GB40,40,40^FS^XZ")
    assert _ink(box) == 2 * 20 * 40  # the overlap is reversed back to white
    white = rasterize_zpl(b"^XA^PW100^LL100^FO0,0^GB40,40,40^FS^FO0,0^GB20,20,20,W^FS^XZ")
    assert _ink(white) == 40 * 40 - 20 * 20


# -- errors and fuzzing ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("job", "words"),
    [
        (b"^XA^FO10,10^GFA,8,8,2,FFFF^FS^XZ", "bytes"),
        (b"^XA^FOten,10^FDx^FS^XZ", "number"),
        (b"^XA^FO10,10^FDno end", "^XZ"),
        (b"^XA^PW99999^XZ", "between"),
        (b"SIZE 60 mm,40 mm\r\nCLS\r\nBITMAP 0,0,4,10,0,\x00\x00", "follow"),
        (b'SIZE 60 mm,40 mm\r\nTEXT 1,1,"3",0,1,1\r\nPRINT 1\r\n', "TEXT"),
        (b"SIZE 60 mm,40 mm\r\nCLS\r\n", "PRINT"),
        (b"hello", "neither"),
        (b"^XA^FO1,1^GFA,144,144,,6,00^FS^XZ", "missing"),
    ],
)
def test_malformed_jobs_raise_value_error(job: bytes, words: str) -> None:
    with pytest.raises(LabelRasterError) as info:
        rasterize(job)
    message = str(info.value)
    assert isinstance(info.value, ValueError)
    assert words in message and message.endswith(".") and message[0].isupper()
    if words not in ("PRINT", "neither"):
        assert "byte offset" in message


def test_unknown_commands_are_skipped() -> None:
    zpl = b"~JR^XA^MMT^PR4^FXcomment^PW200^LL100^FO1,1^GB10,10,10^FS^BQN,2,4^FDQA,x^FS^PQ3^XZ~HS"
    assert _ink(rasterize(zpl)) == 100
    tspl = b'\x1b!?SIZE 25 mm,12.5 mm\r\nSPEED 4\r\nQRCODE 1,1,L,4,A,0,"x"\r\nCLS\r\n'
    tspl += b"BAR 0,0,10,10\r\nWHATEVER\r\nPRINT 1,1\r\n"
    assert _ink(rasterize(tspl)) == 100


def _fuzz_ok(job: bytes) -> None:
    for fn in (rasterize, rasterize_zpl, rasterize_tspl):
        try:
            img = fn(job)
        except ValueError:
            continue
        assert isinstance(img, Image.Image)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_fuzz_arbitrary_bytes(job: bytes) -> None:
    _fuzz_ok(job)


_TOKENS = [
    b"^XA", b"^XZ", b"^FO", b"^FT", b"^FD", b"^FS", b"^FH", b"^FR", b"^GFA,", b"^GFB,",
    b"^GB", b"^BY", b"^BC", b"^A0N,", b"^CF", b"^CI28", b"^PW", b"^LL", b"^LH", b"~HS",
    b">;", b">:", b">9", b">5", b"_5E", b"SIZE ", b"CLS\r\n", b"PRINT 1\r\n", b"BITMAP ",
    b"BAR ", b"BOX ", b"TEXT ", b"BARCODE ", b'"128"', b'"3"', b" mm", b"\r\n", b"\x1b!?",
    b",", b",", b",", b'"', b"0", b"1", b"2", b"10", b"99", b"800", b"-5", b"FF", b"gH", b"!",
    b":", b"Z64:", b"\xff", b"\x00", b"ab", b"10.5",
]  # fmt: skip


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_TOKENS), max_size=40))
def test_fuzz_command_soup(tokens: list[bytes]) -> None:
    _fuzz_ok(b"".join(tokens))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=64), st.integers(min_value=0, max_value=4000))
def test_fuzz_mutated_real_jobs(noise: bytes, at: int) -> None:
    label = Label(60, 40, items=[Text(2, 2, "ORDER 1", 3), Barcode128(2, 10, "SF123", 8)])
    for job in (encode_zpl(label), encode_tspl(label)):
        cut = at % (len(job) + 1)
        _fuzz_ok(job[:cut] + noise + job[cut:])


# -- through the simulated printer -----------------------------------------------------------


@pytest.mark.parametrize("language", ["zpl", "tspl"])
def test_simulated_printer_job_rasterizes(language: str) -> None:
    label = Label(100, 60, items=[Barcode128(10, 10, "SF1234567890123", 12), Box(1, 1, 98, 58)])
    with SimulatedNetworkPrinter() as printer:
        with socket.create_connection((printer.host, printer.port), timeout=2) as conn:
            conn.sendall(ENCODERS[language](label))
        (job,) = printer.wait_for_jobs(1)
    assert _decode(rasterize(job)) == ["SF1234567890123"]
