"""Parcels and their tracking numbers: carriers, number pools, binding (绑定运单号).

    bind(uow, actor, "TB001", "SF1234567890123")           # first parcel, the order's carrier
    take_from_pool(uow, actor, "TB001")                    # e-waybill: the next pool number
    import_pool(uow, actor, "ZTO", path)                   # a carrier's file of numbers

Rules: one number ↔ one parcel (unique constraint ``parcels.tracking_no``, and a pool number is
used once, by the one database that may print it: a number the central database leased to a
station (app.services.leases) is that station's, and the central pack path skips it); a number
must fit its carrier's rule (length, prefix, characters, check digit), checked before the write
transaction begins (a custom carrier's pattern is a person's: it never runs while this station
holds the database's write lock); binding is allowed from *reviewed* until *shipped* (many
warehouses print the e-waybill before picking), and the order's first parcel exists from then on.
Changing a parcel's number (a damaged label) is a supervisor's rebind, and the old number stays
in the audit trail.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import ColumnElement, case, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db.models import (
    CustomCarrier,
    Order,
    Parcel,
    SyncStation,
    TrackingPoolNumber,
    VoidedTrackingNumber,
    utcnow,
)
from app.db.uow import UnitOfWork
from app.domain import carriers as registry
from app.domain import limits
from app.domain.carriers import Carrier, InvalidTrackingNumber
from app.domain.errors import InvalidInput, NotFound
from app.domain.events import EventKind
from app.domain.orders import OrderStatus
from app.domain.users import Action, Actor
from app.messages import Message
from app.messages import cancellation as cm
from app.messages import shipping as sm
from app.messages.words import status_word
from app.services import audit

#: From review until it ships: the statuses in which a tracking number may be bound.
BINDABLE = frozenset(
    {
        OrderStatus.REVIEWED,
        OrderStatus.ALLOCATED,
        OrderStatus.PICKING,
        OrderStatus.PICKED,
        OrderStatus.PACKING,
        OrderStatus.PACKED,
    }
)
#: A pool with fewer free numbers than this is reported as running low.
POOL_LOW = 100


class AlreadyBound(InvalidInput):
    """The tracking number belongs to another parcel already."""

    def __init__(self, tracking_no: str, order_no: str, parcel_no: int) -> None:
        self.tracking_no = tracking_no
        self.order_no = order_no
        self.parcel_no = parcel_no
        super().__init__(sm.ALREADY_BOUND(number=tracking_no, order=order_no, parcel=parcel_no))


@dataclass(frozen=True)
class BindResult:
    order_no: str
    parcel_no: int
    carrier: str
    tracking_no: str
    changed: bool  # False: the parcel had this very number already
    previous: str | None = None  # the number a rebind replaced
    pool_left: int | None = None  # free numbers left in the carrier's pool (pool numbers only)


@dataclass(frozen=True)
class PoolStatus:
    carrier: str
    name: str
    free: int
    used: int
    low: bool
    #: Central database: numbers leased to stations and not known to be used yet (neither
    #: free here nor used).  On a station's database: 0 (its numbers are its own, free).
    leased: int = 0


@dataclass
class PoolImport:
    carrier: str
    imported: int = 0
    skipped: int = 0  # already in the pool
    #: {"row", "column", "message"}: the message is an app.messages.Message
    errors: list[dict[str, object]] = field(default_factory=list)
    free: int = 0
    low: bool = False


# --- carriers --------------------------------------------------------------------------------


def find_carrier(session: Session, code: str) -> Carrier:
    """A carrier of the registry, or one added with its own regex (``add_custom_carrier``)."""
    try:
        return registry.carrier(code)
    except registry.UnknownCarrier:
        row = session.get(CustomCarrier, code.strip().upper())
        if row is None:
            raise
        return _stored(row)


def all_carriers(session: Session) -> list[Carrier]:
    custom = session.scalars(select(CustomCarrier).order_by(CustomCarrier.code)).all()
    return [*registry.CARRIERS.values(), *(_stored(c) for c in custom)]


def _stored(row: CustomCarrier) -> Carrier:
    """A custom carrier as stored; one saved before today's rules (a pattern RE2 cannot run)
    is listed and refuses every number, saying why, until it is added again."""
    try:
        return registry.custom_carrier(row.code, row.name, row.regex)
    except InvalidInput as exc:
        return registry.unusable(row.code, row.name, exc.message)


def _unchanged(session: Session, found: Carrier) -> bool:
    """Whether *found* is still the carrier's definition (a number was checked against it
    before this write transaction began)."""
    if found.code in registry.CARRIERS:
        return True
    row = session.get(CustomCarrier, found.code)
    return row is not None and row.regex == found.pattern


def add_custom_carrier(uow: UnitOfWork, actor: Actor, code: str, name: str, regex: str) -> str:
    """Add (or change) a carrier the registry does not know; returns its code."""
    actor.require(Action.MANAGE_CARRIERS)
    built = registry.custom_carrier(code, name, regex)  # refuses bad regexes and known codes
    with uow:
        row = uow.session.get(CustomCarrier, built.code)
        before = None if row is None else {"name": row.name, "regex": row.regex}
        if row is None:
            row = CustomCarrier(code=built.code, name=name.strip(), regex=regex)
            uow.session.add(row)
        else:
            row.name, row.regex = name.strip(), regex
        audit.record(
            uow.session,
            actor,
            "set custom carrier",
            "carrier",
            built.code,
            before=before,
            after={"name": name.strip(), "regex": regex},
        )
        uow.commit()
    return built.code


# --- binding -------------------------------------------------------------------------------


def find_order(
    session: Session, order_no: str, shop: str | None = None, *, lock: bool = False
) -> Order:
    """The order by its number (and shop, when numbers repeat across shops).  *lock*: row-locked
    for the transaction (PostgreSQL), so a cancel or a hold waits for this action or is seen."""
    query = select(Order).where(Order.order_no == order_no.strip())
    if lock:
        query = query.with_for_update(of=Order)
    if shop:
        query = query.where(Order.shop == shop)
    found = session.scalars(query.limit(3)).all()
    if not found:
        raise NotFound(sm.NO_ORDER(order=order_no.strip()))
    if len(found) > 1:
        shops = ", ".join(sorted(o.shop for o in found))
        raise InvalidInput(sm.ORDER_IN_SEVERAL_SHOPS(order=order_no.strip(), shops=shops))
    return found[0]


def _parcel(session: Session, order: Order, parcel_no: int | None, *, create: bool) -> Parcel:
    """Parcel ``parcel_no`` of the order (1 when not given); the next one may be created."""
    number = parcel_no or 1
    if number < 1:
        raise InvalidInput(sm.PARCEL_NUMBER_TOO_SMALL())
    parcel = session.scalars(
        select(Parcel).where(Parcel.order_id == order.id, Parcel.parcel_no == number)
    ).first()
    if parcel is not None:
        return parcel
    count = session.scalar(
        select(func.count()).select_from(Parcel).where(Parcel.order_id == order.id)
    )
    if not create or number > int(count or 0) + 1:
        raise NotFound(sm.NO_PARCEL(order=order.order_no, parcel=number, count=int(count or 0)))
    parcel = Parcel(order_id=order.id, parcel_no=number, carrier=order.carrier)
    session.add(parcel)
    session.flush()
    return parcel


def _owner(session: Session, tracking_no: str) -> tuple[str, int] | None:
    row = session.execute(
        select(Order.order_no, Parcel.parcel_no)
        .join(Order, Order.id == Parcel.order_id)
        .where(Parcel.tracking_no == tracking_no)
    ).first()
    return (row[0], row[1]) if row else None


def _refuse_voided(session: Session, number: str) -> None:
    """A number voided when its order was cancelled is never bound again."""
    voided = session.get(VoidedTrackingNumber, number)
    if voided is not None:
        order_no = session.scalar(select(Order.order_no).where(Order.id == voided.order_id))
        raise InvalidInput(cm.VOIDED_NUMBER(number=number, order=order_no or "?"))


def _carrier_code(order: Order, carrier: str | None) -> str:
    """The carrier a number is bound for: the one named, else the order's."""
    code = (carrier or order.carrier or "").strip()
    if not code:
        raise InvalidInput(sm.NO_CARRIER(order=order.order_no))
    return code


