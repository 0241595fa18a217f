"""Waves: FIFO allocation into pick tasks, filters, waiting reasons, and no unit promised
twice — even with several stations (processes) creating waves at the same moment."""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections import Counter

import pytest
from sqlalchemy import Engine, func, select

from app.bootstrap import open_database
from app.db.models import Lot, Order, PickTask, WaveOrder
from app.db.uow import UnitOfWork
from app.domain.errors import PermissionDenied
from app.domain.users import Actor, Role
from app.services.waves import WaveKind, create_wave, list_waves
from tests.factories import UowFactory, add_order, add_sku, receive

TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def warehouse(uow: UowFactory) -> UowFactory:
    add_sku(uow, "CUP")
    add_sku(uow, "LAMP")
    receive(uow, "CUP", 3, lot="NEW", location="A-02-05-01", received_at=dt.datetime(2026, 10, 1))
    receive(uow, "CUP", 2, lot="OLD", location="A-01-01-01", received_at=dt.datetime(2026, 9, 1))
    receive(uow, "LAMP", 1, lot="L1", location="B-01-01-01")
    return uow


def test_oldest_stock_leaves_first_and_lines_split(
    warehouse: UowFactory, supervisor: Actor
) -> None:
    uow = warehouse
    add_order(uow, "T1", [("CUP", 3)], status="reviewed")
    result = create_wave(uow(), supervisor, today=TODAY)
    assert result.code == "W000001" and result.orders == ["T1"]
    assert [(t.location, t.lot, t.qty, t.slot) for t in result.tasks] == [
        ("A-01-01-01", "OLD", 2, 1),
        ("A-02-05-01", "NEW", 1, 1),
    ]
    with uow().reading() as s:
        assert s.scalar(select(Order.status).where(Order.order_no == "T1")) == "allocated"
        assert dict(s.execute(select(Lot.lot_code, Lot.allocated)).all()) == {
            "OLD": 2,
            "NEW": 1,
            "L1": 0,
        }


def test_unservable_orders_wait_with_the_reason(warehouse: UowFactory, supervisor: Actor) -> None:
    uow = warehouse
    add_order(uow, "BIG", [("CUP", 9)], status="reviewed", ordered_at=dt.datetime(2026, 11, 1))
    add_order(uow, "OK", [("LAMP", 1)], status="reviewed")
    result = create_wave(uow(), supervisor, today=TODAY)
    assert result.orders == ["OK"]
    assert [(o, r.english()) for o, r in result.unallocated] == [
        ("BIG", "waiting for stock: SKU CUP short by 4")
    ]
    with uow().reading() as s:
        big = s.scalar(select(Order).where(Order.order_no == "BIG"))
        assert big is not None
        assert (big.status, big.waiting_reason) == (
            "reviewed",
            "waiting for stock: SKU CUP short by 4",
        )
        assert s.scalar(select(func.sum(Lot.allocated)).where(Lot.lot_code != "L1")) == 0


def test_single_and_multi_item_waves_and_filters(warehouse: UowFactory, supervisor: Actor) -> None:
    uow = warehouse
    add_order(uow, "S1", [("CUP", 1)], status="reviewed", carrier="SF")
    add_order(uow, "M1", [("CUP", 1), ("LAMP", 1)], status="reviewed", carrier="ZTO")
    add_order(uow, "S2", [("CUP", 1)], status="reviewed", carrier="ZTO")
    single = create_wave(uow(), supervisor, kind=WaveKind.SINGLE, carrier="ZTO", today=TODAY)
    assert single.orders == ["S2"] and single.tasks[0].slot is None
    multi = create_wave(uow(), supervisor, kind="multi-item", today=TODAY)
    assert multi.orders == ["M1"] and {t.slot for t in multi.tasks} == {1}
    zone_b = create_wave(uow(), supervisor, zone="B", today=TODAY)
    assert zone_b.orders == [] and zone_b.wave_id is None  # S1's CUP is only in zone A
    capped = create_wave(uow(), supervisor, max_orders=1, today=TODAY)
    assert capped.orders == ["S1"]
    assert [w.code for w in list_waves(uow())] == ["W000003", "W000002", "W000001"]


def test_only_supervisors_create_waves(warehouse: UowFactory, packer: Actor) -> None:
    add_order(warehouse, "T1", [("CUP", 1)], status="reviewed")
    with pytest.raises(PermissionDenied):
        create_wave(warehouse(), packer, today=TODAY)


