"""Which font draws which character: the fallback chain, right-to-left text and the □ mark.

A :class:`FontChain` is a list of registered fonts tried in order for each character. The PDF
renderers start with Helvetica (text without Chinese) or the Chinese TrueType font (text with
Chinese), then the fallback fonts of :func:`printing.fonts.register_fallback_fonts` (Hebrew,
Arabic, Noto Sans, DejaVu Sans, the symbol fonts, Symbola's emoji). A line is drawn as runs of
characters that share a font (:meth:`FontChain.runs`), each run in its font, one after another
on the same baseline. The label bitmaps (:mod:`printing.label`) use the same chain, with the
Chinese font first, and draw the runs with Pillow.

A character no font of the chain has is drawn as :data:`REPLACEMENT` (□), never left out, and
:func:`unprintable` names it so that the print job can say so.

Hebrew and Arabic are stored in logical order (the order they are typed). :func:`shaped` turns
Arabic letters into the joined forms they take in a word (reportlab and Pillow's basic layout
do not shape), and :func:`visual` puts one line into the order it is drawn, left to right (the
Unicode bidirectional algorithm). Text is measured, wrapped and cut in logical order, after
shaping; only a finished line is put into visual order, so that a wrapped Hebrew address reads
from the first line down and each line from the right.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

import arabic_reshaper
from bidi import get_display
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from printing.fonts import (
    FALLBACK_CID_FONT,
    bold_face,
    register_cjk_font,
    register_fallback_fonts,
)

REPLACEMENT = "\u25a1"  # □ WHITE SQUARE: a character no font here has
HELVETICA = "Helvetica"

# Characters that take no room and have no glyph of their own: variation selectors (the
# emoji / text presentation of ❤), zero-width spaces and joiners, the bidi marks. Dropped.
_IGNORED_RANGES: tuple[tuple[int, int], ...] = (
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xE0000, 0xE0FFF),
)
# Chinese, Japanese and Korean: what the Chinese font is for, and where lines break anywhere.
_CJK_RANGES: tuple[tuple[int, int], ...] = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x2E80, 0x2FDF),  # radicals
    (0x3000, 0x33FF),  # CJK punctuation, kana, bopomofo, enclosed, compatibility
    (0x3400, 0x4DBF),  # extension A
    (0x4E00, 0x9FFF),  # unified ideographs
    (0xA960, 0xA97F),
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0xFE30, 0xFE4F),  # compatibility forms
    (0xFF00, 0xFFEF),  # full-width forms
    (0x20000, 0x3FFFF),  # extensions B and later
)
_ARABIC_RANGES: tuple[tuple[int, int], ...] = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x08A0, 0x08FF),
)


def _in(ch: str, ranges: tuple[tuple[int, int], ...]) -> bool:
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in ranges)


@functools.lru_cache(maxsize=65536)
def is_cjk(ch: str) -> bool:
    """True for a Chinese, Japanese or Korean character (or a full-width form)."""
    return ord(ch) >= 0x1100 and _in(ch, _CJK_RANGES)


def has_cjk(text: str) -> bool:
    return any(is_cjk(ch) for ch in text)


@functools.lru_cache(maxsize=65536)
def is_ignored(ch: str) -> bool:
    """True for a character that is never drawn (a variation selector, a zero-width mark)."""
    return ord(ch) >= 0x200B and _in(ch, _IGNORED_RANGES)


@functools.lru_cache(maxsize=65536)
def _is_rtl(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in ("R", "AL")


@functools.lru_cache(maxsize=65536)
def _is_arabic(ch: str) -> bool:
    return _in(ch, _ARABIC_RANGES)


def shaped(text: str) -> str:
    """``text`` as it is drawn, still in logical order: composed (NFC), without the characters
    that are never drawn, Arabic letters in their joined forms. Idempotent."""
    if text.isascii():
        return text
    text = "".join(ch for ch in unicodedata.normalize("NFC", text) if not is_ignored(ch))
    if any(_is_arabic(ch) for ch in text):
        text = str(arabic_reshaper.reshape(text))
    return text


def visual(line: str) -> str:
    """One line in the order it is drawn, left to right: Hebrew and Arabic runs reversed, the
    line's direction taken from its first letter (the Unicode bidirectional algorithm)."""
    if line.isascii() or not any(_is_rtl(ch) for ch in line):
        return line
    return str(get_display(line))


# ---- the chain ---------------------------------------------------------------------------------


def _cp1252(ch: str) -> bool:
    try:
        ch.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return ch.isprintable()


