"""Put-away (上架 / 还库): units picked for an order that was cancelled go back onto the lot they
came from.  app.services.cancellation makes the tasks; here they are listed in walking order
(the location's pick sequence) with their age, and confirmed — by scanning the lot's location,
then the item (the put-away station), or by a supervisor's word (the command line) — each one
a ``putaway`` stock move of +qty onto the lot in one transaction.

    for task in open_tasks(uow(), actor): ...
    check_location(uow(), task_id, "A-01-01-01"); check_item(uow(), task_id, scan.item)
    confirm(uow(), actor, task_id)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Location, Lot, Order, PutawayTask, Sku, StockMove, utcnow
from app.db.uow import UnitOfWork
from app.domain.errors import DomainError, NotFound
from app.domain.events import EventKind
from app.domain.scans import ItemScan
from app.domain.users import Action, Actor
from app.messages import cancellation as msg
from app.services import audit
from app.services.catalog import scanned_sku

__all__ = [
    "PutawayRefused",
    "PutawayView",
    "check_item",
    "check_location",
    "confirm",
    "open_tasks",
]


class PutawayRefused(DomainError):
    """A put-away scan that does not fit the task; nothing was recorded."""


@dataclass(frozen=True)
class PutawayView:
    task: int
    order_no: str
    sku: str
    name: str
    lot: str
    qty: int
    location: str
    units_at: str
    created_at: dt.datetime

    def age(self, now: dt.datetime) -> dt.timedelta:
        return now - self.created_at

    def to_json(self) -> dict[str, Any]:
        return {
            "task": self.task,
            "order_no": self.order_no,
            "sku": self.sku,
            "lot": self.lot,
            "qty": self.qty,
            "location": self.location,
            "created_at": self.created_at.isoformat(sep=" ", timespec="seconds"),
        }


def _query() -> Any:
    return (
        select(
            PutawayTask.id,
            Order.order_no,
            Sku.code,
            Sku.name,
            Lot.lot_code,
            PutawayTask.qty,
            Location.code,
            PutawayTask.units_at,
            PutawayTask.created_at,
        )
        .join(Order, Order.id == PutawayTask.order_id)
        .join(Lot, Lot.id == PutawayTask.lot_id)
        .join(Sku, Sku.id == Lot.sku_id)
        .join(Location, Location.id == Lot.location_id)
    )


def open_tasks(uow: UnitOfWork, actor: Actor) -> list[PutawayView]:
    """Open put-away tasks in walking order (pick sequence, location, then oldest)."""
    actor.require(Action.PICK)
    query = (
        _query()
        .where(PutawayTask.status == "open")
        .order_by(Location.pick_sequence, Location.code, PutawayTask.id)
    )
    with uow.reading() as session:
        return [PutawayView(*row) for row in session.execute(query)]


def task_view(uow: UnitOfWork, task_id: int) -> PutawayView:
    with uow.reading() as session:
        _open(session, task_id)
        row = session.execute(_query().where(PutawayTask.id == task_id)).one()
        return PutawayView(*row)


def _open(session: Session, task_id: int, *, lock: bool = False) -> PutawayTask:
    query = select(PutawayTask).where(PutawayTask.id == task_id)
    task = session.scalar(query.with_for_update() if lock else query)
    if task is None:
        raise NotFound(msg.PUTAWAY_NOT_FOUND(task=task_id))
    if task.status != "open":
        at = f"{task.done_at:%Y-%m-%d %H:%M}" if task.done_at else "?"
        raise PutawayRefused(msg.PUTAWAY_DONE_ALREADY(task=task_id, by=task.done_by or "?", at=at))
    return task


def check_location(uow: UnitOfWork, task_id: int, scanned: str) -> None:
    """The scanned location must be the one the lot lives at."""
    with uow.reading() as session:
        task = _open(session, task_id)
        code = session.scalar(
            select(Location.code)
            .join(Lot, Lot.location_id == Location.id)
            .where(Lot.id == task.lot_id)
        )
        if scanned.strip().upper() != code:
            raise PutawayRefused(
                msg.PUTAWAY_WRONG_LOCATION(
                    scanned=scanned.strip().upper(), task=task_id, location=code
                )
            )


def check_item(uow: UnitOfWork, task_id: int, scanned: ItemScan | str) -> None:
    """The scanned item must be the task's SKU (and lot, when the code carries one)."""
    item = ItemScan.of(scanned) if isinstance(scanned, str) else scanned
    with uow.reading() as session:
        task = _open(session, task_id)
        lot = session.get(Lot, task.lot_id)
        assert lot is not None
        sku = session.get(Sku, lot.sku_id)
        assert sku is not None
        wrong_lot = item.lot is not None and item.lot != lot.lot_code
        if scanned_sku(session, item) != sku.id or wrong_lot:
            raise PutawayRefused(
                msg.PUTAWAY_WRONG_ITEM(
                    scanned=item.raw.strip(), task=task_id, sku=sku.code, lot=lot.lot_code
                )
            )


def confirm(uow: UnitOfWork, actor: Actor, task_id: int) -> PutawayView:
    """The task's units are back on the shelf: a ``putaway`` stock move of +qty onto the lot,
    the lot's on-hand up by qty, the task done — one transaction, audited."""
    actor.require(Action.PICK)
    with uow:
        session = uow.session
        task = _open(session, task_id, lock=True)
        lot = session.scalar(select(Lot).where(Lot.id == task.lot_id).with_for_update())
        assert lot is not None
        now = utcnow()
        session.add(
            StockMove(
                at=now,
                kind="putaway",
                lot_id=lot.id,
                qty=task.qty,
                actor=actor.name,
                reason="put away: order cancelled",
                ref=f"putaway {task.id}",
            )
        )
        lot.on_hand += task.qty
        task.status, task.done_at, task.done_by = "done", now, actor.name
        session.flush()
        view = PutawayView(*session.execute(_query().where(PutawayTask.id == task.id)).one())
        audit.record(
            session,
            actor,
            "putaway.done",
            "putaway_task",
            task.id,
            {"status": "open"},
            {
                "status": "done",
                "order_no": view.order_no,
                "sku": view.sku,
                "lot": view.lot,
                "qty": view.qty,
                "location": view.location,
            },
        )
        uow.record(EventKind.PUTAWAY_CONFIRMED, {"task": task.id}, actor.name)
        uow.commit()
        return view
