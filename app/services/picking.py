"""Picking: every confirmed pick writes a StockMove and takes the units off the lot's on-hand
and allocated together; when every task of a wave is picked or resolved, its orders are picked.

Scan-confirmed picking (the pick station: wave → location → item → quantity, short picks) and
the paper fallback (a supervisor confirms a printed pick list as picked as planned) both record
through `_pick`.  Scans arrive classified (``app.domain.scans``); a refused scan writes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import func, select

from app.db.models import (
    Location,
    Lot,
    Order,
    PickTask,
    Sku,
    StockMove,
    Wave,
    WaveOrder,
    utcnow,
)
from app.db.uow import UnitOfWork
from app.domain.allocation import DemandLine, DemandOrder, allocate
from app.domain.errors import DomainError, NotFound
from app.domain.events import EventKind
from app.domain.orders import OrderStatus
from app.domain.scans import ItemScan
from app.domain.users import Action, Actor
from app.domain.waves import TaskStatus, WaveStatus
from app.messages import cancellation as cm
from app.messages import orders as order_msg
from app.messages import picking as msg
from app.messages import sync as sync_msg
from app.messages import waves as wave_msg
from app.messages.words import task_word
from app.services import audit, counts, lifecycle
from app.services.catalog import scanned_sku
from app.services.central_only import require_central
from app.services.wave_tasks import (
    TaskView,
    WaveView,
    find_wave,
    load_wave,
    usable_lots,
    wave_view,
)

__all__ = [
    "ConfirmResult",
    "ScanRefused",
    "ShortResult",
    "TaskView",
    "WaveView",
    "check_item",
    "check_location",
    "confirm_pick",
    "confirm_wave",
    "declare_short",
    "finish_if_complete",
    "load_wave",
    "scanned_sku",
    "start_picking",
]


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
        raise DomainError(msg.CANNOT_PICK(qty=qty, of=task.qty, picked=task.picked_qty))
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
        task.status = TaskStatus.PICKED.value


def _finish_wave(session: Any, actor: Actor, wave: Wave) -> list[str]:
    """Orders of a fully picked wave: allocated → picking → picked (audited)."""
    orders = session.scalars(
        select(Order)
        .join(WaveOrder, WaveOrder.order_id == Order.id)
        .where(WaveOrder.wave_id == wave.id)
    ).all()
    allocated = [o for o in orders if o.status == OrderStatus.ALLOCATED.value]
    lifecycle.move_many(session, actor, allocated, OrderStatus.PICKING)
    # Cancelled or held meanwhile: not picked; a supervisor resolves it.
    picking = [o for o in orders if o.status == OrderStatus.PICKING.value]
    picked = lifecycle.move_many(session, actor, picking, OrderStatus.PICKED)
    wave.status = WaveStatus.DONE.value
    wave.finished_at = utcnow()
    return picked


def confirm_wave(uow: UnitOfWork, actor: Actor, wave_ref: str | int) -> ConfirmResult:
    """Paper fallback: every open task of the wave is picked exactly as planned."""
    actor.require(Action.CONFIRM_WAVE)
    with uow:
        session = uow.session
        wave = find_wave(session, wave_ref)
        if wave.status == WaveStatus.DONE:
            raise DomainError(wave_msg.ALREADY_DONE(wave=wave.code))
        # The wave's orders first (a cancel locks the order, then its lots), then the tasks.
        session.scalars(
            select(Order.id)
            .join(WaveOrder, WaveOrder.order_id == Order.id)
            .where(WaveOrder.wave_id == wave.id)
            .order_by(Order.id)
            .with_for_update(of=Order)
        ).all()
        tasks = session.scalars(
            select(PickTask)
            .where(PickTask.wave_id == wave.id, PickTask.status == TaskStatus.OPEN.value)
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
            {"status": WaveStatus.OPEN.value},
            {"status": WaveStatus.DONE.value, "tasks": len(tasks), "units": units, "by": "paper"},
        )
        uow.record(EventKind.WAVE_CONFIRMED, {"wave": wave.code}, actor.name)
        uow.commit()
        return ConfirmResult(wave.code, len(tasks), units, picked)


# --- scan-confirmed picking ---------------------------------------------------------------------


_M = TypeVar("_M")


def _get(session: Any, model: type[_M], key: int, task_id: int) -> _M:
    row = session.get(model, key)
    if row is None:
        raise NotFound(msg.TASK_DATA_GONE(task=task_id))
    return row  # type: ignore[no-any-return]


class ScanRefused(DomainError):
    """A scan that does not fit the current pick task; nothing was recorded."""


def start_picking(uow: UnitOfWork, actor: Actor, wave_ref: str | int) -> WaveView:
    """The picker scanned the wave barcode: its orders are now being picked."""
    actor.require(Action.PICK)
    with uow:
        session = uow.session
        wave = find_wave(session, wave_ref)
        if wave.status == WaveStatus.DONE:
            raise ScanRefused(wave_msg.ALREADY_PICKED(wave=wave.code))
        if wave.status == WaveStatus.OPEN:
            wave.status = WaveStatus.PICKING.value
            orders = session.scalars(
                select(Order)
                .join(WaveOrder, WaveOrder.order_id == Order.id)
                .where(WaveOrder.wave_id == wave.id, Order.status == OrderStatus.ALLOCATED.value)
            ).all()
            lifecycle.move_many(session, actor, orders, OrderStatus.PICKING)
            audit.record(
                session,
                actor,
                "wave.started",
                "wave",
                wave.code,
                {"status": WaveStatus.OPEN.value},
                {"status": WaveStatus.PICKING.value},
            )
            uow.record(EventKind.WAVE_STARTED, {"wave": wave.code}, actor.name)
        session.flush()
        view = wave_view(session, wave)
        uow.commit()
        return view


def _open_task(session: Any, task_id: int, *, lock: bool = False) -> tuple[PickTask, Lot, Wave]:
    """The task, refused in words unless it is open and its order may be picked.  *lock*
    (writes): the order is locked first and the task and lot read after it, so a cancel or a
    hold committed meanwhile is seen (the cancel locks the order too)."""
    task = session.get(PickTask, task_id)
    if task is None:
        raise NotFound(msg.TASK_NOT_FOUND(task=task_id))
    order = session.scalar(
        select(Order).where(Order.id == task.order_id).with_for_update(of=Order)
        if lock
        else select(Order).where(Order.id == task.order_id)
    )
    if lock:
        session.refresh(task)
    order_no = order.order_no if order is not None else "?"
    if task.status == TaskStatus.CANCELLED:
        raise ScanRefused(cm.PICK_CANCELLED(order=order_no))
    if task.status != TaskStatus.OPEN:
        raise ScanRefused(msg.TASK_ALREADY(status=task_word(task.status)))
    if order is not None and order.status == OrderStatus.ON_HOLD.value:
        raise ScanRefused(cm.PICK_ON_HOLD(order=order_no))
    locked = (
        session.scalar(
            select(Lot)
            .where(Lot.id == task.lot_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        if lock
        else None
    )
    return (
        task,
        locked if locked is not None else _get(session, Lot, task.lot_id, task_id),
        _get(session, Wave, task.wave_id, task_id),
    )


def check_location(uow: UnitOfWork, task_id: int, scanned: str) -> None:
    """The scanned location (its code) must be the task's."""
    with uow.reading() as session:
        _task, lot, _wave = _open_task(session, task_id)
        location = _get(session, Location, lot.location_id, task_id)
        code = scanned.strip().upper()
        if code != location.code:
            raise ScanRefused(msg.WRONG_LOCATION(scanned=code, location=location.code))


