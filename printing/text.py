"""Text measuring and fitting shared by the renderers (pick list, waybill, packing slip).

Widths come from reportlab's font metrics (``font`` is a registered font name) or from any object
with a ``char_width(ch)`` method (:class:`Metrics`), so that a label for a thermal printer can be
laid out with the printer's own, wider, character cells. Sizes and widths are in the same unit
(points for a PDF); a "size" is the font size, the em square.

Chinese breaks between any two characters, Latin words at spaces. Nothing here ever returns a
line wider than the width it was given, except :func:`wrap_text` for a single character that is
wider than the whole column (kept, so that the text is never silently lost). Text that does not
fit keeps its start and ends with "…".

The PDF renderers measure and draw with a :class:`printing.glyphs.FontChain` (``FontPicker``):
each character in the first font that has it, □ when none has (:mod:`printing.glyphs`).
:func:`clean_text` shapes Arabic before anything is measured; :func:`draw_text` puts each line
into visual order (right-to-left runs reversed) as it draws it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

from reportlab.pdfbase import pdfmetrics

from app.domain.limits import is_unprintable
from printing.glyphs import FontChain, is_cjk, pdf_chain, shaped, visual

ELLIPSIS = "…"
BOLD = "Helvetica-Bold"
REGULAR = "Helvetica"
SIZE_STEP = 0.5


class Metrics(Protocol):
    """Character widths of a font that reportlab does not know (e.g. a printer's own font).

    Implementations must be hashable (a frozen dataclass): widths are cached per character.
    """

    def __hash__(self) -> int: ...

    def char_width(self, ch: str) -> float:
        """Advance width of ``ch`` at size 1."""
        ...


Font = str | Metrics


@lru_cache(maxsize=65536)
def _registered_char_width(ch: str, font: str) -> float:
    return float(pdfmetrics.stringWidth(ch, font, 1000)) / 1000


@lru_cache(maxsize=65536)
def _metrics_char_width(ch: str, font: Metrics) -> float:
    return float(font.char_width(ch))


def char_width(ch: str, font: Font) -> float:
    """Width of ``ch`` at size 1 in ``font`` (a reportlab font name or a :class:`Metrics`)."""
    if isinstance(font, str):
        return _registered_char_width(ch, font)
    return _metrics_char_width(ch, font)


def text_width(text: str, font: Font, size: float) -> float:
    """Width of ``text`` at ``size``."""
    return float(sum(char_width(ch, font) for ch in text) * size)


def clean_text(text: str) -> str:
    """``text`` on one line as it is drawn (:func:`printing.glyphs.shaped`: Arabic joined,
    zero-width marks dropped): control and format characters become spaces, runs of spaces
    one."""
    printable = "".join(" " if is_unprintable(ch) else ch for ch in shaped(text))
    return " ".join(printable.split())


def _breaks_word(left: str, right: str) -> bool:
    """True when a line break between ``left`` and ``right`` would split a word (Latin,
    Hebrew, Arabic...; Chinese breaks anywhere)."""

    def word(ch: str) -> bool:
        return not ch.isspace() and not is_cjk(ch)

    return word(left) and word(right)


def _wrap(
    text: str, font: Font, size: float, width: float, max_lines: int
) -> tuple[list[str], bool]:
    """Greedy line breaking of normalised ``text``; True when every character was placed."""
    lines: list[str] = []
    i, n = 0, len(text)
    while i < n and len(lines) < max_lines:
        j, used = i, 0.0
        while j < n:
            w = char_width(text[j], font) * size
            if used + w > width:
                break
            used += w
            j += 1
        if j == i:
            j = i + 1  # never loop on a character wider than the column
        if j < n and _breaks_word(text[j - 1], text[j]):
            k = text.rfind(" ", i, j)
            if k > i:
                j = k + 1
        lines.append(text[i:j].rstrip())
        i = j
        while i < n and text[i] == " ":
            i += 1
    return lines, i >= n


def wrap_text(text: str, font: Font, size: float, width: float, max_lines: int) -> list[str]:
    """Break ``text`` into at most ``max_lines`` lines no wider than ``width``.

    Chinese breaks between any two characters, Latin words at spaces (a word longer than the
    line is cut). Text that does not fit ends with "…" on the last line.
    """
    lines, complete = _wrap(" ".join(text.split()), font, size, width, max_lines)
    if not complete and lines:
        last = lines[-1]
        while last and text_width(last + ELLIPSIS, font, size) > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + ELLIPSIS
    return lines


def fit_size(
    text: str, font: Font, largest: float, smallest: float, width: float, step: float = SIZE_STEP
) -> float:
    """The largest size (in ``step``\\ s) at which ``text`` fits ``width``, down to ``smallest``."""
    size = largest
    while size > smallest and text_width(text, font, size) > width:
        size = max(size - step, smallest)
    return size


def ellipsize(text: str, font: Font, size: float, width: float) -> str:
    """``text`` on one line no wider than ``width``, cut with "…" when it is too long.

    Returns "" when not even the ellipsis fits.
    """
    text = " ".join(text.split())
    if text_width(text, font, size) <= width:
        return text
    room = width - char_width(ELLIPSIS, font) * size
    if room < 0:
        return ""
    used, j = 0.0, 0
    while j < len(text):
        w = char_width(text[j], font) * size
        if used + w > room:
            break
        used += w
        j += 1
    return text[:j].rstrip() + ELLIPSIS


def _cut(text: str, font: Font, size: float, width: float, max_lines: int) -> list[str]:
    """wrap_text, with a character wider than the whole line cut too (never overflows)."""
    lines = wrap_text(text, font, size, width, max_lines)
    return [line for line in (ellipsize(x, font, size, width) for x in lines) if line]


def fit_lines(
    text: str,
    font: Font,
    largest: float,
    smallest: float,
    width: float,
    max_lines: int,
    step: float = SIZE_STEP,
) -> tuple[float, list[str]]:
    """Wrap ``text`` into at most ``max_lines`` lines, shrinking from ``largest`` until it fits.

    Returns ``(size, lines)``. At ``smallest`` the text that still does not fit is cut with "…"
    at the end of the last line; no line is ever wider than ``width``.
    """
    text = " ".join(text.split())
    if not text or max_lines < 1:
        return largest, []
    size = largest
    while True:
        lines, complete = _wrap(text, font, size, width, max_lines)
        if complete and _all_fit(lines, font, size, width):
            return size, lines
        if size <= smallest:
            return size, _cut(text, font, size, width, max_lines)
        size = max(size - step, smallest)


def _all_fit(lines: list[str], font: Font, size: float, width: float) -> bool:
    return all(text_width(line, font, size) <= width for line in lines)


def fit_box(
    text: str,
    font: Font,
    largest: float,
    smallest: float,
    width: float,
    height: float,
    leading: float = 1.2,
    step: float = SIZE_STEP,
) -> tuple[float, list[str]]:
    """Like :func:`fit_lines`, with as many lines as fit ``height`` at each size tried.

    Lines are ``size * leading`` apart; the last line needs ``size`` only. At ``smallest`` the
    text is cut with "…"; at least one line is returned for non-empty text.
    """
    text = " ".join(text.split())
    if not text:
        return largest, []
    size = largest
    while True:
        max_lines = max(int((height - size) // (size * leading)) + 1, 1)
        lines, complete = _wrap(text, font, size, width, max_lines)
        if complete and _all_fit(lines, font, size, width):
            return size, lines
        if size <= smallest:
            return size, _cut(text, font, size, width, max_lines)
        size = max(size - step, smallest)


@dataclass(frozen=True)
class FontPicker:
    """The font chain of a text: Helvetica first for text without Chinese, the registered
    Chinese TrueType font ``cjk`` first for text with Chinese; then the fallback fonts."""

    cjk: str

    def pick(self, text: str, bold: bool = False) -> FontChain:
        return pdf_chain(text, bold, self.cjk)


def _draw_run(c: Any, x: float, y: float, text: str, font: str, size: float, stroked: bool) -> None:
    c.setFont(font, size)
    if not stroked:
        c.drawString(x, y, text)
        return
    c.saveState()
    c.setLineWidth(size * 0.035)
    obj = c.beginText(x, y)
    obj.setFont(font, size)
    obj.setTextRenderMode(2)  # fill + stroke: bold for a font without a bold face
    obj.textOut(text)
    c.drawText(obj)
    c.restoreState()


def draw_text(
    c: Any,
    x: float,
    y: float,
    text: str,
    font: Font,
    size: float,
    bold: bool = False,
    *,
    right: bool = False,
) -> None:
    """One line at baseline ``y``, from ``x`` (``right``: ending at ``x``).

    With a :class:`~printing.glyphs.FontChain` the line is drawn in visual order, run by run,
    each in its font (□ for a character none has); bold is the bold face, or a stroked outline
    for a font without one. A font name draws ``text`` as it is in that font.
    """
    if right:
        x -= text_width(text, font, size)
    if isinstance(font, FontChain):
        for run in font.runs(visual(shaped(text))):
            _draw_run(c, x, y, run.text, run.font, size, run.stroked)
            x += float(pdfmetrics.stringWidth(run.text, run.font, size))
        return
    if not isinstance(font, str):
        raise TypeError(f"cannot draw with {font!r}: give a font name or a FontChain")
    _draw_run(c, x, y, text, font, size, bold and font not in (BOLD, REGULAR))
