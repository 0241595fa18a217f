"""The pack station on a real migrated SQLite database: scans persisted before they are
confirmed, refusals audited and never recorded as events, crash recovery, claims between
stations, weight, closing and the waybill scan."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, func, select

from app.bootstrap import open_database
from app.db.models import (
    AuditEvent,
    Location,
    Lot,
    Order,
    OrderInsert,
    PackEventRecord,
    Parcel,
    StockMove,
)
from app.db.uow import UnitOfWork
from app.domain import packing as rules
from app.domain.errors import PermissionDenied
from app.domain.orders import OrderStatus
from app.domain.packing import ScanReason
from app.domain.users import Actor, Role
from app.services import packing
from app.services.packing import (
    CannotClose,
    ClaimedElsewhere,
    NotOpenHere,
    OrderBlocked,
    PackingRefused,
    WeightNotChecked,
    WrongWaybill,
)
from app.services.picking import confirm_wave
from app.services.shipping import bind
from app.services.stock import verify_ledger
from app.services.waves import create_wave
from tests.factories import UowFactory, add_order, add_sku, receive, status_of

TODAY = dt.date(2026, 11, 20)
T0 = dt.datetime(2026, 11, 20, 10, 0)
S1, S2 = "PACK-01", "PACK-02"
CUP, LAMP, MUG = "6901234567892", "036000291452", "4006381333931"
SF, SF2, SF3 = "SF1234567890123", "SF1234567890124", "SF1234567890125"


@pytest.fixture
def picked(uow: UowFactory, supervisor: Actor) -> None:
    """TB001: 2 cups; TB002: a (fragile) lamp and a cup; TB003: a cup — all picked."""
    add_sku(uow, "CUP", name="保温杯", barcodes=[CUP], weight_g=300)
    add_sku(uow, "LAMP", name="台灯", barcodes=[LAMP], weight_g=800, fragile=True)
    add_sku(uow, "MUG", name="马克杯", barcodes=[MUG], weight_g=250)
    receive(uow, "CUP", 10, lot="C1")
    receive(uow, "LAMP", 2, lot="L1", location="B-01-01-01")
    receive(uow, "MUG", 2, lot="M1", location="B-01-02-01")
    add_order(uow, "TB001", [("CUP", 2)], status="reviewed", carrier="SF")
    add_order(uow, "TB002", [("LAMP", 1), ("CUP", 1)], status="reviewed", carrier="SF")
    add_order(uow, "TB003", [("CUP", 1)], status="reviewed", carrier="SF")
    wave = create_wave(uow(), supervisor, today=TODAY)
    assert wave.code is not None
    confirm_wave(uow(), supervisor, wave.code)
    assert status_of(uow, "TB001")[0] == "picked"


def events(uow: UowFactory, order_no: str | None = None) -> int:
    query = select(func.count(PackEventRecord.id))
    if order_no:
        query = query.join(Order, Order.id == PackEventRecord.order_id).where(
            Order.order_no == order_no
        )
    with uow().reading() as s:
        return int(s.scalar(query) or 0)


def audits(uow: UowFactory, action: str) -> list[AuditEvent]:
    with uow().reading() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def set_status(uow: UowFactory, order_no: str, status: str) -> None:
    """What the change feed does when the platform cancels or holds an order."""
    with uow() as u:
        order = u.session.scalar(select(Order).where(Order.order_no == order_no))
        assert order is not None
        if status == "on_hold":
            order.held_from = order.status
        order.status = status
        u.commit()


def pack_tb001(uow: UowFactory, packer: Actor) -> None:
    packing.open_order(uow(), packer, "TB001", S1, now=T0)
    for _ in range(2):
        assert packing.scan_item(uow(), packer, "TB001", S1, CUP, now=T0).accepted
    assert packing.check_weight(uow(), packer, "TB001", S1, 605.0, now=T0).ok
    packing.close_parcel(uow(), packer, "TB001", S1, now=T0)


@pytest.mark.usefixtures("picked")
def test_happy_path_single_line_to_shipped(uow: UowFactory, packer: Actor) -> None:
    view = packing.open_order(uow(), packer, "TB001", S1, now=T0)
    assert (view.status, view.station, view.last_seq, view.open_parcel) == ("packing", S1, 0, 1)
    assert [(line.sku, line.qty, line.scanned) for line in view.lines] == [("CUP", 2, 0)]
    assert view.blocked is None and not view.fragile
    assert [a.after for a in audits(uow, "order.packing")] == [{"status": "packing", "station": S1}]

    first = packing.scan_item(uow(), packer, "TB001", S1, CUP, now=T0)
    assert (first.accepted, first.scanned, first.qty, first.seq) == (True, 1, 2, 1)
    assert str(first.message) == "SKU CUP (保温杯): 1 of 2 scanned"
    second = packing.scan_item(uow(), packer, "TB001", S1, CUP, now=T0)
    assert str(second.message) == "SKU CUP (保温杯): 2 of 2 scanned — all items scanned"
    assert second.view.can_close == () and events(uow, "TB001") == 2

    with pytest.raises(WeightNotChecked, match="not weighed yet — put it on the scale"):
        packing.close_parcel(uow(), packer, "TB001", S1, now=T0)
    verdict = packing.check_weight(uow(), packer, "TB001", S1, 612.0, now=T0)
    assert verdict.ok and verdict.expected_g == 600
    closed = packing.close_parcel(uow(), packer, "TB001", S1, now=T0)
    assert closed.status == "packed" and closed.awaiting_waybill == 1
    assert closed.parcels[0].closed and closed.parcels[0].measured_g == 612
    with pytest.raises(PackingRefused, match="parcel 1 of order TB001 is closed"):
        packing.undo_last(uow(), packer, "TB001", S1, now=T0)
    with pytest.raises(PackingRefused, match="parcel 1 of order TB001 is closed"):
        packing.check_weight(uow(), packer, "TB001", S1, 900.0, now=T0)
    refused = packing.scan_item(uow(), packer, "TB001", S1, CUP, now=T0)
    assert not refused.accepted and "is packed, not waiting to be packed" in str(refused.message)
    with pytest.raises(WrongWaybill, match="no tracking number yet — print its waybill first"):
        packing.confirm_waybill(uow(), packer, "TB001", S1, SF, now=T0)

    bind(uow(), packer, "TB001", SF)
    result = packing.confirm_waybill(uow(), packer, "TB001", S1, " sf1234567890123 ", now=T0)
    assert (result.parcel_no, result.tracking_no, result.shipped, result.done) == (
        1,
        SF,
        False,
        True,
    )
    # Packed and labelled: the order waits for the courier's handover, which ships it.
    assert status_of(uow, "TB001")[0] == "packed"
    assert audits(uow, "order.shipped") == []
    assert packing.open_sessions(uow(), S1) == []
    with pytest.raises(OrderBlocked, match="order TB001 is packed and every label checked"):
        packing.open_order(uow(), packer, "TB001", S1, now=T0)


@pytest.mark.usefixtures("picked")
def test_a_station_that_ships_at_the_pack_station(uow: UowFactory, packer: Actor) -> None:
    """The setting for a warehouse without a handover step: the waybill scan ships."""
    pack_tb001(uow, packer)
    bind(uow(), packer, "TB001", SF)
    result = packing.confirm_waybill(uow(), packer, "TB001", S1, SF, now=T0, ship_at_pack=True)
    assert (result.shipped, result.done) == (True, True)
    assert status_of(uow, "TB001")[0] == "shipped"
    assert [a.after for a in audits(uow, "order.shipped")] == [{"status": "shipped", "station": S1}]
    assert packing.open_sessions(uow(), S1) == []
    with pytest.raises(OrderBlocked, match="order TB001 is shipped already"):
        packing.open_order(uow(), packer, "TB001", S1, now=T0)


@pytest.mark.usefixtures("picked")
def test_open_by_bound_tracking_number(uow: UowFactory, packer: Actor) -> None:
    bind(uow(), packer, "TB003", SF3)
    view = packing.open_order(uow(), packer, SF3, S1, now=T0)
    assert (view.order_no, view.found_by) == ("TB003", "tracking")
    assert view.parcels[0].tracking_no == SF3
    with pytest.raises(Exception, match="no order, waybill or item matches NOPE"):
        packing.open_order(uow(), packer, "NOPE", S1, now=T0)


@pytest.mark.usefixtures("picked")
def test_refusals_are_audited_and_never_recorded_as_events(uow: UowFactory, packer: Actor) -> None:
    packing.open_order(uow(), packer, "TB001", S1, now=T0)
    wrong = packing.scan_item(uow(), packer, "TB001", S1, LAMP, now=T0)
    assert (wrong.accepted, wrong.reason) == (False, ScanReason.NOT_IN_ORDER)
    assert str(wrong.message).startswith("wrong item: SKU LAMP is not in order TB001")
    unknown = packing.scan_item(uow(), packer, "TB001", S1, "5901234123457", now=T0)
    assert unknown.reason is ScanReason.UNKNOWN_BARCODE
    for _ in range(2):
        assert packing.scan_item(uow(), packer, "TB001", S1, CUP, now=T0).accepted
    over = packing.scan_item(uow(), packer, "TB001", S1, CUP, now=T0)
    assert over.reason is ScanReason.OVER_QUANTITY and over.scanned == 2
    assert "put one back" in str(over.message) and over.seq is None

    assert events(uow, "TB001") == 2
    refused = audits(uow, "pack scan refused")
    assert [(a.actor, a.entity_id) for a in refused] == [(packer.name, "TB001")] * 3
    assert [(a.after or {})["code"] for a in refused] == [LAMP, "5901234123457", CUP]
    assert [(a.after or {})["reason"] for a in refused] == [
        "not_in_order",
        "unknown_barcode",
        "over_quantity",
    ]
    assert all((a.after or {})["station"] == S1 for a in refused)


@pytest.mark.usefixtures("picked")
def test_another_open_orders_item_is_named(uow: UowFactory, packer: Actor) -> None:
    packing.open_order(uow(), packer, "TB002", S1, now=T0)
    packing.open_order(uow(), packer, "TB001", S1, now=T0 + dt.timedelta(minutes=1))
    result = packing.scan_item(uow(), packer, "TB001", S1, LAMP, now=T0)
    assert result.reason is ScanReason.OTHER_ORDER
    assert "belongs to order TB002, also open at this station" in str(result.message)
    assert packing.open_sessions(uow(), S1) == ["TB002", "TB001"]


@pytest.mark.usefixtures("picked")
def test_restart_reopens_exactly_where_it_was(
    uow: UowFactory, packer: Actor, engine: Engine, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    packing.open_order(uow(), packer, "TB002", S1, now=T0)
    assert packing.scan_item(uow(), packer, "TB002", S1, LAMP, now=T0).accepted
    packing.confirm_damage_check(uow(), packer, "TB002", S1, now=T0)
    assert packing.scan_item(uow(), packer, "TB002", S1, MUG, now=T0).accepted is False

    # Killed in the middle of a scan (before its transaction commits): nothing of it is kept.
    with monkeypatch.context() as patch:

        def crash(*args: object, **kwargs: object) -> None:
            raise KeyboardInterrupt

        patch.setattr(packing, "_view", crash)
        with pytest.raises(KeyboardInterrupt):
            packing.scan_item(uow(), packer, "TB002", S1, CUP, now=T0)
    assert events(uow, "TB002") == 2

    # The app is killed; a new process opens the station database again.
    engine.dispose()
    restarted = open_database(db_url)
    try:

        def fresh() -> UnitOfWork:
            return UnitOfWork(restarted)

        assert packing.open_sessions(fresh(), S1) == ["TB002"]
        view = packing.open_order(fresh(), packer, "TB002", S1, now=T0)
        assert [(line.sku, line.scanned) for line in view.lines] == [("LAMP", 1), ("CUP", 0)]
        assert view.last_seq == 2 and view.damage_checked
        again = packing.open_order(fresh(), packer, "TB002", S1, now=T0)
        assert again == view  # reopening twice doubles nothing
        assert events(fresh, "TB002") == 2

        with fresh().reading() as s:
            order = s.scalar(select(Order).where(Order.order_no == "TB002"))
            assert order is not None
            data = list(
                s.scalars(
                    select(PackEventRecord.data)
                    .where(PackEventRecord.order_id == order.id)
                    .order_by(PackEventRecord.seq)
                )
            )
        loaded = [rules.event_from_dict(d) for d in data]
        # replaying the same events into the rebuilt session applies none of them twice
        session = rules.PackSession.restore(
            rules.PackOrder(
                "TB002",
                OrderStatus.PACKING,
                tuple(
                    rules.PackLine(line.line_id, line.sku, line.name, line.qty)
                    for line in view.lines
                ),
            ),
            loaded,
        )
        assert session.replay(loaded) == 0 and session.units_scanned == 1

        result = packing.scan_item(fresh(), packer, "TB002", S1, CUP, now=T0)
        assert result.accepted and result.seq == 3
        assert str(result.message).endswith("all items scanned")
    finally:
        restarted.dispose()
    assert events(uow, "TB002") == 3


@pytest.mark.usefixtures("picked")
def test_two_stations_never_pack_one_order(
    uow: UowFactory, packer: Actor, supervisor: Actor
) -> None:
    other = Actor("Han Mei", Role.PACKER)
    packing.open_order(uow(), packer, "TB001", S1, now=T0)
    with pytest.raises(
        ClaimedElsewhere,
        match="order TB001 is being packed at station PACK-01 by Li Lei since 10:00",
    ):
        packing.open_order(uow(), other, "TB001", S2, now=T0 + dt.timedelta(minutes=5))
    with pytest.raises(
        NotOpenHere, match="held by station PACK-01 \\(Li Lei\\), not PACK-02 — if its items"
    ):
        packing.scan_item(uow(), other, "TB001", S2, CUP, now=T0)
    # a scan at PACK-01 keeps its claim fresh
    packing.scan_item(uow(), packer, "TB001", S1, CUP, now=T0 + dt.timedelta(minutes=8))
    with pytest.raises(ClaimedElsewhere):
        packing.open_order(uow(), other, "TB001", S2, now=T0 + dt.timedelta(minutes=15))

    # silent for longer than the timeout: PACK-02 may take over
    late = T0 + dt.timedelta(minutes=8) + packing.CLAIM_TIMEOUT
    view = packing.open_order(uow(), other, "TB001", S2, now=late)
    assert view.took_over_from == S1 and view.lines[0].scanned == 1
    assert [a.before and a.before["station"] for a in audits(uow, "pack claim taken over")] == [S1]
    with pytest.raises(NotOpenHere, match="held by station PACK-02 \\(Han Mei\\), not PACK-01"):
        packing.scan_item(uow(), packer, "TB001", S1, CUP, now=late)
    assert events(uow, "TB001") == 1

    # only the holder or a supervisor releases a claim
    with pytest.raises(NotOpenHere, match="only that station or a supervisor"):
        packing.release_claim(uow(), packer, "TB001", S1)
    with pytest.raises(PermissionDenied):
        packing.release_claim(uow(), packer, "TB001", S1, force=True, reason="stuck")
    assert packing.release_claim(uow(), supervisor, "TB001", S1, force=True, reason="stuck")
    assert [a.after for a in audits(uow, "pack claim released")] == [
        {"reason": "stuck", "forced": True}
    ]
    assert packing.open_order(uow(), packer, "TB001", S1, now=late).lines[0].scanned == 1


@pytest.mark.usefixtures("picked")
def test_release_of_an_untouched_order_sends_it_back_to_picked(
    uow: UowFactory, packer: Actor
) -> None:
    packing.open_order(uow(), packer, "TB003", S1, now=T0)
    assert status_of(uow, "TB003")[0] == "packing"
    assert packing.release_claim(uow(), packer, "TB003", S1)
    assert status_of(uow, "TB003")[0] == "picked"
    assert packing.open_sessions(uow(), S1) == []
    assert not packing.release_claim(uow(), packer, "TB003", S1)
    with pytest.raises(NotOpenHere, match="not open at station PACK-01 — scan the order to open"):
        packing.scan_item(uow(), packer, "TB003", S1, CUP)


@pytest.mark.usefixtures("picked")
def test_cancellation_mid_pack_blocks_the_next_scan(uow: UowFactory, packer: Actor) -> None:
    packing.open_order(uow(), packer, "TB001", S1, now=T0)
    assert packing.scan_item(uow(), packer, "TB001", S1, CUP, now=T0).accepted
    set_status(uow, "TB001", "cancelled")

    result = packing.scan_item(uow(), packer, "TB001", S1, CUP, now=T0)
    assert (result.accepted, result.reason) == (False, ScanReason.ORDER_BLOCKED)
    assert str(result.message) == (
        "order TB001 was cancelled — stop packing: its items are put-away tasks now, put them "
        "on the put-away cart"
    )
    assert result.view.blocked == result.message
    assert events(uow, "TB001") == 1
    assert [(a.after or {})["reason"] for a in audits(uow, "pack scan refused")] == [
        "order_blocked"
    ]
    with pytest.raises(OrderBlocked, match="was cancelled"):
        packing.close_parcel(uow(), packer, "TB001", S1, now=T0)
    # the station that holds it still reopens it (to see why), others are refused
    assert packing.open_order(uow(), packer, "TB001", S1, now=T0).blocked == result.message
    set_status(uow, "TB003", "on_hold")
    with pytest.raises(OrderBlocked, match="on hold — stop packing"):
        packing.open_order(uow(), packer, "TB003", S1, now=T0)


@pytest.mark.usefixtures("picked")
def test_weight_refused_then_overridden_by_a_supervisor(
    uow: UowFactory, packer: Actor, supervisor: Actor
) -> None:
    packing.open_order(uow(), packer, "TB001", S1, now=T0)
    for _ in range(2):
        packing.scan_item(uow(), packer, "TB001", S1, CUP, now=T0)
    view = packing.choose_packaging(uow(), packer, "TB001", S1, "BOX-S", "small box", 50, now=T0)
    assert view.parcels[0].packaging == "small box" and view.parcels[0].tare_g == 50

    verdict = packing.check_weight(uow(), packer, "TB001", S1, 760.0, now=T0)
    assert not verdict.ok and verdict.expected_g == 650
    assert str(verdict.message).startswith("too heavy: 760 g measured, 650 g expected ±32.5 g")
    refused = audits(uow, "pack weight refused")
    assert len(refused) == 1 and (refused[0].after or {})["measured_g"] == 760.0
    with pytest.raises(WeightNotChecked, match="the weight was refused"):
        packing.close_parcel(uow(), packer, "TB001", S1, now=T0)

    with pytest.raises(PermissionDenied):
        packing.override_weight(uow(), packer, "TB001", S1, "the cups are heavier", now=T0)
    with pytest.raises(Exception, match="say why the weight is accepted"):
        packing.override_weight(uow(), supervisor, "TB001", S1, "  ", now=T0)
    view = packing.override_weight(
        uow(), supervisor, "TB001", S1, "new cup model is heavier", now=T0
    )
    assert view.parcels[0].weight_overridden
    overridden = audits(uow, "pack weight overridden")
    assert [(a.actor, (a.after or {})["reason"]) for a in overridden] == [
        (supervisor.name, "new cup model is heavier")
    ]
    assert packing.close_parcel(uow(), packer, "TB001", S1, now=T0).status == "packed"


@pytest.mark.usefixtures("picked")
def test_changing_the_parcel_after_weighing_needs_a_new_weighing(
    uow: UowFactory, packer: Actor
) -> None:
    packing.open_order(uow(), packer, "TB001", S1, now=T0)
    packing.scan_item(uow(), packer, "TB001", S1, CUP, now=T0)
    packing.scan_item(uow(), packer, "TB001", S1, CUP, now=T0)
    assert packing.check_weight(uow(), packer, "TB001", S1, 600, now=T0).ok
    view = packing.undo_last(uow(), packer, "TB001", S1, now=T0)
    assert view.lines[0].scanned == 1 and view.parcels[0].measured_g is None
    packing.scan_item(uow(), packer, "TB001", S1, CUP, now=T0)
    with pytest.raises(WeightNotChecked, match="not weighed yet"):
        packing.close_parcel(uow(), packer, "TB001", S1, now=T0)
    assert len(audits(uow, "pack scan undone")) == 1


@pytest.mark.usefixtures("picked")
def test_wrong_waybill_is_refused(uow: UowFactory, packer: Actor) -> None:
    pack_tb001(uow, packer)
    bind(uow(), packer, "TB001", SF)
    bind(uow(), packer, "TB003", SF3)
    with pytest.raises(WrongWaybill, match="this label belongs to order TB003, not TB001"):
        packing.confirm_waybill(uow(), packer, "TB001", S1, SF3, now=T0)
    with pytest.raises(WrongWaybill, match="is not this parcel's label: parcel 1 of order TB001"):
        packing.confirm_waybill(uow(), packer, "TB001", S1, SF2, now=T0)
    assert len(audits(uow, "pack waybill refused")) == 2
    assert status_of(uow, "TB001")[0] == "packed"
    assert packing.confirm_waybill(uow(), packer, "TB001", S1, SF, now=T0).done


@pytest.mark.usefixtures("picked")
def test_two_parcels_fragile_order(uow: UowFactory, packer: Actor) -> None:
    view = packing.open_order(uow(), packer, "TB002", S1, now=T0)
    assert view.fragile
    packing.scan_item(uow(), packer, "TB002", S1, LAMP, now=T0)
    packing.check_weight(uow(), packer, "TB002", S1, 800, now=T0)
    view = packing.close_parcel(uow(), packer, "TB002", S1, now=T0)
    assert view.status == "packing" and view.open_parcel == 2 and view.awaiting_waybill == 1
    packing.scan_item(uow(), packer, "TB002", S1, CUP, now=T0)
    packing.check_weight(uow(), packer, "TB002", S1, 300, now=T0)
    with pytest.raises(CannotClose, match="damage check not confirmed"):
        packing.close_parcel(uow(), packer, "TB002", S1, now=T0)
    packing.confirm_damage_check(uow(), packer, "TB002", S1, now=T0)
    view = packing.close_parcel(uow(), packer, "TB002", S1, now=T0)
    assert view.status == "packed"
    assert [(p.parcel_no, p.units, p.closed) for p in view.parcels] == [(1, 1, True), (2, 1, True)]

    bind(uow(), packer, "TB002", SF, parcel_no=1)
    bind(uow(), packer, "TB002", SF2, parcel_no=2)
    with pytest.raises(WrongWaybill, match="is parcel 2's label, not parcel 1's") as wrong:
        packing.confirm_waybill(uow(), packer, "TB002", S1, SF2, now=T0)
    assert wrong.value.message.name == "pack.label_of_other_parcel"
    first = packing.confirm_waybill(uow(), packer, "TB002", S1, SF, now=T0, ship_at_pack=True)
    assert (first.shipped, first.next_waybill, first.done) == (False, 2, False)
    assert status_of(uow, "TB002")[0] == "packed"
    assert packing.confirm_waybill(
        uow(), packer, "TB002", S1, SF2, now=T0, ship_at_pack=True
    ).shipped
    assert status_of(uow, "TB002")[0] == "shipped"


@pytest.mark.usefixtures("picked")
def test_damaged_unit_goes_to_quarantine_and_the_ledger_balances(
    uow: UowFactory, packer: Actor
) -> None:
    with uow() as u:
        u.session.add(Location(code="E-09-01-01", zone="E", quarantined=True))
        u.commit()
    packing.open_order(uow(), packer, "TB001", S1, now=T0)
    view = packing.scan_item(uow(), packer, "TB001", S1, CUP, now=T0).view
    line_id = view.lines[0].line_id
    view = packing.swap_damaged(uow(), packer, "TB001", S1, line_id, now=T0)
    assert view.lines[0].scanned == 0

    with uow().reading() as s:
        lot = s.scalar(
            select(Lot).join(Location, Location.id == Lot.location_id).where(Location.quarantined)
        )
        assert lot is not None and (lot.lot_code, lot.on_hand, lot.allocated) == ("C1", 1, 0)
        move = s.scalar(select(StockMove).where(StockMove.kind == "quarantine"))
        assert move is not None and (move.qty, move.lot_id) == (1, lot.id)
    assert verify_ledger(uow()) == []
    swapped = audits(uow, "pack damaged unit swapped out")
    assert (swapped[0].after or {})["booked"] is True


@pytest.mark.usefixtures("picked")
def test_damaged_unit_without_quarantine_location_is_left_in_the_audit(
    uow: UowFactory, packer: Actor
) -> None:
    packing.open_order(uow(), packer, "TB003", S1, now=T0)
    view = packing.scan_item(uow(), packer, "TB003", S1, CUP, now=T0).view
    packing.swap_damaged(uow(), packer, "TB003", S1, view.lines[0].line_id, now=T0)
    after = audits(uow, "pack damaged unit swapped out")[0].after or {}
    assert after["booked"] is False and "no quarantine location" in str(after["to_do"])
    assert verify_ledger(uow()) == []


def test_single_item_wave_opens_by_the_item(
    uow: UowFactory, packer: Actor, supervisor: Actor
) -> None:
    add_sku(uow, "CUP", name="保温杯", barcodes=[CUP], weight_g=300)
    receive(uow, "CUP", 5, lot="C1")
    add_order(uow, "S2", [("CUP", 1)], status="reviewed", ordered_at=dt.datetime(2026, 11, 2))
    add_order(uow, "S1", [("CUP", 1)], status="reviewed", ordered_at=dt.datetime(2026, 11, 1))
    wave = create_wave(uow(), supervisor, kind="single-item", today=TODAY)
    assert wave.code is not None
    confirm_wave(uow(), supervisor, wave.code)

    view = packing.open_order(uow(), packer, CUP, S1, now=T0, today=TODAY)
    assert (view.order_no, view.found_by, view.lines[0].scanned) == ("S1", "item", 1)
    assert view.can_close == ()
    other = Actor("Han Mei", Role.PACKER)
    second = packing.open_order(uow(), other, CUP, S2, now=T0, today=TODAY)
    assert second.order_no == "S2"
    with pytest.raises(Exception, match="no picked single-item order is waiting for SKU CUP"):
        packing.open_order(uow(), other, CUP, S2, now=T0, today=TODAY)


@pytest.mark.usefixtures("picked")
def test_packer_today(uow: UowFactory, packer: Actor) -> None:
    assert packing.packer_today(uow(), packer) == packing.PackerToday(0, 0, 0.0)
    for order_no, code in (("TB001", CUP), ("TB003", CUP)):
        packing.open_order(uow(), packer, order_no, S1)
        view = packing.scan_item(uow(), packer, order_no, S1, code).view
        while view.units_scanned < view.units_ordered:
            view = packing.scan_item(uow(), packer, order_no, S1, code).view
        packing.check_weight(uow(), packer, order_no, S1, 300.0 * view.units_ordered)
        packing.close_parcel(uow(), packer, order_no, S1)
    today = packing.packer_today(uow(), packer)
    assert (today.orders, today.units) == (2, 3) and today.per_hour > 0
    assert packing.packer_today(uow(), Actor("Han Mei", Role.PACKER)).orders == 0


SCREW = "SCREW-M4"


@pytest.fixture
def bulk_picked(uow: UowFactory, supervisor: Actor) -> None:
    """TB010: 12 screws (a bulk SKU) and a cup — picked."""
    add_sku(uow, "CUP", name="保温杯", barcodes=[CUP], weight_g=300)
    add_sku(uow, SCREW, name="螺丝 M4", weight_g=2, bulk=True)
    receive(uow, "CUP", 5, lot="C1")
    receive(uow, SCREW, 100, lot="S1", location="B-01-03-01")
    add_order(uow, "TB010", [(SCREW, 12), ("CUP", 1)], status="reviewed", carrier="SF")
    wave = create_wave(uow(), supervisor, today=TODAY)
    assert wave.code is not None
    confirm_wave(uow(), supervisor, wave.code)


@pytest.mark.usefixtures("bulk_picked")
def test_bulk_line_is_counted_by_a_typed_quantity(uow: UowFactory, packer: Actor) -> None:
    packing.open_order(uow(), packer, "TB010", S1, now=T0)
    one = packing.scan_item(uow(), packer, "TB010", S1, SCREW, now=T0)
    assert (one.accepted, one.reason) == (False, ScanReason.BULK_NEEDS_QTY)
    assert "type the quantity (12 still needed)" in str(one.message)
    typed = packing.scan_item(uow(), packer, "TB010", S1, CUP, 2, now=T0)
    assert (typed.accepted, typed.reason) == (False, ScanReason.SCAN_EACH_UNIT)
    counted = packing.scan_item(uow(), packer, "TB010", S1, SCREW, 12, now=T0)
    assert counted.accepted and (counted.scanned, counted.qty) == (12, 12)
    assert str(counted.message) == "SKU SCREW-M4 (螺丝 M4): 12 of 12 scanned — line complete"
    assert packing.scan_item(uow(), packer, "TB010", S1, CUP, now=T0).view.can_close == ()


@pytest.mark.usefixtures("picked")
def test_a_scanned_damaged_item_is_swapped_out_of_its_line(uow: UowFactory, packer: Actor) -> None:
    with uow() as u:
        u.session.add(Location(code="E-09-01-01", zone="E", quarantined=True))
        u.commit()
    packing.open_order(uow(), packer, "TB002", S1, now=T0)
    packing.scan_item(uow(), packer, "TB002", S1, LAMP, now=T0)
    packing.scan_item(uow(), packer, "TB002", S1, CUP, now=T0)
    with pytest.raises(PackingRefused, match="SKU MUG is not in order TB002"):
        packing.swap_damaged_item(uow(), packer, "TB002", S1, MUG, now=T0)
    done = packing.swap_damaged_item(uow(), packer, "TB002", S1, LAMP, now=T0)
    assert (done.sku, done.booked, done.location) == ("LAMP", True, "E-09-01-01")
    assert [(line.sku, line.scanned) for line in done.view.lines] == [("LAMP", 0), ("CUP", 1)]
    with pytest.raises(rules.PackRefused, match="no unit of SKU LAMP"):
        packing.swap_damaged_item(uow(), packer, "TB002", S1, LAMP, now=T0)
    assert packing.scan_item(uow(), packer, "TB002", S1, LAMP, now=T0).accepted  # replacement
    assert verify_ledger(uow()) == []
    assert len(audits(uow, "pack damaged unit swapped out")) == 1


@pytest.mark.usefixtures("picked")
def test_no_scale_that_warns_closes_the_parcel_without_a_weight_check(
    uow: UowFactory, packer: Actor
) -> None:
    packing.open_order(uow(), packer, "TB001", S1, now=T0)
    packing.scan_item(uow(), packer, "TB001", S1, CUP, now=T0)
    # a station that blocks without a scale never records this: the parcel is not weighed
    with pytest.raises(WeightNotChecked, match="not weighed yet"):
        packing.close_parcel(uow(), packer, "TB001", S1, now=T0)
    view = packing.weigh_without_scale(uow(), packer, "TB001", S1, now=T0)
    assert view.parcels[0].not_weighed and view.parcels[0].measured_g is None
    packing.scan_item(uow(), packer, "TB001", S1, CUP, now=T0)  # changed: mark it again
    with pytest.raises(WeightNotChecked, match="not weighed yet"):
        packing.close_parcel(uow(), packer, "TB001", S1, now=T0)
    packing.weigh_without_scale(uow(), packer, "TB001", S1, now=T0)
    closed = packing.close_parcel(uow(), packer, "TB001", S1, now=T0)
    assert closed.status == "packed" and closed.parcels[0].not_weighed
    warned = audits(uow, "pack weight not checked")
    assert [(a.after or {})["warning"] for a in warned] == [
        "no scale at this station: parcel closed without a weight check"
    ] * 2
    assert (warned[-1].after or {})["expected_g"] == 600
    with pytest.raises(PackingRefused, match="parcel 1 of order TB001 is closed"):
        packing.weigh_without_scale(uow(), packer, "TB001", S1, now=T0)
    with uow().reading() as s:
        weights = s.scalars(
            select(Parcel.weight_g)
            .join(Order, Order.id == Parcel.order_id)
            .where(Order.order_no == "TB001")
        ).all()
    assert weights == [None]


@pytest.mark.usefixtures("picked")
def test_an_orders_inserts_are_confirmed_before_it_closes(uow: UowFactory, packer: Actor) -> None:
    with uow() as u:
        order = u.session.scalar(select(Order).where(Order.order_no == "TB003"))
        assert order is not None
        u.session.add(OrderInsert(order_id=order.id, code="FLYER-11", name="双十一传单"))
        u.commit()
    view = packing.open_order(uow(), packer, "TB003", S1, now=T0)
    assert [(i.code, i.name, i.confirmed) for i in view.inserts] == [
        ("FLYER-11", "双十一传单", False)
    ]
    packing.scan_item(uow(), packer, "TB003", S1, CUP, now=T0)
    assert packing.check_weight(uow(), packer, "TB003", S1, 300.0, now=T0).ok
    with pytest.raises(CannotClose, match="insert FLYER-11 \\(双十一传单\\) not confirmed"):
        packing.close_parcel(uow(), packer, "TB003", S1, now=T0)
    with pytest.raises(rules.PackRefused, match="CARD is not an insert of order TB003"):
        packing.confirm_insert(uow(), packer, "TB003", S1, "CARD", now=T0)
    view = packing.confirm_insert(uow(), packer, "TB003", S1, "FLYER-11", now=T0)
    assert view.inserts[0].confirmed and view.can_close == ()
    assert packing.close_parcel(uow(), packer, "TB003", S1, now=T0).status == "packed"
