"""Waybill number leases: stations print offline from blocks of pool numbers the central
database leased to them, so two stations never print the same number.

The central database is SQLite and — when PACKDESK_TEST_PG_URL is set — PostgreSQL (a freshly
emptied schema per test, see ``pg_engine``); each station is its own SQLite file.  On PostgreSQL
two stations lease at the same moment, each on its own engine in its own thread.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from app.bootstrap import open_database
from app.db.engine import make_engine, sqlite_url_for
from app.db.models import AuditEvent, Order, Parcel, TrackingPoolNumber
from app.db.uow import UnitOfWork
from app.domain.errors import InvalidInput, PermissionDenied
from app.domain.users import Actor
from app.services import leases, shipping
from app.services.leases import NothingToLease, lease, needs, receive, release_unused
from app.services.shipping import import_pool, pool_status, take_from_pool
from tests.factories import UowFactory, add_order, add_sku
from tests.integration.test_cli import run

PACK_01, PACK_02 = "PACK-01", "PACK-02"


def sf(n: int) -> str:
    return f"SF{n:013d}"


def import_sf(uow: UowFactory, actor: Actor, tmp_path: Path, count: int) -> list[str]:
    """The central pool: *count* SF numbers, imported in this order (oldest first)."""
    numbers = [sf(1000 + i) for i in range(count)]
    path = tmp_path / "sf_pool.txt"
    path.write_text("\n".join(numbers) + "\n", encoding="utf-8")
    assert import_pool(uow(), actor, "SF", path).imported == count
    return numbers


def holders(uow: UowFactory) -> dict[str, str | None]:
    """Number → the station it is leased to (None: the database's own)."""
    with uow().reading() as s:
        return dict(
            s.execute(select(TrackingPoolNumber.tracking_no, TrackingPoolNumber.leased_to)).all()
        )


def bound(uow: UowFactory, order_no: str) -> str | None:
    with uow().reading() as s:
        return s.scalar(
            select(Parcel.tracking_no)
            .join(Order, Order.id == Parcel.order_id)
            .where(Order.order_no == order_no)
        )


def orders(uow: UowFactory, *order_nos: str) -> None:
    add_sku(uow, "CUP", weight_g=300)
    for order_no in order_nos:
        add_order(uow, order_no, [("CUP", 1)], status="reviewed", carrier="SF")


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def central(request: pytest.FixtureRequest, engine: Engine) -> UowFactory:
    """The central database: SQLite, and PostgreSQL when PACKDESK_TEST_PG_URL is set."""
    eng: Engine = engine if request.param == "sqlite" else request.getfixturevalue("pg_engine")
    return lambda: UnitOfWork(eng)


@pytest.fixture
def station(tmp_path: Path) -> Iterator[UowFactory]:
    """Station PACK-01's own SQLite database (as ``station init`` leaves it: its row in
    sync_station)."""
    from app.db.models import SyncStation

    eng = open_database(sqlite_url_for(tmp_path / "pack01.sqlite"))
    with UnitOfWork(eng) as u:
        u.session.add(
            SyncStation(name=PACK_01, central_url="postgresql://central/x", id_base=0, watermark=0)
        )
        u.commit()
    yield lambda: UnitOfWork(eng)
    eng.dispose()


# --- the central database ----------------------------------------------------------------------


def test_leases_take_the_oldest_free_numbers_and_never_more_than_are_free(
    central: UowFactory, supervisor: Actor, packer: Actor, tmp_path: Path
) -> None:
    pool = import_sf(central, supervisor, tmp_path, 10)
    first = lease(central(), packer, PACK_01, "sf", 4)
    second = lease(central(), packer, PACK_02, "SF", 4)
    assert (first, second) == (pool[:4], pool[4:8])
    rest = lease(central(), packer, PACK_01, "SF", 5)  # 5 asked, 2 free: the 2
    assert rest == pool[8:]
    with pytest.raises(NothingToLease) as none_left:
        lease(central(), packer, PACK_02, "SF", 5)
    assert none_left.value.message.name == "ship.lease_nothing_free"
    assert str(none_left.value) == (
        "no free numbers of SF left to lease to station PACK-02: import the carrier's file "
        "of waybill numbers on the central database"
    )
    assert holders(central) == {
        **dict.fromkeys(pool[:4] + pool[8:], PACK_01),
        **dict.fromkeys(pool[4:8], PACK_02),
    }
    (sf_pool,) = pool_status(central())
    assert (sf_pool.free, sf_pool.leased, sf_pool.used, sf_pool.low) == (0, 10, 0, True)
    with central().reading() as s:
        audited = s.scalars(
            select(AuditEvent)
            .where(AuditEvent.action == "lease tracking numbers")
            .order_by(AuditEvent.id)
        ).all()
    assert [(e.actor, e.entity_id, (e.after or {}).get("station")) for e in audited] == [
        (packer.name, "SF", PACK_01),
        (packer.name, "SF", PACK_02),
        (packer.name, "SF", PACK_01),
    ]
    assert (audited[2].after or {})["numbers"] == pool[8:]


def test_the_central_pack_path_never_takes_a_leased_number(
    central: UowFactory, supervisor: Actor, packer: Actor, tmp_path: Path
) -> None:
    orders(central, "TB001", "TB002")
    pool = import_sf(central, supervisor, tmp_path, 3)
    leased = lease(central(), packer, PACK_01, "SF", 2)
    assert leased == pool[:2]
    taken = take_from_pool(central(), packer, "TB001")
    assert taken.tracking_no == pool[2] and taken.pool_left == 0
    with pytest.raises(InvalidInput) as refused:
        take_from_pool(central(), packer, "TB002")
    assert refused.value.message.name == "ship.pool_all_leased"
    assert "every free SF number (2) is leased to the stations" in str(refused.value)
    assert bound(central, "TB002") is None
    (sf_pool,) = pool_status(central())
    assert (sf_pool.free, sf_pool.leased, sf_pool.used) == (0, 2, 1)


def test_a_lease_between_choosing_a_number_and_binding_it_makes_the_pack_path_take_the_next(
    central: UowFactory,
    supervisor: Actor,
    packer: Actor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The central pack path chose the oldest free number; a station leases it before the
    binding's transaction begins: the binding sees the lease and takes the next number."""
    orders(central, "TB001")
    pool = import_sf(central, supervisor, tmp_path, 3)
    original = shipping._bind
    stolen: list[list[str]] = []

    def lease_first(*args: object, **kw: object) -> shipping.BindResult:
        if not stolen:
            stolen.append(lease(central(), packer, PACK_01, "SF", 1))
        return original(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(shipping, "_bind", lease_first)
    taken = take_from_pool(central(), packer, "TB001")
    assert stolen == [pool[:1]]
    assert taken.tracking_no == pool[1]
    assert holders(central)[pool[0]] == PACK_01


def test_release_unused_gives_a_retired_stations_numbers_back(
    central: UowFactory, supervisor: Actor, packer: Actor, tmp_path: Path
) -> None:
    pool = import_sf(central, supervisor, tmp_path, 5)
    lease(central(), packer, PACK_01, "SF", 3)
    lease(central(), packer, PACK_02, "SF", 1)
    with pytest.raises(PermissionDenied):
        release_unused(central(), packer, PACK_01)
    assert release_unused(central(), supervisor, PACK_01) == {"SF": 3}
    assert holders(central) == {**dict.fromkeys(pool, None), pool[3]: PACK_02}
    (sf_pool,) = pool_status(central())
    assert (sf_pool.free, sf_pool.leased) == (4, 1)
    assert lease(central(), packer, PACK_02, "SF", 2) == pool[:2]  # oldest first again


def test_leases_are_refused_in_words_for_what_a_person_can_fix(
    central: UowFactory, supervisor: Actor, packer: Actor, tmp_path: Path
) -> None:
    import_sf(central, supervisor, tmp_path, 2)
    with pytest.raises(InvalidInput) as nameless:
        lease(central(), packer, "  ", "SF", 1)
    assert str(nameless.value) == "a lease of waybill numbers needs the station's name"
    with pytest.raises(InvalidInput, match="station name is too long"):
        lease(central(), packer, "P" * 65, "SF", 1)
    with pytest.raises(NothingToLease, match="no free numbers of ZTO left to lease"):
        lease(central(), packer, PACK_01, "ZTO", 1)
    assert lease(central(), packer, PACK_01, "SF", 0) == []
    assert set(holders(central).values()) == {None}


# --- the station's database --------------------------------------------------------------------


def test_a_lease_received_twice_is_in_the_stations_pool_once(
    station: UowFactory, packer: Actor
) -> None:
    numbers = [sf(1), sf(2), sf(3)]
    assert receive(station(), packer, PACK_01, "SF", numbers) == 3
    assert receive(station(), packer, PACK_01, "SF", numbers) == 0  # delivered again
    assert receive(station(), packer, PACK_01, "SF", [sf(3), sf(4)]) == 1
    with station().reading() as s:
        rows = s.execute(
            select(TrackingPoolNumber.tracking_no, TrackingPoolNumber.leased_to).order_by(
                TrackingPoolNumber.id
            )
        ).all()
    assert [tuple(r) for r in rows] == [(n, PACK_01) for n in (sf(1), sf(2), sf(3), sf(4))]
    (sf_pool,) = pool_status(station())
    assert (sf_pool.free, sf_pool.leased, sf_pool.used) == (4, 0, 0)


def test_a_lease_for_another_station_is_not_put_into_this_one(
    station: UowFactory, packer: Actor
) -> None:
    receive(station(), packer, PACK_01, "SF", [sf(1)])
    with pytest.raises(InvalidInput) as refused:
        receive(station(), packer, PACK_02, "SF", [sf(2)])
    assert str(refused.value) == (
        "this database belongs to station PACK-01: the SF numbers leased to station PACK-02 "
        "were not put here"
    )
    assert holders(station) == {sf(1): PACK_01}
    with pytest.raises(InvalidInput) as not_central:
        lease(station(), packer, PACK_01, "SF", 1)
    assert not_central.value.message.name == "ship.lease_not_central"


def test_needs_says_how_many_to_lease_below_low(station: UowFactory, packer: Actor) -> None:
    assert needs(station(), low=3, size=10) == {}  # nothing known yet
    assert needs(station(), low=3, size=10, carriers=["sf"]) == {"SF": 10}  # first sync
    receive(station(), packer, PACK_01, "SF", [sf(i) for i in range(1, 4)])
    receive(station(), packer, PACK_01, "ZTO", [f"7{i:011d}" for i in range(1, 3)])
    assert needs(station(), low=3, size=10) == {"ZTO": 8}  # SF has 3 free: not below 3
    orders(station, "TB001")
    take_from_pool(station(), packer, "TB001")  # an SF number used
    assert needs(station(), low=3, size=10) == {"SF": 8, "ZTO": 8}
    with pytest.raises(ValueError):
        needs(station(), low=11, size=10)


def test_an_offline_station_prints_only_the_numbers_leased_to_it(
    central: UowFactory, station: UowFactory, supervisor: Actor, packer: Actor, tmp_path: Path
) -> None:
    pool = import_sf(central, supervisor, tmp_path, 8)
    lease(central(), packer, PACK_02, "SF", 2)
    mine = lease(central(), packer, PACK_01, "SF", 3)
    receive(station(), packer, PACK_01, "SF", mine)
    orders(station, "TB001", "TB002", "TB003", "TB004")
    # offline from here on: only the station's database
    printed = [take_from_pool(station(), packer, o).tracking_no for o in ("TB001", "TB002")]
    last = take_from_pool(station(), packer, "TB003")
    assert [*printed, last.tracking_no] == mine
    assert last.pool_left == 0
    with pytest.raises(InvalidInput) as empty:
        take_from_pool(station(), packer, "TB004")
    assert str(empty.value) == (
        "station PACK-01 has no SF numbers left: connect it to the central database to lease "
        "more, or bind a pre-printed label"
    )
    # what the central database still prints is neither station's
    orders(central, "TC001")
    assert take_from_pool(central(), packer, "TC001").tracking_no == pool[5]


def test_carriers_list_shows_the_numbers_leased_apart_from_the_free_ones(
    capsys: pytest.CaptureFixture[str], db_url: str, tmp_path: Path, supervisor: Actor
) -> None:
    engine = open_database(db_url)
    factory: UowFactory = lambda: UnitOfWork(engine)  # noqa: E731
    import_sf(factory, supervisor, tmp_path, 5)
    lease(factory(), supervisor, PACK_01, "SF", 2)
    engine.dispose()
    code, out, _ = run(capsys, "--db", db_url, "carriers", "list", "--json")
    assert code == 0
    sf_row = next(c for c in json.loads(out) if c["code"] == "SF")
    assert (sf_row["pool_free"], sf_row["pool_leased"], sf_row["pool_low"]) == (3, 2, True)
    code, out, _ = run(capsys, "--db", db_url, "carriers", "list")
    assert "pool: 3 free (LOW), 2 leased to stations" in out


# --- PostgreSQL: two stations at the same moment -----------------------------------------------


class Station(threading.Thread):
    """A station leasing from the central database: its own engine (its own connections).
    A lock it would wait for fails it after 30 s instead of hanging the test."""

    def __init__(self, url: str, act: Callable[[UowFactory], object]) -> None:
        super().__init__(daemon=True)
        self.url, self.act = url, act
        self.result: object = None
        self.error: BaseException | None = None

    def run(self) -> None:
        engine = make_engine(
            self.url, connect_args={"connect_timeout": 10, "options": "-c lock_timeout=30000"}
        )
        try:
            self.result = self.act(lambda: UnitOfWork(engine))
        except BaseException as exc:  # the test reads it
            self.error = exc
        finally:
            engine.dispose()


@pytest.mark.pg
def test_pg_two_stations_leasing_at_once_get_disjoint_numbers(
    pg_engine: Engine, pg_url: str, supervisor: Actor, packer: Actor, tmp_path: Path
) -> None:
    uow: UowFactory = lambda: UnitOfWork(pg_engine)  # noqa: E731
    pool = import_sf(uow, supervisor, tmp_path, 300)
    start = threading.Barrier(2)

    def lease_until_empty(name: str) -> Callable[[UowFactory], list[str]]:
        def act(station_uow: UowFactory) -> list[str]:
            got: list[str] = []
            start.wait()
            while True:
                try:
                    got += lease(station_uow(), packer, name, "SF", 7)
                except NothingToLease:
                    return got

        return act

    stations = [Station(pg_url, lease_until_empty(n)) for n in (PACK_01, PACK_02)]
    for s in stations:
        s.start()
    for s in stations:
        s.join()
    assert [s.error for s in stations] == [None, None]
    one, two = (list(s.result) for s in stations)  # type: ignore[call-overload]
    assert not set(one) & set(two)
    assert sorted(one + two) == pool  # all leased, none twice
    assert holders(uow) == {**dict.fromkeys(one, PACK_01), **dict.fromkeys(two, PACK_02)}


@pytest.mark.pg
def test_pg_a_lease_skips_the_numbers_another_lease_holds_and_does_not_wait(
    pg_engine: Engine,
    pg_url: str,
    supervisor: Actor,
    packer: Actor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """PACK-01's lease has locked the 3 oldest numbers and not committed; PACK-02's lease,
    meanwhile, gets the next 3 and finishes (a lease that waited would fail on lock_timeout);
    then PACK-01 commits."""
    uow: UowFactory = lambda: UnitOfWork(pg_engine)  # noqa: E731
    pool = import_sf(uow, supervisor, tmp_path, 10)
    locked, other_done = threading.Event(), threading.Event()
    record = leases.audit.record

    def holding(*args: object, **kw: object) -> None:
        if threading.current_thread() is first:
            locked.set()
            other_done.wait(60)
        record(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(leases.audit, "record", holding)
    first = Station(pg_url, lambda u: lease(u(), packer, PACK_01, "SF", 3))
    second = Station(pg_url, lambda u: lease(u(), packer, PACK_02, "SF", 3))
    first.start()
    assert locked.wait(60)
    second.start()
    second.join()
    other_done.set()
    first.join()
    assert (first.error, second.error) == (None, None)
    assert (first.result, second.result) == (pool[:3], pool[3:6])
    assert holders(uow) == {
        **dict.fromkeys(pool, None),
        **dict.fromkeys(pool[:3], PACK_01),
        **dict.fromkeys(pool[3:6], PACK_02),
    }


def _waiting_for_a_lock(engine: Engine) -> None:
    """Return once a connection of this database waits for a row lock; polls."""
    query = (
        "SELECT count(*) FROM pg_stat_activity "
        "WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    for _ in range(3000):
        with engine.connect() as conn:
            if conn.exec_driver_sql(query).scalar():
                return
        threading.Event().wait(0.01)
    raise AssertionError("the central pack path never reached the number the lease holds")


@pytest.mark.pg
def test_pg_the_central_pack_path_waits_for_a_lease_of_its_number_and_takes_the_next(
    pg_engine: Engine,
    pg_url: str,
    supervisor: Actor,
    packer: Actor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A station's lease holds the 2 oldest numbers, not yet committed; the central pack path
    chooses the oldest (to it still free) and waits on its row; the lease commits: the pack
    path sees the number is PACK-01's and binds the third."""
    uow: UowFactory = lambda: UnitOfWork(pg_engine)  # noqa: E731
    orders(uow, "TB001")
    pool = import_sf(uow, supervisor, tmp_path, 3)
    locked, go_on = threading.Event(), threading.Event()
    record = leases.audit.record

    def holding(*args: object, **kw: object) -> None:
        if threading.current_thread() is station:
            locked.set()
            go_on.wait(60)
        record(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(leases.audit, "record", holding)
    station = Station(pg_url, lambda u: lease(u(), packer, PACK_01, "SF", 2))
    packing = Station(pg_url, lambda u: take_from_pool(u(), packer, "TB001"))
    station.start()
    assert locked.wait(60)
    packing.start()
    _waiting_for_a_lock(pg_engine)
    go_on.set()
    station.join()
    packing.join()
    assert (station.error, packing.error) == (None, None)
    assert station.result == pool[:2]
    assert isinstance(packing.result, shipping.BindResult)
    assert packing.result.tracking_no == pool[2]
    assert holders(uow) == {pool[0]: PACK_01, pool[1]: PACK_01, pool[2]: None}
