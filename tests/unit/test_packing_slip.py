"""The packing slip (包裹清单): barcodes as a scanner reads them, text as a packer reads it."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from datetime import datetime

import pypdfium2 as pdfium
import pytest
import zxingcpp
from PIL import Image

from printing.fonts import find_cjk_font
from printing.packing_slip import (
    PackingSlipDocument,
    SlipLine,
    render_packing_slip_pdf,
    slip_columns,
)

needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="no poppler-utils")
needs_cjk_font = pytest.mark.skipif(find_cjk_font() is None, reason="no CJK TrueType font")

ORDER = "TB202503010001234"
NAMES = (
    "夏季新款纯棉短袖T恤男宽松圆领打底衫 白色 XL",
    "保温杯 500ml 不锈钢",
    "Wireless mouse, silent click, 2.4 GHz, black",
    "儿童益智拼图玩具" * 6,
    "抽纸 3层 120抽",
)


def make(n: int) -> PackingSlipDocument:
    return PackingSlipDocument(
        order_no=ORDER,
        shop="优选家居旗舰店",
        buyer_name="李雷",
        ordered_at=datetime(2025, 3, 1, 9, 12),
        lines=tuple(SlipLine(f"SKU-{1000 + i}", NAMES[i % 5], i % 4 + 1) for i in range(n)),
        gifts=(SlipLine("GIFT-01", "试用装面膜 Sample face mask", 2),),
        inserts=("售后服务卡 After-sales card", "手写感谢信 Thank-you note"),
        note="请不要放发票，谢谢",
        return_policy="7天无理由退货 7-day no-reason returns",
        tracking_no="SF1234567890123",
        carrier_name="顺丰速运",
        printed_at=datetime(2025, 3, 1, 10, 0),
    )


def pages_png(pdf: bytes, dpi: int) -> list[Image.Image]:
    document = pdfium.PdfDocument(pdf)
    return [document[i].render(scale=dpi / 72).to_pil().convert("L") for i in range(len(document))]


def poppler_page(pdf: bytes, dpi: int, page: int) -> Image.Image:
    import io

    out = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", "-f", str(page), "-l", str(page), "-singlefile"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout
    return Image.open(io.BytesIO(out)).convert("L")


def texts(pdf: bytes) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    return [document[i].get_textpage().get_text_range() for i in range(len(document))]


def decode(img: Image.Image) -> list[str]:
    return sorted(r.text for r in zxingcpp.read_barcodes(img))


@pytest.fixture(scope="module", params=["a4", "a5"])
def size(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def small(size: str) -> bytes:
    return render_packing_slip_pdf(make(5), size)


@pytest.fixture(scope="module")
def big(size: str) -> bytes:
    return render_packing_slip_pdf(make(60), size)


@needs_poppler
@pytest.mark.parametrize("dpi", [203, 300])
def test_the_order_barcode_decodes(small: bytes, dpi: int) -> None:
    assert decode(poppler_page(small, dpi, 1)) == [ORDER]
    assert decode(pages_png(small, dpi)[0]) == [ORDER]


def test_page_size(small: bytes, size: str) -> None:
    w, h = pdfium.PdfDocument(small)[0].get_size()
    expected = {"a4": (210, 297), "a5": (148, 210)}[size]
    assert (w * 25.4 / 72, h * 25.4 / 72) == pytest.approx(expected, abs=0.5)


@needs_cjk_font
def test_text(small: bytes) -> None:
    (text,) = texts(small)
    flat = "".join(text.split())
    for expected in (
        "包裹清单",
        "Packing slip",
        "优选家居旗舰店",
        ORDER,
        "李雷",
        "2025-03-01 09:12",
        "SKU-1000",
        "保温杯500ml不锈钢",
        "赠品",
        "试用装面膜",
        "附件",
        "售后服务卡",
        "请不要放发票，谢谢",
        "7天无理由退货7-dayno-reasonreturns",
        "SF1234567890123",
    ):
        assert "".join(expected.split()) in flat, expected
    assert "Total: 11" in text
    assert "page 1 / 1" in text


@needs_poppler
@needs_cjk_font
def test_the_cjk_font_is_embedded(small: bytes) -> None:
    out = subprocess.run(["pdffonts", "-"], input=small, capture_output=True, check=True)
    rows = [line.split() for line in out.stdout.decode().splitlines()[2:]]
    cjk = [r for r in rows if not r[0].startswith("Helvetica")]
    assert cjk and all(r[-5] == "yes" for r in cjk)


@needs_poppler
def test_60_lines_paginate_with_header_and_barcode_on_every_page(big: bytes) -> None:
    pages = texts(big)
    m = len(pages)
    assert m >= 2
    for n, text in enumerate(pages, start=1):
        assert f"page {n} / {m}" in text
        assert ORDER in text
        assert "品名" in text or n == m  # the table header row repeats while the table runs
        assert decode(poppler_page(big, 203, n)) == [ORDER]
    joined = "\n".join(pages)
    positions = [joined.find(f"SKU-{1000 + i}") for i in range(60)]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)
    assert "Total: 150" in pages[-1]
    assert "7天无理由退货" in pages[-1]


def test_no_text_crosses_a_column_edge(size: str) -> None:
    extreme = SlipLine("SKU-" + "Z" * 80, "Extraordinarilylongwordwithoutspaces" * 5, 123456)
    doc = replace(make(3), lines=(*make(3).lines, extreme))
    page = pdfium.PdfDocument(render_packing_slip_pdf(doc, size))[0]
    textpage = page.get_textpage()
    cols = slip_columns(size)
    boxes = [
        (textpage.get_text_range(i, 1), textpage.get_charbox(i))
        for i in range(textpage.count_chars())
    ]
    # the extreme row: from its SKU's "Z"s, top to bottom
    xs = [box for ch, box in boxes if ch == "Z"]
    assert xs
    low, high = min(b[1] for b in xs) - 30, max(b[3] for b in xs) + 2
    (sku_col,) = (c for c in cols if c.key == "sku")
    assert all(sku_col.x0 <= b[0] and b[2] <= sku_col.x1 for b in xs)
    checked = 0
    for ch, (left, bottom, right, top) in boxes:
        if ch.isspace() or right <= left or not (low <= bottom and top <= high):
            continue
        for col in cols[1:]:
            assert not (left + 0.5 < col.x0 < right - 0.5), (ch, col.key)
        checked += 1
    assert checked > 60
    assert "123456" in textpage.get_text_range()


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="printable ASCII"):
        render_packing_slip_pdf(replace(make(1), order_no="订单1"))
    with pytest.raises(ValueError, match="Unknown packing slip size"):
        render_packing_slip_pdf(make(1), "letter")


def test_an_empty_order_still_renders() -> None:
    pdf = render_packing_slip_pdf(replace(make(0), gifts=(), inserts=(), note="", return_policy=""))
    assert len(pdfium.PdfDocument(pdf)) == 1
