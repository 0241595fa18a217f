"""The central side of the sync: stations registered, their events received (idempotent) and
applied by the central rules (the same services, with the same inputs), or rejected with the
reason the rules gave.

A station's events are applied in its order, many in one transaction with their inbox rows'
results (one commit for up to CHUNK events): exactly once.  An event the rules refuse undoes
its chunk, which is then applied one event per transaction, the refused one recorded as
rejected with its reason; a lost connection or a crash undoes the chunk, and the next round
applies it again.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, func, select, text, update
from sqlalchemy import event as sa_event
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from app.db.models import InboxEvent, Intercept, Order, RegisteredStation, User, utcnow
from app.db.uow import RETRYABLE_SQLSTATES, JoinedUnitOfWork, UndoNeeded, UnitOfWork
from app.domain.cancellation import InterceptKind
from app.domain.errors import DomainError
from app.domain.events import EventKind
from app.domain.orders import OrderStatus
from app.domain.users import Actor, Role
from app.messages import Message
from app.messages import sync as sm
from app.services import counts, handover, packing, picking, putaway, shipping

log = logging.getLogger(__name__)

Handler = Callable[[UnitOfWork, Actor, Mapping[str, Any]], object]


def _at(p: Mapping[str, Any]) -> dt.datetime:
    return dt.datetime.fromisoformat(str(p["at"]))


def _today(p: Mapping[str, Any]) -> dt.date:
    return dt.date.fromisoformat(str(p["today"])) if p.get("today") else _at(p).date()


def _pack_scanned(u: UnitOfWork, a: Actor, p: Mapping[str, Any]) -> None:
    result = packing.scan_item(
        u,
        a,
        str(p["order_no"]),
        str(p["station"]),
        str(p["item"]),
        p.get("qty"),
        today=_today(p),
        now=_at(p),
    )
    if bool(p.get("accepted")) != result.accepted:
        # The packer was told one thing and the central rules say another: central wins.
        raise DomainError(result.message if not result.accepted else sm.VERDICTS_DIFFER())


def _pack(call: Callable[..., object], *fields: str) -> Handler:
    """A pack-station action run again centrally: order, station and time from the event,
    then *fields* of the payload in order."""

    def handler(u: UnitOfWork, a: Actor, p: Mapping[str, Any]) -> object:
        return call(
            u, a, str(p["order_no"]), str(p["station"]), *(p[f] for f in fields), now=_at(p)
        )

    return handler


#: How each kind of event is applied centrally: the service a station ran, run again here with
#: the station's inputs (and the station's time).
HANDLERS: dict[str, Handler] = {
    EventKind.WAVE_STARTED: lambda u, a, p: picking.start_picking(u, a, str(p["wave"])),
    EventKind.WAVE_CONFIRMED: lambda u, a, p: picking.confirm_wave(u, a, str(p["wave"])),
    EventKind.PICK_CONFIRMED: lambda u, a, p: picking.record_pick(
        u, a, int(p["task"]), int(p["qty"])
    ),
    EventKind.PUTAWAY_CONFIRMED: lambda u, a, p: putaway.confirm(u, a, int(p["task"])),
    EventKind.WAYBILL_BOUND: lambda u, a, p: shipping.bind(
        u,
        a,
        str(p["order_no"]),
        str(p["number"]),
        carrier=p.get("carrier"),
        parcel_no=p.get("parcel_no"),
        shop=p.get("shop"),
        rebind_reason=p.get("rebind_reason"),
    ),
    EventKind.PACK_OPENED: lambda u, a, p: packing.open_order(
        u, a, str(p["code"]), str(p["station"]), now=_at(p), today=_today(p)
    ),
    EventKind.PACK_SCANNED: _pack_scanned,
    EventKind.PACK_UNDONE: _pack(packing.undo_last),
    EventKind.PACK_INSERT: _pack(packing.confirm_insert, "code"),
    EventKind.PACK_DAMAGE_CHECKED: _pack(packing.confirm_damage_check),
    EventKind.PACK_PACKAGING: _pack(packing.choose_packaging, "code", "name", "tare_g", "size"),
    EventKind.PACK_DAMAGED: _pack(packing.swap_damaged, "line_id"),
    EventKind.PACK_WEIGHED: lambda u, a, p: packing.check_weight(
        u,
        a,
        str(p["order_no"]),
        str(p["station"]),
        float(p["measured_g"]),
        p.get("tare_g"),
        now=_at(p),
        packaging=tuple(p.get("packaging") or ()),
    ),
    EventKind.PACK_WEIGHT_OVERRIDDEN: _pack(packing.override_weight, "reason"),
    EventKind.PACK_NO_SCALE: _pack(packing.weigh_without_scale),
    EventKind.PACK_CLOSED: _pack(packing.close_parcel),
    EventKind.PACK_WAYBILL: lambda u, a, p: packing.confirm_waybill(
        u,
        a,
        str(p["order_no"]),
        str(p["station"]),
        str(p["code"]),
        now=_at(p),
        ship_at_pack=bool(p.get("ship_at_pack")),
    ),
    EventKind.HANDOVER_STARTED: lambda u, a, p: handover.start(u, a, str(p["carrier"]), now=_at(p)),
    EventKind.HANDOVER_SCANNED: lambda u, a, p: handover.scan(
        u, a, str(p["batch"]), str(p["number"]), now=_at(p)
    ),
    EventKind.HANDOVER_CLOSED: lambda u, a, p: handover.close(
        u, a, str(p["batch"]), counted=p.get("counted"), now=_at(p)
    ),
    EventKind.COUNT_STARTED: lambda u, a, p: counts.start_location(
        u, a, str(p["count"]), str(p["location"])
    ),
    EventKind.COUNT_RECORDED: lambda u, a, p: counts.record(
        u,
        a,
        str(p["count"]),
        str(p["location"]),
        str(p["item"]),
        int(p["qty"]),
        lot=p.get("lot"),
        add=bool(p.get("add", True)),
    ),
    EventKind.COUNT_DONE: lambda u, a, p: counts.finish_location(
        u, a, str(p["count"]), str(p["location"])
    ),
    EventKind.PACK_HEARTBEAT: lambda u, a, p: packing.touch_claims(
        u, str(p["station"]), now=_at(p)
    ),
    EventKind.PACK_RELEASED: lambda u, a, p: packing.release_claim(
        u,
        a,
        str(p["order_no"]),
        str(p["station"]),
        force=bool(p.get("force")),
        reason=str(p.get("reason") or ""),
    ),
}

#: Events applied per transaction.
BATCH = 500
#: One advisory lock per station's events: they are applied in their order, by one at a time.
_APPLY_LOCK = "SELECT pg_advisory_xact_lock(74657313, hashtext(:station))"
_TRY_APPLY_LOCK = "SELECT pg_try_advisory_xact_lock(74657313, hashtext(:station))"


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


def register(uow: UnitOfWork, by: str, name: str) -> int:
    """Register station *name*; returns its number (its range of ids follows from it).
    Registering again a station that never pushed is allowed (an ``init`` that failed half-way
    is run again)."""
    with uow:
        found = uow.session.scalar(
            select(RegisteredStation).where(RegisteredStation.name == name).with_for_update()
        )
        if found is not None:
            if found.last_seq > 0:
                raise StationTaken(sm.STATION_TAKEN(station=name))
            found.registered_at, found.registered_by = utcnow(), by
        else:
            found = RegisteredStation(
                name=name, registered_by=by, registered_at=utcnow(), last_seq=0, pending=0
            )
            uow.session.add(found)
            uow.session.flush()
        number = found.id
        uow.commit()
    return number


def receive(uow: UnitOfWork, station: str, events: Sequence[PushedEvent], pending: int) -> int:
    """Store the station's events in the inbox, all or none; an event already there (sent
    again after a lost answer) is left as it is.  Returns how many were new.

    The rows are COPYed into a temporary table and inserted from there, skipping those the
    inbox has: a push costs little more than the raw COPY of its rows."""
    now = utcnow()
    with uow:
        session = uow.session
        new = 0
        if events:
            raw = session.connection().connection.driver_connection
            assert raw is not None
            with raw.cursor() as cur:
                cur.execute(
                    "CREATE TEMP TABLE IF NOT EXISTS sync_inbox_in "
                    "(LIKE sync_inbox INCLUDING DEFAULTS) ON COMMIT DELETE ROWS"
                )
                with cur.copy(
                    "COPY sync_inbox_in (event_id, station, seq, kind, payload, actor, at, "
                    "received_at) FROM STDIN"
                ) as copy:
                    for e in events:
                        copy.write_row(
                            (
                                e.event_id,
                                station,
                                e.seq,
                                e.kind,
                                json.dumps(e.payload),
                                e.actor,
                                e.at,
                                now,
                            )
                        )
                cur.execute(
                    "INSERT INTO sync_inbox (event_id, station, seq, kind, payload, actor, at, "
                    "received_at) SELECT event_id, station, seq, kind, payload, actor, at, "
                    "received_at FROM sync_inbox_in ORDER BY seq ON CONFLICT DO NOTHING"
                )
                new = cur.rowcount
                # The applier (``packdesk sync apply --follow``) hears it at the commit.
                cur.execute("NOTIFY packdesk_inbox")
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


class _Rejected(Exception):
    def __init__(self, message: Message) -> None:
        self.message = message


def _next_event(session: Session, station: str) -> InboxEvent | None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(_APPLY_LOCK), {"station": station})
    found: InboxEvent | None = session.scalar(
        select(InboxEvent)
        .where(InboxEvent.station == station, InboxEvent.result.is_(None))
        .order_by(InboxEvent.seq)
        .limit(1)
        .with_for_update()
    )
    return found


def _run(
    session: Session, event: InboxEvent, actors: dict[str, Actor | None], *, savepoint: bool = True
) -> None:
    """Run the event's handler in *session*'s transaction; raises what refuses it."""
    handler = HANDLERS.get(event.kind)
    actor = _actor(session, event.actor, actors)
    if handler is None:
        raise _Rejected(sm.UNKNOWN_KIND(kind=event.kind))
    if actor is None:
        raise _Rejected(sm.UNKNOWN_USER(user=event.actor))
    payload = dict(event.payload)
    planned = payload.pop("ids", None)
    try:
        handler(JoinedUnitOfWork(session, planned, savepoint=savepoint), actor, payload)
    finally:
        session.info.pop("ids", None)


#: What a station's event can be refused with (anything else — a lost connection — undoes the
#: transaction and leaves the event to be applied again).
_REFUSALS = (_Rejected, DomainError, KeyError, ValueError, TypeError, IntegrityError)


def _reason(exc: BaseException, kind: str) -> Message:
    if isinstance(exc, (_Rejected, DomainError)):
        return exc.message
    return sm.BROKEN_EVENT(kind=kind, error=f"{type(exc).__name__}: {exc}")


def _apply_next(engine: Engine, station: str, actors: dict[str, Actor | None]) -> bool:
    """Apply the station's next event in one transaction with the inbox row's result; a refusal
    undoes the event's work and records the reason instead.  False: nothing left."""
    reason: Message | None = None
    event_id, kind = "", ""
    with Session(engine, expire_on_commit=False, autoflush=True) as session:
        try:
            with session.begin():
                event = _next_event(session, station)
                if event is None:
                    return False
                event_id, kind = event.event_id, event.kind
                _run(session, event, actors)
                event.result, event.reason, event.applied_at = "applied", None, utcnow()
            return True
        except _REFUSALS as exc:
            reason = _reason(exc, kind)
        with session.begin():
            found = session.get(InboxEvent, event_id, with_for_update=True)
            if found is None or found.result is not None:
                return True
            reason = _intercepted(session, found, reason)
            found.result, found.reason, found.applied_at = "rejected", reason.to_json(), utcnow()
    return True


