from __future__ import annotations

import datetime as dt

from app.domain.scans import parse_item_scan


def test_ean13_upc_and_internal_codes() -> None:
    assert parse_item_scan("6901234567892").lookup == "06901234567892"
    assert parse_item_scan("036000291452").lookup == "00036000291452"
    assert parse_item_scan("SKU-CUP-500").lookup == "SKU-CUP-500"


def test_gs1_with_lot_and_expiry_raw_and_bracketed() -> None:
    raw = parse_item_scan("]C1010690123456789210LOT-A1\x1d17271231")
    assert (raw.lookup, raw.lot, raw.expiry) == ("06901234567892", "LOT-A1", dt.date(2027, 12, 31))
    human = parse_item_scan("(01)06901234567892(10)L20260901-01")
    assert (human.lookup, human.lot) == ("06901234567892", "L20260901-01")
