"""Work that needs the central database (it allocates or changes what every station shares).

On a station's own database (app.sync) such work is done on the central database — the one
the station syncs with — and the station pulls the result (its listener hears the change at
once; the command line pulls right after).  When the central database cannot be reached, it is
refused in words and nothing is changed:

    uow = require_central(uow, sync_msg.WHAT_WAVE())   # the unit of work to do it with
"""

from __future__ import annotations

import weakref

from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.db.engine import make_engine
from app.db.models import OutboxEvent, SyncStation
from app.db.uow import UnitOfWork
from app.domain.errors import DomainError
from app.messages import Message
from app.messages import sync as sm


class NeedsCentral(DomainError):
    """The action needs the central database, which cannot be reached now (or must first hear
    from this station); nothing was changed."""


_CENTRAL: weakref.WeakKeyDictionary[Engine, Engine] = weakref.WeakKeyDictionary()
#: Stations whose central database changed through them since last asked (to pull).
_TOUCHED: weakref.WeakSet[Engine] = weakref.WeakSet()


def central_engine(station: Engine, url: str | None = None) -> Engine:
    """The one engine on *station*'s central database (its sync and the work done there share
    it); a new one when the station was pointed at another address (*url*, else read)."""
    if url is None:
        with Session(station) as session:
            url = str(session.scalar(select(SyncStation.central_url)))
    engine = _CENTRAL.get(station)
    if engine is not None and engine.url.render_as_string(hide_password=False) != url:
        engine.dispose()
        engine = None
    if engine is None:
        # No ping before each use: a dead connection is seen by the statement itself, and an
        # idle station's round stays one statement.
        engine = make_engine(url, pool_pre_ping=False, connect_args={"connect_timeout": 3})
        _CENTRAL[station] = engine
    return engine


def forget_central(station: Engine) -> None:
    """The central database failed: the next use connects afresh."""
    engine = _CENTRAL.pop(station, None)
    if engine is not None:
        engine.dispose()


def require_central(uow: UnitOfWork, what: Message) -> UnitOfWork:
    """The unit of work to do *what* with: *uow* itself off a station; on a station, one on
    its central database (NeedsCentral when that does not answer)."""
    station = uow.station
    if station is None:
        return uow
    with Session(uow.engine) as session:
        waiting = session.scalar(
            select(func.count())
            .select_from(OutboxEvent)
            .where(OutboxEvent.status.in_(("pending", "sent")))
        )
    if waiting:
        # The central database must know what this station did first (a short pick of a
        # task whose picks it has not seen would count them missing).
        raise NeedsCentral(sm.WAIT_FOR_SYNC(what=what, station=station, pending=waiting))
    engine = central_engine(uow.engine)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except OperationalError as exc:
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        raise NeedsCentral(sm.NEEDS_CENTRAL(what=what, station=station, detail=detail)) from exc
    _TOUCHED.add(uow.engine)
    return UnitOfWork(engine)


def changed_centrally(station: Engine) -> bool:
    """Whether work was done on *station*'s central database since the last call."""
    if station in _TOUCHED:
        _TOUCHED.discard(station)
        return True
    return False
