"""Stock counts (盘点): blind counts by scan, exact while picking goes on (on SQLite and on
PostgreSQL), recounts by another counter, approval into the ledger."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from app.db.models import CountLine, Lot, PickTask, StockMove
from app.db.uow import UnitOfWork
from app.domain.errors import DomainError, PermissionDenied
from app.domain.users import Actor, Role
from app.services import counts, picking
from app.services.stock import verify_ledger
from app.services.users import add_user
from app.services.waves import create_wave
from app.sync import station
from tests.factories import add_order, add_sku, receive

CUP, MUG = "6901234567892", "4006381333931"
SUP = Actor("Wang Fang", Role.SUPERVISOR)
PICKER = Actor("Li Lei", Role.PACKER)
COUNTER = Actor("Zhang Wei", Role.PACKER)
SECOND = Actor("Zhao Min", Role.PACKER)
ADMIN = Actor("Admin", Role.ADMIN)


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest) -> Engine:
    name = "engine" if request.param == "sqlite" else "pg_engine"
    engine: Engine = request.getfixturevalue(name)
    return engine


def warehouse(engine: Engine) -> Callable[[], UnitOfWork]:
    """Cups (10, lot C1) in A-01-01-01, mugs (10, lot M1) in A-01-02-01, an empty A-01-03-01,
    saucers in zone B; two reviewed orders of two cups each, in one wave being picked."""
    uow: Callable[[], UnitOfWork] = lambda: UnitOfWork(engine)  # noqa: E731
    for actor, pin in ((SUP, "2222"), (PICKER, "1111"), (COUNTER, "3333"), (SECOND, "4444")):
        add_user(uow(), ADMIN, actor.name, actor.role, pin)
    add_sku(uow, "CUP", name="保温杯", barcodes=[CUP], unit_cost_fen=4500)
    add_sku(uow, "MUG", name="马克杯", barcodes=[MUG], unit_cost_fen=2000)
    add_sku(uow, "SAUCER", name="碟子")
    receive(uow, "CUP", 10, lot="C1", location="A-01-01-01")
    receive(uow, "MUG", 10, lot="M1", location="A-01-02-01")
    receive(uow, "MUG", 0, lot="M0", location="A-01-03-01")
    receive(uow, "SAUCER", 5, lot="S1", location="B-01-01-01")
    for no in ("T1", "T2"):
        add_order(uow, no, [("CUP", 2)], status="reviewed", carrier="SF")
    wave = create_wave(uow(), SUP)
    assert wave.code is not None
    picking.start_picking(uow(), PICKER, wave.code)
    return uow


def tasks(engine: Engine) -> list[int]:
    with engine.connect() as conn:
        return list(conn.scalars(select(PickTask.id).order_by(PickTask.id)))


def on_hand(engine: Engine, lot: str) -> int:
    with engine.connect() as conn:
        return int(conn.scalar(select(func.sum(Lot.on_hand)).where(Lot.lot_code == lot)) or 0)


def scan(
    uow: Callable[[], UnitOfWork], who: Actor, count: str, loc: str, item: str, n: int
) -> None:
    for _ in range(n):
        counts.record(uow(), who, count, loc, item)


def test_picks_before_and_after_a_location_is_counted_are_no_variance(db: Engine) -> None:
    uow = warehouse(db)
    made = counts.create_count(uow(), SUP, zone="A")
    assert made.locations == ["A-01-01-01", "A-01-02-01", "A-01-03-01"]
    first, second = tasks(db)[:2]

    counts.start_location(uow(), COUNTER, made.code, "A-01-01-01")
    # A picker takes a cup off the shelf before the counter gets to it …
    picking.confirm_pick(uow(), PICKER, first, 1)
    scan(uow, COUNTER, made.code, "A-01-01-01", CUP, 9)  # … so nine are there to count
    view = counts.finish_location(uow(), COUNTER, made.code, "A-01-01-01")
    assert [(line.sku, line.lot, line.counted) for line in view.lines] == [("CUP", "C1", 9)]
    # … and another one after the location is done: neither is a variance.
    picking.confirm_pick(uow(), PICKER, second, 1)
    for loc, item, n in (("A-01-02-01", MUG, 10), ("A-01-03-01", None, 0)):
        counts.start_location(uow(), COUNTER, made.code, loc)
        if item:
            scan(uow, COUNTER, made.code, loc, item, n)
        counts.finish_location(uow(), COUNTER, made.code, loc)

    result = counts.submit(uow(), SUP, made.code)
    assert (result.variances, result.recount, result.status) == ([], [], "submitted")
    approved = counts.approve(uow(), SUP, made.code, "miscount")
    assert approved.moves == []
    assert on_hand(db, "C1") == 8
    assert verify_ledger(uow()) == []


def test_a_planted_difference_is_recounted_by_someone_else_and_approval_books_it(
    db: Engine,
) -> None:
    uow = warehouse(db)
    made = counts.create_count(uow(), SUP, location_range="A-01-02-01..A-01-03-01")
    assert made.locations == ["A-01-02-01", "A-01-03-01"]
    # Three mugs are not on the shelf (broken and thrown away without a word).
    counts.start_location(uow(), COUNTER, made.code, "A-01-02-01")
    scan(uow, COUNTER, made.code, "A-01-02-01", MUG, 7)
    counts.finish_location(uow(), COUNTER, made.code, "A-01-02-01")
    with pytest.raises(DomainError, match=r"1 location\(s\) of SC\d+ not counted yet: A-01-03-01"):
        counts.submit(uow(), SUP, made.code)
    counts.start_location(uow(), COUNTER, made.code, "A-01-03-01")  # empty: a count of zero

    first = counts.submit(uow(), SUP, made.code)
    assert first.status == "recount" and first.recount == ["A-01-02-01"]
    [v] = first.variances
    assert (v.location, v.sku, v.expected, v.counted, v.line.variance) == (
        "A-01-02-01",
        "MUG",
        10,
        7,
        -3,
    )
    assert v.line.value_fen == -6000
    # Nothing changes stock before approval.
    assert on_hand(db, "M1") == 10
    with pytest.raises(DomainError, match="recount is done by someone else"):
        counts.start_location(uow(), COUNTER, made.code, "A-01-02-01")
    counts.start_location(uow(), SECOND, made.code, "A-01-02-01")
    scan(uow, SECOND, made.code, "A-01-02-01", MUG, 7)
    counts.finish_location(uow(), SECOND, made.code, "A-01-02-01")

    second = counts.submit(uow(), SUP, made.code)
    assert (second.status, second.recount) == ("submitted", [])
    [v] = second.variances
    assert (v.round, v.counter, v.earlier, v.counted, v.line.variance) == (
        2,
        SECOND.name,
        (7,),
        7,
        -3,
    )
    with pytest.raises(PermissionDenied):
        counts.approve(uow(), COUNTER, made.code, "damaged")
    with pytest.raises(DomainError, match="reason stolen is not one of"):
        counts.approve(uow(), SUP, made.code, "stolen")
    approved = counts.approve(uow(), SUP, made.code, "damaged")
    assert [m.to_json() for m in approved.moves] == [
        {"sku": "MUG", "lot": "M1", "location": "A-01-02-01", "qty": -3}
    ]
    assert on_hand(db, "M1") == 7
    with db.connect() as conn:
        move = conn.execute(select(StockMove).where(StockMove.kind == "count")).one()
    assert (move.qty, move.reason, move.actor) == (-3, "damaged", SUP.name)
    assert verify_ledger(uow()) == []
    with pytest.raises(DomainError, match="is approved"):
        counts.record(uow(), COUNTER, made.code, "A-01-02-01", MUG)


def test_the_counter_never_sees_the_expected_quantity(db: Engine) -> None:
    uow = warehouse(db)
    made = counts.create_count(uow(), SUP, skus=["MUG"])
    view = counts.start_location(uow(), COUNTER, made.code, "A-01-02-01")
    assert view.lines == [] and "expected" not in str(view.to_json())
    view = counts.record(uow(), COUNTER, made.code, "A-01-02-01", MUG)
    assert view.to_json()["lines"] == [{"sku": "MUG", "name": "马克杯", "lot": "M1", "counted": 1}]
    assert "10" not in str(view.to_json())


def test_a_sku_found_where_the_records_have_none_is_recorded_and_booked_as_a_lot(
    db: Engine,
) -> None:
    uow = warehouse(db)
    made = counts.create_count(uow(), SUP, location_range="A-01-03-01..A-01-03-01")
    counts.record(uow(), COUNTER, made.code, "A-01-03-01", CUP, 2, add=False)
    result = counts.submit(uow(), SUP, made.code)
    [v] = result.variances
    assert (v.sku, v.lot, v.expected, v.counted) == ("CUP", "", 0, 2)
    assert result.recount == []  # 2 is within the threshold of 2 units
    counts.approve(uow(), SUP, made.code, "found")
    with db.connect() as conn:
        lot = conn.execute(select(Lot).where(Lot.lot_code == made.code)).one()
    assert lot.on_hand == 2
    assert verify_ledger(uow()) == []


def test_approval_adds_the_variance_to_the_lot_as_it_is_then(db: Engine) -> None:
    """Picks after the count, before the approval, stay: the adjustment is a difference."""
    uow = warehouse(db)
    made = counts.create_count(uow(), SUP, zone="A", recount_units=5)
    counts.record(uow(), COUNTER, made.code, "A-01-01-01", CUP, 12, add=False)  # 2 found
    for loc in ("A-01-02-01", "A-01-03-01"):
        counts.start_location(uow(), COUNTER, made.code, loc)
    counts.record(uow(), COUNTER, made.code, "A-01-02-01", MUG, 10, add=False)
    assert counts.submit(uow(), SUP, made.code).status == "submitted"
    for task in tasks(db):
        picking.confirm_pick(uow(), PICKER, task, 2)  # four cups leave meanwhile
    counts.approve(uow(), SUP, made.code, "found")
    assert on_hand(db, "C1") == 10 - 4 + 2
    assert verify_ledger(uow()) == []


def test_a_location_is_in_one_count_at_a_time_and_scopes_say_what_is_wrong(db: Engine) -> None:
    uow = warehouse(db)
    first = counts.create_count(uow(), SUP, zone="A")
    with pytest.raises(DomainError, match=f"every location of zone A is in a count .*{first.code}"):
        counts.create_count(uow(), SUP, zone="A")
    full = counts.create_count(uow(), SUP, full=True)
    assert full.locations == ["B-01-01-01"] and len(full.skipped) == 3
    with pytest.raises(DomainError, match="say what to count"):
        counts.create_count(uow(), SUP, zone="A", full=True)
    with pytest.raises(DomainError, match=r"write it as FROM\.\.TO"):
        counts.create_count(uow(), SUP, location_range="A-01")
    with pytest.raises(DomainError, match="no SKU TEAPOT"):
        counts.create_count(uow(), SUP, skus=["TEAPOT"])
    with pytest.raises(PermissionDenied):
        counts.create_count(uow(), COUNTER, zone="B")
    with pytest.raises(DomainError, match=r"9999999999999 is no SKU or barcode"):
        counts.record(uow(), COUNTER, first.code, "A-01-01-01", "9999999999999")


def test_abc_and_stale_counts_choose_their_locations(db: Engine) -> None:
    uow = warehouse(db)
    for task in tasks(db):
        picking.confirm_pick(uow(), PICKER, task, 2)  # cups are the only SKU picked: class A
    a = counts.create_count(uow(), SUP, abc="A", today=dt.date.today())
    assert a.locations == ["A-01-01-01"]
    c = counts.create_count(uow(), SUP, abc="c", today=dt.date.today())
    assert c.locations == ["A-01-02-01", "B-01-01-01"]  # mugs and saucers, with stock
    # Count and approve A: its locations are no longer stale; the others are.
    counts.record(uow(), COUNTER, a.code, "A-01-01-01", CUP, 6, add=False)
    counts.submit(uow(), SUP, a.code)
    counts.approve(uow(), SUP, a.code, "miscount")
    stale = counts.create_count(uow(), SUP, stale_days=30)
    assert stale.locations == ["A-01-03-01"]  # A-01-01-01 counted; the rest are in count C
    assert sorted(stale.skipped) == ["A-01-02-01", "B-01-01-01"]


def test_a_location_counted_at_a_station_offline_is_counted_centrally_the_same(
    pg_engine: Engine, pg_url: str, tmp_path: Path
) -> None:
    """A count is made centrally; a station counts a location through its outbox (offline
    it would wait there); the central database replays start, scans and done with the same
    lines, and the submit sees the station's count."""
    from tests.integration.test_sync import make_station

    central = warehouse(pg_engine)
    made = counts.create_count(central(), SUP, location_range="A-01-02-01..A-01-02-01")
    here = make_station(tmp_path, pg_url)
    local: Callable[[], UnitOfWork] = lambda: UnitOfWork(here)  # noqa: E731
    counts.start_location(local(), COUNTER, made.code, "A-01-02-01")
    scan(local, COUNTER, made.code, "A-01-02-01", MUG, 8)
    counts.finish_location(local(), COUNTER, made.code, "A-01-02-01")
    result = station.sync_once(here)
    assert result.rejected == [] and result.pending == 0
    with pytest.raises(PermissionDenied):  # a counter does not submit, here or anywhere
        counts.submit(local(), COUNTER, made.code)
    submitted = counts.submit(central(), SUP, made.code)
    [v] = submitted.variances
    assert (v.counter, v.expected, v.counted) == (COUNTER.name, 10, 8)
    with here.connect() as conn, pg_engine.connect() as there:
        mine = conn.execute(select(CountLine.id, CountLine.counted).order_by(CountLine.id)).all()
        theirs = there.execute(select(CountLine.id, CountLine.counted).order_by(CountLine.id)).all()
    assert mine == theirs


