"""Barcode values on SKUs: GTINs (EAN-13, UPC-A, EAN-8, GTIN-14) with check digits, and internal
Code128 codes.  Every barcode gets a *lookup key* so that the same GTIN scanned as EAN-13, UPC-A
or GS1 (01) finds the same SKU."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from app.domain.errors import InvalidInput
from app.messages import documents as dm


class BarcodeKind(StrEnum):
    EAN13 = "ean13"
    EAN8 = "ean8"
    UPCA = "upca"
    GTIN14 = "gtin14"
    CODE128 = "code128"


_GTIN_LENGTHS = {8: BarcodeKind.EAN8, 12: BarcodeKind.UPCA, 13: BarcodeKind.EAN13}
_GS1_01 = re.compile(r"^(?:\(01\)|01)(\d{14})$")
# Internal codes print as Code128 subset B: printable ASCII, no spaces at the ends.
_INTERNAL = re.compile(r"^[\x21-\x7e](?:[\x20-\x7e]{0,46}[\x21-\x7e])?$")


def gtin_check_digit(body: str) -> int:
    """GS1 mod-10 check digit for the digits *body* (all but the check digit)."""
    total = 0
    for i, ch in enumerate(reversed(body)):
        total += int(ch) * (3 if i % 2 == 0 else 1)
    return (10 - total % 10) % 10


def is_valid_gtin(code: str) -> bool:
    return (
        code.isascii()
        and code.isdigit()
        and len(code) in (8, 12, 13, 14)
        and gtin_check_digit(code[:-1]) == int(code[-1])
    )


@dataclass(frozen=True)
class Barcode:
    code: str  # as printed / as given
    kind: BarcodeKind
    lookup: str  # GTINs: 14 digits; internal codes: the code itself


def parse_barcode(raw: str) -> Barcode:
    """Validate one barcode value; raise InvalidInput with the reason."""
    code = raw.strip()
    if not code:
        raise InvalidInput(dm.BARCODE_EMPTY())
    match = _GS1_01.match(code)
    if match:
        gtin = match.group(1)
        if not is_valid_gtin(gtin):
            raise InvalidInput(
                dm.BARCODE_CHECK_DIGIT(
                    kind="GS1 GTIN", code=gtin, expected=gtin_check_digit(gtin[:-1])
                )
            )
        return Barcode(gtin, BarcodeKind.GTIN14, gtin)
    if code.isascii() and code.isdigit() and len(code) in (8, 12, 13, 14):
        kind = _GTIN_LENGTHS.get(len(code), BarcodeKind.GTIN14)
        if not is_valid_gtin(code):
            expected = gtin_check_digit(code[:-1])
            raise InvalidInput(
                dm.BARCODE_CHECK_DIGIT(kind=kind.value.upper(), code=code, expected=expected)
            )
        return Barcode(code, kind, code.zfill(14))
    if not _INTERNAL.match(code):
        raise InvalidInput(dm.BARCODE_NOT_PRINTABLE(code=code))
    return Barcode(code, BarcodeKind.CODE128, code)


def lookup_key(scanned: str) -> str:
    """The key to find a SKU by a scanned code (GTINs padded to 14 digits)."""
    code = scanned.strip()
    match = _GS1_01.match(code)
    if match:
        return match.group(1)
    if code.isascii() and code.isdigit() and len(code) in (8, 12, 13, 14) and is_valid_gtin(code):
        return code.zfill(14)
    return code


def make_ean13(body12: str) -> str:
    """Complete a 12-digit body with its check digit."""
    if len(body12) != 12 or not body12.isdigit():
        raise ValueError("EAN-13 body must be 12 digits")
    return body12 + str(gtin_check_digit(body12))
