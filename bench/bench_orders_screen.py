"""How fast the orders screen opens on a big database.  Prints figures, never asserts.

    .venv/bin/python bench/bench_orders_screen.py --db sqlite+pysqlite:////path/demo.sqlite
    .venv/bin/python bench/bench_orders_screen.py --orders 1000000   # builds a demo first

Measured in this process, offscreen: building the orders screen (first page of the lazy model
and the counts per status) until it has been painted; then changing the status filter, a
search, and scrolling one page further.  Target: opening ≤ 1 s on 1,000,000 orders.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from app.bootstrap import app_context, open_database  # noqa: E402
from app.db.engine import sqlite_url_for  # noqa: E402
from app.domain.users import Role  # noqa: E402
from app.services.orders import OrderQuery  # noqa: E402
from app.services.users import UserInfo  # noqa: E402

TARGET_OPEN_S = 1.0


def timed(action: Callable[[], object], app: QApplication) -> float:
    started = time.perf_counter()
    action()
    app.processEvents()  # paint what changed
    return time.perf_counter() - started


def measure(url: str) -> dict[str, float]:
    from ui.orders_screen import OrdersScreen

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    engine = open_database(url)
    user = UserInfo(0, "bench", Role.SUPERVISOR, "-")
    holder: list[OrdersScreen] = []

    def open_screen() -> None:
        screen = OrdersScreen(app_context(engine), user)
        screen.resize(1440, 900)
        screen.show()
        holder.append(screen)

    figures = {"open": timed(open_screen, app)}
    screen = holder[0]
    figures["rows_loaded"] = float(screen.model.rowCount())
    figures["filter_reviewed"] = timed(
        lambda: screen.model.set_query(OrderQuery(status="reviewed")), app
    )
    some = screen.model.order_at(0) if screen.model.rowCount() else None
    figures["search_buyer"] = timed(
        lambda: screen.model.set_query(OrderQuery(search=some.buyer_name if some else "王")), app
    )
    screen.model.set_query(OrderQuery())
    figures["next_page"] = timed(screen.model.fetchMore, app)
    figures["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    screen.close()
    engine.dispose()
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", metavar="URL", help="an existing database (e.g. a demo)")
    parser.add_argument("--orders", type=int, default=1_000_000, help="demo size without --db")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the demo built without --db")
    args = parser.parse_args(argv)
    url = args.db
    folder: Path | None = None
    if not url:
        from app.services.demo import build_demo

        folder = Path(tempfile.mkdtemp(prefix="packdesk-bench-"))
        url = sqlite_url_for(folder / "demo.sqlite")
        print(f"building a demo with {args.orders:,} orders …", file=sys.stderr)
        build_demo(url, orders=args.orders)
    try:
        figures = measure(url)
    finally:
        if folder is not None:
            if args.keep:
                print(f"demo kept: {url}", file=sys.stderr)
            else:
                shutil.rmtree(folder, ignore_errors=True)
    if args.json:
        print(json.dumps(figures))
        return 0
    ok = "OK" if figures["open"] <= TARGET_OPEN_S else "SLOWER than target"
    print(
        f"  orders screen open, first page painted  {figures['open']:6.3f} s  "
        f"(target ≤ {TARGET_OPEN_S:.0f} s: {ok}; {figures['rows_loaded']:.0f} rows loaded)"
    )
    print(f"  status filter 'reviewed'                {figures['filter_reviewed']:6.3f} s")
    print(f"  search by buyer name                    {figures['search_buyer']:6.3f} s")
    print(f"  scroll: next page                       {figures['next_page']:6.3f} s")
    print(f"  peak memory (RSS)                       {figures['rss_mb']:6.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