def _check_bindable(order: Order) -> None:
    if order.status not in BINDABLE:
        raise InvalidInput(sm.NOT_BINDABLE(order=order.order_no, status=status_word(order.status)))


def bind(
    uow: UnitOfWork,
    actor: Actor,
    order_no: str,
    tracking_no: str,
    *,
    carrier: str | None = None,
    parcel_no: int | None = None,
    shop: str | None = None,
    rebind_reason: str | None = None,
) -> BindResult:
    """Bind ``tracking_no`` to a parcel of the order (one transaction, audited).

    ``rebind_reason`` (supervisors): replace the parcel's number; the old one is kept in the
    audit trail. Without it, a parcel that has another number already is refused.
    """
    return _bind(
        uow,
        actor,
        order_no,
        tracking_no,
        carrier=carrier,
        parcel_no=parcel_no,
        shop=shop,
        rebind_reason=rebind_reason,
        from_pool=False,
    )


class _LeasedMeanwhile(Exception):
    """The pool number chosen was leased to a station before it could be bound here."""


def _bind(
    uow: UnitOfWork,
    actor: Actor,
    order_no: str,
    tracking_no: str,
    *,
    carrier: str | None,
    parcel_no: int | None,
    shop: str | None,
    rebind_reason: str | None = None,
    from_pool: bool,
) -> BindResult:
    """:func:`bind`; *from_pool*: the number was chosen from this database's pool, and one
    leased to another station meanwhile raises :class:`_LeasedMeanwhile` (nothing written)."""
    actor.require(Action.BIND_TRACKING)
    if rebind_reason is not None:
        actor.require(Action.REBIND_TRACKING)
        if not rebind_reason.strip():
            raise InvalidInput(sm.REBIND_REASON_MISSING())
    with uow.reading() as session:  # a snapshot: other stations write meanwhile
        order = find_order(session, order_no, shop)
        _check_bindable(order)
        code = _carrier_code(order, carrier)
        found = find_carrier(session, code)
    # No transaction is open while the number is checked against the carrier's rule.
    number = registry.validate_tracking(found, tracking_no)
    with uow:
        session = uow.session
        order = find_order(session, order_no, shop)
        _check_bindable(order)
        if _carrier_code(order, carrier) != code or not _unchanged(session, found):
            raise InvalidInput(sm.CARRIER_CHANGED(carrier=found.code))
        parcel = _parcel(session, order, parcel_no, create=True)
        if parcel.tracking_no == number:
            return BindResult(order.order_no, parcel.parcel_no, found.code, number, changed=False)
        owner = _owner(session, number)
        if owner is not None:
            raise AlreadyBound(number, *owner)
        _refuse_voided(session, number)
        previous = parcel.tracking_no
        if previous and rebind_reason is None:
            raise InvalidInput(
                sm.PARCEL_HAS_NUMBER(parcel=parcel.parcel_no, order=order.order_no, number=previous)
            )
        # Locked (PostgreSQL): a lease of this number (app.services.leases) waits for this
        # binding or skips the number; a lease that came first is seen here.
        pool = session.scalars(
            select(TrackingPoolNumber)
            .where(TrackingPoolNumber.tracking_no == number)
            .with_for_update()
            .execution_options(populate_existing=True)
        ).first()
        if pool is not None and pool.parcel_id is not None and pool.parcel_id != parcel.id:
            raise InvalidInput(sm.POOL_NUMBER_USED(number=number))
        if (
            from_pool
            and pool is not None
            and pool.leased_to not in (None, database_station(session))
        ):
            raise _LeasedMeanwhile(number)
        parcel.tracking_no = number
        parcel.carrier = found.code
        parcel.bound_at = utcnow()
        parcel.bound_by = actor.name
        if pool is not None:
            pool.parcel_id, pool.used_at = parcel.id, utcnow()
        audit.record(
            session,
            actor,
            "rebind tracking number" if previous else "bind tracking number",
            "parcel",
            parcel.id,
            before={"tracking_no": previous} if previous else None,
            after={
                "order_no": order.order_no,
                "parcel_no": parcel.parcel_no,
                "carrier": found.code,
                "tracking_no": number,
                **({"reason": rebind_reason.strip()} if rebind_reason else {}),
            },
        )
        try:
            session.flush()
        except IntegrityError as exc:  # another station bound it a moment ago
            session.rollback()
            owner = _owner(session, number)
            if owner is not None:
                raise AlreadyBound(number, *owner) from exc
            raise
        left = _free(session, found.code) if pool is not None else None
        uow.record(
            EventKind.WAYBILL_BOUND,
            {
                "order_no": order.order_no,
                "shop": order.shop,
                "number": number,
                "carrier": found.code,
                "parcel_no": parcel.parcel_no,
                "rebind_reason": rebind_reason,
            },
            actor.name,
        )
        uow.commit()
    return BindResult(
        order.order_no, parcel.parcel_no, found.code, number, True, previous, pool_left=left
    )


