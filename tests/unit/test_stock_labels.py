"""Stock labels (SKU, location, lot) as label staff and scanners see them.

PDF pages are rasterised with pdfium at the printer's resolution, ZPL / TSPL jobs with the
simulated printer's rasterizer; every barcode is read back with zxing-cpp and compared with what
the label should carry. GS1-128 is read in zxing-cpp's plain mode, i.e. the element string as a
scanner transmits it (FNC1 separators as GS).
"""

from __future__ import annotations

import shutil
import subprocess
import time
from datetime import date

import pypdfium2 as pdfium
import pytest
import zxingcpp
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from printing.barcodes import (
    barcode_modules,
    barcode_width,
    draw_barcode,
    ean13_digits,
    gs1_element_string,
    gs1_hri,
    module_for,
    parse_gs1,
)
from printing.fonts import find_cjk_font
from printing.label import Barcode, Label
from printing.raster import rasterize_tspl_labels, rasterize_zpl_labels
from printing.stock_labels import (
    LABEL_SIZES,
    StockLabel,
    barcode_for,
    encode_stock_labels,
    label_barcodes,
    render_stock_labels_pdf,
    stock_label,
)
from printing.tspl import encode_tspl
from printing.zpl import encode_zpl

needs_cjk_font = pytest.mark.skipif(find_cjk_font() is None, reason="no CJK TrueType font")

LONG_NAME = "登山鞋" * 67  # 201 characters
GTIN = "9501101530003"
LABELS = [
    StockLabel("sku", "SKU-CUP-500", "保温杯 500ml 不锈钢 真空双层便携水杯", gtin="5901234123457"),
    StockLabel("sku", "SKU-1001", LONG_NAME),
    StockLabel("location", "A-01-02-03", "A 区 拣货区"),
    StockLabel(
        "lot",
        "SKU-CUP-500",
        "儿童益智拼图玩具",
        gtin=GTIN,
        lot="20250301",
        expiry=date(2027, 5, 31),
        received_at=date(2025, 3, 1),
    ),
]


def _read(image: object) -> list[zxingcpp.Barcode]:
    return list(zxingcpp.read_barcodes(image, text_mode=zxingcpp.TextMode.Plain))


def _texts(image: object) -> list[str]:
    return sorted(r.text for r in _read(image))


# -- which barcode ---------------------------------------------------------------------------


def test_barcode_kind_per_label() -> None:
    sku, internal, location, lot = LABELS
    assert barcode_for(sku) == ("ean13", "5901234123457")
    assert barcode_for(internal) == ("code128", "SKU-1001")
    assert barcode_for(location) == ("code128", "A-01-02-03")
    # (17) before the variable-length (10): no FNC1 separator needed.
    assert barcode_for(lot) == ("gs1-128", "(01)09501101530003(17)270531(10)20250301")
    assert gs1_element_string(barcode_for(lot)[1]) == "0109501101530003172705311020250301"
    # A UPC-A (GTIN-12) is the same number as an EAN-13 with a leading 0; a GTIN-8 is not.
    assert barcode_for(StockLabel("sku", "S1", gtin="036000291452")) == ("ean13", "0036000291452")
    assert barcode_for(StockLabel("sku", "S2", gtin="96385074")) == ("code128", "S2")
    no_expiry = StockLabel("lot", "S3", gtin=GTIN, lot="L7")
    assert barcode_for(no_expiry) == ("gs1-128", "(01)09501101530003(10)L7")
    assert barcode_for(StockLabel("lot", "S4", lot="L7")) == ("code128", "L7")


@pytest.mark.parametrize(
    ("label", "words"),
    [
        (StockLabel("sku", "S", gtin="5901234123458"), "check digit"),
        (StockLabel("lot", "S", gtin="9501101530004", lot="L1"), "check digit"),
        (StockLabel("lot", "S", gtin=GTIN, lot="批次1"), "characters GS1 does not allow"),
        (StockLabel("lot", "S", gtin=GTIN, lot="L" * 21), "1 to 20 characters"),
        (StockLabel("location", "库位-1"), "Code 128"),
    ],
)
def test_bad_labels_are_refused_with_a_sentence(label: StockLabel, words: str) -> None:
    with pytest.raises(ValueError, match=words) as info:
        render_stock_labels_pdf([label])
    message = str(info.value)
    assert message[0].isupper() and message.endswith(".")


