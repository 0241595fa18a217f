"""Pick waves (波次): allocate reviewed orders FIFO and turn them into pick tasks.

One transaction per wave.  On SQLite the write transaction starts with BEGIN IMMEDIATE, so two
stations creating waves at once run one after the other; on PostgreSQL the candidate orders and
the lots are read FOR UPDATE SKIP LOCKED, so two stations never promise the same units or take
the same order, and the database CHECK (allocated ≤ on_hand) stops anything that slips through.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import String, bindparam, func, insert, select, update

from app.db.models import (
    Lot,
    Order,
    OrderLine,
    PickTask,
    ShopSettings,
    Sku,
    Wave,
    WaveOrder,
    table_of,
    utcnow,
)
from app.db.uow import UnitOfWork, retried
from app.domain.allocation import (
    DemandLine,
    DemandOrder,
    StockLot,
    StockPool,
    allocate_from,
    path_key,
)
from app.domain.errors import DomainError, InvalidInput
from app.domain.orders import OrderStatus
from app.domain.users import Action, Actor
from app.domain.waves import TaskStatus, WaveKind, WaveStatus
from app.messages import Message
from app.messages import sync as sync_msg
from app.messages import waves as msg
from app.services import audit
from app.services.central_only import require_central
from app.services.wave_tasks import usable_lots, wave_view

__all__ = ["WaveKind", "create_wave", "list_waves", "pick_list"]


@dataclass(frozen=True)
class TaskInfo:
    location: str
    sku: str
    lot: str
    qty: int
    order_no: str
    slot: int | None

    def to_json(self) -> dict[str, Any]:
        return {
            "location": self.location,
            "sku": self.sku,
            "lot": self.lot,
            "qty": self.qty,
            "order_no": self.order_no,
            "slot": self.slot,
        }


@dataclass
class WaveResult:
    wave_id: int | None
    code: str | None
    orders: list[str] = field(default_factory=list)
    tasks: list[TaskInfo] = field(default_factory=list)
    unallocated: list[tuple[str, Message]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "wave": self.wave_id,
            "code": self.code,
            "orders": self.orders,
            "tasks": [t.to_json() for t in self.tasks],
            "unallocated": [{"order_no": o, "reason": r.english()} for o, r in self.unallocated],
        }


def wave_code(wave_id: int) -> str:
    return f"W{wave_id:06d}"


def _is_single(lines: Sequence[DemandLine]) -> bool:
    return len(lines) == 1 and lines[0].qty == 1


CHUNK = 2000


def create_wave(
    uow: UnitOfWork,
    actor: Actor,
    *,
    max_orders: int | None = None,
    zone: str | None = None,
    carrier: str | None = None,
    kind: WaveKind | str = WaveKind.MIXED,
    today: dt.date | None = None,
) -> WaveResult:
    """Allocate up to *max_orders* reviewed orders (priority, then oldest) into one new wave."""
    actor.require(Action.CREATE_WAVE)
    uow = require_central(uow, sync_msg.WHAT_WAVE())
    kind = WaveKind(kind)
    if max_orders is not None and max_orders <= 0:
        raise InvalidInput(msg.MAX_ORDERS_POSITIVE())
    today = today or dt.date.today()

    def once(u: UnitOfWork) -> WaveResult:
        with _gc_paused():
            return _create_wave_once(u, actor, max_orders, zone, carrier, kind, today)

    return retried(uow, once, "wave creation")


@contextmanager
def _gc_paused() -> Iterator[None]:
    """A wave makes tens of thousands of short-lived objects and no reference cycles; the cyclic
    collector's full passes over them cost a third of the time (measured in bench/)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _create_wave_once(
    uow: UnitOfWork,
    actor: Actor,
    max_orders: int | None,
    zone: str | None,
    carrier: str | None,
    kind: WaveKind,
    today: dt.date,
) -> WaveResult:
    with uow:
        session = uow.session
        head_query = (
            select(Order.id, Order.order_no, Order.shop, Order.priority, Order.ordered_at)
            .where(Order.status == OrderStatus.REVIEWED.value)
            .order_by(Order.priority.desc(), Order.ordered_at, Order.id)
        )
        if carrier:
            head_query = head_query.where(Order.carrier == carrier)
        heads = session.execute(head_query).all()
        partial_shops = set(
            session.scalars(select(ShopSettings.shop).where(ShopSettings.allow_partial.is_(True)))
        )
        fefo_skus = frozenset(session.scalars(select(Sku.code).where(Sku.pick_rule == "fefo")))

        allocated: list[int] = []
        waiting: dict[int, Message] = {}
        takes_all = []
        lots_seen: dict[int, StockLot] = {}
        pool = StockPool(today, fefo_skus)
        skus_read: set[str] = set()
        order_nos = {h.id: h.order_no for h in heads}
        demand_by_order: dict[int, DemandOrder] = {}
        start = 0
        while start < len(heads):
            if max_orders is not None and len(allocated) >= max_orders:
                break
            size = (
                CHUNK
                if max_orders is None
                else min(CHUNK, max(10, 2 * (max_orders - len(allocated))))
            )
            chunk = heads[start : start + size]
            start += size
            # Lock just this chunk; orders another station holds right now are skipped (SQLite
            # ignores the lock and relies on BEGIN IMMEDIATE instead).
            mine = set(
                session.scalars(
                    select(Order.id)
                    .where(
                        Order.id.in_([h.id for h in chunk]),
                        Order.status == OrderStatus.REVIEWED.value,
                    )
                    .with_for_update(skip_locked=True)
                )
            )
            chunk = [h for h in chunk if h.id in mine]
            lines: dict[int, list[DemandLine]] = {}
            for order_id, line_id, sku, qty in session.execute(
                select(OrderLine.order_id, OrderLine.id, OrderLine.sku_code, OrderLine.qty)
                .where(OrderLine.order_id.in_([h.id for h in chunk]))
                .order_by(OrderLine.id)
            ):
                lines.setdefault(order_id, []).append(DemandLine(line_id, sku, qty))
            demands = []
            for h in chunk:
                order_lines = tuple(lines.get(h.id, ()))
                if not order_lines:
                    continue
                single = _is_single(order_lines)
                if (kind is WaveKind.SINGLE and not single) or (kind is WaveKind.MULTI and single):
                    continue
                demand = DemandOrder(
                    h.id,
                    h.order_no,
                    h.priority,
                    h.ordered_at,
                    order_lines,
                    allow_partial=h.shop in partial_shops,
                )
                demands.append(demand)
                demand_by_order[h.id] = demand
            new_skus = {line.sku for d in demands for line in d.lines} - skus_read
            if new_skus:
                new_lots = usable_lots(session, new_skus, zone, today)
                lots_seen.update((lot.lot_id, lot) for lot in new_lots)
                pool.add(new_lots)
                skus_read |= new_skus
            remaining = None if max_orders is None else max_orders - len(allocated)
            result = allocate_from(pool, demands, remaining)
            takes_all.extend(result.takes)
            allocated.extend(result.allocated_orders)
            waiting.update(result.waiting)

        if not allocated:
            _record_waiting(session, waiting)
            uow.commit()
            return WaveResult(
                None, None, unallocated=[(order_nos[o], r) for o, r in waiting.items()]
            )

        wave = Wave(
            code="",
            status=WaveStatus.OPEN.value,
            kind=kind.value,
            zone=zone,
            carrier=carrier,
            created_by=actor.name,
        )
        session.add(wave)
        session.flush()
        wave.code = wave_code(wave.id)

        slots: dict[int, int | None] = {}
        next_slot = 1
        for order_id in allocated:
            # Single-item waves are packed straight from the cart; in any other wave every
            # order has its slot, so that each unit on the pick list says where it goes.
            if kind is WaveKind.SINGLE:
                slots[order_id] = None
            else:
                slots[order_id] = next_slot
                next_slot += 1
        session.execute(
            insert(table_of(WaveOrder)),
            [{"wave_id": wave.id, "order_id": o, "slot": slots[o]} for o in allocated],
        )
        walk = {loc: path_key(loc) for loc in {lots_seen[t.lot_id].location for t in takes_all}}
        ordered_takes = sorted(
            takes_all,
            key=lambda t: (
                walk[lots_seen[t.lot_id].location],
                lots_seen[t.lot_id].sku,
                lots_seen[t.lot_id].lot_code,
                slots[t.order_id] or 0,
                t.order_id,
            ),
        )
        session.execute(
            insert(table_of(PickTask)),
            [
                {
                    "wave_id": wave.id,
                    "order_id": t.order_id,
                    "order_line_id": t.line_id,
                    "lot_id": t.lot_id,
                    "qty": t.qty,
                    "picked_qty": 0,
                    "status": TaskStatus.OPEN.value,
                    "seq": i,
                }
                for i, t in enumerate(ordered_takes, start=1)
            ],
        )
        per_lot: dict[int, int] = {}
        for t in takes_all:
            per_lot[t.lot_id] = per_lot.get(t.lot_id, 0) + t.qty
        session.connection().execute(
            update(Lot)
            .where(Lot.id == bindparam("lid"))
            .values(allocated=Lot.allocated + bindparam("n")),
            [{"lid": lot_id, "n": n} for lot_id, n in per_lot.items()],
        )
        now = utcnow()
        changed = session.connection().execute(
            update(Order)
            .where(Order.id == bindparam("oid"), Order.status == OrderStatus.REVIEWED.value)
            .values(
                status=OrderStatus.ALLOCATED.value,
                waiting_reason=bindparam("why", type_=String),
                updated_at=now,
            ),
            [{"oid": o, "why": _english(waiting.get(o))} for o in allocated],
        )
        if changed.rowcount != len(allocated):
            raise DomainError(msg.CHANGED_MEANWHILE())
        allocated_set = set(allocated)
        _record_waiting(session, {o: r for o, r in waiting.items() if o not in allocated_set})
        audit.record(
            session,
            actor,
            "wave.created",
            "wave",
            wave.code,
            None,
            {"orders": len(allocated), "tasks": len(takes_all), "kind": kind.value},
        )
        audit.record_many(
            session,
            actor,
            "order.allocated",
            [
                audit.Change(
                    "order",
                    order_nos[o],
                    {"status": OrderStatus.REVIEWED.value},
                    {"status": OrderStatus.ALLOCATED.value, "wave": wave.code},
                )
                for o in allocated
            ],
        )
        uow.commit()
        return WaveResult(
            wave.id,
            wave.code,
            orders=[order_nos[o] for o in allocated],
            tasks=[
                TaskInfo(
                    lots_seen[t.lot_id].location,
                    lots_seen[t.lot_id].sku,
                    lots_seen[t.lot_id].lot_code,
                    t.qty,
                    order_nos[t.order_id],
                    slots[t.order_id],
                )
                for t in ordered_takes
            ],
            unallocated=[(order_nos[o], r) for o, r in waiting.items()],
        )


