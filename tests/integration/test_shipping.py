"""Binding tracking numbers, carriers' number pools and tracking follow-up, on a real database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, select

from app.db.engine import make_engine
from app.db.models import AuditEvent, CustomCarrier, Order, Parcel, TrackingPoolNumber
from app.db.uow import UnitOfWork
from app.domain import carriers as registry
from app.domain.carriers import InvalidTrackingNumber, TrackingProblem
from app.domain.errors import InvalidInput, NotFound, PermissionDenied
from app.domain.users import Actor, Role
from app.services import shipping, tracking
from app.services.shipping import AlreadyBound, bind, import_pool, take_from_pool
from tests.factories import UowFactory, add_order, add_sku

SF = "SF1234567890123"
SF2 = "SF1234567890124"
UPS_OK = "1Z999AA10123456784"


@pytest.fixture
def orders(uow: UowFactory) -> None:
    add_sku(uow, "CUP", weight_g=350, fragile=True)
    add_order(uow, "TB001", [("CUP", 2)], status="reviewed", carrier="SF")
    add_order(uow, "TB002", [("CUP", 1)], status="picked", carrier="SF")
    add_order(uow, "TB003", [("CUP", 1)], status="new", carrier="SF")
    add_order(uow, "TB004", [("CUP", 1)], status="shipped", carrier="SF")
    add_order(uow, "TB005", [("CUP", 1)], status="packing", carrier=None)


def parcels(uow: UowFactory, order_no: str) -> list[tuple[int, str | None, str | None]]:
    with uow().reading() as s:
        rows = s.execute(
            select(Parcel.parcel_no, Parcel.carrier, Parcel.tracking_no)
            .join(Order, Order.id == Parcel.order_id)
            .where(Order.order_no == order_no)
            .order_by(Parcel.parcel_no)
        ).all()
    return [(r[0], r[1], r[2]) for r in rows]


def test_binding_creates_the_first_parcel_and_is_audited(
    uow: UowFactory, orders: None, packer: Actor
) -> None:
    result = bind(uow(), packer, "TB001", " sf 1234567890123 ")  # scanned with spaces, lower case
    assert (result.order_no, result.parcel_no, result.carrier) == ("TB001", 1, "SF")
    assert result.tracking_no == SF and result.changed
    assert parcels(uow, "TB001") == [(1, "SF", SF)]
    with uow().reading() as s:
        event = s.scalars(
            select(AuditEvent).where(AuditEvent.action == "bind tracking number")
        ).one()
    assert event.actor == packer.name and event.after and event.after["tracking_no"] == SF
    again = bind(uow(), packer, "TB001", SF)  # the same scan twice: nothing changes
    assert not again.changed and parcels(uow, "TB001") == [(1, "SF", SF)]


def test_one_number_one_parcel(uow: UowFactory, orders: None, packer: Actor) -> None:
    bind(uow(), packer, "TB001", SF)
    with pytest.raises(AlreadyBound, match="already bound to order TB001, parcel 1") as taken:
        bind(uow(), packer, "TB002", SF)
    assert taken.value.message.name == "ship.already_bound"
    assert taken.value.message.params == {"number": SF, "order": "TB001", "parcel": 1}
    assert parcels(uow, "TB002") == []


def test_carrier_rules_refuse_in_words(uow: UowFactory, orders: None, packer: Actor) -> None:
    with pytest.raises(
        InvalidTrackingNumber, match="not a valid UPS tracking number: wrong check"
    ) as wrong:
        bind(uow(), packer, "TB001", "1Z999AA10123456785", carrier="UPS")
    assert wrong.value.message.name == "carrier.invalid_number"
    assert getattr(wrong.value.message.params["why"], "name", None) == "carrier.why.check_digit"
    with pytest.raises(InvalidTrackingNumber, match="SF Express"):
        bind(uow(), packer, "TB001", "SF12")
    with pytest.raises(InvalidInput, match="has no carrier") as no_carrier:
        bind(uow(), packer, "TB005", SF)
    assert no_carrier.value.message.name == "ship.no_carrier"
    assert "--carrier" not in str(no_carrier.value)  # a screen reads it too: no CLI hint
    assert bind(uow(), packer, "TB005", UPS_OK, carrier="ups").carrier == "UPS"
    assert parcels(uow, "TB001") == []


@pytest.mark.parametrize("order_no", ["TB003", "TB004"])
def test_binding_only_from_review_until_shipped(
    uow: UowFactory, orders: None, packer: Actor, order_no: str
) -> None:
    with pytest.raises(InvalidInput, match="from review until the order ships") as refused:
        bind(uow(), packer, order_no, SF)
    assert refused.value.message.name == "ship.not_bindable"


def test_rebind_is_a_supervisors_action_and_keeps_the_old_number(
    uow: UowFactory, orders: None, packer: Actor, supervisor: Actor
) -> None:
    bind(uow(), packer, "TB001", SF)
    with pytest.raises(InvalidInput, match="already has tracking number SF1234567890123") as has:
        bind(uow(), packer, "TB001", SF2)
    assert has.value.message.name == "ship.parcel_has_number"  # the bind station offers F9
    assert has.value.message.params == {"parcel": 1, "order": "TB001", "number": SF}
    with pytest.raises(PermissionDenied):
        bind(uow(), packer, "TB001", SF2, rebind_reason="label damaged")
    with pytest.raises(InvalidInput, match="say why"):
        bind(uow(), supervisor, "TB001", SF2, rebind_reason=" ")
    result = bind(uow(), supervisor, "TB001", SF2, rebind_reason="label damaged")
    assert (result.previous, result.tracking_no) == (SF, SF2)
    with uow().reading() as s:
        event = s.scalars(
            select(AuditEvent).where(AuditEvent.action == "rebind tracking number")
        ).one()
    assert event.before == {"tracking_no": SF}
    assert event.after and event.after["reason"] == "label damaged"
    bind(uow(), packer, "TB002", SF)  # the old number is free again


def test_more_parcels_in_order_and_no_gaps(uow: UowFactory, orders: None, packer: Actor) -> None:
    bind(uow(), packer, "TB001", SF, parcel_no=1)
    bind(uow(), packer, "TB001", SF2, parcel_no=2)
    with pytest.raises(NotFound, match="has no parcel 5") as missing:
        bind(uow(), packer, "TB001", "SF1234567890125", parcel_no=5)
    assert missing.value.message.params == {"order": "TB001", "parcel": 5, "count": 2}
    assert [p[0] for p in parcels(uow, "TB001")] == [1, 2]


def pool_file(tmp_path: Path, body: str, name: str = "sf.txt") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_pool_import_all_or_nothing_and_used_once(
    uow: UowFactory, orders: None, supervisor: Actor, packer: Actor, tmp_path: Path
) -> None:
    bad = pool_file(tmp_path, f"{SF}\nSF99\n{SF}\n")
    result = import_pool(uow(), supervisor, "SF", bad)
    assert result.imported == 0 and [e["row"] for e in result.errors] == [2, 3]
    assert [getattr(e["message"], "name", None) for e in result.errors] == [
        "carrier.invalid_number",
        "ship.pool_duplicate",
    ]
    assert "twice (first in row 1)" in str(result.errors[1]["message"])
    with uow().reading() as s:
        assert s.scalars(select(TrackingPoolNumber)).all() == []
    good = pool_file(tmp_path, f"tracking_no\n{SF}\n{SF2}\n", "sf.csv")
    result = import_pool(uow(), supervisor, "SF", good, low=5)
    assert (result.imported, result.skipped, result.free, result.low) == (2, 0, 2, True)
    assert import_pool(uow(), supervisor, "SF", good).skipped == 2  # idempotent
    first = take_from_pool(uow(), packer, "TB001")
    second = take_from_pool(uow(), packer, "TB002")
    assert (first.tracking_no, second.tracking_no) == (SF, SF2)
    assert second.pool_left == 0
    assert take_from_pool(uow(), packer, "TB001").tracking_no == SF  # keeps its number
    with pytest.raises(InvalidInput, match="pool is empty") as empty:
        take_from_pool(uow(), packer, "TB005", carrier="SF")
    assert empty.value.message.name == "ship.pool_empty"
    assert empty.value.message.params == {"carrier": "SF"}
    status = {p.carrier: p for p in shipping.pool_status(uow())}
    assert (status["SF"].free, status["SF"].used) == (0, 2)


def test_a_packer_cannot_import_a_pool(
    uow: UowFactory, orders: None, packer: Actor, tmp_path: Path
) -> None:
    with pytest.raises(PermissionDenied):
        import_pool(uow(), packer, "SF", pool_file(tmp_path, SF))


def test_custom_carrier_with_its_own_regex(
    uow: UowFactory, orders: None, supervisor: Actor, packer: Actor
) -> None:
    shipping.add_custom_carrier(uow(), supervisor, "DBL", "德邦物流 Deppon", r"DPK\d{12}")
    assert bind(uow(), packer, "TB005", "dpk123456789012", carrier="DBL").carrier == "DBL"
    with pytest.raises(InvalidTrackingNumber):
        bind(uow(), packer, "TB001", "DPK12", carrier="DBL")


@pytest.mark.timeout(60)  # Python's engine: 2**63 steps for the refused number (forever)
def test_a_catastrophic_custom_pattern_cannot_hang_a_bind(
    uow: UowFactory, orders: None, supervisor: Actor, packer: Actor
) -> None:
    """The issue's `carriers add REDOS … '(a+)+$'`: the pattern is matched by RE2 in linear
    time, so the longest number a parcel holds is answered at once (nothing is timed here)."""
    shipping.add_custom_carrier(uow(), supervisor, "REDOS", "ReDoS Express", "(a+)+$")
    with pytest.raises(InvalidTrackingNumber) as refused:
        bind(uow(), packer, "TB005", "a" * 63 + "!", carrier="REDOS")
    assert refused.value.problem is TrackingProblem.FORMAT
    assert parcels(uow, "TB005") == []
    assert bind(uow(), packer, "TB005", "a" * 64, carrier="REDOS").tracking_no == "A" * 64


def test_a_pattern_saved_before_it_was_refused_refuses_numbers_saying_why(
    uow: UowFactory, orders: None, supervisor: Actor, packer: Actor
) -> None:
    """A custom carrier stored by an older version with a back-reference (RE2 cannot run it)
    is still listed; its numbers are refused with the reason until it is added again."""
    with uow() as u:
        u.session.add(CustomCarrier(code="OLD", name="Old Express", regex=r"(\d)\1{11}"))
        u.commit()
    with uow().reading() as session:
        listed = {c.code: c for c in shipping.all_carriers(session)}
    assert listed["OLD"].problem is not None
    assert listed["OLD"].rule.name == "carrier.pattern_not_linear"
    with pytest.raises(InvalidInput) as refused:
        bind(uow(), packer, "TB005", "111111111111", carrier="OLD")
    assert refused.value.message.name == "carrier.pattern_not_linear"
    assert "OLD" not in shipping.carrier_for(uow(), "111111111111")
    shipping.add_custom_carrier(uow(), supervisor, "OLD", "Old Express", r"\d{12}")
    assert bind(uow(), packer, "TB005", "111111111111", carrier="OLD").carrier == "OLD"


def _station_that_waits_briefly(db_url: str) -> Engine:
    """Another station on the same SQLite file that gives up after 0.2 s of a held write lock
    (the app waits 30 s: a bind that holds the lock while it checks would block it)."""
    other = make_engine(db_url)

    @event.listens_for(other, "connect")
    def _brief(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA busy_timeout=200")

    return other


def test_another_station_binds_while_a_number_is_being_checked(
    uow: UowFactory,
    orders: None,
    supervisor: Actor,
    packer: Actor,
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The carrier's rule runs before the write transaction (BEGIN IMMEDIATE) begins: while
    one station checks a number — a bind or a pool file — another station's bind goes ahead."""
    other = _station_that_waits_briefly(db_url)
    checks = registry.validate_tracking
    others = iter([("TB002", SF2), ("TB005", "SF1234567890125")])
    done: list[str] = []

    def another_station_binds_meanwhile(carrier: Any, number: str) -> str:
        if number in (SF, UPS_OK):  # this station's checks, not the other station's
            order, its_number = next(others)
            done.append(bind(UnitOfWork(other), packer, order, its_number, carrier="SF").order_no)
        return checks(carrier, number)

    monkeypatch.setattr(registry, "validate_tracking", another_station_binds_meanwhile)
    try:
        assert bind(uow(), packer, "TB001", SF).tracking_no == SF
        assert import_pool(uow(), supervisor, "UPS", pool_file(tmp_path, UPS_OK)).imported == 1
    finally:
        other.dispose()
    assert done == ["TB002", "TB005"]
    assert parcels(uow, "TB002") == [(1, "SF", SF2)]
    assert parcels(uow, "TB005") == [(1, "SF", "SF1234567890125")]


