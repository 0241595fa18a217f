"""What picking and wave creation both read: a wave and its tasks in walking order, finding a
wave by code or id, and the lots allocation may take from.  (Picking and waves import this,
never each other.)"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.db.models import Location, Lot, Order, PickTask, Sku, Wave, WaveOrder
from app.db.uow import UnitOfWork
from app.domain.allocation import StockLot
from app.domain.errors import NotFound
from app.domain.waves import TaskStatus, WaveStatus
from app.messages import waves as msg


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
    status: TaskStatus
    order_no: str
    slot: int | None

    @property
    def remaining(self) -> int:
        return self.qty - self.picked_qty if self.status is TaskStatus.OPEN else 0


@dataclass(frozen=True)
class WaveView:
    id: int
    code: str
    status: WaveStatus
    tasks: tuple[TaskView, ...]

    def next_task(self) -> TaskView | None:
        return next((t for t in self.tasks if t.status is TaskStatus.OPEN), None)

    @property
    def done(self) -> bool:
        return self.status is WaveStatus.DONE


def find_wave(session: Any, wave_ref: str | int) -> Wave:
    """A wave by its id or its code (W000123)."""
    ref = str(wave_ref).strip()
    wave: Wave | None
    if ref.isdigit():
        wave = session.get(Wave, int(ref))
    else:
        wave = session.scalar(select(Wave).where(Wave.code == ref.upper()))
    if wave is None:
        raise NotFound(msg.NO_WAVE(wave=ref))
    return wave


def load_wave(uow: UnitOfWork, wave_ref: str | int) -> WaveView:
    with uow.reading() as session:
        return wave_view(session, find_wave(session, wave_ref))


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
    tasks = tuple(
        TaskView(
            id=r[0],
            seq=r[1],
            location=r[2],
            sku=r[3],
            name=r[4],
            lot=r[5],
            qty=r[6],
            picked_qty=r[7],
            status=TaskStatus(r[8]),
            order_no=r[9],
            slot=r[10],
        )
        for r in rows
    )
    return WaveView(wave.id, wave.code, WaveStatus(wave.status), tasks)


def usable_lots(session: Any, skus: set[str], zone: str | None, today: dt.date) -> list[StockLot]:
    """Lots of these SKUs with free stock that allocation may take: not quarantined, not set
    aside by a short pick, not expired; locked in id order (PostgreSQL) so two stations
    allocating wait for each other."""
    query = (
        select(
            Lot.id,
            Sku.code,
            Lot.lot_code,
            Location.code,
            Location.pick_sequence,
            Lot.received_at,
            Lot.expiry,
            Lot.on_hand - Lot.allocated,
        )
        .join(Sku, Sku.id == Lot.sku_id)
        .join(Location, Location.id == Lot.location_id)
        .where(
            Sku.code.in_(sorted(skus)),
            Lot.on_hand > Lot.allocated,
            Lot.set_aside.is_(False),
            Location.quarantined.is_(False),
            (Lot.expiry.is_(None)) | (Lot.expiry > today),
        )
        .order_by(Lot.id)  # one lock order for every station: no deadlock between two waves
        # Wait for lots another station is allocating from: once it commits, PostgreSQL re-reads
        # the row, so this wave sees what is really left.
        .with_for_update(of=Lot)
    )
    if zone:
        query = query.where(Location.zone == zone)
    # Through the connection, not the ORM session: plain rows are several times cheaper.
    return [StockLot(*row) for row in session.connection().execute(query)]
