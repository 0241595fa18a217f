"""FIFO allocation: known cases, and random stock/orders checked against a reference written
independently here."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.allocation import (
    DemandLine,
    DemandOrder,
    StockLot,
    allocate,
    path_key,
)

TODAY = dt.date(2026, 11, 20)


def lot(
    lot_id: int,
    sku: str,
    free: int,
    day: int,
    code: str = "",
    seq: int = 0,
    expiry: dt.date | None = None,
    quarantined: bool = False,
) -> StockLot:
    return StockLot(
        lot_id,
        sku,
        code or f"L{lot_id}",
        f"A-01-01-{seq:02d}",
        seq,
        dt.datetime(2026, 9, day),
        expiry,
        free,
        quarantined,
    )


def order(order_id: int, *lines: tuple[str, int], priority: int = 0, day: int = 1) -> DemandOrder:
    return DemandOrder(
        order_id,
        f"O{order_id}",
        priority,
        dt.datetime(2026, 11, day),
        tuple(DemandLine(order_id * 10 + i, sku, qty) for i, (sku, qty) in enumerate(lines)),
    )


def test_oldest_lot_first_and_a_line_splits_across_lots() -> None:
    lots = [lot(1, "CUP", 5, day=10), lot(2, "CUP", 5, day=3), lot(3, "CUP", 5, day=20)]
    result = allocate([order(1, ("CUP", 7))], lots, TODAY)
    assert [(t.lot_id, t.qty) for t in result.takes] == [(2, 5), (1, 2)]


def test_ties_by_lot_code_then_pick_sequence() -> None:
    lots = [
        lot(1, "CUP", 1, day=3, code="B", seq=1),
        lot(2, "CUP", 1, day=3, code="A", seq=9),
        lot(3, "CUP", 1, day=3, code="A", seq=2),
    ]
    result = allocate([order(1, ("CUP", 3))], lots, TODAY)
    assert [t.lot_id for t in result.takes] == [3, 2, 1]


def test_expired_and_quarantined_never_used_fefo_when_set() -> None:
    lots = [
        lot(1, "MILK", 5, day=1, expiry=TODAY),  # expires today: not usable
        lot(2, "MILK", 5, day=2, quarantined=True),
        lot(3, "MILK", 5, day=3, expiry=dt.date(2027, 3, 1)),
        lot(4, "MILK", 5, day=9, expiry=dt.date(2026, 12, 1)),
    ]
    fifo = allocate([order(1, ("MILK", 1))], lots, TODAY)
    fefo = allocate([order(1, ("MILK", 1))], lots, TODAY, fefo_skus=frozenset({"MILK"}))
    assert [t.lot_id for t in fifo.takes] == [3]
    assert [t.lot_id for t in fefo.takes] == [4]


def test_whole_order_or_nothing_and_priority_first() -> None:
    lots = [lot(1, "CUP", 2, day=1), lot(2, "LAMP", 1, day=1)]
    orders = [
        order(1, ("CUP", 1), ("LAMP", 2), day=1),  # LAMP short: nothing taken, CUP stays free
        order(2, ("CUP", 2), day=5),
        order(3, ("CUP", 2), priority=1, day=9),  # VIP goes first
    ]
    result = allocate(orders, lots, TODAY)
    assert result.allocated_orders == [3]
    assert {order: why.english() for order, why in result.waiting.items()} == {
        1: "waiting for stock: SKU CUP short by 1; SKU LAMP short by 1",
        2: "waiting for stock: SKU CUP short by 2",
    }


def test_partial_shipments_when_the_shop_allows() -> None:
    partial = DemandOrder(
        1, "P1", 0, dt.datetime(2026, 11, 1), (DemandLine(1, "CUP", 3),), allow_partial=True
    )
    result = allocate([partial], [lot(1, "CUP", 2, day=1)], TODAY)
    assert [(t.lot_id, t.qty) for t in result.takes] == [(1, 2)]
    assert result.waiting[1].english() == "waiting for stock: SKU CUP short by 1"
    assert result.waiting[1].name == "order.waiting_for_stock"


def test_walking_path_is_serpentine() -> None:
    locations = ["A-02-05-01", "A-01-09-01", "A-02-01-02", "A-01-01-03", "B-01-01-01", "A-01-01-01"]
    assert sorted(locations, key=path_key) == [
        "A-01-01-01",
        "A-01-01-03",
        "A-01-09-01",
        "A-02-05-01",
        "A-02-01-02",
        "B-01-01-01",
    ]


# --- property test against an independent reference ----------------------------------------


def reference(orders: list[DemandOrder], lots: list[StockLot]) -> dict[int, list[tuple[int, int]]]:
    """Deliberately naive: re-sorts and re-scans everything for every line."""
    free = {x.lot_id: x.free for x in lots if not x.quarantined and x.free > 0}
    if any(x.expiry is not None and x.expiry <= TODAY for x in lots):
        for x in lots:
            if x.expiry is not None and x.expiry <= TODAY:
                free.pop(x.lot_id, None)
    out: dict[int, list[tuple[int, int]]] = {}
    for o in sorted(orders, key=lambda o: (-o.priority, o.ordered_at, o.order_id)):
        trial = dict(free)
        takes: list[tuple[int, int]] = []
        ok = True
        for line in o.lines:
            need = line.qty
            candidates = sorted(
                (x for x in lots if x.sku == line.sku and trial.get(x.lot_id, 0) > 0),
                key=lambda x: (x.received_at, x.lot_code, x.pick_sequence, x.lot_id),
            )
            for x in candidates:
                n = min(need, trial[x.lot_id])
                trial[x.lot_id] -= n
                takes.append((x.lot_id, n))
                need -= n
                if need == 0:
                    break
            ok = ok and need == 0
        if ok:
            free = trial
            out[o.order_id] = takes
    return out


SKUS = st.sampled_from(["CUP", "LAMP", "MILK"])
LOTS = st.lists(
    st.builds(
        lambda i, sku, free, day, code, seq, exp, q: lot(
            i, sku, free, day, code, seq, None if exp is None else TODAY + dt.timedelta(exp), q
        ),
        st.integers(1, 10_000),
        SKUS,
        st.integers(0, 6),
        st.integers(1, 28),
        st.sampled_from(["A", "B", "C"]),
        st.integers(0, 3),
        st.one_of(st.none(), st.integers(-3, 30)),
        st.booleans(),
    ),
    max_size=12,
    unique_by=lambda x: x.lot_id,
)
ORDERS = st.lists(
    st.builds(
        lambda i, lines, p, d: order(i, *lines, priority=p, day=d),
        st.integers(1, 1000),
        st.lists(st.tuples(SKUS, st.integers(1, 5)), min_size=1, max_size=3),
        st.integers(0, 2),
        st.integers(1, 28),
    ),
    max_size=10,
    unique_by=lambda o: o.order_id,
)


@settings(max_examples=300, deadline=None)
@given(LOTS, ORDERS)
def test_random_allocation_equals_the_reference_and_never_oversells(
    lots: list[StockLot], orders: list[DemandOrder]
) -> None:
    result = allocate(orders, lots, TODAY)
    got: dict[int, list[tuple[int, int]]] = {}
    for t in result.takes:
        got.setdefault(t.order_id, []).append((t.lot_id, t.qty))
    assert got == reference(orders, lots)
    # totals balance and no lot goes negative
    used: dict[int, int] = {}
    for t in result.takes:
        used[t.lot_id] = used.get(t.lot_id, 0) + t.qty
    for x in lots:
        assert used.get(x.lot_id, 0) <= max(x.free, 0)
    for o in orders:
        if o.order_id in result.allocated_orders:
            per_sku: dict[str, int] = {}
            for line in o.lines:
                per_sku[line.sku] = per_sku.get(line.sku, 0) + line.qty
            taken: dict[str, int] = {}
            sku_of = {x.lot_id: x.sku for x in lots}
            for t in result.takes:
                if t.order_id == o.order_id:
                    taken[sku_of[t.lot_id]] = taken.get(sku_of[t.lot_id], 0) + t.qty
            assert taken == per_sku
        else:
            assert o.order_id in result.waiting