def take_from_pool(
    uow: UnitOfWork,
    actor: Actor,
    order_no: str,
    *,
    carrier: str | None = None,
    parcel_no: int | None = None,
    shop: str | None = None,
) -> BindResult:
    """Bind the carrier's next free pool number to the parcel (e-waybill before picking).

    A parcel that has a number keeps it (returned unchanged)."""
    actor.require(Action.BIND_TRACKING)
    with uow.reading() as session:
        order = find_order(session, order_no, shop)
        code = (carrier or order.carrier or "").strip()
        existing = session.scalars(
            select(Parcel).where(Parcel.order_id == order.id, Parcel.parcel_no == (parcel_no or 1))
        ).first()
        if existing is not None and existing.tracking_no:
            return BindResult(
                order.order_no,
                existing.parcel_no,
                existing.carrier or code,
                existing.tracking_no,
                changed=False,
            )
        if not code:
            raise InvalidInput(sm.NO_CARRIER(order=order.order_no))
        code = find_carrier(session, code).code
    # Another station may take the same free number meanwhile, or the central database lease
    # it to a station: then the next one is tried.
    for _attempt in range(5):
        with uow.reading() as session:
            here = database_station(session)
            number = session.scalar(
                select(TrackingPoolNumber.tracking_no)
                .where(TrackingPoolNumber.carrier == code, usable_here(here))
                .order_by(TrackingPoolNumber.id)
                .limit(1)
            )
            if number is None:
                raise InvalidInput(_pool_empty(session, code, here))
        try:
            return _bind(
                uow,
                actor,
                order_no,
                number,
                carrier=code,
                parcel_no=parcel_no,
                shop=shop,
                from_pool=True,
            )
        except (AlreadyBound, _LeasedMeanwhile):
            continue
    raise InvalidInput(sm.POOL_BUSY(carrier=code))


