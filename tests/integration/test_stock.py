"""The stock a supervisor reads: the low-stock list (库存预警) with its days of cover, the stock
ledger with its running balances, the search behind the stock screen; on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine, select

from app.db.models import Location, Lot, StockMove, utcnow
from app.db.uow import UnitOfWork
from app.domain.users import Actor
from app.services import picking, stock, waves
from app.services.stock import StockRefused, StockScope
from tests.factories import UowFactory, add_order, add_sku, receive

TODAY = dt.date(2026, 11, 20)
NOON = dt.datetime(2026, 11, 20, 12, 0)
CUP_EAN = "6901234567892"


@pytest.fixture(autouse=True)
def beijing_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The warehouse's clock: UTC+8 (the ledger stores UTC; people ask for their own days)."""
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def store(request: pytest.FixtureRequest) -> UowFactory:
    """A migrated database of each engine (PostgreSQL: the pg fixtures of conftest)."""
    name = "engine" if request.param == "sqlite" else "pg_engine"
    engine: Engine = request.getfixturevalue(name)
    return lambda: UnitOfWork(engine)


def lot_id(uow: UowFactory, sku_lot: str, location: str) -> int:
    with uow().reading() as s:
        found = s.scalar(
            select(Lot.id)
            .join(Location, Location.id == Lot.location_id)
            .where(Lot.lot_code == sku_lot, Location.code == location)
        )
        assert found is not None
        return found


def move(uow: UowFactory, lot: int, kind: str, qty: int, at: dt.datetime, reason: str = "") -> None:
    """A stock move as the services write it: the ledger row and the lot's on-hand together."""
    with uow() as u:
        u.session.add(
            StockMove(at=at, kind=kind, lot_id=lot, qty=qty, actor="Li Lei", reason=reason, ref="t")
        )
        row = u.session.get(Lot, lot)
        assert row is not None
        row.on_hand += qty
        u.commit()


def allocate(uow: UowFactory, lot: int, qty: int) -> None:
    with uow() as u:
        row = u.session.get(Lot, lot)
        assert row is not None
        row.allocated = qty
        u.commit()


@pytest.fixture
def shelves(store: UowFactory) -> UowFactory:
    """CUP (threshold 10): 6 units on the shelf, 50 in quarantine, 20 expired; picked 6 in the
    last 30 days and 100 before. MUG (threshold 10): 20 on hand, 15 allocated; picked 15.
    LAMP: never received. TEA: plenty. PEN: threshold 0."""
    uow = store
    add_sku(uow, "CUP", "保温杯", barcodes=[CUP_EAN], low_stock_threshold=10)
    add_sku(uow, "MUG", "马克杯", low_stock_threshold=10)
    add_sku(uow, "LAMP", "台灯", low_stock_threshold=5)
    add_sku(uow, "TEA", "茶叶", low_stock_threshold=10)
    add_sku(uow, "PEN", "笔", low_stock_threshold=0)
    received = dt.datetime(2026, 9, 1, 9, 0)
    for sku, qty, lot, location, more in (
        ("CUP", 112, "C1", "A-01-01-01", {}),
        ("CUP", 50, "C2", "Q-01-01-01", {"quarantined": True}),
        ("CUP", 20, "C3", "A-01-01-02", {"expiry": TODAY}),
        ("MUG", 35, "M1", "A-01-01-01", {}),
        ("TEA", 80, "T1", "A-01-02-01", {}),
    ):
        receive(uow, sku, qty, lot, location, received_at=received, at=received, **more)
        received += dt.timedelta(hours=1)
    cup = lot_id(uow, "C1", "A-01-01-01")
    move(uow, cup, "pick", -100, NOON - dt.timedelta(days=45))  # before the 30 days
    move(uow, cup, "pick", -4, NOON - dt.timedelta(days=29))
    move(uow, cup, "pick", -2, NOON - dt.timedelta(days=1))
    mug = lot_id(uow, "M1", "A-01-01-01")
    move(uow, mug, "pick", -15, NOON - dt.timedelta(days=3))
    allocate(uow, mug, 15)
    return uow


def test_low_stock_lists_free_stock_below_the_threshold_with_days_of_cover(
    shelves: UowFactory,
) -> None:
    low = stock.low_stock(shelves(), TODAY)
    assert [(r.sku, r.free, r.threshold, r.demand_30d, r.days_of_cover) for r in low] == [
        ("MUG", 5, 10, 15, 10.0),  # 5 free at 0.5 a day: 10 days
        ("CUP", 6, 10, 6, 30.0),  # quarantined and expired units are not free
        ("LAMP", 0, 5, 0, None),  # nothing picked: no rate to run out at, listed last
    ]
    assert low[1].name == "保温杯"
    assert stock.low_stock_count(shelves(), TODAY) == 3
    assert low[0].to_json() == {
        "sku": "MUG",
        "name": "马克杯",
        "free": 5,
        "threshold": 10,
        "demand_30d": 15,
        "days_of_cover": 10.0,
    }


