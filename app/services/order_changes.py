"""Orders the platform sent again, different: carried out in the import's transaction.

The import hands over every order of the file already in the database; each is compared with
the stored one (app.domain.order_changes.compare) and, when different, dealt with as
:func:`app.domain.order_changes.change_step` says for the stage the order is at — updated and
reviewed again, cancelled, flagged *changed since picking*, or recorded for customer service.
Every change is audited with what it was before and after (``order.changed_by_platform``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import RowMapping, select
from sqlalchemy.orm import Session

from app.db.models import Order, OrderLine, utcnow
from app.db.uow import UnitOfWork
from app.domain.cancellation import Verb
from app.domain.errors import NotFound
from app.domain.order_changes import (
    ADDRESS_FIELDS,
    ChangeStep,
    FieldChange,
    OrderChange,
    OrderFacts,
    PlatformStatus,
    change_step,
    compare,
)
from app.domain.orders import OrderStatus
from app.domain.users import Action, Actor
from app.messages import orders as om
from app.services import audit, cancellation, lifecycle

#: Orders read per query while comparing.
CHUNK = 500

S = OrderStatus


@dataclass(frozen=True)
class Incoming:
    """One order of the file that is already in the database."""

    shop: str
    order_no: str
    facts: OrderFacts
    platform: PlatformStatus | None = None


def apply(
    session: Session,
    actor: Actor,
    incoming: Sequence[Incoming],
    skus: Mapping[str, tuple[int, bool]],
    *,
    now: dt.datetime | None = None,
) -> int:
    """Compare each incoming order with the stored one and deal with the differences; returns
    how many orders changed.  Runs in the caller's transaction (all or nothing)."""
    by_key = {(i.shop, i.order_no): i for i in incoming}
    numbers = sorted({no for _shop, no in by_key})
    at = now or utcnow()
    changed = 0
    for start in range(0, len(numbers), CHUNK):
        chunk = numbers[start : start + CHUNK]
        heads = [
            h
            for h in session.execute(
                select(
                    Order.id,
                    Order.shop,
                    Order.order_no,
                    Order.status,
                    Order.held_from,
                    Order.paid,
                    *(getattr(Order, name) for name in ADDRESS_FIELDS),
                ).where(Order.order_no.in_(chunk))
            )
            if (h.shop, h.order_no) in by_key
        ]
        lines: dict[int, list[tuple[str, int, bool]]] = {}
        line_rows = select(OrderLine.order_id, OrderLine.sku_code, OrderLine.qty, OrderLine.gift)
        for order_id, sku, qty, gift in session.execute(
            line_rows.where(OrderLine.order_id.in_([h.id for h in heads]))
        ):
            lines.setdefault(order_id, []).append((sku, qty, gift))
        for h in heads:
            new = by_key[(h.shop, h.order_no)]
            stored = OrderFacts.of(_reader(h._mapping), bool(h.paid), lines.get(h.id, []))
            change = compare(stored, new.facts, new.platform)
            if change is None:
                continue
            held = S(h.held_from) if h.held_from else None
            step = change_step(change, S(h.status), held)
            if step is ChangeStep.NOTHING:
                continue
            order = session.get(Order, h.id, with_for_update=True)
            assert order is not None
            before = _snapshot(order)
            _carry_out(session, actor, order, step, change, new, skus, at)
            audit.record(
                session,
                actor,
                "order.changed_by_platform",
                "order",
                order.order_no,
                before,
                {
                    **_snapshot(order),
                    "step": step.value,
                    "changes": [c.to_json() for c in describe(change)],
                },
            )
            changed += 1
    return changed


def _reader(row: RowMapping) -> Callable[[str], str]:
    return lambda name: str(row[name])


def describe(change: OrderChange) -> list[FieldChange]:
    """Each change as old → new: the buyer's fields, the lines, payment, a cancellation."""
    said = list(change.fields)
    if change.lines_changed:
        said.append(FieldChange("lines", _lines(change.old_lines), _lines(change.new_lines)))
    if change.cancelled is not None:
        said.append(FieldChange("status", "paid", change.cancelled.value))
    return said


def _lines(lines: Sequence[tuple[str, int, bool]]) -> str:
    return ", ".join(f"{sku}×{qty}" + (" (gift)" if gift else "") for sku, qty, gift in lines)