def _pool_empty(session: Session, code: str, here: str | None) -> Message:
    """Why this database has no number of the carrier to print, and what to do."""
    if here is not None:
        return sm.POOL_EMPTY_STATION(carrier=code, station=here)
    leased = int(
        session.scalar(
            select(func.count())
            .select_from(TrackingPoolNumber)
            .where(
                TrackingPoolNumber.carrier == code,
                TrackingPoolNumber.parcel_id.is_(None),
                TrackingPoolNumber.leased_to.is_not(None),
            )
        )
        or 0
    )
    if leased:
        return sm.POOL_ALL_LEASED(carrier=code, leased=leased)
    return sm.POOL_EMPTY(carrier=code)


def parcels_of(session: Session, order_id: int) -> Sequence[Parcel]:
    return session.scalars(
        select(Parcel).where(Parcel.order_id == order_id).order_by(Parcel.parcel_no)
    ).all()


# --- pools -----------------------------------------------------------------------------------


#: The app_meta key whose value is the station a database belongs to (a station's own SQLite
#: database); the central database, and a stand-alone one, have none.
def database_station(session: Session) -> str | None:
    """The station this database belongs to (its ``sync_station`` row: ``packdesk station
    init``); None on the central (or a stand-alone) database."""
    name: str | None = session.scalar(select(SyncStation.name).limit(1))
    return name


