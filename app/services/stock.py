"""Stock queries: lots with on-hand and allocated, free stock per SKU, ledger check; the stock
ledger with its running balances, the search behind the stock screen, the low-stock list
(库存预警 / 补货) and their exports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from app.db.models import Barcode, Location, Lot, Sku, StockMove
from app.db.uow import UnitOfWork
from app.domain.barcodes import lookup_key
from app.domain.errors import DomainError
from app.messages import stock as sm


@dataclass(frozen=True)
class StockRow:
    sku: str
    lot: str
    location: str
    received_at: dt.datetime
    expiry: dt.date | None
    on_hand: int
    allocated: int

    def to_json(self) -> dict[str, object]:
        return {
            "sku": self.sku,
            "lot": self.lot,
            "location": self.location,
            "received_at": self.received_at.isoformat(sep=" "),
            "on_hand": self.on_hand,
            "allocated": self.allocated,
        }


def _fifo(*columns: Any) -> Select[*tuple[Any, ...]]:
    """*columns* of every lot with its SKU and location, in FIFO order per SKU (oldest received
    first, then lot code, then pick sequence)."""
    return (
        select(*columns)
        .join(Sku, Sku.id == Lot.sku_id)
        .join(Location, Location.id == Lot.location_id)
        .order_by(Sku.code, Lot.received_at, Lot.lot_code, Location.pick_sequence, Lot.id)
    )


def list_stock(uow: UnitOfWork, sku: str | None = None) -> list[StockRow]:
    """Lots in FIFO order per SKU (oldest received first, then lot code, then pick sequence)."""
    query = _fifo(
        Sku.code,
        Lot.lot_code,
        Location.code,
        Lot.received_at,
        Lot.expiry,
        Lot.on_hand,
        Lot.allocated,
    )
    if sku:
        query = query.where(Sku.code == sku)
    with uow.reading() as session:
        return [StockRow(*row) for row in session.execute(query)]


def free_stock_query(today: dt.date) -> Select[str, Any]:
    """SKU code → units that can still be promised: not quarantined, not set aside by a short
    pick, not expired, not allocated.  (Columns ``sku`` and ``free``; a SKU with no such lot
    has no row.)"""
    return (
        select(Sku.code.label("sku"), func.sum(Lot.on_hand - Lot.allocated).label("free"))
        .join(Sku, Sku.id == Lot.sku_id)
        .join(Location, Location.id == Lot.location_id)
        .where(
            Location.quarantined.is_(False),
            Lot.set_aside.is_(False),
            (Lot.expiry.is_(None)) | (Lot.expiry > today),
        )
        .group_by(Sku.code)
    )


@dataclass(frozen=True)
class LedgerMismatch:
    lot_id: int
    on_hand: int
    ledger: int


def verify_ledger(uow: UnitOfWork) -> list[LedgerMismatch]:
    """Every lot's cached on-hand must equal the sum of its stock moves."""
    moves = (
        select(StockMove.lot_id, func.sum(StockMove.qty).label("total"))
        .group_by(StockMove.lot_id)
        .subquery()
    )
    query = (
        select(Lot.id, Lot.on_hand, func.coalesce(moves.c.total, 0))
        .outerjoin(moves, moves.c.lot_id == Lot.id)
        .where(Lot.on_hand != func.coalesce(moves.c.total, 0))
    )
    with uow.reading() as session:
        return [LedgerMismatch(*row) for row in session.execute(query)]


# --- time: the ledger stores UTC, people think in their own calendar days ---------------------


def local_time(utc: dt.datetime) -> dt.datetime:
    """A stored (naive UTC) time as this computer's local wall-clock time (naive)."""
    return utc.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def utc_midnight(day: dt.date) -> dt.datetime:
    """The start of a local calendar day as a stored (naive UTC) time."""
    return dt.datetime.combine(day, dt.time()).astimezone(dt.UTC).replace(tzinfo=None)


class StockRefused(DomainError):
    """A stock question that cannot be answered as asked (an unknown SKU, lot or location…)."""


# --- low stock and replenishment (库存预警 / 补货) ----------------------------------------------

#: Demand is what was picked in this many days (today included).
DEMAND_DAYS = 30


