"""Allocation benchmark: one pick wave over a big warehouse, its floor, and four stations at
once.  Prints figures, never asserts (a slow machine is not a failed build).

    .venv/bin/python bench/bench_allocation.py                        # 100,000 lots, 10,000 lines
    .venv/bin/python bench/bench_allocation.py --lots 20000 --lines 2000   # a quicker look
    .venv/bin/python bench/bench_allocation.py --profile              # + cProfile of one wave

In a temporary folder it builds one SQLite database (SQLAlchemy Core bulk inserts, migrated like
a station's): SKUs × --lots-per-sku lots with varied receipt times across 5 zones, each lot
backed by a receipt stock move, and reviewed orders totalling --lines order lines (single- and
multi-line, qty 1–3; a few hot SKUs are short so that most, not all, orders can be served).
Every run below works on a fresh copy of that file, so each one starts from the same state:

* the wave: ``create_wave(uow, supervisor, today=...)`` allocating every reviewed order, the
  whole service call including the writes (best of --repeat), then one more run with timers
  around ``allocate`` and the first write to show where the time goes (read / allocate / write);
* the floor: ONE SQL statement that reads exactly the rows allocation needs (the reviewed
  orders' lines and the usable lots of the SKUs they ask for, with location and free qty),
  fetched through the raw driver; and the pure ``allocate()`` alone on those rows;
* four stations: 4 processes (multiprocessing spawn) each ``create_wave(max_orders=n//4+1)`` at
  once on one file; then the checks that nothing was promised twice.

See bench/README.md for the targets and the figures measured so far.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import io
import multiprocessing
import os
import pstats
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import event, func, insert, select, text  # noqa: E402

import app.services.waves as waves  # noqa: E402
from app.bootstrap import open_database  # noqa: E402
from app.db.engine import sqlite_url_for  # noqa: E402
from app.db.models import (  # noqa: E402
    Location,
    Lot,
    Order,
    OrderLine,
    PickTask,
    Sku,
    StockMove,
    WaveOrder,
)
from app.db.uow import UnitOfWork  # noqa: E402
from app.domain.allocation import DemandLine, DemandOrder, StockLot, allocate  # noqa: E402
from app.domain.users import Actor, Role  # noqa: E402
from app.services.waves import create_wave  # noqa: E402

TARGET_WAVE_S = 1.0  # 10,000 order lines against 100,000 lots, 2 cores, whole service call
TARGET_RATIO = 3.0  # service time / floor time
TODAY = dt.date(2026, 11, 20)
NOW = dt.datetime(2026, 11, 20, 9, 0)
ZONES = ("A", "B", "C", "D", "E")
AISLES, BAYS, LEVELS = 20, 20, 5  # per zone: 2,000 locations
QUARANTINE_BAYS = 20  # one quarantined aisle of 20 bays × LEVELS
HOT_SKUS = 3  # SKUs that get HOT_SHARE of all lines: more demand than stock
HOT_SHARE = 0.10
FEFO_SHARE = 0.05  # share of SKUs picked earliest-expiry-first (some of their lots expired)
SUPERVISOR = Actor("bench", Role.SUPERVISOR)
CHUNK = 20_000


def line(label: str, value: str) -> None:
    print(f"  {label:<52} {value}", flush=True)


def verdict(seconds: float, target: float) -> str:
    return f"(target ≤ {target:g} s: {'OK' if seconds <= target else 'SLOWER'})"


# --- the warehouse -------------------------------------------------------------------------


def _locations() -> list[dict[str, Any]]:
    codes: list[tuple[str, str, bool]] = []
    for zone in ZONES:
        for aisle in range(1, AISLES + 1):
            for bay in range(1, BAYS + 1):
                for level in range(1, LEVELS + 1):
                    codes.append((f"{zone}-{aisle:02d}-{bay:02d}-{level:02d}", zone, False))
    for bay in range(1, QUARANTINE_BAYS + 1):
        for level in range(1, LEVELS + 1):
            codes.append((f"E-99-{bay:02d}-{level:02d}", "E", True))
    codes.sort()
    return [
        {"id": i, "code": c, "zone": z, "pick_sequence": i * 10, "quarantined": q}
        for i, (c, z, q) in enumerate(codes, start=1)
    ]


def _insert(conn: Any, table: Any, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), CHUNK):
        conn.execute(insert(table), rows[start : start + CHUNK])


def build(url: str, n_lots: int, n_lines: int, per_sku: int, seed: int) -> dict[str, int]:
    """Migrate a new database at *url* and fill it; returns the counts."""
    rng = random.Random(seed)
    randint, randrange, random_ = rng.randint, rng.randrange, rng.random
    engine = open_database(url)
    n_skus = max(1, n_lots // per_sku)
    skus = [f"SKU-{i:06d}" for i in range(1, n_skus + 1)]
    fefo = {i for i in range(1, n_skus + 1) if random_() < FEFO_SHARE}
    sku_rows = [
        {
            "id": i,
            "code": code,
            "name": f"Bench item {i}",
            "weight_g": 100 + i % 900,
            "fragile": False,
            "low_stock_threshold": 10,
            "expiry_tracked": i in fefo,
            "pick_rule": "fefo" if i in fefo else "fifo",
            "created_at": NOW - dt.timedelta(days=400),
        }
        for i, code in enumerate(skus, start=1)
    ]
    locations = _locations()
    n_locations = len(locations)
    lots: list[dict[str, Any]] = []
    moves: list[dict[str, Any]] = []
    for lot_id in range(1, n_lots + 1):
        sku_id = (lot_id - 1) // per_sku % n_skus + 1
        received = NOW - dt.timedelta(days=randint(1, 365), seconds=randrange(86400))
        expiry = None
        if sku_id in fefo:  # 150–450 days of shelf life: some lots are already expired
            expiry = (received + dt.timedelta(days=randint(150, 450))).date()
        on_hand = randint(1, 50)
        lots.append(
            {
                "id": lot_id,
                "sku_id": sku_id,
                "lot_code": f"B{lot_id:07d}",
                "location_id": randint(1, n_locations),
                "received_at": received,
                "expiry": expiry,
                "on_hand": on_hand,
                "allocated": 0,
            }
        )
        moves.append(
            {
                "id": lot_id,
                "at": received - dt.timedelta(hours=8),
                "kind": "receipt",
                "lot_id": lot_id,
                "qty": on_hand,
                "actor": "bench",
                "reason": "",
                "ref": f"ASN-{lot_id // 500:05d}",
            }
        )
    hot = rng.sample(range(1, n_skus + 1), min(HOT_SKUS, n_skus))
    orders: list[dict[str, Any]] = []
    order_lines: list[dict[str, Any]] = []
    shops = ("tmall-flagship", "jd-store", "douyin-live")
    carriers = ("SF", "ZTO", "YTO", "JD")
    while len(order_lines) < n_lines:
        order_id = len(orders) + 1
        n = 1 if random_() < 0.6 else randint(2, 4)
        n = min(n, n_lines - len(order_lines))
        ordered = NOW - dt.timedelta(seconds=randrange(3 * 86400))
        orders.append(
            {
                "id": order_id,
                "shop": shops[order_id % 3],
                "order_no": f"BO{order_id:08d}",
                "ordered_at": ordered,
                "paid": True,
                "buyer_name": f"Buyer {order_id}",
                "phone": f"138{order_id:08d}",
                "province": "浙江省",
                "city": "杭州市",
                "district": "西湖区",
                "address": f"文三路 {order_id % 999 + 1} 号",
                "carrier": carriers[order_id % 4],
                "note": "",
                "priority": 1 if random_() < 0.05 else 0,
                "status": "reviewed",
                "held_from": None,
                "exception_reasons": [],
                "waiting_reason": None,
                "created_at": ordered + dt.timedelta(minutes=3),
                "updated_at": ordered + dt.timedelta(hours=1),
            }
        )
        chosen: set[int] = set()
        while len(chosen) < n:
            chosen.add(hot[randrange(len(hot))] if random_() < HOT_SHARE else randint(1, n_skus))
        for sku_id in sorted(chosen):
            u = random_()
            order_lines.append(
                {
                    "id": len(order_lines) + 1,
                    "order_id": order_id,
                    "sku_code": skus[sku_id - 1],
                    "sku_id": sku_id,
                    "qty": 1 if u < 0.7 else 2 if u < 0.9 else 3,
                    "gift": False,
                }
            )
    try:
        with engine.connect() as conn:
            raw = conn.connection.driver_connection
            assert raw is not None
            raw.execute("PRAGMA synchronous=OFF")
            raw.execute("PRAGMA cache_size=-262144")
            with conn.begin():
                _insert(conn, Sku, sku_rows)
                _insert(conn, Location, locations)
                _insert(conn, Lot, lots)
                _insert(conn, StockMove, moves)
                _insert(conn, Order, orders)
                _insert(conn, OrderLine, order_lines)
            with conn.begin():
                conn.execute(text("ANALYZE"))
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()
    return {
        "skus": n_skus,
        "locations": n_locations,
        "lots": n_lots,
        "orders": len(orders),
        "lines": len(order_lines),
        "units": sum(r["on_hand"] for r in lots),
        "demanded": sum(r["qty"] for r in order_lines),
    }


def fresh_copy(pristine: Path, name: str) -> str:
    target = pristine.with_name(name)
    for suffix in ("", "-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    shutil.copyfile(pristine, target)
    return sqlite_url_for(target)


# --- the floor -----------------------------------------------------------------------------

#: Everything allocation reads, in one statement: the reviewed orders' lines (kind 0) and the
#: usable lots of the SKUs they ask for (kind 1), with location, pick sequence and free qty.
FLOOR_SQL = """
WITH demand AS MATERIALIZED (
    SELECT o.id AS order_id, o.order_no, o.priority, o.ordered_at, o.shop,
           l.id AS line_id, l.sku_code, l.qty
    FROM orders AS o JOIN order_lines AS l ON l.order_id = o.id
    WHERE o.status = 'reviewed'
)
SELECT 0, order_id, line_id, sku_code, qty, ordered_at, order_no, shop, priority, NULL, NULL
FROM demand
UNION ALL
SELECT 1, lot.id, NULL, s.code, lot.on_hand - lot.allocated, lot.received_at, lot.lot_code,
       loc.code, loc.pick_sequence, lot.expiry, s.pick_rule