def check_item(uow: UnitOfWork, task_id: int, scanned: ItemScan | str) -> None:
    """The scanned item must be the task's SKU (and lot, when the code carries one)."""
    item = ItemScan.of(scanned) if isinstance(scanned, str) else scanned
    with uow.reading() as session:
        _task, lot, _wave = _open_task(session, task_id)
        want = _get(session, Sku, lot.sku_id, task_id)
        sku_id = scanned_sku(session, item)
        if sku_id is None:
            raise ScanRefused(msg.UNKNOWN_BARCODE(code=item.raw.strip()))
        if sku_id != want.id:
            got = _get(session, Sku, sku_id, task_id)
            raise ScanRefused(msg.WRONG_ITEM(sku=got.code, name=got.name, want=want.code))
        if item.lot is not None and item.lot != lot.lot_code:
            raise ScanRefused(msg.WRONG_LOT(lot=item.lot, want=lot.lot_code))


def confirm_pick(uow: UnitOfWork, actor: Actor, task_id: int, qty: int) -> WaveView:
    """qty units of the task are on the cart (one per scan, or a typed number for bulk)."""
    view = _confirm_pick(uow, actor, task_id, qty, with_view=True)
    assert view is not None
    return view


def record_pick(uow: UnitOfWork, actor: Actor, task_id: int, qty: int) -> None:
    """:func:`confirm_pick` without the wave's view for a screen (the central database
    applying a station's pick: half the work on a big wave)."""
    _confirm_pick(uow, actor, task_id, qty, with_view=False)