#: Events applied together in one transaction when none is refused, at most …
CHUNK = 100
#: … and for at most this long (the change log's lock is held meanwhile: a supervisor's
#: action waits for it).
CHUNK_S = 0.1


def _apply_chunk(engine: Engine, station: str, actors: dict[str, Actor | None], limit: int) -> int:
    """Apply the station's next events together in one transaction, the inbox rows' results
    with them: one commit for many events.  When one of them is refused, the whole chunk is
    undone and the events up to the refused one are applied one by one (each refusal with its
    reason, the others applied).  Returns how many events got a result."""
    refused_at: int | None = None
    with Session(engine, expire_on_commit=False, autoflush=True) as session:
        try:
            with session.begin():
                if session.get_bind().dialect.name == "postgresql" and not session.scalar(
                    text(_TRY_APPLY_LOCK), {"station": station}
                ):
                    return 0  # another applier is at this station's events: it applies them
                events = list(
                    session.scalars(
                        select(InboxEvent)
                        .where(InboxEvent.station == station, InboxEvent.result.is_(None))
                        .order_by(InboxEvent.seq)
                        .limit(min(limit, CHUNK))
                        .with_for_update()
                    )
                )
                if not events:
                    return 0
                deadline = time.monotonic() + CHUNK_S
                done: list[str] = []
                # What the events read stays in the session for the next ones (its identity
                # map holds rows weakly): a wave, a user are read once.
                kept: list[object] = []
                sa_event.listen(session, "loaded_as_persistent", lambda _s, obj: kept.append(obj))
                for i, event in enumerate(events):
                    refused_at = i
                    _run(session, event, actors, savepoint=False)
                    done.append(event.event_id)
                    if time.monotonic() > deadline:
                        break
                refused_at = None
                session.execute(
                    update(InboxEvent)
                    .where(InboxEvent.event_id.in_(done))
                    .values(result="applied", reason=None, applied_at=utcnow())
                    .execution_options(synchronize_session=False)
                )
            return len(done)
        except (*_REFUSALS, UndoNeeded):
            if refused_at is None:
                raise
    # Undone: the events before the refused one again, then the refused one, one at a time.
    applied = 0
    while applied <= refused_at and _apply_next(engine, station, actors):
        applied += 1
    return applied


