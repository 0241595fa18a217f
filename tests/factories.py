"""Small builders for test data, written straight through the ORM (not through the services
under test)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from app.db.models import Barcode, Location, Lot, Order, OrderLine, Sku, StockMove, utcnow
from app.db.uow import UnitOfWork
from app.domain.barcodes import parse_barcode
from app.messages.orders import reasons_from_json

UowFactory = Callable[[], UnitOfWork]

CN_ADDRESS: dict[str, Any] = {
    "buyer_name": "张伟",
    "phone": "13812345678",
    "province": "广东省",
    "city": "深圳市",
    "district": "南山区",
    "address": "科技园南区深南大道10000号",
}


def add_sku(
    uow: UowFactory,
    code: str,
    name: str = "",
    barcodes: Sequence[str] = (),
    weight_g: int = 100,
    **kw: Any,
) -> int:
    with uow() as u:
        sku = Sku(code=code, name=name or f"商品 {code}", weight_g=weight_g, **kw)
        u.session.add(sku)
        u.session.flush()
        for raw in barcodes:
            bc = parse_barcode(raw)
            u.session.add(
                Barcode(sku_id=sku.id, code=bc.code, kind=bc.kind.value, lookup=bc.lookup)
            )
        u.commit()
        return sku.id


def receive(
    uow: UowFactory,
    sku_code: str,
    qty: int,
    lot: str = "L1",
    location: str = "A-01-01-01",
    received_at: dt.datetime | None = None,
    expiry: dt.date | None = None,
    quarantined: bool = False,
    at: dt.datetime | None = None,
) -> int:
    """A lot received with its receipt move (at *at*, else now)."""
    from sqlalchemy import select

    with uow() as u:
        s = u.session
        sku_id = s.scalar(select(Sku.id).where(Sku.code == sku_code))
        assert sku_id is not None, sku_code
        loc = s.scalar(select(Location).where(Location.code == location))
        if loc is None:
            loc = Location(code=location, zone=location.split("-")[0], quarantined=quarantined)
            s.add(loc)
            s.flush()
        lot_row = Lot(
            sku_id=sku_id,
            lot_code=lot,
            location_id=loc.id,
            received_at=received_at or dt.datetime(2026, 10, 1, 9, 0),
            expiry=expiry,
            on_hand=qty,
        )
        s.add(lot_row)
        s.flush()
        s.add(
            StockMove(
                kind="receipt",
                lot_id=lot_row.id,
                qty=qty,
                actor="test",
                ref="test",
                at=at or utcnow(),
            )
        )
        u.commit()
        return lot_row.id


def add_order(
    uow: UowFactory,
    order_no: str,
    lines: Sequence[tuple[str, int]],
    *,
    shop: str = "天猫旗舰店",
    status: str = "new",
    paid: bool = True,
    ordered_at: dt.datetime | None = None,
    priority: int = 0,
    **fields: Any,
) -> int:
    from sqlalchemy import select

    data = {**CN_ADDRESS, **fields}
    with uow() as u:
        s = u.session
        order = Order(
            shop=shop,
            order_no=order_no,
            ordered_at=ordered_at or dt.datetime(2026, 11, 20, 10, 0),
            paid=paid,
            status=status,
            priority=priority,
            exception_reasons=[],
            **data,
        )
        for sku_code, qty in lines:
            sku_id = s.scalar(select(Sku.id).where(Sku.code == sku_code))
            order.lines.append(OrderLine(sku_code=sku_code, sku_id=sku_id, qty=qty))
        s.add(order)
        u.commit()
        return order.id


def status_of(uow: UowFactory, order_no: str) -> tuple[str, list[str]]:
    from sqlalchemy import select

    with uow().reading() as s:
        order = s.scalar(select(Order).where(Order.order_no == order_no))
        assert order is not None
        # The reasons as the English sentences a person reads (stored as message codes).
        return order.status, [r.english() for r in reasons_from_json(order.exception_reasons)]


def add_pack_event(uow: UowFactory, order_id: int, seq: int = 1, kind: str = "scan") -> int:
    """One row of an order's pack-check log, as the pack station appends it."""
    from app.db.models import PackEventRecord

    with uow() as u:
        event = PackEventRecord(order_id=order_id, seq=seq, kind=kind, data={}, by="lilei")
        u.session.add(event)
        u.commit()
        return event.id