# --- several stations at once -------------------------------------------------------------------


def _station(url: str, max_orders: int) -> int:
    engine = open_database(url, migrate=False)
    try:
        result = create_wave(
            UnitOfWork(engine),
            Actor("station", Role.SUPERVISOR),
            max_orders=max_orders,
            today=TODAY,
        )
        return len(result.orders)
    finally:
        engine.dispose()


def _race(engine: Engine, url: str, stations: int = 4) -> None:
    uow = lambda: UnitOfWork(engine)  # noqa: E731
    add_sku(uow, "CUP")
    for i in range(6):
        receive(uow, "CUP", 5, lot=f"L{i}", location=f"A-01-0{i + 1}-01")  # 30 units in all
    with uow() as u:
        for n in range(50):
            u.session.add(
                Order(
                    shop="s",
                    order_no=f"R{n:03d}",
                    ordered_at=dt.datetime(2026, 11, 1),
                    paid=True,
                    buyer_name="b",
                    phone="13800000000",
                    province="p",
                    city="c",
                    district="d",
                    address="a",
                    status="reviewed",
                    exception_reasons=[],
                    lines=[],
                )
            )
        u.session.flush()
        from app.db.models import OrderLine, Sku

        sku_id = u.session.scalar(select(Sku.id).where(Sku.code == "CUP"))
        for order_id in u.session.scalars(select(Order.id)):
            u.session.add(OrderLine(order_id=order_id, sku_code="CUP", sku_id=sku_id, qty=1))
        u.commit()
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(stations) as pool:
        counts = pool.starmap(_station, [(url, 10)] * stations)
    assert sum(counts) == 30  # every unit allocated once: 30 units, 30 one-unit orders
    with uow().reading() as s:
        per_lot = dict(
            s.execute(
                select(PickTask.lot_id, func.sum(PickTask.qty)).group_by(PickTask.lot_id)
            ).all()
        )
        for lot in s.scalars(select(Lot)):
            assert lot.allocated == per_lot.get(lot.id, 0) <= lot.on_hand
        waves_per_order = Counter(s.scalars(select(WaveOrder.order_id)))
        assert max(waves_per_order.values()) == 1
        assert s.scalar(select(func.count()).where(Order.status == "allocated")) == 30


def test_four_stations_on_one_sqlite_file_never_double_allocate(
    engine: Engine, db_url: str
) -> None:
    _race(engine, db_url)


@pytest.mark.pg
def test_four_stations_on_postgresql_never_double_allocate(pg_engine: Engine, pg_url: str) -> None:
    _race(pg_engine, pg_url)


def test_fefo_and_partial_shipments_are_set_by_a_supervisor(
    uow: UowFactory, supervisor: Actor, packer: Actor
) -> None:
    from app.domain.errors import InvalidInput
    from app.services.catalog import set_allow_partial, set_pick_rule

    add_sku(uow, "MILK", expiry_tracked=True)
    add_sku(uow, "CUP")
    receive(
        uow,
        "MILK",
        1,
        lot="OLD-LATE",
        received_at=dt.datetime(2026, 9, 1),
        expiry=dt.date(2027, 6, 1),
    )
    receive(
        uow,
        "MILK",
        1,
        lot="NEW-SOON",
        location="A-01-02-01",
        received_at=dt.datetime(2026, 10, 1),
        expiry=dt.date(2026, 12, 1),
    )
    receive(uow, "CUP", 1, lot="C1")
    with pytest.raises(InvalidInput, match="not expiry-tracked: CUP"):
        set_pick_rule(uow(), supervisor, ["CUP"], "fefo")
    with pytest.raises(PermissionDenied):
        set_allow_partial(uow(), packer, "天猫旗舰店", True)
    assert set_pick_rule(uow(), supervisor, ["MILK"], "fefo") == 1
    set_allow_partial(uow(), supervisor, "天猫旗舰店", True)
    add_order(uow, "F1", [("MILK", 1), ("CUP", 3)], status="reviewed")
    result = create_wave(uow(), supervisor, today=TODAY)
    assert result.orders == ["F1"]  # partly: the shop allows it
    assert {(t.sku, t.lot, t.qty) for t in result.tasks} == {
        ("MILK", "NEW-SOON", 1),
        ("CUP", "C1", 1),
    }
    assert [(o, r.english()) for o, r in result.unallocated] == [
        ("F1", "waiting for stock: SKU CUP short by 2")
    ]
