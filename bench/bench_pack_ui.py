"""How fast the packing station answers a scan.  Prints figures, never asserts.

    .venv/bin/python bench/bench_pack_ui.py                      # a 20,000-order demo
    .venv/bin/python bench/bench_pack_ui.py --orders 1000000     # the size the targets are for
    .venv/bin/python bench/bench_pack_ui.py --db sqlite+pysqlite:////path/demo.sqlite

A child process builds the demo (unless --db), reviews it and picks one wave of --pack orders
(default 100), so this process holds only what the packing station holds: the offscreen Qt
application, the pack screen with the demo station's simulated scale and label printer.  Then,
with real QTest key events into the scan field, for every order of the wave:

* open: the order number is typed, Enter; timed from Enter to the paint of the message line
  that says the order is open;
* item scan: each unit's barcode typed, Enter → the paint of the message line with the verdict
  ("2 of 3 scanned");
* refusal: a barcode of another order's SKU, Enter → the paint of the red banner;

(the first order is a warm-up, reported apart).  "handled" is Enter → the key event returned
(the service call and the widgets updated), "painted" goes on until the paint event of the
verdict widget (an event filter for QEvent.Paint).  Then the process RSS, with the screen up.

Targets (for a 1,000,000-order database): verdict painted p99 ≤ 50 ms, open p99 ≤ 50 ms,
RSS ≤ 300 MB.  With --db the database is changed (one wave is picked and packed partly).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEvent, QObject, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

TARGET_VERDICT_MS = 50.0
TARGET_OPEN_MS = 50.0
TARGET_RSS_MB = 300.0
STATION = "PACK-BENCH-01"
PAINT_TIMEOUT_S = 5.0


# --- the child: demo, review, one picked wave -------------------------------------------------


def prepare(url: str, orders: int, build: bool, pack: int) -> dict[str, object]:
    """Build the demo (``build``), review it, pick one wave; the orders and their scans."""
    from sqlalchemy import select

    from app.bootstrap import open_database
    from app.db.models import Barcode, Order, OrderLine, Sku
    from app.db.uow import UnitOfWork
    from app.services.demo import build_demo
    from app.services.picking import confirm_wave
    from app.services.review import review_new_orders
    from app.services.users import login_with_badge
    from app.services.waves import create_wave

    started = time.perf_counter()
    if build:
        build_demo(url, orders=orders)
    built = time.perf_counter() - started
    engine = open_database(url)
    supervisor = login_with_badge(UnitOfWork(engine), "U-SUP01")
    review_new_orders(UnitOfWork(engine), supervisor.actor)
    wave = create_wave(UnitOfWork(engine), supervisor.actor, max_orders=pack)
    if wave.code is None:
        raise SystemExit("no reviewed order could be allocated into a wave")
    picked = confirm_wave(UnitOfWork(engine), supervisor.actor, wave.code).orders
    out: list[dict[str, object]] = []
    with UnitOfWork(engine).reading() as s:
        total = s.query(Order).count()
        code_of: dict[str, str] = {}
        for order_no in picked:
            order_id = s.scalar(select(Order.id).where(Order.order_no == order_no))
            units: list[str] = []
            skus: list[str] = []
            for line in s.scalars(select(OrderLine).where(OrderLine.order_id == order_id)):
                if line.sku_code not in code_of:
                    found = s.scalar(
                        select(Barcode.code)
                        .join(Sku, Sku.id == Barcode.sku_id)
                        .where(Sku.code == line.sku_code)
                        .limit(1)
                    )
                    code_of[line.sku_code] = found or line.sku_code
                skus.append(line.sku_code)
                units += [code_of[line.sku_code]] * line.qty
            out.append({"order_no": order_no, "units": units, "skus": skus})
    for entry in out:  # a barcode of some SKU that is not in the order: a wrong item
        listed = entry["skus"]
        mine = set(listed) if isinstance(listed, list) else set()
        entry["wrong"] = next((c for sku, c in code_of.items() if sku not in mine), None)
    engine.dispose()
    return {"orders_in_db": total, "build_s": built, "picked": out}


# --- the station ------------------------------------------------------------------------------


class PaintWatch(QObject):
    """When the watched widget last received a paint event (perf_counter seconds)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.at: float | None = None
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.at = time.perf_counter()
        return False


