"""The pack station on a big database: open an order by scan, scan → verdict persisted, memory.
Prints figures, never asserts.

    .venv/bin/python bench/bench_packing.py                      # demo of 100,000 orders
    .venv/bin/python bench/bench_packing.py --orders 1000000     # the size the targets are for
    .venv/bin/python bench/bench_packing.py --db sqlite+pysqlite:////path/demo.sqlite

Without ``--db`` it builds the demo warehouse (``build_demo``, seed 7) in a temporary folder.
With ``--db`` it reuses that database (a demo, or a copy of one: the bench packs orders in it).
Either way it first makes picked orders the way the paper fallback does (``create_wave``, then
``confirm_wave``: every task picked as planned) until ``--opens`` orders wait to be packed, plus
one single-item wave for opening by item scan.  The build and the waves run in a separate
process, so the memory figures are those of a station process that only packs.

Then, in this process, one station ("PACK-BENCH") packs ``--opens`` orders, one after the other,
as a packer would:

* open by scan: ``open_order`` with the order number (target p50/p99 ≤ 50 ms);
* every unit: ``scan_item`` with the SKU's barcode, accepted (target p50/p99 ≤ 5 ms; the event
  is committed before the call returns);
* refused: an item of another SKU (not in the order) and, once complete, one unit too many
  (same target; the refusal's audit event is committed before the call returns);
* the damage check when an item is fragile, weigh (``check_weight`` at the expected weight),
  close (``close_parcel``), release the claim;
* and ``--singles`` orders of the single-item wave opened by scanning the item itself.

Last, the process's resident memory now and at its peak (VmRSS / VmHWM; target ≤ 300 MB for the
running station — the service layer only, without the Qt screens).
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import multiprocessing
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from app.bootstrap import open_database  # noqa: E402
from app.db.engine import sqlite_url_for  # noqa: E402
from app.db.models import (  # noqa: E402
    AppMeta,
    Barcode,
    Order,
    OrderLine,
    PackClaim,
    Sku,
    Wave,
    WaveOrder,
)
from app.db.uow import UnitOfWork  # noqa: E402
from app.domain.users import Actor, Role  # noqa: E402
from app.services import packing  # noqa: E402

TARGET_OPEN_MS = 50.0
TARGET_SCAN_MS = 5.0
TARGET_RSS_MB = 300.0
STATION = "PACK-BENCH"
SUPERVISOR = Actor("wangfang", Role.SUPERVISOR)
PACKER = Actor("lilei", Role.PACKER)

T = TypeVar("T")


def line(label: str, value: str) -> None:
    print(f"  {label:<44} {value}")


# --- preparing the database (a separate process) -----------------------------------------------


@dataclass
class Prepared:
    built_s: float | None = None
    orders: int = 0
    file_mb: float = 0.0
    #: (code, kind, orders, create seconds, confirm seconds)
    waves: list[tuple[str, str, int, float, float]] = field(default_factory=list)
    today: str = ""


def _waiting(session: Any, single: bool) -> int:
    """Picked orders no station holds, in waves of the kind (single-item or not)."""
    kind = Wave.kind == packing.SINGLE_ITEM_WAVE
    return int(
        session.scalar(
            select(func.count(func.distinct(Order.id)))
            .join(WaveOrder, WaveOrder.order_id == Order.id)
            .join(Wave, Wave.id == WaveOrder.wave_id)
            .where(
                Order.status == "picked",
                kind if single else ~kind,
                Order.id.not_in(select(PackClaim.order_id)),
            )
        )
        or 0
    )


def prepare(url: str, orders: int | None, opens: int, singles: int, wave_orders: int) -> Prepared:
    """Build the demo (when *orders* is given), then waves until enough orders are picked."""
    from app.services.demo import build_demo
    from app.services.picking import confirm_wave
    from app.services.waves import WaveKind, create_wave

    done = Prepared()
    if orders is not None:
        done.built_s = build_demo(url, orders=orders).seconds
    engine = open_database(url)
    try:
        with UnitOfWork(engine).reading() as s:
            meta = dict(s.execute(select(AppMeta.key, AppMeta.value)).tuples().all())
            done.orders = int(s.scalar(select(func.count(Order.id))) or 0)
        now = meta.get("demo_now")
        today = dt.datetime.fromisoformat(now).date() if now else dt.date.today()
        done.today = today.isoformat()
        for kind, wanted in ((WaveKind.MIXED, opens), (WaveKind.SINGLE, singles)):
            for _ in range(20):
                with UnitOfWork(engine).reading() as s:
                    if _waiting(s, kind is WaveKind.SINGLE) >= wanted:
                        break
                started = time.perf_counter()
                result = create_wave(
                    UnitOfWork(engine), SUPERVISOR, max_orders=wave_orders, kind=kind, today=today
                )
                created = time.perf_counter() - started
                if result.code is None:
                    break  # nothing left to allocate
                started = time.perf_counter()
                confirm_wave(UnitOfWork(engine), SUPERVISOR, result.code)
                confirmed = time.perf_counter() - started
                done.waves.append((result.code, kind.value, len(result.orders), created, confirmed))
    finally:
        engine.dispose()
    database = make_url(url).database
    if database and Path(database).exists():
        done.file_mb = Path(database).stat().st_size / 2**20
    return done


# --- the station ---------------------------------------------------------------------------------


def rss_mb() -> tuple[float, float]:
    """(resident now, peak) of this process in MB, from /proc (0 where there is no /proc)."""
    now = peak = 0.0
    try:
        for text in Path("/proc/self/status").read_text().splitlines():
            if text.startswith("VmRSS:"):
                now = int(text.split()[1]) / 1024
            elif text.startswith("VmHWM:"):
                peak = int(text.split()[1]) / 1024
    except OSError:
        pass
    return now, peak


def timed(samples: list[float], call: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """call(*args, **kwargs), its time in ms appended to samples."""
    started = time.perf_counter()
    result = call(*args, **kwargs)
    samples.append((time.perf_counter() - started) * 1000)
    return result


def pct(samples: Sequence[float], p: float) -> float:
    """The nearest-rank percentile."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def verdict(samples: Sequence[float], target: float | None) -> str:
    if not samples:
        return "no samples"
    p50, p99 = statistics.median(samples), pct(samples, 99)
    text = f"p50 {p50:6.2f} ms  p99 {p99:6.2f} ms  max {max(samples):7.2f} ms  n={len(samples):,}"
    if target is not None:
        ok = "OK" if p99 <= target else "SLOWER"
        text += f"  (target ≤ {target:g} ms: {ok})"
    return text


