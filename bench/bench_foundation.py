"""Foundation benchmark: build the demo warehouse, review it, list it.  Prints figures, never
asserts (a slow machine is not a failed build).

    .venv/bin/python bench/bench_foundation.py                  # 1,000,000 orders
    .venv/bin/python bench/bench_foundation.py --orders 100000  # a quicker look

Everything runs in a temporary folder (PACKDESK_HOME points there) through the real command
line, as a person would run it:

    packdesk --db URL demo --orders N --no-gui
    packdesk --db URL review --json
    packdesk --db URL orders list --status reviewed --json > /dev/null

See bench/README.md for the targets and the figures measured so far.
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
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from app.db.engine import make_engine, sqlite_url_for  # noqa: E402
from app.db.models import Order  # noqa: E402

TARGET_BUILD_S = 120.0  # demo --orders 1000000 on a 2-core machine
TARGET_REVIEW_S = 20.0  # review of ~100,000 new orders
TARGET_SCREEN_S = 1.0  # opening the orders screen on 1,000,000 orders
TARGET_LIST_S: float | None = None  # orders list: no target yet, recorded for the trend


def packdesk_command() -> list[str]:
    """The venv's `packdesk` console script, else `python -m app` (the same command line)."""
    bindir = Path(sys.executable).parent
    for name in ("packdesk", "packdesk.exe"):
        script = bindir / name
        if script.is_file():
            return [str(script)]
    return [sys.executable, "-m", "app"]


class Run:
    def __init__(self, seconds: float, returncode: int, stdout: str, stderr: str) -> None:
        self.seconds = seconds
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def why_not(self) -> str:
        text = self.stderr.strip()
        if "invalid choice" in text or "unrecognized arguments" in text:
            return "not available (the command line does not have it yet)"
        last = text.splitlines()[-1] if text else ""
        return f"failed (exit {self.returncode}): {last}"


def run(args: Sequence[str], env: dict[str, str], *, discard_stdout: bool = False) -> Run:
    started = time.perf_counter()
    proc = subprocess.run(
        [*packdesk_command(), *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL if discard_stdout else subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        check=False,
    )
    seconds = time.perf_counter() - started
    return Run(seconds, proc.returncode, proc.stdout or "", proc.stderr or "")


def verdict(seconds: float, target: float | None) -> str:
    if target is None:
        return "(no target yet)"
    return f"(target ≤ {target:.0f} s at full size: {'OK' if seconds <= target else 'SLOWER'})"


def line(label: str, value: str) -> None:
    print(f"  {label:<42} {value}", flush=True)


def count_by_status(url: str) -> dict[str, int]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(select(Order.status, func.count()).group_by(Order.status))
            return {status: n for status, n in rows}
    finally:
        engine.dispose()


def time_build(url: str, orders: int, env: dict[str, str]) -> None:
    result = run(["--db", url, "demo", "--orders", str(orders), "--no-gui"], env)
    label = f"demo build, {orders:,} orders"
    if result.ok:
        line(label, f"{result.seconds:7.1f} s  {verdict(result.seconds, TARGET_BUILD_S)}")
        return
    line(label + " (CLI)", result.why_not())
    # Still measure the build itself, in this process.
    from app.services.demo import build_demo

    summary = build_demo(url, orders=orders)
    seconds = summary.seconds
    line(label + " (in-process)", f"{seconds:7.1f} s  {verdict(seconds, TARGET_BUILD_S)}")


def time_review(url: str, env: dict[str, str], new_orders: int) -> None:
    result = run(["--db", url, "review", "--json"], env)
    label = f"review, {new_orders:,} new orders"
    if not result.ok:
        line(label, result.why_not())
        return
    line(label, f"{result.seconds:7.1f} s  {verdict(result.seconds, TARGET_REVIEW_S)}")
    try:
        summary: Any = json.loads(result.stdout)
    except ValueError:
        line("", "(the output was not JSON)")
        return
    if isinstance(summary, dict):
        shown = {k: summary[k] for k in ("checked", "reviewed", "exceptions") if k in summary}
        if shown:
            line("", ", ".join(f"{k} {v:,}" for k, v in shown.items()))


def time_list(url: str, env: dict[str, str], reviewed: int) -> None:
    args = ["--db", url, "orders", "list", "--status", "reviewed", "--json"]
    result = run(args, env, discard_stdout=True)
    label = f"orders list --status reviewed ({reviewed:,})"
    if not result.ok:
        line(label, result.why_not())
        return
    line(label, f"{result.seconds:7.1f} s  {verdict(result.seconds, TARGET_LIST_S)}")


def time_orders_screen(url: str, env: dict[str, str]) -> None:
    """Opening the orders screen on the database, in a fresh process (bench_orders_screen)."""
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_orders_screen.py"), "--db", url, "--json"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        line("orders screen, first page", f"failed: {proc.stderr.strip().splitlines()[-1:]}")
        return
    figures = json.loads(proc.stdout.strip().splitlines()[-1])
    line(
        "orders screen, first page painted",
        f"{figures['open']:7.2f} s  {verdict(figures['open'], TARGET_SCREEN_S)}",
    )
    line(
        "  status filter / search / next page",
        f"{figures['filter_reviewed']:.2f} / {figures['search_buyer']:.2f} / "
        f"{figures['next_page']:.2f} s, peak RSS {figures['rss_mb']:.0f} MB",
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=1_000_000, help="default 1,000,000")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)

    home = Path(tempfile.mkdtemp(prefix="packdesk-bench-"))
    db_file = home / "demo.sqlite"
    url = sqlite_url_for(db_file)
    env = dict(os.environ)
    env.pop("PACKDESK_DB", None)
    env["PACKDESK_HOME"] = str(home)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    print(f"Packdesk foundation benchmark: {args.orders:,} orders, {os.cpu_count()} CPUs")
    print(f"  command: {' '.join(Path(c).name for c in packdesk_command())}")
    try:
        time_build(url, args.orders, env)
        if not db_file.exists():
            line("database", "not built; nothing more to measure")
            return 0
        line("database file", f"{db_file.stat().st_size / 2**20:7.1f} MiB")
        before = count_by_status(url)
        time_review(url, env, before.get("new", 0))
        after = count_by_status(url)
        time_list(url, env, after.get("reviewed", 0))
        time_orders_screen(url, env)
    finally:
        if args.keep:
            print(f"  kept: {home}")
        else:
            shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
