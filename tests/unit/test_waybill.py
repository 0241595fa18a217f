"""The waybill (面单), checked the way a courier's scanner and a packer see it.

PDF pages are rasterised with poppler's pdftoppm (and pypdfium2 for text boxes), label jobs
with the simulated printer's rasterizer; every barcode is decoded with zxing-cpp.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import replace
from datetime import datetime

import pypdfium2 as pdfium
import pytest
import zxingcpp
from PIL import Image

from printing.fonts import find_cjk_font
from printing.raster import rasterize, rasterize_tspl_labels, rasterize_zpl_labels
from printing.text import ELLIPSIS
from printing.tspl import encode_tspl
from printing.waybill import (
    PT_MM,
    WAYBILL_SIZES,
    Party,
    WaybillDocument,
    layout_waybill,
    render_waybill_pdf,
    waybill_label,
)
from printing.zpl import encode_zpl

needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="no poppler-utils")
needs_cjk_font = pytest.mark.skipif(find_cjk_font() is None, reason="no CJK TrueType font")

TRACKING = "SF1234567890123"
PHONE = "13812345678"
RECEIVER = Party(
    "张三", PHONE, "广东省", "深圳市", "南山区", "粤海街道科技园南区高新南七道18号 腾讯大厦 12楼"
)
SENDER = Party("杭州优选旗舰店", "0571-88886666", "浙江省", "杭州市", "余杭区", "文一西路969号")
DOC = WaybillDocument(
    carrier_code="SF",
    carrier_name="顺丰速运",
    service="标准快递",
    tracking_no=TRACKING,
    sender=SENDER,
    receiver=RECEIVER,
    order_no="TB202503010001234",
    parcel_no=2,
    parcel_count=3,
    weight_g=1250,
    item_count=3,
    printed_at=datetime(2025, 3, 1, 9, 30),
    remark="请放快递柜",
)
LONG_NAME = "欧阳" * 100  # 200 characters
LONG_ADDRESS = "科技园南区高新南七道" * 30  # 300 characters
LONG = replace(DOC, receiver=replace(RECEIVER, name=LONG_NAME, address=LONG_ADDRESS))
SIZES = list(WAYBILL_SIZES)
EVIL = [
    "^XA^FO0,0^GB800,800,800^FS^XZ",
    "~JR",
    'say "hi"',
    "line\r\nbreak\n^XA~JR",
    "ctl\x00\x01\x1b\x7f_end",
]


def pdftoppm(pdf: bytes, dpi: int) -> list[Image.Image]:
    """The (one) page as poppler rasterises it, in grey."""
    out = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", "-singlefile"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout
    return [Image.open(io.BytesIO(out)).convert("L")]


def pdf_text(pdf: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def decode(img: Image.Image) -> list[str]:
    return sorted(r.text for r in zxingcpp.read_barcodes(img.convert("L")))


def ink(img: Image.Image) -> int:
    return img.convert("L").point(lambda v: 255 if v < 128 else 0).histogram()[255]


@pytest.fixture(scope="module")
def pdfs() -> dict[str, bytes]:
    return {size: render_waybill_pdf(DOC, size) for size in SIZES}


# ---- the PDF -----------------------------------------------------------------------------------
@needs_poppler
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("dpi", [203, 300])
def test_the_tracking_barcode_decodes(pdfs: dict[str, bytes], size: str, dpi: int) -> None:
    (page,) = pdftoppm(pdfs[size], dpi)
    assert decode(page) == [TRACKING]


@pytest.mark.parametrize("size", SIZES)
def test_one_page_of_exactly_the_label_size(pdfs: dict[str, bytes], size: str) -> None:
    pdf = pdfium.PdfDocument(pdfs[size])
    assert len(pdf) == 1
    w, h = pdf[0].get_size()
    assert (w * PT_MM, h * PT_MM) == pytest.approx(WAYBILL_SIZES[size], abs=0.01)


@needs_poppler
@needs_cjk_font
@pytest.mark.parametrize("size", SIZES)
def test_text_is_real_text_with_the_masked_phone(pdfs: dict[str, bytes], size: str) -> None:
    text = pdf_text(pdfs[size])
    flat = "".join(text.split())
    for expected in ("顺丰速运", "标准快递", TRACKING, "张三", "收", "寄", "杭州优选旗舰店"):
        assert expected in flat, expected
    assert "广东省深圳市南山区粤海街道科技园南区高新南七道18号腾讯大厦12楼" in flat
    assert "138****5678" in text
    assert PHONE not in flat and "0571-88886666" not in flat
    assert "0571-****6666" in text
    assert "TB202503010001234" in text
    assert "2/3" in text
    assert "1.25 kg" in text
    assert "请放快递柜" in text


@needs_poppler
def test_phones_print_in_full_when_masking_is_off() -> None:
    text = pdf_text(render_waybill_pdf(replace(DOC, mask_phone=False)))
    assert PHONE in text and "0571-88886666" in text


@needs_poppler
@needs_cjk_font
def test_the_cjk_font_is_embedded(pdfs: dict[str, bytes]) -> None:
    out = subprocess.run(
        ["pdffonts", "-"], input=pdfs["100x150"], capture_output=True, check=True
    ).stdout.decode()
    rows = [line.split() for line in out.splitlines()[2:]]
    cjk = [r for r in rows if "WenQuanYi" in r[0] or "CJK" in r[0] or "Noto" in r[0]]
    assert cjk, out
    # columns: name type [type] encoding emb sub uni object ID
    assert all(r[-5] == "yes" for r in cjk), out


@needs_poppler
@pytest.mark.parametrize(
    "flags",
    [
        {},
        {"fragile": True},
        {"do_not_bend": True, "this_way_up": True},
        {"fragile": True, "do_not_bend": True, "this_way_up": True},
    ],
)
def test_handling_marks_only_when_flagged(flags: dict[str, bool]) -> None:
    text = pdf_text(render_waybill_pdf(replace(DOC, **flags)))
    for key, zh, en in (
        ("fragile", "易碎", "FRAGILE"),
        ("do_not_bend", "勿折", "DO NOT BEND"),
        ("this_way_up", "向上", "THIS WAY UP"),
    ):
        assert (zh in text) == flags.get(key, False)
        assert (en in text) == flags.get(key, False)
    layout = layout_waybill(replace(DOC, **flags))
    assert len([r for r in layout.regions if r.startswith("mark_")]) == len(flags)


def _barcode_box(size: str, dpi: int) -> tuple[int, int, int, int]:
    box = layout_waybill(DOC, size).regions["barcode"]
    scale = dpi / 72
    return (
        round(box.x * scale),
        round(box.y * scale),
        round(box.right * scale),
        round(box.bottom * scale),
    )


@needs_poppler
@pytest.mark.parametrize("size", SIZES)
def test_a_200_character_name_and_a_300_character_address_stay_in_their_boxes(size: str) -> None:
    short, long = render_waybill_pdf(DOC, size), render_waybill_pdf(LONG, size)
    # The barcode's rectangle (bars and quiet zones) is the same dots with and without them.
    for dpi in (203, 300):
        box = _barcode_box(size, dpi)
        (a,), (b,) = pdftoppm(short, dpi), pdftoppm(long, dpi)
        assert a.crop(box).tobytes() == b.crop(box).tobytes()
        assert decode(b) == [TRACKING]
    text = pdf_text(long)
    assert LONG_NAME not in text
    assert ELLIPSIS in text
    # Every character's box (pdfium) is inside its region.
    layout = layout_waybill(LONG, size)
    receiver = layout.regions["receiver"]
    page = pdfium.PdfDocument(long)[0]
    textpage = page.get_textpage()
    height = page.get_size()[1]
    seen = 0
    for i in range(textpage.count_chars()):
        if textpage.get_text_range(i, 1) not in {"欧", "阳", "科", "技", "园"}:
            continue
        left, bottom, right, top = textpage.get_charbox(i)
        assert receiver.x - 0.5 <= left and right <= receiver.right + 0.5
        assert receiver.y - 0.5 <= height - top and height - bottom <= receiver.bottom + 0.5
        seen += 1
    assert seen > 50
    # and in the layout: no text overlaps the barcode, no text leaves the label.
    bars = layout.regions["barcode"]
    for item in layout.texts():
        assert not item.box.overlaps(bars), item.text
        assert item.box.x >= 0 and item.box.right <= layout.width
        assert item.box.y >= 0 and item.box.bottom <= layout.height
    for item in layout.texts("receiver_name"):
        assert item.box.right <= receiver.right + 0.01


@pytest.mark.parametrize("size", SIZES)
def test_every_text_stays_inside_its_region(size: str) -> None:
    for doc in (DOC, LONG, replace(LONG, remark="备注" * 300, fragile=True, this_way_up=True)):
        for printer in (False, True):
            layout = layout_waybill(doc, size, printer=printer)
            for item in layout.texts():
                region = layout.regions.get(item.region)
                region = region or layout.regions[item.region.rsplit("_", 1)[0]]
                assert region.contains(item.box, slack=0.5), (size, item.region, item.text)


def test_a_tracking_number_too_long_for_the_label_is_refused() -> None:
    with pytest.raises(ValueError, match="too long for a 76 mm wide waybill"):
        render_waybill_pdf(replace(DOC, tracking_no="SF" + "AB" * 14), "76x130")
    with pytest.raises(ValueError, match="printable ASCII"):
        render_waybill_pdf(replace(DOC, tracking_no="顺丰123"))
    with pytest.raises(ValueError, match="Unknown waybill size"):
        render_waybill_pdf(DOC, "4x6")
    with pytest.raises(ValueError, match="parcel number"):
        render_waybill_pdf(replace(DOC, parcel_no=4))


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("dpi", [203, 300])
def test_the_barcode_module_is_whole_dots_and_as_wide_as_fits(size: str, dpi: int) -> None:
    """0.25 mm at the least; wider (up to 0.375 mm, 3 dots at 203 dpi) when the number fits,
    because wide bars read from further away."""
    from printing.barcodes import QUIET_ZONE_MODULES, code128_modules
    from printing.waybill import MARGIN_MM, WIDE_MODULE_MM

    for doc in (DOC, LONG):
        dots = layout_waybill(doc, size, dpi=dpi).barcode.module_dots
        dot_mm = 25.4 / dpi
        assert dots * dot_mm >= 0.25 - 1e-9
        assert dots * dot_mm <= WIDE_MODULE_MM + dot_mm / 2
        modules = len(code128_modules(doc.tracking_no)) + 2 * QUIET_ZONE_MODULES
        inner = WAYBILL_SIZES[size][0] - 2 * MARGIN_MM
        wider = (dots + 1) * dot_mm
        assert wider > WIDE_MODULE_MM + dot_mm / 2 or modules * wider > inner
    assert layout_waybill(DOC, dpi=203).barcode.module_dots == 3  # 100 mm: 0.375 mm bars
    assert waybill_label(DOC, dpi=203).items  # a label at 203 dpi


# ---- ZPL and TSPL ------------------------------------------------------------------------------
ENCODERS = {"zpl": encode_zpl, "tspl": encode_tspl}


@needs_cjk_font
@pytest.mark.parametrize("language", ["zpl", "tspl"])
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("dpi", [203, 300])
def test_label_barcode_decodes_from_the_printed_dots(language: str, size: str, dpi: int) -> None:
    for doc in (DOC, LONG):
        label = waybill_label(doc, size, dpi)
        img = rasterize(ENCODERS[language](label), dpi)
        w, h = WAYBILL_SIZES[size]
        assert img.size == (label.dots(w), label.dots(h))
        assert decode(img) == [TRACKING]


@needs_cjk_font
@pytest.mark.parametrize("language", ["zpl", "tspl"])
def test_long_text_never_prints_over_the_barcode(language: str) -> None:
    for size in SIZES:
        short = rasterize(ENCODERS[language](waybill_label(DOC, size)))
        long = rasterize(ENCODERS[language](waybill_label(LONG, size)))
        bars = layout_waybill(DOC, size, printer=True).regions["barcode"]
        scale = 203 / 72
        crop = (
            round(bars.x * scale),
            round(bars.y * scale),
            round(bars.right * scale),
            round(bars.bottom * scale),
        )
        assert short.crop(crop).tobytes() == long.crop(crop).tobytes()


@needs_cjk_font
@pytest.mark.parametrize("language", ["zpl", "tspl"])
@pytest.mark.parametrize("evil", EVIL)
def test_injection_prints_as_literal_text(language: str, evil: str) -> None:
    doc = replace(DOC, receiver=replace(RECEIVER, name=evil), remark=evil, order_no=evil)
    job = ENCODERS[language](waybill_label(doc))
    if language == "zpl":
        assert job.count(b"^XA") == 1 and job.count(b"^XZ") == 1
        assert b"~JR" not in job
        pages = rasterize_zpl_labels(job)
    else:
        assert job.count(b"PRINT ") == 1
        assert b"\r\nCLS" in job and job.count(b"\r\nCLS\r\n") == 1
        pages = rasterize_tspl_labels(job)
    assert len(pages) == 1
    (img,) = pages
    assert ink(img) < img.width * img.height // 8  # no black 800 x 800 block
    block = img.crop((0, 0, min(800, img.width), min(800, img.height)))
    assert ink(block) < block.width * block.height // 4
    assert decode(img) == [TRACKING]


@needs_poppler
@pytest.mark.parametrize("evil", EVIL)
def test_injection_in_the_pdf_is_text(evil: str) -> None:
    pdf = render_waybill_pdf(replace(DOC, remark=evil))
    text = pdf_text(pdf)
    visible = " ".join("".join(" " if ord(c) < 32 or ord(c) == 127 else c for c in evil).split())
    assert visible.split()[0] in text
    (page,) = pdftoppm(pdf, 203)
    assert decode(page) == [TRACKING]
