"""The font chain (printing.glyphs): what prints when a font is missing, emoji with a
variation selector, Arabic joined once."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest

from printing import glyphs
from printing.label import render_text
from printing.waybill import Party, WaybillDocument, render_waybill_pdf

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="no poppler-utils")
HEBREW = "דוד כהן"


def without_fallback_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine without fonts-noto-core, fonts-dejavu-core and fonts-symbola."""
    monkeypatch.setattr(glyphs, "_fallbacks", lambda: ())


@needs_poppler
def test_without_the_fallback_fonts_hebrew_prints_as_white_squares(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    without_fallback_fonts(monkeypatch)
    doc = WaybillDocument(
        "SF", "顺丰速运", "标准快递", "SF1234567890123",
        sender=Party("杭州优选旗舰店", "0571-88886666"),
        receiver=Party(f"Anna {HEBREW}", "0501234567", address="1 Main St"),
        order_no="TB1",
    )  # fmt: skip
    out = subprocess.run(
        ["pdftotext", "-", "-"], input=render_waybill_pdf(doc), capture_output=True, check=True
    )
    text = "".join(ch for ch in out.stdout.decode() if unicodedata.category(ch) != "Cf")
    assert "Anna □□□ □□□" in text  # a box per letter, never a blank
    assert glyphs.unprintable(f"Anna {HEBREW}") == "דוכהן"
    assert render_text(HEBREW, 32).ink_dots() > 0


def test_an_emoji_with_a_variation_selector_prints_the_emoji() -> None:
    """❤️ is ❤ and U+FE0F (emoji presentation), which no font draws: it is left out, not
    printed as a second □."""
    assert glyphs.shaped("I ❤\ufe0f tea") == "I ❤ tea"
    assert glyphs.unprintable("I ❤\ufe0f tea") == ""


def test_arabic_is_joined_once_and_put_right_to_left_per_line() -> None:
    word = "شارع"
    joined = glyphs.shaped(word)
    assert joined != word and all(0xFE70 <= ord(ch) <= 0xFEFF for ch in joined)
    assert glyphs.shaped(joined) == joined
    assert glyphs.visual(joined) == joined[::-1]
    assert glyphs.visual("Order 12") == "Order 12"
