"""Unit of work: one Session, one transaction per user action.

    with uow:                # a write transaction (BEGIN IMMEDIATE on SQLite)
        ...
        uow.commit()
    with uow.reading():      # a read-only snapshot
        ...

Leaving the block without commit() rolls everything back.  A UnitOfWork is cheap; make one per
action and never share it across threads.

On a station's own database (app.sync), ``uow.record(kind, payload, actor)`` writes the action's
event to the outbox in the same transaction as the change itself: the one way every service
tells the central database what happened.  Elsewhere it does nothing.
"""

from __future__ import annotations

import logging
import uuid
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self, TypeVar

from sqlalchemy import Engine, event, func, select
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.orm import Session, SessionTransaction, UOWTransaction

from app.db.models import (
    CountLine,
    HandoverBatch,
    HandoverScan,
    Lot,
    OutboxEvent,
    Parcel,
    SyncStation,
    utcnow,
)

log = logging.getLogger(__name__)


class UnitOfWork:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._writer = engine.execution_options(sqlite_begin="IMMEDIATE")
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("use the unit of work inside a `with` block")
        return self._session

    def __enter__(self) -> Self:
        if self._session is not None:
            raise RuntimeError("unit of work already open")
        self._session = Session(self._writer, expire_on_commit=False, autoflush=True)
        identity = station_identity(self.engine)
        if identity is not None:
            self._session.info["ids"] = _StationIds(identity.id_base)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self.session.rollback()
        finally:
            self.session.close()
            self._session = None

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()

    @property
    def station(self) -> str | None:
        """The station this database belongs to (app.sync), None for a central or stand-alone
        database."""
        return station_of(self.engine)

    def record(self, kind: str, payload: dict[str, Any], actor: str) -> None:
        """On a station: the action's event for the central database, written in this
        transaction (it is pushed later, applied there by the central rules)."""
        if self.station is None:
            return
        session = self.session
        session.flush()  # the rows of the action get their ids (from the station's range)
        ids = session.info.get("ids")
        if isinstance(ids, _StationIds) and ids.taken:
            payload = {**payload, "ids": ids.taken}
            ids.taken = {}
        session.add(
            OutboxEvent(
                event_id=str(uuid.uuid4()),
                kind=kind,
                payload=payload,
                actor=actor,
                at=utcnow(),
                status="pending",
            )
        )

    @contextmanager
    def reading(self) -> Iterator[Session]:
        if self._session is not None:
            raise RuntimeError("unit of work already open")
        self._session = Session(self.engine, expire_on_commit=False, autoflush=False)
        try:
            yield self._session
        finally:
            # close() ends the transaction without expiring what was read.
            self._session.close()
            self._session = None


class UndoNeeded(Exception):
    """A unit of work joined without a savepoint was left without committing: only undoing the
    caller's whole transaction undoes its work."""


class JoinedUnitOfWork(UnitOfWork):
    """A unit of work inside a transaction its caller holds — the central database applying a
    station's events: ``with`` opens a SAVEPOINT, ``commit()`` keeps the work, leaving without it
    undoes only this unit's work.  With ``savepoint=False`` (many events applied together, undone
    whole when one is refused) no SAVEPOINT is opened, and leaving without committing raises
    :class:`UndoNeeded` to the caller instead."""

    def __init__(
        self,
        session: Session,
        planned_ids: dict[str, list[int]] | None = None,
        *,
        savepoint: bool = True,
    ) -> None:
        super().__init__(session.get_bind().engine)
        self._outer = session
        self._use_savepoint = savepoint
        self._savepoint: SessionTransaction | None = None
        self._committed = False
        if planned_ids:
            session.info["ids"] = _PlannedIds(planned_ids)

    def __enter__(self) -> Self:
        if self._session is not None:
            raise RuntimeError("unit of work already open")
        self._session = self._outer
        self._committed = False
        if self._use_savepoint:
            self._savepoint = self._outer.begin_nested()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if self._savepoint is not None and self._savepoint.is_active:
                self._savepoint.rollback()
        finally:
            self._savepoint = None
            self._session = None
        if not self._use_savepoint and not self._committed and exc is None:
            raise UndoNeeded

    def commit(self) -> None:
        self._committed = True
        if self._savepoint is not None:
            self._savepoint.commit()
        elif self._session is not None:
            self._session.flush()

    def rollback(self) -> None:
        if self._savepoint is not None:
            self._savepoint.rollback()
        elif not self._use_savepoint:
            raise UndoNeeded

    @contextmanager
    def reading(self) -> Iterator[Session]:
        if self._session is not None:
            raise RuntimeError("unit of work already open")
        self._session = self._outer
        try:
            yield self._outer
        finally:
            self._session = None


