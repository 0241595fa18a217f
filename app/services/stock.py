"""Stock queries: lots with on-hand and allocated, free stock per SKU, ledger check."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select

from app.db.models import Location, Lot, Sku, StockMove
from app.db.uow import UnitOfWork


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


def list_stock(uow: UnitOfWork, sku: str | None = None) -> list[StockRow]:
    """Lots in FIFO order per SKU (oldest received first, then lot code, then pick sequence)."""
    query = (
        select(
            Sku.code,
            Lot.lot_code,
            Location.code,
            Lot.received_at,
            Lot.expiry,
            Lot.on_hand,
            Lot.allocated,
        )
        .join(Sku, Sku.id == Lot.sku_id)
        .join(Location, Location.id == Lot.location_id)
        .order_by(Sku.code, Lot.received_at, Lot.lot_code, Location.pick_sequence)
    )
    if sku:
        query = query.where(Sku.code == sku)
    with uow.reading() as session:
        return [StockRow(*row) for row in session.execute(query)]


def free_stock_query(today: dt.date) -> Select[str, Any]:
    """SKU code → units that can still be promised: not quarantined, not set aside by a short
    pick, not expired, not allocated."""
    return (
        select(Sku.code, func.sum(Lot.on_hand - Lot.allocated))
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