def usable_here(here: str | None) -> ColumnElement[bool]:
    """Pool numbers this database may print: unused, and not leased to a station other than
    *here* (:func:`database_station`) — on the central database, not leased at all."""
    unused = TrackingPoolNumber.parcel_id.is_(None)
    if here is None:
        return unused & TrackingPoolNumber.leased_to.is_(None)
    return unused & or_(
        TrackingPoolNumber.leased_to.is_(None), TrackingPoolNumber.leased_to == here
    )


def _free(session: Session, code: str) -> int:
    """Numbers of the carrier this database may still print."""
    return int(
        session.scalar(
            select(func.count())
            .select_from(TrackingPoolNumber)
            .where(TrackingPoolNumber.carrier == code, usable_here(database_station(session)))
        )
        or 0
    )


def pool_status(uow: UnitOfWork, low: int = POOL_LOW) -> list[PoolStatus]:
    """Per carrier that has a pool: the numbers free here, used, and (central database) leased
    to stations; *low* when fewer than *low* are free."""
    with uow.reading() as session:
        here = database_station(session)
        rows = session.execute(
            select(
                TrackingPoolNumber.carrier,
                func.count(),
                func.count(TrackingPoolNumber.parcel_id),
                func.count(case((usable_here(here), 1))),
            ).group_by(TrackingPoolNumber.carrier)
        ).all()
        names = {c.code: c.name_en for c in all_carriers(session)}
    return [
        PoolStatus(code, names.get(code, code), free, used, free < low, leased=total - used - free)
        for code, total, used, free in sorted(rows)
    ]


def _pool_numbers(text: str) -> list[tuple[int, str]]:
    """(row, number) from a TXT (one number per line) or CSV (a tracking_no column) file."""
    lines = text.splitlines()
    first = lines[0].strip().lower().lstrip("\ufeff") if lines else ""
    if "," in first or first in ("tracking_no", "waybill_no", "运单号"):
        reader = csv.reader(io.StringIO(text))
        header = [h.strip().lower().lstrip("\ufeff") for h in next(reader, [])]
        names = ("tracking_no", "waybill_no", "运单号", "number")
        column = next((i for i, h in enumerate(header) if h in names), None)
        if column is None:
            raise InvalidInput(sm.POOL_NO_COLUMN())
        return [
            (row_no, row[column].strip())
            for row_no, row in enumerate(reader, start=2)
            if len(row) > column and row[column].strip()
        ]
    return [(n, line.strip()) for n, line in enumerate(lines, start=1) if line.strip()]


def import_pool(
    uow: UnitOfWork, actor: Actor, carrier: str, path: Path, low: int = POOL_LOW
) -> PoolImport:
    """Import a carrier's pre-allocated waybill numbers, all or nothing; every number is checked
    against the carrier's rule; numbers already in the pool are skipped."""
    actor.require(Action.MANAGE_CARRIERS)
    from app.services.tabular import TableError, check_regular_file, decode_csv_bytes

    try:
        check_regular_file(path)
        text, _encoding = decode_csv_bytes(path.read_bytes())
    except OSError as exc:
        raise InvalidInput(
            sm.POOL_FILE_UNREADABLE(file=path.name, reason=exc.strerror or str(exc))
        ) from exc
    except TableError as exc:
        raise InvalidInput(sm.POOL_FILE_PROBLEM(file=path.name, problem=exc.message)) from exc
    entries = _pool_numbers(text)
    if not entries:
        raise InvalidInput(sm.POOL_FILE_EMPTY(file=path.name))
    with uow.reading() as session:
        found = find_carrier(session, carrier)
    # Every number is checked before the write transaction begins (the carrier's rule may be a
    # person's pattern).
    result = PoolImport(found.code)
    seen: dict[str, int] = {}
    numbers: list[str] = []
    for row, raw in entries:
        try:
            number = registry.validate_tracking(found, raw)
        except InvalidTrackingNumber as exc:
            result.errors.append({"row": row, "column": "tracking_no", "message": exc.message})
            continue
        if number in seen:
            result.errors.append(
                {
                    "row": row,
                    "column": "tracking_no",
                    "message": sm.POOL_DUPLICATE(number=number, first=seen[number]),
                }
            )
            continue
        seen[number] = row
        numbers.append(number)
    if result.errors:
        return result  # nothing imported
    batch = path.name[: limits.FILE_NAME.max_len]
    with uow:
        session = uow.session
        if not _unchanged(session, found):
            raise InvalidInput(sm.CARRIER_CHANGED(carrier=found.code))
        existing = set(
            session.scalars(
                select(TrackingPoolNumber.tracking_no).where(
                    TrackingPoolNumber.tracking_no.in_(numbers)
                )
            )
        )
        bound = set(
            session.scalars(select(Parcel.tracking_no).where(Parcel.tracking_no.in_(numbers)))
        )
        now = utcnow()
        fresh = [n for n in numbers if n not in existing and n not in bound]
        session.add_all(
            TrackingPoolNumber(carrier=found.code, tracking_no=n, imported_at=now, batch=batch)
            for n in fresh
        )
        result.imported = len(fresh)
        result.skipped = len(numbers) - len(fresh)
        session.flush()
        result.free = _free(session, found.code)
        result.low = result.free < low
        audit.record(
            session,
            actor,
            "import tracking pool",
            "carrier",
            found.code,
            after={"file": path.name, "imported": result.imported, "skipped": result.skipped},
        )
        uow.commit()
    return result


