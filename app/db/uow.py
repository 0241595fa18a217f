"""Unit of work: one Session, one transaction per user action.

    with uow:                # a write transaction (BEGIN IMMEDIATE on SQLite)
        ...
        uow.commit()
    with uow.reading():      # a read-only snapshot
        ...

Leaving the block without commit() rolls everything back.  A UnitOfWork is cheap; make one per
action and never share it across threads.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import Self, TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

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
            if code not in RETRYABLE_SQLSTATES or attempt == ATTEMPTS:
                raise
            log.info("%s met another station (%s); trying again", what, exc.orig)
            uow = UnitOfWork(uow.engine)
    raise AssertionError("unreachable")
