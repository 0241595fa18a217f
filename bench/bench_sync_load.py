"""Many stations against one central PostgreSQL database: each simulated station pushes pick
confirmations at a steady rate and has them applied (as a station connected with the
application's role does); prints how far behind the central apply runs (lag from the pick to
its apply, p50/p99/max) and whether anything was rejected that should not have been.

    createdb bench_load
    .venv/bin/python bench/bench_sync_load.py --pg postgresql+psycopg://postgres@127.0.0.1:5432/bench_load
    .venv/bin/python bench/bench_sync_load.py --pg … --stations 10 --seconds 20   # quicker

The database is emptied, a demo of --orders orders built in it, every reviewed order put into
waves, and the open pick tasks dealt to the stations; each station then sends one event per
unit it picks, --rate events a second, for --seconds.  Asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import statistics
import sys
import time
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.db.engine import make_engine
from app.db.migrate import open_database
from app.db.models import InboxEvent, PickTask, User
from app.db.uow import UnitOfWork
from app.domain.users import Actor, Role
from app.services.demo import build_demo
from app.services.picking import start_picking
from app.services.review import review_new_orders
from app.services.waves import create_wave
from app.sync import central

SUP = Actor("wangfang", Role.SUPERVISOR)


def prepare(url: str, orders: int) -> Engine:
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    engine.dispose()
    build_demo(url, orders=orders)
    engine = open_database(url)
    review_new_orders(UnitOfWork(engine), SUP)
    while (wave := create_wave(UnitOfWork(engine), SUP, max_orders=500)).code:
        start_picking(UnitOfWork(engine), SUP, wave.code)
    return engine


def station(
    url: str,
    name: str,
    tasks: list[tuple[int, int]],
    rate: float,
    until: float,
    out: Any,
) -> None:
    """One simulated station (a process of its own); puts (lags, sent) on *out* at the end."""
    lags: list[float] = []
    sent: list[int] = []
    engine = make_engine(url)
    central.register(UnitOfWork(engine), "bench", name)
    picker = "lilei"
    seq = 0
    units = [task for task, qty in tasks for _ in range(qty)]
    next_at = time.monotonic()
    try:
        while time.monotonic() < until and seq < len(units):
            time.sleep(max(0.0, next_at - time.monotonic()))
            next_at += 1.0 / rate
            seq += 1
            event = central.PushedEvent(
                str(uuid.uuid4()),
                seq,
                "pick.confirmed",
                {"task": units[seq - 1], "qty": 1},
                picker,
                dt.datetime.now(dt.UTC).replace(tzinfo=None),
            )
            central.receive(UnitOfWork(engine), name, [event], 0)
            while central.apply_pending(engine, name):
                pass
            with engine.connect() as conn:
                row = conn.execute(
                    select(InboxEvent.at, InboxEvent.applied_at).where(
                        InboxEvent.event_id == event.event_id
                    )
                ).one()
            if row.applied_at is not None:
                lags.append((row.applied_at - row.at).total_seconds())
        sent.append(seq)
    finally:
        engine.dispose()
        out.put((lags, sent))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", required=True)
    parser.add_argument("--stations", type=int, default=50)
    parser.add_argument("--rate", type=float, default=2.0, help="events per second per station")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--orders", type=int, default=20_000)
    args = parser.parse_args()

    engine = prepare(args.pg, args.orders)
    with engine.connect() as conn:
        open_tasks = conn.execute(
            select(PickTask.id, PickTask.qty - PickTask.picked_qty)
            .where(PickTask.status == "open")
            .order_by(PickTask.id)
        ).all()
        assert conn.scalar(select(func.count()).select_from(User).where(User.name == "lilei"))
    dealt: list[list[tuple[int, int]]] = [[] for _ in range(args.stations)]
    for i, (task, qty) in enumerate(open_tasks):
        dealt[i % args.stations].append((task, int(qty)))
    lags: list[float] = []
    sent: list[int] = []
    ctx = multiprocessing.get_context("fork")
    out = ctx.Queue()
    engine.dispose()  # not shared with the station processes
    start_at = time.monotonic() + 2.0  # every station has connected by then
    until = start_at + args.seconds
    procs = [
        ctx.Process(
            target=station,
            args=(args.pg, f"LOAD-{i:02d}", dealt[i], args.rate, until, out),
        )
        for i in range(args.stations)
    ]
    for p in procs:
        p.start()
    time.sleep(max(0.0, start_at - time.monotonic()))
    started = time.perf_counter()
    for _ in procs:
        got_lags, got_sent = out.get()
        lags.extend(got_lags)
        sent.extend(got_sent)
    for p in procs:
        p.join()
    took = time.perf_counter() - started
    engine = make_engine(args.pg)
    with engine.connect() as conn:
        results = dict(
            conn.execute(select(InboxEvent.result, func.count()).group_by(InboxEvent.result)).all()
        )
    engine.dispose()
    total = sum(sent)
    lags.sort()
    print(
        f"{args.stations} stations × {args.rate:g} events/s for {args.seconds:g} s: "
        f"{total:,} events in {took:.1f} s ({total / took:.0f}/s)"
    )
    if lags:
        p99 = lags[min(len(lags) - 1, int(len(lags) * 0.99))]
        print(
            f"lag from pick to central apply: p50 {statistics.median(lags) * 1000:.0f} ms, "
            f"p99 {p99 * 1000:.0f} ms, max {lags[-1] * 1000:.0f} ms"
        )
    print(f"outcomes: {results}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