def parcel_view(session: Session, order: Order) -> list[dict[str, object]]:
    """The order's parcels for lists: number, carrier, tracking number, bound at."""
    return [
        {
            "parcel_no": p.parcel_no,
            "carrier": p.carrier,
            "tracking_no": p.tracking_no,
            "bound_at": p.bound_at.isoformat(sep=" ", timespec="seconds") if p.bound_at else None,
        }
        for p in parcels_of(session, order.id)
    ]


# --- what the binding screen shows ------------------------------------------------------------


@dataclass(frozen=True)
class ParcelInfo:
    parcel_no: int
    carrier: str | None
    tracking_no: str | None


@dataclass(frozen=True)
class BindView:
    """An order as the binding screen shows it (found by order no or by a bound number)."""

    order_no: str
    shop: str
    status: str
    carrier: str | None
    buyer_name: str
    city: str
    parcels: tuple[ParcelInfo, ...]
    found_by_tracking: str | None = None  # the scanned code was this parcel's number

    @property
    def next_parcel(self) -> int:
        """The parcel a scanned number goes to: the first without one, else the last (a second
        number for a bound parcel is refused; a new parcel is asked for explicitly)."""
        for parcel in self.parcels:
            if not parcel.tracking_no:
                return parcel.parcel_no
        return self.parcels[-1].parcel_no if self.parcels else 1


def binding_view(uow: UnitOfWork, code: str) -> BindView | None:
    """The order a scanned code names: an order number, or a tracking number bound here."""
    code = code.strip()
    if not code:
        return None
    with uow.reading() as session:
        by_tracking: str | None = None
        orders = session.scalars(select(Order).where(Order.order_no == code).limit(2)).all()
        if len(orders) > 1:
            shops = ", ".join(sorted(o.shop for o in orders))
            raise InvalidInput(sm.ORDER_IN_SEVERAL_SHOPS(order=code, shops=shops))
        if not orders:
            number = registry.normalize_tracking(code)
            parcel = session.scalars(select(Parcel).where(Parcel.tracking_no == number)).first()
            if parcel is None:
                return None
            order = session.get(Order, parcel.order_id)
            assert order is not None
            by_tracking = number
        else:
            order = orders[0]
        parcels = tuple(
            ParcelInfo(p.parcel_no, p.carrier, p.tracking_no) for p in parcels_of(session, order.id)
        )
        return BindView(
            order.order_no,
            order.shop,
            order.status,
            order.carrier,
            order.buyer_name,
            order.city,
            parcels,
            by_tracking,
        )


def carrier_for(uow: UnitOfWork, number: str) -> list[str]:
    """Which carriers' rules a scanned number fits (registry and custom carriers)."""
    with uow.reading() as session:
        return registry.detect_carriers(number, all_carriers(session))
