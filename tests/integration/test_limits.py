"""The same limits on SQLite and PostgreSQL: every text a person or a file sets and every
quantity is checked against the numbers the columns are declared from (app.domain.limits).

Each over-long or out-of-range input is refused on both engines with the same message code,
and nothing is written; the longest value that fits is accepted and stored whole by both.
(Before, PostgreSQL answered a DataError traceback and SQLite stored the value.)
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, String, func, select

from app.db.models import (
    Base,
    CustomCarrier,
    Lot,
    Order,
    Parcel,
    ShopSettings,
    StockMove,
    TrackingPoolNumber,
    User,
)
from app.db.uow import UnitOfWork
from app.domain import limits
from app.domain.errors import InvalidInput
from app.domain.users import Actor
from app.services import catalog, shipping, users
from app.services.imports import import_file
from tests.factories import UowFactory, add_order, add_sku


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def station(request: pytest.FixtureRequest) -> UowFactory:
    """A migrated database of each engine (PostgreSQL: the pg fixtures of conftest)."""
    name = "engine" if request.param == "sqlite" else "pg_engine"
    engine: Engine = request.getfixturevalue(name)
    return lambda: UnitOfWork(engine)


def row_counts(uow: UowFactory) -> dict[str, int]:
    """Rows per table: what "nothing was written" is checked against."""
    with uow().reading() as session:
        return {
            table.name: int(session.scalar(select(func.count()).select_from(table)) or 0)
            for table in Base.metadata.sorted_tables
        }


@dataclass(frozen=True)
class Case:
    """One field: *act* sets it to a value; *stored* reads back what the database kept."""

    id: str
    act: Callable[[UowFactory, Actor, str], object]
    stored: Callable[[UowFactory], object]
    longest: str  # the longest value the column holds: accepted by both engines
    too_long: str  # the over-long input: refused by both
    code: str
    params: dict[str, object] = field(default_factory=dict)


def _one(uow: UowFactory, column: Any) -> object:
    """The one stored value of *column*."""
    with uow().reading() as session:
        return session.execute(select(column)).scalar_one()


def _add_carrier(field: str) -> Callable[[UowFactory, Actor, str], object]:
    """`carriers add` with *field* (code, name or regex) set to the value."""

    def act(uow: UowFactory, actor: Actor, value: str) -> object:
        given = {"code": "OWN", "name": "Own Express", "regex": r"OWN\d+", field: value}
        return shipping.add_custom_carrier(uow(), actor, **given)

    return act


def _shop_print(name: str) -> Callable[[UowFactory, Actor, str], object]:
    def act(uow: UowFactory, actor: Actor, value: str) -> object:
        return catalog.set_shop_print(uow(), actor, "天猫旗舰店", **{name: value})

    return act


CASES = [
    Case(
        "carrier code (17 and 20 characters; validation said 20, the column holds 16)",
        _add_carrier("code"),
        lambda uow: _one(uow, CustomCarrier.code),
        "C" * 16,
        "C" * 17,
        "carrier.code_unusable",
        {"limit": 16},
    ),
    Case(
        "carrier code of 20",
        _add_carrier("code"),
        lambda uow: _one(uow, CustomCarrier.code),
        "D" * 16,
        "D" * 20,
        "carrier.code_unusable",
        {"limit": 16},
    ),
    Case(
        "carrier name",
        _add_carrier("name"),
        lambda uow: _one(uow, CustomCarrier.name),
        "名" * 128,
        "名" * 129,
        "limit.too_long",
        {"field": "field.carrier_name", "limit": 128, "length": 129},
    ),
    Case(
        "carrier pattern",
        _add_carrier("regex"),
        lambda uow: _one(uow, CustomCarrier.regex),
        "OWN" + "[0-9]" * 50 + "\\d",
        "OWN" + "[0-9]" * 50 + "\\d+",
        "limit.too_long",
        {"field": "field.carrier_pattern", "limit": 255, "length": 256},
    ),
    Case(
        "sender name",
        _shop_print("sender_name"),
        lambda uow: _one(uow, ShopSettings.sender_name),
        "寄" * 128,
        "寄" * 200,
        "limit.too_long",
        {"field": "field.sender_name", "limit": 128, "length": 200},
    ),
    Case(
        "sender phone",
        _shop_print("sender_phone"),
        lambda uow: _one(uow, ShopSettings.sender_phone),
        "0" * 32,
        "0" * 50,
        "limit.too_long",
        {"field": "field.sender_phone", "limit": 32, "length": 50},
    ),
    Case(
        "sender address",
        _shop_print("sender_address"),
        lambda uow: _one(uow, ShopSettings.sender_address),
        "路" * 255,
        "路" * 256,
        "limit.too_long",
        {"field": "field.sender_address", "limit": 255, "length": 256},
    ),
    Case(
        "shop name (print settings)",
        lambda uow, actor, value: catalog.set_shop_print(uow(), actor, value, sender_name="S"),
        lambda uow: _one(uow, ShopSettings.shop),
        "店" * 64,
        "店" * 100,
        "limit.too_long",
        {"field": "field.shop", "limit": 64, "length": 100},
    ),
    Case(
        "shop name (partial shipments)",
        lambda uow, actor, value: catalog.set_allow_partial(uow(), actor, value, True),
        lambda uow: _one(uow, ShopSettings.shop),
        "S" * 64,
        "S" * 100,
        "limit.too_long",
        {"field": "field.shop", "limit": 64, "length": 100},
    ),
    Case(
        "user name",
        lambda uow, actor, value: users.add_user(uow(), actor, value, "packer", "1234"),
        lambda uow: _one(uow, User.name),
        "王" * 64,
        "王" * 100,
        "limit.too_long",
        {"field": "field.user_name", "limit": 64, "length": 100},
    ),
    Case(
        "badge",
        lambda uow, actor, value: users.add_user(uow(), actor, "Zhao Min", "packer", "1234", value),
        lambda uow: _one(uow, User.badge_code),
        "B" * 64,
        "B" * 100,
        "limit.too_long",
        {"field": "field.badge", "limit": 64, "length": 100},
    ),
]


def _params(message: object) -> dict[str, object]:
    """A message's parameters, a field name by its code."""
    params = dict(getattr(message, "params", {}))
    if "field" in params:
        params["field"] = getattr(params["field"], "name", params["field"])
    return params


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_over_long_text_is_refused_the_same_way_and_the_longest_is_kept_whole(
    station: UowFactory, admin: Actor, case: Case
) -> None:
    before = row_counts(station)
    with pytest.raises(InvalidInput) as refused:
        case.act(station, admin, case.too_long)
    message = refused.value.message
    assert message.name == case.code
    assert {k: v for k, v in _params(message).items() if k in case.params} == case.params
    assert row_counts(station) == before  # nothing written, not even the audit

    case.act(station, admin, case.longest)
    assert case.stored(station) == case.longest