@dataclass
class Figures:
    first_open: float = 0.0
    opens: list[float] = field(default_factory=list)
    accepted: list[float] = field(default_factory=list)
    not_in_order: list[float] = field(default_factory=list)
    over_quantity: list[float] = field(default_factory=list)
    other_refusals: dict[str, int] = field(default_factory=dict)
    weigh: list[float] = field(default_factory=list)
    close: list[float] = field(default_factory=list)
    release: list[float] = field(default_factory=list)
    open_by_item: list[float] = field(default_factory=list)
    not_closed: dict[str, int] = field(default_factory=dict)
    packed: int = 0
    units: int = 0


def _orders_to_pack(session: Any, single: bool, limit: int) -> list[str]:
    kind = Wave.kind == packing.SINGLE_ITEM_WAVE
    return list(
        session.scalars(
            select(Order.order_no)
            .join(WaveOrder, WaveOrder.order_id == Order.id)
            .join(Wave, Wave.id == WaveOrder.wave_id)
            .where(
                Order.status == "picked",
                kind if single else ~kind,
                Order.id.not_in(select(PackClaim.order_id)),
            )
            .order_by(Wave.id, WaveOrder.id)
            .limit(limit)
        )
    )


def _barcodes(session: Any) -> dict[str, str]:
    """One barcode per SKU code (the first by id)."""
    found: dict[str, str] = {}
    for sku, code in session.execute(
        select(Sku.code, Barcode.code).join(Barcode, Barcode.sku_id == Sku.id).order_by(Barcode.id)
    ):
        found.setdefault(sku, code)
    return found


