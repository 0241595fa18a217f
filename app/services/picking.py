"""Picking: every confirmed pick writes a StockMove and takes the units off the lot's on-hand
and allocated together; when every task of a wave is picked or resolved, its orders are picked.

This release has the paper fallback (a supervisor confirms a printed pick list as picked as
planned); scan-confirmed picking builds on `_pick`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import func, select

from app.db.models import Location, Lot, Order, PickTask, Sku, StockMove, Wave, WaveOrder, utcnow
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
    wave: Wave | None
    if ref.isdigit():
        wave = session.get(Wave, int(ref))
    else:
        wave = session.scalar(select(Wave).where(Wave.code == ref.upper()))
    if wave is None:
        raise NotFound(f"no wave {ref}; see `packdesk wave list`")
    return wave


# --- scan-confirmed picking ---------------------------------------------------------------------


_M = TypeVar("_M")


def _get(session: Any, model: type[_M], key: int) -> _M:
    row = session.get(model, key)
    if row is None:
        raise NotFound(f"{model.__name__} {key} no longer exists; start again")
    return row  # type: ignore[no-any-return]


class ScanRefused(DomainError):
    """A scan that does not fit the current pick task; nothing was recorded."""


@dataclass(frozen=True)
class TaskView:
    id: int
    seq: int
    location: str
    sku: str
    name: str
    lot: str
    qty: int
    picked_qty: int
    status: str  # open, picked, short, cancelled
    order_no: str
    slot: int | None

    @property
    def remaining(self) -> int:
        return self.qty - self.picked_qty if self.status == "open" else 0


@dataclass(frozen=True)
class WaveView:
    id: int
    code: str
    status: str
    tasks: tuple[TaskView, ...]

    def next_task(self) -> TaskView | None:
        return next((t for t in self.tasks if t.status == "open"), None)

    @property
    def done(self) -> bool:
        return self.status == "done"


def load_wave(uow: UnitOfWork, wave_ref: str | int) -> WaveView:
    with uow.reading() as session:
        return wave_view(session, _find_wave(session, wave_ref))


def wave_view(session: Any, wave: Wave) -> WaveView:
    """The wave's tasks in walking order (for the pick screen and the printed pick list)."""
    rows = session.execute(
        select(
            PickTask.id,
            PickTask.seq,
            Location.code,
            Sku.code,
            Sku.name,
            Lot.lot_code,
            PickTask.qty,
            PickTask.picked_qty,
            PickTask.status,
            Order.order_no,
            WaveOrder.slot,
        )
        .join(Lot, Lot.id == PickTask.lot_id)
        .join(Location, Location.id == Lot.location_id)
        .join(Sku, Sku.id == Lot.sku_id)
        .join(Order, Order.id == PickTask.order_id)
        .join(
            WaveOrder,
            (WaveOrder.wave_id == PickTask.wave_id) & (WaveOrder.order_id == PickTask.order_id),
        )
        .where(PickTask.wave_id == wave.id)
        .order_by(PickTask.seq)
    ).all()
    return WaveView(wave.id, wave.code, wave.status, tuple(TaskView(*row) for row in rows))


def start_picking(uow: UnitOfWork, actor: Actor, wave_ref: str | int) -> WaveView:
    """The picker scanned the wave barcode: its orders are now being picked."""
    actor.require(Action.PICK)
    with uow:
        session = uow.session
        wave = _find_wave(session, wave_ref)
        if wave.status == "done":
            raise ScanRefused(f"wave {wave.code} is already picked")
        if wave.status == "open":
            wave.status = "picking"
            orders = session.scalars(
                select(Order)
                .join(WaveOrder, WaveOrder.order_id == Order.id)
                .where(WaveOrder.wave_id == wave.id, Order.status == OrderStatus.ALLOCATED.value)
            ).all()
            for order in orders:
                order.status = OrderStatus.PICKING.value
                order.updated_at = utcnow()
            audit.record_many(
                session,
                actor,
                "order.picking",
                [
                    audit.Change(
                        "order", o.order_no, {"status": "allocated"}, {"status": "picking"}
                    )
                    for o in orders
                ],
            )
            audit.record(
                session,
                actor,
                "wave.started",
                "wave",
                wave.code,
                {"status": "open"},
                {"status": "picking"},
            )
        session.flush()
        view = wave_view(session, wave)
        uow.commit()
        return view


