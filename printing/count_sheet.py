"""The count sheet (盘点单): CountSheetDocument in, A4 PDF bytes out.

What a counter takes to the shelves when counting on paper: the count's code with its Code 128
barcode, the scope, the round (初盘 count / 复盘 recount), the date and a line for the counter's
name; then one row per location in walking order — its code large with its Code 128 barcode
(scanned when the sheet is keyed in at a station) and three empty lines of boxes to write the
SKU, the lot and the quantity counted.  **Blind**: the sheet carries no expected quantity and
no SKU expected there (a recount row says who counted it before, so it goes to someone else).
Every page says "page n of m" with the count's code and round.

Pure: the only I/O is reading the font file.  Rows have one height, so pages are known before
drawing.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from printing.a4 import (
    Column,
    draw_code_header,
    draw_column_rules,
    draw_continued_header,
    draw_footer,
    draw_label_value,
    draw_table_head,
    lay_columns,
    paginate,
)
from printing.barcodes import (
    LASER_DPI,
    code128_width,
    draw_code128,
    validate_payload,
)
from printing.fonts import register_cjk_font
from printing.text import BOLD, FontPicker, clean_text, fit_size, wrap_text
from printing.text import draw_text as _draw_text

__all__ = [
    "CountSheetDocument",
    "CountSheetLabels",
    "CountSheetLine",
    "render_count_sheet_pdf",
]


@dataclass(frozen=True)
class CountSheetLine:
    location: str  # the barcode's payload (printable ASCII)
    zone: str
    done: bool = False  # counted already in this round (a reprint)
    counted_by: tuple[str, ...] = ()  # who counted it in the earlier rounds


@dataclass(frozen=True)
class CountSheetDocument:
    code: str  # barcode payload, e.g. "SC000001"
    scope: str
    round: int
    printed_at: datetime
    created_by: str
    lines: tuple[CountSheetLine, ...]


@dataclass(frozen=True)
class CountSheetLabels:
    """The fixed words, bilingual (a floor reads both)."""

    title: str = "盘点单 Count sheet"
    blind: str = "盲盘：只写实际找到的 SKU、批次和数量 · Blind count: write what you find"
    scope: str = "范围 Scope"
    round: str = "轮次 Round"
    first_round: str = "初盘 count"
    recount: str = "复盘 recount"
    date: str = "日期 Date"
    made_by: str = "制单 Made by"
    locations: str = "库位 Locations"
    counter: str = "盘点人 Counter: ____________________"
    signature: str = "签字 Signature: ____________________"
    seq: tuple[str, str] = ("序号", "No.")
    location: tuple[str, str] = ("库位 / 条码", "Location / barcode")
    sku: tuple[str, str] = ("SKU / 品名", "SKU / name")
    lot: tuple[str, str] = ("批次", "Lot")
    qty: tuple[str, str] = ("实盘数量", "Counted")
    done: str = "已盘 counted"
    counted_by: str = "前次 before: {names}"
    page_of: str = "page {n} of {m} · 第 {n}/{m} 页"
    continued: str = "(continued 续)"


# ---- geometry (points) -----------------------------------------------------------------------
PAGE_W: float = A4[0]
PAGE_H: float = A4[1]
MARGIN_X: float = 10 * mm
MARGIN_TOP: float = 10 * mm
MARGIN_BOTTOM: float = 10 * mm
FOOTER_H: float = 8 * mm
HEADER_H_FIRST: float = 50 * mm
HEADER_H_NEXT: float = 12 * mm
TABLE_HEAD_H: float = 10 * mm
TABLE_W: float = PAGE_W - 2 * MARGIN_X
CELL_PAD: float = 1.5 * mm

CODE_MODULE_MM = 0.34
CODE_BAR_MM = 13.0
LOCATION_MODULE_MM = 0.254  # as the pick list's task codes: 3 dots at 300 dpi
LOCATION_BAR_MM = 9.0
LOCATION_SIZE = 14.0
WRITE_LINES = 3  # lines of boxes per location: a location may hold several SKUs or lots
ROW_H: float = 24 * mm
MIN_LOCATION_COL: float = 46 * mm
MAX_LOCATION_COL: float = 72 * mm

_FIXED: dict[str, float] = {"seq": 10 * mm, "lot": 36 * mm, "qty": 26 * mm}


def _columns(doc: CountSheetDocument) -> tuple[Column, ...]:
    widest = max(
        (code128_width(line.location, LOCATION_MODULE_MM, LASER_DPI) for line in doc.lines),
        default=0.0,
    )
    location_w = max(widest + 2 * CELL_PAD, MIN_LOCATION_COL)
    if location_w > MAX_LOCATION_COL:
        raise ValueError(
            f"A location code is too long for the count sheet's barcode column "
            f"({location_w / mm:.0f} mm > {MAX_LOCATION_COL / mm:.0f} mm)."
        )
    spec = (("seq", _FIXED["seq"]), ("location", location_w), ("sku", 0.0))
    return lay_columns(MARGIN_X, TABLE_W, (*spec, ("lot", _FIXED["lot"]), ("qty", _FIXED["qty"])))


def _pages(rows: int) -> list[list[int]]:
    body = MARGIN_BOTTOM + FOOTER_H + TABLE_HEAD_H
    first = PAGE_H - MARGIN_TOP - HEADER_H_FIRST - body
    return paginate([ROW_H] * rows, first, PAGE_H - MARGIN_TOP - HEADER_H_NEXT - body)


def _round_words(doc: CountSheetDocument, lab: CountSheetLabels) -> str:
    return f"{doc.round} · {lab.first_round if doc.round == 1 else lab.recount}"


# ---- drawing -----------------------------------------------------------------------------------
def _draw_header_first(
    c: Canvas, doc: CountSheetDocument, fonts: FontPicker, lab: CountSheetLabels
) -> None:
    top = PAGE_H - MARGIN_TOP
    text_w = draw_code_header(
        c, fonts, (MARGIN_X, top, TABLE_W), lab.title, doc.code, (CODE_MODULE_MM, CODE_BAR_MM)
    )
    y = top - 16 - 30 - 16
    draw_label_value(c, fonts, MARGIN_X, y, text_w, lab.scope, doc.scope)
    y -= 15
    third = TABLE_W / 3
    for k, (label, value) in enumerate(
        (
            (lab.round, _round_words(doc, lab)),
            (lab.date, f"{doc.printed_at:%Y-%m-%d}"),
            (lab.locations, str(len(doc.lines))),
        )
    ):
        draw_label_value(c, fonts, MARGIN_X + k * third, y, third - 3 * mm, label, value)
    y -= 15
    draw_label_value(c, fonts, MARGIN_X, y, TABLE_W, lab.made_by, doc.created_by)
    y -= 20
    for k, words in enumerate((lab.counter, lab.signature)):
        font = fonts.pick(words, bold=True)
        _draw_text(c, MARGIN_X + k * TABLE_W / 2, y, words, font, 11.5, bold=True)
    y -= 15
    font = fonts.pick(lab.blind)
    fitted = wrap_text(lab.blind, font, 9.5, TABLE_W, 1)
    _draw_text(c, MARGIN_X, y, fitted[0] if fitted else "", font, 9.5)


def _draw_header_next(
    c: Canvas, doc: CountSheetDocument, fonts: FontPicker, lab: CountSheetLabels
) -> None:
    rest = f"{lab.title} · {lab.round} {_round_words(doc, lab)} · {doc.scope} {lab.continued}"
    draw_continued_header(c, fonts, (MARGIN_X, PAGE_H - MARGIN_TOP, TABLE_W), doc.code, rest)


def _draw_row(
    c: Canvas,
    top: float,
    seq: int,
    line: CountSheetLine,
    columns: tuple[Column, ...],
    fonts: FontPicker,
    lab: CountSheetLabels,
) -> None:
    bottom = top - ROW_H
    by_key = {col.key: col for col in columns}
    if line.done:
        c.setFillGray(0.93)
        c.rect(MARGIN_X, bottom, TABLE_W, ROW_H, stroke=0, fill=1)
        c.setFillGray(0)
    c.setFont(BOLD, 11)
    c.drawString(by_key["seq"].x0 + CELL_PAD, top - CELL_PAD - 10, str(seq))
    # the location: its code large, its barcode under it
    loc = by_key["location"]
    text = clean_text(line.location)
    font = fonts.pick(text, bold=True)
    size = fit_size(text, font, LOCATION_SIZE, 9.0, loc.width - 2 * CELL_PAD)
    _draw_text(c, loc.x0 + CELL_PAD, top - CELL_PAD - size * 0.85, text, font, size, bold=True)
    draw_code128(
        c,
        loc.x0 + CELL_PAD,
        bottom + CELL_PAD + 3.2 * mm,
        line.location,
        LOCATION_MODULE_MM,
        LOCATION_BAR_MM,
        human_readable=False,
        dpi=LASER_DPI,
    )
    note = ""
    if line.done:
        note = lab.done
    elif line.counted_by:
        note = lab.counted_by.format(names=", ".join(line.counted_by))
    if note:
        note = clean_text(note)
        small = fonts.pick(note)
        fitted = wrap_text(note, small, 8.5, loc.width - 2 * CELL_PAD, 1)
        _draw_text(c, loc.x0 + CELL_PAD, bottom + CELL_PAD, fitted[0] if fitted else "", small, 8.5)
    # the lines of boxes to write in
    line_h = ROW_H / WRITE_LINES
    c.saveState()
    c.setStrokeGray(0.6)
    c.setLineWidth(0.4)
    x0, x1 = by_key["sku"].x0, MARGIN_X + TABLE_W
    for k in range(1, WRITE_LINES):
        y = top - k * line_h
        c.line(x0, y, x1, y)
    c.restoreState()
    c.setLineWidth(0.8)
    for y in (top, bottom):  # the top too: a shaded row must not hide the rule above it
        c.line(MARGIN_X, y, MARGIN_X + TABLE_W, y)


def render_count_sheet_pdf(
    doc: CountSheetDocument,
    font_path: Path | None = None,
    *,
    labels: CountSheetLabels | None = None,
) -> bytes:
    """Render ``doc`` as an A4 portrait PDF.  ValueError when the count's code or a location's
    cannot be a Code 128 barcode (printable ASCII only) or is too long for its column."""
    validate_payload(doc.code)
    for line in doc.lines:
        validate_payload(line.location)
    lab = labels or CountSheetLabels()
    fonts = FontPicker(register_cjk_font(font_path))
    columns = _columns(doc)
    titles = {"seq": lab.seq, "location": lab.location, "sku": lab.sku, "lot": lab.lot}
    titles["qty"] = lab.qty
    pages = _pages(len(doc.lines))

    out = io.BytesIO()
    c = Canvas(out, pagesize=A4, pageCompression=1, invariant=True)
    c.setTitle(f"{lab.title} {doc.code}")
    c.setAuthor(doc.created_by)
    c.setCreator("Packdesk")
    for n, rows in enumerate(pages, start=1):
        if n == 1:
            _draw_header_first(c, doc, fonts, lab)
            top = PAGE_H - MARGIN_TOP - HEADER_H_FIRST
        else:
            _draw_header_next(c, doc, fonts, lab)
            top = PAGE_H - MARGIN_TOP - HEADER_H_NEXT
        table_top = top
        draw_table_head(
            c,
            fonts,
            (MARGIN_X, top, TABLE_W, TABLE_HEAD_H),
            [(col.x0 + CELL_PAD, col.width - 2 * CELL_PAD, titles[col.key]) for col in columns],
        )
        top -= TABLE_HEAD_H
        for i in rows:
            _draw_row(c, top, i + 1, doc.lines[i], columns, fonts, lab)
            top -= ROW_H
        draw_column_rules(c, table_top, top, columns)
        c.setLineWidth(0.8)
        c.rect(MARGIN_X, top, TABLE_W, table_top - top, stroke=1, fill=0)
        left = f"{doc.code} · {lab.title} · {lab.round} {doc.round}"
        draw_footer(
            c,
            fonts,
            MARGIN_X,
            PAGE_W - MARGIN_X,
            MARGIN_BOTTOM + 1.5 * mm,
            left,
            lab.page_of.format(n=n, m=len(pages)),
        )
        c.showPage()
    c.save()
    return out.getvalue()
