"""Picking: every confirmed pick writes a StockMove and takes the units off the lot's on-hand
and allocated together; when every task of a wave is picked or resolved, its orders are picked.

This release has the paper fallback (a supervisor confirms a printed pick list as picked as
planned); scan-confirmed picking builds on `_pick`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.db.models import Lot, Order, PickTask, StockMove, Wave, WaveOrder, utcnow
from app.db.uow import UnitOfWork
from app.domain.errors import DomainError, NotFound
from app.domain.orders import OrderLifecycle, OrderStatus
from app.domain.users import Action, Actor
from app.services import audit


@dataclass(frozen=True)
class ConfirmResult:
    wave: str
    tasks: int
    units: int
    orders: list[str]

    def to_json(self) -> dict[str, Any]:
        return {"wave": self.wave, "tasks": self.tasks, "units": self.units, "orders": self.orders}


def _pick(session: Any, actor: Actor, task: PickTask, lot: Lot, qty: int, wave_code: str) -> None:
    """Record qty picked for a task: ledger move, lot on-hand and allocated, task progress."""
    if qty <= 0 or task.picked_qty + qty > task.qty:
        raise DomainError(f"cannot pick {qty} for a task of {task.qty} ({task.picked_qty} picked)")
    session.add(
        StockMove(
            at=utcnow(),
            kind="pick",
            lot_id=lot.id,
            qty=-qty,
            actor=actor.name,
            reason="picked",
            ref=f"{wave_code}/task {task.id}",
        )
    )
    lot.on_hand -= qty
    lot.allocated -= qty
    task.picked_qty += qty
    if task.picked_qty == task.qty:
        task.status = "picked"


def _finish_wave(session: Any, actor: Actor, wave: Wave) -> list[str]:
    """Orders of a fully picked wave: allocated → picking → picked (audited)."""
    orders = session.scalars(
        select(Order)
        .join(WaveOrder, WaveOrder.order_id == Order.id)
        .where(WaveOrder.wave_id == wave.id)
    ).all()
    changes = []
    for order in orders:
        life = OrderLifecycle(order.order_no, OrderStatus(order.status))
        if life.status is OrderStatus.ALLOCATED:
            life.move_to(OrderStatus.PICKING)
        if life.status is not OrderStatus.PICKING:
            continue  # e.g. cancelled or held meanwhile: a supervisor resolves it
        life.move_to(OrderStatus.PICKED)
        changes.append(
            audit.Change("order", order.order_no, {"status": order.status}, {"status": "picked"})
        )
        order.status = life.status.value
        order.updated_at = utcnow()
    wave.status = "done"
    wave.finished_at = utcnow()
    audit.record_many(session, actor, "order.picked", changes)
    return [c.entity_id for c in changes]


def confirm_wave(uow: UnitOfWork, actor: Actor, wave_ref: str | int) -> ConfirmResult:
    """Paper fallback: every open task of the wave is picked exactly as planned."""
    actor.require(Action.CONFIRM_WAVE)
    with uow:
        session = uow.session
        wave = _find_wave(session, wave_ref)
        if wave.status == "done":
            raise DomainError(f"wave {wave.code} is already done")
        tasks = session.scalars(
            select(PickTask)
            .where(PickTask.wave_id == wave.id, PickTask.status == "open")
            .order_by(PickTask.seq)
        ).all()
        lots = {
            lot.id: lot
            for lot in session.scalars(
                select(Lot).where(Lot.id.in_({t.lot_id for t in tasks})).with_for_update()
            )
        }
        units = 0
        for task in tasks:
            qty = task.qty - task.picked_qty
            _pick(session, actor, task, lots[task.lot_id], qty, wave.code)
            units += qty
        session.flush()
        picked = _finish_wave(session, actor, wave)
        audit.record(
            session,
            actor,
            "wave.confirmed",
            "wave",
            wave.code,
            {"status": "open"},
            {"status": "done", "tasks": len(tasks), "units": units, "by": "paper"},
        )
        uow.commit()
        return ConfirmResult(wave.code, len(tasks), units, picked)


def _find_wave(session: Any, wave_ref: str | int) -> Wave:
    ref = str(wave_ref).strip()
    query = select(Wave).where(Wave.code == ref.upper()) if not ref.isdigit() else None
    wave = session.scalar(query) if query is not None else session.get(Wave, int(ref))
    if wave is None:
        raise NotFound(f"no wave {ref}; see `packdesk wave list`")
    return wave  # type: ignore[no-any-return]
