"""Stock counts on a big warehouse: a full count of 10,000 locations made, counted and
submitted, and a count scan persisted.  Prints figures, never asserts.

    .venv/bin/python bench/bench_counts.py                              # demo of 100,000 orders
    .venv/bin/python bench/bench_counts.py --orders 1000000             # the targets' size
    .venv/bin/python bench/bench_counts.py --db sqlite+pysqlite:////path/demo.sqlite  # a copy!

Without ``--db`` it builds the demo warehouse (seed 7) in a temporary folder; either way it adds
locations (one lot of one SKU each, zone Z) until the warehouse has ``--locations`` of them.
Then, timed:

* ``create_count(full=True)`` — target ≤ 2 s for 10,000 locations;
* every location started and finished by a counter (not a target: the floor's work, printed
  per location), the first ``--scans`` locations with one ``record`` (a scan, +1) per unit
  instead — each scan is committed before the call returns (target p99 ≤ 5 ms);
* ``submit`` (variances computed; the locations with a planted difference go to a recount) —
  target ≤ 3 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import func, insert, select  # noqa: E402

from app.db.engine import sqlite_url_for  # noqa: E402
from app.db.migrate import open_database  # noqa: E402
from app.db.models import Barcode, Location, Lot, Sku, StockMove  # noqa: E402
from app.db.uow import UnitOfWork  # noqa: E402
from app.domain.users import Actor, Role  # noqa: E402
from app.services import counts  # noqa: E402

SUP = Actor("wangfang", Role.SUPERVISOR)
COUNTER = Actor("lilei", Role.PACKER)


def add_locations(url: str, wanted: int) -> None:
    """Locations Z-… with one lot of an existing SKU each, until there are *wanted*."""
    engine = open_database(url)
    with engine.begin() as conn:
        have = int(conn.scalar(select(func.count()).select_from(Location)) or 0)
        skus = list(conn.execute(select(Sku.id).order_by(Sku.id)).scalars())
        first_loc = int(conn.scalar(select(func.max(Location.id))) or 0) + 1
        first_lot = int(conn.scalar(select(func.max(Lot.id))) or 0) + 1
        n = max(0, wanted - have)
        conn.execute(
            insert(Location),
            [
                {
                    "id": first_loc + i,
                    "code": f"Z-{i // 1000:02d}-{i // 10 % 100:02d}-{i % 10:02d}",
                    "zone": "Z",
                    "pick_sequence": 900_000 + i,
                    "quarantined": False,
                }
                for i in range(n)
            ],
        )
        now = dt.datetime(2026, 11, 1)
        conn.execute(
            insert(Lot),
            [
                {
                    "id": first_lot + i,
                    "sku_id": skus[i % len(skus)],
                    "lot_code": f"ZL{i:05d}",
                    "location_id": first_loc + i,
                    "received_at": now,
                    "on_hand": 5 + i % 20,
                    "allocated": 0,
                }
                for i in range(n)
            ],
        )
        conn.execute(
            insert(StockMove),
            [
                {
                    "at": now,
                    "kind": "receipt",
                    "lot_id": first_lot + i,
                    "qty": 5 + i % 20,
                    "actor": "bench",
                    "reason": "",
                    "ref": "bench",
                }
                for i in range(n)
            ],
        )
    engine.dispose()


def p(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * q))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an existing demo database (it is changed: use a copy)")
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--locations", type=int, default=10_000)
    parser.add_argument("--scans", type=int, default=200, help="locations counted unit by unit")
    args = parser.parse_args()

    url = args.db
    if url is None:
        from app.services.demo import build_demo

        url = sqlite_url_for(Path(tempfile.mkdtemp(prefix="bench-counts-")) / "demo.sqlite")
        started = time.perf_counter()
        build_demo(url, orders=args.orders)
        print(f"demo of {args.orders:,} orders built in {time.perf_counter() - started:.0f} s")
    add_locations(url, args.locations)
    engine = open_database(url)
    uow = lambda: UnitOfWork(engine)  # noqa: E731
    with engine.connect() as conn:
        n_loc = conn.scalar(select(func.count()).select_from(Location))
        barcode_of = dict(conn.execute(select(Barcode.sku_id, Barcode.code)).all())

    started = time.perf_counter()
    made = counts.create_count(uow(), SUP, full=True)
    created = time.perf_counter() - started
    print(
        f"create a full count of {len(made.locations):,} locations ({n_loc:,} in all): "
        f"{created:.2f} s (target ≤ 2 s)"
    )

    with engine.connect() as conn:
        lots = conn.execute(
            select(Location.code, Lot.sku_id, Lot.lot_code, Lot.on_hand)
            .join(Lot, Lot.location_id == Location.id)
            .where(Lot.on_hand > 0)
            .order_by(Location.pick_sequence, Location.code)
        ).all()
    by_location: dict[str, list[tuple[int, str, int]]] = {}
    for code, sku_id, lot_code, on_hand in lots:
        by_location.setdefault(code, []).append((sku_id, lot_code, on_hand))
    scans: list[float] = []
    per_location: list[float] = []
    planted = 0
    for i, code in enumerate(made.locations):
        t0 = time.perf_counter()
        counts.start_location(uow(), COUNTER, made.code, code)
        for j, (sku_id, lot_code, on_hand) in enumerate(by_location.get(code, [])):
            item = barcode_of.get(sku_id)
            if item is None:
                continue
            qty = on_hand - 1 if (i % 97 == 0 and j == 0) else on_hand  # a planted difference
            planted += qty != on_hand
            if i < args.scans:
                for _ in range(qty):
                    s0 = time.perf_counter()
                    counts.record(uow(), COUNTER, made.code, code, item, lot=lot_code)
                    scans.append(time.perf_counter() - s0)
            else:
                counts.record(uow(), COUNTER, made.code, code, item, qty, lot=lot_code, add=False)
        counts.finish_location(uow(), COUNTER, made.code, code)
        per_location.append(time.perf_counter() - t0)
    if scans:
        print(
            f"count scan persisted ({len(scans):,} scans): "
            f"p50 {statistics.median(scans) * 1000:.1f}"
            f" ms, p99 {p(scans, 0.99) * 1000:.1f} ms (target p99 ≤ 5 ms)"
        )
    print(
        f"a location started, counted and done: p50 {statistics.median(per_location) * 1000:.1f}"
        f" ms, p99 {p(per_location, 0.99) * 1000:.1f} ms ({len(per_location):,} locations)"
    )

    started = time.perf_counter()
    result = counts.submit(uow(), SUP, made.code)
    submitted = time.perf_counter() - started
    print(
        f"submit: {submitted:.2f} s (target ≤ 3 s) — {len(result.variances)} variances "
        f"({planted} planted), {len(result.recount)} locations to recount"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
