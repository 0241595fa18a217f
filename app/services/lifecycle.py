"""Every order status change goes through here: load the lifecycle from the row, move it (the
domain's state machine refuses an illegal move and nothing changes), write it back, audit it.

    lifecycle.move(session, actor, order, OrderStatus.PACKED, station="PACK-01")
    lifecycle.move_many(session, actor, orders, OrderStatus.PICKED)   # one audit insert

The audit event is ``order.<target>`` (or *action*), with the status before and after and any
extra facts given as keywords.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy.orm import Session

from app.db.models import Order, utcnow
from app.domain.orders import OrderLifecycle, OrderStatus
from app.domain.users import Actor
from app.messages import Message
from app.messages.orders import reasons_from_json, reasons_to_json
from app.services import audit


def lifecycle_of(order: Order) -> OrderLifecycle:
    """The order's state machine as its row stands."""
    return OrderLifecycle(
        order.order_no,
        OrderStatus(order.status),
        OrderStatus(order.held_from) if order.held_from else None,
        reasons_from_json(order.exception_reasons),
    )


def _store(order: Order, life: OrderLifecycle) -> None:
    order.status = life.status.value
    order.held_from = life.held_from.value if life.held_from else None
    order.exception_reasons = reasons_to_json(life.exception_reasons)
    order.updated_at = utcnow()


#: where an order goes: a status, or a rule over its lifecycle (a release: back where it was)
Target = OrderStatus | Callable[[OrderLifecycle], OrderStatus]


def _change(order: Order, target: Target, reasons: Sequence[Message] | None) -> audit.Change:
    life = lifecycle_of(order)
    before: dict[str, Any] = {"status": order.status}
    if order.exception_reasons:
        before["exception_reasons"] = list(order.exception_reasons)
    life.move_to(
        target if isinstance(target, OrderStatus) else target(life),
        list(reasons) if reasons is not None else None,
    )
    _store(order, life)
    after: dict[str, Any] = {"status": order.status}
    if order.exception_reasons or "exception_reasons" in before:
        after["exception_reasons"] = list(order.exception_reasons or [])
    return audit.Change("order", order.order_no, before, after)


def move(
    session: Session,
    actor: Actor,
    order: Order,
    target: OrderStatus,
    *,
    reasons: Sequence[Message] | None = None,
    action: str | None = None,
    **info: object,
) -> None:
    """Move one order to *target* (IllegalTransition: nothing changed), audited."""
    change = _change(order, target, reasons)
    after = {**(change.after or {}), **info}
    audit.record(
        session,
        actor,
        action or f"order.{target.value}",
        "order",
        order.order_no,
        change.before,
        after,
    )


def move_many(
    session: Session,
    actor: Actor,
    orders: Iterable[Order],
    target: Target,
    *,
    action: str | None = None,
) -> list[str]:
    """Move many orders to *target* in one audit insert; returns their order numbers.  All or
    nothing: the first illegal move raises before the transaction commits."""
    changes = [_change(order, target, None) for order in orders]
    if action is None:
        assert isinstance(target, OrderStatus), "name the action of a computed move"
        action = f"order.{target.value}"
    audit.record_many(session, actor, action, changes)
    return [c.entity_id for c in changes]