def _confirm_pick(
    uow: UnitOfWork, actor: Actor, task_id: int, qty: int, *, with_view: bool
) -> WaveView | None:
    actor.require(Action.PICK)
    with uow:
        session = uow.session
        task, lot, wave = _open_task(session, task_id, lock=True)
        remaining = task.qty - task.picked_qty
        if qty <= 0:
            raise ScanRefused(msg.BAD_QUANTITY())
        if qty > remaining:
            raise ScanRefused(msg.OVER_QUANTITY(remaining=remaining, qty=qty))
        _pick(session, actor, task, lot, qty, wave.code)
        session.flush()
        if task.status != TaskStatus.OPEN:  # else the wave still waits for this task
            finish_if_complete(session, actor, wave)
        view = wave_view(session, wave) if with_view else None
        uow.record(EventKind.PICK_CONFIRMED, {"task": task.id, "qty": qty}, actor.name)
        uow.commit()
        return view


@dataclass(frozen=True)
class ShortResult:
    wave: WaveView
    missing: int
    new_task: TaskView | None
    exception_order: str | None
    #: the spot count of the lot's location (its approval books the difference)
    count: str = ""


def declare_short(uow: UnitOfWork, actor: Actor, task_id: int, reason: str) -> ShortResult:
    """The rest of the task is not there.  The lot is set aside (nothing is allocated from it)
    and a spot count of its location is made for a supervisor — the count's approval corrects
    the on-hand, never the picker; the missing units are allocated from the next FIFO lot as a
    new task; when no stock is left, the order goes to exception."""
    actor.require(Action.PICK)
    uow = require_central(uow, sync_msg.WHAT_SHORT())
    reason = reason.strip()
    if not reason:
        raise ScanRefused(msg.SHORT_REASON_MISSING())
    with uow:
        session = uow.session
        task, lot, wave = _open_task(session, task_id, lock=True)
        missing = task.qty - task.picked_qty
        sku = _get(session, Sku, lot.sku_id, task_id)
        order = _get(session, Order, task.order_id, task_id)
        # Not an adjustment: what is on the shelf is counted first.  The lot is set aside (no
        # wave takes from it) and a spot count of its location goes to a supervisor; the
        # count's approval books the difference and frees the lot.
        lot.allocated -= missing
        lot.set_aside = True
        task.status = TaskStatus.SHORT.value
        session.flush()
        spot = counts.open_spot_count(
            session,
            actor,
            lot.location_id,
            f"short pick of {missing} × {sku.code} ({reason}), {wave.code}/task {task.id}",
        )
        audit.record(
            session,
            actor,
            "pick.short",
            "pick_task",
            task.id,
            {"lot": lot.lot_code, "missing": missing},
            {"reason": reason, "wave": wave.code, "order": order.order_no, "count": spot},
        )
        # Only an open task gets here, and an open task's line exists (a task whose line the
        # platform replaced was cancelled with it).
        assert task.order_line_id is not None
        today = dt.date.today()
        lots = [x for x in usable_lots(session, {sku.code}, None, today) if x.lot_id != lot.id]
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
                    status=TaskStatus.OPEN.value,
                    seq=next_seq + i,
                )
                session.add(new)
                new_lot = _get(session, Lot, take.lot_id, task_id)
                new_lot.allocated += take.qty
                session.flush()
                new_task_id = new_task_id or new.id
        else:
            exception_order = order.order_no
            _send_to_exception(session, actor, order, wave, sku.code, missing)
        session.flush()
        finish_if_complete(session, actor, wave)
        view = wave_view(session, wave)
        uow.commit()
    new_task = next((t for t in view.tasks if t.id == new_task_id), None)
    return ShortResult(view, missing, new_task, exception_order, spot)


def _send_to_exception(
    session: Any, actor: Actor, order: Order, wave: Wave, sku: str, missing: int
) -> None:
    """No stock left for a short pick: release the order's other open tasks, exception."""
    picked = 0
    for other in session.scalars(
        select(PickTask).where(PickTask.wave_id == wave.id, PickTask.order_id == order.id)
    ):
        picked += other.picked_qty
        if other.status == TaskStatus.OPEN:
            other_lot = _get(session, Lot, other.lot_id, other.id)
            other_lot.allocated -= other.qty - other.picked_qty
            other.status = TaskStatus.CANCELLED.value
    reason = (
        order_msg.SHORT_PICK_RETURNED(sku=sku, short=missing, picked=picked)
        if picked
        else order_msg.SHORT_PICK(sku=sku, short=missing)
    )
    lifecycle.move(session, actor, order, OrderStatus.EXCEPTION, reasons=[reason])


def finish_if_complete(session: Any, actor: Actor, wave: Wave) -> None:
    """When no task of the wave is open any more, its orders are picked (a cancel may be the
    last thing the wave waited for)."""
    still_open = session.scalar(
        select(func.count()).where(
            PickTask.wave_id == wave.id, PickTask.status == TaskStatus.OPEN.value
        )
    )
    if not still_open:
        _finish_wave(session, actor, wave)
        audit.record(
            session, actor, "wave.done", "wave", wave.code, None, {"status": WaveStatus.DONE.value}
        )
