"""The station's side of the sync: ``init`` makes a database a station's, ``sync_once`` runs one
round — push the outbox, have the central rules apply it, pull the central changes.

A station always works on its own database; the central database is only ever reached here.
When it cannot be reached, the round says so in words and the outbox keeps every event.

Push: pending events, in the station's order, go to the central inbox in batches (one
transaction each; an event id already there is skipped, so sending again after a lost answer
is harmless); they are marked *sent*, applied centrally (app.sync.central.apply_pending), and
their outcome comes back: *applied*, or *rejected* with the central rules' reason — listed on
the Sync screen for a supervisor to resolve.

Pull: the central change log is read in pages newer than the station's watermark; each page's
rows are written over the replica and the watermark moved, in one local transaction.  A page is
only taken when no event of the station is waiting (pending or sent): the central rows then
include every local change, so writing them over the replica loses nothing.
"""

from __future__ import annotations

import datetime as dt
import time
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, func, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.db import migrate
from app.db.engine import make_engine
from app.db.models import (
    ChangeLogEntry,
    Order,
    OutboxEvent,
    SyncStation,
    TrackingPoolNumber,
    utcnow,
)
from app.db.uow import UnitOfWork, forget_station, station_id_base, station_of
from app.domain import limits
from app.domain.errors import DomainError
from app.domain.orders import OrderStatus
from app.domain.users import Action, Actor, Role
from app.messages import Message, from_json
from app.messages import sync as sm
from app.services import audit, central_only, leases
from app.sync import central, replica

#: Events pushed per batch, change-log rows pulled per page.
PUSH_BATCH = 2_000
PULL_PAGE = 5_000
WAITING = ("pending", "sent")

Progress = Callable[[str, int, int], None]


class SyncRefused(DomainError):
    """The sync cannot run as asked (not a station, versions differ, …); nothing changed."""


class CentralUnreachable(DomainError):
    """The central database did not answer; every event is still in the outbox."""


def password_free(url: str) -> str:
    """The URL without its password (libpq's PGPASSWORD or .pgpass give it)."""
    return make_url(url).set(password=None).render_as_string(hide_password=False)


# --- init ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InitResult:
    station: str
    central: str
    pulled: int

    def to_json(self) -> dict[str, Any]:
        return {"station": self.station, "central": self.central, "pulled": self.pulled}


def check_versions(station: Engine, central_engine: Engine) -> None:
    """Refuse when the two databases are not at the same schema, saying which to upgrade."""
    _compare_versions(migrate.current_revision(station), migrate.current_revision(central_engine))


def _compare_versions(here: str | None, there: str | None) -> None:
    if here == there:
        return
    older = sm.OLDER_STATION() if (here or "") < (there or "") else sm.OLDER_CENTRAL()
    raise SyncRefused(
        sm.SCHEMA_MISMATCH(station_schema=here or "-", central_schema=there or "-", older=older)
    )


@contextmanager
def _foreign_keys_off(conn: Connection) -> Iterator[None]:
    """SQLite checks no foreign key while a replica is written (a page may hold a row before
    the parent it names; the central database checked them already)."""
    raw = conn.connection.driver_connection
    assert raw is not None
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        raw.execute("PRAGMA foreign_keys=ON")


#: SQLSTATEs of a connection that broke or was ended by the server (pg_terminate_backend,
#: a restart): the central database is as good as unreachable for this round.
_GONE = ("57P01", "57P02", "57P03")


@contextmanager
def _central(url: str, pending: int, station: Engine | None = None) -> Iterator[Engine]:
    """An engine on the central database (the station's one, kept between rounds: an idle
    round is then one statement); a connection that fails is CentralUnreachable."""
    engine = (
        central_only.central_engine(station, url)
        if station is not None
        else make_engine(url, pool_pre_ping=False)
    )
    try:
        yield engine
    except OperationalError as exc:
        code = getattr(exc.orig, "sqlstate", None)
        if code is not None and not code.startswith("08") and code not in _GONE:
            raise
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        if station is not None:
            central_only.forget_central(station)
        raise CentralUnreachable(sm.UNREACHABLE(detail=detail, pending=pending)) from exc
    finally:
        if station is None:
            engine.dispose()