def test_ean13_validation() -> None:
    assert ean13_digits("590123412345") == "5901234123457"
    assert ean13_digits("5901234123457") == "5901234123457"
    with pytest.raises(ValueError, match=r"should be 7, not 8\."):
        ean13_digits("5901234123458")
    for bad in ("59012341234", "59012341234578", "59012341234a", "５９０１２３４１２３４５７"):
        with pytest.raises(ValueError, match="12 or 13 digits"):
            ean13_digits(bad)
    with pytest.raises(ValueError, match="check digit"):
        encode_zpl(Label(60, 40, items=[Barcode(5, 5, "ean13", "5901234123458")]))


def test_gs1_parsing_and_validation() -> None:
    assert parse_gs1("(01)09501101530003(10)L42(17)270531") == (
        ("01", "09501101530003"),
        ("10", "L42"),
        ("17", "270531"),
    )
    raw = "010950110153000310L42\x1d17270531"
    assert parse_gs1(raw) == parse_gs1("(01)09501101530003(10)L42(17)270531")
    assert gs1_element_string("(01)09501101530003(10)L42(17)270531") == raw
    assert gs1_hri(raw) == "(01)09501101530003(10)L42(17)270531"
    assert parse_gs1("(17)270500")  # DD 00: end of the month
    for bad, words in [
        ("(01)09501101530004", "check digit"),
        ("(01)0950110153000", "exactly 14"),
        ("(17)271331", "YYMMDD"),
        ("(17)270230", "YYMMDD"),
        ("(99)abc", "not supported"),
        ("0109501101530003172705", "exactly 6"),
        ("01095011015300031", "position 17"),
        ("", "empty"),
        ("(01)09501101530003(01)09501101530003", "repeats"),
    ]:
        with pytest.raises(ValueError, match=words):
            parse_gs1(bad)


# -- the generic drawing API -----------------------------------------------------------------


@pytest.mark.parametrize("dpi", [203, 300])
def test_draw_barcode_decodes_with_the_gs_separator_where_needed(dpi: int) -> None:
    import io

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(90 * mm, 60 * mm))
    payloads = {
        "ean13": "590123412345",
        "gs1-128": "(01)09501101530003(10)L42(17)270531",  # (10) first: separator needed
        "code128": "SKU-CUP-500",
    }
    y = 4 * mm
    for kind, payload in payloads.items():
        width = draw_barcode(canvas, 2 * mm, y, kind, payload, height_mm=8, dpi=dpi)  # type: ignore[arg-type]
        assert width == pytest.approx(barcode_width(kind, payload, dpi=dpi))  # type: ignore[arg-type]
        y += 18 * mm
    canvas.showPage()
    canvas.save()
    page = pdfium.PdfDocument(buffer.getvalue())[0]
    results = _read(page.render(scale=dpi / 72).to_pil().convert("L"))
    by_text = {r.text: r for r in results}
    assert sorted(by_text) == sorted(
        ["5901234123457", "010950110153000310L42\x1d17270531", "SKU-CUP-500"]
    )
    gs1 = by_text["010950110153000310L42\x1d17270531"]
    assert gs1.content_type == zxingcpp.ContentType.GS1
    assert gs1.symbology_identifier == "]C1"
    assert by_text["5901234123457"].format == zxingcpp.BarcodeFormat.EAN13


def test_modules_are_whole_dots_and_ean13_stays_above_80_percent() -> None:
    for dpi in (203, 300, 600):
        for kind in ("code128", "ean13", "gs1-128"):
            for wanted in (None, 0.1, 0.25, 0.33, 0.5):
                module = module_for(kind, wanted, dpi)
                dots = module * dpi / 25.4
                assert dots == pytest.approx(round(dots))
                assert module >= (0.264 if kind == "ean13" else 0.25) - 1e-9
    assert len(barcode_modules("ean13", "590123412345")) == 95