FROM lots AS lot
JOIN skus AS s ON s.id = lot.sku_id
JOIN locations AS loc ON loc.id = lot.location_id
WHERE s.code IN (SELECT sku_code FROM demand)
  AND lot.on_hand > lot.allocated
  AND loc.quarantined = 0
  AND (lot.expiry IS NULL OR lot.expiry > ?)
"""


def time_floor(db_file: Path, repeat: int) -> tuple[float, list[tuple[Any, ...]]]:
    """Best time of the floor statement through the raw sqlite3 driver (a fresh connection
    each time, as a wave gets), and its rows."""
    best = float("inf")
    rows: list[tuple[Any, ...]] = []
    for _ in range(repeat):
        conn = sqlite3.connect(db_file)
        try:
            started = time.perf_counter()
            rows = conn.execute(FLOOR_SQL, (TODAY.isoformat(),)).fetchall()
            best = min(best, time.perf_counter() - started)
        finally:
            conn.close()
    return best, rows


def domain_inputs(
    rows: list[tuple[Any, ...]],
) -> tuple[list[DemandOrder], list[StockLot], frozenset[str]]:
    """The floor's rows as allocate() takes them (datetimes parsed as SQLAlchemy would)."""
    heads: dict[int, tuple[str, int, dt.datetime]] = {}
    lines: dict[int, list[DemandLine]] = {}
    lots: list[StockLot] = []
    fefo: set[str] = set()
    parse, parse_date = dt.datetime.fromisoformat, dt.date.fromisoformat
    for kind, a, line_id, sku, qty, at, code, where, seq, expiry, rule in rows:
        if kind == 0:
            if a not in heads:
                heads[a] = (code, seq, parse(at))
            lines.setdefault(a, []).append(DemandLine(line_id, sku, qty))
        else:
            exp = parse_date(expiry) if expiry else None
            lots.append(StockLot(a, sku, code, where, seq, parse(at), exp, qty))
            if rule == "fefo":
                fefo.add(sku)
    orders = [
        DemandOrder(oid, no, prio, at, tuple(sorted(lines[oid], key=lambda d: d.line_id)))
        for oid, (no, prio, at) in heads.items()
    ]
    return orders, lots, frozenset(fefo)


