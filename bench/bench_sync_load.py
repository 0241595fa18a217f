"""Many stations against one central PostgreSQL database: each simulated station pushes pick
confirmations at a steady rate and waits for their outcome, as a station connected with its own
role does, while one applier (``packdesk sync apply --follow``) applies them; prints how far
behind the central apply runs (lag from the pick to its apply, p50/p99/max, and what was left
unapplied at the end) and whether anything was rejected that should not have been.

    createdb bench_load
    .venv/bin/python bench/bench_sync_load.py --pg postgresql+psycopg://postgres@127.0.0.1:5432/bench_load
    .venv/bin/python bench/bench_sync_load.py --pg … --stations 10 --seconds 20   # quicker

The database is emptied, a demo of --orders orders built in it, every reviewed order put into
waves, and the open pick tasks dealt to the stations; each station then sends one event per
unit it picks, --rate events a second, for --seconds; ``--self-apply`` has each station apply
its own events instead (a station connected with the application's role).  Asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
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
from app.sync import station as sync_station
from app.sync.listen import apply_as_pushed

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
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("ANALYZE")  # as autovacuum would have by the time stations push
    return engine


def station(
    url: str,
    name: str,
    tasks: list[tuple[int, int]],
    rate: float,
    until: float,
    self_apply: bool,
    out: Any,
) -> None:
    """One simulated station (a process of its own); puts how many it sent on *out* at the
    end."""
    sent: list[int] = []
    # The stations are other machines: their own Python here takes what the central database
    # and its applier leave (their PostgreSQL backends run at the normal priority).
    os.nice(19)
    engine = make_engine(url)
    # Applies its own events (the application's role), or leaves them to the applier.
    sync_station._APPLIES[engine] = self_apply
    central.register(UnitOfWork(engine), "bench", name)
    picker = "lilei"
    seq = 0
    units = [task for task, qty in tasks for _ in range(qty)]
    start = time.monotonic()
    try:
        while time.monotonic() < until and seq < len(units):
            # The picks made since the last round (one each 1/rate s), pushed together as the
            # station's sync round does, which then waits for their outcome a moment.
            due = min(len(units), int((time.monotonic() - start) * rate) + 1)
            if due == seq:
                time.sleep(max(0.0, start + due / rate - time.monotonic()))
                continue
            now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
            events = [
                central.PushedEvent(
                    str(uuid.uuid4()),
                    n,
                    "pick.confirmed",
                    {"task": units[n - 1], "qty": 1},
                    picker,
                    now - dt.timedelta(seconds=(due - n) / rate),
                )
                for n in range(seq + 1, due + 1)
            ]
            seq = due
            central.receive(UnitOfWork(engine), name, events, 0)
            sync_station._applied(engine, name, [e.event_id for e in events])
        sent.append(seq)
    finally:
        engine.dispose()
        out.put(sent)


def apply(url: str, stop: Any, workers: int) -> None:
    """The central applier (a process of its own), as ``packdesk sync apply --follow``."""
    engine = make_engine(url)
    apply_as_pushed(engine, url, stop=stop, workers=workers)
    engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", required=True)
    parser.add_argument("--stations", type=int, default=50)
    parser.add_argument("--rate", type=float, default=2.0, help="events per second per station")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--orders", type=int, default=20_000)
    parser.add_argument(
        "--self-apply", action="store_true", help="each station applies its own events"
    )
    parser.add_argument("--workers", type=int, default=2, help="appliers side by side")
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
    sent: list[int] = []
    ctx = multiprocessing.get_context("fork")
    out = ctx.Queue()
    engine.dispose()  # not shared with the station processes
    start_at = time.monotonic() + 2.0  # every station has connected by then
    until = start_at + args.seconds
    procs = [
        ctx.Process(
            target=station,
            args=(args.pg, f"LOAD-{i:02d}", dealt[i], args.rate, until, args.self_apply, out),
        )
        for i in range(args.stations)
    ]
    stop = ctx.Event()
    applier = (
        None if args.self_apply else ctx.Process(target=apply, args=(args.pg, stop, args.workers))
    )
    if applier is not None:
        applier.start()
    for p in procs:
        p.start()
    time.sleep(max(0.0, start_at - time.monotonic()))
    started = time.perf_counter()
    for _ in procs:
        sent.extend(out.get())
    for p in procs:
        p.join()
    took = time.perf_counter() - started
    # What the applier still has to do once the stations stop, then it stops.
    engine = make_engine(args.pg)
    drained = time.perf_counter()
    while applier is not None and time.perf_counter() - drained < 60:
        with engine.connect() as conn:
            if not conn.scalar(
                select(func.count()).select_from(InboxEvent).where(InboxEvent.result.is_(None))
            ):
                break
        time.sleep(0.1)
    stop.set()
    if applier is not None:
        applier.join()
    with engine.connect() as conn:
        results = dict(
            conn.execute(select(InboxEvent.result, func.count()).group_by(InboxEvent.result)).all()
        )
        rows = conn.execute(
            select(InboxEvent.at, InboxEvent.received_at, InboxEvent.applied_at).where(
                InboxEvent.applied_at.is_not(None)
            )
        ).all()
        left = conn.scalar(
            select(func.count()).select_from(InboxEvent).where(InboxEvent.result.is_(None))
        )
    engine.dispose()
    total = sum(sent)
    print(
        f"{args.stations} stations × {args.rate:g} events/s for {args.seconds:g} s: "
        f"{total:,} events in {took:.1f} s ({total / took:.0f}/s)"
    )
    for what, lags in (
        ("pick → central apply", sorted((r.applied_at - r.at).total_seconds() for r in rows)),
        (
            "push → central apply",
            sorted((r.applied_at - r.received_at).total_seconds() for r in rows),
        ),
    ):
        if lags:
            p99 = lags[min(len(lags) - 1, int(len(lags) * 0.99))]
            print(
                f"lag {what}: p50 {statistics.median(lags) * 1000:.0f} ms, "
                f"p99 {p99 * 1000:.0f} ms, max {lags[-1] * 1000:.0f} ms"
            )
    print(f"left unapplied when the stations stopped and the applier had a minute: {left}")
    print(f"outcomes: {results}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