def _snapshot(engine: Engine) -> Connection:
    """A read-only connection that sees one moment of the central database."""
    return engine.connect().execution_options(
        isolation_level="REPEATABLE READ", postgresql_readonly=True
    )


def init(
    station: Engine,
    name: str,
    central_url: str,
    actor: Actor,
    progress: Progress | None = None,
) -> InitResult:
    """Make *station* (an empty, migrated database) station *name* of the central database:
    register it there, copy the replicated tables, remember the watermark."""
    actor.require(Action.MANAGE_STATIONS)
    name = limits.STATION.check(name.strip())
    with Session(station) as session:
        found = session.scalar(select(SyncStation))
        if found is not None:
            raise SyncRefused(
                sm.ALREADY_A_STATION(station=found.name, central=password_free(found.central_url))
            )
        orders = int(session.scalar(select(func.count()).select_from(Order)) or 0)
        if orders:
            raise SyncRefused(sm.NOT_EMPTY(orders=orders))
    if make_url(central_url).get_backend_name() != "postgresql":
        raise SyncRefused(sm.CENTRAL_NOT_POSTGRESQL(url=password_free(central_url)))
    with _central(central_url, 0) as central_engine:
        check_versions(station, central_engine)
        number = central.register(UnitOfWork(central_engine), actor.name, name)
        with _snapshot(central_engine) as there:
            watermark = int(there.scalar(select(func.max(ChangeLogEntry.seq))) or 0)
            with (
                station.execution_options(sqlite_begin="IMMEDIATE").connect() as here,
                _foreign_keys_off(here),
                here.begin(),
            ):
                pulled = replica.copy_all(there, here, progress)
                here.execute(
                    replica.table("sync_station")
                    .insert()
                    .values(
                        name=name,
                        central_url=password_free(central_url),
                        id_base=station_id_base(number),
                        watermark=watermark,
                        initialised_at=utcnow(),
                        last_pull_at=utcnow(),
                        last_contact_at=utcnow(),
                    )
                )
    forget_station(station)
    return InitResult(name, password_free(central_url), pulled)


# --- status --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rejection:
    event_id: str
    seq: int
    kind: str
    reason: Message
    actor: str
    at: dt.datetime

    def to_json(self) -> dict[str, Any]:
        return {"event": self.event_id, "type": self.kind, "reason": str(self.reason)}


@dataclass(frozen=True)
class SyncStatus:
    station: str
    central: str
    online: bool | None
    pending: int
    last_sync: dt.datetime | None
    rejected_open: int
    last_error: Message | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "station": self.station,
            "online": self.online,
            "pending": self.pending,
            "last_sync": self.last_sync.isoformat(sep=" ", timespec="seconds")
            if self.last_sync
            else None,
            "rejected_open": self.rejected_open,
        }


def _identity(session: Session) -> SyncStation:
    found: SyncStation | None = session.scalar(select(SyncStation))
    if found is None:
        raise SyncRefused(sm.NOT_A_STATION())
    return found


def status(station: Engine) -> SyncStatus:
    """Where the station stands, read locally (online: as the last round found it)."""
    with Session(station) as session:
        me = _identity(session)
        counts = dict(
            session.execute(
                select(OutboxEvent.status, func.count())
                .where(OutboxEvent.resolved_at.is_(None))
                .group_by(OutboxEvent.status)
            ).all()
        )
        error = from_json(me.last_error) if me.last_error else None
        last = max((t for t in (me.last_push_at, me.last_pull_at) if t), default=None)
        return SyncStatus(
            me.name,
            me.central_url,
            None if me.last_contact_at is None and error is None else error is None,
            int(counts.get("pending", 0)) + int(counts.get("sent", 0)),
            last,
            int(counts.get("rejected", 0)),
            error,
        )


