"""Every order status change goes through here: load the lifecycle from the row, move it (the
domain's state machine refuses an illegal move and nothing changes), write it back, audit it.

    lifecycle.move(session, actor, order, OrderStatus.PACKED, station="PACK-01")
    lifecycle.move_many(session, actor, orders, OrderStatus.PICKED)   # one audit insert

The audit event is ``order.<target>`` (or *action*), with the status before and after and any
extra facts given as keywords.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy.orm import Session

from app.db.models import Order, utcnow
from app.domain.orders import OrderLifecycle, OrderStatus
from app.domain.users import Actor
from app.services import audit


def lifecycle_of(order: Order) -> OrderLifecycle:
    """The order's state machine as its row stands."""
    return OrderLifecycle(
        order.order_no,
        OrderStatus(order.status),
        OrderStatus(order.held_from) if order.held_from else None,
        list(order.exception_reasons or []),
    )


def _store(order: Order, life: OrderLifecycle) -> None:
    order.status = life.status.value
    order.held_from = life.held_from.value if life.held_from else None
    order.exception_reasons = list(life.exception_reasons)
    order.updated_at = utcnow()


def _change(order: Order, target: OrderStatus, reasons: Sequence[Any] | None) -> audit.Change:
    life = lifecycle_of(order)
    before = {"status": order.status}
    life.move_to(target, list(reasons) if reasons is not None else None)
    _store(order, life)
    after: dict[str, Any] = {"status": order.status}
    if life.status is OrderStatus.EXCEPTION:
        after["exception_reasons"] = list(order.exception_reasons or [])
    return audit.Change("order", order.order_no, before, after)


def move(
    session: Session,
    actor: Actor,
    order: Order,
    target: OrderStatus,
    *,
    reasons: Sequence[Any] | None = None,
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
    target: OrderStatus,
    *,
    action: str | None = None,
) -> list[str]:
    """Move many orders to *target* in one audit insert; returns their order numbers.  All or
    nothing: the first illegal move raises before the transaction commits."""
    changes = [_change(order, target, None) for order in orders]
    audit.record_many(session, actor, action or f"order.{target.value}", changes)
    return [c.entity_id for c in changes]