@dataclass(frozen=True)
class StationIdentity:
    name: str
    #: the first id of the station's own range (rows a station makes in replicated tables)
    id_base: int


_STATIONS: weakref.WeakKeyDictionary[Engine, StationIdentity | None] = weakref.WeakKeyDictionary()


def station_identity(engine: Engine) -> StationIdentity | None:
    """The station whose own database *engine* is (read once per engine), else None."""
    try:
        return _STATIONS[engine]
    except KeyError:
        pass
    try:
        with Session(engine) as session:
            row = session.execute(select(SyncStation.name, SyncStation.id_base).limit(1)).first()
    except (OperationalError, ProgrammingError):
        # A database not migrated yet (or that this role may not read): not a station's, for
        # now — not remembered, so that it is read again once the schema is there.
        return None
    found = StationIdentity(row[0], int(row[1])) if row else None
    _STATIONS[engine] = found
    return found


def station_of(engine: Engine) -> str | None:
    identity = station_identity(engine)
    return identity.name if identity else None


def forget_station(engine: Engine) -> None:
    """The database just became a station's (or stopped being one): read it again."""
    _STATIONS.pop(engine, None)


# --- ids of rows a station makes in tables it replicates --------------------------------------
#
# A station makes parcels (binding, packing), lots (a damaged unit into quarantine) and handover
# batches and their scans that the
# central database makes too when it applies the station's events.  Both sides must give such
# a row the same id, or the pull would bring it back as a second row: the station takes ids from
# a range of its own (1,000,000,000 + 10,000,000 × the station's number; the central
# sequences stay far below), writes the ids it took into the event, and the central database
# applying the event gives the rows it makes the same ids, in the same order.

#: Models whose rows a station may make, with ids from its own range.
STATION_MADE = (Parcel, Lot, HandoverBatch, HandoverScan, CountLine)
#: How many ids each station's range holds.
ID_RANGE = 10_000_000
ID_BASE = 1_000_000_000


def station_id_base(number: int) -> int:
    return ID_BASE + number * ID_RANGE


class _StationIds:
    """Ids from the station's range, and the ids taken since the last event was written."""

    def __init__(self, base: int) -> None:
        self.base = base
        self._next: dict[str, int] = {}
        self.taken: dict[str, list[int]] = {}

    def next(self, session: Session, model: type[Any]) -> int | None:
        table = model.__table__.name
        if table not in self._next:
            top = session.execute(
                select(func.max(model.id)).where(
                    model.id >= self.base, model.id < self.base + ID_RANGE
                ),
                execution_options={"autoflush": False},
            ).scalar()
            self._next[table] = int(top) + 1 if top is not None else self.base + 1
        value = self._next[table]
        self._next[table] = value + 1
        self.taken.setdefault(table, []).append(value)
        return value


class _PlannedIds:
    """Ids a station's event says its rows got: the central database gives them the same."""

    def __init__(self, planned: dict[str, list[int]]) -> None:
        self._left = {table: list(ids) for table, ids in planned.items()}

    def next(self, session: Session, model: type[Any]) -> int | None:
        left = self._left.get(model.__table__.name)
        return left.pop(0) if left else None


@event.listens_for(Session, "before_flush")
def _assign_ids(session: Session, _flush: UOWTransaction, _instances: object) -> None:
    ids = session.info.get("ids")
    if ids is None:
        return
    for obj in list(session.new):
        if isinstance(obj, STATION_MADE) and obj.id is None:
            obj.id = ids.next(session, type(obj))


#: PostgreSQL: deadlock detected / serialization failure — the transaction may simply be retried.
RETRYABLE_SQLSTATES = frozenset({"40P01", "40001"})
ATTEMPTS = 5

_T = TypeVar("_T")


def retried(uow: UnitOfWork, run: Callable[[UnitOfWork], _T], what: str) -> _T:
    """``run(uow)`` — one transaction — run again in a fresh unit of work when PostgreSQL chose
    it as the victim of a deadlock or a serialization failure with another station (its work
    was rolled back whole), up to :data:`ATTEMPTS` times."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return run(uow)
        except OperationalError as exc:
            code = getattr(exc.orig, "sqlstate", None)
            # Inside a caller's transaction, the caller's whole transaction is the one to retry.
            joined = isinstance(uow, JoinedUnitOfWork)
            if code not in RETRYABLE_SQLSTATES or attempt == ATTEMPTS or joined:
                raise
            log.info("%s met another station (%s); trying again", what, exc.orig)
            uow = UnitOfWork(uow.engine)
    raise AssertionError("unreachable")