def _open_task(session: Any, task_id: int) -> tuple[PickTask, Lot, Wave]:
    task = session.get(PickTask, task_id)
    if task is None:
        raise NotFound(f"pick task {task_id} not found")
    if task.status != "open":
        raise ScanRefused(f"this task is already {task.status}; go to the next one")
    return task, _get(session, Lot, task.lot_id), _get(session, Wave, task.wave_id)


def check_location(uow: UnitOfWork, task_id: int, scanned: str) -> None:
    with uow.reading() as session:
        _task, lot, _wave = _open_task(session, task_id)
        location = _get(session, Location, lot.location_id)
        code = scanned.strip().upper()
        if code != location.code:
            raise ScanRefused(f"wrong location: you scanned {code}; go to {location.code}")


def check_item(uow: UnitOfWork, task_id: int, scanned: str) -> None:
    """The scanned item must be the task's SKU (and lot, when the code carries one)."""
    from app.db.models import Barcode
    from app.domain.scans import parse_item_scan

    scan = parse_item_scan(scanned)
    with uow.reading() as session:
        _task, lot, _wave = _open_task(session, task_id)
        want = _get(session, Sku, lot.sku_id)
        sku_id = session.scalar(select(Barcode.sku_id).where(Barcode.lookup == scan.lookup))
        if sku_id is None:
            sku_id = session.scalar(select(Sku.id).where(Sku.code == scanned.strip()))
        if sku_id is None:
            raise ScanRefused(f"unknown barcode {scanned.strip()}: not on any SKU")
        if sku_id != want.id:
            got = _get(session, Sku, sku_id)
            raise ScanRefused(
                f"wrong item: you scanned {got.code} ({got.name}); this task is {want.code}"
            )
        if scan.lot is not None and scan.lot != lot.lot_code:
            raise ScanRefused(
                f"wrong lot: you scanned lot {scan.lot}; this task is lot {lot.lot_code}"
            )


def confirm_pick(uow: UnitOfWork, actor: Actor, task_id: int, qty: int) -> WaveView:
    """qty units of the task are on the cart (one per scan, or a typed number for bulk)."""
    actor.require(Action.PICK)
    with uow:
        session = uow.session
        task, lot, wave = _open_task(session, task_id)
        remaining = task.qty - task.picked_qty
        if qty <= 0:
            raise ScanRefused("the quantity must be at least 1")
        if qty > remaining:
            raise ScanRefused(f"over quantity: this task needs {remaining} more, not {qty}")
        _pick(session, actor, task, lot, qty, wave.code)
        session.flush()
        _finish_if_complete(session, actor, wave)
        view = wave_view(session, wave)
        uow.commit()
        return view


@dataclass(frozen=True)
class ShortResult:
    wave: WaveView
    missing: int
    new_task: TaskView | None
    exception_order: str | None


