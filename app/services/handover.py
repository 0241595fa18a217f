"""Handover to the carrier (交接 / 揽收): the parcels a courier collects are scanned into a
handover batch of that carrier, each scan checked, and the batch closed with the count.

    batch = start(uow(), actor, "SF")                  # → HO000001
    scan(uow(), actor, batch.code, "SF1234567890123")  # checked, or HandoverRefused in words
    closed = close(uow(), actor, batch.code)            # the orders handed over whole → shipped
    pending(uow(), actor)                               # packed, not handed over, oldest first

A scan is accepted when the number belongs to a parcel, its order is not intercepted (cancelled
or on hold), it was not handed over before (nor scanned into another open batch), its order is
packed with this parcel's waybill checked at the pack station, and it goes with the batch's
carrier.  One transaction per action; a refused scan writes only its audit event.  Closing
moves an order to *shipped* (``lifecycle.move``) once every one of its parcels is in a closed
batch; an order with a parcel still at the dock stays *packed*.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db.models import (
    HandoverBatch,
    HandoverScan,
    Order,
    PackParcel,
    Parcel,
    VoidedTrackingNumber,
    utcnow,
)
from app.db.uow import UnitOfWork
from app.domain.carriers import Carrier, normalize_tracking
from app.domain.errors import InvalidInput, NotFound
from app.domain.events import EventKind
from app.domain.orders import OrderStatus
from app.domain.users import Action, Actor
from app.messages import Message
from app.messages import handover as msg
from app.messages.words import status_word
from app.services import audit, lifecycle
from app.services.files import write_whole
from app.services.shipping import find_carrier

#: Packed parcels waiting longer than this are overdue on the pending list (the station's
#: setting ``handover_overdue_hours`` overrides it).
OVERDUE_AFTER = dt.timedelta(hours=24)

#: An order in one of these states is stopped: its parcel must not leave (拦截).
INTERCEPTED = frozenset({OrderStatus.CANCELLED.value, OrderStatus.ON_HOLD.value})


class HandoverRefused(InvalidInput):
    """A parcel may not go into the batch; nothing was changed.  ``intercept``: the parcel's
    order was stopped, the parcel must come out of the pile."""

    def __init__(self, message: Message, *, intercept: bool = False) -> None:
        super().__init__(message)
        self.intercept = intercept


@dataclass(frozen=True)
class Batch:
    id: int
    code: str
    carrier: str
    started_at: dt.datetime
    started_by: str
    closed_at: dt.datetime | None
    closed_by: str | None
    #: parcels scanned into it so far (the recorded count once closed)
    count: int

    def to_json(self) -> dict[str, object]:
        return {
            "batch": self.id,
            "code": self.code,
            "carrier": self.carrier,
            "started_at": self.started_at.isoformat(),
            "started_by": self.started_by,
            "closed_at": self.closed_at.isoformat() if self.closed_at else None,
            "closed_by": self.closed_by,
            "count": self.count,
        }


@dataclass(frozen=True)
class Scanned:
    batch: str
    tracking_no: str
    order_no: str
    parcel_no: int
    #: parcels in the batch now
    count: int

    @property
    def message(self) -> Message:
        return msg.SCANNED(
            number=self.tracking_no, order=self.order_no, count=self.count, batch=self.batch
        )


@dataclass(frozen=True)
class ManifestParcel:
    tracking_no: str
    order_no: str
    parcel_no: int
    scanned_at: dt.datetime


@dataclass(frozen=True)
class Manifest:
    """What the handover manifest (交接单) prints: the batch and every parcel handed over."""

    batch: str
    carrier: str
    carrier_name: str
    carrier_name_zh: str
    started_at: dt.datetime
    started_by: str
    closed_at: dt.datetime | None
    closed_by: str | None
    parcels: tuple[ManifestParcel, ...]

    @property
    def count(self) -> int:
        return len(self.parcels)


@dataclass(frozen=True)
class Closed:
    manifest: Manifest
    #: the orders that became shipped (every parcel handed over)
    shipped: tuple[str, ...]

    @property
    def message(self) -> Message:
        m = self.manifest
        return msg.CLOSED(
            batch=m.batch, count=m.count, carrier=m.carrier, shipped=len(self.shipped)
        )


@dataclass(frozen=True)
class PendingParcel:
    order_no: str
    parcel_no: int
    carrier: str | None
    tracking_no: str
    packed_at: dt.datetime
    age: dt.timedelta
    overdue: bool
    #: its waybill was scanned at the pack station (else it must go back to be checked)
    label_checked: bool = True

    def to_json(self) -> dict[str, object]:
        return {
            "order_no": self.order_no,
            "parcel": self.parcel_no,
            "carrier": self.carrier,
            "tracking_no": self.tracking_no,
            "packed_at": self.packed_at.isoformat(),
            "age_hours": round(self.age.total_seconds() / 3600, 1),
            "overdue": self.overdue,
            "label_checked": self.label_checked,
        }


def batch_code(batch_id: int) -> str:
    return f"HO{batch_id:06d}"


def _when(at: dt.datetime) -> str:
    return at.strftime("%Y-%m-%d %H:%M")


def _find_batch(session: Session, ref: str | int, *, lock: bool = False) -> HandoverBatch:
    """A batch by its id (12) or its code (HO000012, any case).  *lock*: the row is locked
    (PostgreSQL) so that a scan and the closing of one batch never interleave: a batch is never
    closed with a count short of a scan committed a moment later."""
    text = str(ref).strip().upper()
    query = select(HandoverBatch)
    if lock:
        query = query.with_for_update()
    if text.isdigit():
        query = query.where(HandoverBatch.id == int(text))
    else:
        query = query.where(HandoverBatch.code == text)
    found = session.scalars(query).first()
    if found is None:
        raise NotFound(msg.NO_BATCH(batch=str(ref).strip()))
    return found


def _scanned_count(session: Session, batch: HandoverBatch) -> int:
    return int(
        session.scalar(
            select(func.count()).select_from(HandoverScan).where(HandoverScan.batch_id == batch.id)
        )
        or 0
    )


def _batch(session: Session, row: HandoverBatch) -> Batch:
    count = row.count if row.count is not None else _scanned_count(session, row)
    return Batch(
        row.id,
        row.code,
        row.carrier,
        row.started_at,
        row.started_by,
        row.closed_at,
        row.closed_by,
        count,
    )


def _require_open(row: HandoverBatch) -> None:
    if row.closed_at is not None:
        raise HandoverRefused(msg.BATCH_CLOSED(batch=row.code, at=_when(row.closed_at)))


def carrier_of(uow: UnitOfWork, code: str) -> Carrier:
    """The carrier a batch would be for (UnknownCarrier in words): the station checks a scanned
    carrier code before it starts a batch."""
    with uow.reading() as session:
        return find_carrier(session, code)


# --- the actions --------------------------------------------------------------------------------


def start(uow: UnitOfWork, actor: Actor, carrier: str, *, now: dt.datetime | None = None) -> Batch:
    """A new handover batch for *carrier* (a code or name the registry knows, or a custom
    carrier's code), audited."""
    actor.require(Action.HAND_OVER)
    at = now or utcnow()
    with uow:
        session = uow.session
        found = find_carrier(session, carrier)
        row = HandoverBatch(code="", carrier=found.code, started_at=at, started_by=actor.name)
        session.add(row)
        session.flush()
        row.code = batch_code(row.id)
        audit.record(
            session, actor, "handover started", "handover", row.code, None, {"carrier": found.code}
        )
        result = _batch(session, row)
        uow.record(
            EventKind.HANDOVER_STARTED,
            {"carrier": found.code, "at": at.isoformat()},
            actor.name,
        )
        uow.commit()
        return result


def batch_info(uow: UnitOfWork, actor: Actor, ref: str | int) -> Batch:
    actor.require(Action.HAND_OVER)
    with uow.reading() as session:
        return _batch(session, _find_batch(session, ref))


def _handed_over(session: Session, parcel: Parcel) -> tuple[HandoverScan, HandoverBatch] | None:
    row = session.execute(
        select(HandoverScan, HandoverBatch)
        .join(HandoverBatch, HandoverBatch.id == HandoverScan.batch_id)
        .where(HandoverScan.parcel_id == parcel.id)
    ).first()
    return (row[0], row[1]) if row else None


def _refusal(
    session: Session, batch: HandoverBatch, number: str
) -> tuple[Parcel, Order] | HandoverRefused:
    """The parcel and its order when *number* may go into *batch*, else why not."""
    found = session.execute(
        select(Parcel, Order)
        .join(Order, Order.id == Parcel.order_id)
        .where(Parcel.tracking_no == number)
        .with_for_update(of=Order)  # a cancellation committing meanwhile waits, or is seen
    ).first()
    if found is None:
        voided = session.get(VoidedTrackingNumber, number)
        if voided is not None:  # a label printed before the order changed or was cancelled
            order_no = session.scalar(select(Order.order_no).where(Order.id == voided.order_id))
            return HandoverRefused(
                msg.VOIDED(number=number, at=_when(voided.voided_at), order=order_no or "?"),
                intercept=True,
            )
        return HandoverRefused(msg.UNKNOWN_NUMBER(number=number))
    parcel, order = found[0], found[1]
    if order.status in INTERCEPTED:
        return HandoverRefused(
            msg.INTERCEPT(status=status_word(order.status), order=order.order_no, number=number),
            intercept=True,
        )
    earlier = _handed_over(session, parcel)
    if earlier is not None:
        scan_row, other = earlier
        if other.closed_at is not None:
            return HandoverRefused(
                msg.ALREADY_HANDED_OVER(number=number, batch=other.code, at=_when(other.closed_at))
            )
        return HandoverRefused(
            msg.ALREADY_IN_BATCH(number=number, batch=other.code, at=_when(scan_row.scanned_at))
        )
    if order.status != OrderStatus.PACKED.value:
        return HandoverRefused(
            msg.NOT_PACKED(order=order.order_no, status=status_word(order.status), number=number)
        )
    checked = session.scalar(
        select(PackParcel.waybill_at).where(
            PackParcel.order_id == order.id, PackParcel.parcel_no == parcel.parcel_no
        )
    )
    if checked is None:
        return HandoverRefused(
            msg.WAYBILL_NOT_CHECKED(parcel=parcel.parcel_no, order=order.order_no)
        )
    goes_with = (parcel.carrier or order.carrier or "").strip().upper()
    if goes_with != batch.carrier.upper():
        return HandoverRefused(
            msg.WRONG_CARRIER(number=number, carrier=goes_with or "—", batch_carrier=batch.carrier)
        )
    return parcel, order


def scan(
    uow: UnitOfWork,
    actor: Actor,
    batch: str | int,
    tracking_no: str,
    *,
    now: dt.datetime | None = None,
) -> Scanned:
    """Scan a parcel's waybill into the open batch (HandoverRefused in words: nothing changed
    but the refusal's audit event)."""
    actor.require(Action.HAND_OVER)
    at = now or utcnow()
    number = normalize_tracking(tracking_no)
    with uow:
        session = uow.session
        row = _find_batch(session, batch, lock=True)
        _require_open(row)
        checked = _refusal(session, row, number) if number else None
        if not isinstance(checked, tuple):
            refusal = checked or HandoverRefused(msg.UNKNOWN_NUMBER(number=tracking_no.strip()))
            audit.record(
                session,
                actor,
                "handover scan refused",
                "handover",
                row.code,
                None,
                {"tracking_no": number, "why": refusal.message.to_json()},
            )
            uow.commit()
            raise refusal
        parcel, order = checked
        session.add(
            HandoverScan(
                batch_id=row.id,
                parcel_id=parcel.id,
                tracking_no=number,
                scanned_at=at,
                scanned_by=actor.name,
            )
        )
        try:
            session.flush()
        except IntegrityError:  # another station scanned it a moment ago: say where
            uow.rollback()
            taken = _refusal(session, _find_batch(session, batch, lock=True), number)
            if isinstance(taken, HandoverRefused):
                raise taken from None
            raise
        audit.record(
            session,
            actor,
            "handover scanned",
            "handover",
            row.code,
            None,
            {"tracking_no": number, "order_no": order.order_no, "parcel_no": parcel.parcel_no},
        )
        result = Scanned(
            row.code, number, order.order_no, parcel.parcel_no, _scanned_count(session, row)
        )
        uow.record(
            EventKind.HANDOVER_SCANNED,
            {"batch": row.code, "number": number, "at": at.isoformat()},
            actor.name,
        )
        uow.commit()
        return result


def _manifest(session: Session, row: HandoverBatch) -> Manifest:
    carrier = find_carrier(session, row.carrier)
    parcels = session.execute(
        select(HandoverScan.tracking_no, Order.order_no, Parcel.parcel_no, HandoverScan.scanned_at)
        .join(Parcel, Parcel.id == HandoverScan.parcel_id)
        .join(Order, Order.id == Parcel.order_id)
        .where(HandoverScan.batch_id == row.id)
        .order_by(HandoverScan.id)
    ).all()
    return Manifest(
        batch=row.code,
        carrier=row.carrier,
        carrier_name=carrier.name_en,
        carrier_name_zh=carrier.name_zh,
        started_at=row.started_at,
        started_by=row.started_by,
        closed_at=row.closed_at,
        closed_by=row.closed_by,
        parcels=tuple(ManifestParcel(p[0], p[1], p[2], p[3]) for p in parcels),
    )


def manifest(uow: UnitOfWork, actor: Actor, batch: str | int) -> Manifest:
    """The batch's manifest as it stands (again after closing: a reprint)."""
    actor.require(Action.HAND_OVER)
    with uow.reading() as session:
        return _manifest(session, _find_batch(session, batch))


def _ship_whole_orders(
    session: Session, actor: Actor, row: HandoverBatch, order_ids: Sequence[int]
) -> tuple[str, ...]:
    """Ship the batch's packed orders whose every parcel is now in a closed batch."""
    shipped: list[str] = []
    # Locked in id order: a cancellation meanwhile is seen here, never overwritten.
    locked = (
        select(Order)
        .where(Order.id.in_(order_ids))
        .order_by(Order.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    for order in session.scalars(locked):
        if order.status != OrderStatus.PACKED.value:
            continue
        waiting = session.scalar(
            select(func.count())
            .select_from(Parcel)
            .outerjoin(HandoverScan, HandoverScan.parcel_id == Parcel.id)
            .outerjoin(HandoverBatch, HandoverBatch.id == HandoverScan.batch_id)
            .where(Parcel.order_id == order.id, HandoverBatch.closed_at.is_(None))
        )
        if waiting:
            continue
        lifecycle.move(session, actor, order, OrderStatus.SHIPPED, handover=row.code)
        shipped.append(order.order_no)
    return tuple(shipped)


def close(
    uow: UnitOfWork,
    actor: Actor,
    batch: str | int,
    *,
    counted: int | None = None,
    now: dt.datetime | None = None,
) -> Closed:
    """Close the batch with its count (*counted*: the courier's count, refused when it differs)
    and ship the orders handed over whole; returns the manifest to print."""
    actor.require(Action.HAND_OVER)
    at = now or utcnow()
    with uow:
        session = uow.session
        row = _find_batch(session, batch, lock=True)
        _require_open(row)
        scanned = _scanned_count(session, row)
        if scanned == 0:
            raise HandoverRefused(msg.EMPTY_BATCH(batch=row.code))
        if counted is not None and counted != scanned:
            raise HandoverRefused(
                msg.COUNT_DIFFERS(batch=row.code, scanned=scanned, counted=counted)
            )
        row.closed_at, row.closed_by, row.count = at, actor.name, scanned
        session.flush()
        order_ids = session.scalars(
            select(Parcel.order_id)
            .join(HandoverScan, HandoverScan.parcel_id == Parcel.id)
            .where(HandoverScan.batch_id == row.id)
            .distinct()
        ).all()
        shipped = _ship_whole_orders(session, actor, row, order_ids)
        audit.record(
            session,
            actor,
            "handover closed",
            "handover",
            row.code,
            None,
            {"carrier": row.carrier, "count": scanned, "shipped": len(shipped)},
        )
        result = Closed(_manifest(session, row), shipped)
        uow.record(
            EventKind.HANDOVER_CLOSED,
            {"batch": row.code, "counted": counted, "at": at.isoformat()},
            actor.name,
        )
        uow.commit()
        return result


def pending(
    uow: UnitOfWork,
    actor: Actor,
    *,
    now: dt.datetime | None = None,
    overdue_after: dt.timedelta = OVERDUE_AFTER,
) -> list[PendingParcel]:
    """Parcels of packed orders not handed over yet (not in a closed batch), oldest first, with
    their age since the waybill was checked (else since the parcel was closed)."""
    actor.require(Action.VIEW_ORDERS)
    at = now or utcnow()
    closed = (
        select(HandoverScan.parcel_id)
        .join(HandoverBatch, HandoverBatch.id == HandoverScan.batch_id)
        .where(HandoverBatch.closed_at.is_not(None))
    )
    with uow.reading() as session:
        rows = session.execute(
            select(
                Order.order_no,
                Parcel.parcel_no,
                Parcel.carrier,
                Order.carrier,
                Parcel.tracking_no,
                func.coalesce(PackParcel.waybill_at, PackParcel.closed_at, Order.updated_at),
                PackParcel.waybill_at,
            )
            .join(Order, Order.id == Parcel.order_id)
            .outerjoin(
                PackParcel,
                (PackParcel.order_id == Parcel.order_id)
                & (PackParcel.parcel_no == Parcel.parcel_no),
            )
            .where(
                Order.status == OrderStatus.PACKED.value,
                Parcel.tracking_no.is_not(None),
                Parcel.id.not_in(closed),
            )
        ).all()
    found = [
        PendingParcel(
            order_no=r[0],
            parcel_no=r[1],
            carrier=r[2] or r[3],
            tracking_no=r[4] or "",
            packed_at=r[5],
            age=at - r[5],
            overdue=at - r[5] > overdue_after,
            label_checked=r[6] is not None,
        )
        for r in rows
    ]
    return sorted(found, key=lambda p: (p.packed_at, p.order_no, p.parcel_no))


class ManifestRenderer(Protocol):
    """What saving a manifest needs of app.services.rendering.DocumentRenderer."""

    def render_handover_manifest(self, data: Manifest) -> bytes: ...


def save_manifest(
    uow: UnitOfWork, actor: Actor, batch: str | int, renderer: ManifestRenderer, folder: Path
) -> Path:
    """The batch's manifest as a PDF in *folder* (``HO000001.pdf``; the folder is made), never
    half-written; slow (rendering): run it off the GUI thread."""
    data = manifest(uow, actor, batch)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{data.batch}.pdf"
    write_whole(path, renderer.render_handover_manifest(data))
    return path