def _single_skus(session: Any, orders: Sequence[str]) -> list[str]:
    return list(
        session.scalars(
            select(OrderLine.sku_code)
            .join(Order, Order.id == OrderLine.order_id)
            .where(Order.order_no.in_(orders))
            .order_by(Order.id)
        )
    )


def pack_one(
    uow: Callable[[], UnitOfWork],
    view: packing.PackView,
    codes: dict[str, str],
    wrong: str,
    today: dt.date,
    fig: Figures,
    cache: packing.PackOrderCache,
) -> None:
    """Scan the rest of the opened order, then an item not in it and one unit too many; weigh,
    close, release the claim.  (*cache*: what a station keeps between scans, as PackStation.)"""
    no = view.order_no

    def scan(*args: Any, **kwargs: Any) -> packing.ScanResult:
        return packing.scan_item(*args, cache=cache, **kwargs)

    for item in view.lines:
        for _ in range(item.missing):
            result = timed(
                fig.accepted, scan, uow(), PACKER, no, STATION, codes[item.sku], today=today
            )
            if not result.accepted:
                fig.other_refusals[result.reason.value] = (
                    fig.other_refusals.get(result.reason.value, 0) + 1
                )
                fig.accepted.pop()
                return
            fig.units += 1
            view = result.view
    samples: list[float] = []
    refused = timed(samples, scan, uow(), PACKER, no, STATION, wrong, today=today)
    if refused.reason.value == "not_in_order":
        fig.not_in_order.extend(samples)
    samples = []
    extra = timed(samples, scan, uow(), PACKER, no, STATION, codes[view.lines[0].sku], today=today)
    if extra.reason.value == "over_quantity":
        fig.over_quantity.extend(samples)
    if view.fragile and not view.damage_checked:
        packing.confirm_damage_check(uow(), PACKER, no, STATION)
    expected = sum(item.qty * item.unit_weight_g for item in view.lines)
    timed(fig.weigh, packing.check_weight, uow(), PACKER, no, STATION, float(expected), cache=cache)
    try:
        closed = timed(fig.close, packing.close_parcel, uow(), PACKER, no, STATION, cache=cache)
        fig.packed += closed.status == "packed"
    except packing.PackingRefused as exc:
        fig.close.pop()
        fig.not_closed[type(exc).__name__] = fig.not_closed.get(type(exc).__name__, 0) + 1
    timed(fig.release, packing.release_claim, uow(), PACKER, no, STATION)


def station(url: str, opens: int, singles: int, today: dt.date) -> Figures:
    fig = Figures()
    engine = open_database(url, migrate=False)
    cache = packing.PackOrderCache()
    try:

        def uow() -> UnitOfWork:
            return UnitOfWork(engine)

        with uow().reading() as s:
            orders = _orders_to_pack(s, False, opens)
            single_orders = _orders_to_pack(s, True, singles)
            codes = _barcodes(s)
            single_skus = _single_skus(s, single_orders)
        ordered: set[str] = set()
        for n, no in enumerate(orders):
            samples: list[float] = []
            view = timed(samples, packing.open_order, uow(), PACKER, no, STATION, cache=cache)
            if n == 0:
                fig.first_open = samples[0]
            else:
                fig.opens.extend(samples)
            ordered = {item.sku for item in view.lines}
            wrong = next(code for sku, code in codes.items() if sku not in ordered)
            pack_one(uow, view, codes, wrong, today, fig, cache)
        for sku in dict.fromkeys(single_skus):  # one open per SKU: the oldest order waiting
            view = timed(
                fig.open_by_item,
                packing.open_order,
                uow(),
                PACKER,
                codes[sku],
                STATION,
                today=today,
                cache=cache,
            )
            wrong = next(code for other, code in codes.items() if other != sku)
            pack_one(uow, view, codes, wrong, today, fig, cache)
    finally:
        engine.dispose()
    return fig


# --- main ----------------------------------------------------------------------------------------