def declare_short(uow: UnitOfWork, actor: Actor, task_id: int, reason: str) -> ShortResult:
    """The rest of the task is not there.  The lot's on-hand is corrected (a stock move), and
    the missing units are allocated from the next FIFO lot as a new task; when no stock is left,
    the order goes to exception."""
    from app.domain.allocation import DemandLine, DemandOrder, allocate
    from app.services.waves import _usable_lots

    actor.require(Action.PICK)
    reason = reason.strip()
    if not reason:
        raise ScanRefused("say why the units are missing (e.g. empty location, damaged)")
    with uow:
        session = uow.session
        task, lot, wave = _open_task(session, task_id)
        missing = task.qty - task.picked_qty
        sku = _get(session, Sku, lot.sku_id)
        order = _get(session, Order, task.order_id)
        session.add(
            StockMove(
                at=utcnow(),
                kind="adjustment",
                lot_id=lot.id,
                qty=-missing,
                actor=actor.name,
                reason=f"short pick: {reason}",
                ref=f"{wave.code}/task {task.id}",
            )
        )
        lot.allocated -= missing
        lot.on_hand -= missing
        task.status = "short"
        session.flush()
        audit.record(
            session,
            actor,
            "pick.short",
            "pick_task",
            task.id,
            {"lot": lot.lot_code, "missing": missing},
            {"reason": reason, "wave": wave.code, "order": order.order_no},
        )
        today = dt.date.today()
        lots = [x for x in _usable_lots(session, {sku.code}, None, today) if x.lot_id != lot.id]
        demand = DemandOrder(
            order.id,
            order.order_no,
            order.priority,
            order.ordered_at,
            (DemandLine(task.order_line_id, sku.code, missing),),
        )
        result = allocate(
            [demand], lots, today, frozenset({sku.code}) if sku.pick_rule == "fefo" else frozenset()
        )
        new_task_id: int | None = None
        exception_order: str | None = None
        if result.takes:
            next_seq = (
                session.scalar(select(func.max(PickTask.seq)).where(PickTask.wave_id == wave.id))
                or 0
            )
            for i, take in enumerate(result.takes, start=1):
                new = PickTask(
                    wave_id=wave.id,
                    order_id=order.id,
                    order_line_id=task.order_line_id,
                    lot_id=take.lot_id,
                    qty=take.qty,
                    picked_qty=0,
                    status="open",
                    seq=next_seq + i,
                )
                session.add(new)
                new_lot = _get(session, Lot, take.lot_id)
                new_lot.allocated += take.qty
                session.flush()
                new_task_id = new_task_id or new.id
        else:
            exception_order = order.order_no
            _send_to_exception(session, actor, order, wave, sku.code, missing)
        session.flush()
        _finish_if_complete(session, actor, wave)
        view = wave_view(session, wave)
        uow.commit()
    new_task = next((t for t in view.tasks if t.id == new_task_id), None)
    return ShortResult(view, missing, new_task, exception_order)


def _send_to_exception(
    session: Any, actor: Actor, order: Order, wave: Wave, sku: str, missing: int
) -> None:
    """No stock left for a short pick: release the order's other open tasks, exception."""
    picked = 0
    for other in session.scalars(
        select(PickTask).where(PickTask.wave_id == wave.id, PickTask.order_id == order.id)
    ):
        picked += other.picked_qty
        if other.status == "open":
            other_lot = _get(session, Lot, other.lot_id)
            other_lot.allocated -= other.qty - other.picked_qty
            other.status = "cancelled"
    from app.messages import orders as om

    reason = (
        om.SHORT_PICK_RETURNED(sku=sku, short=missing, picked=picked)
        if picked
        else om.SHORT_PICK(sku=sku, short=missing)
    )
    life = OrderLifecycle(order.order_no, OrderStatus(order.status))
    before = order.status
    life.move_to(OrderStatus.EXCEPTION, [reason])
    order.status = life.status.value
    order.exception_reasons = om.reasons_to_json(life.exception_reasons)
    order.updated_at = utcnow()
    audit.record(
        session,
        actor,
        "order.exception",
        "order",
        order.order_no,
        {"status": before},
        {"status": order.status, "exception_reasons": order.exception_reasons},
    )


def _finish_if_complete(session: Any, actor: Actor, wave: Wave) -> None:
    still_open = session.scalar(
        select(func.count()).where(PickTask.wave_id == wave.id, PickTask.status == "open")
    )
    if not still_open:
        _finish_wave(session, actor, wave)
        audit.record(session, actor, "wave.done", "wave", wave.code, None, {"status": "done"})
