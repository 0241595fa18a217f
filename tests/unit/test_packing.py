"""The pack check (验货): every refusal changes nothing, lots and expiry, bulk quantities, gifts
and inserts, undo, damaged swaps, weight tolerance, parcels, and crash-recovery replay."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
from typing import NamedTuple, TypeAlias, TypeVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.orders import OrderStatus
from app.domain.packing import (
    DamageCheckConfirmed,
    DamagedUnit,
    Insert,
    InsertConfirmed,
    Packaging,
    PackagingChosen,
    PackEvent,
    PackLine,
    PackOrder,
    PackRefused,
    PackSession,
    ResolvedScan,
    ScanAccepted,
    ScanReason,
    ScanUndone,
    ScanVerdict,
    check_weight,
    event_from_dict,
    event_to_dict,
    expected_weight,
    lines_without_weight,
)
from app.domain.scans import ItemScan
from app.messages import Message

T = TypeVar("T")
TODAY = dt.date(2026, 11, 20)
DAY = dt.timedelta(days=1)
CUP_EAN = "6901234567892"
MILK_GTIN = "06900000000014"

CUP = PackLine(
    1, "CUP-500", "Ceramic cup", 2, unit_weight_g=350, fragile=True,
    barcodes=frozenset({"0" + CUP_EAN}),
)  # fmt: skip
MILK = PackLine(
    2, "MILK-1", "Milk powder", 1, lot="L1", expiry=dt.date(2027, 3, 1), unit_weight_g=900,
    barcodes=frozenset({MILK_GTIN}),
)  # fmt: skip
SCREW = PackLine(3, "SCREW-M3", "M3 screws", 200, bulk=True, unit_weight_g=1)
STICKER = PackLine(4, "STK-1", "Sticker", 1, gift=True, unit_weight_g=5)
FLYER = Insert("FLY-01", "Spring flyer")
BOX = Packaging("B3", "Carton no. 3", 120, "30x20x15 cm")
BAG = Packaging("P1", "Poly bag", 15, "35x45 cm")


def make_order(
    *lines: PackLine,
    status: OrderStatus = OrderStatus.PICKED,
    inserts: tuple[Insert, ...] = (FLYER,),
    changed: bool = False,
) -> PackOrder:
    return PackOrder(
        "A100",
        status,
        lines or (CUP, MILK, SCREW, STICKER),
        inserts,
        "",
        changed_since_pick=changed,
    )


def item(
    sku: str | None,
    *,
    raw: str | None = None,
    lot: str | None = None,
    expiry: dt.date | None = None,
    other_open_order: str | None = None,
) -> ResolvedScan:
    return ResolvedScan(raw or sku or "???", sku, lot, expiry, other_open_order)


def session(
    *lines: PackLine,
    status: OrderStatus = OrderStatus.PICKED,
    inserts: tuple[Insert, ...] = (FLYER,),
    changed: bool = False,
) -> PackSession:
    return PackSession(make_order(*lines, status=status, inserts=inserts, changed=changed))


def scan(
    s: PackSession,
    sku: str | None,
    qty: int | None = None,
    by: str = "ann",
    *,
    raw: str | None = None,
    lot: str | None = None,
    expiry: dt.date | None = None,
    other_open_order: str | None = None,
) -> ScanVerdict:
    scanned = item(sku, raw=raw, lot=lot, expiry=expiry, other_open_order=other_open_order)
    return s.scan(scanned, today=TODAY, by=by, qty=qty)


# --- accepted scans ------------------------------------------------------------------------------


def test_accepted_scan_counts_and_says_where_it_stands() -> None:
    s = session()
    v = scan(s, "CUP-500")
    assert v.accepted and v.reason is ScanReason.ACCEPTED
    assert v.line == CUP and v.qty == 1 and v.scanned == 1
    assert str(v.message) == "SKU CUP-500 (Ceramic cup): 1 of 2 scanned"
    assert v.event == ScanAccepted(1, "ann", 1, 1, 1, "CUP-500")
    assert s.events == (v.event,)
    assert str(scan(s, "CUP-500").message).endswith("2 of 2 scanned — line complete")
    assert s.scanned(CUP.line_id) == 2
    assert s.units_scanned == 2 and s.units_ordered == 204


def test_last_item_says_all_items_scanned() -> None:
    s = session(CUP)
    scan(s, "CUP-500")
    assert str(scan(s, "CUP-500").message).endswith("— all items scanned")
    assert s.complete


def test_code_without_sku_matches_the_lines_own_barcodes() -> None:
    s = session()
    v = s.scan(ResolvedScan.of(ItemScan.of(CUP_EAN), None), today=TODAY, by="ann")
    assert v.accepted and v.line == CUP


def test_gs1_scan_carries_lot_and_expiry() -> None:
    s = session()
    good = ItemScan.of(f"(01){MILK_GTIN}(10)L1(17)270301")
    v = s.scan(ResolvedScan.of(good, "MILK-1"), today=TODAY, by="ann")
    assert v.accepted
    assert v.event is not None and v.event.lot == "L1" and v.event.expiry == dt.date(2027, 3, 1)


def test_check_scan_changes_nothing_and_apply_counts_it() -> None:
    s = session()
    v = s.check_scan(item("CUP-500"), today=TODAY, by="ann")
    assert v.accepted and s.last_seq == 0 and s.scanned(1) == 0
    assert v.event is not None
    assert s.apply(v.event) is True
    assert s.apply(v.event) is False  # the same event twice: counted once
    assert s.scanned(1) == 1


# --- refusals: each one loud, none changes anything ----------------------------------------------


def _refused(
    s: PackSession,
    sku: str | None,
    qty: int | None = None,
    *,
    raw: str | None = None,
    lot: str | None = None,
    expiry: dt.date | None = None,
    other_open_order: str | None = None,
) -> ScanVerdict:
    before = s.state()
    v = scan(s, sku, qty, raw=raw, lot=lot, expiry=expiry, other_open_order=other_open_order)
    assert not v.accepted and v.event is None
    assert s.state() == before
    return v


def test_wrong_sku_is_refused() -> None:
    v = _refused(session(), "MUG-1")
    assert v.reason is ScanReason.NOT_IN_ORDER
    assert str(v.message) == (
        "wrong item: SKU MUG-1 is not in order A100 — put it back and scan an item of this order"
    )


def test_unknown_barcode_is_refused() -> None:
    v = _refused(session(), None, raw="1234")
    assert v.reason is ScanReason.UNKNOWN_BARCODE
    assert str(v.message).startswith("unknown barcode 1234: not on any SKU — ")


def test_over_quantity_is_refused() -> None:
    s = session()
    scan(s, "CUP-500")
    scan(s, "CUP-500")
    v = _refused(s, "CUP-500")
    assert v.reason is ScanReason.OVER_QUANTITY and v.scanned == 2
    assert (
        str(v.message) == "more than ordered: SKU CUP-500 needs 2, this would be 3 — put one back"
    )


def test_over_quantity_of_a_typed_bulk_quantity() -> None:
    v = _refused(session(), "SCREW-M3", qty=203)
    assert v.reason is ScanReason.OVER_QUANTITY
    assert str(v.message) == (
        "more than ordered: SKU SCREW-M3 needs 200, this would be 203 — put 3 back"
    )


def test_item_of_another_open_order_is_refused() -> None:
    v = _refused(session(), "MUG-1", other_open_order="B200")
    assert v.reason is ScanReason.OTHER_ORDER
    assert str(v.message) == (
        "SKU MUG-1 belongs to order B200, also open at this station"
        " — put it with order B200, not in A100"
    )


def test_same_sku_for_another_order_counts_here_until_this_line_is_full() -> None:
    s = session()
    assert scan(s, "CUP-500", other_open_order="B200").accepted
    assert scan(s, "CUP-500", other_open_order="B200").accepted
    assert _refused(s, "CUP-500", other_open_order="B200").reason is ScanReason.OTHER_ORDER


@pytest.mark.parametrize(
    ("status", "changed", "says"),
    [
        (OrderStatus.CANCELLED, False, "order A100 was cancelled — stop packing: its items"),
        (OrderStatus.ON_HOLD, False, "order A100 is on hold — stop packing"),
        (OrderStatus.PICKED, True, "order A100 changed after picking (address or payment)"),
        (OrderStatus.PACKING, True, "order A100 changed after picking"),
        (OrderStatus.SHIPPED, False, "order A100 is shipped, not waiting to be packed"),
        (OrderStatus.ALLOCATED, False, "order A100 is allocated, not waiting to be packed"),
    ],
)
def test_blocked_orders_refuse_every_scan(status: OrderStatus, changed: bool, says: str) -> None:
    s = session(status=status, changed=changed)
    v = _refused(s, "CUP-500")
    assert v.reason is ScanReason.ORDER_BLOCKED
    assert str(v.message).startswith(says)
    assert " — " in str(v.message)  # … and what to do
    assert s.can_close()[0] == v.message
    for action in (
        lambda: s.confirm_insert("FLY-01", "ann"),
        lambda: s.confirm_damage_check("ann"),
        lambda: s.next_parcel("ann"),
        lambda: s.choose_packaging(BOX, "ann"),
    ):
        with pytest.raises(PackRefused, match="A100"):
            action()
    assert s.last_seq == 0


def test_cancellation_arriving_mid_pack_stops_the_scans() -> None:
    s = session()
    scan(s, "CUP-500")
    s.update_order(dataclasses.replace(s.order, status=OrderStatus.CANCELLED))
    v = _refused(s, "CUP-500")
    assert v.reason is ScanReason.ORDER_BLOCKED and "put-away cart" in str(v.message)
    assert s.undo_last("ann")  # taking items out is still possible
    assert s.scanned(CUP.line_id) == 0


def test_lines_cannot_change_under_a_session() -> None:
    s = session()
    with pytest.raises(PackRefused, match="lines changed"):
        s.update_order(make_order(CUP))
    assert s.order == make_order()


def test_bulk_line_needs_a_typed_quantity() -> None:
    s = session()
    v = _refused(s, "SCREW-M3")
    assert v.reason is ScanReason.BULK_NEEDS_QTY
    assert str(v.message) == (
        "SKU SCREW-M3 (M3 screws) is counted, not scanned one by one — type the quantity"
        " (200 still needed), then scan it again"
    )
    assert scan(s, "SCREW-M3", qty=150).scanned == 150
    assert str(scan(s, "SCREW-M3", qty=50).message).endswith("200 of 200 scanned — line complete")


def test_unit_lines_take_no_typed_quantity() -> None:
    v = _refused(session(), "CUP-500", qty=2)
    assert v.reason is ScanReason.SCAN_EACH_UNIT
    assert "scan each item instead of typing a quantity" in str(v.message)
    assert scan(session(), "CUP-500", qty=1).accepted  # typing 1 is one unit


@pytest.mark.parametrize("qty", [0, -1])
def test_quantity_below_one_is_refused(qty: int) -> None:
    v = _refused(session(), "SCREW-M3", qty=qty)
    assert v.reason is ScanReason.BAD_QUANTITY
    assert str(v.message).startswith(f"quantity must be at least 1, not {qty} — ")


# --- lots and expiry -----------------------------------------------------------------------------


def test_wrong_lot_is_refused() -> None:
    v = _refused(session(), "MILK-1", lot="L2")
    assert v.reason is ScanReason.WRONG_LOT and v.line == MILK
    assert str(v.message) == (
        "wrong lot: SKU MILK-1 lot L2 scanned, the picked lot is L1"
        " — put it back and take one from lot L1"
    )


def test_gs1_code_with_the_wrong_lot_is_refused() -> None:
    s = session()
    wrong = ItemScan.of(f"(01){MILK_GTIN}(10)L2(17)270301")
    before = s.state()
    v = s.scan(ResolvedScan.of(wrong, "MILK-1"), today=TODAY, by="ann")
    assert v.reason is ScanReason.WRONG_LOT and s.state() == before


def test_code_without_a_lot_is_taken_for_the_picked_lot() -> None:
    assert scan(session(), "MILK-1").accepted


def test_expired_lot_on_the_code_is_refused() -> None:
    v = _refused(session(), "MILK-1", lot="L1", expiry=TODAY - DAY)
    assert v.reason is ScanReason.EXPIRED_LOT
    assert str(v.message) == (
        "expired: SKU MILK-1 lot L1 expired on 2026-11-19 — do not pack it;"
        " put it in quarantine and ask a supervisor for a unit from another lot"
    )


def test_expired_picked_lot_is_refused_even_without_expiry_on_the_code() -> None:
    old = dataclasses.replace(MILK, expiry=TODAY - DAY)
    v = _refused(session(old), "MILK-1")
    assert v.reason is ScanReason.EXPIRED_LOT and "lot L1 expired on 2026-11-19" in str(v.message)


def test_lot_expiring_today_is_refused_as_allocation_never_allocates_it() -> None:
    v = _refused(session(), "MILK-1", lot="L1", expiry=TODAY)
    assert v.reason is ScanReason.EXPIRED_LOT and "expires today" in str(v.message)
    v = _refused(session(dataclasses.replace(MILK, expiry=TODAY)), "MILK-1")
    assert v.reason is ScanReason.EXPIRED_LOT
    assert scan(session(), "MILK-1", lot="L1", expiry=TODAY + DAY).accepted


def test_two_lines_of_one_sku_take_their_own_lots() -> None:
    l1 = dataclasses.replace(MILK, line_id=10, lot="L1", qty=1)
    l3 = dataclasses.replace(MILK, line_id=11, lot="L3", qty=2)
    s = session(l1, l3)
    assert scan(s, "MILK-1", lot="L3").line == l3
    assert scan(s, "MILK-1", lot="L1").line == l1
    assert scan(s, "MILK-1").line == l3  # no lot on the code: the line with room
    v = _refused(s, "MILK-1", lot="L1")
    assert str(v.message).startswith("more than ordered: SKU MILK-1 needs 1, this would be 2")
    v = _refused(s, "MILK-1")
    assert str(v.message).startswith("more than ordered: SKU MILK-1 needs 3, this would be 4")
    wrong = _refused(s, "MILK-1", lot="L9")
    assert "the picked lot is L1 or L3" in str(wrong.message)


def words(messages: list[Message]) -> list[str]:
    """The messages as an English reader sees them."""
    return [str(m) for m in messages]


# --- closing: lines, gifts, inserts, damage check ------------------------------------------------


def test_can_close_lists_everything_missing() -> None:
    s = session()
    scan(s, "CUP-500")
    assert [m.name for m in s.can_close()] == [
        *["pack.line_missing"] * 3,
        "pack.gift_missing",
        "pack.insert_not_confirmed",
        "pack.damage_check_missing",
    ]
    assert words(s.can_close()) == [
        "SKU CUP-500 (Ceramic cup): 1 of 2 scanned — scan 1 more",
        "SKU MILK-1 (Milk powder): 0 of 1 scanned — scan 1 more",
        "SKU SCREW-M3 (M3 screws): 0 of 200 scanned — scan 200 more",
        "gift SKU STK-1 (Sticker): 0 of 1 scanned — scan the gift too (1 more)",
        "insert FLY-01 (Spring flyer) not confirmed — put it in the parcel and confirm it",
        "damage check not confirmed — look the items over for damage and confirm",
    ]


def test_gifts_and_inserts_must_be_confirmed() -> None:
    s = session()
    for _ in range(2):
        scan(s, "CUP-500")
    scan(s, "MILK-1")
    scan(s, "SCREW-M3", qty=200)
    s.confirm_damage_check("ann")
    assert [r.split(":")[0] for r in words(s.can_close())] == [
        "gift SKU STK-1 (Sticker)",
        "insert FLY-01 (Spring flyer) not confirmed — put it in the parcel and confirm it",
    ]
    scan(s, "STK-1")
    assert s.confirm_insert("FLY-01", "ann") == InsertConfirmed(7, "ann", "FLY-01")
    assert s.confirm_insert("FLY-01", "ann") is None  # twice: nothing new
    assert s.can_close() == []
    assert s.complete


def test_unknown_insert_is_refused() -> None:
    s = session()
    with pytest.raises(PackRefused, match=r"NOPE is not an insert of order A100 \(its inserts"):
        s.confirm_insert("NOPE", "ann")
    assert s.last_seq == 0 and s.inserts_confirmed == frozenset()


def test_damage_check_needed_for_fragile_items_or_when_the_station_asks() -> None:
    plain = session(MILK, inserts=())
    scan(plain, "MILK-1")
    assert not plain.damage_check_required and plain.can_close() == []
    strict = PackSession(make_order(MILK, inserts=()), always_check_damage=True)
    scan(strict, "MILK-1")
    assert words(strict.can_close()) == [
        "damage check not confirmed — look the items over for damage and confirm"
    ]
    assert strict.confirm_damage_check("ann") == DamageCheckConfirmed(2, "ann")
    assert strict.confirm_damage_check("ann") is None
    assert strict.can_close() == []


def test_order_without_lines_cannot_close() -> None:
    s = PackSession(PackOrder("A0", OrderStatus.PICKED, ()))
    assert words(s.can_close()) == ["order A0 has no lines — nothing to pack; ask a supervisor"]
    assert not s.complete


# --- undo and damaged units ----------------------------------------------------------------------


def test_packer_undoes_own_last_scan() -> None:
    s = session()
    scan(s, "CUP-500")
    scan(s, "MILK-1")
    assert s.undo_last("ann") == ScanUndone(3, "ann", 2)
    assert s.scanned(MILK.line_id) == 0 and s.scanned(CUP.line_id) == 1
    assert s.undo_last("ann") == ScanUndone(4, "ann", 1)
    assert s.units_scanned == 0
    with pytest.raises(PackRefused, match="nothing to undo"):
        s.undo_last("ann")


def test_cannot_undo_someone_elses_scan() -> None:
    s = session()
    scan(s, "CUP-500", by="bob")
    before = s.state()
    with pytest.raises(PackRefused, match="was made by bob, not ann — ask bob or a supervisor"):
        s.undo_last("ann")
    assert s.state() == before


def test_cannot_undo_into_a_closed_parcel() -> None:
    s = session()
    scan(s, "CUP-500")
    s.next_parcel("ann")
    before = s.state()
    with pytest.raises(PackRefused, match="went into parcel 1, which is closed"):
        s.undo_last("ann")
    assert s.state() == before


def test_swap_damaged_unit() -> None:
    s = session()
    scan(s, "CUP-500")
    scan(s, "CUP-500")
    s.swap_damaged(CUP.line_id, "ann")
    assert s.scanned(CUP.line_id) == 1
    assert s.damaged == (DamagedUnit(3, "ann", CUP.line_id, "CUP-500", None, 1),)
    assert scan(s, "CUP-500").accepted  # the replacement
    assert s.scanned(CUP.line_id) == 2


def test_swap_damaged_records_the_lot_for_quarantine() -> None:
    s = session()
    scan(s, "MILK-1")
    s.swap_damaged(MILK.line_id, "ann")
    assert s.damaged[0].lot == "L1" and s.damaged[0].sku == "MILK-1"


def test_swap_damaged_needs_a_unit_in_the_open_parcel() -> None:
    s = session()
    with pytest.raises(PackRefused, match=r"no unit of SKU CUP-500 .* is in the open parcel 1"):
        s.swap_damaged(CUP.line_id, "ann")
    with pytest.raises(PackRefused, match="has no line 99"):
        s.swap_damaged(99, "ann")
    scan(s, "CUP-500")
    s.next_parcel("ann")
    with pytest.raises(PackRefused, match="open parcel 2"):
        s.swap_damaged(CUP.line_id, "ann")
    assert s.damaged == ()


def test_undo_after_a_swap_cannot_go_below_zero() -> None:
    s = session()
    scan(s, "SCREW-M3", qty=10)
    s.swap_damaged(SCREW.line_id, "ann")
    before = s.state()
    with pytest.raises(PackRefused, match="already swapped out as damaged"):
        s.undo_last("ann")
    assert s.state() == before and s.scanned(SCREW.line_id) == 9


# --- weight --------------------------------------------------------------------------------------


def test_expected_weight_is_units_times_weight_plus_tare() -> None:
    lines = (CUP, MILK, SCREW, STICKER)
    assert expected_weight(lines, 120) == 2 * 350 + 900 + 200 + 5 + 120
    assert expected_weight(lines, 15, {CUP.line_id: 1, SCREW.line_id: 20}) == 350 + 20 + 15
    assert lines_without_weight([CUP, dataclasses.replace(MILK, unit_weight_g=0)]) == ["MILK-1"]


@pytest.mark.parametrize(
    ("expected", "measured", "ok", "tolerance"),
    [
        (1000, 1050, True, 50),  # 5 % of 1000 = 50 > 30: exactly at the edge passes
        (1000, 950, True, 50),
        (1000, 1050.5, False, 50),
        (1000, 949.9, False, 50),
        (1010, 1060.5, True, 50.5),  # 5 % of 1010 = 50.5
        (1010, 1061, False, 50.5),
        (400, 430, True, 30),  # 5 % of 400 = 20 < 30: the 30 g floor
        (400, 370, True, 30),
        (400, 431, False, 30),
        (400, 369, False, 30),
        (600, 630, True, 30),  # both rules give 30
        (600, 631, False, 30),
        (0, 30, True, 30),
        (0, -31, False, 30),
    ],
)
def test_weight_tolerance_edges(expected: int, measured: float, ok: bool, tolerance: float) -> None:
    v = check_weight(expected, measured)
    assert v.ok is ok
    assert v.tolerance_g == tolerance
    assert v.expected_g == expected and v.measured_g == measured


def test_weight_sentences() -> None:
    assert str(check_weight(1000, 1020).message) == (
        "weight OK: 1,020 g measured, 1,000 g expected ±50 g"
    )
    assert str(check_weight(1000, 1100).message) == (
        "too heavy: 1,100 g measured, 1,000 g expected ±50 g (100 g over)"
        " — look for an extra item or the wrong packaging, then weigh again"
    )
    light = check_weight(1000, 879.5)
    assert str(light.message).startswith("too light: 879.5 g measured, 1,000 g expected ±50 g")
    assert "(120.5 g under) — look for a missing item" in str(light.message)
    assert light.difference_g == -120.5


def test_weight_tolerance_options() -> None:
    assert check_weight(1000, 1020, pct=2.0, min_g=10).tolerance_g == 20
    assert not check_weight(1000, 1021, pct=2.0, min_g=10).ok
    assert check_weight(1000, 1080, pct=2.0, min_g=80).ok
    with pytest.raises(ValueError):
        check_weight(1000, float("nan"))


# --- parcels -------------------------------------------------------------------------------------


def test_multi_parcel_order() -> None:
    s = session()
    s.choose_packaging(BOX, "ann")
    scan(s, "CUP-500")
    scan(s, "SCREW-M3", qty=120)
    assert s.next_parcel("ann").parcel_no == 1
    s.choose_packaging(BAG, "ann")
    scan(s, "CUP-500")
    scan(s, "MILK-1")
    scan(s, "SCREW-M3", qty=80)
    scan(s, "STK-1")
    p1, p2 = s.parcels
    assert p1.closed and not p2.closed and s.current_parcel == p2
    assert p1.contents == ((CUP.line_id, 1), (SCREW.line_id, 120))
    assert p2.contents == ((1, 1), (2, 1), (3, 80), (4, 1))
    assert p1.units + p2.units == s.units_ordered == 204
    assert s.parcel_expected_weight(1) == 350 + 120 + BOX.tare_g
    assert s.parcel_expected_weight(2) == 350 + 900 + 80 + 5 + BAG.tare_g
    total = s.parcel_expected_weight(1) + s.parcel_expected_weight(2)
    assert total == expected_weight(s.order.lines, BOX.tare_g + BAG.tare_g)
    assert s.complete and [p.scanned for p in s.progress()] == [2, 1, 200, 1]
    with pytest.raises(PackRefused, match="nothing is left for parcel 3; close the order"):
        s.next_parcel("ann")
    with pytest.raises(PackRefused, match="no parcel 3"):
        s.parcel_expected_weight(3)


def test_empty_parcel_cannot_be_closed() -> None:
    s = session()
    with pytest.raises(PackRefused) as refused:
        s.next_parcel("ann")
    assert refused.value.message.name == "pack.parcel_empty"
    assert refused.value.message.params == {"parcel": 1, "order": "A100"}
    assert s.last_seq == 0 and len(s.parcels) == 1


def test_parcel_without_packaging_weighs_its_contents() -> None:
    s = session()
    scan(s, "MILK-1")
    assert s.parcel_expected_weight(1) == 900
    s.choose_packaging(BAG, "ann")
    s.choose_packaging(BOX, "ann")  # changed mind: the last choice counts
    assert s.parcel_expected_weight(1) == 900 + BOX.tare_g


# --- replay (crash recovery) ---------------------------------------------------------------------


def _busy_session() -> PackSession:
    s = session()
    s.choose_packaging(BOX, "ann")
    scan(s, "CUP-500")
    scan(s, "CUP-500")
    s.swap_damaged(CUP.line_id, "ann")
    scan(s, "CUP-500")
    scan(s, "SCREW-M3", qty=100)
    s.next_parcel("ann")
    scan(s, "MILK-1", lot="L1", expiry=dt.date(2027, 3, 1))
    scan(s, "STK-1", by="bob")
    s.undo_last("bob")
    s.confirm_insert("FLY-01", "ann")
    s.confirm_damage_check("ann")
    return s


def test_replay_rebuilds_the_same_state() -> None:
    s = _busy_session()
    restored = PackSession.restore(s.order, s.events)
    assert restored.state() == s.state()
    assert restored.events == s.events
    assert restored.can_close() == s.can_close()


def test_replay_is_idempotent_by_sequence_number() -> None:
    s = _busy_session()
    events = list(s.events)
    before = s.state()
    assert s.replay(events) == 0
    shuffled = events + events
    random.Random(7).shuffle(shuffled)
    restored = PackSession.restore(s.order, shuffled)
    assert restored.state() == before
    half = PackSession.restore(s.order, events[:5])
    assert half.replay(events) == len(events) - 5
    assert half.state() == before


def test_replay_refuses_a_different_event_under_a_known_number_and_changes_nothing() -> None:
    s = _busy_session()
    before = s.state()
    forged = ScanAccepted(2, "ann", MILK.line_id, 1, 1, "MILK-1")
    extra = ScanAccepted(s.last_seq + 1, "ann", SCREW.line_id, 100, 2, "SCREW-M3")
    with pytest.raises(PackRefused, match="event 2 differs"):
        s.replay([extra, forged])
    assert s.state() == before


def test_replay_refuses_gaps_and_events_that_do_not_fit() -> None:
    s = _busy_session()
    events = list(s.events)
    with pytest.raises(PackRefused, match="event 3 is missing"):
        PackSession.restore(s.order, events[:2] + events[3:])
    with pytest.raises(PackRefused, match="events 3 to 4 are missing") as gap:
        PackSession.restore(s.order, events[:2] + events[4:])
    assert gap.value.message.name == "pack.events_missing"
    fresh = session()
    with pytest.raises(PackRefused, match="more than ordered"):
        fresh.replay([ScanAccepted(1, "ann", CUP.line_id, 3, 1, "CUP-500")])
    with pytest.raises(PackRefused, match="parcel 2 is not the open parcel"):
        fresh.replay([ScanAccepted(1, "ann", CUP.line_id, 1, 2, "CUP-500")])
    with pytest.raises(PackRefused, match="only the last scan"):
        fresh.replay([ScanAccepted(1, "ann", 1, 1, 1, "C"), ScanUndone(2, "ann", 7)])
    assert fresh.state() == session().state()


def test_events_survive_json() -> None:
    s = _busy_session()
    stored = json.loads(json.dumps([event_to_dict(e) for e in s.events]))
    events = [event_from_dict(d) for d in stored]
    assert events == list(s.events)
    assert any(isinstance(e, PackagingChosen) for e in events)
    assert PackSession.restore(s.order, events).state() == s.state()
    with pytest.raises(ValueError, match="unknown pack event kind"):
        event_from_dict({"kind": "teleport", "seq": 1, "by": "ann"})
    with pytest.raises(ValueError, match="whole number"):
        event_from_dict({"kind": "undo", "seq": 1, "by": "ann", "undone_seq": "x"})


# --- random sessions -----------------------------------------------------------------------------

MILK3 = dataclasses.replace(MILK, line_id=5, lot="L3", qty=2, expiry=None)
SMALL_SCREW = dataclasses.replace(SCREW, qty=9)
RANDOM_ORDER = make_order(CUP, MILK, MILK3, SMALL_SCREW, STICKER)
PACKERS = ["ann", "bob"]


class ScanOp(NamedTuple):
    sku: str | None
    lot: str | None
    expiry: dt.date | None
    qty: int | None
    other_open_order: str | None
    by: str


#: a scan, or (action, argument)
Op: TypeAlias = ScanOp | tuple[str, object]


def _mostly(value: T, *others: T) -> st.SearchStrategy[T]:
    return st.one_of(st.just(value), st.just(value), st.just(value), st.sampled_from(others))


unit_scans = st.builds(
    ScanOp,
    st.sampled_from(["CUP-500", "CUP-500", "MILK-1", "MILK-1", "STK-1", "MUG-1", None]),
    _mostly(None, "L1", "L2", "L3"),
    _mostly(None, TODAY - DAY, TODAY, TODAY + 30 * DAY),
    _mostly(None, 0, 1, 2),
    _mostly(None, "B200"),
    st.sampled_from(PACKERS),
)
bulk_scans = st.builds(
    ScanOp,
    st.just("SCREW-M3"),
    st.none(),
    st.none(),
    st.one_of(st.none(), st.integers(-1, 10)),
    _mostly(None, "B200"),
    st.sampled_from(PACKERS),
)
actions: st.SearchStrategy[tuple[str, object]] = st.one_of(
    st.tuples(st.just("undo"), st.sampled_from(PACKERS)),
    st.tuples(st.just("swap"), st.sampled_from([1, 2, 3, 4, 5, 99])),
    st.tuples(st.just("next"), st.none()),
    st.tuples(st.just("insert"), st.sampled_from(["FLY-01", "NOPE"])),
    st.tuples(st.just("damage"), st.none()),
    st.tuples(st.just("packaging"), st.sampled_from([BOX, BAG])),
)
ops: st.SearchStrategy[list[Op]] = st.lists(
    st.one_of(unit_scans, unit_scans, unit_scans, bulk_scans, actions, actions), max_size=80
)


def _run(s: PackSession, op: Op) -> PackEvent | None:
    if isinstance(op, ScanOp):
        scanned = ResolvedScan(str(op.sku), op.sku, op.lot, op.expiry, op.other_open_order)
        return s.scan(scanned, today=TODAY, by=op.by, qty=op.qty).event
    kind, arg = op
    if kind == "undo":
        return s.undo_last(str(arg))
    if kind == "swap":
        assert isinstance(arg, int)
        return s.swap_damaged(arg, "ann")
    if kind == "next":
        return s.next_parcel("ann")
    if kind == "insert":
        return s.confirm_insert(str(arg), "ann")
    if kind == "damage":
        return s.confirm_damage_check("ann")
    assert isinstance(arg, Packaging)
    return s.choose_packaging(arg, "ann")


def _play(sequence: list[Op]) -> PackSession:
    """Run the operations, checking the invariants after each; then check the replay."""
    s = PackSession(RANDOM_ORDER)
    for op in sequence:
        before = s.state()
        try:
            event = _run(s, op)
        except PackRefused:
            event = None
        if event is None:
            assert s.state() == before  # refused (or nothing new): nothing changed
        else:
            assert s.last_seq == before.last_seq + 1 and s.events[-1] == event
        for line in RANDOM_ORDER.lines:
            assert 0 <= s.scanned(line.line_id) <= line.qty
        in_effect = sum(scan.qty for scan in s.state().scans)
        assert s.units_scanned == in_effect - len(s.damaged)
        assert all(p.closed for p in s.parcels[:-1]) and not s.parcels[-1].closed
        assert all(p.units for p in s.parcels[:-1])

    restored = PackSession.restore(RANDOM_ORDER, s.events)
    assert restored.state() == s.state()
    assert restored.can_close() == s.can_close()
    assert restored.replay(list(s.events) * 2) == 0
    assert restored.state() == s.state()
    via_json = [event_from_dict(json.loads(json.dumps(event_to_dict(e)))) for e in s.events]
    assert PackSession.restore(RANDOM_ORDER, via_json).state() == s.state()
    return s


@settings(max_examples=300, deadline=None)
@given(ops)
def test_random_sessions_never_overpack_and_always_replay(
    sequence: list[Op],
) -> None:
    _play(sequence)


#: A complete, valid pack of RANDOM_ORDER, to be mixed with random operations.
FULL_PACK: list[Op] = [
    ScanOp("CUP-500", None, None, None, None, "ann"),
    ScanOp("CUP-500", None, None, None, None, "ann"),
    ScanOp("MILK-1", "L1", None, None, None, "ann"),
    ScanOp("MILK-1", "L3", None, None, None, "ann"),
    ScanOp("MILK-1", "L3", None, None, None, "ann"),
    ScanOp("SCREW-M3", None, None, 9, None, "ann"),
    ScanOp("STK-1", None, None, None, None, "ann"),
    ("insert", "FLY-01"),
    ("damage", None),
]


@settings(max_examples=200, deadline=None)
@given(st.lists(ops, min_size=len(FULL_PACK) + 1, max_size=len(FULL_PACK) + 1))
def test_random_operations_around_a_full_pack(chunks: list[list[Op]]) -> None:
    sequence: list[Op] = list(chunks[0])
    for op, junk in zip(FULL_PACK, chunks[1:], strict=True):
        sequence += [op, *junk]
    s = _play(sequence)
    if s.complete:
        assert [r for r in words(s.can_close()) if "scanned" in r] == []
    else:
        assert any(" scanned — scan " in r for r in words(s.can_close()))


def test_a_reset_starts_packing_again_and_what_came_before_is_history() -> None:
    """The platform replaced the order's lines after it was packed (app.domain.cancellation
    REVIEW_AGAIN): the events before the reset name lines the order no longer has; restoring
    keeps them as history, starts from an empty first parcel, and numbers on from them."""
    from app.domain.packing import PackReset

    before = [
        ScanAccepted(1, "ann", 41, 1, 1, "OLD-1"),  # a line the new order has not
        InsertConfirmed(2, "ann", "FLY-01"),
        PackReset(3, "sup"),
    ]
    stored = [event_from_dict(json.loads(json.dumps(event_to_dict(e)))) for e in before]
    assert stored == before
    s = PackSession.restore(make_order(CUP), stored)
    assert s.last_seq == 3 and s.units_scanned == 0 and s.inserts_confirmed == frozenset()
    assert s.current_parcel.parcel_no == 1
    event = s.confirm_insert("FLY-01", "bob")
    assert event.seq == 4
    again = PackSession.restore(make_order(CUP), [*stored, event])
    assert again.state() == s.state()
    with pytest.raises(PackRefused):  # without the reset the old line does not fit
        PackSession.restore(make_order(CUP), stored[:2])
