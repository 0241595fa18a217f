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

from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import Self

from sqlalchemy import Engine
from sqlalchemy.orm import Session


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
