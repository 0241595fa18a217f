"""Waybill number leases: each packing station prints from a block of every carrier's pool
numbers that the central database leased to it, so two stations packing offline never print
the same number.

On the central database (the sync transport calls these for a station)::

    numbers = lease(uow, actor, "PACK-01", "SF", 200)   # up to 200 free SF numbers, oldest first
    release_unused(uow, actor, "PACK-01")               # a retired station's unused numbers back

On the station's own database::

    receive(uow, actor, "PACK-01", "SF", numbers)       # into the local pool; twice adds nothing
    needs(uow, low=50, size=200)                        # {"SF": 170}: what to lease next

A pool number leased to a station (``tracking_pool.leased_to``) is that station's: the central
database's own pack path (``shipping.take_from_pool``) skips it, the station takes it.  A
station's database knows whose it is (``app_meta`` key ``station``, written by the first
:func:`receive`), and on it ``take_from_pool`` takes the numbers leased to it.

On PostgreSQL a lease locks the numbers it takes with ``FOR UPDATE SKIP LOCKED``: two stations
leasing at once never get the same number and never wait for each other; a binding of a number
on the central database holds the number's row, so a lease skips it, or the binding sees the
lease and takes another number.  On SQLite the writer lock (``BEGIN IMMEDIATE``) serialises.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import case, func, select, update
from sqlalchemy.orm import Session

from app.db.models import Parcel, TrackingPoolNumber, utcnow
from app.db.uow import UnitOfWork, retried
from app.domain import limits
from app.domain.errors import InvalidInput
from app.domain.users import Action, Actor
from app.messages import shipping as sm
from app.services import audit
from app.services.shipping import database_station, find_carrier, usable_here

#: Rows read, locked or written per statement (well below SQLite's and PostgreSQL's limits on
#: the parameters of one statement).
CHUNK = 1000
#: What :attr:`TrackingPoolNumber.batch` says for numbers a station received by a lease.
LEASE_BATCH = "lease"


class NothingToLease(InvalidInput):
    """The central database has no free number of the carrier to lease (nothing changed)."""

    def __init__(self, carrier: str, station: str) -> None:
        self.carrier = carrier
        self.station = station
        super().__init__(sm.LEASE_NOTHING_FREE(carrier=carrier, station=station))


def _station_name(station: str) -> str:
    name = station.strip()
    if not name:
        raise InvalidInput(sm.LEASE_NO_STATION())
    return limits.STATION.check(name)


def _require_central(session: Session) -> None:
    here = database_station(session)
    if here is not None:
        raise InvalidInput(sm.LEASE_NOT_CENTRAL(station=here))


# --- the central database ----------------------------------------------------------------------


def lease(uow: UnitOfWork, actor: Actor, station: str, carrier: str, n: int) -> list[str]:
    """Lease up to *n* free numbers of the carrier's pool to *station*, oldest first (one
    transaction, audited), and return them in that order; fewer when fewer are free.

    Free: not used (``parcel_id`` empty) and not leased.  Refused with :class:`NothingToLease`
    when none is free, on a station's database with ``LEASE_NOT_CENTRAL``.
    """
    actor.require(Action.BIND_TRACKING)
    name = _station_name(station)
    if n < 1:
        return []
    with uow.reading() as session:
        code = find_carrier(session, carrier).code

    def run(unit: UnitOfWork) -> list[str]:
        with unit:
            session = unit.session
            _require_central(session)
            now = utcnow()
            numbers: list[str] = []
            # READ COMMITTED: each SELECT sees what other stations committed; numbers another
            # station is leasing (or binding) right now are locked and skipped, and those this
            # lease has marked are no longer free — so the loop ends.
            while len(numbers) < n:
                rows = session.execute(
                    select(TrackingPoolNumber.id, TrackingPoolNumber.tracking_no)
                    .where(
                        TrackingPoolNumber.carrier == code,
                        TrackingPoolNumber.parcel_id.is_(None),
                        TrackingPoolNumber.leased_to.is_(None),
                    )
                    .order_by(TrackingPoolNumber.id)
                    .limit(min(n - len(numbers), CHUNK))
                    .with_for_update(skip_locked=True)
                ).all()
                if not rows:
                    break
                session.execute(
                    update(TrackingPoolNumber)
                    .where(TrackingPoolNumber.id.in_([row.id for row in rows]))
                    .values(leased_to=name, leased_at=now)
                    .execution_options(synchronize_session=False)
                )
                numbers.extend(row.tracking_no for row in rows)
            if not numbers:
                raise NothingToLease(code, name)
            audit.record(
                session,
                actor,
                "lease tracking numbers",
                "carrier",
                code,
                after={"station": name, "count": len(numbers), "numbers": numbers},
            )
            unit.commit()
        return numbers

    return retried(uow, run, "a lease of waybill numbers")


def release_unused(
    uow: UnitOfWork, actor: Actor, station: str, carrier: str | None = None
) -> dict[str, int]:
    """Give the numbers leased to *station* and not used back to the central pool (of one
    carrier, or of all), audited; returns how many per carrier.

    Only for a station that packs no more (retired, replaced) and whose last push the central
    database has applied: a number it printed offline and the central database does not know
    as used yet would be leased again.
    """
    actor.require(Action.MANAGE_CARRIERS)
    name = _station_name(station)
    code: str | None = None
    if carrier is not None:
        with uow.reading() as session:
            code = find_carrier(session, carrier).code
    with uow:
        session = uow.session
        _require_central(session)
        query = select(
            TrackingPoolNumber.id, TrackingPoolNumber.carrier, TrackingPoolNumber.tracking_no
        ).where(TrackingPoolNumber.leased_to == name, TrackingPoolNumber.parcel_id.is_(None))
        if code is not None:
            query = query.where(TrackingPoolNumber.carrier == code)
        rows = session.execute(query.order_by(TrackingPoolNumber.id).with_for_update()).all()
        released: dict[str, list[str]] = {}
        for row in rows:
            released.setdefault(row.carrier, []).append(row.tracking_no)
        ids = [row.id for row in rows]
        for start in range(0, len(ids), CHUNK):
            session.execute(
                update(TrackingPoolNumber)
                .where(TrackingPoolNumber.id.in_(ids[start : start + CHUNK]))
                .values(leased_to=None, leased_at=None)
                .execution_options(synchronize_session=False)
            )
        for code_, numbers in sorted(released.items()):
            audit.record(
                session,
                actor,
                "release tracking lease",
                "carrier",
                code_,
                before={"station": name, "count": len(numbers), "numbers": numbers},
            )
        uow.commit()
    return {code_: len(numbers) for code_, numbers in sorted(released.items())}


# --- the station's database --------------------------------------------------------------------


def receive(
    uow: UnitOfWork, actor: Actor, station: str, carrier: str, numbers: Sequence[str]
) -> int:
    """Put the numbers the central database leased to *station* into this (the station's)
    database's pool, leased to it; numbers already here — in the pool or on a parcel — are
    skipped, so a lease delivered twice adds nothing.  Returns how many were added.

    The first lease a database receives makes it *station*'s (``app_meta``); a lease for
    another station is refused there with ``LEASE_OTHER_STATION``, nothing written.
    """
    actor.require(Action.BIND_TRACKING)
    name = _station_name(station)
    code = carrier.strip().upper()
    limits.CARRIER_CODE.check(code)
    wanted = list(dict.fromkeys(n.strip() for n in numbers if n.strip()))
    for number in wanted:
        limits.TRACKING_NO.check(number)
    with uow:
        session = uow.session
        here = database_station(session)
        if here is None:
            raise InvalidInput(sm.LEASE_NOT_A_STATION(station=name, carrier=code))
        if here != name:
            raise InvalidInput(sm.LEASE_OTHER_STATION(here=here, carrier=code, station=name))
        present: set[str] = set()
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            present.update(
                session.scalars(
                    select(TrackingPoolNumber.tracking_no).where(
                        TrackingPoolNumber.tracking_no.in_(chunk)
                    )
                )
            )
            present.update(
                session.scalars(select(Parcel.tracking_no).where(Parcel.tracking_no.in_(chunk)))
            )
        fresh = [n for n in wanted if n not in present]
        now = utcnow()
        session.add_all(
            TrackingPoolNumber(
                carrier=code,
                tracking_no=number,
                imported_at=now,
                batch=LEASE_BATCH,
                leased_to=name,
                leased_at=now,
            )
            for number in fresh
        )
        if fresh:
            audit.record(
                session,
                actor,
                "receive tracking lease",
                "carrier",
                code,
                after={
                    "station": name,
                    "count": len(fresh),
                    "skipped": len(wanted) - len(fresh),
                    "numbers": fresh,
                },
            )
        uow.commit()
    return len(fresh)


def needs(uow: UnitOfWork, low: int, size: int, *, carriers: Iterable[str] = ()) -> dict[str, int]:
    """Per carrier with numbers in this (the station's) pool — and each of *carriers*, e.g. the
    ones the central database has pools of, on a station's first sync — how many numbers to
    lease to have *size* free again, for those with fewer than *low* free.  Read only."""
    if not 0 <= low <= size:
        raise ValueError(f"need 0 <= low <= size, not low={low}, size={size}")
    with uow.reading() as session:
        here = database_station(session)
        rows = session.execute(
            select(TrackingPoolNumber.carrier, func.count(case((usable_here(here), 1)))).group_by(
                TrackingPoolNumber.carrier
            )
        ).all()
    free = {code: int(count) for code, count in rows}
    for code in carriers:
        free.setdefault(code.strip().upper(), 0)
    return {code: size - count for code, count in sorted(free.items()) if count < low}
