"""Stations and the central database: a station made from the central PostgreSQL database works
on its own SQLite file; its events go to the central inbox and are applied by the central
rules, exactly once; the central changes come back through the change log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text

from app.db.engine import sqlite_url_for
from app.db.migrate import open_database
from app.db.models import InboxEvent, Order, OutboxEvent, PickTask, StockMove
from app.db.uow import UnitOfWork
from app.domain.errors import DomainError
from app.domain.users import Actor, Role
from app.services import cancellation, picking
from app.services.cancellation import Verb
from app.services.central_only import NeedsCentral
from app.services.users import add_user
from app.services.waves import create_wave
from app.sync import replica, station
from tests.factories import add_order, add_sku, receive

CUP, MUG = "6901234567892", "4006381333931"
SUP = Actor("Wang Fang", Role.SUPERVISOR)
PICKER = Actor("Li Lei", Role.PACKER)
ADMIN = Actor("Admin", Role.ADMIN)


def warehouse(engine: Engine, orders: list[str], cups: int, mugs: int) -> str:
    """Users, two SKUs in stock, *orders* reviewed (two cups and a mug each) in one wave."""
    uow: Callable[[], UnitOfWork] = lambda: UnitOfWork(engine)  # noqa: E731
    add_user(uow(), ADMIN, SUP.name, Role.SUPERVISOR, "2222")
    add_user(uow(), ADMIN, PICKER.name, Role.PACKER, "1111")
    add_sku(uow, "CUP", name="保温杯", barcodes=[CUP], weight_g=300)
    add_sku(uow, "MUG", name="马克杯", barcodes=[MUG], weight_g=250)
    receive(uow, "CUP", cups, lot="C1", location="A-01-01-01")
    receive(uow, "MUG", mugs, lot="M1", location="A-01-02-01")
    for no in orders:
        add_order(uow, no, [("CUP", 2), ("MUG", 1)], status="reviewed", carrier="SF")
    wave = create_wave(uow(), SUP)
    assert wave.code is not None and len(wave.orders) == len(orders)
    return wave.code


@pytest.fixture
def central(pg_engine: Engine) -> Engine:
    """A central warehouse: two SKUs in stock, three reviewed orders, one wave of them."""
    assert warehouse(pg_engine, ["T1", "T2", "T3"], 20, 10) == "W000001"
    return pg_engine


def make_station(tmp_path: Path, pg_url: str, name: str = "ST-A") -> Engine:
    engine = open_database(sqlite_url_for(tmp_path / f"{name}.sqlite"))
    result = station.init(engine, name, pg_url, ADMIN)
    assert result.station == name and result.pulled > 0
    return engine


def rows_of(engine: Engine, name: str) -> list[tuple[object, ...]]:
    t = replica.table(name)
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(t).order_by(*t.primary_key.columns))]


def assert_replica_is_central(here: Engine, there: Engine) -> None:
    for name in replica.REPLICATED:
        assert rows_of(here, name) == rows_of(there, name), name


def tasks(engine: Engine) -> dict[int, tuple[int, str]]:
    with engine.connect() as conn:
        return {
            i: (q, s)
            for i, q, s in conn.execute(
                select(PickTask.id, PickTask.picked_qty, PickTask.status).order_by(PickTask.id)
            )
        }


def test_a_station_starts_as_a_copy_of_the_central_database(
    central: Engine, pg_url: str, tmp_path: Path
) -> None:
    here = make_station(tmp_path, pg_url)
    assert_replica_is_central(here, central)
    status = station.status(here)
    assert (status.station, status.pending, status.rejected_open) == ("ST-A", 0, 0)
    with pytest.raises(DomainError, match="station ST-A's already"):
        station.init(here, "ST-B", pg_url, ADMIN)


def test_picks_at_the_station_are_applied_centrally_once_and_come_back(
    central: Engine, pg_url: str, tmp_path: Path
) -> None:
    here = make_station(tmp_path, pg_url)
    local: Callable[[], UnitOfWork] = lambda: UnitOfWork(here)  # noqa: E731
    picking.start_picking(local(), PICKER, "W000001")
    first = min(tasks(here))
    picking.confirm_pick(local(), PICKER, first, 1)
    # Written locally with its event, in one transaction; the central database knows nothing.
    assert tasks(here)[first][0] == 1 and tasks(central)[first][0] == 0
    with here.connect() as conn:
        assert [k for (k,) in conn.execute(select(OutboxEvent.kind).order_by(OutboxEvent.seq))] == [
            "wave.started",
            "pick.confirmed",
        ]

    result = station.sync_once(here)
    assert (result.pushed, result.rejected, result.pending) == (2, [], 0)
    assert result.pulled > 0
    assert tasks(central)[first][0] == 1
    with central.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(InboxEvent)) == 2
        assert conn.scalar(select(Order.status).where(Order.order_no == "T1")) == "picking"
        moves = conn.scalar(
            select(func.count()).select_from(StockMove).where(StockMove.kind == "pick")
        )
        assert moves == 1
    assert_replica_is_central(here, central)

    # Pushing again (an answer lost on the way) changes nothing centrally.
    with UnitOfWork(here) as uow:
        uow.session.execute(text("UPDATE outbox SET status = 'pending'"))
        uow.commit()
    again = station.sync_once(here)
    assert again.rejected == []
    with central.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(InboxEvent)) == 2
        assert (
            conn.scalar(select(func.count()).select_from(StockMove).where(StockMove.kind == "pick"))
            == 1
        )
    assert tasks(central)[first][0] == 1


def test_a_pick_of_an_order_cancelled_centrally_is_rejected_and_the_central_state_wins(
    central: Engine, pg_url: str, tmp_path: Path
) -> None:
    here = make_station(tmp_path, pg_url)
    local: Callable[[], UnitOfWork] = lambda: UnitOfWork(here)  # noqa: E731
    picking.start_picking(local(), PICKER, "W000001")
    station.sync_once(here)
    with central.connect() as conn:
        t1 = conn.scalar(select(Order.id).where(Order.order_no == "T1"))
        t1_task = conn.scalar(select(func.min(PickTask.id)).where(PickTask.order_id == t1))
    assert t1 is not None and t1_task is not None
    # The supervisor cancels T1 centrally while the station, offline, picks for it.
    cancellation.apply(UnitOfWork(central), SUP, [t1], Verb.CANCEL)
    picking.confirm_pick(local(), PICKER, t1_task, 1)

    result = station.sync_once(here)
    [rejected] = result.rejected
    assert rejected.kind == "pick.confirmed"
    assert "order T1 was cancelled" in str(rejected.reason)
    assert station.status(here).rejected_open == 1
    # Central wins: the task is cancelled on the station too, nothing picked for it.
    assert tasks(here)[t1_task] == (0, "cancelled")
    assert_replica_is_central(here, central)
    # A supervisor resolves it: off the list, audited.
    assert station.resolve(here, SUP, [rejected.event_id]) == 1
    assert station.status(here).rejected_open == 0


def test_one_refused_event_among_many_is_rejected_alone_and_the_others_apply_once(
    central: Engine,
) -> None:
    """Events are applied many to a transaction; one the rules refuse undoes only itself."""
    from app.sync import central as hub

    picking.start_picking(UnitOfWork(central), SUP, "W000001")
    hub.register(UnitOfWork(central), ADMIN.name, "ST-X")
    first, second = sorted(tasks(central))[:2]
    at = dt.datetime(2026, 12, 3, 9, 0)
    picks = [(first, 1), (first, 5), (first, 1), (second, 1)]  # the second: more than the task
    events = [
        hub.PushedEvent(
            f"00000000-0000-0000-0000-00000000000{n}",
            n,
            "pick.confirmed",
            {"task": task, "qty": qty},
            PICKER.name,
            at,
        )
        for n, (task, qty) in enumerate(picks, start=1)
    ]
    assert hub.receive(UnitOfWork(central), "ST-X", events, 0) == 4
    assert hub.apply_pending(central, "ST-X") == 4
    assert hub.apply_pending(central, "ST-X") == 0
    with central.connect() as conn:
        results = conn.execute(select(InboxEvent.seq, InboxEvent.result).order_by(InboxEvent.seq))
        assert [tuple(r) for r in results] == [
            (1, "applied"),
            (2, "rejected"),
            (3, "applied"),
            (4, "applied"),
        ]
        reason = conn.scalar(select(InboxEvent.reason).where(InboxEvent.seq == 2))
        moves = conn.scalar(
            select(func.count()).select_from(StockMove).where(StockMove.kind == "pick")
        )
    assert "5" in str(reason)
    assert tasks(central)[first] == (2, "picked") and tasks(central)[second][0] == 1
    assert moves == 3
    # Sent again (the answer was lost): nothing new, nothing applied twice.
    assert hub.receive(UnitOfWork(central), "ST-X", events, 0) == 0
    assert hub.apply_pending(central, "ST-X") == 0


def test_work_that_needs_the_central_database_is_done_there_from_a_station(
    central: Engine, pg_url: str, tmp_path: Path
) -> None:
    here = make_station(tmp_path, pg_url)
    with here.connect() as conn:
        t1 = conn.scalar(select(Order.id).where(Order.order_no == "T1"))
    assert t1 is not None
    # A supervisor at the station cancels T1: it is cancelled centrally, then pulled.
    [result] = cancellation.apply(UnitOfWork(here), SUP, [t1], Verb.CANCEL)
    assert result.status == "cancelled"
    with central.connect() as conn:
        assert conn.scalar(select(Order.status).where(Order.id == t1)) == "cancelled"
    station.sync_once(here)
    with here.connect() as conn:
        assert conn.scalar(select(Order.status).where(Order.id == t1)) == "cancelled"
        assert conn.scalar(select(func.count()).select_from(OutboxEvent)) == 0
    assert_replica_is_central(here, central)

    # While the station's own work is on its way, it waits for it to arrive first.
    picking.start_picking(UnitOfWork(here), PICKER, "W000001")
    with pytest.raises(NeedsCentral, match=r"1 event\(s\) of station ST-A are on their way"):
        create_wave(UnitOfWork(here), SUP)
    station.sync_once(here)
    # Offline, it is refused in words and nothing changes.
    with UnitOfWork(here) as uow:
        uow.session.execute(
            text("UPDATE sync_station SET central_url = :u"),
            {"u": "postgresql+psycopg://postgres@127.0.0.1:1/none"},
        )
        uow.commit()
    from app.db.uow import forget_station
    from app.services import central_only

    central_only._CENTRAL.pop(here, None)
    forget_station(here)
    with pytest.raises(NeedsCentral, match="creating a wave needs the central database, and "):
        create_wave(UnitOfWork(here), SUP)


def test_the_station_packs_on_when_the_central_database_is_gone(
    central: Engine, pg_url: str, tmp_path: Path
) -> None:
    here = make_station(tmp_path, pg_url)
    with UnitOfWork(here) as uow:  # the central database moved away (or the network is down)
        uow.session.execute(
            text("UPDATE sync_station SET central_url = :u"),
            {"u": "postgresql+psycopg://postgres@127.0.0.1:1/none?connect_timeout=2"},
        )
        uow.commit()
    picking.start_picking(UnitOfWork(here), PICKER, "W000001")
    with pytest.raises(station.CentralUnreachable, match=r"1 event\(s\) waiting"):
        station.sync_once(here)
    status = station.status(here)
    assert (status.online, status.pending) == (False, 1)


def test_a_transaction_still_working_holds_up_no_other_and_its_changes_come_after(
    central: Engine,
) -> None:
    """The change log is numbered at commit (migration 0017): a transaction changing replicated
    rows and not committed yet does not make another wait, and when it commits its changes
    get numbers after those a station may have pulled meanwhile — none is skipped."""
    with central.connect() as slow:
        slow.execute(text("UPDATE skus SET name = name || '' WHERE code = 'CUP'"))
        with central.connect() as quick:
            quick.execute(text("SET lock_timeout = '2s'"))
            quick.execute(text("UPDATE skus SET name = name || '' WHERE code = 'MUG'"))
            quick.commit()
            pulled_up_to = quick.scalar(text("SELECT max(seq) FROM change_log"))
            assert (
                quick.scalar(text("SELECT count(*) FROM change_log_pending")) == 0
            )  # the slow one's notes are its own until it commits
        slow.commit()
    with central.connect() as conn:
        later = conn.execute(
            text("SELECT table_name, row_key FROM change_log WHERE seq > :s"), {"s": pulled_up_to}
        ).all()
        cup = conn.scalar(text("SELECT id FROM skus WHERE code = 'CUP'"))
        assert conn.scalar(text("SELECT count(*) FROM change_log_pending")) == 0
    assert [tuple(r) for r in later] == [("skus", str(cup))]


def test_every_replicated_table_is_in_the_change_log(central: Engine) -> None:
    """Migrations 0014 and 0017 log the changes of exactly the tables stations replicate (a
    table added to one list and not the other would leave stations silently stale)."""
    with central.connect() as conn:
        logged = {
            t
            for (t,) in conn.execute(
                text(
                    "SELECT DISTINCT event_object_table FROM information_schema.triggers "
                    "WHERE trigger_name LIKE '%\\_log\\_%'"
                )
            )
        }
        conn.execute(text("UPDATE skus SET name = name || '' WHERE code = 'CUP'"))
        conn.commit()
        last = conn.execute(
            text("SELECT table_name, row_key FROM change_log ORDER BY seq DESC LIMIT 1")
        ).one()
    assert logged == set(replica.REPLICATED)
    with central.connect() as conn:
        cup = conn.scalar(text("SELECT id FROM skus WHERE code = 'CUP'"))
    assert tuple(last) == ("skus", str(cup))


def packed_at_station(
    here: Engine, order_no: str, number: str, station_name: str = "PACK-1"
) -> None:
    """The packer's day at one order: waybill bound, three items scanned, weighed, closed,
    its label scanned."""
    from app.services import packing
    from app.services.shipping import bind

    local: Callable[[], UnitOfWork] = lambda: UnitOfWork(here)  # noqa: E731
    bind(local(), PICKER, order_no, number)
    packing.open_order(local(), PICKER, order_no, station_name)
    for code in (CUP, CUP, MUG):
        assert packing.scan_item(local(), PICKER, order_no, station_name, code).accepted
    assert packing.check_weight(local(), PICKER, order_no, station_name, 850.0).ok
    packing.close_parcel(local(), PICKER, order_no, station_name)
    assert packing.confirm_waybill(local(), PICKER, order_no, station_name, number).done


def test_an_order_packed_at_the_station_is_packed_centrally_with_the_same_parcel(
    central: Engine, pg_url: str, tmp_path: Path
) -> None:
    from app.db.models import PackEventRecord, Parcel

    picking.confirm_wave(UnitOfWork(central), SUP, "W000001")
    here = make_station(tmp_path, pg_url)
    packed_at_station(here, "T1", "SF1234567890123")

    result = station.sync_once(here)
    assert result.rejected == [] and result.pending == 0
    with central.connect() as conn:
        assert conn.scalar(select(Order.status).where(Order.order_no == "T1")) == "packed"
        [(parcel_id, number)] = conn.execute(
            select(Parcel.id, Parcel.tracking_no).join(Order).where(Order.order_no == "T1")
        ).all()
        events = conn.scalar(select(func.count()).select_from(PackEventRecord))
    # The parcel has the id the station gave it (its own range): the pull finds it the same.
    assert number == "SF1234567890123" and parcel_id > 1_000_000_000
    with here.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(PackEventRecord)) == events
    assert_replica_is_central(here, central)


def test_two_stations_binding_one_number_the_second_is_rejected(
    central: Engine, pg_url: str, tmp_path: Path
) -> None:
    from app.services.shipping import bind

    picking.confirm_wave(UnitOfWork(central), SUP, "W000001")
    a = make_station(tmp_path, pg_url, "ST-A")
    b = make_station(tmp_path, pg_url, "ST-B")
    bind(UnitOfWork(a), PICKER, "T1", "SF1234567890123")  # offline, both
    bind(UnitOfWork(b), PICKER, "T2", "SF1234567890123")
    assert station.sync_once(a).rejected == []
    [rejected] = station.sync_once(b).rejected
    assert rejected.kind == "waybill.bound" and "SF1234567890123" in str(rejected.reason)
    assert_replica_is_central(a, central)
    assert_replica_is_central(b, central)  # T2's local parcel gave way to the central truth


def test_a_listening_station_hears_a_central_change_at_once(central: Engine, pg_url: str) -> None:
    import threading

    from app.sync.listen import ChangeListener

    heard = threading.Event()
    listener = ChangeListener(pg_url, heard.set).start()
    try:
        assert listener.connected.wait(10)
        heard.clear()  # the listener's own first wake-up came before "connected"
        with central.begin() as conn:
            conn.execute(text("UPDATE orders SET priority = priority WHERE order_no = 'T1'"))
            assert not heard.wait(0.3)  # not before the commit
        assert heard.wait(5)
    finally:
        listener.close()


def test_two_offline_stations_print_waybills_of_one_carrier_from_numbers_of_their_own(
    central: Engine, pg_url: str, tmp_path: Path
) -> None:
    from app.db.models import Parcel, TrackingPoolNumber
    from app.services.shipping import import_pool, take_from_pool

    pool = tmp_path / "sf.txt"
    pool.write_text("\n".join(f"SF{1234567890000 + i}" for i in range(300)), encoding="utf-8")
    import_pool(UnitOfWork(central), SUP, "SF", pool)
    picking.confirm_wave(UnitOfWork(central), SUP, "W000001")
    a = make_station(tmp_path, pg_url, "ST-A")
    b = make_station(tmp_path, pg_url, "ST-B")
    for here in (a, b):
        station.sync_once(here)  # online once: each leases its block of SF numbers
    # Offline now (their files only): each prints the waybill of one order.
    printed = [
        take_from_pool(UnitOfWork(a), PICKER, "T1").tracking_no,
        take_from_pool(UnitOfWork(b), PICKER, "T2").tracking_no,
    ]
    assert printed[0] != printed[1]
    with central.connect() as conn:
        leased = dict(
            conn.execute(
                select(TrackingPoolNumber.tracking_no, TrackingPoolNumber.leased_to).where(
                    TrackingPoolNumber.tracking_no.in_(printed)
                )
            ).all()
        )
    assert leased == {printed[0]: "ST-A", printed[1]: "ST-B"}
    for here in (a, b):
        assert station.sync_once(here).rejected == []
    with central.connect() as conn:
        bound = dict(
            conn.execute(
                select(Order.order_no, Parcel.tracking_no).join(Parcel, Parcel.order_id == Order.id)
            ).all()
        )
    assert bound == {"T1": printed[0], "T2": printed[1]}


def test_a_station_packs_fifty_orders_offline_and_the_cancelled_one_comes_back_to_take_out(
    pg_engine: Engine, pg_url: str, tmp_path: Path
) -> None:
    from app.db.models import Intercept
    from app.services import handover
    from tests.faultproxy import FaultProxy

    central = pg_engine
    uow: Callable[[], UnitOfWork] = lambda: UnitOfWork(central)  # noqa: E731
    orders = [f"T{n:03d}" for n in range(50)]
    picking.confirm_wave(uow(), SUP, warehouse(central, orders, 200, 100))

    with FaultProxy("127.0.0.1", 5432) as proxy:
        here = make_station(tmp_path, pg_url)
        with UnitOfWork(here) as u:
            u.session.execute(
                text("UPDATE sync_station SET central_url = :u"),
                {"u": proxy.url(pg_url) + "?connect_timeout=2"},
            )
            u.commit()
        proxy.down()  # the network is gone: the station packs on
        with central.connect() as conn:
            t07 = conn.scalar(select(Order.id).where(Order.order_no == "T007"))
        cancellation.apply(uow(), SUP, [t07], Verb.CANCEL)  # customer service, centrally
        for n, no in enumerate(orders):
            packed_at_station(here, no, f"SF{1234567890000 + n}")
        with pytest.raises(station.CentralUnreachable, match="event"):
            station.sync_once(here)
        waiting = station.status(here).pending
        assert waiting >= 50 * 7

        proxy.up()
        result = station.sync_once(here)
    number = "SF1234567890007"
    said = {str(r.reason) for r in result.rejected}
    assert said == {
        f"order T007 was cancelled while it was packed offline: take parcel {number} off the "
        "handover and put its items on the put-away cart"
    }
    assert result.pushed == waiting and result.pending == 0
    with central.connect() as conn:
        statuses = dict(
            conn.execute(select(Order.status, func.count()).group_by(Order.status)).all()
        )
        [(intercepted, status)] = conn.execute(
            select(Intercept.tracking_no, Intercept.status)
        ).all()
    assert statuses == {"packed": 49, "cancelled": 1}
    assert (intercepted, status) == (number, "open")
    # The station learnt it too: its handover takes the 49 and refuses the cancelled parcel.
    batch = handover.start(UnitOfWork(here), PICKER, "SF")
    handover.scan(UnitOfWork(here), PICKER, batch.code, "SF1234567890006")
    with pytest.raises(handover.HandoverRefused, match="intercept: cancelled — take the parcel"):
        handover.scan(UnitOfWork(here), PICKER, batch.code, number)
    handover.close(UnitOfWork(here), PICKER, batch.code, counted=1)
    with UnitOfWork(here) as u:  # the proxy is gone: straight to the central database again
        u.session.execute(text("UPDATE sync_station SET central_url = :u"), {"u": pg_url})
        u.commit()
    # The courier's pickup at the station ships the order centrally, in a batch of that code.
    assert station.sync_once(here).rejected == []
    from app.db.models import HandoverBatch

    with central.connect() as conn:
        assert conn.scalar(select(Order.status).where(Order.order_no == "T006")) == "shipped"
        assert conn.scalar(select(HandoverBatch.count).where(HandoverBatch.code == batch.code)) == 1


def test_a_station_and_a_central_database_of_other_schemas_say_which_to_upgrade(
    central: Engine, pg_url: str, tmp_path: Path
) -> None:
    from alembic import command

    from app.db import migrate

    here = make_station(tmp_path, pg_url)
    head = migrate.current_revision(central)
    previous = "0014"
    picking.start_picking(UnitOfWork(here), PICKER, "W000001")
    command.downgrade(migrate.alembic_config(here), previous)  # one release behind
    with pytest.raises(
        station.SyncRefused,
        match=f"station's database is at schema {previous} and the central one at {head} — "
        "upgrade the station first",
    ):
        station.sync_once(here)
    migrate.upgrade(here)  # `packdesk db upgrade` on the station
    assert station.sync_once(here).pushed == 1  # nothing was lost meanwhile

    command.downgrade(migrate.alembic_config(central), previous)
    with pytest.raises(station.SyncRefused, match="upgrade the central database first"):
        station.sync_once(here)


def test_the_claims_of_an_order_packed_at_a_station_stay_fresh_centrally(
    central: Engine, pg_url: str, tmp_path: Path
) -> None:
    import datetime as dt

    from app.db.models import PackClaim
    from app.services import packing

    picking.confirm_wave(UnitOfWork(central), SUP, "W000001")
    here = make_station(tmp_path, pg_url)
    opened = dt.datetime(2026, 12, 3, 9, 0)
    packing.open_order(UnitOfWork(here), PICKER, "T1", "PACK-1", now=opened)
    later = opened + dt.timedelta(minutes=30)
    assert packing.touch_claims(UnitOfWork(here), "PACK-1", now=later) == 1
    assert station.sync_once(here).rejected == []
    with central.connect() as conn:
        beat = conn.scalar(select(PackClaim.heartbeat_at).where(PackClaim.station == "PACK-1"))
    assert beat == later  # not stale centrally: no other station takes the order over


def test_a_database_not_migrated_yet_is_no_stations_until_it_is(tmp_path: Path) -> None:
    from app.db.engine import make_engine
    from app.db.migrate import upgrade
    from app.db.uow import station_of

    engine = make_engine(sqlite_url_for(tmp_path / "bare.sqlite"))
    assert station_of(engine) is None  # no sync_station table: not a station, not remembered
    upgrade(engine)
    with engine.begin() as conn:  # what station init writes
        conn.execute(
            text(
                "INSERT INTO sync_station (name, central_url, id_base, watermark, initialised_at)"
                " VALUES ('ST-X', 'postgresql://c/x', 0, 0, '2026-12-03')"
            )
        )
    assert station_of(engine) == "ST-X"
    engine.dispose()
