"""Cancel, hold or release orders at any stage (拦截): app.domain.cancellation decides, this
carries it out in one transaction, audited.

    results = apply(uow(), actor, [order_id], Verb.CANCEL)

Every order is locked (``FOR UPDATE`` on PostgreSQL; SQLite's writers are serialised by
``BEGIN IMMEDIATE``) before its position is read, so a picker or a packer working on it at the
same moment either finished first (the rule then sees what they did) or waits and is refused in
words.  The lots are locked in id order, as waves do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.db.models import (
    Intercept,
    Lot,
    Order,
    PackClaim,
    PackEventRecord,
    PackParcel,
    Parcel,
    PickTask,
    PutawayTask,
    Sku,
    VoidedTrackingNumber,
    Wave,
    WaveOrder,
    utcnow,
)
from app.db.uow import UnitOfWork, retried
from app.domain.cancellation import (
    InterceptKind,
    OrderPosition,
    ParcelState,
    Plan,
    TaskHolding,
    Verb,
    plan,
    plan_void,
)
from app.domain.errors import NotFound
from app.domain.orders import OrderStatus
from app.domain.packing import PackReset, event_to_dict
from app.domain.users import Action, Actor
from app.domain.waves import TaskStatus
from app.messages import Message
from app.messages import cancellation as cm
from app.messages import orders as om
from app.messages import sync as sync_msg
from app.messages.words import status_word
from app.services import audit, lifecycle
from app.services.central_only import require_central
from app.services.picking import finish_if_complete
from app.services.tabular import write_csv, write_whole

__all__ = [
    "InterceptRow",
    "Result",
    "Verb",
    "apply",
    "export_intercepts",
    "intercepted",
    "intercepts",
]


@dataclass(frozen=True)
class Released:
    sku: str
    lot: str
    qty: int


@dataclass(frozen=True)
class Result:
    """What one verb did to one order (the CLI's JSON)."""

    order_no: str
    status: str
    released: tuple[Released, ...] = ()
    putaway_tasks: int = 0
    intercept: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "order_no": self.order_no,
            "status": self.status,
            "released": [{"sku": r.sku, "lot": r.lot, "qty": r.qty} for r in self.released],
            "putaway_tasks": self.putaway_tasks,
            "intercept": self.intercept,
        }


def _position(session: Session, order: Order) -> OrderPosition:
    tasks = tuple(
        TaskHolding(t.id, t.lot_id, t.qty, t.picked_qty, t.status == TaskStatus.OPEN.value)
        for t in session.scalars(
            # A task whose line the platform replaced is history: its units were dealt with.
            select(PickTask)
            .where(PickTask.order_id == order.id, PickTask.order_line_id.is_not(None))
            .order_by(PickTask.id)
        )
    )
    intercepts = session.scalars(
        select(Intercept).where(Intercept.order_id == order.id, Intercept.status == "open")
    ).all()
    parcels = tuple(
        ParcelState(p.id, p.parcel_no, p.tracking_no, p.carrier)
        for p in session.scalars(
            select(Parcel).where(Parcel.order_id == order.id).order_by(Parcel.parcel_no)
        )
    )
    return OrderPosition(
        order.order_no,
        OrderStatus(order.status),
        OrderStatus(order.held_from) if order.held_from else None,
        tasks,
        parcels,
        units_at=_units_at(session, order),
        held_parcels=tuple(i.id for i in intercepts if i.reason == "held"),
        carrier_intercepted=any(i.kind == InterceptKind.CARRIER for i in intercepts),
        intercepted_here=tuple(
            i.id
            for i in intercepts
            if i.kind == InterceptKind.WAREHOUSE and i.reason == "cancelled"
        ),
    )


