"""What the A4 documents (the pick list, the handover manifest, the count sheet, the variance
report) draw alike: the first page's title with the document's code and its barcode, a label
with its value, the shaded table head with two-language column titles, the footer with the
page count.

Pure drawing on a reportlab canvas; the documents keep their own geometry and pass it in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm

from printing.barcodes import LASER_DPI, code128_height, code128_width, draw_code128
from printing.text import FontPicker, clean_text, wrap_text
from printing.text import draw_text as _draw_text
from printing.text import text_width as _width


def draw_label_value(
    c: Any, fonts: FontPicker, x: float, y: float, width: float, label: str, value: str
) -> None:
    """``label: value`` on one line from *x*, the value bold and cut to what *width* leaves."""
    size = 10.5
    head = f"{label}: "
    head_font = fonts.pick(head)
    _draw_text(c, x, y, head, head_font, size)
    x += _width(head, head_font, size)
    value = clean_text(value)
    value_font = fonts.pick(value, bold=True)
    fitted = wrap_text(value, value_font, size + 1, width - _width(head, head_font, size), 1)
    _draw_text(c, x, y, fitted[0] if fitted else "", value_font, size + 1, bold=True)


def draw_table_head(
    c: Any,
    fonts: FontPicker,
    box: tuple[float, float, float, float],
    titles: Sequence[tuple[float, float, tuple[str, str]]],
) -> None:
    """The table's head row: *box* (x, top, width, height) shaded, each column's titles
    (x of the text, room, (first line, second line)) bold, and the rule under it."""
    x, top, width, height = box
    c.setFillGray(0.82)
    c.rect(x, top - height, width, height, stroke=0, fill=1)
    c.setFillGray(0)
    for text_x, room, lines in titles:
        for k, (text, size) in enumerate(zip(lines, (9.5, 8.0), strict=True)):
            if not text:
                continue
            font = fonts.pick(text, bold=True)
            fitted = wrap_text(text, font, size, room, 1)
            y = top - 4.2 * mm - k * 3.7 * mm
            _draw_text(c, text_x, y, fitted[0], font, size, bold=True)
    c.setLineWidth(1.2)
    c.line(x, top - height, x + width, top - height)


def draw_footer(
    c: Any, fonts: FontPicker, x0: float, x1: float, y: float, left: str, right: str
) -> None:
    """The footer from *x0* to *x1* at baseline *y*: a rule above, *left* (cut to its room) and
    *right* (the page count)."""
    c.setLineWidth(0.5)
    c.line(x0, y + 4.5 * mm, x1, y + 4.5 * mm)
    right_font = fonts.pick(right)
    _draw_text(c, x1, y, right, right_font, 10, right=True)
    left = clean_text(left)
    left_font = fonts.pick(left)
    room = x1 - x0 - _width(right, right_font, 10) - 6 * mm
    fitted = wrap_text(left, left_font, 10, room, 1)
    _draw_text(c, x0, y, fitted[0] if fitted else "", left_font, 10)


def draw_code_header(
    c: Any,
    fonts: FontPicker,
    box: tuple[float, float, float],
    title: str,
    code: str,
    barcode: tuple[float, float],
) -> float:
    """The top of a document's first page: *title* and under it *code* in large type at the
    left of *box* (x, top, width), the code's Code 128 barcode (module, bar height in mm) at
    the right.  Returns the width left for text beside the barcode."""
    x, top, width = box
    module_mm, bar_mm = barcode
    bc_w = code128_width(code, module_mm, LASER_DPI)
    bc_h = code128_height(bar_mm, human_readable=True)
    bc_x = x + width - bc_w
    draw_code128(c, bc_x, top - bc_h, code, module_mm, bar_mm, dpi=LASER_DPI)
    text_w = float(bc_x - x - 4 * mm)
    title = clean_text(title)
    font = fonts.pick(title, bold=True)
    fitted = wrap_text(title, font, 18, text_w, 1)
    _draw_text(c, x, top - 16, fitted[0] if fitted else "", font, 18, bold=True)
    c.setFont("Helvetica-Bold", 26)
    c.drawString(x, top - 16 - 28, code)
    return text_w


def draw_continued_header(
    c: Any, fonts: FontPicker, box: tuple[float, float, float], code: str, rest: str
) -> None:
    """The top of a later page in *box* (x, top, width): the document's *code* bold, then
    *rest* (its title, "continued") cut to the room left."""
    x, top, width = box
    c.setFont("Helvetica-Bold", 16)
    c.drawString(x, top - 16, code)
    rest = clean_text(rest)
    font = fonts.pick(rest)
    after = x + _width(code, "Helvetica-Bold", 16) + 4 * mm
    fitted = wrap_text(rest, font, 11, x + width - after, 1)
    _draw_text(c, after, top - 16, fitted[0] if fitted else "", font, 11)


@dataclass(frozen=True)
class Column:
    key: str
    x0: float
    x1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0


def lay_columns(x: float, width: float, spec: Sequence[tuple[str, float]]) -> tuple[Column, ...]:
    """Columns left to right from *x*: (key, width) each, a width of 0 taking what the others
    leave of *width*."""
    rest = width - sum(w for _, w in spec)
    found: list[Column] = []
    for key, w in spec:
        w = w or rest
        found.append(Column(key, x, x + w))
        x += w
    return tuple(found)


def draw_column_rules(c: Any, top: float, bottom: float, columns: Sequence[Column]) -> None:
    """The thin grey rules between the columns, from *top* down to *bottom*."""
    c.saveState()
    c.setStrokeGray(0.55)
    c.setLineWidth(0.4)
    for col in columns[1:]:
        c.line(col.x0, top, col.x0, bottom)
    c.restoreState()


def paginate(heights: Sequence[float], first: float, later: float) -> list[list[int]]:
    """Row indexes per page: rows of these *heights* while they fit in the room of the first
    page's table (*first*), then of each later page's (*later*); a row taller than a page
    still gets a page of its own.  Never no page: an empty table is one page."""
    pages: list[list[int]] = [[]]
    room = first
    for i, height in enumerate(heights):
        if height > room and pages[-1]:
            pages.append([])
            room = later
        pages[-1].append(i)
        room -= height
    return pages