def rss_mb() -> tuple[float, float]:
    """(current RSS, peak RSS) of this process in MB, from /proc."""
    now = peak = 0.0
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                now = int(line.split()[1]) / 1024
            elif line.startswith("VmHWM:"):
                peak = int(line.split()[1]) / 1024
    except OSError:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return now, peak


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


class Station:
    def __init__(self, url: str) -> None:
        from app.bootstrap import app_context, build_station_devices, open_database
        from app.config import DeviceSettings
        from app.db.uow import UnitOfWork
        from app.services.users import login_with_badge
        from ui.devices import DeviceHub
        from ui.pack_screen import PackScreen
        from ui.sounds import Sounds

        class Silent:
            def play(self, name: str) -> None:
                pass

        app = QApplication.instance() or QApplication(sys.argv[:1])
        assert isinstance(app, QApplication)
        self.app = app
        self.engine = open_database(url)
        packer = login_with_badge(UnitOfWork(self.engine), "U-PACK01")
        self.hub = DeviceHub(
            app_context(self.engine), build_station_devices(DeviceSettings(), demo=True)
        )
        self.hub.start()
        self.screen = PackScreen(
            app_context(self.engine), packer, station=STATION, sounds=Sounds(Silent())
        )
        self.screen.set_hub(self.hub)
        self.screen.resize(1116, 700)
        self.screen.show()
        self.screen.activateWindow()
        self.screen.scan_edit.setFocus()
        self.flush()
        self.message = PaintWatch(self.screen.message)
        self.banner = PaintWatch(self.screen.banner)

    def flush(self) -> None:
        for _ in range(3):
            self.app.processEvents()

    def enter(self, code: str, watch: PaintWatch) -> tuple[float, float]:
        """Type ``code`` (untimed), then Enter: (handled, painted) in ms."""
        field = self.screen.scan_edit
        QTest.keyClicks(field, code)
        self.flush()  # the typed characters are painted before the clock starts
        watch.at = None
        started = time.perf_counter()
        QTest.keyClick(field, Qt.Key.Key_Return)
        handled = time.perf_counter()
        deadline = handled + PAINT_TIMEOUT_S
        while watch.at is None and time.perf_counter() < deadline:
            self.app.processEvents()
        painted = watch.at if watch.at is not None else float("nan")
        return (handled - started) * 1000, (painted - started) * 1000

    def close(self) -> None:
        self.screen.close()
        self.hub.close()
        self.engine.dispose()