def _english(reason: Message | None) -> str | None:
    return None if reason is None else reason.english()


def _record_waiting(session: Any, waiting: dict[int, Message]) -> None:
    if waiting:
        session.connection().execute(
            update(Order)
            .where(Order.id == bindparam("oid"), Order.status == OrderStatus.REVIEWED.value)
            .values(waiting_reason=bindparam("why", type_=String)),
            [{"oid": o, "why": r.english()} for o, r in waiting.items()],
        )


@dataclass(frozen=True)
class WaveSummary:
    id: int
    code: str
    status: str
    kind: str
    created_by: str
    created_at: dt.datetime
    orders: int
    tasks: int
    open_tasks: int

    def to_json(self) -> dict[str, Any]:
        return {
            "wave": self.id,
            "code": self.code,
            "status": self.status,
            "kind": self.kind,
            "created_by": self.created_by,
            "created_at": self.created_at.isoformat(sep=" ", timespec="seconds"),
            "orders": self.orders,
            "tasks": self.tasks,
            "open_tasks": self.open_tasks,
        }


def list_waves(uow: UnitOfWork) -> list[WaveSummary]:
    orders_per_wave = (
        select(WaveOrder.wave_id, func.count().label("n")).group_by(WaveOrder.wave_id).subquery()
    )
    tasks_per_wave = (
        select(PickTask.wave_id, func.count().label("n")).group_by(PickTask.wave_id).subquery()
    )
    open_per_wave = (
        select(PickTask.wave_id, func.count().label("n"))
        .where(PickTask.status == TaskStatus.OPEN.value)
        .group_by(PickTask.wave_id)
        .subquery()
    )
    query = (
        select(
            Wave.id,
            Wave.code,
            Wave.status,
            Wave.kind,
            Wave.created_by,
            Wave.created_at,
            func.coalesce(orders_per_wave.c.n, 0),
            func.coalesce(tasks_per_wave.c.n, 0),
            func.coalesce(open_per_wave.c.n, 0),
        )
        .outerjoin(orders_per_wave, orders_per_wave.c.wave_id == Wave.id)
        .outerjoin(tasks_per_wave, tasks_per_wave.c.wave_id == Wave.id)
        .outerjoin(open_per_wave, open_per_wave.c.wave_id == Wave.id)
        .order_by(Wave.id.desc())
    )
    with uow.reading() as session:
        return [WaveSummary(*row) for row in session.execute(query)]