#: Kinds of a station packing or labelling an order.
_PACKING = frozenset(
    {EventKind.WAYBILL_BOUND, *(k for k in EventKind if k.value.startswith("pack."))}
)


def _intercepted(session: Session, event: InboxEvent, reason: Message) -> Message:
    """A station packed (or labelled) offline an order cancelled here meanwhile: its parcel
    must not leave.  The number the station bound goes on the intercept list (the stations
    pull it: their handover refuses the parcel), and the rejection says what to do."""
    order_no = event.payload.get("order_no")
    if event.kind not in _PACKING or not isinstance(order_no, str):
        return reason
    order = session.scalar(select(Order).where(Order.order_no == order_no))
    if order is None or order.status != OrderStatus.CANCELLED.value:
        return reason
    bound = [
        e.payload
        for e in session.scalars(
            select(InboxEvent)
            .where(InboxEvent.station == event.station, InboxEvent.kind == EventKind.WAYBILL_BOUND)
            .order_by(InboxEvent.seq)
        )
        if e.payload.get("order_no") == order_no
    ]
    if event.kind == EventKind.WAYBILL_BOUND:
        bound.append(event.payload)
    if not bound:
        return reason
    number, carrier = str(bound[-1]["number"]), bound[-1].get("carrier")
    already = session.scalar(
        select(Intercept.id).where(Intercept.tracking_no == number, Intercept.status == "open")
    )
    if already is None:
        session.add(
            Intercept(
                order_id=order.id,
                parcel_id=None,
                parcel_no=bound[-1].get("parcel_no"),
                tracking_no=number,
                carrier=carrier,
                kind=InterceptKind.WAREHOUSE.value,
                reason="cancelled",
                status="open",
                created_at=utcnow(),
                created_by=event.actor,
            )
        )
    return sm.CANCELLED_WHILE_PACKED(order=order_no, number=number)


