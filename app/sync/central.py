"""The central side of the sync: stations registered, their events received (idempotent) and
applied by the central rules (the same services, with the same inputs), or rejected with the
reason the rules gave.

A batch of a station's events is applied in one transaction, each event in a savepoint of its
own: an event the rules refuse is recorded as rejected (its work undone, the others kept); a
lost connection or a crash undoes the whole batch, and the next push applies it again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, func, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db.models import InboxEvent, RegisteredStation, User, utcnow
from app.db.uow import JoinedUnitOfWork, UnitOfWork
from app.domain.errors import DomainError
from app.domain.events import EventKind
from app.domain.users import Actor, Role
from app.messages import Message
from app.messages import sync as sm
from app.services import picking, putaway

Handler = Callable[[UnitOfWork, Actor, Mapping[str, Any]], object]

#: How each kind of event is applied centrally: the service a station ran, run again here.
HANDLERS: dict[str, Handler] = {
    EventKind.WAVE_STARTED: lambda u, a, p: picking.start_picking(u, a, str(p["wave"])),
    EventKind.WAVE_CONFIRMED: lambda u, a, p: picking.confirm_wave(u, a, str(p["wave"])),
    EventKind.PICK_CONFIRMED: lambda u, a, p: picking.confirm_pick(
        u, a, int(p["task"]), int(p["qty"])
    ),
    EventKind.PUTAWAY_CONFIRMED: lambda u, a, p: putaway.confirm(u, a, int(p["task"])),
}

#: Events applied per transaction.
BATCH = 500
#: One advisory lock per station's events: they are applied in their order, by one at a time.
_APPLY_LOCK = "SELECT pg_advisory_xact_lock(74657313, hashtext(:station))"


@dataclass(frozen=True)
class PushedEvent:
    """One event as a station sends it."""

    event_id: str
    seq: int
    kind: str
    payload: dict[str, Any]
    actor: str
    at: dt.datetime


@dataclass(frozen=True)
class Outcome:
    event_id: str
    seq: int
    result: str  # "applied" | "rejected"
    reason: dict[str, Any] | None


class StationTaken(DomainError):
    """Another station of that name has synced already."""


def register(uow: UnitOfWork, by: str, name: str) -> None:
    """Register station *name*; registering again a station that never pushed is allowed (an
    ``init`` that failed half-way is run again)."""
    with uow:
        found = uow.session.scalar(
            select(RegisteredStation).where(RegisteredStation.name == name).with_for_update()
        )
        if found is not None:
            if found.last_seq > 0:
                raise StationTaken(sm.STATION_TAKEN(station=name))
            found.registered_at, found.registered_by = utcnow(), by
        else:
            uow.session.add(
                RegisteredStation(
                    name=name, registered_by=by, registered_at=utcnow(), last_seq=0, pending=0
                )
            )
        uow.commit()


def receive(uow: UnitOfWork, station: str, events: Sequence[PushedEvent], pending: int) -> int:
    """Store the station's events in the inbox, all or none; an event already there (sent
    again after a lost answer) is left as it is.  Returns how many were new."""
    now = utcnow()
    with uow:
        session = uow.session
        new = 0
        if events:
            statement = (
                pg_insert(InboxEvent)
                .values(
                    [
                        {
                            "event_id": e.event_id,
                            "station": station,
                            "seq": e.seq,
                            "kind": e.kind,
                            "payload": e.payload,
                            "actor": e.actor,
                            "at": e.at,
                            "received_at": now,
                        }
                        for e in events
                    ]
                )
                .on_conflict_do_nothing(index_elements=["event_id"])
                .returning(InboxEvent.event_id)
            )
            new = len(session.execute(statement).all())
        top = max((e.seq for e in events), default=0)
        session.execute(
            update(RegisteredStation)
            .where(RegisteredStation.name == station)
            .values(
                last_contact_at=now,
                pending=pending,
                last_seq=func.greatest(RegisteredStation.last_seq, top),
            )
        )
        uow.commit()
    return new


def _actor(session: Session, name: str, cache: dict[str, Actor | None]) -> Actor | None:
    if name not in cache:
        user = session.scalar(select(User).where(User.name == name))
        cache[name] = Actor(user.name, Role(user.role)) if user and user.active else None
    return cache[name]


def _apply_one(session: Session, event: InboxEvent, actors: dict[str, Actor | None]) -> None:
    """Apply *event* in a savepoint; record what came of it on the inbox row."""
    reason: Message | None = None
    handler = HANDLERS.get(event.kind)
    actor = _actor(session, event.actor, actors)
    if handler is None:
        reason = sm.UNKNOWN_KIND(kind=event.kind)
    elif actor is None:
        reason = sm.UNKNOWN_USER(user=event.actor)
    else:
        joined = JoinedUnitOfWork(session)
        try:
            handler(joined, actor, event.payload)
        except DomainError as exc:
            reason = exc.message
        except (KeyError, ValueError, TypeError, IntegrityError) as exc:
            reason = sm.BROKEN_EVENT(kind=event.kind, error=f"{type(exc).__name__}: {exc}")
    event.result = "applied" if reason is None else "rejected"
    event.reason = None if reason is None else reason.to_json()
    event.applied_at = utcnow()


def apply_pending(engine: Engine, station: str, limit: int = BATCH) -> int:
    """Apply the station's events not applied yet, in its order, up to *limit* in one
    transaction; returns how many were applied or rejected."""
    with Session(engine, expire_on_commit=False, autoflush=True) as session, session.begin():
        if engine.dialect.name == "postgresql":
            session.execute(text(_APPLY_LOCK), {"station": station})
        events = session.scalars(
            select(InboxEvent)
            .where(InboxEvent.station == station, InboxEvent.result.is_(None))
            .order_by(InboxEvent.seq)
            .limit(limit)
        ).all()
        actors: dict[str, Actor | None] = {}
        for event in events:
            _apply_one(session, event, actors)
            session.flush()
    return len(events)


def outcomes(uow: UnitOfWork, station: str, event_ids: Sequence[str]) -> list[Outcome]:
    """What came of these events of the station (those applied or rejected so far)."""
    found: list[Outcome] = []
    with uow.reading() as session:
        for start in range(0, len(event_ids), BATCH):
            part = list(event_ids[start : start + BATCH])
            found.extend(
                Outcome(e.event_id, e.seq, str(e.result), e.reason)
                for e in session.scalars(
                    select(InboxEvent).where(
                        InboxEvent.station == station,
                        InboxEvent.event_id.in_(part),
                        InboxEvent.result.is_not(None),
                    )
                )
            )
    return found


@dataclass(frozen=True)
class StationRow:
    name: str
    registered_at: dt.datetime
    last_contact_at: dt.datetime | None
    last_seq: int
    pending: int

    def to_json(self) -> dict[str, Any]:
        return {
            "station": self.name,
            "registered_at": self.registered_at.isoformat(sep=" ", timespec="seconds"),
            "last_contact": (
                self.last_contact_at.isoformat(sep=" ", timespec="seconds")
                if self.last_contact_at
                else None
            ),
            "last_seq": self.last_seq,
            "pending": self.pending,
        }


def stations(uow: UnitOfWork) -> list[StationRow]:
    """The registered stations with their last contact, by name."""
    with uow.reading() as session:
        return [
            StationRow(s.name, s.registered_at, s.last_contact_at, s.last_seq, s.pending)
            for s in session.scalars(select(RegisteredStation).order_by(RegisteredStation.name))
        ]
