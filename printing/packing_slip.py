"""The packing slip (包裹清单 / 发货单): PackingSlipDocument in, an A4 or A5 PDF out.

The paper that goes into the parcel: the shop, the order number with its Code 128 barcode (a
returns desk scans it), the buyer, when it was ordered, then one row per line (SKU, the name
wrapped, the quantity right-aligned), the total quantity, the gifts (赠品) and inserts (附件),
the buyer's note and the shop's return policy. Long orders run over several pages; every page
repeats the order number with its barcode, the table's header row when a table continues, and
says "page n / m".

Pure: the only I/O is reading the font file. Layout is computed first (so the page count is
known), then drawn with reportlab's canvas; text never leaves its column.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from printing.barcodes import (
    LASER_DPI,
    code128_height,
    code128_width,
    draw_code128,
    validate_payload,
)
from printing.fonts import register_cjk_font
from printing.text import (
    Font,
    FontPicker,
    clean_text,
    draw_text,
    ellipsize,
    fit_size,
    text_width,
    wrap_text,
)

__all__ = [
    "PACKING_SLIP_SIZES",
    "PackingSlipDocument",
    "SlipLine",
    "render_packing_slip_pdf",
    "slip_columns",
]

PACKING_SLIP_SIZES: dict[str, tuple[float, float]] = {"a4": A4, "a5": A5}


@dataclass(frozen=True)
class SlipLine:
    sku: str
    name: str
    qty: int


@dataclass(frozen=True)
class PackingSlipDocument:
    order_no: str  # barcode payload (printable ASCII)
    shop: str
    buyer_name: str
    ordered_at: datetime | None
    lines: tuple[SlipLine, ...]
    gifts: tuple[SlipLine, ...] = ()
    inserts: tuple[str, ...] = ()
    note: str = ""
    return_policy: str = ""
    tracking_no: str = ""
    carrier_name: str = ""
    printed_at: datetime | None = None


@dataclass(frozen=True)
class _Geometry:
    """Page geometry and type sizes (points) for one paper size."""

    width: float
    height: float
    margin: float
    title: float
    body: float
    small: float
    qty: float
    barcode_bar_mm: float
    header_first: float
    header_next: float
    footer: float
    sku_col: float
    no_col: float
    qty_col: float

    @property
    def table_w(self) -> float:
        return self.width - 2 * self.margin


_GEOMETRY = {
    "a4": _Geometry(
        A4[0], A4[1], 12 * mm, 18, 10.5, 8.5, 13, 12.0, 44 * mm, 20 * mm, 8 * mm,
        38 * mm, 12 * mm, 18 * mm,
    ),
    "a5": _Geometry(
        A5[0], A5[1], 9 * mm, 15, 9.5, 7.5, 12, 10.0, 40 * mm, 18 * mm, 7 * mm,
        30 * mm, 10 * mm, 15 * mm,
    ),
}  # fmt: skip

ORDER_MODULE_MM = 0.254  # 3 dots at 300 dpi, 6 at 600: office lasers print it crisply
TABLE_HEAD_H = 8 * mm
CELL_PAD_X = 1.5 * mm
CELL_PAD_Y = 1.6 * mm
LEADING = 1.25
NAME_LINES = 3
SKU_LINES = 2


@dataclass(frozen=True)
class SlipColumn:
    key: str  # "no", "sku", "name", "qty"
    x0: float
    x1: float

    @property
    def inner(self) -> float:
        return float(self.x1 - self.x0 - 2 * CELL_PAD_X)


def slip_columns(size: str = "a4") -> tuple[SlipColumn, ...]:
    """The lines table's columns for ``size``, in points from the page's left edge."""
    g = _geometry(size)
    widths = {"no": g.no_col, "sku": g.sku_col, "qty": g.qty_col}
    widths["name"] = g.table_w - sum(widths.values())
    out, x = [], g.margin
    for key in ("no", "sku", "name", "qty"):
        out.append(SlipColumn(key, x, x + widths[key]))
        x += widths[key]
    return tuple(out)


def _geometry(size: str) -> _Geometry:
    try:
        return _GEOMETRY[size.lower()]
    except KeyError:
        raise ValueError(f"Unknown packing slip size {size!r}; use 'a4' or 'a5'.") from None


# ---- flow items --------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Cell:
    lines: tuple[str, ...]
    font: Font
    size: float
    bold: bool = False


@dataclass(frozen=True)
class _Row:
    table: str  # "lines" or "gifts": the header row repeated on a new page
    cells: dict[str, _Cell]
    height: float
    shade: bool


@dataclass(frozen=True)
class _Heading:
    text: str
    font: Font
    size: float
    height: float


@dataclass(frozen=True)
class _TextLine:
    text: str
    font: Font
    size: float
    height: float
    bold: bool = False
    right: bool = False
    indent: float = 0.0
    tick: bool = False  # a box for the packer to tick


_Flow = _Row | _Heading | _TextLine


def _fmt_time(value: datetime | None) -> str:
    return "-" if value is None else f"{value:%Y-%m-%d %H:%M}"


def _row(
    line: SlipLine, n: int, table: str, cols: dict[str, SlipColumn], fonts: FontPicker, g: _Geometry
) -> _Row:
    sku, name = clean_text(line.sku), clean_text(line.name)
    sku_font, name_font = fonts.pick(sku), fonts.pick(name)
    qty = str(line.qty)
    qty_size = fit_size(qty, "Helvetica-Bold", g.qty, 6.0, cols["qty"].inner)
    no = str(n)
    cells = {
        "no": _Cell((ellipsize(no, "Helvetica", g.body, cols["no"].inner),), "Helvetica", g.body),
        "sku": _Cell(tuple(wrap_text(sku, sku_font, g.body, cols["sku"].inner, SKU_LINES)),
                     sku_font, g.body),
        "name": _Cell(tuple(wrap_text(name, name_font, g.body, cols["name"].inner, NAME_LINES)),
                      name_font, g.body),
        "qty": _Cell((ellipsize(qty, "Helvetica-Bold", qty_size, cols["qty"].inner),),
                     "Helvetica-Bold", qty_size, True),
    }  # fmt: skip
    height = max(2 * CELL_PAD_Y + max(len(c.lines), 1) * c.size * LEADING for c in cells.values())
    return _Row(table, cells, height, shade=n % 2 == 0)


def _paragraph(
    text: str, fonts: FontPicker, size: float, width: float, indent: float = 0.0
) -> list[_TextLine]:
    text = clean_text(text)
    font = fonts.pick(text)
    lines = wrap_text(text, font, size, width - indent, 10_000)
    return [_TextLine(t, font, size, size * LEADING, indent=indent) for t in lines]


def _flow(doc: PackingSlipDocument, g: _Geometry, fonts: FontPicker) -> list[_Flow]:
    cols = {c.key: c for c in slip_columns_for(g)}
    items: list[_Flow] = []
    for n, line in enumerate(doc.lines, start=1):
        items.append(_row(line, n, "lines", cols, fonts, g))
    total = sum(line.qty for line in doc.lines)
    items.append(
        _TextLine(f"合计 Total: {total} 件 pcs", fonts.pick("合计"), g.body + 2, 9 * mm, True, True)
    )

    def heading(text: str) -> None:
        size = g.body + 1.5
        items.append(_Heading(text, fonts.pick(text, bold=True), size, size * 1.3 + 3 * mm))

    width = g.table_w
    if doc.gifts:
        heading("赠品 Gifts")
        for n, gift in enumerate(doc.gifts, start=1):
            items.append(_row(gift, n, "gifts", cols, fonts, g))
    if doc.inserts:
        heading("附件 Inserts")
        for insert in doc.inserts:
            lines = _paragraph(insert, fonts, g.body, width, indent=5 * mm)
            if lines:
                first = lines[0]
                lines[0] = _TextLine(
                    first.text, first.font, first.size, first.height, indent=first.indent, tick=True
                )
            items += lines
    if clean_text(doc.note):
        heading("买家留言 Buyer's note")
        items += _paragraph(doc.note, fonts, g.body, width)
    if clean_text(doc.return_policy):
        heading("退换货说明 Returns")
        items += _paragraph(doc.return_policy, fonts, g.body, width)
    return items


def slip_columns_for(g: _Geometry) -> tuple[SlipColumn, ...]:
    size = next(k for k, v in _GEOMETRY.items() if v is g)
    return slip_columns(size)


def _paginate(items: Sequence[_Flow], g: _Geometry) -> list[list[_Flow]]:
    bottom = g.margin + g.footer
    first_room = g.height - g.margin - g.header_first - bottom
    next_room = g.height - g.margin - g.header_next - bottom
    pages: list[list[_Flow]] = [[]]
    room = first_room
    table: str | None = None
    for i, item in enumerate(items):
        need = item.height
        starts_table = isinstance(item, _Row) and item.table != table
        if starts_table:
            need += TABLE_HEAD_H
        if isinstance(item, _Heading) and i + 1 < len(items):
            follower = items[i + 1]
            need += follower.height + (TABLE_HEAD_H if isinstance(follower, _Row) else 0.0)
        if need > room and pages[-1]:
            pages.append([])
            room = next_room
            table = None
            if isinstance(item, _Row):
                need = item.height + TABLE_HEAD_H
        if isinstance(item, _Row):
            if item.table != table:
                room -= TABLE_HEAD_H
            table = item.table
        else:
            table = None
        pages[-1].append(item)
        room -= item.height
    return pages


# ---- drawing -----------------------------------------------------------------------------------
def _barcode_size(doc: PackingSlipDocument, g: _Geometry, bar_mm: float) -> tuple[float, float]:
    width = code128_width(doc.order_no, ORDER_MODULE_MM, LASER_DPI)
    if width > g.table_w / 2:
        raise ValueError(
            f"The order number {doc.order_no!r} is too long for the packing slip's barcode "
            f"({width / mm:.0f} mm > {g.table_w / 2 / mm:.0f} mm); keep order numbers short."
        )
    return width, code128_height(bar_mm)


def _draw_barcode(c: Canvas, doc: PackingSlipDocument, g: _Geometry, bar_mm: float) -> float:
    """The order barcode in the top-right corner; returns its left edge."""
    w, h = _barcode_size(doc, g, bar_mm)
    x = g.width - g.margin - w
    draw_code128(c, x, g.height - g.margin - h, doc.order_no, ORDER_MODULE_MM, bar_mm,
                 dpi=LASER_DPI)  # fmt: skip
    return x


def _label_value(
    c: Canvas, fonts: FontPicker, x: float, y: float, width: float, label: str, value: str,
    size: float,
) -> None:  # fmt: skip
    head = f"{label}: "
    head_font = fonts.pick(head)
    draw_text(c, x, y, head, head_font, size)
    used = text_width(head, head_font, size)
    value = clean_text(value) or "-"
    value_font = fonts.pick(value, bold=True)
    fitted = ellipsize(value, value_font, size + 0.5, width - used)
    draw_text(c, x + used, y, fitted, value_font, size + 0.5, bold=True)


def _draw_header_first(
    c: Canvas, doc: PackingSlipDocument, g: _Geometry, fonts: FontPicker
) -> None:
    top = g.height - g.margin
    bc_x = _draw_barcode(c, doc, g, g.barcode_bar_mm)
    text_w = bc_x - g.margin - 4 * mm
    title = "包裹清单 Packing slip"
    font = fonts.pick(title, bold=True)
    size = fit_size(title, font, g.title, 9, text_w)
    draw_text(c, g.margin, top - g.title, title, font, size, bold=True)
    shop = clean_text(doc.shop)
    shop_font = fonts.pick(shop, bold=True)
    shop_size = fit_size(shop, shop_font, g.body + 3, g.body, text_w)
    draw_text(
        c,
        g.margin,
        top - g.title - shop_size * 1.5,
        ellipsize(shop, shop_font, shop_size, text_w),
        shop_font,
        shop_size,
        bold=True,
    )
    y = top - g.title - shop_size * 1.5 - g.body * 1.9
    half = g.table_w / 2
    rows = (
        (("订单号 Order no", doc.order_no, text_w),),
        (("买家 Buyer", doc.buyer_name, half - 3 * mm),
         ("下单 Ordered", _fmt_time(doc.ordered_at), half)),
        (("快递 Carrier", doc.carrier_name or "-", half - 3 * mm),
         ("运单号 Tracking", doc.tracking_no or "-", half)),
    )  # fmt: skip
    for row in rows:
        for k, (label, value, width) in enumerate(row):
            _label_value(c, fonts, g.margin + k * half, y, width, label, value, g.body)
        y -= g.body * 1.6
    if doc.printed_at is not None:  # under the barcode, clear of the order rows
        text = f"打印 Printed: {_fmt_time(doc.printed_at)}"
        bc_h = _barcode_size(doc, g, g.barcode_bar_mm)[1]
        y = top - bc_h - g.small * 1.5
        draw_text(c, g.width - g.margin, y, text, fonts.pick(text), g.small, right=True)


def _draw_header_next(c: Canvas, doc: PackingSlipDocument, g: _Geometry, fonts: FontPicker) -> None:
    top = g.height - g.margin
    bc_x = _draw_barcode(c, doc, g, 9.0)
    text = f"包裹清单 Packing slip · {clean_text(doc.order_no)} (续 continued)"
    font = fonts.pick(text, bold=True)
    room = bc_x - g.margin - 4 * mm
    size = fit_size(text, font, g.body + 2, 7, room)
    draw_text(c, g.margin, top - size - 2, ellipsize(text, font, size, room), font, size, True)
    shop = clean_text(doc.shop)
    shop_font = fonts.pick(shop)
    shop_text = ellipsize(shop, shop_font, g.small, room)
    draw_text(c, g.margin, top - size - 4 - g.small * 1.4, shop_text, shop_font, g.small)


_TITLES = {
    "lines": {"no": "序号", "sku": "SKU", "name": "品名 Name", "qty": "数量 Qty"},
    "gifts": {"no": "序号", "sku": "SKU", "name": "赠品 Gift", "qty": "数量 Qty"},
}


def _draw_table_head(c: Canvas, top: float, table: str, g: _Geometry, fonts: FontPicker) -> None:
    c.setFillGray(0.85)
    c.rect(g.margin, top - TABLE_HEAD_H, g.table_w, TABLE_HEAD_H, stroke=0, fill=1)
    c.setFillGray(0)
    for col in slip_columns_for(g):
        text = _TITLES[table][col.key]
        font = fonts.pick(text, bold=True)
        size = fit_size(text, font, g.body, 6, col.inner)
        text = ellipsize(text, font, size, col.inner)
        y = top - TABLE_HEAD_H / 2 - size * 0.35
        if col.key == "qty":
            draw_text(c, col.x1 - CELL_PAD_X, y, text, font, size, bold=True, right=True)
        else:
            draw_text(c, col.x0 + CELL_PAD_X, y, text, font, size, bold=True)
    c.setLineWidth(1)
    c.line(g.margin, top - TABLE_HEAD_H, g.width - g.margin, top - TABLE_HEAD_H)


def _draw_row(c: Canvas, top: float, row: _Row, g: _Geometry) -> None:
    bottom = top - row.height
    if row.shade:
        c.setFillGray(0.94)
        c.rect(g.margin, bottom, g.table_w, row.height, stroke=0, fill=1)
        c.setFillGray(0)
    for col in slip_columns_for(g):
        cell = row.cells[col.key]
        y = top - CELL_PAD_Y - cell.size * 0.85
        for text in cell.lines:
            if col.key == "qty":
                x = col.x1 - CELL_PAD_X
                draw_text(c, x, y, text, cell.font, cell.size, cell.bold, right=True)
            else:
                draw_text(c, col.x0 + CELL_PAD_X, y, text, cell.font, cell.size, cell.bold)
            y -= cell.size * LEADING
    c.setLineWidth(0.4)
    c.setStrokeGray(0.6)
    c.line(g.margin, bottom, g.width - g.margin, bottom)
    c.setStrokeGray(0)


def _draw_footer(
    c: Canvas, doc: PackingSlipDocument, g: _Geometry, fonts: FontPicker, n: int, m: int
) -> None:
    y = g.margin + 1.5 * mm
    c.setLineWidth(0.5)
    c.line(g.margin, y + 4 * mm, g.width - g.margin, y + 4 * mm)
    right = f"page {n} / {m} · 第 {n}/{m} 页"
    right_font = fonts.pick(right)
    draw_text(c, g.width - g.margin, y, right, right_font, g.small + 1, right=True)
    left = f"{clean_text(doc.order_no)} · {clean_text(doc.shop)}"
    left_font = fonts.pick(left)
    room = g.table_w - text_width(right, right_font, g.small + 1) - 6 * mm
    draw_text(c, g.margin, y, ellipsize(left, left_font, g.small + 1, room), left_font, g.small + 1)


def _draw_flow(
    c: Canvas, top: float, item: _Flow, g: _Geometry, fonts: FontPicker, table: str | None
) -> tuple[float, str | None]:
    if isinstance(item, _Row):
        if item.table != table:
            _draw_table_head(c, top, item.table, g, fonts)
            top -= TABLE_HEAD_H
        _draw_row(c, top, item, g)
        return top - item.height, item.table
    if isinstance(item, _Heading):
        y = top - item.height + 1.5 * mm
        draw_text(c, g.margin, y, item.text, item.font, item.size, bold=True)
        return top - item.height, None
    y = top - item.height + item.size * 0.3
    if item.right:
        y = top - item.height / 2 - item.size * 0.35
        x = g.width - g.margin - CELL_PAD_X
        draw_text(c, x, y, item.text, item.font, item.size, item.bold, right=True)
    else:
        draw_text(c, g.margin + item.indent, y, item.text, item.font, item.size, item.bold)
        if item.tick:
            side = item.size * 0.8
            c.setLineWidth(0.7)
            c.rect(g.margin + item.indent - side - 1.5 * mm, y - item.size * 0.05, side, side)
    return top - item.height, None


def render_packing_slip_pdf(doc: PackingSlipDocument, size: str = "a4") -> bytes:
    """Render ``doc`` as an A4 or A5 portrait PDF (``size`` "a4" / "a5") and return its bytes.

    Raises ValueError for an unknown size, or an order number that cannot be a Code 128
    barcode (printable ASCII only).
    """
    validate_payload(doc.order_no)
    g = _geometry(size)
    fonts = FontPicker(register_cjk_font())
    pages = _paginate(_flow(doc, g, fonts), g)
    out = io.BytesIO()
    c = Canvas(out, pagesize=(g.width, g.height), pageCompression=1, invariant=True)
    c.setTitle(f"包裹清单 Packing slip {doc.order_no}")
    c.setCreator("Packdesk")
    for n, items in enumerate(pages, start=1):
        if n == 1:
            _draw_header_first(c, doc, g, fonts)
            top = g.height - g.margin - g.header_first
        else:
            _draw_header_next(c, doc, g, fonts)
            top = g.height - g.margin - g.header_next
        table: str | None = None
        for item in items:
            top, table = _draw_flow(c, top, item, g, fonts, table)
        _draw_footer(c, doc, g, fonts, n, len(pages))
        c.showPage()
    c.save()
    return out.getvalue()
