"""The handover manifest (交接单): ManifestDocument in, A4 PDF bytes out.

What the courier signs when collecting a carrier's parcels: the carrier, the batch (with its
Code 128 barcode), when it was started and closed and by whom, the parcel count in large type,
then one row per parcel — its number, order, parcel number and the tracking number as a Code
128 barcode a scanner reads back — and at the end the signature lines of the warehouse
(仓库交接人) and the courier (快递揽收人).  Every page says "page n of m" with the batch code and
the count, so a loose page is never mistaken for the whole pickup.

Pure: the only I/O is reading the font file.  Rows are laid out first (the page count is
known before drawing), text never leaves its column.
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
    draw_continued_header,
    draw_footer,
    draw_label_value,
    draw_table_head,
    lay_columns,
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
from printing.text import BOLD, FontPicker, clean_text, wrap_text
from printing.text import draw_text as _draw_text
from printing.text import text_width as _width

__all__ = [
    "ManifestDocument",
    "ManifestLabels",
    "ManifestParcel",
    "render_handover_manifest_pdf",
]


@dataclass(frozen=True)
class ManifestParcel:
    tracking_no: str  # the barcode's payload (printable ASCII)
    order_no: str
    parcel_no: int


@dataclass(frozen=True)
class ManifestDocument:
    batch: str  # barcode payload, e.g. "HO000001"
    carrier: str  # "SF"
    carrier_name: str  # "顺丰速运 SF Express"
    started_at: datetime
    started_by: str
    closed_at: datetime | None
    closed_by: str | None
    parcels: tuple[ManifestParcel, ...]


@dataclass(frozen=True)
class ManifestLabels:
    """The fixed words, bilingual: the warehouse and the courier both read the sheet."""

    title: str = "交接单 Handover manifest"
    carrier: str = "快递公司 Carrier"
    batch: str = "交接批次 Batch"
    started: str = "开始 Started"
    closed: str = "交接时间 Handed over"
    not_closed: str = "未关闭 not closed"
    count: str = "包裹数 Parcels"
    seq: tuple[str, str] = ("序号", "No.")
    tracking: tuple[str, str] = ("运单号", "Tracking number")
    order: tuple[str, str] = ("订单号", "Order")
    parcel: tuple[str, str] = ("包裹", "Parcel")
    warehouse_sign: str = "仓库交接人 Warehouse (signature 签字)"
    courier_sign: str = "快递揽收人 Courier (signature 签字)"
    counted: str = "揽收件数 Parcels counted: ________"
    date: str = "日期 Date: ____________"
    page_of: str = "page {n} of {m} · 第 {n}/{m} 页"


# ---- geometry (points) -----------------------------------------------------------------------
PAGE_W: float = A4[0]
PAGE_H: float = A4[1]
MARGIN_X: float = 12 * mm
MARGIN_TOP: float = 10 * mm
MARGIN_BOTTOM: float = 10 * mm
FOOTER_H: float = 8 * mm
HEADER_H_FIRST: float = 46 * mm
HEADER_H_NEXT: float = 12 * mm
TABLE_HEAD_H: float = 10 * mm
SIGNATURES_H: float = 42 * mm
TABLE_W: float = PAGE_W - 2 * MARGIN_X
CELL_PAD: float = 1.8 * mm

BATCH_MODULE_MM = 0.34
BATCH_BAR_MM = 13.0
PARCEL_MODULE_MM = 0.34  # 4 dots at 300 dpi: a handheld reads it off the sheet at arm's length
PARCEL_BAR_MM = 10.0
ROW_H: float = code128_height(PARCEL_BAR_MM, human_readable=True) + 2 * CELL_PAD

_COLUMNS: tuple[tuple[str, float], ...] = (
    ("seq", 14 * mm),
    ("order", 52 * mm),
    ("parcel", 16 * mm),
    ("tracking", 0.0),  # the rest: the barcode
)


def _columns() -> tuple[Column, ...]:
    return lay_columns(MARGIN_X, TABLE_W, _COLUMNS)


def _paginate(rows: int) -> list[list[int]]:
    """Row indexes per page; the signatures need room after the last row (else a page)."""
    body = MARGIN_BOTTOM + FOOTER_H + TABLE_HEAD_H
    first = PAGE_H - MARGIN_TOP - HEADER_H_FIRST - body
    return paginate([ROW_H] * rows, first, PAGE_H - MARGIN_TOP - HEADER_H_NEXT - body)


def _signatures_fit(page_rows: int, first_page: bool) -> bool:
    header = HEADER_H_FIRST if first_page else HEADER_H_NEXT
    used = MARGIN_TOP + header + TABLE_HEAD_H + page_rows * ROW_H
    return PAGE_H - used - MARGIN_BOTTOM - FOOTER_H >= SIGNATURES_H


# ---- drawing -----------------------------------------------------------------------------------
def _when(at: datetime | None, by: str | None, fallback: str) -> str:
    if at is None:
        return fallback
    return f"{at:%Y-%m-%d %H:%M}" + (f" · {by}" if by else "")


def _draw_header_first(
    c: Canvas, doc: ManifestDocument, fonts: FontPicker, lab: ManifestLabels
) -> None:
    top = PAGE_H - MARGIN_TOP
    bc_w = code128_width(doc.batch, BATCH_MODULE_MM, LASER_DPI)
    bc_h = code128_height(BATCH_BAR_MM, human_readable=True)
    bc_x = PAGE_W - MARGIN_X - bc_w
    draw_code128(c, bc_x, top - bc_h, doc.batch, BATCH_MODULE_MM, BATCH_BAR_MM, dpi=LASER_DPI)
    text_w = bc_x - MARGIN_X - 4 * mm
    title_font = fonts.pick(lab.title, bold=True)
    _draw_text(c, MARGIN_X, top - 16, lab.title, title_font, 18, bold=True)
    y = top - 16 - 20
    draw_label_value(
        c, fonts, MARGIN_X, y, text_w, lab.carrier, f"{doc.carrier} {doc.carrier_name}"
    )
    y -= 15
    draw_label_value(c, fonts, MARGIN_X, y, text_w, lab.batch, doc.batch)
    y -= 15
    draw_label_value(
        c, fonts, MARGIN_X, y, text_w, lab.started, _when(doc.started_at, doc.started_by, "")
    )
    y -= 15
    closed = _when(doc.closed_at, doc.closed_by, lab.not_closed)
    draw_label_value(c, fonts, MARGIN_X, y, text_w, lab.closed, closed)
    # the count, large: what the courier checks against the pile
    count_font = fonts.pick(lab.count, bold=True)
    size = 12.0
    y_count = top - bc_h - 14 * mm
    label = f"{lab.count}: "
    x = PAGE_W - MARGIN_X - _width(str(len(doc.parcels)), BOLD, 30)
    _draw_text(c, x - _width(label, count_font, size), y_count, label, count_font, size, bold=True)
    c.setFont(BOLD, 30)
    c.drawString(x, y_count, str(len(doc.parcels)))


def _draw_header_next(
    c: Canvas, doc: ManifestDocument, fonts: FontPicker, lab: ManifestLabels
) -> None:
    rest = f"{lab.title} · {doc.carrier} {doc.carrier_name}"
    draw_continued_header(c, fonts, (MARGIN_X, PAGE_H - MARGIN_TOP, TABLE_W), doc.batch, rest)


def _draw_table_head(
    c: Canvas, top: float, columns: tuple[Column, ...], fonts: FontPicker, lab: ManifestLabels
) -> None:
    titles = {"seq": lab.seq, "tracking": lab.tracking, "order": lab.order, "parcel": lab.parcel}
    draw_table_head(
        c,
        fonts,
        (MARGIN_X, top, TABLE_W, TABLE_HEAD_H),
        [(col.x0 + CELL_PAD, col.width - 2 * CELL_PAD, titles[col.key]) for col in columns],
    )


def _draw_row(
    c: Canvas,
    top: float,
    seq: int,
    parcel: ManifestParcel,
    columns: tuple[Column, ...],
    fonts: FontPicker,
) -> None:
    bottom = top - ROW_H
    if seq % 2 == 0:
        c.setFillGray(0.94)
        c.rect(MARGIN_X, bottom, TABLE_W, ROW_H, stroke=0, fill=1)
        c.setFillGray(0)
    baseline = top - CELL_PAD - 11
    for col in columns:
        inner = col.width - 2 * CELL_PAD
        if col.key == "tracking":
            bc_h = code128_height(PARCEL_BAR_MM, human_readable=True)
            draw_code128(
                c,
                col.x0 + CELL_PAD,
                top - CELL_PAD - bc_h,
                parcel.tracking_no,
                PARCEL_MODULE_MM,
                PARCEL_BAR_MM,
                dpi=LASER_DPI,
            )
            continue
        text = {"seq": str(seq), "order": parcel.order_no, "parcel": str(parcel.parcel_no)}[col.key]
        text = clean_text(text)
        font = fonts.pick(text, bold=col.key == "seq")
        for n, line in enumerate(wrap_text(text, font, 11, inner, 2)):
            _draw_text(c, col.x0 + CELL_PAD, baseline - n * 13, line, font, 11, col.key == "seq")
    c.setLineWidth(0.5)
    c.line(MARGIN_X, bottom, MARGIN_X + TABLE_W, bottom)


def _draw_signatures(c: Canvas, top: float, fonts: FontPicker, lab: ManifestLabels) -> None:
    half = (TABLE_W - 8 * mm) / 2
    for k, who in enumerate((lab.warehouse_sign, lab.courier_sign)):
        x = MARGIN_X + k * (half + 8 * mm)
        y = top - 8 * mm
        font = fonts.pick(who, bold=True)
        fitted = wrap_text(who, font, 10.5, half, 1)
        _draw_text(c, x, y, fitted[0] if fitted else "", font, 10.5, bold=True)
        c.setLineWidth(0.8)
        c.line(x, y - 14 * mm, x + half, y - 14 * mm)  # the signature line
        for n, words in enumerate((lab.counted, lab.date)):
            small = fonts.pick(words)
            _draw_text(c, x, y - 20 * mm - n * 6 * mm, words, small, 9.5)


def _draw_footer(
    c: Canvas, doc: ManifestDocument, fonts: FontPicker, lab: ManifestLabels, n: int, m: int
) -> None:
    left = f"{doc.batch} · {doc.carrier} · {lab.count}: {len(doc.parcels)}"
    right = lab.page_of.format(n=n, m=m)
    draw_footer(c, fonts, MARGIN_X, PAGE_W - MARGIN_X, MARGIN_BOTTOM + 1.5 * mm, left, right)


def render_handover_manifest_pdf(
    doc: ManifestDocument,
    font_path: Path | None = None,
    *,
    labels: ManifestLabels | None = None,
) -> bytes:
    """Render ``doc`` as an A4 portrait PDF.  ValueError when the batch code or a tracking
    number cannot be a Code 128 barcode (printable ASCII only)."""
    validate_payload(doc.batch)
    for parcel in doc.parcels:
        validate_payload(parcel.tracking_no)
    lab = labels or ManifestLabels()
    fonts = FontPicker(register_cjk_font(font_path))
    columns = _columns()
    widest = max(
        (code128_width(p.tracking_no, PARCEL_MODULE_MM, LASER_DPI) for p in doc.parcels),
        default=0.0,
    )
    if widest > columns[-1].width - 2 * CELL_PAD:
        raise ValueError("A tracking number is too long for the manifest's barcode column.")
    pages = _paginate(len(doc.parcels))
    if not _signatures_fit(len(pages[-1]), len(pages) == 1):
        pages.append([])

    out = io.BytesIO()
    c = Canvas(out, pagesize=A4, pageCompression=1, invariant=True)
    c.setTitle(f"{lab.title} {doc.batch}")
    c.setAuthor(doc.closed_by or doc.started_by)
    c.setCreator("Packdesk")
    for n, rows in enumerate(pages, start=1):
        if n == 1:
            _draw_header_first(c, doc, fonts, lab)
            top = PAGE_H - MARGIN_TOP - HEADER_H_FIRST
        else:
            _draw_header_next(c, doc, fonts, lab)
            top = PAGE_H - MARGIN_TOP - HEADER_H_NEXT
        if len(rows) or n == 1:
            _draw_table_head(c, top, columns, fonts, lab)
            top -= TABLE_HEAD_H
        for i in rows:
            _draw_row(c, top, i + 1, doc.parcels[i], columns, fonts)
            top -= ROW_H
        if n == len(pages):
            _draw_signatures(c, top - 4 * mm, fonts, lab)
        _draw_footer(c, doc, fonts, lab, n, len(pages))
        c.showPage()
    c.save()
    return out.getvalue()