@dataclass(frozen=True)
class PickListEntry:
    """One line of the printed pick list: one lot at one location, merged across orders."""

    seq: int
    location: str
    sku: str
    name: str
    lot: str
    qty: int
    slots: tuple[tuple[int, int], ...]  # (slot, qty) per multi-item order; empty when single
    task_code: str


@dataclass(frozen=True)
class PickList:
    wave_code: str
    created_at: dt.datetime
    created_by: str
    kind: str
    orders: int
    units: int
    zone: str | None
    carrier: str | None
    entries: tuple[PickListEntry, ...]


def task_code(task_id: int) -> str:
    return f"PT{task_id:06d}"


def pick_list(uow: UnitOfWork, wave_id: int) -> PickList:
    """The wave's tasks along the walking path, merged per lot and location (slots kept)."""
    with uow.reading() as session:
        wave = session.get(Wave, wave_id)
        if wave is None:
            raise InvalidInput(msg.NO_WAVE_ID(id=wave_id))
        n_orders = session.scalar(
            select(func.count()).select_from(WaveOrder).where(WaveOrder.wave_id == wave_id)
        )
        view = wave_view(session, wave)
    merged: dict[tuple[str, str, str], dict[str, Any]] = {}
    for task in view.tasks:
        if task.status is TaskStatus.CANCELLED:
            continue
        entry = merged.setdefault(
            (task.location, task.sku, task.lot),
            {
                "first": task.id,
                "location": task.location,
                "sku": task.sku,
                "name": task.name,
                "lot": task.lot,
                "qty": 0,
                "slots": {},
            },
        )
        entry["qty"] += task.qty
        if task.slot is not None:
            entry["slots"][task.slot] = entry["slots"].get(task.slot, 0) + task.qty
    entries = tuple(
        PickListEntry(
            seq=i,
            location=e["location"],
            sku=e["sku"],
            name=e["name"],
            lot=e["lot"],
            qty=e["qty"],
            slots=tuple(sorted(e["slots"].items())),
            task_code=task_code(e["first"]),
        )
        for i, e in enumerate(merged.values(), start=1)
    )
    return PickList(
        wave_code=wave.code,
        created_at=wave.created_at,
        created_by=wave.created_by,
        kind=wave.kind,
        orders=int(n_orders or 0),
        units=sum(e.qty for e in entries),
        zone=wave.zone,
        carrier=wave.carrier,
        entries=entries,
    )