def rejections(station: Engine) -> list[Rejection]:
    """Rejected events nobody resolved yet, oldest first."""
    with Session(station) as session:
        return [
            Rejection(
                e.event_id,
                e.seq,
                e.kind,
                from_json(e.reason or {}),
                e.actor,
                e.at,
            )
            for e in session.scalars(
                select(OutboxEvent)
                .where(OutboxEvent.status == "rejected", OutboxEvent.resolved_at.is_(None))
                .order_by(OutboxEvent.seq)
            )
        ]


def central_stations(station: Engine) -> list[central.StationRow]:
    """The stations as the central database lists them, asked from this station (the Sync
    screen); CentralUnreachable when it does not answer."""
    with Session(station) as session:
        url = _identity(session).central_url
        waiting = _waiting(session)
    with _central(url, waiting) as central_engine:
        return central.stations(UnitOfWork(central_engine))


# --- one round ----------------------------------------------------------------------------------


@dataclass
class SyncResult:
    pushed: int = 0
    pulled: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    pending: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "pushed": self.pushed,
            "pulled": self.pulled,
            "rejected": [r.to_json() for r in self.rejected],
            "pending": self.pending,
        }


def _waiting(session: Session) -> int:
    return int(
        session.scalar(
            select(func.count()).select_from(OutboxEvent).where(OutboxEvent.status.in_(WAITING))
        )
        or 0
    )


def _push(station: Engine, central_engine: Engine, name: str, result: SyncResult) -> None:
    while True:
        with Session(station) as session:
            batch = session.scalars(
                select(OutboxEvent)
                .where(OutboxEvent.status.in_(WAITING))
                .order_by(OutboxEvent.seq)
                .limit(PUSH_BATCH)
            ).all()
            waiting = _waiting(session)
        if not batch:
            # Nothing to send: the central database still learns the station is there.
            central.receive(UnitOfWork(central_engine), name, [], waiting)
            return
        events = [
            central.PushedEvent(e.event_id, e.seq, e.kind, e.payload, e.actor, e.at) for e in batch
        ]
        central.receive(UnitOfWork(central_engine), name, events, waiting)
        ids = [e.event_id for e in batch]
        with UnitOfWork(station) as uow:
            uow.session.execute(
                update(OutboxEvent)
                .where(OutboxEvent.event_id.in_(ids), OutboxEvent.status == "pending")
                .values(status="sent", sent_at=utcnow())
            )
            uow.commit()
        outcomes = _applied(central_engine, name, ids)
        with UnitOfWork(station) as uow:
            for o in outcomes:
                uow.session.execute(
                    update(OutboxEvent)
                    .where(OutboxEvent.event_id == o.event_id)
                    .values(status=o.result, reason=o.reason)
                )
            row = _identity(uow.session)
            row.last_push_at = row.last_contact_at = utcnow()
            uow.commit()
        result.pushed += len(outcomes)
        for o in outcomes:
            if o.result == "rejected":
                e = next(b for b in batch if b.event_id == o.event_id)
                result.rejected.append(
                    Rejection(o.event_id, o.seq, e.kind, from_json(o.reason or {}), e.actor, e.at)
                )
        if len(outcomes) < len(batch):
            return  # some are not applied yet (another round applies them)


#: Stations whose role may apply its own events (else a ``sync apply`` worker does).
_APPLIES: weakref.WeakKeyDictionary[Engine, bool] = weakref.WeakKeyDictionary()
#: How long a round waits for the worker to apply what it pushed.
APPLY_WAIT_S = 2.0


def _applied(central_engine: Engine, name: str, ids: list[str]) -> list[central.Outcome]:
    """Have the events applied — here, when this connection may; else by the worker, waited
    for a moment — and return what came of those applied so far."""
    if central_engine not in _APPLIES:
        _APPLIES[central_engine] = central.can_apply(central_engine)
    if _APPLIES[central_engine]:
        while central.apply_pending(central_engine, name):
            pass
        return central.outcomes(UnitOfWork(central_engine), name, ids)
    deadline = time.monotonic() + APPLY_WAIT_S
    pause = 0.02
    while True:
        found = central.outcomes(UnitOfWork(central_engine), name, ids)
        if len(found) == len(ids) or time.monotonic() >= deadline:
            return found
        # Asked again sooner while the worker keeps up, less often while it is behind: fifty
        # stations waiting do not load it further.
        time.sleep(min(pause, max(0.0, deadline - time.monotonic())))
        pause = min(pause * 2, 0.4)


