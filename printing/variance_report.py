"""The variance report of a stock count (盘点差异报告): VarianceReportDocument in, A4 PDF bytes out.

What a supervisor reads before approving (and files after): the count's code with its barcode,
scope, status, who made, submitted and approved it and when, and the approval's reason; a
summary in large figures (lines counted, lines with a variance, units short 盘亏 and over 盘盈,
their value); two charts drawn with reportlab.graphics — the units short and over by zone, and
short against over in units and value (with the reason once approved) — readable without the
table; then the table per location / SKU / lot: expected, counted, the earlier rounds' counts,
the variance in units and value (rows with a variance shaded and bold), and the units that
moved on the lot while it was counted.

Pure: the only I/O is reading the font file.  Rows are laid out first (the page count is known
before drawing); text never leaves its column.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
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
from printing.barcodes import validate_payload
from printing.fonts import register_cjk_font
from printing.text import BOLD, REGULAR, Font, FontPicker, clean_text, wrap_text
from printing.text import draw_text as _draw_text
from printing.text import text_width as _width

__all__ = [
    "VarianceLine",
    "VarianceReportDocument",
    "VarianceReportLabels",
    "ZoneTotal",
    "render_variance_report_pdf",
]


@dataclass(frozen=True)
class VarianceLine:
    location: str
    sku: str
    name: str  # may be Chinese, may be long
    lot: str
    expected: int
    counted: int
    earlier: tuple[int, ...]  # the earlier rounds' counts, first round first
    variance: int
    value_fen: int
    moved: int  # units that reached (+) or left (−) the lot while it was counted


@dataclass(frozen=True)
class ZoneTotal:
    zone: str
    short: int  # ≤ 0
    over: int  # ≥ 0


@dataclass(frozen=True)
class VarianceReportDocument:
    code: str  # barcode payload, e.g. "SC000001"
    scope: str
    status: str  # open, recount, submitted, approved, cancelled
    created_by: str
    created_at: datetime
    submitted_at: datetime | None
    approved_by: str | None
    approved_at: datetime | None
    reason: str | None  # miscount, damaged, … once approved
    locations: int
    counted_locations: int
    short_units: int  # ≤ 0
    over_units: int
    short_fen: int  # ≤ 0
    over_fen: int
    zones: tuple[ZoneTotal, ...]
    lines: tuple[VarianceLine, ...]
    printed_at: datetime


def _statuses() -> dict[str, str]:
    return {
        "open": "盘点中 being counted",
        "recount": "复盘中 being recounted",
        "submitted": "待审批 waiting for approval",
        "approved": "已审批 approved",
        "cancelled": "已取消 cancelled",
    }


def _reasons() -> dict[str, str]:
    return {
        "miscount": "点数差错 miscount",
        "damaged": "损坏 damaged",
        "lost": "丢失 lost",
        "found": "找到 found",
        "theft": "被盗 theft",
        "data_error": "数据错误 data error",
    }


@dataclass(frozen=True)
class VarianceReportLabels:
    """The fixed words, bilingual (a supervisor files it, an auditor reads it)."""

    title: str = "盘点差异报告 Count variance report"
    scope: str = "范围 Scope"
    status: str = "状态 Status"
    made: str = "制单 Made"
    submitted: str = "提交 Submitted"
    approved: str = "审批 Approved"
    reason: str = "原因 Reason"
    printed: str = "打印 Printed"
    not_yet: str = "—"
    counted_locations: str = "已盘库位 Counted"
    lines: str = "盘点行 Lines"
    with_variance: str = "有差异 With variance"
    short: str = "盘亏 Short"
    over: str = "盘盈 Over"
    net_value: str = "差异金额 Net value ¥"
    units: str = "件 units"
    by_zone: str = "按库区差异（件） Variance by zone (units)"
    by_sign: str = "盘亏 / 盘盈 Short / over"
    no_variance: str = "无差异 no variance"
    location: tuple[str, str] = ("库位", "Location")
    sku: tuple[str, str] = ("SKU / 品名", "SKU / name")
    lot: tuple[str, str] = ("批次", "Lot")
    expected: tuple[str, str] = ("账面", "Expected")
    counted: tuple[str, str] = ("实盘", "Counted")
    earlier: tuple[str, str] = ("前次盘点", "Earlier")
    variance: tuple[str, str] = ("差异", "Variance")
    value: tuple[str, str] = ("金额 ¥", "Value")
    moved: tuple[str, str] = ("盘中变动", "Moved")
    nothing_counted: str = "尚未盘点任何库位 · No location counted yet"
    page_of: str = "page {n} of {m} · 第 {n}/{m} 页"
    continued: str = "(continued 续)"
    statuses: dict[str, str] = field(default_factory=_statuses)
    reasons: dict[str, str] = field(default_factory=_reasons)


# ---- geometry (points) -----------------------------------------------------------------------
PAGE_W: float = A4[0]
PAGE_H: float = A4[1]
MARGIN_X: float = 10 * mm
MARGIN_TOP: float = 10 * mm
MARGIN_BOTTOM: float = 10 * mm
FOOTER_H: float = 8 * mm
HEADER_H: float = 47 * mm
SUMMARY_H: float = 20 * mm
CHARTS_H: float = 72 * mm
FIRST_TOP: float = HEADER_H + SUMMARY_H + CHARTS_H + 4 * mm
HEADER_H_NEXT: float = 12 * mm
TABLE_HEAD_H: float = 10 * mm
TABLE_W: float = PAGE_W - 2 * MARGIN_X
CELL_PAD: float = 1.5 * mm
TEXT_SIZE = 9.0
NUMBER_SIZE = 10.5
LEADING = 1.2

CODE_MODULE_MM = 0.34
CODE_BAR_MM = 12.0

SHORT_COLOUR = colors.HexColor("#c0392b")  # red, a mid grey on a black-and-white printer
OVER_COLOUR = colors.HexColor("#1f5f99")  # blue, a darker grey

#: (key, width); the SKU / name column takes what is left.
_COLUMNS: tuple[tuple[str, float], ...] = (
    ("location", 24 * mm),
    ("sku", 0.0),
    ("lot", 25 * mm),
    ("expected", 16 * mm),
    ("counted", 15 * mm),
    ("earlier", 17 * mm),
    ("variance", 15 * mm),
    ("value", 19 * mm),
    ("moved", 17 * mm),
)
_NUMBERS = frozenset({"expected", "counted", "earlier", "variance", "value", "moved"})


def _columns() -> tuple[Column, ...]:
    return lay_columns(MARGIN_X, TABLE_W, _COLUMNS)


def _inner(col: Column) -> float:
    return col.width - 2 * CELL_PAD


def _yuan(fen: int) -> str:
    """Yuan with their sign: +12.50, -1,234.00; nothing is 0.00."""
    return f"{fen / 100:+,.2f}" if fen else "0.00"


def _signed(n: int) -> str:
    return f"{n:+d}" if n else "0"


# ---- layout ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Row:
    line: VarianceLine
    cells: dict[str, tuple[tuple[str, ...], Font]]
    height: float


def _layout_row(line: VarianceLine, columns: dict[str, Column], fonts: FontPicker) -> _Row:
    bold = line.variance != 0
    cells: dict[str, tuple[tuple[str, ...], Font]] = {}
    for key, text in (("location", line.location), ("lot", line.lot or "—")):
        text = clean_text(text)
        font = fonts.pick(text, bold=key == "location")
        cells[key] = (tuple(wrap_text(text, font, TEXT_SIZE, _inner(columns[key]), 2)), font)
    sku = clean_text(line.sku)
    name = clean_text(line.name)
    sku_font = fonts.pick(sku, bold=True)
    name_font = fonts.pick(name)
    sku_lines = wrap_text(sku, sku_font, TEXT_SIZE, _inner(columns["sku"]), 1)
    name_lines = wrap_text(name, name_font, TEXT_SIZE, _inner(columns["sku"]), 2) if name else []
    cells["sku"] = (tuple(sku_lines), sku_font)
    cells["name"] = (tuple(name_lines), name_font)
    numbers = {
        "expected": str(line.expected),
        "counted": str(line.counted),
        "earlier": " / ".join(map(str, line.earlier)) or "—",
        "variance": _signed(line.variance),
        "value": _yuan(line.value_fen),
        "moved": _signed(line.moved),
    }
    for key, text in numbers.items():
        face: Font = BOLD if bold and key in ("variance", "value") else REGULAR
        cells[key] = (tuple(wrap_text(text, face, NUMBER_SIZE, _inner(columns[key]), 2)), face)
    text_lines = max(len(sku_lines) + len(name_lines), len(cells["location"][0]), 1)
    height = 2 * CELL_PAD + max(text_lines * TEXT_SIZE * LEADING, NUMBER_SIZE * LEADING)
    return _Row(line, cells, height)


def _pages(rows: Sequence[_Row]) -> list[list[_Row]]:
    bottom = MARGIN_BOTTOM + FOOTER_H + TABLE_HEAD_H
    first = PAGE_H - MARGIN_TOP - FIRST_TOP - bottom
    later = PAGE_H - MARGIN_TOP - HEADER_H_NEXT - bottom
    return [[rows[i] for i in page] for page in paginate([r.height for r in rows], first, later)]


# ---- drawing: header, summary ------------------------------------------------------------------
def _when(at: datetime | None, by: str | None, lab: VarianceReportLabels) -> str:
    if at is None:
        return lab.not_yet
    return f"{at:%Y-%m-%d %H:%M}" + (f" · {by}" if by else "")


def _draw_header(
    c: Canvas, doc: VarianceReportDocument, fonts: FontPicker, lab: VarianceReportLabels
) -> None:
    top = PAGE_H - MARGIN_TOP
    text_w = draw_code_header(
        c, fonts, (MARGIN_X, top, TABLE_W), lab.title, doc.code, (CODE_MODULE_MM, CODE_BAR_MM)
    )
    half = TABLE_W / 2
    status = lab.statuses.get(doc.status, doc.status)
    reason = lab.reasons.get(doc.reason, doc.reason) if doc.reason else lab.not_yet
    grid = (
        ((lab.scope, doc.scope, 0.0, text_w),),
        ((lab.status, status, 0.0, half), (lab.reason, reason, half, half)),
        (
            (lab.made, _when(doc.created_at, doc.created_by, lab), 0.0, half),
            (lab.submitted, _when(doc.submitted_at, None, lab), half, half),
        ),
        (
            (lab.approved, _when(doc.approved_at, doc.approved_by, lab), 0.0, half),
            (lab.printed, f"{doc.printed_at:%Y-%m-%d %H:%M}", half, half),
        ),
    )
    y = top - 16 - 28 - 18
    for cells in grid:
        for label, value, dx, width in cells:
            draw_label_value(c, fonts, MARGIN_X + dx, y, width - 3 * mm, label, value)
        y -= 14.5


def _draw_summary(
    c: Canvas, top: float, doc: VarianceReportDocument, fonts: FontPicker, lab: VarianceReportLabels
) -> None:
    """Five figures in boxes: what a supervisor takes in at a glance."""
    with_variance = sum(1 for line in doc.lines if line.variance)
    figures = (
        (lab.counted_locations, f"{doc.counted_locations}/{doc.locations}", None),
        (lab.with_variance, f"{with_variance}/{len(doc.lines)}", None),
        (lab.short, f"{doc.short_units:+d}" if doc.short_units else "0", SHORT_COLOUR),
        (lab.over, f"{doc.over_units:+d}" if doc.over_units else "0", OVER_COLOUR),
        (lab.net_value, _yuan(doc.short_fen + doc.over_fen), None),
    )
    gap = 2.5 * mm
    box_w = (TABLE_W - gap * (len(figures) - 1)) / len(figures)
    box_h = SUMMARY_H - 4 * mm
    for k, (label, value, colour) in enumerate(figures):
        x = MARGIN_X + k * (box_w + gap)
        c.saveState()
        c.setStrokeGray(0.4)
        c.setLineWidth(0.8)
        c.rect(x, top - box_h, box_w, box_h, stroke=1, fill=0)
        c.restoreState()
        font = fonts.pick(label)
        fitted = wrap_text(clean_text(label), font, 8.5, box_w - 2 * CELL_PAD, 1)
        _draw_text(c, x + CELL_PAD, top - 4 * mm, fitted[0] if fitted else "", font, 8.5)
        size = 20.0
        while size > 10 and _width(value, BOLD, size) > box_w - 2 * CELL_PAD:
            size -= 1
        c.saveState()
        if colour is not None:
            c.setFillColor(colour)
        c.setFont(BOLD, size)
        c.drawString(x + CELL_PAD, top - box_h + 3 * mm, value)
        c.restoreState()


# ---- drawing: the charts -----------------------------------------------------------------------
def _nice_step(span: float) -> int:
    """A round step for about five gridlines over *span*."""
    raw = max(span / 5, 1)
    magnitude = 10 ** (len(str(int(raw))) - 1)
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= raw:
            return int(factor * magnitude)
    return int(10 * magnitude)


def _chart_title(d: Drawing, text: str, font: str, width: float, height: float) -> None:
    d.add(String(0, height - 11, text, fontName=font, fontSize=10.5, fillColor=colors.black))
    d.add(Line(0, height - 15, width, height - 15, strokeColor=colors.grey, strokeWidth=0.5))


def _legend(d: Drawing, x: float, y: float, items: Sequence[tuple[str, object]], font: str) -> None:
    for label, colour in items:
        d.add(Rect(x, y - 1, 8, 8, fillColor=colour, strokeColor=None))
        d.add(String(x + 11, y, label, fontName=font, fontSize=8.5))
        x += 11 + len(label) * 6 + 14


def _zone_chart(
    doc: VarianceReportDocument, lab: VarianceReportLabels, font: str, width: float, height: float
) -> Drawing:
    """Units short (below zero) and over (above) per zone, each bar labelled with its units."""
    d = Drawing(width, height)
    _chart_title(d, lab.by_zone, font, width, height)
    zones = doc.zones or (ZoneTotal("—", 0, 0),)
    chart = VerticalBarChart()
    chart.x, chart.y = 30, 34
    chart.width, chart.height = width - 40, height - 34 - 30
    chart.data = [[z.short for z in zones], [z.over for z in zones]]
    chart.categoryAxis.categoryNames = [z.zone for z in zones]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 9 if len(zones) <= 10 else 7
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.categoryAxis.labels.dy = -2
    chart.categoryAxis.visibleTicks = False
    low = min([z.short for z in zones] + [0])
    high = max([z.over for z in zones] + [0])
    step = _nice_step(high - low)
    chart.valueAxis.valueMin = (low // step - (1 if low else 0)) * step
    chart.valueAxis.valueMax = (-(-high // step) + (1 if high else 0)) * step or step
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = "Helvetica"
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#d0d0d0")
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.categoryAxis.style = "mixed"  # short and over of a zone side by side
    chart.groupSpacing = 8
    chart.barSpacing = 1
    chart.bars[0].fillColor = SHORT_COLOUR
    chart.bars[1].fillColor = OVER_COLOUR
    chart.bars.strokeColor = None
    chart.barLabelFormat = lambda v: "" if not v else f"{v:+d}"
    chart.barLabels.fontName = BOLD
    chart.barLabels.fontSize = 8.5
    chart.barLabels.nudge = 6
    chart.categoryAxis.joinAxis = chart.valueAxis  # the zone names under the zero line
    chart.categoryAxis.joinAxisMode = "value"
    chart.categoryAxis.joinAxisPos = 0
    chart.categoryAxis.labelAxisMode = "low"
    d.add(chart)
    _legend(d, 30, 6, ((lab.short, SHORT_COLOUR), (lab.over, OVER_COLOUR)), font)
    return d


def _sign_chart(
    doc: VarianceReportDocument, lab: VarianceReportLabels, font: str, width: float, height: float
) -> Drawing:
    """Short against over: a bar each, in units, with its value; the reason once approved."""
    d = Drawing(width, height)
    title = lab.by_sign
    if doc.reason:
        title += f" · {lab.reasons.get(doc.reason, doc.reason)}"
    _chart_title(d, title, font, width, height)
    short, over = -doc.short_units, doc.over_units
    chart = HorizontalBarChart()
    chart.x, chart.y = 62, 34
    chart.width, chart.height = width - 62 - 88, height - 34 - 30
    chart.data = [[over, short]]  # drawn bottom up: short on top
    chart.categoryAxis.categoryNames = [lab.over, lab.short]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 9.5
    chart.categoryAxis.visibleTicks = False
    step = _nice_step(max(short, over, 1))
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(-(-max(short, over, 1) // step), 1) * step
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = "Helvetica"
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#d0d0d0")
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.bars.strokeColor = None
    chart.bars[(0, 0)].fillColor = OVER_COLOUR
    chart.bars[(0, 1)].fillColor = SHORT_COLOUR
    chart.barWidth = 14
    d.add(chart)
    # each bar's units and value beside it, in the bar's colour
    row_h = chart.height / 2
    for k, (units, fen, colour) in enumerate(
        ((over, doc.over_fen, OVER_COLOUR), (-short, doc.short_fen, SHORT_COLOUR))
    ):
        bar_end = chart.x + chart.width * (abs(units) / chart.valueAxis.valueMax)
        y = chart.y + row_h * k + row_h / 2 - 3
        text = f"{units:+d} {lab.units} · ¥{_yuan(fen)}" if units else lab.no_variance
        d.add(String(bar_end + 4, y, text, fontName=font, fontSize=9, fillColor=colour))
    return d


def _draw_charts(
    c: Canvas, top: float, doc: VarianceReportDocument, lab: VarianceReportLabels, font: str
) -> None:
    gap = 6 * mm
    left_w = (TABLE_W - gap) * 0.55
    right_w = TABLE_W - gap - left_w
    height = CHARTS_H - 4 * mm
    renderPDF.draw(_zone_chart(doc, lab, font, left_w, height), c, MARGIN_X, top - height)
    renderPDF.draw(
        _sign_chart(doc, lab, font, right_w, height), c, MARGIN_X + left_w + gap, top - height
    )


# ---- drawing: the table ------------------------------------------------------------------------
def _draw_row(c: Canvas, top: float, row: _Row, columns: tuple[Column, ...]) -> None:
    bottom = top - row.height
    if row.line.variance:
        c.setFillGray(0.90)
        c.rect(MARGIN_X, bottom, TABLE_W, row.height, stroke=0, fill=1)
        c.setFillGray(0)
    for col in columns:
        y = top - CELL_PAD - TEXT_SIZE * 0.9
        if col.key == "sku":
            lines, font = row.cells["sku"]
            for text in lines:
                _draw_text(c, col.x0 + CELL_PAD, y, text, font, TEXT_SIZE, bold=True)
                y -= TEXT_SIZE * LEADING
            lines, font = row.cells["name"]
            for text in lines:
                _draw_text(c, col.x0 + CELL_PAD, y, text, font, TEXT_SIZE)
                y -= TEXT_SIZE * LEADING
            continue
        lines, font = row.cells[col.key]
        if col.key in _NUMBERS:
            y = top - CELL_PAD - NUMBER_SIZE * 0.9
            for text in lines:
                _draw_text(c, col.x1 - CELL_PAD, y, text, font, NUMBER_SIZE, right=True)
                y -= NUMBER_SIZE * LEADING
            continue
        for text in lines:
            _draw_text(c, col.x0 + CELL_PAD, y, text, font, TEXT_SIZE, col.key == "location")
            y -= TEXT_SIZE * LEADING
    c.setLineWidth(0.4)
    c.setStrokeGray(0.6)
    for y in (top, bottom):  # the top too: a shaded row must not hide the rule above it
        c.line(MARGIN_X, y, MARGIN_X + TABLE_W, y)
    c.setStrokeGray(0)


def _draw_header_next(
    c: Canvas, doc: VarianceReportDocument, fonts: FontPicker, lab: VarianceReportLabels
) -> None:
    rest = f"{lab.title} · {doc.scope} {lab.continued}"
    draw_continued_header(c, fonts, (MARGIN_X, PAGE_H - MARGIN_TOP, TABLE_W), doc.code, rest)


def render_variance_report_pdf(
    doc: VarianceReportDocument,
    font_path: Path | None = None,
    *,
    labels: VarianceReportLabels | None = None,
) -> bytes:
    """Render ``doc`` as an A4 portrait PDF.  ValueError when the count's code cannot be a
    Code 128 barcode (printable ASCII only)."""
    validate_payload(doc.code)
    lab = labels or VarianceReportLabels()
    cjk = register_cjk_font(font_path)
    fonts = FontPicker(cjk)
    columns = _columns()
    by_key = {col.key: col for col in columns}
    rows = [_layout_row(line, by_key, fonts) for line in doc.lines]
    pages = _pages(rows)
    titles = {
        "location": lab.location,
        "sku": lab.sku,
        "lot": lab.lot,
        "expected": lab.expected,
        "counted": lab.counted,
        "earlier": lab.earlier,
        "variance": lab.variance,
        "value": lab.value,
        "moved": lab.moved,
    }

    out = io.BytesIO()
    c = Canvas(out, pagesize=A4, pageCompression=1, invariant=True)
    c.setTitle(f"{lab.title} {doc.code}")
    c.setAuthor(doc.approved_by or doc.created_by)
    c.setCreator("Packdesk")
    for n, page_rows in enumerate(pages, start=1):
        if n == 1:
            _draw_header(c, doc, fonts, lab)
            top = PAGE_H - MARGIN_TOP - HEADER_H
            _draw_summary(c, top, doc, fonts, lab)
            top -= SUMMARY_H
            _draw_charts(c, top, doc, lab, cjk)
            top = PAGE_H - MARGIN_TOP - FIRST_TOP
        else:
            _draw_header_next(c, doc, fonts, lab)
            top = PAGE_H - MARGIN_TOP - HEADER_H_NEXT
        table_top = top
        draw_table_head(
            c,
            fonts,
            (MARGIN_X, top, TABLE_W, TABLE_HEAD_H),
            [(col.x0 + CELL_PAD, _inner(col), titles[col.key]) for col in columns],
        )
        top -= TABLE_HEAD_H
        for row in page_rows:
            _draw_row(c, top, row, columns)
            top -= row.height
        if not doc.lines:
            font = fonts.pick(lab.nothing_counted)
            _draw_text(c, MARGIN_X + CELL_PAD, top - 6 * mm, lab.nothing_counted, font, 10.5)
        draw_column_rules(c, table_top, top, columns)
        left = f"{doc.code} · {lab.title}"
        right = lab.page_of.format(n=n, m=len(pages))
        draw_footer(c, fonts, MARGIN_X, PAGE_W - MARGIN_X, MARGIN_BOTTOM + 1.5 * mm, left, right)
        c.showPage()
    c.save()
    return out.getvalue()