@pytest.fixture
def bindable(station: UowFactory, supervisor: Actor) -> UowFactory:
    """A carrier whose pattern takes any letters and digits, and an order to bind."""
    shipping.add_custom_carrier(station(), supervisor, "ANY", "Any Express", r"[A-Z0-9]+")
    add_sku(station, "CUP")
    add_order(station, "TB001", [("CUP", 1)], status="reviewed", carrier="ANY")
    return station


def test_a_tracking_number_longer_than_its_column_is_refused_by_a_bind(
    bindable: UowFactory, packer: Actor
) -> None:
    before = row_counts(bindable)
    with pytest.raises(InvalidInput) as refused:
        shipping.bind(bindable(), packer, "TB001", "A" * 80)
    why = refused.value.message.params["why"]
    assert refused.value.message.name == "carrier.invalid_number"
    assert (getattr(why, "name", None), _params(why)) == (
        "carrier.why.too_long",
        {"count": 80, "limit": 64},
    )
    assert row_counts(bindable) == before

    assert shipping.bind(bindable(), packer, "TB001", "a" * 64).tracking_no == "A" * 64
    assert _one(bindable, Parcel.tracking_no) == "A" * 64


def test_a_pool_file_with_a_number_longer_than_its_column_imports_nothing(
    bindable: UowFactory, supervisor: Actor, tmp_path: Path
) -> None:
    pool = tmp_path / "any.txt"
    pool.write_text(f"{'A' * 64}\n{'B' * 80}\n", encoding="utf-8")
    before = row_counts(bindable)
    result = shipping.import_pool(bindable(), supervisor, "ANY", pool)
    assert [(e["row"], e["column"]) for e in result.errors] == [(2, "tracking_no")]
    why = getattr(result.errors[0]["message"], "params", {})["why"]
    assert _params(why) == {"count": 80, "limit": 64}
    assert row_counts(bindable) == before

    pool.write_text(f"{'A' * 64}\n", encoding="utf-8")
    assert shipping.import_pool(bindable(), supervisor, "ANY", pool).imported == 1
    assert _one(bindable, TrackingPoolNumber.tracking_no) == "A" * 64


# --- stock quantities: a lot's on-hand is an INTEGER --------------------------------------------


def _receipt(path: Path, *rows: tuple[str, str, int]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["sku", "lot", "received_at", "location", "qty"])
        for lot, location, qty in rows:
            writer.writerow(["CUP", lot, "2026-11-20", location, qty])
    return path


