"""Order queries for the screens and the CLI, and the supervisor's order actions.

Lists are read page by page (keyset on id, newest first) so that a screen over a million orders
only ever loads what is visible.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import JSON, DateTime, Select, String, bindparam, func, select, union, update
from sqlalchemy.orm import Session

from app.db.models import Order, OrderLine, PackClaim, Sku
from app.db.uow import UnitOfWork
from app.domain.errors import IllegalTransition, InvalidInput, NotFound
from app.domain.orders import OrderStatus
from app.domain.privacy import mask_address, mask_name, mask_phone
from app.domain.users import Action, Actor
from app.messages import Message
from app.messages import orders as om
from app.services import lifecycle, order_changes


@dataclass(frozen=True)
class OrderRow:
    """One row of the orders screen."""

    id: int
    order_no: str
    shop: str
    status: str
    ordered_at: dt.datetime
    buyer_name: str
    province: str
    city: str
    carrier: str | None
    priority: int
    lines: int
    units: int
    exception_reasons: tuple[Message, ...]


_S = TypeVar("_S", bound=Select[*tuple[Any, ...]])


@dataclass(frozen=True)
class OrderQuery:
    status: str | None = None
    search: str | None = None


def order_status(status: str) -> OrderStatus:
    """*status* as an OrderStatus; InvalidInput naming the statuses when it is none."""
    try:
        return OrderStatus(status)
    except ValueError:
        known = ", ".join(s.value for s in OrderStatus)
        raise InvalidInput(om.UNKNOWN_STATUS(status=status, statuses=known)) from None


def _prefix_range(column: Any, text: str) -> Any:
    # `LIKE 'x%'` cannot use the index on SQLite (case-insensitive LIKE); a range can.
    return (column >= text) & (column < text + "\U0010ffff")


def _filtered(query: _S, q: OrderQuery, *, buyers: bool) -> _S:
    """*query* narrowed to *q*; the buyer's name is searched only by those who may read it
    (*buyers*), so that a search cannot reveal a name the list would hide."""
    if q.status:
        query = query.where(Order.status == q.status)
    text = (q.search or "").strip()
    if text:
        by_name = [select(Order.id).where(_prefix_range(Order.buyer_name, text))] if buyers else []
        ids = union(
            select(Order.id).where(_prefix_range(Order.order_no, text)),
            *by_name,
            select(OrderLine.order_id).where(OrderLine.sku_code == text),
        )
        query = query.where(Order.id.in_(ids))
    return query


def page(
    uow: UnitOfWork, actor: Actor, q: OrderQuery, before_id: int | None, limit: int
) -> list[OrderRow]:
    """The next *limit* orders with id < before_id (newest first); the buyer's name masked for
    someone who may not read buyers' personal data."""
    actor.require(Action.VIEW_ORDERS)
    buyers = actor.may(Action.VIEW_BUYERS)
    query = select(
        Order.id,
        Order.order_no,
        Order.shop,
        Order.status,
        Order.ordered_at,
        Order.buyer_name,
        Order.province,
        Order.city,
        Order.carrier,
        Order.priority,
        Order.exception_reasons,
    )
    query = _filtered(query, q, buyers=buyers)
    if before_id is not None:
        query = query.where(Order.id < before_id)
    query = query.order_by(Order.id.desc()).limit(limit)
    with uow.reading() as session:
        heads = session.execute(query).all()
        if not heads:
            return []
        ids = [h.id for h in heads]
        counts = {
            row.order_id: (row.n, row.units)
            for row in session.execute(
                select(
                    OrderLine.order_id,
                    func.count().label("n"),
                    func.sum(OrderLine.qty).label("units"),
                )
                .where(OrderLine.order_id.in_(ids))
                .group_by(OrderLine.order_id)
            )
        }
    return [
        OrderRow(
            id=h.id,
            order_no=h.order_no,
            shop=h.shop,
            status=h.status,
            ordered_at=h.ordered_at,
            buyer_name=h.buyer_name if buyers else mask_name(h.buyer_name),
            province=h.province,
            city=h.city,
            carrier=h.carrier,
            priority=h.priority,
            lines=counts.get(h.id, (0, 0))[0],
            units=int(counts.get(h.id, (0, 0))[1] or 0),
            exception_reasons=tuple(om.reasons_from_json(h.exception_reasons)),
        )
        for h in heads
    ]


