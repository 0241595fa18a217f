"""app.domain.scans: what a scanned or typed code is (classify), and what an item scan means."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.scans import (
    DEFAULT,
    DEFAULT_RULES,
    GS,
    ClassifierConfig,
    ItemScan,
    Scan,
    ScanKind,
    ScanRefused,
    classifier_with,
    classify,
)


def test_ean13_upc_and_internal_codes() -> None:
    assert ItemScan.of("6901234567892").lookup == "06901234567892"
    assert ItemScan.of("036000291452").lookup == "00036000291452"
    assert ItemScan.of("SKU-CUP-500").lookup == "SKU-CUP-500"


def test_gs1_with_lot_and_expiry_raw_and_bracketed() -> None:
    raw = ItemScan.of("]C1010690123456789210LOT-A1\x1d17271231")
    assert (raw.lookup, raw.lot, raw.expiry) == ("06901234567892", "LOT-A1", dt.date(2027, 12, 31))
    human = ItemScan.of("(01)06901234567892(10)L20260901-01")
    assert (human.lookup, human.lot) == ("06901234567892", "L20260901-01")


# --- classify --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        ("W000123", "wave"),
        ("PT004567", "pick_task"),
        ("A-01-02-03", "location"),
        ("ABC-10-20-30", "location"),
        ("U-SUP01", "badge"),
        ("T001", "tote"),
        ("T123456", "tote"),
        ("SO-20240101", "order"),
        ("1Z999AA10123456784", "tracking"),
        ("RR123456789CN", "tracking"),
        ("SF1234567890123", "tracking"),
        ("6901234567892", "gtin"),  # EAN-13
        ("036000291452", "gtin"),  # UPC-A
        ("96385074", "gtin"),  # EAN-8
        ("SKU-CUP-500", "code"),
        ("W12345", "code"),  # wave numbers have six digits
        ("a-01-02-03", "code"),
    ],
)
def test_each_kind(raw: str, kind: str) -> None:
    event = classify(raw, source="test", at=1.5)
    assert (event.kind, event.value, event.raw, event.source, event.at) == (
        kind,
        raw,
        raw,
        "test",
        1.5,
    )
    assert event.symbology is None


def test_gtin_lookup_key_is_14_digits() -> None:
    assert classify("036000291452").gtin == "00036000291452"
    assert classify("6901234567892").gtin == "06901234567892"


def test_wrong_check_digit_is_an_internal_code_not_a_gtin() -> None:
    event = classify("6901234567893")
    assert (event.kind, event.value, event.gtin) == ("code", "6901234567893", None)


@pytest.mark.parametrize("aim", ["]E0", "]C0", "]A0", "]Q1", "]d1", "]e0"])
def test_aim_prefix_is_split_off(aim: str) -> None:
    event = classify(aim + "6901234567892")
    assert (event.symbology, event.kind, event.value) == (aim, "gtin", "6901234567892")
    assert event.raw == aim + "6901234567892"


def test_aim_prefix_then_internal_kinds() -> None:
    assert classify("]C0W000042").kind == "wave"
    assert classify("]Q3U-PACK01").kind == "badge"


def test_gs1_raw_with_lot_and_expiry() -> None:
    event = classify("]C1010690123456789210LOT-A1" + GS + "17271231")
    assert event.symbology == "]C1"
    assert event.kind == "gs1"
    assert (event.gtin, event.lot, event.expiry) == (
        "06901234567892",
        "LOT-A1",
        dt.date(2027, 12, 31),
    )


def test_gs1_datamatrix_and_bracketed_and_bare() -> None:
    dm = classify("]d2010690123456789217260131" + "10B7")
    assert (dm.kind, dm.gtin, dm.lot, dm.expiry) == (
        "gs1",
        "06901234567892",
        "B7",
        dt.date(2026, 1, 31),
    )
    hri = classify("(01)06901234567892(10)L20260901-01")
    assert (hri.kind, hri.gtin, hri.lot, hri.expiry) == (
        "gs1",
        "06901234567892",
        "L20260901-01",
        None,
    )
    bare = classify("0106901234567892")
    assert (bare.kind, bare.gtin) == ("gs1", "06901234567892")


def test_gs1_with_bad_gtin_check_digit_is_a_code() -> None:
    assert classify("0106901234567893").kind == "code"


def test_configurable_rules() -> None:
    config = ClassifierConfig(rules=(*DEFAULT_RULES, ("order", r"^\d{10}$")))
    assert classify("2024000001", config).kind == "order"
    assert classify("2024000001").kind == "code"
    tracking = ClassifierConfig(rules=(("tracking", r"^ZT\d{8}$"),))
    assert classify("ZT12345678", tracking).kind == "tracking"
    assert classify("W000001", tracking).kind == "code"  # rules replaced


def test_spaces_and_one_line_ending_are_trimmed() -> None:
    assert classify("  W000001 ").value == "W000001"
    assert classify("W000001\r\n").kind == "wave"


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("]C1", "empty"),
        ("W0001\x00", "control character"),
        ("AB\x1bCD", "control character"),
        ("AB\tCD", "control character"),
        ("AB\rCD", "control character"),
        ("7" * 4000, "4,000 characters"),
        ("7" * 201, "201 characters"),
    ],
)
def test_garbage_is_refused_with_a_sentence(raw: str, words: str) -> None:
    with pytest.raises(ScanRefused, match=words):
        classify(raw)


def test_200_characters_is_still_a_code() -> None:
    assert classify("A" * 200).kind == "code"


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=260))
def test_fuzz_any_text_is_a_scan_event_or_value_error(raw: str) -> None:
    try:
        event = classify(raw)
    except ScanRefused:
        return
    assert isinstance(event, Scan)
    assert event.value and len(event.value) <= 200


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("0123456789()]CdQ" + GS), max_size=60),
)
def test_fuzz_gs1_like_text(raw: str) -> None:
    try:
        event = classify(raw)
    except ScanRefused:
        return
    assert event.kind in {"gs1", "gtin", "code", "tote", "tracking", "order", "quantity"}


def test_a_station_can_name_its_own_order_numbers() -> None:
    config, problems = classifier_with({"order": r"^\d{10,20}$", "nonsense": "x", "tote": "("})
    assert classify("300065104276", config).kind == "order"  # JD order numbers: digits only
    assert classify("300065104276").kind == "code"  # not with the built-in rules
    assert classify("T123", config).kind == "tote"  # the bad tote pattern kept the built-in
    assert len(problems) == 2
    said = [str(p) for p in problems]
    assert any("'nonsense' ignored" in p for p in said)
    assert any("'tote' ignored" in p and "not a regex" in p for p in said)


def test_scan_patterns_survive_the_settings_file(tmp_path: Path) -> None:
    from app.config import Settings

    settings = Settings()
    settings.devices.scanner.patterns = {"order": r"^\d{12}$"}
    settings.save(tmp_path / "settings.json")
    assert Settings.load(tmp_path / "settings.json").devices.scanner.patterns == {
        "order": r"^\d{12}$"
    }


def test_typed_quantities_clear_and_the_stations_packaging_are_kinds_too() -> None:
    assert classify("12", source="keyboard").quantity == 12
    assert classify("9999").kind is ScanKind.QUANTITY
    assert classify("12345").kind is ScanKind.CODE  # five digits: a code, not a quantity
    assert classify("clear").kind is ScanKind.CLEAR
    station = DEFAULT.with_packaging({"bag-1", "BOX-M"})
    assert classify("BAG-1", station).kind is ScanKind.PACKAGING
    assert classify("bag-1", station).value == "BAG-1"
    assert classify("BAG-1").kind is ScanKind.CODE  # not a packaging code at another station
    assert classify("6901234567892").quantity is None


def test_an_item_scan_carries_its_lookup_key_lot_and_expiry() -> None:
    gs1 = classify("]C1010690123456789210LOT-A1\x1d17271231").item
    assert (gs1.lookup, gs1.lot) == ("06901234567892", "LOT-A1")
    assert classify("SKU-CUP-500").item == ItemScan("SKU-CUP-500", "SKU-CUP-500")
