"""The printable A4 pick list (拣货单): PickListDocument in, PDF bytes out.

Made to be read from an arm's length while pushing a cart: a header with the wave barcode, then
one row per pick task in walking order with the location and quantity large, the name wrapped to
two lines at most (cut with "…"), the slot split for multi-item waves and a Code 128 barcode of the
task code. Every page repeats the table header row and says "page n of m" with the wave code.

Pure: the only I/O is reading the font file. Layout is computed first (so the page count is
known), then drawn with reportlab's canvas; text never leaves its column.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from printing.a4 import Column as TableColumn
from printing.a4 import (
    draw_column_rules,
    draw_continued_header,
    draw_footer,
    draw_label_value,
    draw_table_head,
    paginate,
)
from printing.barcodes import (
    LASER_DPI,
    code128_height,
    code128_width,
    draw_code128,
    validate_payload,
)
from printing.fonts import register_cjk_font
from printing.text import BOLD, ELLIPSIS, Font, clean_text, wrap_text
from printing.text import FontPicker as _Fonts
from printing.text import draw_text as _draw_text
from printing.text import fit_size as _fit_size

__all__ = [
    "ELLIPSIS",
    "PickListDocument",
    "PickListLabels",
    "PickListLine",
    "format_slots",
    "pick_list_columns",
    "render_pick_list_pdf",
    "wrap_text",
]


@dataclass(frozen=True)
class PickListLine:
    seq: int  # walking order, 1..n
    location: str  # "A-01-02-03"
    sku: str
    name: str  # may be Chinese, may be long
    lot: str
    qty: int  # total for this lot + location, merged across orders
    slots: tuple[tuple[int, int], ...]  # (slot / tote number, qty); empty for single-item waves
    task_code: str  # barcode payload of this pick task, e.g. "PT000123" (printable ASCII)


@dataclass(frozen=True)
class PickListDocument:
    wave_code: str  # barcode payload, e.g. "W000042"
    title: str  # e.g. "Pick list 拣货单"
    created_at: datetime
    created_by: str
    kind: str  # "single-item" / "multi-item" / "mixed"
    orders: int
    units: int
    zone: str | None
    carrier: str | None
    lines: tuple[PickListLine, ...]


def _default_kinds() -> dict[str, str]:
    return {
        "single-item": "single-item 单件",
        "multi-item": "multi-item 多件",
        "mixed": "mixed 混合",
    }


@dataclass(frozen=True)
class PickListLabels:
    """Fixed words printed on the list; bilingual by default (a floor reads both)."""

    seq: tuple[str, str] = ("序号", "No.")
    location: tuple[str, str] = ("库位", "Location")
    sku: tuple[str, str] = ("SKU", "")
    name: tuple[str, str] = ("品名", "Name")
    lot: tuple[str, str] = ("批次", "Lot")
    qty: tuple[str, str] = ("数量", "Qty")
    slots: tuple[str, str] = ("格口×数量", "Slot×qty")
    task: tuple[str, str] = ("拣货任务", "Pick task")
    created: str = "Created 创建"
    kind: str = "Kind 类型"
    orders: str = "Orders 订单"
    units: str = "Units 件数"
    zone: str = "Zone 库区"
    carrier: str = "Carrier 快递"
    any_value: str = "all 全部"
    page_of: str = "page {n} of {m} · 第 {n}/{m} 页"
    continued: str = "(continued 续)"
    kinds: dict[str, str] = field(default_factory=_default_kinds)


# ---- geometry (points) -------------------------------------------------------------------------
PAGE_W: float = A4[0]
PAGE_H: float = A4[1]
MARGIN_X: float = 8 * mm
MARGIN_TOP: float = 8 * mm
MARGIN_BOTTOM: float = 8 * mm
FOOTER_H: float = 7 * mm
HEADER_H_FIRST: float = 38 * mm
HEADER_H_NEXT: float = 11 * mm
TABLE_HEAD_H: float = 10 * mm
CELL_PAD_X: float = 1.5 * mm
CELL_PAD_Y: float = 1.8 * mm
TABLE_W: float = PAGE_W - 2 * MARGIN_X

WAVE_MODULE_MM = 0.34  # 4 dots at 300 dpi: the header barcode is scanned from further away
WAVE_BAR_MM = 14.0
TASK_MODULE_MM = 0.254  # 3 dots at 300 / 6 at 600 dpi, 2.03 dots at 203 dpi
TASK_BAR_MM = 8.0
MAX_BARCODE_COL: float = 64 * mm
MIN_NAME_COL: float = 30 * mm

LOC_MAX, LOC_MIN = 15.5, 10.0
SEQ_SIZE = 11.0
SKU_SIZE = 10.0
NAME_SIZE = 9.5
LOT_SIZE = 9.5
QTY_SIZE = 22.0
SLOT_SIZE = 10.0
LEADING = 1.2

# Fixed column widths; the name column takes what is left.
_FIXED_WIDTHS: dict[str, float] = {
    "seq": 10 * mm,
    "location": 33 * mm,
    "sku": 23 * mm,
    "lot": 20 * mm,
    "qty": 16 * mm,
    "slots": 22 * mm,
}


@dataclass(frozen=True)
class Column(TableColumn):
    @property
    def inner(self) -> float:
        return self.width - 2 * CELL_PAD_X


def _has_slots(doc: PickListDocument) -> bool:
    return any(line.slots for line in doc.lines)


def pick_list_columns(doc: PickListDocument) -> tuple[Column, ...]:
    """The table's columns for ``doc``, left to right, in points from the page's left edge.

    The slots column is left out when no line has slots (single-item waves); the barcode column
    is as wide as the widest task barcode with its quiet zones.
    """
    widest = max(
        (code128_width(line.task_code, TASK_MODULE_MM, LASER_DPI) for line in doc.lines),
        default=30 * mm,
    )
    barcode_w = max(widest + 2 * mm, 30 * mm)
    if barcode_w > MAX_BARCODE_COL:
        raise ValueError(
            f"A task code is too long for the pick list's barcode column "
            f"({barcode_w / mm:.0f} mm > {MAX_BARCODE_COL / mm:.0f} mm); keep task codes short."
        )
    keys = ["seq", "location", "sku", "name", "lot", "qty"]
    if _has_slots(doc):
        keys.append("slots")
    keys.append("task")
    fixed = sum(_FIXED_WIDTHS[k] for k in keys if k in _FIXED_WIDTHS) + barcode_w
    widths = {k: _FIXED_WIDTHS.get(k, 0.0) for k in keys}
    widths["task"] = barcode_w
    widths["name"] = TABLE_W - fixed
    if widths["name"] < MIN_NAME_COL:
        raise ValueError("The pick list's columns do not fit on A4; task codes are too long.")
    columns: list[Column] = []
    x = MARGIN_X
    for k in keys:
        columns.append(Column(k, x, x + widths[k]))
        x += widths[k]
    return tuple(columns)


def format_slots(slots: Sequence[tuple[int, int]]) -> str:
    """(slot, qty) pairs as "1×2, 3×1": slot 1 gets two units, slot 3 one."""
    return ", ".join(f"{slot}×{qty}" for slot, qty in slots)


# ---- layout ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Cell:
    lines: tuple[str, ...]
    font: Font
    size: float


@dataclass(frozen=True)
class _Row:
    line: PickListLine
    cells: dict[str, _Cell]
    height: float


def _fit_location(text: str, fonts: _Fonts, width: float) -> _Cell:
    text = clean_text(text)
    font = fonts.pick(text, bold=True)
    size = _fit_size(text, font, LOC_MAX, LOC_MIN, width)
    return _Cell(tuple(wrap_text(text, font, size, width, 2)), font, size)


def _fit_number(value: int, font: str, largest: float, width: float) -> _Cell:
    text = str(value)
    size = _fit_size(text, font, largest, 6.0, width)
    return _Cell(tuple(wrap_text(text, font, size, width, 1)), font, size)


def _layout_row(
    line: PickListLine, columns: dict[str, Column], fonts: _Fonts, max_height: float
) -> _Row:
    validate_payload(line.task_code)
    cells: dict[str, _Cell] = {
        "seq": _fit_number(line.seq, BOLD, SEQ_SIZE, columns["seq"].inner),
        "location": _fit_location(line.location, fonts, columns["location"].inner),
        "qty": _fit_number(line.qty, BOLD, QTY_SIZE, columns["qty"].inner),
    }
    for key, text, size in (
        ("sku", line.sku, SKU_SIZE),
        ("name", line.name, NAME_SIZE),
        ("lot", line.lot, LOT_SIZE),
    ):
        text = clean_text(text)
        font = fonts.pick(text)
        cells[key] = _Cell(tuple(wrap_text(text, font, size, columns[key].inner, 2)), font, size)
    min_height = 2 * CELL_PAD_Y + code128_height(TASK_BAR_MM, human_readable=True)
    if "slots" in columns:
        text = format_slots(line.slots)
        font = fonts.pick(text)
        fit = max(int((max_height - 2 * CELL_PAD_Y) // (SLOT_SIZE * LEADING)), 1)
        wrapped = wrap_text(text, font, SLOT_SIZE, columns["slots"].inner, fit)
        cells["slots"] = _Cell(tuple(wrapped), font, SLOT_SIZE)
    height = max(
        [min_height] + [2 * CELL_PAD_Y + len(c.lines) * c.size * LEADING for c in cells.values()]
    )
    return _Row(line, cells, height)


def _paginate(rows: Sequence[_Row]) -> list[list[_Row]]:
    bottom = MARGIN_BOTTOM + FOOTER_H + TABLE_HEAD_H
    first = PAGE_H - MARGIN_TOP - HEADER_H_FIRST - bottom
    later = PAGE_H - MARGIN_TOP - HEADER_H_NEXT - bottom
    return [[rows[i] for i in page] for page in paginate([r.height for r in rows], first, later)]


# ---- drawing -----------------------------------------------------------------------------------
def _draw_header_first(
    c: Canvas, doc: PickListDocument, fonts: _Fonts, lab: PickListLabels
) -> None:
    top = PAGE_H - MARGIN_TOP
    bc_w = code128_width(doc.wave_code, WAVE_MODULE_MM, LASER_DPI)
    bc_h = code128_height(WAVE_BAR_MM, human_readable=True)
    bc_x = PAGE_W - MARGIN_X - bc_w
    draw_code128(c, bc_x, top - bc_h, doc.wave_code, WAVE_MODULE_MM, WAVE_BAR_MM, dpi=LASER_DPI)

    text_w = bc_x - MARGIN_X - 4 * mm
    title_text = clean_text(doc.title)
    title_font = fonts.pick(title_text, bold=True)
    title = wrap_text(title_text, title_font, 16, text_w, 1)
    _draw_text(c, MARGIN_X, top - 14, title[0] if title else "", title_font, 16, bold=True)
    c.setFont(BOLD, 26)
    c.drawString(MARGIN_X, top - 14 - 28, doc.wave_code)

    kind = lab.kinds.get(doc.kind, doc.kind)
    # (label, value, x offset, width) on three lines; values bold so they stand out.
    grid = (
        ((lab.created, f"{doc.created_at:%Y-%m-%d %H:%M} · {doc.created_by}", 0.0, text_w),),
        (
            (lab.kind, kind, 0.0, 70 * mm),
            (lab.orders, str(doc.orders), 72 * mm, 38 * mm),
            (lab.units, str(doc.units), 112 * mm, TABLE_W - 112 * mm),
        ),
        (
            (lab.zone, doc.zone or lab.any_value, 0.0, 70 * mm),
            (lab.carrier, doc.carrier or lab.any_value, 72 * mm, TABLE_W - 72 * mm),
        ),
    )
    y = top - 14 - 28 - 17
    for cells in grid:
        for label, value, dx, width in cells:
            draw_label_value(c, fonts, MARGIN_X + dx, y, width, label, value)
        y -= 14.5


def _draw_header_next(c: Canvas, doc: PickListDocument, fonts: _Fonts, lab: PickListLabels) -> None:
    rest = f"{doc.title} {lab.continued}"
    draw_continued_header(c, fonts, (MARGIN_X, PAGE_H - MARGIN_TOP, TABLE_W), doc.wave_code, rest)


def _draw_table_head(
    c: Canvas, top: float, columns: Sequence[Column], fonts: _Fonts, lab: PickListLabels
) -> None:
    titles = {
        "seq": lab.seq,
        "location": lab.location,
        "sku": lab.sku,
        "name": lab.name,
        "lot": lab.lot,
        "qty": lab.qty,
        "slots": lab.slots,
        "task": lab.task,
    }
    draw_table_head(
        c,
        fonts,
        (MARGIN_X, top, TABLE_W, TABLE_HEAD_H),
        [(col.x0 + CELL_PAD_X, col.inner, titles[col.key]) for col in columns],
    )


def _draw_row(c: Canvas, top: float, row: _Row, columns: Sequence[Column], shade: bool) -> None:
    bottom = top - row.height
    if shade:
        c.setFillGray(0.93)
        c.rect(MARGIN_X, bottom, TABLE_W, row.height, stroke=0, fill=1)
        c.setFillGray(0)
    for col in columns:
        if col.key == "task":
            bc_h = code128_height(TASK_BAR_MM, human_readable=True)
            bc_w = code128_width(row.line.task_code, TASK_MODULE_MM, LASER_DPI)
            x = col.x0 + (col.width - bc_w) / 2
            draw_code128(
                c,
                x,
                top - CELL_PAD_Y - bc_h,
                row.line.task_code,
                TASK_MODULE_MM,
                TASK_BAR_MM,
                dpi=LASER_DPI,
            )
            continue
        cell = row.cells[col.key]
        y = top - CELL_PAD_Y - cell.size * 0.9
        for text in cell.lines:
            if col.key == "qty":
                x = col.x1 - CELL_PAD_X
                _draw_text(c, x, y, text, cell.font, cell.size, True, right=True)
            else:
                bold = col.key == "location"
                _draw_text(c, col.x0 + CELL_PAD_X, y, text, cell.font, cell.size, bold)
            y -= cell.size * LEADING
        if col.key == "seq":  # a box to tick once the task is picked
            box = 4.5 * mm
            c.setLineWidth(0.8)
            c.rect(col.x0 + (col.width - box) / 2, y - box + cell.size * 0.6, box, box)
    c.setLineWidth(0.5)
    c.line(MARGIN_X, bottom, MARGIN_X + TABLE_W, bottom)


def _draw_footer(
    c: Canvas, doc: PickListDocument, fonts: _Fonts, lab: PickListLabels, n: int, m: int
) -> None:
    left = f"{doc.wave_code} · {doc.title}"
    right = lab.page_of.format(n=n, m=m)
    draw_footer(c, fonts, MARGIN_X, PAGE_W - MARGIN_X, MARGIN_BOTTOM + 1.5 * mm, left, right)


def render_pick_list_pdf(
    doc: PickListDocument,
    font_path: Path | None = None,
    *,
    labels: PickListLabels | None = None,
) -> bytes:
    """Render ``doc`` as an A4 portrait PDF and return its bytes.

    ``font_path`` is a TrueType (.ttf/.ttc) Chinese font; None means the configured/system one
    (see :mod:`printing.fonts`). Raises ValueError when the wave code or a task code cannot be
    a Code 128 barcode (printable ASCII only).
    """
    validate_payload(doc.wave_code)
    lab = labels or PickListLabels()
    fonts = _Fonts(register_cjk_font(font_path))
    columns = pick_list_columns(doc)
    by_key = {col.key: col for col in columns}
    body_max = PAGE_H - MARGIN_TOP - HEADER_H_NEXT - TABLE_HEAD_H - MARGIN_BOTTOM - FOOTER_H
    rows = [_layout_row(line, by_key, fonts, body_max) for line in doc.lines]
    pages = _paginate(rows)

    out = io.BytesIO()
    c = Canvas(out, pagesize=A4, pageCompression=1, invariant=True)
    c.setTitle(f"{doc.title} {doc.wave_code}")
    c.setAuthor(doc.created_by)
    c.setCreator("Packdesk")
    for n, page_rows in enumerate(pages, start=1):
        if n == 1:
            _draw_header_first(c, doc, fonts, lab)
            top = PAGE_H - MARGIN_TOP - HEADER_H_FIRST
        else:
            _draw_header_next(c, doc, fonts, lab)
            top = PAGE_H - MARGIN_TOP - HEADER_H_NEXT
        table_top = top
        _draw_table_head(c, top, columns, fonts, lab)
        top -= TABLE_HEAD_H
        for i, row in enumerate(page_rows):
            _draw_row(c, top, row, columns, shade=i % 2 == 1)
            top -= row.height
        draw_column_rules(c, table_top, top, columns)
        _draw_footer(c, doc, fonts, lab, n, len(pages))
        c.showPage()
    c.save()
    return out.getvalue()
