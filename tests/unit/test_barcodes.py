from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.barcodes import (
    BarcodeKind,
    gtin_check_digit,
    is_valid_gtin,
    lookup_key,
    make_ean13,
    parse_barcode,
)
from app.domain.errors import InvalidInput


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("6901234567892", BarcodeKind.EAN13),
        ("036000291452", BarcodeKind.UPCA),
        ("96385074", BarcodeKind.EAN8),
        ("(01)06901234567892", BarcodeKind.GTIN14),
        ("0106901234567892", BarcodeKind.GTIN14),
        ("SKU-CUP-500", BarcodeKind.CODE128),
    ],
)
def test_valid_barcodes(code: str, kind: BarcodeKind) -> None:
    assert parse_barcode(code).kind is kind


def test_wrong_check_digit_names_the_expected_digit() -> None:
    with pytest.raises(
        InvalidInput, match=r"EAN13 6901234567891: wrong check digit \(expected 2\)"
    ):
        parse_barcode("6901234567891")


@pytest.mark.parametrize("bad", ["", "   ", "条码", "a" * 49, "tab\tinside"])
def test_internal_codes_must_be_printable_ascii(bad: str) -> None:
    with pytest.raises(InvalidInput):
        parse_barcode(bad)


def test_same_gtin_in_any_form_has_one_lookup_key() -> None:
    assert (
        parse_barcode("036000291452").lookup
        == parse_barcode("0036000291452").lookup
        == lookup_key("(01)00036000291452")
        == "00036000291452"
    )


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_make_ean13_is_always_valid_and_any_single_digit_error_is_caught(body: str) -> None:
    code = make_ean13(body)
    assert is_valid_gtin(code)
    wrong = code[:-1] + str((int(code[-1]) + 1) % 10)
    assert not is_valid_gtin(wrong)


def test_check_digit_known_value() -> None:
    assert gtin_check_digit("690123456789") == 2
