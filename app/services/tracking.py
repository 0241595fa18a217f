"""Tracking follow-up: carriers' status updates, and the parcels that need a look.

No carrier API is reachable from the floor, so updates arrive as the carrier's status file
(CSV: ``tracking_no, status, time``) through :class:`CsvTrackingSource`; anything that yields
:class:`TrackingUpdate` objects (an API adapter later) can be imported the same way with
:func:`import_updates`. Re-importing the same file changes nothing.

A file may also say that the buyer confirmed receipt — the status 已确认收货 / 已完成, or a
``confirmed_at`` column (then status and time may be blank): the order is completed (已完成),
passing through delivered if the carrier's word had not arrived yet.

Follow-up lists: shipped parcels with no tracking update for 48 hours (``stale``), and orders
the carrier delivered more than 7 days ago that nobody confirmed (``unconfirmed``), which
``complete_delivered`` completes (the follow-up screen and ``packdesk orders complete``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import and_, func, select

from app.db.models import Order, Parcel, TrackingEvent, utcnow
from app.db.uow import UnitOfWork
from app.domain.carriers import normalize_tracking
from app.domain.errors import InvalidInput
from app.domain.orders import OrderStatus
from app.domain.users import Action, Actor
from app.messages import Message
from app.messages import followup as fm
from app.messages import shipping as sm
from app.services import audit, lifecycle

if TYPE_CHECKING:
    from app.services.tabular import Table

#: Canonical statuses and the words carriers' files use for them (English and Chinese).
STATUS_WORDS: dict[str, tuple[str, ...]] = {
    "picked_up": ("picked_up", "picked up", "collected", "accepted", "已揽收", "揽收", "揽件"),
    "in_transit": ("in_transit", "in transit", "transit", "运输中", "在途", "转运中"),
    "out_for_delivery": ("out_for_delivery", "out for delivery", "派送中", "派件中", "派件"),
    "delivered": ("delivered", "signed", "已签收", "签收", "妥投", "已妥投"),
    "exception": ("exception", "problem", "异常", "问题件", "疑难件"),
    "returned": ("returned", "return", "退回", "已退回", "退件"),
    # The shop's word that the buyer confirmed receipt: the order is completed.
    "confirmed": ("confirmed", "received", "completed", "已确认收货", "确认收货", "已完成"),
}
_CANONICAL = {word.lower(): status for status, words in STATUS_WORDS.items() for word in words}
_TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M")


class UnreadableUpdate(ValueError):
    """A status or time in a carrier's file that cannot be read; ``message`` says why."""

    def __init__(self, message: Message) -> None:
        self.message = message
        super().__init__(message.english())


def canonical_status(word: str) -> str:
    status = _CANONICAL.get(word.strip().lower())
    if status is None:
        raise UnreadableUpdate(sm.UNKNOWN_STATUS(word=word, known=", ".join(STATUS_WORDS)))
    return status


def parse_time(text: str) -> dt.datetime:
    value = text.strip().replace("T", " ")
    for fmt in _TIME_FORMATS:
        try:
            return dt.datetime.strptime(value[:19] if "%S" in fmt else value, fmt)
        except ValueError:
            continue
    raise UnreadableUpdate(sm.NOT_A_TIME(text=text))


@dataclass(frozen=True)
class TrackingUpdate:
    tracking_no: str
    status: str  # canonical
    at: dt.datetime
    row: int = 0  # where it came from (for error messages)


class TrackingSource(Protocol):
    """Where updates come from: a carrier's file today, an API adapter tomorrow."""

    name: str

    def updates(self) -> Iterator[TrackingUpdate]:
        """Updates in any order; raises ValueError (an UnreadableUpdate, with the row) for an
        unreadable one."""
        ...


#: The status of the buyer's confirmation, and the optional column that says when.
CONFIRMED = "confirmed"
CONFIRMED_AT = "confirmed_at"


class CsvTrackingSource:
    """The carrier's status file: CSV (or XLSX) with tracking_no, status, time."""

    REQUIRED = ("tracking_no", "status", "time")

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = path.name

    def updates(self) -> Iterator[TrackingUpdate]:
        from app.services.tabular import TableError, read_table

        try:
            table = read_table(self.path)
        except TableError as exc:
            raise InvalidInput(
                sm.STATUS_FILE_PROBLEM(file=self.path.name, problem=exc.message)
            ) from exc
        missing = table.missing(self.REQUIRED)
        if missing:
            raise InvalidInput(
                sm.STATUS_FILE_COLUMNS(file=self.path.name, missing=", ".join(missing))
            )
        try:
            yield from self._updates(table)
        except TableError as exc:  # found further down: a quote never closed, too many rows
            raise InvalidInput(
                sm.STATUS_FILE_PROBLEM(file=self.path.name, problem=exc.message)
            ) from exc

    def _updates(self, table: Table) -> Iterator[TrackingUpdate]:
        from app.services.tabular import text

        confirmations = CONFIRMED_AT in table.header
        for row in table.rows():
            if row.problem is not None:
                raise _RowError(row.number, row.problem)
            number = normalize_tracking(text(table.cell(row, "tracking_no")))
            if not number:
                continue
            confirmed = text(table.cell(row, CONFIRMED_AT)).strip() if confirmations else ""
            word = text(table.cell(row, "status"))
            try:
                if word.strip() or not confirmed:
                    status = canonical_status(word)
                    at = parse_time(text(table.cell(row, "time")))
                    yield TrackingUpdate(number, status, at, row.number)
                if confirmed:
                    yield TrackingUpdate(number, CONFIRMED, parse_time(confirmed), row.number)
            except UnreadableUpdate as exc:
                raise _RowError(row.number, exc.message) from exc


