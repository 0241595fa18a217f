"""One rule for the characters a code may not hold: the imports refuse them, the label
renderers print a space instead and refuse them in a barcode."""

from __future__ import annotations

import unicodedata

import pytest

from app.domain.limits import first_unprintable, is_unprintable
from printing.barcodes import validate_payload
from printing.text import clean_text

INVISIBLE = [
    "\r",
    "\n",
    "\t",
    "\x00",
    "\x1b",
    "\x7f",
    "\x85",
    "\u200b",
    "\ufeff",
    "\u2028",
    "\u2029",
]
VISIBLE = ["A", "-", " ", "保", "é", "\u00a0", "😀"]


@pytest.mark.parametrize("char", INVISIBLE)
def test_control_format_and_separator_characters_are_unprintable(char: str) -> None:
    assert is_unprintable(char)
    assert first_unprintable(f"CUP{char}1") == f"U+{ord(char):04X}"
    # Printed text: a line break or control character becomes a space; a zero-width mark
    # (format character) is meant to be unseen and is left out.
    spaced = "CUP1" if unicodedata.category(char) == "Cf" else "CUP 1"
    assert clean_text(f"CUP{char}1") == spaced
    with pytest.raises(ValueError, match=f"invisible character U\\+{ord(char):04X}"):
        validate_payload(f"CUP{char}1")


@pytest.mark.parametrize("char", VISIBLE)
def test_letters_punctuation_and_spaces_are_printable(char: str) -> None:
    assert not is_unprintable(char)
    assert first_unprintable(f"CUP{char}1") is None


def test_the_first_unprintable_character_is_named() -> None:
    assert first_unprintable("A\tB\nC") == "U+0009"
    assert first_unprintable("") is None