def test_locations_shared_out_between_counters_are_theirs_to_count(db: Engine) -> None:
    uow = warehouse(db)
    with pytest.raises(DomainError, match="no active user Nobody"):
        counts.create_count(uow(), SUP, zone="A", counters=["Nobody"])
    made = counts.create_count(uow(), SUP, zone="A", counters=[COUNTER.name, SECOND.name])
    assert made.assigned == {COUNTER.name: 2, SECOND.name: 1}  # runs in walking order
    with pytest.raises(DomainError, match=f"A-01-03-01 is {SECOND.name}'s to count"):
        counts.start_location(uow(), COUNTER, made.code, "A-01-03-01")
    counts.start_location(uow(), SECOND, made.code, "A-01-03-01")
    counts.start_location(uow(), COUNTER, made.code, "A-01-01-01")


def test_abc_boundaries_are_the_supervisors_to_choose(db: Engine) -> None:
    uow = warehouse(db)
    for task in tasks(db):
        picking.confirm_pick(uow(), PICKER, task, 2)
    with pytest.raises(DomainError, match="ABC boundaries 90 % and 50 %"):
        counts.create_count(uow(), SUP, abc="A", abc_boundaries=(0.9, 0.5))
    # Cups are all the picks: the first SKU of the picked units is A whatever the boundary.
    made = counts.create_count(uow(), SUP, abc="A", abc_boundaries=(0.5, 0.9))
    assert made.locations == ["A-01-01-01"]


def test_the_earlier_rounds_are_side_by_side_in_round_order_a_find_counted_zero_before(
    db: Engine,
) -> None:
    uow = warehouse(db)
    made = counts.create_count(uow(), SUP, location_range="A-01-02-01..A-01-02-01")
    counts.record(uow(), COUNTER, made.code, "A-01-02-01", MUG, 6, add=False)
    counts.submit(uow(), SUP, made.code)  # −4: recount
    counts.record(uow(), SECOND, made.code, "A-01-02-01", MUG, 7, add=False)
    counts.record(uow(), SECOND, made.code, "A-01-02-01", CUP, 1, add=False)  # a find
    counts.submit(uow(), SUP, made.code)
    counts.order_recount(uow(), SUP, made.code, ["A-01-02-01"])
    counts.record(uow(), PICKER, made.code, "A-01-02-01", MUG, 8, add=False)
    counts.record(uow(), PICKER, made.code, "A-01-02-01", CUP, 1, add=False)
    counts.submit(uow(), SUP, made.code)
    lines = {(v.sku, v.round): v.earlier for v in counts.count_variances(uow(), made.code)}
    assert lines == {("CUP", 3): (0, 1), ("MUG", 3): (6, 7)}
