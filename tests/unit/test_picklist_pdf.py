"""The A4 pick list PDF, checked the way a picker and a scanner see it.

Pages are rasterised with pdfium (no poppler) and the barcodes decoded with zxing-cpp; text is
extracted from the PDF itself. Nothing here compares PDF source strings except the embedded-font
marker.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from printing import fonts
from printing.barcodes import (
    QUIET_ZONE_MODULES,
    code128_modules,
    code128_width,
    draw_code128,
    snap_module_mm,
)
from printing.picklist import (
    ELLIPSIS,
    FOOTER_H,
    HEADER_H_FIRST,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_H,
    PAGE_W,
    PickListDocument,
    PickListLine,
    format_slots,
    pick_list_columns,
    render_pick_list_pdf,
    wrap_text,
)

WAVE = "W000042"
LONG_NAME = "登山鞋" * 67  # 201 characters, used by no other line
NAMES = (
    "夏季新款纯棉短袖T恤男宽松圆领打底衫",
    "保温杯 500ml 不锈钢",
    "Wireless mouse, silent click",
    LONG_NAME,
    "儿童益智拼图玩具",
    "抽纸 3层 120抽",
)


def make_line(i: int, *, name: str | None = None, slots: bool = True) -> PickListLine:
    return PickListLine(
        seq=i + 1,
        location=f"A-{i // 40 + 1:02d}-{i // 8 % 5 + 1:02d}-{i % 8 + 1:02d}",
        sku=f"SKU-{1000 + i}",
        name=name if name is not None else NAMES[i % len(NAMES)],
        lot=f"L2025{i % 12 + 1:02d}01",
        qty=3 if slots else 1,
        slots=((1, 2), (3, 1)) if slots else (),
        task_code=f"PT{i + 123:06d}",
    )


def make_doc(n: int, *, slots: bool = True, kind: str = "multi-item") -> PickListDocument:
    return PickListDocument(
        wave_code=WAVE,
        title="Pick list 拣货单",
        created_at=datetime(2025, 3, 1, 9, 30),
        created_by="张三",
        kind=kind,
        orders=40,
        units=n * 3,
        zone="A 区",
        carrier="中通 ZTO",
        lines=tuple(make_line(i, slots=slots) for i in range(n)),
    )


def page_texts(pdf: pdfium.PdfDocument) -> list[str]:
    return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]


def decode(page: pdfium.PdfPage, dpi: int) -> list[str]:
    image = page.render(scale=dpi / 72).to_pil().convert("L")
    return sorted(b.text for b in zxingcpp.read_barcodes(image))


@pytest.fixture(scope="module")
def small_doc() -> PickListDocument:
    return make_doc(8)


@pytest.fixture(scope="module")
def small_pdf(small_doc: PickListDocument) -> bytes:
    return render_pick_list_pdf(small_doc)


@pytest.fixture(scope="module")
def big_pdf() -> pdfium.PdfDocument:
    return pdfium.PdfDocument(render_pick_list_pdf(make_doc(500)))


# ---- barcodes as a scanner reads them ----------------------------------------------------------
@pytest.mark.parametrize("dpi", [300, 203])
def test_every_barcode_on_the_page_decodes_to_its_payload(
    small_doc: PickListDocument, small_pdf: bytes, dpi: int
) -> None:
    pdf = pdfium.PdfDocument(small_pdf)
    assert len(pdf) == 1
    expected = sorted([WAVE, *(line.task_code for line in small_doc.lines)])
    assert decode(pdf[0], dpi) == expected


def test_barcodes_on_a_later_page_of_a_long_list_decode(big_pdf: pdfium.PdfDocument) -> None:
    page = len(big_pdf) // 2
    text = page_texts(big_pdf)[page]
    on_page = [f"PT{i + 123:06d}" for i in range(500) if f"PT{i + 123:06d}" in text]
    assert on_page
    assert decode(big_pdf[page], 203) == sorted(on_page)


def test_code128_modules_are_the_symbol_without_quiet_zones() -> None:
    modules = code128_modules("PT000123")
    assert set(modules) == {"0", "1"}
    assert modules.startswith("11010010000")  # start code B
    assert modules.endswith("1100011101011")  # stop pattern


@pytest.mark.parametrize(("dpi", "module_mm"), [(203, 0.25), (203, 0.33), (300, 0.254), (600, 0.3)])
def test_module_is_a_whole_number_of_dots_and_at_least_a_quarter_millimetre(
    dpi: int, module_mm: float
) -> None:
    snapped = snap_module_mm(module_mm, dpi)
    dots = snapped * dpi / 25.4
    assert dots == pytest.approx(round(dots))
    assert snapped >= 0.25 - 1e-9


def test_draw_code128_returns_its_width_with_quiet_zones(tmp_path: Path) -> None:
    canvas = Canvas(str(tmp_path / "unused.pdf"))
    used = draw_code128(canvas, 10, 10, "PT000123", module_mm=0.25, height_mm=10)
    modules = len(code128_modules("PT000123")) + 2 * QUIET_ZONE_MODULES
    assert used == pytest.approx(modules * snap_module_mm(0.25) * mm)
    assert used == pytest.approx(code128_width("PT000123", 0.25))


@pytest.mark.parametrize("payload", ["拣货PT1", "", "PT\n0001", "PT\x7f1", "Ünïcode"])
def test_payloads_that_are_not_printable_ascii_are_refused(payload: str) -> None:
    with pytest.raises(ValueError, match=r"[Bb]arcode"):
        code128_modules(payload)


def test_a_non_ascii_task_code_refuses_the_whole_pick_list() -> None:
    doc = make_doc(3)
    bad = replace(doc, lines=(*doc.lines, replace(make_line(3), task_code="拣货001")))
    with pytest.raises(ValueError, match="printable ASCII"):
        render_pick_list_pdf(bad)


def test_a_non_ascii_wave_code_is_refused() -> None:
    doc = make_doc(2)
    with pytest.raises(ValueError, match="printable ASCII"):
        render_pick_list_pdf(replace(doc, wave_code="波次42"))


# ---- text as a picker reads it -----------------------------------------------------------------
def test_chinese_names_and_wave_code_are_real_text(small_pdf: bytes) -> None:
    (text,) = page_texts(pdfium.PdfDocument(small_pdf))
    assert WAVE in text
    assert "拣货单" in text
    assert "张三" in text
    assert "中通 ZTO" in text
    for name in (
        "夏季新款纯棉短袖T恤男",
        "保温杯 500ml 不锈钢",
        "儿童益智拼图玩具",
        "抽纸 3层 120抽",
    ):
        assert name in text.replace("\r", "").replace("\n", "")
    assert "A-01-01-01" in text
    assert "1×2, 3×1" in text


def test_the_chinese_font_is_embedded_as_truetype(small_pdf: bytes) -> None:
    if fonts.find_cjk_font() is None:
        pytest.skip("no TrueType CJK font installed (apt install fonts-wqy-zenhei)")
    assert b"/FontFile2" in small_pdf


def test_a_200_character_name_is_cut_and_stays_in_its_column(
    small_doc: PickListDocument, small_pdf: bytes
) -> None:
    page = pdfium.PdfDocument(small_pdf)[0]
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    assert LONG_NAME not in text
    assert ELLIPSIS in text
    (name_col,) = (c for c in pick_list_columns(small_doc) if c.key == "name")
    seen = 0
    for index in range(textpage.count_chars()):
        if textpage.get_text_range(index, 1) in {"登", "山", "鞋"}:
            left, _bottom, right, _top = textpage.get_charbox(index)
            assert name_col.x0 <= left and right <= name_col.x1, (index, left, right)
            seen += 1
    assert 10 < seen < len(LONG_NAME)
    # two lines at most: the long name's characters sit on two baselines only
    baselines = {
        round(textpage.get_charbox(i)[1])
        for i in range(textpage.count_chars())
        if textpage.get_text_range(i, 1) == "鞋"
    }
    assert len(baselines) == 2


def test_wrap_text_breaks_latin_at_spaces_and_never_overflows() -> None:
    font = "Helvetica"
    width = 90.0
    lines = wrap_text("Wireless mouse, silent click, 2.4 GHz, black", font, 10, width, 2)
    assert len(lines) == 2
    assert lines[0] == "Wireless mouse,"
    assert lines[1].endswith(ELLIPSIS)
    assert all(stringWidth(line, font, 10) <= width for line in lines)
    assert wrap_text("short", font, 10, width, 2) == ["short"]
    assert wrap_text("   ", font, 10, width, 2) == []


def test_slots_read_slot_times_quantity() -> None:
    assert format_slots(((1, 2), (3, 1))) == "1×2, 3×1"
    assert format_slots(()) == ""


def test_a_single_item_wave_has_no_slots_column() -> None:
    doc = make_doc(4, slots=False, kind="single-item")
    assert "slots" not in {c.key for c in pick_list_columns(doc)}
    (text,) = page_texts(pdfium.PdfDocument(render_pick_list_pdf(doc)))
    assert "Slot" not in text
    assert "single-item" in text


# ---- pagination --------------------------------------------------------------------------------
def test_500_lines_paginate_with_header_row_and_page_n_of_m(big_pdf: pdfium.PdfDocument) -> None:
    texts = page_texts(big_pdf)
    m = len(texts)
    assert m > 5
    for n, text in enumerate(texts, start=1):
        assert f"page {n} of {m}" in text
        assert WAVE in text
        for header in ("库位", "Location", "数量", "Qty", "品名", "Pick task"):
            assert header in text, (n, header)
    # every task exactly once, in walking order across the pages
    joined = "\n".join(texts)
    positions = [joined.find(f"PT{i + 123:06d}") for i in range(500)]
    assert all(p >= 0 for p in positions)
    assert positions == sorted(positions)
    assert all(joined.count(f"PT{i + 123:06d}") == 1 for i in range(500))


# ---- fonts -------------------------------------------------------------------------------------
def test_environment_variable_names_the_font(monkeypatch: pytest.MonkeyPatch) -> None:
    found = fonts.find_cjk_font()
    if found is None:
        pytest.skip("no TrueType CJK font installed (apt install fonts-wqy-zenhei)")
    monkeypatch.setenv(fonts.CJK_FONT_ENV, str(found))
    assert fonts.find_cjk_font() == found


def test_a_missing_or_cff_configured_font_is_skipped_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cff = tmp_path / "NotoSansCJK.otf"
    cff.write_bytes(b"OTTO" + b"\x00" * 60)
    assert not fonts.is_truetype_font(cff)
    assert not fonts.is_truetype_font(tmp_path / "missing.ttf")
    with caplog.at_level(logging.WARNING, logger="printing.fonts"):
        found = fonts.find_cjk_font(cff)
    assert found != cff
    assert "not a TrueType font" in caplog.text


def test_without_any_cjk_font_it_falls_back_to_stsong_and_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    monkeypatch.setattr(fonts, "_registered", {})
    monkeypatch.setattr(fonts, "find_cjk_font", lambda configured=None: None)
    with caplog.at_level(logging.WARNING, logger="printing.fonts"):
        assert fonts.register_cjk_font() == fonts.FALLBACK_CID_FONT
    assert "fonts-wqy-zenhei" in caplog.text
    pdf = pdfium.PdfDocument(render_pick_list_pdf(make_doc(2)))
    assert WAVE in decode(pdf[0], 203)


def test_registration_is_cached() -> None:
    assert fonts.register_cjk_font() == fonts.register_cjk_font()


def test_no_text_in_the_table_crosses_a_column_edge() -> None:
    extreme = PickListLine(
        seq=9999,
        location="B区-超长库位-001-002-003-004-005",
        sku="SKU-VERY-LONG-CODE-1234567890-ABCDEFGHIJ",
        name="Extraordinarilylongwordwithoutanyspacesatall" * 4,
        lot="批次二〇二五年三月一日到货第十七号托盘",
        qty=123456,
        slots=tuple((s, 100 + s) for s in range(1, 40)),
        task_code="PT999999",
    )
    doc = replace(make_doc(3), lines=(*make_doc(3).lines, extreme))
    columns = pick_list_columns(doc)
    page = pdfium.PdfDocument(render_pick_list_pdf(doc))[0]
    textpage = page.get_textpage()
    table_top = PAGE_H - MARGIN_TOP - HEADER_H_FIRST
    checked = 0
    for index in range(textpage.count_chars()):
        if textpage.get_text_range(index, 1).isspace():
            continue
        left, bottom, right, top = textpage.get_charbox(index)
        if top > table_top or bottom < MARGIN_BOTTOM + FOOTER_H or right <= left:
            continue  # page header, footer, or an empty box
        checked += 1
        assert left >= MARGIN_X - 0.5 and right <= PAGE_W - MARGIN_X + 0.5
        for col in columns:
            assert not (left + 0.5 < col.x0 < right - 0.5), (
                textpage.get_text_range(index, 1),
                col.key,
            )
    assert checked > 200
    text = textpage.get_text_range()
    assert "123456" in text and "9999" in text
    assert "39×139" in text  # slots are never cut: a picker needs every one


def test_an_empty_wave_still_renders_one_page() -> None:
    pdf = pdfium.PdfDocument(render_pick_list_pdf(replace(make_doc(0), lines=())))
    assert len(pdf) == 1
    assert decode(pdf[0], 203) == [WAVE]
