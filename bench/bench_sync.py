"""Station ↔ central sync: push of N events against a raw COPY of the same rows, the central
apply of pick events, a pull of N order changes into a station, and what an idle poll costs.

    .venv/bin/python bench/bench_sync.py --pg postgresql+psycopg://postgres@127.0.0.1:5432/bench_sync
    .venv/bin/python bench/bench_sync.py --events 20000 --pg …     # a quicker look

The PostgreSQL database named by --pg is emptied and used as the central one (create it
first).  Prints figures and the ratios measured in the same run; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import Engine, event, text, update

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.db.engine import make_engine, sqlite_url_for
from app.db.migrate import open_database
from app.db.models import Order
from app.db.uow import UnitOfWork
from app.domain.users import Actor, Role
from app.services import central_only
from app.services.demo import build_demo
from app.sync import central, station

ADMIN = Actor("admin", Role.ADMIN)


def fresh(url: str) -> Engine:
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    engine.dispose()
    return open_database(url)


def events(n: int, start: int = 1) -> list[central.PushedEvent]:
    at = dt.datetime(2026, 12, 3, 9, 0)
    return [
        central.PushedEvent(
            str(uuid.uuid4()),
            start + i,
            "pack.scanned",
            {"order_no": f"B{i:07d}", "station": "PACK-1", "item": "6901234567892", "qty": None},
            "lilei",
            at,
        )
        for i in range(n)
    ]


def bench_push(engine: Engine, n: int) -> tuple[float, float]:
    """receive() in the station's batches vs COPY of the same rows into the inbox."""
    batch = station.PUSH_BATCH
    pushed = events(n)
    t0 = time.perf_counter()
    for i in range(0, n, batch):
        central.receive(UnitOfWork(engine), "BENCH-A", pushed[i : i + batch], n - i)
    push_s = time.perf_counter() - t0

    rows = events(n, start=n + 1)
    buf = io.StringIO()
    for e in rows:
        payload = str(e.payload).replace("'", '"').replace("None", "null")
        buf.write(
            f"{e.event_id}\tBENCH-B\t{e.seq}\t{e.kind}\t{payload}\t{e.actor}\t{e.at}\t{e.at}\n"
        )
    raw = engine.raw_connection()
    try:
        t0 = time.perf_counter()
        copy_sql = (
            "COPY sync_inbox (event_id, station, seq, kind, payload, actor, at, received_at)"
            " FROM STDIN"
        )
        with raw.cursor() as cur, cur.copy(copy_sql) as copy:  # type: ignore[attr-defined]
            copy.write(buf.getvalue())
        raw.commit()
        copy_s = time.perf_counter() - t0
    finally:
        raw.close()
    return push_s, copy_s


def bench_pull(url: str, orders: int, tmp: Path) -> tuple[float, int]:
    """A station pulls *orders* order changes (a bulk status change centrally)."""
    engine = fresh(url)
    build_demo(url, orders=orders)
    here = open_database(sqlite_url_for(tmp / "station.sqlite"))
    station.init(here, "BENCH-S", url, ADMIN)
    with engine.begin() as conn:
        conn.execute(update(Order).values(priority=Order.priority + 1))
    t0 = time.perf_counter()
    pulled = station.sync_once(here).pulled
    pull_s = time.perf_counter() - t0
    queries = idle_queries(here, engine)
    here.dispose()
    engine.dispose()
    return pull_s, pulled if pulled else -1, queries  # type: ignore[return-value]


def idle_queries(here: Engine, engine: Engine) -> int:
    """Statements an idle station sends the central database in one round (after a first
    round has made its connection)."""
    station.sync_once(here)
    central_engine = central_only.central_engine(here)
    counted = [0]

    def count(*_: object) -> None:
        counted[0] += 1

    event.listen(central_engine, "before_cursor_execute", count)
    try:
        station.sync_once(here)
    finally:
        event.remove(central_engine, "before_cursor_execute", count)
    return counted[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", required=True, help="an empty PostgreSQL database to use")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--orders", type=int, default=100_000)
    args = parser.parse_args()

    engine = fresh(args.pg)
    with UnitOfWork(engine) as u:
        u.session.execute(text("SELECT 1"))
    central.register(UnitOfWork(engine), "admin", "BENCH-A")
    push_s, copy_s = bench_push(engine, args.events)
    engine.dispose()
    print(f"push of {args.events:,} events (batches of {station.PUSH_BATCH}): {push_s:.2f} s")
    print(f"raw COPY of the same rows:                        {copy_s:.2f} s")
    print(f"push / COPY:                                      {push_s / copy_s:.1f}×")

    with tempfile.TemporaryDirectory() as tmp:
        pull_s, pulled, queries = bench_pull(args.pg, args.orders, Path(tmp))
    print(f"pull of {pulled:,} order changes into a station:  {pull_s:.2f} s")
    print(f"statements an idle station sends per round:      {queries}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