@dataclass(frozen=True)
class LowStockRow:
    """A SKU whose free stock is below its low-stock threshold."""

    sku: str
    name: str
    free: int
    threshold: int
    demand_30d: int  # units picked in the last DEMAND_DAYS days
    days_of_cover: float | None  # free / daily demand; None: nothing picked, no rate to run out

    def to_json(self) -> dict[str, object]:
        return {
            "sku": self.sku,
            "name": self.name,
            "free": self.free,
            "threshold": self.threshold,
            "demand_30d": self.demand_30d,
            "days_of_cover": self.days_of_cover,
        }


#: The replenishment list's columns (CSV/XLSX), as in the JSON.
LOW_STOCK_COLUMNS = ("sku", "name", "free", "threshold", "demand_30d", "days_of_cover")


def _low(today: dt.date) -> tuple[Any, Any]:
    """(free units of a SKU, the join that gives them): every SKU, 0 without a usable lot."""
    free = free_stock_query(today).subquery()
    return func.coalesce(free.c.free, 0), free


def low_stock(uow: UnitOfWork, today: dt.date) -> list[LowStockRow]:
    """SKUs whose free stock (not allocated, not quarantined, not expired on *today*) is below
    their threshold, with the units picked in the last 30 days (today and the 29 days before,
    local calendar days) and the days of cover that demand leaves. Lowest cover first; SKUs
    nothing was picked of (no cover to compute) last; then by SKU. Two aggregates in one query."""
    free_units, free = _low(today)
    demand = (
        select(Lot.sku_id.label("sku_id"), func.sum(-StockMove.qty).label("units"))
        .join(Lot, Lot.id == StockMove.lot_id)
        .where(
            StockMove.kind == "pick",
            StockMove.at >= utc_midnight(today - dt.timedelta(days=DEMAND_DAYS - 1)),
        )
        .group_by(Lot.sku_id)
        .subquery()
    )
    query = (
        select(
            Sku.code,
            Sku.name,
            free_units,
            Sku.low_stock_threshold,
            func.coalesce(demand.c.units, 0),
        )
        .outerjoin(free, free.c.sku == Sku.code)
        .outerjoin(demand, demand.c.sku_id == Sku.id)
        .where(free_units < Sku.low_stock_threshold)
    )
    with uow.reading() as session:
        rows = [
            LowStockRow(
                sku=code,
                name=name,
                free=int(units),
                threshold=int(threshold),
                demand_30d=int(picked),
                days_of_cover=round(int(units) * DEMAND_DAYS / int(picked), 1) if picked else None,
            )
            for code, name, units, threshold, picked in session.execute(query)
        ]
    rows.sort(key=lambda r: (r.days_of_cover is None, r.days_of_cover or 0.0, r.sku))
    return rows


def low_stock_count(uow: UnitOfWork, today: dt.date) -> int:
    """How many SKUs :func:`low_stock` lists (one count, without the demand: the banner's)."""
    free_units, free = _low(today)
    query = (
        select(func.count())
        .select_from(Sku)
        .outerjoin(free, free.c.sku == Sku.code)
        .where(free_units < Sku.low_stock_threshold)
    )
    with uow.reading() as session:
        return int(session.scalar(query) or 0)


def export_low_stock(rows: Sequence[LowStockRow], path: Path) -> int:
    """The replenishment list as CSV (UTF-8 with a BOM) or XLSX (by the suffix), whole or not
    at all; returns the rows written."""
    from app.services.export import write_rows

    values = ([row.to_json()[c] for c in LOW_STOCK_COLUMNS] for row in rows)
    return write_rows(Path(path), LOW_STOCK_COLUMNS, values, sheet="low stock")


# --- what a search finds: a SKU, a location or a lot code -------------------------------------


@dataclass(frozen=True)
class StockScope:
    """Whose stock: a SKU (by its code), a lot code, a location code — or several of them."""

    sku: str | None = None
    lot: str | None = None
    location: str | None = None

    def __bool__(self) -> bool:
        return bool(self.sku or self.lot or self.location)


def find(uow: UnitOfWork, text: str) -> StockScope:
    """What a typed or scanned code names: a SKU code, else a SKU's barcode (GTINs however they
    are scanned), else a location code, else a lot code. Nothing: StockRefused."""
    code = text.strip()
    with uow.reading() as session:
        sku = _sku_code(session, code)
        if sku is not None:
            return StockScope(sku=sku)
        if session.scalar(select(Location.code).where(Location.code == code)) is not None:
            return StockScope(location=code)
        if session.scalar(select(Lot.lot_code).where(Lot.lot_code == code).limit(1)) is not None:
            return StockScope(lot=code)
    raise StockRefused(sm.NOT_FOUND(text=code))