def test_a_receipt_takes_a_sku_off_the_list(shelves: UowFactory) -> None:
    receive(shelves, "CUP", 4, "C4", "A-01-01-03")
    assert "CUP" not in {r.sku for r in stock.low_stock(shelves(), TODAY)}
    assert stock.low_stock_count(shelves(), TODAY) == 2


def test_a_picked_wave_is_demand(store: UowFactory, supervisor: Actor) -> None:
    uow = store
    add_sku(uow, "CUP", low_stock_threshold=10)
    receive(uow, "CUP", 12, "C1", "A-01-01-01")
    for n in range(1, 4):
        add_order(uow, f"TB00{n}", [("CUP", 1)], status="reviewed", carrier="SF")
    wave = waves.create_wave(uow(), supervisor)
    assert wave.code is not None
    picking.confirm_wave(uow(), supervisor, wave.code)
    (cup,) = stock.low_stock(uow(), utcnow().date())
    assert (cup.free, cup.demand_30d, cup.days_of_cover) == (9, 3, 90.0)
    picks = [r for r in stock.ledger(uow(), sku="CUP") if r.kind == "pick"]
    assert [(r.qty, r.actor) for r in picks] == [(-1, supervisor.name)] * 3
    assert [r.lot_balance for r in picks] == [11, 10, 9]
    assert all(r.ref.startswith(wave.code) for r in picks)


def test_the_ledger_of_a_sku_balances_per_lot_and_in_all(shelves: UowFactory) -> None:
    rows = stock.ledger(shelves(), sku="CUP")
    assert [(r.kind, r.lot, r.qty, r.lot_balance, r.balance) for r in rows] == [
        ("receipt", "C1", 112, 112, 112),
        ("receipt", "C2", 50, 50, 162),
        ("receipt", "C3", 20, 20, 182),
        ("pick", "C1", -100, 12, 82),
        ("pick", "C1", -4, 8, 78),
        ("pick", "C1", -2, 6, 76),
    ]
    on_hand = {r.lot: r.on_hand for r in stock.lots(shelves(), TODAY, StockScope(sku="CUP"))}
    last = {r.lot: r.lot_balance for r in rows}
    assert last == on_hand  # the running balance ends at what the shelf holds
    assert rows[-1].actor == "Li Lei"
    assert rows[-1].to_json()["at"] == "2026-11-19T12:00:00+00:00"


def test_a_barcode_a_lot_or_a_location_has_its_ledger(shelves: UowFactory) -> None:
    by_barcode = stock.ledger(shelves(), sku=CUP_EAN)
    assert {r.sku for r in by_barcode} == {"CUP"} and len(by_barcode) == 6
    assert [(r.kind, r.qty, r.balance) for r in stock.ledger(shelves(), lot="C3")] == [
        ("receipt", 20, 20)
    ]
    # a location holds two SKUs: the scope's balance counts everything in it
    shelf = stock.ledger(shelves(), location="A-01-01-01")
    assert [(r.sku, r.qty, r.lot_balance, r.balance) for r in shelf] == [
        ("CUP", 112, 112, 112),
        ("MUG", 35, 35, 147),
        ("CUP", -100, 12, 47),
        ("CUP", -4, 8, 43),
        ("MUG", -15, 20, 28),
        ("CUP", -2, 6, 26),
    ]
    one_lot = stock.ledger(shelves(), sku="MUG", lot="M1", location="A-01-01-01")
    assert [r.balance for r in one_lot] == [r.lot_balance for r in one_lot] == [35, 20]


def test_dates_limit_the_moves_not_the_balances(shelves: UowFactory) -> None:
    rows = stock.ledger(shelves(), sku="CUP", since=dt.date(2026, 10, 22))
    assert [(r.qty, r.lot_balance, r.balance) for r in rows] == [(-4, 8, 78), (-2, 6, 76)]
    rows = stock.ledger(shelves(), sku="CUP", until=dt.date(2026, 10, 22))
    assert [r.qty for r in rows] == [112, 50, 20, -100, -4]  # the 22nd is included
    assert stock.ledger(shelves(), sku="CUP", since=TODAY) == []
    # 20:00 UTC on the 19th is 04:00 on the 20th in Beijing: a move of the 20th
    move(
        shelves,
        lot_id(shelves, "C1", "A-01-01-01"),
        "adjustment",
        -1,
        NOON - dt.timedelta(hours=16),
    )
    (late,) = stock.ledger(shelves(), sku="CUP", since=TODAY)
    assert (late.qty, late.balance, stock.local_time(late.at)) == (
        -1,
        75,
        NOON - dt.timedelta(hours=8),
    )