def status_counts(uow: UnitOfWork, actor: Actor) -> dict[str, int]:
    actor.require(Action.VIEW_ORDERS)
    with uow.reading() as session:
        rows = session.execute(select(Order.status, func.count()).group_by(Order.status))
        return {status: n for status, n in rows}


def count(uow: UnitOfWork, actor: Actor, q: OrderQuery) -> int:
    actor.require(Action.VIEW_ORDERS)
    buyers = actor.may(Action.VIEW_BUYERS)
    with uow.reading() as session:
        return int(session.scalar(_filtered(select(func.count(Order.id)), q, buyers=buyers)) or 0)


@dataclass(frozen=True)
class LineInfo:
    sku: str
    name: str
    qty: int
    gift: bool


@dataclass(frozen=True)
class OrderListing:
    """The CLI's JSON shape for `orders list`: the reasons in English, and their codes."""

    order_no: str
    shop: str
    status: str
    lines: list[LineInfo] = field(default_factory=list)
    exception_reasons: list[Message] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "order_no": self.order_no,
            "shop": self.shop,
            "status": self.status,
            "lines": [{"sku": line.sku, "qty": line.qty} for line in self.lines],
            "exception_reasons": [reason.english() for reason in self.exception_reasons],
            "exception_codes": [reason.name for reason in self.exception_reasons],
        }


def iter_listings(
    uow: UnitOfWork, actor: Actor, status: str | None = None, chunk: int = 5000
) -> Iterator[OrderListing]:
    """Every order (oldest first) with its lines, streamed in chunks."""
    actor.require(Action.VIEW_ORDERS)
    if status is not None:
        order_status(status)
    last_id = 0
    with uow.reading() as session:
        while True:
            query = select(
                Order.id, Order.order_no, Order.shop, Order.status, Order.exception_reasons
            ).where(Order.id > last_id)
            if status:
                query = query.where(Order.status == status)
            heads = session.execute(query.order_by(Order.id).limit(chunk)).all()
            if not heads:
                return
            lines: dict[int, list[LineInfo]] = {}
            line_query = (
                select(
                    OrderLine.order_id,
                    OrderLine.sku_code,
                    func.coalesce(Sku.name, ""),
                    OrderLine.qty,
                    OrderLine.gift,
                )
                .outerjoin(Sku, Sku.id == OrderLine.sku_id)
                .where(OrderLine.order_id.in_([h.id for h in heads]))
                .order_by(OrderLine.id)
            )
            for order_id, sku, name, qty, gift in session.execute(line_query):
                lines.setdefault(order_id, []).append(LineInfo(sku, name, qty, gift))
            for h in heads:
                yield OrderListing(
                    h.order_no,
                    h.shop,
                    h.status,
                    lines.get(h.id, []),
                    om.reasons_from_json(h.exception_reasons),
                )
            last_id = heads[-1].id


@dataclass(frozen=True)
class OrderDetail:
    id: int
    order_no: str
    shop: str
    status: str
    ordered_at: dt.datetime
    paid: bool
    buyer_name: str
    phone: str
    province: str
    city: str
    district: str
    address: str
    carrier: str | None
    note: str
    priority: int
    exception_reasons: list[Message]
    lines: list[LineInfo]