def _sku_code(session: Session, code: str) -> str | None:
    """The SKU code of *code* as a SKU code or as one of its barcodes; None: no such SKU."""
    if not code:
        return None
    found = session.scalar(select(Sku.code).where(Sku.code == code))
    if found is None:
        found = session.scalar(
            select(Sku.code)
            .join(Barcode, Barcode.sku_id == Sku.id)
            .where(Barcode.lookup == lookup_key(code))
        )
    return found


@dataclass(frozen=True)
class LotRow:
    """One lot in one location, as the stock screen lists it."""

    sku: str
    name: str
    lot: str
    location: str
    received_at: dt.datetime
    expiry: dt.date | None
    on_hand: int
    allocated: int
    quarantined: bool
    expired: bool

    @property
    def free(self) -> int:
        """Units that can still be promised: none in quarantine or past the expiry."""
        return 0 if self.quarantined or self.expired else self.on_hand - self.allocated

    @property
    def scope(self) -> StockScope:
        """This lot and nothing else (its ledger)."""
        return StockScope(sku=self.sku, lot=self.lot, location=self.location)


def lots(
    uow: UnitOfWork,
    today: dt.date,
    scope: StockScope | None = None,
    *,
    offset: int = 0,
    limit: int | None = None,
) -> list[LotRow]:
    """The lots (of *scope*, else every lot) in FIFO order per SKU — a page of *limit* from
    *offset* (the stock screen reads them page by page)."""
    query = (
        _fifo(
            Sku.code,
            Sku.name,
            Lot.lot_code,
            Location.code,
            Lot.received_at,
            Lot.expiry,
            Lot.on_hand,
            Lot.allocated,
            Location.quarantined,
        )
        .offset(offset)
        .limit(limit)
    )
    if scope is not None:
        query = _in_scope(query, scope)
    with uow.reading() as session:
        return [
            LotRow(
                sku=row[0],
                name=row[1],
                lot=row[2],
                location=row[3],
                received_at=row[4],
                expiry=row[5],
                on_hand=row[6],
                allocated=row[7],
                quarantined=bool(row[8]),
                expired=row[5] is not None and row[5] <= today,
            )
            for row in session.execute(query)
        ]


_Query = TypeVar("_Query", bound="Select[*tuple[Any, ...]]")


def _in_scope(query: _Query, scope: StockScope) -> _Query:
    if scope.sku is not None:
        query = query.where(Sku.code == scope.sku)
    if scope.lot is not None:
        query = query.where(Lot.lot_code == scope.lot)
    if scope.location is not None:
        query = query.where(Location.code == scope.location)
    return query


# --- the stock ledger ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LedgerRow:
    """One stock move with the balances after it."""

    id: int
    at: dt.datetime  # naive UTC, as stored
    kind: str  # receipt, pick, putaway, adjustment, return, quarantine, count…
    sku: str
    lot: str
    location: str
    qty: int  # signed: + in, − out
    lot_balance: int  # on hand of this lot in this location after the move
    balance: int  # units of the whole scope asked for (SKU / lot code / location) after it
    actor: str
    reason: str
    ref: str

    @property
    def key(self) -> tuple[dt.datetime, int]:
        """Where the next page starts (``after=``)."""
        return (self.at, self.id)

    def to_json(self) -> dict[str, object]:
        return {
            "at": self.at.replace(tzinfo=dt.UTC).isoformat(timespec="seconds"),
            "kind": self.kind,
            "sku": self.sku,
            "lot": self.lot,
            "location": self.location,
            "qty": self.qty,
            "lot_balance": self.lot_balance,
            "balance": self.balance,
            "actor": self.actor,
            "reason": self.reason,
            "ref": self.ref,
        }


#: The ledger's columns in a CSV/XLSX file ("at" in local time there).
LEDGER_COLUMNS = (
    "at",
    "kind",
    "sku",
    "lot",
    "location",
    "qty",
    "lot_balance",
    "balance",
    "actor",
    "reason",
    "ref",
)