def status_file(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "status.csv"
    path.write_text("tracking_no,status,time\n" + rows, encoding="utf-8")
    return path


def test_tracking_updates_deliver_orders_and_reimport_changes_nothing(
    uow: UowFactory, orders: None, supervisor: Actor, packer: Actor, tmp_path: Path
) -> None:
    bind(uow(), packer, "TB002", SF)
    with uow() as u:  # TB002 ships (the pack station's job, issue 6)
        order = u.session.scalars(select(Order).where(Order.order_no == "TB002")).one()
        order.status = "shipped"
        u.commit()
    path = status_file(
        tmp_path,
        f"{SF},已揽收,2026-11-21 09:00\n{SF},运输中,2026-11-22 09:00\n"
        f"{SF},已签收,2026-11-23 15:30\nSF9999999999999,delivered,2026-11-23 16:00\n",
    )
    source = tracking.CsvTrackingSource(path)
    result = tracking.import_updates(uow(), supervisor, source)
    assert (result.imported, result.duplicates, result.errors) == (3, 0, [])
    assert result.delivered == ["TB002"] and result.unknown == ["SF9999999999999"]
    with uow().reading() as s:
        assert s.scalars(select(Order.status).where(Order.order_no == "TB002")).one() == "delivered"
    again = tracking.import_updates(uow(), supervisor, source)
    assert (again.imported, again.duplicates, again.delivered) == (0, 3, [])
    late = tracking.unconfirmed(uow(), days=7, now=dt.datetime(2026, 12, 1, 16, 0))
    assert [(f.order_no, f.tracking_no) for f in late] == [("TB002", SF)]
    assert tracking.unconfirmed(uow(), days=7, now=dt.datetime(2026, 11, 25)) == []


def test_a_bad_status_file_imports_nothing(
    uow: UowFactory, orders: None, supervisor: Actor, packer: Actor, tmp_path: Path
) -> None:
    bind(uow(), packer, "TB002", SF)
    path = status_file(tmp_path, f"{SF},运输中,2026-11-22 09:00\n{SF},lost in space,yesterday\n")
    result = tracking.import_updates(uow(), supervisor, tracking.CsvTrackingSource(path))
    assert result.imported == 0 and result.errors[0]["row"] == 3
    assert getattr(result.errors[0]["message"], "name", None) == "track.unknown_status"
    assert "unknown tracking status 'lost in space'" in str(result.errors[0]["message"])


def test_stale_parcels_are_listed_until_the_carrier_moves_them(
    uow: UowFactory, orders: None, supervisor: Actor, packer: Actor, tmp_path: Path
) -> None:
    bind(uow(), packer, "TB002", SF)
    with uow() as u:
        order = u.session.scalars(select(Order).where(Order.order_no == "TB002")).one()
        order.status = "shipped"
        order.updated_at = dt.datetime(2026, 11, 20, 12, 0)
        u.commit()
    now = dt.datetime(2026, 11, 23, 12, 0)
    (found,) = tracking.stale(uow(), hours=48, now=now)
    assert (found.order_no, found.status, round(found.hours)) == ("TB002", "no update", 72)
    path = status_file(tmp_path, f"{SF},运输中,2026-11-23 08:00\n")
    tracking.import_updates(uow(), supervisor, tracking.CsvTrackingSource(path))
    assert tracking.stale(uow(), hours=48, now=now) == []
    (later,) = tracking.stale(uow(), hours=48, now=now + dt.timedelta(days=3))
    assert later.status == "in_transit"


@pytest.mark.pg
def test_two_stations_binding_one_number_at_once_on_postgresql(pg_engine: object) -> None:
    """The unique constraint decides a race: one station binds, the other hears who has it."""
    import threading

    from sqlalchemy import Engine

    from app.db.uow import UnitOfWork

    assert isinstance(pg_engine, Engine)

    def factory() -> UnitOfWork:
        return UnitOfWork(pg_engine)

    add_sku(factory, "CUP")
    for n in range(8):
        add_order(factory, f"PG{n}", [("CUP", 1)], status="reviewed", carrier="SF")
    station = Actor("Station", Role.PACKER)
    barrier = threading.Barrier(8)
    outcomes: list[str] = []

    def attempt(n: int) -> None:
        barrier.wait()
        try:
            bind(UnitOfWork(pg_engine), station, f"PG{n}", SF)
            outcomes.append("bound")
        except AlreadyBound as exc:
            outcomes.append(f"refused:{exc.order_no}")

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert outcomes.count("bound") == 1
    with UnitOfWork(pg_engine).reading() as s:
        owners = s.scalars(select(Parcel.order_id).where(Parcel.tracking_no == SF)).all()
        winner = s.scalar(select(Order.order_no).where(Order.id == owners[0]))
    assert len(owners) == 1
    assert sorted(o for o in outcomes if o != "bound") == [f"refused:{winner}"] * 7