class _RowError(UnreadableUpdate):
    def __init__(self, row: int, message: Message) -> None:
        super().__init__(message)
        self.row = row


@dataclass
class TrackingImport:
    imported: int = 0
    duplicates: int = 0  # the same update imported before
    unknown: list[str] = field(default_factory=list)  # numbers bound to no parcel here
    delivered: list[str] = field(default_factory=list)  # orders now delivered
    completed: list[str] = field(default_factory=list)  # orders the buyer confirmed: completed
    #: {"row", "column", "message"}: the message is an app.messages.Message
    errors: list[dict[str, object]] = field(default_factory=list)


def import_updates(uow: UnitOfWork, actor: Actor, source: TrackingSource) -> TrackingImport:
    """Store the source's updates (all or nothing); a *delivered* update moves its shipped
    order to delivered, a *confirmed* one (the buyer confirmed receipt) a delivered or shipped
    order to completed (audited). Numbers no parcel here carries are listed, not stored."""
    actor.require(Action.IMPORT_TRACKING)
    result = TrackingImport()
    updates: list[TrackingUpdate] = []
    iterator = source.updates()
    while True:
        try:
            updates.append(next(iterator))
        except StopIteration:
            break
        except _RowError as exc:
            result.errors.append({"row": exc.row, "column": "", "message": exc.message})
    if result.errors:
        return result
    with uow:
        session = uow.session
        numbers = sorted({u.tracking_no for u in updates})
        owners: dict[str, int] = {}
        for chunk in _chunks(numbers, 500):
            for number, order_id in session.execute(
                select(Parcel.tracking_no, Parcel.order_id).where(Parcel.tracking_no.in_(chunk))
            ):
                if number is not None:
                    owners[number] = order_id
        seen: set[tuple[str, str, dt.datetime]] = set()
        for chunk in _chunks(numbers, 500):
            for number, status, at in session.execute(
                select(TrackingEvent.tracking_no, TrackingEvent.status, TrackingEvent.at).where(
                    TrackingEvent.tracking_no.in_(chunk)
                )
            ):
                seen.add((number, status, at))
        delivered_orders: set[int] = set()
        confirmed_orders: set[int] = set()
        now = utcnow()
        for update in updates:
            if update.tracking_no not in owners:
                if update.tracking_no not in result.unknown:
                    result.unknown.append(update.tracking_no)
                continue
            key = (update.tracking_no, update.status, update.at)
            if key in seen:
                result.duplicates += 1
                continue
            seen.add(key)
            session.add(
                TrackingEvent(
                    tracking_no=update.tracking_no,
                    status=update.status,
                    at=update.at,
                    source=source.name,
                    imported_at=now,
                )
            )
            result.imported += 1
            if update.status == "delivered":
                delivered_orders.add(owners[update.tracking_no])
            elif update.status == CONFIRMED:
                confirmed_orders.add(owners[update.tracking_no])
        moving = delivered_orders | confirmed_orders
        for order in session.scalars(select(Order).where(Order.id.in_(moving))):
            if order.status == OrderStatus.SHIPPED:
                lifecycle.move(
                    session,
                    actor,
                    order,
                    OrderStatus.DELIVERED,
                    action="delivered (carrier)",
                    source=source.name,
                )
                result.delivered.append(order.order_no)
            if order.id in confirmed_orders and order.status == OrderStatus.DELIVERED:
                lifecycle.move(
                    session,
                    actor,
                    order,
                    OrderStatus.COMPLETED,
                    action="completed (buyer confirmed)",
                    source=source.name,
                )
                result.completed.append(order.order_no)
        audit.record(
            session,
            actor,
            "import tracking updates",
            "tracking",
            source.name,
            after={"imported": result.imported, "duplicates": result.duplicates},
        )
        uow.commit()
    return result


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass(frozen=True)
class FollowUp:
    order_no: str
    shop: str
    parcel_no: int
    carrier: str | None
    tracking_no: str
    status: str  # the last tracking status, or "no update"
    since: dt.datetime  # the last update, or when the parcel shipped
    hours: float
    order_id: int = 0