def make_station(url: str) -> None:
    """The database becomes a synced station's (what ``station init`` leaves: its row), so
    that every pack action writes its outbox event in its transaction."""
    from app.db.models import SyncStation

    engine = open_database(url, migrate=False)
    with UnitOfWork(engine) as uow:
        uow.session.add(
            SyncStation(
                name="PACK-BENCH", central_url="postgresql://central/none", id_base=0, watermark=0
            )
        )
        uow.commit()
    engine.dispose()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=100_000, help="demo size, default 100,000")
    parser.add_argument("--db", help="reuse this database (a demo) instead of building one")
    parser.add_argument("--opens", type=int, default=300, help="orders to pack, default 300")
    parser.add_argument("--singles", type=int, default=50, help="single-item orders, default 50")
    parser.add_argument("--wave-orders", type=int, default=200, help="orders per wave")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--station",
        action="store_true",
        help="pack as a synced station: every action also writes its outbox event",
    )
    args = parser.parse_args(argv)

    home: Path | None = None
    if args.db:
        url, build = args.db, None
    else:
        home = Path(tempfile.mkdtemp(prefix="packdesk-bench-pack-"))
        url, build = sqlite_url_for(home / "demo.sqlite"), args.orders
    print(
        f"Packdesk pack station benchmark: {os.cpu_count()} CPUs, Python "
        f"{sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}"
    )
    try:
        ctx = multiprocessing.get_context("spawn")
        started = time.perf_counter()
        with ctx.Pool(1) as pool:
            ready = pool.apply(prepare, (url, build, args.opens, args.singles, args.wave_orders))
        prepared_s = time.perf_counter() - started
        size = f"{ready.orders:,} orders"
        if build is not None:
            size += f" (demo built for this run in {ready.built_s:.1f} s)"
        else:
            size += f" (reused {args.db})"
        line("database", f"{size}, {ready.file_mb:,.0f} MiB")
        if ready.orders < 1_000_000:
            line("", "the targets are for 1,000,000 orders: --orders 1000000")
        for code, kind, n, created, confirmed in ready.waves:
            line(
                f"  wave {code} ({kind})",
                f"{n:,} orders: create {created:.2f} s, confirm (paper) {confirmed:.2f} s",
            )
        if not ready.waves:
            line("  waves", "none needed: enough picked orders were waiting")
        line("  preparing, in a separate process", f"{prepared_s:.1f} s")

        if args.station:
            make_station(url)
            line("station", "PACK-BENCH syncs: each action writes its outbox event")
        before, _ = rss_mb()
        started = time.perf_counter()
        fig = station(url, args.opens, args.singles, dt.date.fromisoformat(ready.today))
        packed_s = time.perf_counter() - started
        after, peak = rss_mb()

        print()
        print(f"  {'figure':<44} measured")
        line(
            "orders packed at one station",
            f"{fig.packed:,} orders, {fig.units:,} units in {packed_s:.1f} s",
        )
        line("open by order no: first after start", f"{fig.first_open:.2f} ms")
        line("open by order no (open_order)", verdict(fig.opens, TARGET_OPEN_MS))
        line("open by item, single-item wave", verdict(fig.open_by_item, TARGET_OPEN_MS))
        line("scan accepted (scan_item, persisted)", verdict(fig.accepted, TARGET_SCAN_MS))
        line("scan refused: not in the order", verdict(fig.not_in_order, TARGET_SCAN_MS))
        line("scan refused: over quantity", verdict(fig.over_quantity, TARGET_SCAN_MS))
        refused = fig.not_in_order + fig.over_quantity
        line("scan refused: both", verdict(refused, TARGET_SCAN_MS))
        if fig.other_refusals:
            line("  needed units refused (order skipped)", str(fig.other_refusals))
        if fig.not_closed:
            line("  orders that could not be closed", str(fig.not_closed))
        line("weigh (check_weight)", verdict(fig.weigh, None))
        line("close (close_parcel → packed)", verdict(fig.close, None))
        line("release the claim", verdict(fig.release, None))
        ok = "OK" if max(after, peak) <= TARGET_RSS_MB else "MORE"
        line(
            "RSS of the station process",
            f"{after:.0f} MB after packing, peak {peak:.0f} MB (before packing {before:.0f} MB;"
            f" target ≤ {TARGET_RSS_MB:g} MB: {ok})",
        )
    finally:
        if home is not None:
            if args.keep:
                print(f"  kept: {home}")
            else:
                shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