# -- PDF -------------------------------------------------------------------------------------


@pytest.mark.parametrize("dpi", [203, 300])
@pytest.mark.parametrize("size", list(LABEL_SIZES))
def test_pdf_labels_decode(size: str, dpi: int) -> None:
    pdf = pdfium.PdfDocument(render_stock_labels_pdf(LABELS, copies=2, size=size, dpi=dpi))
    assert len(pdf) == 2 * len(LABELS)
    width, height = LABEL_SIZES[size]
    for index, label in enumerate(LABELS):
        page = pdf[2 * index + 1]
        assert page.get_size() == pytest.approx((width * mm, height * mm))
        image = page.render(scale=dpi / 72).to_pil().convert("L")
        results = _read(image)
        assert sorted(r.text for r in results) == sorted(label_barcodes(label, size, dpi))
        if label.kind == "lot":
            assert all(r.content_type == zxingcpp.ContentType.GS1 for r in results)
            assert all(r.symbology_identifier == "]C1" for r in results)
            joined = "".join(r.text for r in results)
            assert joined == gs1_element_string(barcode_for(label)[1])


@pytest.mark.parametrize("size", list(LABEL_SIZES))
def test_pdf_text_stays_on_the_label(size: str) -> None:
    pdf = pdfium.PdfDocument(render_stock_labels_pdf(LABELS, size=size))
    width, height = LABEL_SIZES[size]
    for page in pdf:
        text = page.get_textpage()
        assert text.count_chars() > 5
        for i in range(text.count_chars()):
            left, bottom, right, top = text.get_charbox(i)
            if right <= left:
                continue
            assert left >= -0.5 and right <= width * mm + 0.5
            assert bottom >= -0.5 and top <= height * mm + 0.5


@needs_cjk_font
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_chinese_titles_are_text_and_a_long_name_is_cut(tmp_path: object) -> None:
    pdf = render_stock_labels_pdf(LABELS, size="60x40")
    out = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode("utf-8")
    flat = "".join(out.split())
    assert "保温杯500ml不锈钢" in flat
    assert "A区拣货区" in flat
    assert "批次LOT20250301" in flat and "到期EXP2027-05-31" in flat
    assert "A-01-02-03" in flat and "SKU-CUP-500" in flat
    assert LONG_NAME not in flat and "登山鞋登山鞋" in flat and "…" in out
    assert b"/FontFile2" in pdf


def test_a_thousand_labels_make_one_pdf() -> None:
    labels = [
        StockLabel("sku", f"SKU-{i:05d}", f"商品 {i} 号 夏季新款纯棉短袖T恤", gtin=None)
        for i in range(1000)
    ]
    labels[::3] = [
        StockLabel("sku", label.code, label.title, gtin=ean13_digits(f"690{i:09d}"))
        for i, label in enumerate(labels[::3])
    ]
    started = time.perf_counter()
    data = render_stock_labels_pdf(labels, copies=1, size="60x40")
    elapsed = time.perf_counter() - started
    pdf = pdfium.PdfDocument(data)
    assert len(pdf) == 1000
    print(f"\n1,000 SKU labels 60x40 as one PDF: {elapsed:.2f} s, {len(data) / 1e6:.1f} MB")
    assert _texts(pdf[999].render(scale=203 / 72).to_pil().convert("L")) == label_barcodes(
        labels[999], "60x40"
    )
    assert len(pdfium.PdfDocument(render_stock_labels_pdf(labels[:3], copies=4))) == 12


# -- ZPL and TSPL ----------------------------------------------------------------------------