def apply_pending(engine: Engine, station: str, limit: int = BATCH) -> int:
    """Apply the station's events not applied yet, in its order, each with its inbox row's
    result in the same transaction (exactly once), up to *limit*; returns how many."""
    actors: dict[str, Actor | None] = {}
    done = 0
    clashes = 0
    while done < limit:
        try:
            got = _apply_chunk(engine, station, actors, limit - done)
        except OperationalError as exc:
            # Another applier's chunk locked the same lots or orders the other way round:
            # PostgreSQL undid this one whole; it is applied again.
            if getattr(exc.orig, "sqlstate", None) not in RETRYABLE_SQLSTATES or clashes >= 5:
                raise
            clashes += 1
            log.info("applying %s's events met another applier (%s); again", station, exc.orig)
            continue
        if not got:
            break
        done += got
    return done


def apply_all(engine: Engine, limit: int = BATCH, *, worker: tuple[int, int] = (0, 1)) -> int:
    """Apply what every station sent and is not applied yet (the applier's round, connected
    as the application's role); returns how many events.  Appliers working side by side
    (*worker* i of n) start at different stations and skip the one another is at."""
    with Session(engine) as session:
        names = sorted(
            session.scalars(
                select(InboxEvent.station).where(InboxEvent.result.is_(None)).distinct()
            )
        )
    if names:
        first = worker[0] * len(names) // max(1, worker[1])
        names = names[first:] + names[:first]
    return sum(apply_pending(engine, name, limit) for name in names)


def can_apply(engine: Engine) -> bool:
    """Whether the connected role may apply events (a station's own role may not: a
    ``packdesk sync apply`` worker does it for it)."""
    with engine.connect() as conn:
        return bool(conn.scalar(text("SELECT has_table_privilege('sync_inbox', 'UPDATE')")))


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