def test_a_receipt_that_would_take_a_lot_past_the_integer_range_imports_nothing(
    station: UowFactory, supervisor: Actor, tmp_path: Path
) -> None:
    add_sku(station, "CUP")
    first = _receipt(tmp_path / "first.csv", ("L1", "A-01-01-01", 50))
    assert import_file(station(), supervisor, "stock", first).imported == 1
    before = row_counts(station)

    # The file: 2,147,483,647 more into a lot that holds 50 (SQLite stored 2,147,483,697).
    over = _receipt(tmp_path / "over.csv", ("L1", "A-01-01-01", limits.MAX_INT))
    result = import_file(station(), supervisor, "stock", over)
    assert [(e.row, e.column, e.message.name) for e in result.errors] == [
        (2, "qty", "import.lot_too_full")
    ]
    assert result.errors[0].message.params == {
        "lot": "L1",
        "sku": "CUP",
        "location": "A-01-01-01",
        "total": limits.MAX_INT + 50,
        "limit": limits.MAX_INT,
    }
    assert str(result.errors[0]) == (
        "row 2, column qty: lot L1 of SKU CUP at A-01-01-01 would hold 2,147,483,697 units; "
        "a lot holds at most 2,147,483,647"
    )
    # Two rows of one new lot that are each in range but not together: the second is refused.
    halves = _receipt(
        tmp_path / "halves.csv",
        ("L2", "B-01-01-01", limits.MAX_INT // 2 + 1),
        ("L2", "B-01-01-01", limits.MAX_INT // 2 + 1),
        ("L2", "B-01-01-01", 1),
    )
    refused = import_file(station(), supervisor, "stock", halves)
    assert [(e.row, e.column, e.message.name) for e in refused.errors] == [
        (3, "qty", "import.lot_too_full")
    ]
    assert row_counts(station) == before

    # Filling the lot to exactly the largest INTEGER is accepted by both engines.
    full = _receipt(tmp_path / "full.csv", ("L1", "A-01-01-01", limits.MAX_INT - 50))
    assert import_file(station(), supervisor, "stock", full).ok
    with station().reading() as session:
        assert session.scalars(select(Lot.on_hand)).one() == limits.MAX_INT
        assert session.scalar(select(func.sum(StockMove.qty))) == limits.MAX_INT


# --- imported orders: every text column at its limit, and one over ------------------------------

ORDER_TEXT = {
    "order_no": limits.ORDER_NO,
    "shop": limits.SHOP,
    "buyer_name": limits.BUYER_NAME,
    "phone": limits.PHONE,
    "province": limits.PROVINCE,
    "city": limits.CITY,
    "district": limits.DISTRICT,
    "address": limits.ADDRESS,
    "carrier": limits.CARRIER_CODE,
}


def _order_file(path: Path, extra: int) -> Path:
    """One order whose every text cell is its column's limit + *extra* characters long."""
    row = {name: "订" * (limit.max_len + extra) for name, limit in ORDER_TEXT.items()}
    row.update(ordered_at="2026-11-20 14:03", paid="1", sku="CUP", qty="2")
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(row))
        writer.writeheader()
        writer.writerow(row)
    return path


def test_an_imported_order_is_refused_cell_by_cell_and_the_longest_kept_whole(
    station: UowFactory, supervisor: Actor, tmp_path: Path
) -> None:
    add_sku(station, "CUP")
    before = row_counts(station)
    result = import_file(station(), supervisor, "orders", _order_file(tmp_path / "o.csv", 1))
    assert [(e.row, e.column, e.message.name) for e in result.errors] == [
        (2, name, "import.too_long") for name in ORDER_TEXT
    ]
    assert {e.column: e.message.params["limit"] for e in result.errors} == {
        name: limit.max_len for name, limit in ORDER_TEXT.items()
    }
    assert row_counts(station) == before

    longest = import_file(station(), supervisor, "orders", _order_file(tmp_path / "o.csv", 0))
    assert longest.imported == 1
    with station().reading() as session:
        stored = session.execute(select(*(getattr(Order, n) for n in ORDER_TEXT))).one()
    assert dict(zip(ORDER_TEXT, stored, strict=True)) == {
        name: "订" * limit.max_len for name, limit in ORDER_TEXT.items()
    }


# --- one source of truth ------------------------------------------------------------------------


def test_every_column_a_person_sets_is_declared_from_the_limits() -> None:
    """The models' lengths are the limits' numbers (not a copy that can drift)."""
    declared = {
        (column.table.name, column.name): column.type.length
        for column in (c for t in Base.metadata.sorted_tables for c in t.columns)
        if isinstance(column.type, String)
    }
    expected = {
        ("custom_carriers", "code"): limits.CARRIER_CODE,
        ("custom_carriers", "name"): limits.CARRIER_NAME,
        ("custom_carriers", "regex"): limits.CARRIER_PATTERN,
        ("parcels", "tracking_no"): limits.TRACKING_NO,
        ("tracking_pool", "tracking_no"): limits.TRACKING_NO,
        ("shop_settings", "shop"): limits.SHOP,
        ("shop_settings", "sender_name"): limits.SENDER_NAME,
        ("shop_settings", "sender_phone"): limits.SENDER_PHONE,
        ("shop_settings", "sender_address"): limits.SENDER_ADDRESS,
        ("users", "name"): limits.USER_NAME,
        ("users", "badge_code"): limits.BADGE,
        ("orders", "shop"): limits.SHOP,
        ("orders", "carrier"): limits.CARRIER_CODE,
        ("orders", "buyer_name"): limits.BUYER_NAME,
        ("skus", "code"): limits.SKU_CODE,
        ("lots", "lot_code"): limits.LOT,
        ("locations", "zone"): limits.ZONE,
    }
    assert {key: declared[key] for key in expected} == {
        key: limit.max_len for key, limit in expected.items()
    }