def _units_at(session: Session, order: Order) -> str | None:
    """Where the order's picked units are: the pack station holding it, else its tote/slot."""
    station = session.scalar(select(PackClaim.station).where(PackClaim.order_id == order.id))
    if station:
        return str(station)
    row = session.execute(
        select(Wave.code, WaveOrder.slot)
        .join(WaveOrder, WaveOrder.wave_id == Wave.id)
        .where(WaveOrder.order_id == order.id)
        .order_by(Wave.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    return f"{row[0]}/{row[1]}" if row[1] is not None else str(row[0])


def _lots(session: Session, ids: Iterable[int]) -> dict[int, Lot]:
    """The lots, locked in id order (one lock order for every station)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    query = select(Lot).where(Lot.id.in_(wanted)).order_by(Lot.id).with_for_update()
    return {lot.id: lot for lot in session.scalars(query)}


def _named(session: Session, lot_ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    rows = session.execute(
        select(Lot.id, Sku.code, Lot.lot_code)
        .join(Sku, Sku.id == Lot.sku_id)
        .where(Lot.id.in_(sorted(set(lot_ids))))
    )
    return {lot_id: (sku, code) for lot_id, sku, code in rows}


def _intercept(
    session: Session, actor: Actor, order: Order, plan_: Plan, parcels: dict[int, Parcel]
) -> None:
    reason = "held" if plan_.verb is Verb.HOLD else "cancelled"
    for parcel_id in plan_.intercept:
        parcel = parcels[parcel_id]
        session.add(
            Intercept(
                order_id=order.id,
                parcel_id=parcel.id,
                parcel_no=parcel.parcel_no,
                tracking_no=parcel.tracking_no,
                carrier=parcel.carrier,
                kind=(plan_.intercept_kind or InterceptKind.WAREHOUSE).value,
                reason=reason,
                status="open",
                created_at=utcnow(),
                created_by=actor.name,
            )
        )


def _void(
    session: Session, actor: Actor, order: Order, plan_: Plan, parcels: dict[int, Parcel]
) -> list[str]:
    voided = []
    for parcel_id in plan_.void:
        parcel = parcels[parcel_id]
        number = parcel.tracking_no
        if not number:
            continue
        session.add(
            VoidedTrackingNumber(
                tracking_no=number,
                carrier=parcel.carrier,
                order_id=order.id,
                parcel_no=parcel.parcel_no,
                voided_at=utcnow(),
                voided_by=actor.name,
            )
        )
        parcel.tracking_no = None
        voided.append(number)
    return voided


def _lift(session: Session, actor: Actor, plan_: Plan) -> None:
    """Close intercepts: a held parcel released ("lifted"), a cancelled one unpacked ("done")."""
    status = "done" if plan_.verb is Verb.UNPACK else "lifted"
    for intercept in session.scalars(select(Intercept).where(Intercept.id.in_(plan_.lift))):
        intercept.status, intercept.closed_at, intercept.closed_by = status, utcnow(), actor.name


def carry_out(session: Session, actor: Actor, order: Order, verb: Verb) -> Result:
    """*verb* on one order in the caller's transaction (the order row locked by the caller)."""
    position = _position(session, order)
    plan_ = plan(verb, position)
    lots = _lots(session, [r.lot_id for r in plan_.release])
    for r in plan_.release:
        lots[r.lot_id].allocated -= r.qty
    waves: set[int] = set()
    for task in session.scalars(select(PickTask).where(PickTask.id.in_(plan_.cancel_tasks))):
        task.status = TaskStatus.CANCELLED.value
        waves.add(task.wave_id)
    for task in session.scalars(select(PickTask).where(PickTask.id.in_(plan_.supersede))):
        task.order_line_id = None
    now = utcnow()
    for p in plan_.putaway:
        session.add(
            PutawayTask(
                order_id=order.id,
                lot_id=p.lot_id,
                qty=p.qty,
                units_at=plan_.units_at or "",
                status="open",
                created_at=now,
                created_by=actor.name,
            )
        )
    parcels = {p.id: p for p in session.scalars(select(Parcel).where(Parcel.order_id == order.id))}
    _intercept(session, actor, order, plan_, parcels)
    voided = _void(session, actor, order, plan_, parcels)
    _lift(session, actor, plan_)
    names = _named(session, [r.lot_id for r in (*plan_.release, *plan_.putaway)])
    released = tuple(Released(*names[r.lot_id], r.qty) for r in plan_.release)
    facts: dict[str, Any] = {
        "released": [{"sku": r.sku, "lot": r.lot, "qty": r.qty} for r in released],
        "cancelled_tasks": list(plan_.cancel_tasks),
        "putaway": [
            {"sku": names[p.lot_id][0], "lot": names[p.lot_id][1], "qty": p.qty}
            for p in plan_.putaway
        ],
        "intercept": [parcels[i].parcel_no for i in plan_.intercept],
        "voided": voided,
    }
    if verb is Verb.REVIEW_AGAIN:
        _start_packing_again(session, actor, order)
        if order.status == OrderStatus.ON_HOLD.value:
            order.held_from = OrderStatus.NEW.value  # released, it is reviewed again
    if plan_.target is None:
        audit.record(
            session,
            actor,
            f"order.{verb.value}",
            "order",
            order.order_no,
            {"status": order.status},
            {"status": order.status, **facts, "intercept_request": verb is Verb.CANCEL},
        )
    else:
        lifecycle.move(session, actor, order, plan_.target, action=f"order.{verb.value}", **facts)
    session.flush()
    for wave_id in sorted(waves):
        wave = session.get(Wave, wave_id)
        if wave is not None:
            finish_if_complete(session, actor, wave)
    if verb is Verb.RELEASE:
        _resume(session, actor, order)
    return Result(
        order.order_no,
        order.status,
        released,
        len(plan_.putaway),
        bool(plan_.intercept),
    )


def _start_packing_again(session: Session, actor: Actor, order: Order) -> None:
    """The order's lines are replaced: what was packed is undone (a reset event after the pack
    events, which stay as history) and the parcels' checks are forgotten — it is packed afresh
    once picked again.  A station holding it keeps its claim until the packer lets go, so that
    its scans are refused with what changed."""
    last = session.scalar(
        select(func.max(PackEventRecord.seq)).where(PackEventRecord.order_id == order.id)
    )
    if last is not None:
        reset = PackReset(int(last) + 1, actor.name)
        session.add(
            PackEventRecord(
                order_id=order.id,
                seq=reset.seq,
                kind="reset",
                data=event_to_dict(reset),
                by=actor.name,
                at=utcnow(),
            )
        )
    session.execute(delete(PackParcel).where(PackParcel.order_id == order.id))


def void_waybills(session: Session, actor: Actor, order: Order) -> list[str]:
    """Void the tracking numbers of the order's parcels not handed over — a waybill printed
    with an address the platform has since changed must not ship; the numbers are kept (audit,
    voided_tracking_numbers) and never bound again.  Returns the numbers voided."""
    parcels = {p.id: p for p in session.scalars(select(Parcel).where(Parcel.order_id == order.id))}
    return _void(session, actor, order, plan_void(_position(session, order)), parcels)


def _resume(session: Session, actor: Actor, order: Order) -> None:
    """A released order whose wave finished while it was held moves on to picked."""
    if order.status not in (OrderStatus.ALLOCATED.value, OrderStatus.PICKING.value):
        return
    statuses = set(session.scalars(select(PickTask.status).where(PickTask.order_id == order.id)))
    if not statuses or TaskStatus.OPEN.value in statuses:
        return
    if order.status == OrderStatus.ALLOCATED.value:
        lifecycle.move(session, actor, order, OrderStatus.PICKING)
    lifecycle.move(session, actor, order, OrderStatus.PICKED)


def apply(uow: UnitOfWork, actor: Actor, order_ids: Sequence[int], verb: Verb) -> list[Result]:
    """Cancel, hold or release orders, or unpack a cancelled order's intercepted parcels (a
    picker's job), all or nothing (CannotCancel, IllegalTransition: nothing changed); one result
    per order in id order."""
    actor.require(Action.PICK if verb is Verb.UNPACK else Action.HOLD_ORDER)
    uow = require_central(uow, sync_msg.WHAT_CANCEL())
    ids = sorted(set(order_ids))

    def once(u: UnitOfWork) -> list[Result]:
        with u:
            session = u.session
            orders = session.scalars(
                select(Order).where(Order.id.in_(ids)).order_by(Order.id).with_for_update()
            ).all()
            if len(orders) != len(ids):
                raise NotFound(om.SELECTION_GONE())
            results = [carry_out(session, actor, order, verb) for order in orders]
            u.commit()
        return results

    return retried(uow, once, f"order {verb.value}")


# --- intercepts for customer service and the handover -----------------------------------------


def intercepted(session: Session, tracking_no: str) -> Message | None:
    """Why a parcel scanned at the handover must be taken out (its order was cancelled or is on
    hold: an open warehouse intercept of that number), else None."""
    row = session.execute(
        select(Order.order_no, Order.status)
        .join(Intercept, Intercept.order_id == Order.id)
        .where(
            Intercept.tracking_no == tracking_no,
            Intercept.status == "open",
            Intercept.kind == InterceptKind.WAREHOUSE.value,
        )
        .limit(1)
    ).first()
    if row is None:
        return None
    return cm.TAKE_IT_OUT(order=row[0], status=status_word(row[1]), number=tracking_no)


@dataclass(frozen=True)
class InterceptRow:
    order_no: str
    shop: str
    kind: str
    reason: str
    carrier: str | None
    tracking_no: str | None
    parcel_no: int | None
    requested_at: dt.datetime
    requested_by: str

    def to_json(self) -> dict[str, Any]:
        return {
            "order_no": self.order_no,
            "shop": self.shop,
            "kind": self.kind,
            "reason": self.reason,
            "carrier": self.carrier,
            "tracking_no": self.tracking_no,
            "parcel": self.parcel_no,
            "requested_at": self.requested_at.isoformat(sep=" ", timespec="seconds"),
            "requested_by": self.requested_by,
        }


def intercepts(uow: UnitOfWork, actor: Actor) -> list[InterceptRow]:
    """Open intercepts, oldest first: parcels to take out at handover (warehouse) and the
    intercept requests customer service follows up with the carrier (carrier)."""
    actor.require(Action.VIEW_ORDERS)
    query = (
        select(
            Order.order_no,
            Order.shop,
            Intercept.kind,
            Intercept.reason,
            Intercept.carrier,
            Intercept.tracking_no,
            Intercept.parcel_no,
            Intercept.created_at,
            Intercept.created_by,
        )
        .join(Order, Order.id == Intercept.order_id)
        .where(Intercept.status == "open")
        .order_by(Intercept.id)
    )
    with uow.reading() as session:
        return [InterceptRow(*row) for row in session.execute(query)]


def export_intercepts(rows: Sequence[InterceptRow], path: Path) -> int:
    """The list as CSV (UTF-8 with a BOM: a spreadsheet reads the Chinese), whole or not at all."""
    values = ([row.to_json()[c] for c in INTERCEPT_COLUMNS] for row in rows)
    return write_whole(Path(path), lambda temp: write_csv(temp, INTERCEPT_COLUMNS, values))


INTERCEPT_COLUMNS = (
    "order_no",
    "shop",
    "kind",
    "reason",
    "carrier",
    "tracking_no",
    "parcel",
    "requested_at",
    "requested_by",
)