def test_pages_newest_first_give_every_move_once(shelves: UowFactory) -> None:
    everything = stock.ledger(shelves(), location="A-01-01-01")
    pages: list[stock.LedgerRow] = []
    after = None
    while True:
        page = stock.ledger(
            shelves(), location="A-01-01-01", newest_first=True, after=after, limit=4
        )
        pages.extend(page)
        if len(page) < 4:
            break
        after = page[-1].key
    assert pages == list(reversed(everything))


@pytest.mark.parametrize(
    ("filters", "says"),
    [
        ({}, "say whose stock ledger to show: a SKU, a lot code or a location code"),
        ({"sku": "NOPE"}, "there is no SKU NOPE (neither a SKU code nor a barcode)"),
        ({"lot": "X9"}, "there is no lot X9 — check the lot code on the label"),
        ({"location": "Z-09-09-09"}, "there is no location Z-09-09-09"),
        (
            {"sku": "CUP", "since": TODAY, "until": dt.date(2026, 11, 1)},
            "the ledger from 2026-11-20 to 2026-11-01 cannot have moves",
        ),
    ],
)
def test_the_ledger_refuses_in_words(
    shelves: UowFactory, filters: dict[str, object], says: str
) -> None:
    with pytest.raises(StockRefused) as refused:
        stock.ledger(shelves(), **filters)  # type: ignore[arg-type]
    assert says in str(refused.value)


def test_a_search_finds_a_sku_by_code_or_barcode_a_location_a_lot(shelves: UowFactory) -> None:
    assert stock.find(shelves(), " CUP ") == StockScope(sku="CUP")
    assert stock.find(shelves(), CUP_EAN) == StockScope(sku="CUP")
    assert stock.find(shelves(), "0" + CUP_EAN) == StockScope(sku="CUP")  # as GTIN-14
    assert stock.find(shelves(), "Q-01-01-01") == StockScope(location="Q-01-01-01")
    assert stock.find(shelves(), "M1") == StockScope(lot="M1")
    with pytest.raises(StockRefused, match="nothing in stock is called 42"):
        stock.find(shelves(), "42")


def test_lots_show_what_is_free(shelves: UowFactory) -> None:
    cup = stock.lots(shelves(), TODAY, StockScope(sku="CUP"))
    assert [(r.lot, r.location, r.on_hand, r.free, r.quarantined, r.expired) for r in cup] == [
        ("C1", "A-01-01-01", 6, 6, False, False),
        ("C2", "Q-01-01-01", 50, 0, True, False),
        ("C3", "A-01-01-02", 20, 0, False, True),
    ]
    mug = stock.lots(shelves(), TODAY, StockScope(location="A-01-01-01"))
    assert [(r.sku, r.on_hand, r.allocated, r.free) for r in mug] == [
        ("CUP", 6, 0, 6),
        ("MUG", 20, 15, 5),
    ]
    everything = stock.lots(shelves(), TODAY)
    assert stock.lots(shelves(), TODAY, offset=2, limit=2) == everything[2:4]


def test_the_lists_export_as_csv_and_xlsx(shelves: UowFactory, tmp_path: Path) -> None:
    low = stock.low_stock(shelves(), TODAY)
    assert stock.export_low_stock(low, tmp_path / "low.csv") == 3
    with (tmp_path / "low.csv").open(encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f))
    assert table[0] == ["sku", "name", "free", "threshold", "demand_30d", "days_of_cover"]
    assert table[1] == ["MUG", "马克杯", "5", "10", "15", "10.0"]
    assert table[3] == ["LAMP", "台灯", "0", "5", "0", ""]

    rows = stock.ledger(shelves(), sku="CUP")
    assert stock.export_ledger(rows, tmp_path / "cup.xlsx") == 6
    sheet = load_workbook(tmp_path / "cup.xlsx").active
    assert sheet is not None
    values = list(sheet.values)
    assert values[0][:8] == (
        "at",
        "kind",
        "sku",
        "lot",
        "location",
        "qty",
        "lot_balance",
        "balance",
    )
    assert values[-1][1:8] == ("pick", "CUP", "C1", "A-01-01-01", -2, 6, 76)
    assert values[-1][0] == stock.local_time(NOON - dt.timedelta(days=1))
