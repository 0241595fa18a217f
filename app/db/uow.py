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
from types import TracebackType
from typing import Any, Self, TypeVar

from sqlalchemy import Engine, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, SessionTransaction

from app.db.models import OutboxEvent, SyncStation, utcnow

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
        self.session.add(
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


class JoinedUnitOfWork(UnitOfWork):
    """A unit of work inside a transaction its caller holds — the central database applying a
    station's batch of events, all of it or none: ``with`` opens a SAVEPOINT, ``commit()``
    keeps the work, leaving without it undoes only this unit's work."""

    def __init__(self, session: Session) -> None:
        super().__init__(session.get_bind().engine)
        self._outer = session
        self._savepoint: SessionTransaction | None = None

    def __enter__(self) -> Self:
        if self._session is not None:
            raise RuntimeError("unit of work already open")
        self._session = self._outer
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

    def commit(self) -> None:
        if self._savepoint is not None:
            self._savepoint.commit()

    def rollback(self) -> None:
        if self._savepoint is not None:
            self._savepoint.rollback()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        if self._session is not None:
            raise RuntimeError("unit of work already open")
        self._session = self._outer
        try:
            yield self._outer
        finally:
            self._session = None


_STATIONS: weakref.WeakKeyDictionary[Engine, str | None] = weakref.WeakKeyDictionary()


def station_of(engine: Engine) -> str | None:
    """The station whose own database *engine* is (read once per engine), else None."""
    try:
        return _STATIONS[engine]
    except KeyError:
        pass
    with Session(engine) as session:
        name = session.scalar(select(SyncStation.name).limit(1))
    _STATIONS[engine] = name
    return name


def forget_station(engine: Engine) -> None:
    """The database just became a station's (or stopped being one): read it again."""
    _STATIONS.pop(engine, None)


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