def get_order(uow: UnitOfWork, actor: Actor, order_id: int) -> OrderDetail:
    """One order whole; the buyer's name, phone and street masked for someone who may not read
    buyers' personal data, unless it is the order they are packing now."""
    actor.require(Action.VIEW_ORDERS)
    with uow.reading() as session:
        order = session.get(Order, order_id)
        if order is None:
            raise NotFound(om.NOT_FOUND(id=order_id))
        buyers = actor.may(Action.VIEW_BUYERS) or _packing_it(session, actor, order.id)
        names: dict[int, str] = {
            sku_id: name
            for sku_id, name in session.execute(
                select(Sku.id, Sku.name).where(
                    Sku.id.in_([line.sku_id for line in order.lines if line.sku_id])
                )
            )
        }
        return OrderDetail(
            id=order.id,
            order_no=order.order_no,
            shop=order.shop,
            status=order.status,
            ordered_at=order.ordered_at,
            paid=order.paid,
            buyer_name=order.buyer_name if buyers else mask_name(order.buyer_name),
            phone=order.phone if buyers else mask_phone(order.phone),
            province=order.province,
            city=order.city,
            district=order.district,
            address=order.address if buyers else mask_address(order.address),
            carrier=order.carrier,
            note=order.note,
            priority=order.priority,
            exception_reasons=om.reasons_from_json(order.exception_reasons),
            lines=[
                LineInfo(
                    line.sku_code,
                    names.get(line.sku_id, "") if line.sku_id else "",
                    line.qty,
                    line.gift,
                )
                for line in order.lines
            ],
        )


def _packing_it(session: Session, actor: Actor, order_id: int) -> bool:
    """Whether *actor* holds the pack claim on the order (a packer sees whom they pack for)."""
    packer = session.scalar(select(PackClaim.packer).where(PackClaim.order_id == order_id))
    return packer == actor.name


#: What a supervisor may do to one order from the exception list / order screen.
ACTIONS: dict[str, Action] = {
    "back_to_review": Action.RESOLVE_EXCEPTION,  # exception → new (review again)
    "approve": Action.RESOLVE_EXCEPTION,  # exception → reviewed (checked by a person)
    "hold": Action.HOLD_ORDER,
    "release": Action.HOLD_ORDER,
    "cancel": Action.HOLD_ORDER,
    # the platform changed a picked order: the supervisor confirms, the station packs it again
    "accept_change": Action.RESOLVE_EXCEPTION,
}


def apply_action(uow: UnitOfWork, actor: Actor, order_ids: Sequence[int], action: str) -> int:
    """Apply one supervisor action to orders, all or nothing; returns how many changed."""
    if action not in ACTIONS:
        raise InvalidInput(om.UNKNOWN_ACTION(action=action))
    actor.require(ACTIONS[action])
    if action == "accept_change":
        return order_changes.accept(uow, actor, order_ids)
    if action in ("hold", "release", "cancel"):
        # What a cancel or a hold does to the stock and the work depends on the stage: one
        # rule (app.domain.cancellation), one service.  (Imported here: it imports this module.)
        from app.services import cancellation

        return len(cancellation.apply(uow, actor, order_ids, cancellation.Verb(action)))
    with uow:
        session = uow.session
        orders = session.scalars(select(Order).where(Order.id.in_(list(order_ids)))).all()
        if len(orders) != len(set(order_ids)):
            raise NotFound(om.SELECTION_GONE())
        if action in ("back_to_review", "approve"):
            # Only an exception is resolved; a new order goes through review like all others.
            for order in orders:
                if order.status != OrderStatus.EXCEPTION.value:
                    target = "new" if action == "back_to_review" else "reviewed"
                    raise IllegalTransition(order.order_no, order.status, target)
        changed = lifecycle.move_many(
            session, actor, orders, _TARGETS[action], action=f"order.{action}"
        )
        uow.commit()
    return len(changed)


#: Where each exception action moves an order (hold, release, cancel: services.cancellation).
_TARGETS: dict[str, lifecycle.Target] = {
    "back_to_review": OrderStatus.NEW,
    "approve": OrderStatus.REVIEWED,
}


def bulk_set_status(session: Any, updates: list[dict[str, Any]], expected: str) -> int:
    """Bulk status change, each row guarded by its expected current status so that an order
    another station changed meanwhile is left alone.  *updates*: dicts with keys
    oid, new_status, reasons, at.  Returns how many orders changed."""
    if not updates:
        return 0
    stmt = (
        update(Order)
        .where(Order.id == bindparam("oid"), Order.status == expected)
        .values(
            status=bindparam("new_status", type_=String),
            exception_reasons=bindparam("reasons", type_=JSON),
            updated_at=bindparam("at", type_=DateTime),
        )
    )
    result = session.connection().execute(stmt, updates)
    return int(result.rowcount)
