"""FIFO allocation (先进先出), pure.

Orders are served by priority (highest first), then ordered_at, then id.  Each line takes stock
from its SKU's lots oldest `received_at` first (ties: lot code, then the location's pick
sequence); SKUs set to FEFO take the earliest expiry first, then FIFO.  Expired lots and
quarantined locations are never used.  An order is allocated whole or not at all, unless its
shop allows partial shipments.  Nothing here can promise a unit twice: every take is subtracted
from the lot's free quantity before the next line looks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from app.messages import Message
from app.messages import orders as om

FAR_FUTURE = dt.date.max


# NamedTuples, not dataclasses: a wave builds tens of thousands of these.
class StockLot(NamedTuple):
    lot_id: int
    sku: str
    lot_code: str
    location: str
    pick_sequence: int
    received_at: dt.datetime
    expiry: dt.date | None
    free: int  # on_hand - allocated
    quarantined: bool = False


class DemandLine(NamedTuple):
    line_id: int
    sku: str
    qty: int


@dataclass(frozen=True)
class DemandOrder:
    order_id: int
    order_no: str
    priority: int
    ordered_at: dt.datetime
    lines: tuple[DemandLine, ...]
    allow_partial: bool = False


class Take(NamedTuple):
    """qty units of one lot promised to one order line."""

    order_id: int
    line_id: int
    lot_id: int
    qty: int


@dataclass
class AllocationResult:
    takes: list[Take] = field(default_factory=list)
    allocated_orders: list[int] = field(default_factory=list)
    #: order_id → reason, for orders left waiting (or only partly served)
    waiting: dict[int, Message] = field(default_factory=dict)


def usable(lot: StockLot, today: dt.date) -> bool:
    return not lot.quarantined and (lot.expiry is None or lot.expiry > today) and lot.free > 0


def lot_order_key(lot: StockLot, fefo: bool) -> tuple[object, ...]:
    fifo = (lot.received_at, lot.lot_code, lot.pick_sequence, lot.lot_id)
    if fefo:
        return (lot.expiry or FAR_FUTURE, *fifo)
    return fifo


def order_key(order: DemandOrder) -> tuple[object, ...]:
    return (-order.priority, order.ordered_at, order.order_id)


def waiting_reason(short: dict[str, int]) -> Message:
    parts = [om.SKU_SHORT(sku=sku, short=n) for sku, n in sorted(short.items())]
    return om.WAITING_FOR_STOCK(short=tuple(parts))


class _SkuStock:
    """One SKU's usable lots in allocation order, with a cursor past the empty ones."""

    __slots__ = ("free", "lots", "start")

    def __init__(self, lots: list[StockLot]) -> None:
        self.lots = lots
        self.free = [lot.free for lot in lots]
        self.start = 0

    def available(self) -> int:
        return sum(self.free[self.start :])

    def take(self, qty: int) -> list[tuple[int, int]]:
        """Take up to qty in order; returns [(index, n)]."""
        taken: list[tuple[int, int]] = []
        i = self.start
        while qty > 0 and i < len(self.lots):
            n = min(qty, self.free[i])
            if n:
                self.free[i] -= n
                taken.append((i, n))
                qty -= n
            i += 1
        while self.start < len(self.lots) and self.free[self.start] == 0:
            self.start += 1
        return taken

    def give_back(self, taken: Iterable[tuple[int, int]]) -> None:
        for i, n in taken:
            self.free[i] += n
            self.start = min(self.start, i)


class StockPool:
    """Usable stock per SKU in allocation order; what is taken stays taken across calls, so a
    service can allocate chunk after chunk of orders against one pool."""

    def __init__(self, today: dt.date, fefo_skus: frozenset[str] = frozenset()) -> None:
        self.today = today
        self.fefo_skus = fefo_skus
        self.stock: dict[str, _SkuStock] = {}

    def __contains__(self, sku: str) -> bool:
        return sku in self.stock

    def add(self, lots: Iterable[StockLot]) -> None:
        """Add lots of SKUs not in the pool yet."""
        by_sku: dict[str, list[StockLot]] = {}
        for lot in lots:
            if usable(lot, self.today) and lot.sku not in self.stock:
                by_sku.setdefault(lot.sku, []).append(lot)
        for sku, group in by_sku.items():
            fefo = sku in self.fefo_skus
            group.sort(key=lambda lot: lot_order_key(lot, fefo))
            self.stock[sku] = _SkuStock(group)


def allocate(
    orders: Sequence[DemandOrder],
    lots: Iterable[StockLot],
    today: dt.date,
    fefo_skus: frozenset[str] = frozenset(),
    max_orders: int | None = None,
) -> AllocationResult:
    pool = StockPool(today, fefo_skus)
    pool.add(lots)
    return allocate_from(pool, orders, max_orders)


def allocate_from(
    pool: StockPool, orders: Sequence[DemandOrder], max_orders: int | None = None
) -> AllocationResult:
    stock = pool.stock
    result = AllocationResult()
    for order in sorted(orders, key=order_key):
        if max_orders is not None and len(result.allocated_orders) >= max_orders:
            break
        taken: list[tuple[DemandLine, _SkuStock, list[tuple[int, int]]]] = []
        short: dict[str, int] = {}
        for line in order.lines:
            sku_stock = stock.get(line.sku)
            got = sku_stock.take(line.qty) if sku_stock else []
            if sku_stock is not None:
                taken.append((line, sku_stock, got))
            missing = line.qty - sum(n for _, n in got)
            if missing:
                short[line.sku] = short.get(line.sku, 0) + missing
        if short and not order.allow_partial:
            for _line, sku_stock, got in taken:
                sku_stock.give_back(got)
            result.waiting[order.order_id] = waiting_reason(short)
            continue
        any_taken = False
        for line, sku_stock, got in taken:
            for i, n in got:
                result.takes.append(Take(order.order_id, line.line_id, sku_stock.lots[i].lot_id, n))
                any_taken = True
        if any_taken:
            result.allocated_orders.append(order.order_id)
        if short:
            result.waiting[order.order_id] = waiting_reason(short)
    return result


# --- the walking path ---------------------------------------------------------------------------


def _number(part: str) -> int:
    digits = "".join(ch for ch in part if ch.isdigit())
    return int(digits) if digits else 0


def path_key(location: str) -> tuple[object, ...]:
    """Zone, aisle, then bay serpentine (odd aisles ascending, even descending), then level."""
    parts = location.split("-")
    zone = parts[0]
    aisle = _number(parts[1]) if len(parts) > 1 else 0
    bay = _number(parts[2]) if len(parts) > 2 else 0
    level = _number(parts[3]) if len(parts) > 3 else 0
    return (zone, aisle, bay if aisle % 2 == 1 else -bay, level, location)