@functools.lru_cache(maxsize=131072)
def covers(font: str, ch: str) -> bool:
    """True when the registered font ``font`` has a glyph for ``ch``."""
    found = pdfmetrics.getFont(font)
    if isinstance(found, TTFont):
        return ord(ch) in found.face.charToGlyph
    if font == FALLBACK_CID_FONT:  # not embedded: trust the reader's Chinese font
        return is_cjk(ch) or _cp1252(ch)
    return _cp1252(ch)  # reportlab's standard Type 1 fonts: WinAnsi


@functools.lru_cache(maxsize=131072)
def _draws(faces: tuple[str, ...], ch: str) -> tuple[str, str]:
    """(the font that draws ``ch``, what it draws): ``ch`` itself, or the □ mark."""
    if ch == " " or ch.isspace():
        return faces[0], " "
    for face in faces:
        if covers(face, ch):
            return face, ch
    for face in faces:
        if covers(face, REPLACEMENT):
            return face, REPLACEMENT
    return faces[0], "?"


@dataclass(frozen=True)
class Run:
    """Characters drawn in one font: ``font`` is the name to set (a bold face when there is
    one); ``stroked``: bold drawn by stroking the outline (the font has no bold face)."""

    font: str
    text: str
    stroked: bool = False


@dataclass(frozen=True, eq=False)
class FontChain:
    """Registered fonts tried in order for each character; ``bold`` uses their bold faces
    (stroked outlines for a font without one). A :class:`printing.text.Metrics`.

    Made by :func:`pdf_chain` and :func:`label_chain`, once per list of fonts: it is compared
    by identity, which keeps the width caches (looked up per character) fast."""

    faces: tuple[str, ...]
    bold: bool = False

    def face_of(self, ch: str) -> str:
        """The (regular) font that draws ``ch`` or, when none has it, its □ mark."""
        return _draws(self.faces, ch)[0]

    def _drawn(self, face: str, glyph: str) -> tuple[str, bool]:
        """(the font to set, stroked) for ``glyph`` of ``face``: its bold face when bold and
        that has the glyph too, else ``face`` itself (stroked when bold)."""
        if not self.bold:
            return face, False
        bold = bold_face(face)
        if bold is not None and covers(bold, glyph):
            return bold, False
        return face, True

    def char_width(self, ch: str) -> float:
        """Advance width of ``ch`` (or of the □ drawn for it) at size 1."""
        face, glyph = _draws(self.faces, ch)
        font = self._drawn(face, glyph)[0]
        return float(pdfmetrics.stringWidth(glyph, font, 1000)) / 1000

    def runs(self, line: str) -> tuple[Run, ...]:
        """``line`` (in the order it is drawn) as runs of characters that share a font; a
        character no font has becomes □."""
        return _runs(self, line)


@functools.lru_cache(maxsize=4096)
def _runs(chain: FontChain, line: str) -> tuple[Run, ...]:
    groups: list[tuple[tuple[str, bool], list[str]]] = []
    for ch in line:
        face, glyph = _draws(chain.faces, ch)
        key = chain._drawn(face, glyph)
        if groups and groups[-1][0] == key:
            groups[-1][1].append(glyph)
        else:
            groups.append((key, [glyph]))
    return tuple(Run(font, "".join(glyphs), stroked) for (font, stroked), glyphs in groups)


@functools.lru_cache(maxsize=8)
def _fallbacks() -> tuple[str, ...]:
    return register_fallback_fonts()


def pdf_chain(text: str, bold: bool = False, cjk: str | None = None) -> FontChain:
    """The chain a PDF draws ``text`` with: text with Chinese starts with the Chinese font
    (``cjk``, else the one :func:`printing.fonts.register_cjk_font` finds), other text with
    Helvetica; then the fallback fonts."""
    chinese = cjk or register_cjk_font()
    if has_cjk(text):
        return _chain((chinese, HELVETICA, *_fallbacks()), bold)
    return _chain((HELVETICA, *_fallbacks(), chinese), bold)


def label_chain(cjk: str | None = None, bold: bool = False) -> FontChain:
    """The chain of a label bitmap: the Chinese font first (it draws Latin too), then the
    fallback fonts."""
    return _chain((cjk or register_cjk_font(), *_fallbacks()), bold)


@functools.lru_cache(maxsize=64)
def _chain(faces: tuple[str, ...], bold: bool) -> FontChain:
    """One chain object per list of fonts: the width caches find it by identity."""
    return FontChain(faces, bold)


def unprintable(text: str) -> str:
    """The characters of ``text`` (each once, in order) that no font on this machine has: they
    print as □. Chinese counts as printable only with a Chinese TrueType font."""
    faces = (HELVETICA, *label_chain().faces)
    missing: dict[str, None] = {}
    for ch in shaped(text):
        if ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf"):
            continue
        face, glyph = _draws(faces, ch)
        if glyph != ch or face == FALLBACK_CID_FONT:
            missing[ch] = None
    return "".join(missing)