def ledger(
    uow: UnitOfWork,
    *,
    sku: str | None = None,
    lot: str | None = None,
    location: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    newest_first: bool = False,
    after: tuple[dt.datetime, int] | None = None,
    limit: int | None = None,
) -> list[LedgerRow]:
    """Every stock move of a SKU (its code or a barcode), a lot code and/or a location (those
    given must all hold), oldest first (or newest first), with two running balances:

    * ``lot_balance`` — per lot: the units of that lot in that location after the move (the
      last one equals the lot's on hand);
    * ``balance`` — per the filter's scope: the units of everything asked for after the move
      (a SKU: all its lots; a location: everything in it; a lot code: that lot wherever it is).

    *since* / *until* are local calendar days, both included; the balances count every move
    before *since* too. *after* (a row's ``key``) and *limit* read page by page.
    An unknown SKU, lot or location, none of the three, or *since* after *until*: StockRefused.
    """
    if not (sku or lot or location):
        raise StockRefused(sm.NO_SCOPE())
    if since is not None and until is not None and since > until:
        raise StockRefused(sm.DATES_REVERSED(since=since.isoformat(), until=until.isoformat()))
    with uow.reading() as session:
        scope = _known_scope(session, sku, lot, location)
        order = (StockMove.at, StockMove.id)
        moves = _in_scope(
            select(
                StockMove.id,
                StockMove.at,
                StockMove.kind,
                Sku.code.label("sku"),
                Lot.lot_code,
                Location.code.label("location"),
                StockMove.qty,
                func.sum(StockMove.qty)
                .over(partition_by=StockMove.lot_id, order_by=order)
                .label("lot_balance"),
                func.sum(StockMove.qty).over(order_by=order).label("balance"),
                StockMove.actor,
                StockMove.reason,
                StockMove.ref,
            )
            .join(Lot, Lot.id == StockMove.lot_id)
            .join(Sku, Sku.id == Lot.sku_id)
            .join(Location, Location.id == Lot.location_id),
            scope,
        ).subquery()
        query = select(moves)
        if since is not None:
            query = query.where(moves.c.at >= utc_midnight(since))
        if until is not None:
            query = query.where(moves.c.at < utc_midnight(until + dt.timedelta(days=1)))
        if after is not None:
            at, move_id = after
            if newest_first:
                query = query.where(
                    or_(moves.c.at < at, and_(moves.c.at == at, moves.c.id < move_id))
                )
            else:
                query = query.where(
                    or_(moves.c.at > at, and_(moves.c.at == at, moves.c.id > move_id))
                )
        if newest_first:
            query = query.order_by(moves.c.at.desc(), moves.c.id.desc())
        else:
            query = query.order_by(moves.c.at, moves.c.id)
        return [
            LedgerRow(
                id=row.id,
                at=row.at,
                kind=row.kind,
                sku=row.sku,
                lot=row.lot_code,
                location=row.location,
                qty=int(row.qty),
                lot_balance=int(row.lot_balance),
                balance=int(row.balance),
                actor=row.actor,
                reason=row.reason,
                ref=row.ref,
            )
            for row in session.execute(query.limit(limit))
        ]


def _known_scope(
    session: Session, sku: str | None, lot: str | None, location: str | None
) -> StockScope:
    """The scope with the SKU as its code (a barcode given), each part known: else refused."""
    sku_code = None
    if sku:
        sku_code = _sku_code(session, sku.strip())
        if sku_code is None:
            raise StockRefused(sm.UNKNOWN_SKU(sku=sku))
    if lot and session.scalar(select(Lot.id).where(Lot.lot_code == lot).limit(1)) is None:
        raise StockRefused(sm.UNKNOWN_LOT(lot=lot))
    if location and session.scalar(select(Location.id).where(Location.code == location)) is None:
        raise StockRefused(sm.UNKNOWN_LOCATION(location=location))
    return StockScope(sku=sku_code, lot=lot or None, location=location or None)


def export_ledger(rows: Iterable[LedgerRow], path: Path) -> int:
    """Ledger rows as CSV (UTF-8 with a BOM) or XLSX (by the suffix), times in local time,
    whole or not at all; returns the rows written."""
    from app.services.export import write_rows

    def values(row: LedgerRow) -> list[object]:
        data = row.to_json()
        data["at"] = local_time(row.at)
        return [data[c] for c in LEDGER_COLUMNS]

    return write_rows(Path(path), LEDGER_COLUMNS, (values(r) for r in rows), sheet="ledger")