def measure(url: str, picked: list[dict[str, object]]) -> dict[str, object]:
    station = Station(url)
    screen = station.screen
    rss_before = rss_mb()[0]
    figures: dict[str, list[tuple[float, float]]] = {"open": [], "scan": [], "refusal": []}
    warm: dict[str, tuple[float, float]] = {}
    problems: list[str] = []
    for i, entry in enumerate(picked):
        order_no = str(entry["order_no"])
        sink: Callable[[str, tuple[float, float]], None]
        if i == 0:
            sink = warm.__setitem__
        else:

            def sink(kind: str, t: tuple[float, float]) -> None:
                figures[kind].append(t)

        t = station.enter(order_no, station.message)
        view = screen.view
        if view is None or view.order_no != order_no or screen.banner_kind is not None:
            problems.append(f"{order_no} did not open: {screen.banner_text()!r}")
            screen.acknowledge()
            continue
        sink("open", t)
        for code in entry["units"]:  # type: ignore[attr-defined]
            t = station.enter(str(code), station.message)
            if screen.banner_kind is not None or screen.message.kind != "ok":
                problems.append(f"{order_no}: scan {code} refused: {screen.banner_text()!r}")
                screen.acknowledge()
                continue
            sink("scan", t)
        wrong = entry.get("wrong")
        if wrong:
            t = station.enter(str(wrong), station.banner)
            if screen.banner_kind == "error":
                sink("refusal", t)
            screen.submit_scan("CLEAR")
        QTest.keyClick(screen.scan_edit, Qt.Key.Key_F8)  # put aside: its scans stay recorded
        station.flush()
    rss_now, rss_peak = rss_mb()
    station.close()
    return {
        "figures": figures,
        "warm": warm,
        "problems": problems,
        "rss_mb": rss_now,
        "rss_peak_mb": rss_peak,
        "rss_before_mb": rss_before,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--db", metavar="URL", help="an existing database (it is changed)")
    parser.add_argument("--orders", type=int, default=20_000, help="demo size without --db")
    parser.add_argument("--pack", type=int, default=100, help="orders to open and scan")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the demo built without --db")
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--build", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.prepare:  # the child
        print(json.dumps(prepare(args.db, args.orders, args.build, args.pack)))
        return 0

    url = args.db
    folder: Path | None = None
    if not url:
        from app.db.engine import sqlite_url_for

        folder = Path(tempfile.mkdtemp(prefix="packdesk-bench-"))
        url = sqlite_url_for(folder / "demo.sqlite")
        print(f"building a demo with {args.orders:,} orders …", file=sys.stderr)
    try:
        child = [sys.executable, str(Path(__file__).resolve()), "--prepare", "--db", url]
        child += ["--orders", str(args.orders), "--pack", str(args.pack)]
        if folder is not None:
            child.append("--build")
        done = subprocess.run(child, check=True, stdout=subprocess.PIPE, text=True)
        prepared = json.loads(done.stdout.strip().splitlines()[-1])
        result = measure(url, prepared["picked"])
    finally:
        if folder is not None:
            if args.keep:
                print(f"demo kept: {url}", file=sys.stderr)
            else:
                shutil.rmtree(folder, ignore_errors=True)

    figures: dict[str, list[tuple[float, float]]] = result["figures"]  # type: ignore[assignment]
    summary: dict[str, object] = {
        "orders_in_db": prepared["orders_in_db"],
        "build_s": prepared["build_s"],
        "orders_packed": len(prepared["picked"]),
        "rss_mb": result["rss_mb"],
        "rss_peak_mb": result["rss_peak_mb"],
        "problems": result["problems"],
        "warm_up_ms": result["warm"],
    }
    for kind, samples in figures.items():
        handled = [h for h, _ in samples]
        painted = [p for _, p in samples]
        summary[kind] = {
            "n": len(samples),
            "handled_p50_ms": percentile(handled, 50),
            "handled_p99_ms": percentile(handled, 99),
            "painted_p50_ms": percentile(painted, 50),
            "painted_p99_ms": percentile(painted, 99),
            "painted_max_ms": max(painted) if painted else float("nan"),
        }
    if args.json:
        print(json.dumps(summary))
        return 0

    def verdict(value: float, target: float) -> str:
        return "OK" if value <= target else "SLOWER than target"

    print(
        f"  database: {summary['orders_in_db']:,} orders (targets are for 1,000,000)"
        + (f", demo built in {prepared['build_s']:.1f} s" if folder is not None else "")
    )
    print(f"  packed: {summary['orders_packed']} orders of one wave (the first one a warm-up)")
    rows = (
        ("open", "open an order by scan (Enter → painted)", TARGET_OPEN_MS),
        ("scan", "item scan verdict (Enter → painted)", TARGET_VERDICT_MS),
        ("refusal", "wrong item, red banner (Enter → painted)", TARGET_VERDICT_MS),
    )
    for kind, words, target in rows:
        s: dict[str, float] = summary[kind]  # type: ignore[assignment]
        print(
            f"  {words:44} p50 {s['painted_p50_ms']:6.1f} ms  p99 {s['painted_p99_ms']:6.1f} ms"
            f"  max {s['painted_max_ms']:6.1f} ms  (handled p50 {s['handled_p50_ms']:5.1f} /"
            f" p99 {s['handled_p99_ms']:5.1f} ms; n={s['n']:.0f};"
            f" target p99 ≤ {target:.0f} ms: {verdict(s['painted_p99_ms'], target)})"
        )
    warm_up: dict[str, tuple[float, float]] = result["warm"]  # type: ignore[assignment]
    if "open" in warm_up:
        print(f"  first order (warm-up): open painted {warm_up['open'][1]:.1f} ms")
    rss = float(result["rss_mb"])  # type: ignore[arg-type]
    print(
        f"  process RSS with the pack screen up        {rss:6.0f} MB"
        f"  (peak {result['rss_peak_mb']:.0f} MB; target ≤ {TARGET_RSS_MB:.0f} MB:"
        f" {verdict(rss, TARGET_RSS_MB)})"
    )
    for problem in result["problems"][:10]:  # type: ignore[index]
        print(f"  problem: {problem}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