@pytest.mark.parametrize("dpi", [203, 300])
@pytest.mark.parametrize("language", ["zpl", "tspl"])
@pytest.mark.parametrize("size", list(LABEL_SIZES))
def test_thermal_labels_decode(size: str, language: str, dpi: int) -> None:
    job = encode_stock_labels(LABELS, 3, size, language, dpi)  # type: ignore[arg-type]
    if language == "zpl":
        assert job.count(b"^XA") == len(LABELS) and job.count(b"^PQ3") == len(LABELS)
        pages = rasterize_zpl_labels(job, dpi)
    else:
        assert job.count(b"PRINT 1,3\r\n") == len(LABELS)
        pages = rasterize_tspl_labels(job, dpi)
    assert len(pages) == len(LABELS)
    width, height = LABEL_SIZES[size]
    for label, image in zip(LABELS, pages, strict=True):
        assert image.size == (round(width * dpi / 25.4), round(height * dpi / 25.4))
        assert _texts(image) == sorted(label_barcodes(label, size, dpi)), (label.kind, size)


def test_native_commands_are_used_for_ean13_and_gs1() -> None:
    sku, _internal, _location, lot = LABELS
    zpl = encode_zpl(stock_label(sku, "60x40"))
    assert b"^BEN," in zpl and b"^FD590123412345^FS" in zpl
    zpl_lot = encode_zpl(stock_label(lot, "100x50")).decode()
    assert "^BCN," in zpl_lot and ",N,N,N,N^FD>;>8010950110153000317270531102025030" in zpl_lot
    tspl = encode_tspl(stock_label(sku, "60x40"))
    assert b'"EAN13",' in tspl and b'"590123412345"\r\n' in tspl
    # GS1-128 on TSPL goes as the exact bars (BITMAP), not as "EAN128".
    assert b"EAN128" not in encode_tspl(stock_label(lot, "100x50"))


def test_gs1_lot_with_a_character_zpl_must_not_see_is_a_bitmap() -> None:
    label = StockLabel("lot", "S", gtin=GTIN, lot="A>B", expiry=date(2027, 5, 31))
    job = encode_stock_labels([label], 1, "100x50", "zpl")
    assert b"^BC" not in job
    (image,) = rasterize_zpl_labels(job)
    assert _texts(image) == ["01095011015300031727053110A>B"]


def test_zpl_mode_d_and_separator_in_the_rasterizer() -> None:
    data = ">;>8010950110153000310>6L42>8>517270531"  # mode N with explicit codes
    job = f"^XA^PW800^LL300^FO40,40^BY2^BCN,100,N,N,N,N^FD{data}^FS^XZ".encode()
    assert _texts(rasterize_zpl_labels(job)[0]) == ["010950110153000310L42\x1d17270531"]
    job = b"^XA^PW800^LL300^FO40,40^BY2^BCN,100,N,N,N,D^FD(01)09501101530003(10)L42>8(17)270531"
    assert _texts(rasterize_zpl_labels(job + b"^FS^XZ")[0]) == ["010950110153000310L42\x1d17270531"]
    tspl = (
        b'SIZE 100 mm,40 mm\r\nCLS\r\nBARCODE 40,40,"EAN128",100,0,0,2,2,"(01)09501101530003"\r\n'
    )
    tspl += b'BARCODE 40,180,"EAN13",80,0,0,3,3,"590123412345"\r\nPRINT 1\r\n'
    assert _texts(rasterize_tspl_labels(tspl)[0]) == ["0109501101530003", "5901234123457"]


def test_zpl_encode_time_per_label() -> None:
    labels = LABELS * 50
    started = time.perf_counter()
    job = encode_stock_labels(labels, 1, "60x40", "zpl")
    per_label = (time.perf_counter() - started) / len(labels)
    started = time.perf_counter()
    encode_stock_labels(labels, 1, "60x40", "tspl")
    per_tspl = (time.perf_counter() - started) / len(labels)
    print(
        f"\nZPL {per_label * 1000:.2f} ms/label ({len(job) / len(labels) / 1000:.1f} kB), "
        f"TSPL {per_tspl * 1000:.2f} ms/label"
    )


def test_copies_and_sizes_are_checked() -> None:
    with pytest.raises(ValueError, match="copies"):
        render_stock_labels_pdf(LABELS, copies=0)
    with pytest.raises(ValueError, match="Unknown label size"):
        render_stock_labels_pdf(LABELS, size="70x30")
    with pytest.raises(ValueError, match="wider label size"):
        render_stock_labels_pdf([StockLabel("location", "A" * 40)], size="50x30")