# --- the wave ------------------------------------------------------------------------------


def run_wave(url: str) -> tuple[float, waves.WaveResult]:
    engine = open_database(url, migrate=False)
    try:
        with engine.connect() as conn:  # a station has its engine open already
            conn.exec_driver_sql("SELECT 1")
        started = time.perf_counter()
        result = create_wave(UnitOfWork(engine), SUPERVISOR, today=TODAY)
        return time.perf_counter() - started, result
    finally:
        engine.dispose()


def run_wave_phases(url: str) -> dict[str, float]:
    """One more wave with timers: calls to allocate(), the first INSERT, the COMMIT."""
    marks: dict[str, float] = {"allocate": 0.0, "gc": 0.0, "gc_runs": 0}
    original: Callable[..., Any] = waves.allocate_from

    def on_gc(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            marks["gc_start"] = time.perf_counter()
        else:
            marks["gc"] += time.perf_counter() - marks["gc_start"]
            marks["gc_runs"] += 1

    def timed_allocate(*args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            marks["allocate"] += time.perf_counter() - t0

    def before_cursor(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "first_write" not in marks and statement.lstrip().upper().startswith("INSERT"):
            marks["first_write"] = time.perf_counter()

    def on_commit(_conn: Any) -> None:
        marks["commit_start"] = time.perf_counter()

    engine = open_database(url, migrate=False)
    event.listen(engine, "before_cursor_execute", before_cursor)
    event.listen(engine, "commit", on_commit)
    waves.allocate_from = timed_allocate  # type: ignore[assignment]
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
        gc.callbacks.append(on_gc)
        started = time.perf_counter()
        create_wave(UnitOfWork(engine), SUPERVISOR, today=TODAY)
        ended = time.perf_counter()
    finally:
        if on_gc in gc.callbacks:
            gc.callbacks.remove(on_gc)
        waves.allocate_from = original  # type: ignore[assignment]
        engine.dispose()
    first_write = marks.get("first_write", ended)
    commit_start = marks.get("commit_start", ended)
    return {
        "total": ended - started,
        "read": first_write - started - marks["allocate"],
        "allocate": marks["allocate"],
        "write": commit_start - first_write,
        "commit+result": ended - commit_start,
        "gc": marks["gc"],
        "gc_runs": marks["gc_runs"],
    }


def profile_wave(url: str, top: int) -> None:
    engine = open_database(url, migrate=False)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
        profiler = cProfile.Profile()
        profiler.enable()
        create_wave(UnitOfWork(engine), SUPERVISOR, today=TODAY)
        profiler.disable()
    finally:
        engine.dispose()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    print(out.getvalue())


# --- four stations -------------------------------------------------------------------------


def _station(url: str, max_orders: int) -> tuple[int, int, float, float, float]:
    engine = open_database(url, migrate=False)
    try:
        started = time.time()
        result = create_wave(UnitOfWork(engine), SUPERVISOR, max_orders=max_orders, today=TODAY)
        ended = time.time()
        return len(result.orders), len(result.tasks), started, ended, ended - started
    finally:
        engine.dispose()


def race(url: str, stations: int, total_orders: int, single: set[str]) -> None:
    max_orders = total_orders // stations + 1
    ctx = multiprocessing.get_context("spawn")
    started = time.perf_counter()
    with ctx.Pool(stations) as pool:
        results = pool.starmap(_station, [(url, max_orders)] * stations)
    wall = time.perf_counter() - started
    first = min(r[2] for r in results)
    last = max(r[3] for r in results)
    line(
        f"{stations} stations at once, max_orders {max_orders:,} each",
        f"{wall:7.2f} s wall, incl. spawning and imports "
        f"(first wave start → last commit {last - first:.2f} s)",
    )
    for i, (n_orders, n_tasks, _s, _e, seconds) in enumerate(results, start=1):
        line(f"  station {i}", f"{n_orders:,} orders, {n_tasks:,} tasks in {seconds:.2f} s")
    check_no_double_allocation(url, single)


def check_no_double_allocation(url: str, single: set[str]) -> None:
    engine = open_database(url, migrate=False)
    try:
        with engine.connect() as conn:
            per_lot = dict(
                conn.execute(
                    select(PickTask.lot_id, func.sum(PickTask.qty)).group_by(PickTask.lot_id)
                ).all()
            )
            bad_lots = sum(
                1
                for lot_id, allocated, on_hand in conn.execute(
                    select(Lot.id, Lot.allocated, Lot.on_hand)
                )
                if not allocated == per_lot.get(lot_id, 0) <= on_hand
            )
            waves_per_order = Counter(conn.scalars(select(WaveOrder.order_id)))
            twice = sum(1 for n in waves_per_order.values() if n > 1)
            units = conn.scalar(select(func.coalesce(func.sum(Lot.allocated), 0)))
            task_units = conn.scalar(select(func.coalesce(func.sum(PickTask.qty), 0)))
            per_line = dict(
                conn.execute(
                    select(PickTask.order_line_id, func.sum(PickTask.qty)).group_by(
                        PickTask.order_line_id
                    )
                ).all()
            )
            allocated_lines = conn.execute(
                select(OrderLine.id, OrderLine.qty)
                .join(Order, Order.id == OrderLine.order_id)
                .where(Order.status == "allocated")
            ).all()
            unserved = sum(1 for lid, qty in allocated_lines if per_line.get(lid, 0) != qty)
            allocated_nos = set(
                conn.scalars(select(Order.order_no).where(Order.status == "allocated"))
            )
    finally:
        engine.dispose()
    ok = bad_lots == 0 and twice == 0 and units == task_units and unserved == 0
    line(
        "double allocation check",
        "OK: zero double allocations" if ok else "FAILED: units promised twice or lost",
    )
    line("  lots with allocated ≠ Σ task qty or > on_hand", f"{bad_lots:,}")
    line("  orders in more than one wave", f"{twice:,} (of {len(waves_per_order):,} in waves)")
    line("  allocated units / Σ pick task qty", f"{units:,} / {task_units:,}")
    line("  allocated order lines not exactly covered", f"{unserved:,}")
    same = "yes" if allocated_nos == single else f"no ({len(allocated_nos ^ single):,} differ)"
    line("  same orders allocated as the single wave", same)


# --- main ----------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lots", type=int, default=100_000, help="default 100,000")
    parser.add_argument("--lines", type=int, default=10_000, help="order lines, default 10,000")
    parser.add_argument("--lots-per-sku", type=int, default=10, help="default 10")
    parser.add_argument("--repeat", type=int, default=3, help="wave runs (best is shown)")
    parser.add_argument("--stations", type=int, default=4)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--profile", action="store_true", help="cProfile one more wave")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)

    home = Path(tempfile.mkdtemp(prefix="packdesk-bench-alloc-"))
    pristine = home / "pristine.sqlite"
    print(
        f"Packdesk allocation benchmark: {args.lines:,} order lines vs {args.lots:,} lots, "
        f"{os.cpu_count()} CPUs, SQLite {sqlite3.sqlite_version}"
    )
    try:
        started = time.perf_counter()
        counts = build(
            sqlite_url_for(pristine), args.lots, args.lines, args.lots_per_sku, args.seed
        )
        line(
            "setup (not part of any target)",
            f"{time.perf_counter() - started:7.2f} s: {counts['skus']:,} SKUs, "
            f"{counts['locations']:,} locations, {counts['lots']:,} lots + receipt moves",
        )
        line(
            "",
            f"{counts['orders']:,} reviewed orders, {counts['lines']:,} lines, "
            f"{counts['demanded']:,} units asked of {counts['units']:,} on hand",
        )
        label = f"allocate wave: {counts['lines']:,} lines vs {counts['lots']:,} lots"

        times: list[float] = []
        result = None
        for i in range(args.repeat):
            seconds, result = run_wave(fresh_copy(pristine, f"wave{i}.sqlite"))
            times.append(seconds)
        assert result is not None
        service = min(times)
        line(label, f"{service:7.2f} s  {verdict(service, TARGET_WAVE_S)}")
        line("  runs", ", ".join(f"{t:.2f}" for t in times) + " s (fresh copy each)")
        line(
            "  result",
            f"{len(result.orders):,} orders allocated, {len(result.tasks):,} pick tasks, "
            f"{len(result.unallocated):,} orders waiting for stock",
        )
        phases = run_wave_phases(fresh_copy(pristine, "phases.sqlite"))
        line(
            "  where it goes (one more run, timed phases)",
            f"read {phases['read']:.2f} / allocate {phases['allocate']:.2f} / "
            f"write {phases['write']:.2f} / commit+result {phases['commit+result']:.2f} s "
            f"(total {phases['total']:.2f} s)",
        )
        line(
            "  of which garbage-collector pauses",
            f"{phases['gc']:.2f} s in {phases['gc_runs']:.0f} collections",
        )

        floor, rows = time_floor(pristine, args.repeat)
        n_lots = sum(1 for r in rows if r[0] == 1)
        line(
            "floor: one SELECT of what allocation needs",
            f"{floor:7.2f} s  ({len(rows) - n_lots:,} lines + {n_lots:,} usable lots, "
            "raw sqlite3 fetchall)",
        )
        ratio = service / floor if floor else float("inf")
        ok = "OK" if ratio <= TARGET_RATIO else "SLOWER"
        line("service / floor", f"{ratio:7.1f} ×  (aim ≤ {TARGET_RATIO:g} ×: {ok})")
        started = time.perf_counter()
        orders, lots, fefo = domain_inputs(rows)
        build_s = time.perf_counter() - started
        started = time.perf_counter()
        pure = allocate(orders, lots, TODAY, fefo)
        pure_s = time.perf_counter() - started
        line(
            "pure allocate() on the floor's rows",
            f"{pure_s:7.2f} s  ({len(pure.allocated_orders):,} orders, {len(pure.takes):,} "
            f"takes; rows → domain objects {build_s:.2f} s)",
        )
        same = set(pure.allocated_orders) == {int(no[2:]) for no in result.orders}
        line("  same orders as the service", "yes" if same else "no")

        if args.profile:
            print("\ncProfile of one more wave (fresh copy):")
            profile_wave(fresh_copy(pristine, "profile.sqlite"), 30)

        race(
            fresh_copy(pristine, "race.sqlite"),
            args.stations,
            counts["orders"],
            set(result.orders),
        )
    finally:
        if args.keep:
            print(f"  kept: {home}")
        else:
            shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
