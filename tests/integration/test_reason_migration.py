"""Migration 0007: exception reasons stored as English sentences become message codes.

A database at revision 0006 gets orders with the sentences the old versions stored; after the
upgrade every reason reads back as a code with its values (and in Chinese), a sentence no code
describes is kept as recorded, and a downgrade gives the sentences back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert, select

from app import bootstrap
from app.db.engine import make_engine, sqlite_url_for
from app.db.migrate import current_revision, upgrade
from app.db.models import Order
from app.db.uow import UnitOfWork
from app.domain.users import SYSTEM
from app.messages.orders import reasons_from_json
from app.services import orders

OLD_REASONS: dict[str, list[str]] = {
    "R1": ["not paid", "address incomplete: district missing"],
    "R2": ["phone number looks wrong: '12345'", "address incomplete: street address missing"],
    "R3": ["not enough stock: SKU CUP needs 3, 1 free", "unknown SKU OLD-1"],
    "R4": [
        "short pick: SKU CUP short by 2, no stock left; "
        "1 picked unit(s) on the cart go back to stock"
    ],
    "R5": ["short pick: SKU LAMP short by 1, no stock left"],
    "R6": ["checked by hand: customer called", "address incomplete: moon base missing"],
    "R7": [],
    "R8": ["order has no lines", "not enough stock: SKU BIG needs 12000, 0 free"],
}

EXPECTED_CODES: dict[str, list[str]] = {
    "R1": ["order.reason.not_paid", "order.reason.address_missing"],
    "R2": ["order.reason.bad_phone", "order.reason.address_missing"],
    "R3": ["order.reason.no_stock", "order.reason.unknown_sku"],
    "R4": ["order.reason.short_pick_returned"],
    "R5": ["order.reason.short_pick"],
    "R6": ["order.reason.as_recorded", "order.reason.as_recorded"],
    "R7": [],
    "R8": ["order.reason.no_lines", "order.reason.no_stock"],
}


def _at_0006(engine: Engine) -> None:
    upgrade(engine, "0006")
    assert current_revision(engine) == "0006"
    rows = [
        {
            "shop": "天猫旗舰店",
            "order_no": order_no,
            "ordered_at": dt.datetime(2026, 11, 20, 10, 0),
            "paid": True,
            "buyer_name": "王芳",
            "phone": "13812345678",
            "province": "浙江省",
            "city": "杭州市",
            "district": "西湖区",
            "address": "文三路 90 号",
            "status": "on_hold" if order_no == "R5" else "exception" if reasons else "new",
            "held_from": "exception" if order_no == "R5" else None,
            "exception_reasons": reasons,
        }
        for order_no, reasons in OLD_REASONS.items()
    ]
    with engine.begin() as conn:
        conn.execute(insert(Order.__table__), rows)  # type: ignore[arg-type]


def _stored(engine: Engine) -> dict[str, list[object]]:
    with engine.connect() as conn:
        rows = conn.execute(select(Order.order_no, Order.exception_reasons))
        return {order_no: reasons for order_no, reasons in rows}


def _check_upgrade_and_downgrade(engine: Engine) -> None:
    _at_0006(engine)
    upgrade(engine)
    stored = _stored(engine)
    assert {no: [r["code"] for r in reasons] for no, reasons in stored.items()} == EXPECTED_CODES  # type: ignore[index]
    read = {no: reasons_from_json(reasons) for no, reasons in stored.items()}  # type: ignore[arg-type]
    for order_no, sentences in OLD_REASONS.items():
        if order_no not in ("R6", "R8"):
            assert [r.english() for r in read[order_no]] == sentences, order_no
    assert read["R3"][0].params == {"sku": "CUP", "needed": 3, "free": 1}
    assert read["R2"][0].params == {"phone": "12345"}
    assert stored["R8"][1] == {
        "code": "order.reason.no_stock",
        "params": {"sku": "BIG", "needed": 12000, "free": 0},
        "text": "not enough stock: SKU BIG needs 12,000, 0 free",
    }
    # Anything the old patterns did not know stays word for word.
    assert [r.english() for r in read["R6"]] == [
        "checked by hand: customer called (as recorded)",
        "address incomplete: moon base missing (as recorded)",
    ]

    zh = bootstrap.message_translator("zh_CN")
    assert [r.render(zh) for r in read["R1"]] == ["未付款", "地址不完整：缺少区县"]
    assert read["R4"][0].render(zh) == (
        "拣货缺货：SKU CUP 缺 2 件，已无库存；拣货车上已拣的 1 件需退回库存"
    )
    assert read["R6"][0].render(zh) == "checked by hand: customer called（原始记录）"

    # The services read the converted reasons: the order list, and a release from hold.
    uow = lambda: UnitOfWork(engine)  # noqa: E731
    listing = {o.order_no: o.to_json() for o in orders.iter_listings(uow(), SYSTEM)}
    assert listing["R1"]["exception_reasons"] == OLD_REASONS["R1"]
    assert listing["R5"]["exception_codes"] == ["order.reason.short_pick"]
    with uow().reading() as session:
        r5 = session.scalar(select(Order.id).where(Order.order_no == "R5"))
    assert r5 is not None

    assert orders.apply_action(uow(), SYSTEM, [r5], "release") == 1
    assert orders.get_order(uow(), SYSTEM, r5).status == "exception"
    assert [
        r.english() for r in orders.get_order(uow(), SYSTEM, r5).exception_reasons
    ] == OLD_REASONS["R5"]

    upgrade(engine)  # again: nothing left to convert, nothing changes
    after = _stored(engine)
    assert after == {**stored, "R5": after["R5"]} and after["R5"] == stored["R5"]

    from alembic import command

    from app.db.migrate import alembic_config

    command.downgrade(alembic_config(engine), "0006")
    back = _stored(engine)
    # Large numbers now read with a thousands separator, as every message writes them.
    assert back == {**OLD_REASONS, "R8": ["order has no lines", stored["R8"][1]["text"]]}  # type: ignore[index]


@pytest.fixture
def old_engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(sqlite_url_for(tmp_path / "old.sqlite"))
    yield engine
    engine.dispose()


def test_old_english_reasons_become_codes_sqlite(old_engine: Engine) -> None:
    _check_upgrade_and_downgrade(old_engine)


@pytest.mark.pg
def test_old_english_reasons_become_codes_postgresql(pg_url: str) -> None:
    engine = make_engine(pg_url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        _check_upgrade_and_downgrade(engine)
    finally:
        engine.dispose()