def _pull(station: Engine, central_engine: Engine, result: SyncResult) -> None:
    while True:
        with Session(station) as session:
            watermark = _identity(session).watermark
        with _snapshot(central_engine) as there:
            page = there.execute(
                select(ChangeLogEntry.seq, ChangeLogEntry.table_name, ChangeLogEntry.row_key)
                .where(ChangeLogEntry.seq > watermark)
                .order_by(ChangeLogEntry.seq)
                .limit(PULL_PAGE)
            ).all()
            if not page:
                return
            keys: dict[str, set[str]] = {}
            for _seq, name, key in page:
                if name in replica.REPLICATED:
                    keys.setdefault(name, set()).add(key)
            rows = {name: replica.fetch(there, name, wanted) for name, wanted in keys.items()}
        top = page[-1][0]
        with (
            station.execution_options(sqlite_begin="IMMEDIATE").connect() as here,
            _foreign_keys_off(here),
            here.begin(),
        ):
            if here.scalar(
                select(func.count()).select_from(OutboxEvent).where(OutboxEvent.status.in_(WAITING))
            ):
                return  # the packer worked meanwhile: pushed first, pulled next round
            for name in replica.REPLICATED:
                replica.upsert(here, name, rows.get(name, []))
            for name in reversed(replica.REPLICATED):
                if name in keys:
                    key = replica.REPLICATED[name]
                    present = {str(r[key]) for r in rows[name]}
                    replica.remove(here, name, keys[name] - present)
            here.execute(
                update(SyncStation).values(watermark=top, last_pull_at=utcnow(), last_error=None)
            )
        result.pulled += len(page)


#: A station leases waybill numbers when it has fewer than LEASE_LOW of a carrier free, up to
#: LEASE_SIZE (so that it prints them offline, and no other station prints the same).
LEASE_LOW = 20
LEASE_SIZE = 100


#: Carriers the central database had nothing to lease of, and until when not to ask again.
_NOTHING_UNTIL: weakref.WeakKeyDictionary[Engine, dict[str, float]] = weakref.WeakKeyDictionary()
NOTHING_PAUSE_S = 300.0


#: Orders whose waybills a station may still print.
_TO_PACK = tuple(
    s.value
    for s in (
        OrderStatus.REVIEWED,
        OrderStatus.ALLOCATED,
        OrderStatus.PICKING,
        OrderStatus.PICKED,
        OrderStatus.PACKING,
    )
)


def _refill(station: Engine, central_engine: Engine, name: str) -> None:
    """Lease numbers of the carriers the station works with (its open orders' and its pool's)
    where it runs low, and put every number leased to it and not used yet into its pool (a
    lease whose answer was lost arrives with the next one).  Nothing to do: no statement."""
    with Session(station) as session:
        # The orders still to be packed (the status index: not a scan of every order a
        # station has ever had, each round).
        carriers = [
            c
            for c in session.scalars(
                select(Order.carrier)
                .where(Order.status.in_(_TO_PACK), Order.carrier.is_not(None))
                .distinct()
            )
            if c
        ]
    wanted = leases.needs(UnitOfWork(station), LEASE_LOW, LEASE_SIZE, carriers=carriers)
    now = time.monotonic()
    paused = _NOTHING_UNTIL.setdefault(station, {})
    wanted = {c: n for c, n in wanted.items() if paused.get(c, 0.0) <= now}
    if not wanted:
        return
    system = Actor(name, Role.PACKER)
    for carrier, n in wanted.items():
        try:
            leases.lease(UnitOfWork(central_engine), system, name, carrier, n)
        except leases.NothingToLease:
            paused[carrier] = now + NOTHING_PAUSE_S
    with Session(central_engine) as session:
        mine = session.execute(
            select(TrackingPoolNumber.carrier, TrackingPoolNumber.tracking_no).where(
                TrackingPoolNumber.leased_to == name,
                TrackingPoolNumber.parcel_id.is_(None),
                TrackingPoolNumber.carrier.in_(list(wanted)),
            )
        ).all()
    by_carrier: dict[str, list[str]] = {}
    for carrier, number in mine:
        by_carrier.setdefault(carrier, []).append(number)
    for carrier, numbers in by_carrier.items():
        leases.receive(UnitOfWork(station), system, name, carrier, numbers)


