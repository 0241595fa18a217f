"""Three stations work through a network that fails: nothing lost, nothing counted twice.

Each station is a process of its own (tests/e2e/sync_station_driver.py) on its own SQLite
database, picking its orders of three waves, binding its own waybill numbers, packing and
closing parcels, syncing with the central PostgreSQL database through a TCP proxy that cuts
connections at seeded random moments; meanwhile the test ends central backends with
``pg_terminate_backend`` and SIGKILLs stations (mid-push as often as not) and starts them
again.  At the end, with the network healed: every event applied exactly once, the stock
ledger adds up, every order packed with its own number, nothing allocated, and each station's
replica equal to the central rows.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text

from app.db.engine import make_engine, sqlite_url_for
from app.db.migrate import open_database
from app.db.models import InboxEvent, Lot, Order, OutboxEvent, Parcel, PickTask, StockMove
from app.db.uow import UnitOfWork
from app.domain.users import Actor, Role
from app.services.stock import verify_ledger
from app.services.users import add_user
from app.services.waves import create_wave
from app.sync import station
from tests.e2e.sync_station_driver import PACKER
from tests.factories import add_order, add_sku, receive
from tests.faultproxy import FaultProxy
from tests.integration.test_sync import ADMIN, assert_replica_is_central

SEED = int(os.environ.get("PACKDESK_FAULT_SEED", "20261203"))
STATIONS = 3
ORDERS = 24
KILLS = 6
DEADLINE_S = 240
ROOT = Path(__file__).resolve().parents[2]
SKUS = {"CUP": "6901234567892", "MUG": "4006381333931", "PEN": "9787111111115"}


@pytest.fixture
def central(pg_engine: Engine) -> Engine:
    uow: Callable[[], UnitOfWork] = lambda: UnitOfWork(pg_engine)  # noqa: E731
    add_user(uow(), ADMIN, PACKER.name, Role.PACKER, "1111")
    for sku, code in SKUS.items():
        add_sku(uow, sku, barcodes=[code], weight_g=200)
        receive(uow, sku, 200, lot=f"{sku}-1", location=f"A-01-0{len(sku)}-01")
    rng = random.Random(SEED)
    for n in range(ORDERS):
        lines = rng.sample(sorted(SKUS), rng.randint(1, 2))
        add_order(
            uow,
            f"FX{n:06d}",
            [(s, rng.randint(1, 3)) for s in lines],
            status="reviewed",
            carrier="SF",
        )
    while create_wave(uow(), Actor("Wang Fang", Role.SUPERVISOR), max_orders=8).code:
        pass
    return pg_engine


def _backend_killer(url: str, rng: random.Random, stop: threading.Event, log: list[str]) -> None:
    """End a random backend of the central database now and then (not our own)."""
    engine = make_engine(url)
    try:
        while not stop.wait(rng.uniform(0.3, 1.2)):
            try:
                with engine.begin() as conn:
                    pids = list(
                        conn.scalars(
                            text(
                                "SELECT pid FROM pg_stat_activity WHERE datname = "
                                "current_database() AND pid <> pg_backend_pid()"
                            )
                        )
                    )
                    if pids:
                        pid = rng.choice(pids)
                        conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid})
                        log.append(f"{time.monotonic():.2f} terminated backend {pid}")
            except Exception as exc:  # the killer's own connection may be the one cut
                log.append(f"killer: {exc!r}"[:200])
    finally:
        engine.dispose()


def _start(url: str, prefix: int, seed: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            *(sys.executable, "-m", "tests.e2e.sync_station_driver", url),
            *("--prefix", str(prefix), "--seed", str(seed)),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_three_stations_through_a_failing_network_apply_every_event_once(
    central: Engine, pg_url: str, tmp_path: Path
) -> None:
    rng = random.Random(SEED)
    urls = []
    with FaultProxy("127.0.0.1", 5432) as proxy:
        through_proxy = proxy.url(pg_url) + (
            "&connect_timeout=3" if "?" in proxy.url(pg_url) else "?connect_timeout=3"
        )
        for i in range(STATIONS):
            url = sqlite_url_for(tmp_path / f"station-{i}.sqlite")
            engine = open_database(url)
            station.init(engine, f"ST-{i}", pg_url, ADMIN)
            with UnitOfWork(engine) as uow:  # the stations reach the central one through it
                uow.session.execute(
                    text("UPDATE sync_station SET central_url = :u"), {"u": through_proxy}
                )
                uow.commit()
            engine.dispose()
            urls.append(url)

        log: list[str] = []
        stop = threading.Event()
        killer = threading.Thread(
            target=_backend_killer, args=(pg_url, random.Random(SEED + 1), stop, log)
        )
        killer.start()
        proxy.chaos(SEED, mean_interval_s=0.4)
        procs = {i: _start(urls[i], i, SEED + i) for i in range(STATIONS)}
        done: set[int] = set()
        kills = 0
        started = time.monotonic()
        try:
            while len(done) < STATIONS:
                assert time.monotonic() - started < DEADLINE_S, ("stations too slow", log[-20:])
                time.sleep(rng.uniform(0.2, 0.8))
                for i, proc in list(procs.items()):
                    if i in done or proc.poll() is None:
                        continue
                    out, err = proc.communicate()
                    assert proc.returncode == 0, (i, out.decode(), err.decode()[-3000:])
                    assert out.decode().strip().endswith("DONE"), out.decode()
                    done.add(i)
                running = [i for i in procs if i not in done and procs[i].poll() is None]
                if running and kills < KILLS and rng.random() < 0.5:
                    victim = rng.choice(running)
                    procs[victim].send_signal(signal.SIGKILL)
                    procs[victim].wait()
                    log.append(f"{time.monotonic():.2f} SIGKILL station {victim}")
                    kills += 1
                    procs[victim] = _start(urls[victim], victim, SEED + 100 + kills)
        finally:
            stop.set()
            proxy.stop_chaos()
            killer.join()
            for proc in procs.values():
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()

        # The network healed: every station syncs until nothing waits, then once more (the
        # others' last events came after its last pull).
        engines = [open_database(url) for url in urls]
        try:
            for _ in range(2):
                for engine in engines:
                    for _attempt in range(50):
                        try:
                            if station.sync_once(engine).pending == 0:
                                break
                        except station.CentralUnreachable:
                            time.sleep(0.2)
            _check(central, engines, log)
        finally:
            for engine in engines:
                engine.dispose()
    assert kills > 0 and any("terminated" in line for line in log), log
    assert proxy.cuts > 0


def _check(central: Engine, engines: list[Engine], log: list[str]) -> None:
    sent = 0
    for engine in engines:
        with engine.connect() as conn:
            statuses = dict(
                conn.execute(
                    select(OutboxEvent.status, func.count()).group_by(OutboxEvent.status)
                ).all()
            )
        assert set(statuses) == {"applied"}, statuses
        sent += statuses["applied"]
    with central.connect() as conn:
        # Every event once: the inbox holds exactly what the stations wrote, all applied.
        assert conn.scalar(select(func.count()).select_from(InboxEvent)) == sent
        assert (
            conn.scalar(
                select(func.count()).select_from(InboxEvent).where(InboxEvent.result != "applied")
            )
            == 0
        )
        # Every order packed, each parcel with its own number.
        statuses = dict(
            conn.execute(select(Order.status, func.count()).group_by(Order.status)).all()
        )
        assert statuses == {"packed": ORDERS}, (statuses, log[-20:])
        numbers = conn.scalars(select(Parcel.tracking_no)).all()
        assert len(numbers) == ORDERS and len(set(numbers)) == ORDERS
        # Each unit picked once: the pick moves are the tasks' quantities, nothing allocated.
        picked = conn.scalar(select(func.sum(PickTask.picked_qty)))
        wanted = conn.scalar(select(func.sum(PickTask.qty)))
        moved = conn.scalar(select(-func.sum(StockMove.qty)).where(StockMove.kind == "pick"))
        assert picked == wanted == moved
        assert conn.scalar(select(func.sum(Lot.allocated))) == 0
    assert verify_ledger(UnitOfWork(central)) == []
    for engine in engines:
        assert_replica_is_central(engine, central)