def _snapshot(order: Order) -> dict[str, Any]:
    return {
        "status": order.status,
        **{name: getattr(order, name) for name in ADDRESS_FIELDS},
        "paid": order.paid,
        "lines": _lines([(line.sku_code, line.qty, line.gift) for line in order.lines]),
    }


def _set_buyer(order: Order, facts: OrderFacts) -> None:
    for name in ADDRESS_FIELDS:
        setattr(order, name, getattr(facts, name))
    order.paid = facts.paid


def _set_lines(order: Order, facts: OrderFacts, skus: Mapping[str, tuple[int, bool]]) -> None:
    order.lines.clear()
    for sku, qty, gift in facts.lines:
        order.lines.append(
            OrderLine(
                sku_code=sku, sku_id=skus[sku][0] if sku in skus else None, qty=qty, gift=gift
            )
        )


def _carry_out(
    session: Session,
    actor: Actor,
    order: Order,
    step: ChangeStep,
    change: OrderChange,
    new: Incoming,
    skus: Mapping[str, tuple[int, bool]],
    at: dt.datetime,
) -> None:
    """Do what *step* says with the platform's *change* to *order*."""
    if step is ChangeStep.CANCEL:
        # The cancellation rule releases its stock and work at whatever stage it is (picked
        # units to put away, parcels intercepted).
        cancellation.carry_out(session, actor, order, Verb.CANCEL)
    elif step is ChangeStep.RELEASE_AND_REVIEW or (
        step is ChangeStep.UPDATE_AND_REVIEW and change.lines_changed
    ):
        # Lines changed: the old lines' work is undone as a cancel would (stock released,
        # picked units put away, waybills voided; nothing for an order not yet allocated) and
        # the order, with its new lines, goes back to review.  A pack station holding it turns
        # red with what changed.
        cancellation.carry_out(session, actor, order, Verb.REVIEW_AGAIN)
        _set_buyer(order, new.facts)
        _set_lines(order, new.facts, skus)
        order.changed_at = None
        order.changes = (
            [c.to_json() for c in describe(change)]
            if step is ChangeStep.RELEASE_AND_REVIEW
            else None
        )
        order.updated_at = at
    elif step is ChangeStep.UPDATE_AND_REVIEW:
        # Before allocation, the buyer or payment changed: the order takes the platform's
        # values and is reviewed again.
        _set_buyer(order, new.facts)
        order.updated_at = at
        status = S(order.status)
        if status is S.ON_HOLD:
            order.held_from = S.NEW.value  # released, it is reviewed again
        elif status in (S.REVIEWED, S.EXCEPTION):
            lifecycle.move(session, actor, order, S.NEW, action="order.back_to_review")
    elif step is ChangeStep.FLAG:
        # Allocated or later: the order keeps its stock and ships to the new address, but the
        # pack station blocks it with what changed until a supervisor confirms.
        _set_buyer(order, new.facts)
        order.changed_at = at
        order.changes = [*(order.changes or []), *(c.to_json() for c in describe(change))]
        order.updated_at = at
        # A waybill printed with the old address must not leave: its number is voided (the
        # handover refuses it) and the parcel's next waybill prints with the new address.
        cancellation.void_waybills(session, actor, order)
    # RECORD (shipped or later): nothing changes in the warehouse; the audit says what came.


def accept(uow: UnitOfWork, actor: Actor, order_ids: Sequence[int]) -> int:
    """A supervisor confirms the platform's change of orders already picked: the pack station
    packs them again (to the new address).  Returns how many were waiting for it."""
    actor.require(Action.RESOLVE_EXCEPTION)
    with uow:
        session = uow.session
        orders = session.scalars(
            select(Order).where(Order.id.in_(list(order_ids))).with_for_update()
        ).all()
        if len(orders) != len(set(order_ids)):
            raise NotFound(om.SELECTION_GONE())
        accepted = 0
        for order in orders:
            if order.changed_at is None:
                continue
            audit.record(
                session,
                actor,
                "order.change_accepted",
                "order",
                order.order_no,
                {"changed_at": order.changed_at.isoformat(), "changes": order.changes},
                {"changed_at": None},
            )
            order.changed_at = None
            order.updated_at = utcnow()
            accepted += 1
        uow.commit()
    return accepted