_HEARTBEAT = text(
    "UPDATE stations SET last_contact_at = :now, pending = :pending WHERE name = :name "
    "RETURNING (SELECT coalesce(max(seq), 0) FROM change_log), "
    "(SELECT version_num FROM alembic_version LIMIT 1)"
)


def _heartbeat(central_engine: Engine, name: str, pending: int) -> tuple[int, str | None]:
    """Tell the central database the station is there (and how much waits); learn its newest
    change and schema — one statement, all an idle station's round costs."""
    with central_engine.begin() as conn:
        row = conn.execute(_HEARTBEAT, {"now": utcnow(), "pending": pending, "name": name}).first()
        if row is None:  # not registered there (a database restored elsewhere)
            head = conn.scalar(select(func.coalesce(func.max(ChangeLogEntry.seq), 0)))
            return int(head or 0), migrate.current_revision(central_engine)
    return int(row[0]), row[1]


def sync_once(station: Engine, push_only: bool = False) -> SyncResult:
    """One round: push every waiting event, have it applied, pull the central changes (only
    what there is: an idle station's round is one statement)."""
    with Session(station) as session:
        me = _identity(session)
        name, url, watermark = me.name, me.central_url, me.watermark
        waiting = _waiting(session)
    result = SyncResult()
    try:
        with _central(url, waiting, station) as central_engine:
            head, version = _heartbeat(central_engine, name, waiting)
            _compare_versions(migrate.current_revision(station), version)
            if waiting:
                _push(station, central_engine, name, result)
            if not push_only and (head > watermark or result.pushed):
                _pull(station, central_engine, result)
            if not push_only:
                _refill(station, central_engine, name)
    except CentralUnreachable as exc:
        _remember_error(station, exc.message)
        raise
    with Session(station) as session:
        result.pending = _waiting(session)
    _remember_error(station, None)
    return result


def _remember_error(station: Engine, error: Message | None) -> None:
    with UnitOfWork(station) as uow:
        row = _identity(uow.session)
        row.last_error = error.to_json() if error is not None else None
        if error is None:
            row.last_contact_at = utcnow()
        uow.commit()


def resolve(station: Engine, actor: Actor, event_ids: Sequence[str]) -> int:
    """A supervisor dealt with these rejected events: they leave the list (kept, audited)."""
    actor.require(Action.RESOLVE_EXCEPTION)
    by = actor.name
    with UnitOfWork(station) as uow:
        found = uow.session.scalars(
            select(OutboxEvent).where(
                OutboxEvent.event_id.in_(list(event_ids)),
                OutboxEvent.status == "rejected",
                OutboxEvent.resolved_at.is_(None),
            )
        ).all()
        missing = set(event_ids) - {e.event_id for e in found}
        if missing:
            raise SyncRefused(sm.NO_SUCH_REJECTION(event=sorted(missing)[0]))
        now = utcnow()
        for e in found:
            e.resolved_at, e.resolved_by = now, by
            audit.record(
                uow.session,
                actor,
                "sync.rejection_resolved",
                "event",
                e.event_id,
                {"kind": e.kind, "reason": e.reason},
                {"resolved_by": by},
            )
        uow.commit()
    return len(found)


def is_station(engine: Engine) -> bool:
    return station_of(engine) is not None