def stale(uow: UnitOfWork, hours: float = 48, now: dt.datetime | None = None) -> list[FollowUp]:
    """Shipped parcels with no tracking update for ``hours`` (oldest first)."""
    now = now or utcnow()
    last = (
        select(TrackingEvent.tracking_no, func.max(TrackingEvent.at).label("at"))
        .group_by(TrackingEvent.tracking_no)
        .subquery()
    )
    with uow.reading() as session:
        rows = session.execute(
            select(
                Order.order_no,
                Order.shop,
                Parcel.parcel_no,
                Parcel.carrier,
                Parcel.tracking_no,
                last.c.at,
                Parcel.bound_at,
                Order.updated_at,
                Order.id,
            )
            .join(Order, Order.id == Parcel.order_id)
            .outerjoin(last, last.c.tracking_no == Parcel.tracking_no)
            .where(Order.status == OrderStatus.SHIPPED, Parcel.tracking_no.is_not(None))
        ).all()
        latest_status: dict[tuple[str, dt.datetime], str] = {}
        wanted = [(r[4], r[5]) for r in rows if r[5] is not None]
        for chunk_start in range(0, len(wanted), 500):
            chunk = wanted[chunk_start : chunk_start + 500]
            for no, at, status in session.execute(
                select(TrackingEvent.tracking_no, TrackingEvent.at, TrackingEvent.status).where(
                    TrackingEvent.tracking_no.in_([n for n, _ in chunk])
                )
            ):
                latest_status[(no, at)] = status
    found = []
    for order_no, shop, parcel_no, carrier, number, last_at, bound_at, updated_at, oid in rows:
        since = last_at or updated_at or bound_at
        if since is None:
            continue
        age = (now - since).total_seconds() / 3600
        if age < hours:
            continue
        status = latest_status.get((number, last_at), "no update") if last_at else "no update"
        if status == "delivered":
            continue
        found.append(FollowUp(order_no, shop, parcel_no, carrier, number, status, since, age, oid))
    return sorted(found, key=lambda f: f.since)


def unconfirmed(uow: UnitOfWork, days: float = 7, now: dt.datetime | None = None) -> list[FollowUp]:
    """Orders the carrier delivered more than ``days`` ago and that are still not completed."""
    now = now or utcnow()
    delivered = (
        select(TrackingEvent.tracking_no, func.max(TrackingEvent.at).label("at"))
        .where(TrackingEvent.status == "delivered")
        .group_by(TrackingEvent.tracking_no)
        .subquery()
    )
    with uow.reading() as session:
        rows = session.execute(
            select(
                Order.order_no,
                Order.shop,
                Parcel.parcel_no,
                Parcel.carrier,
                Parcel.tracking_no,
                delivered.c.at,
                Order.id,
            )
            .join(Order, Order.id == Parcel.order_id)
            .join(delivered, and_(delivered.c.tracking_no == Parcel.tracking_no))
            .where(Order.status == OrderStatus.DELIVERED)
        ).all()
    found = [
        FollowUp(o, s, p, c, str(n), "delivered", at, (now - at).total_seconds() / 3600, oid)
        for o, s, p, c, n, at, oid in rows
        if (now - at).total_seconds() >= days * 86400
    ]
    return sorted(found, key=lambda f: f.since)


def complete_delivered(
    uow: UnitOfWork,
    actor: Actor,
    older_than_days: float,
    now: dt.datetime | None = None,
    *,
    only: Collection[tuple[str, str]] | None = None,
) -> list[str]:
    """Complete (已完成) the delivered orders that :func:`unconfirmed` lists for
    *older_than_days*: delivered that long ago and nobody confirmed — of *only* (shop, order
    number) when given (the ones a supervisor chose, or the follow-up list has shown).  One
    transaction, each order audited; an order another station moved on meanwhile is left
    alone.  Returns the order numbers completed."""
    actor.require(Action.COMPLETE_ORDERS)
    if older_than_days < 0:
        raise InvalidInput(fm.DAYS_NEGATIVE(days=older_than_days))
    due = unconfirmed(uow, older_than_days, now)
    keys = sorted({(f.shop, f.order_no) for f in due})
    if only is not None:
        chosen = set(only)
        keys = [key for key in keys if key in chosen]
    completed: list[str] = []
    with uow:
        session = uow.session
        for shop, order_no in keys:
            order = session.scalars(
                select(Order).where(Order.shop == shop, Order.order_no == order_no)
            ).one_or_none()
            if order is None or order.status != OrderStatus.DELIVERED:
                continue
            lifecycle.move(
                session,
                actor,
                order,
                OrderStatus.COMPLETED,
                action="completed (not confirmed)",
                older_than_days=older_than_days,
            )
            completed.append(order.order_no)
        uow.commit()
    return completed
