"""A packing station's scan field on a real X display, for tests/e2e/test_wedge_xvfb.py.

    DISPLAY=:N python -m tests.e2e.wedge_driver [--busy-every MS] [--busy MIN MAX]
        [--slow-scan MIN MAX] [--seed N] [--trace]

It builds what the app builds: ``ui.app.AppController(..., wedge=True)`` installs the
keyboard-wedge filter application-wide with the station's default scanner settings and routes
its scans through the real ``ScanRouter``; the window in front is the app's real main window
(a packer logged in on a small demo warehouse) showing the pack screen, whose scan field has
the focus — scans go to its ``PackStation`` as on the floor.  ``--stand-in`` puts a bare window
with one scan field in front instead (the wedge alone).  The GUI thread is kept busy the way a
slow database call or a repaint keeps it busy: random stretches of ``--busy`` MIN–MAX ms, every
``--busy-every`` ms or so, both in a timer's slot and in posted events (they run at different
points of Qt's event loop), and handling a scan takes a while (``--slow-scan``).

It writes one JSON object per line to stdout, each in one write:

    {"ev": "ready", "window": WID}       the window is shown and the scan field has focus
    {"ev": "scan", "code": C, "at_ms": A}
                                         the router handed the screen a scanned code
    {"ev": "typed", "text": T, "at_ms": A}
                                         Enter was pressed in the field holding T (typed)
    {"ev": "key", "text": T, "repeat": R, "x_ms": X, "at_ms": A}
                                         with --trace: a key press as the X server stamped it
                                         (X) and when it was delivered (A: time.monotonic)
    {"ev": "end", "field": T, "keys": N, "busy_ms": B, "blocks": K}
                                         at the end: what is left in the field, how many key
                                         presses reached the field, the time spent blocked

Commands on stdin, one a line: ``block MS`` says {"ev": "blocking", "ms": MS} and blocks the GUI
thread for MS milliseconds; ``end`` (or end of input) writes the "end" line and quits.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSocketNotifier, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QVBoxLayout, QWidget
from sqlalchemy import create_engine

from app.bootstrap import app_context
from app.config import Settings
from app.db.engine import sqlite_url_for
from app.db.migrate import open_database
from app.domain.scans import Scan
from app.services.demo import build_demo
from app.services.users import login_with_badge
from ui.app import AppController


def say(**fields: Any) -> None:
    os.write(sys.stdout.fileno(), (json.dumps(fields) + "\n").encode())


def now_ms() -> float:
    return round(time.monotonic() * 1000, 2)


class Station(QWidget):
    """The screen in front of the packer: one scan field, as on the pack screen."""

    def __init__(self, slow_scan: tuple[float, float], rng: random.Random) -> None:
        super().__init__()
        self.setWindowTitle("wedge station")
        self.scan_edit = QLineEdit()
        self.scan_edit.setObjectName("packScan")
        self.scan_edit.setMaxLength(10_000)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Scan"))
        layout.addWidget(self.scan_edit)
        self.scan_edit.returnPressed.connect(self._on_entered)
        self._slow_scan = slow_scan
        self._rng = rng
        self.keys = 0  # key presses that reached the field
        self.scan_edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.text():
                self.keys += 1
        return False

    def accept_scan(self, event: Scan) -> bool:
        """As the pack screen: the code goes into the field and is handled."""
        self.scan_edit.setText(event.value)
        say(ev="scan", code=event.value, at_ms=now_ms())
        self._handle()
        return True

    def _on_entered(self) -> None:
        say(ev="typed", text=self.scan_edit.text(), at_ms=now_ms())
        self._handle()

    def _handle(self) -> None:
        self.scan_edit.clear()
        low, high = self._slow_scan
        if high > 0:
            time.sleep(self._rng.uniform(low, high) / 1000)  # the database call


class SlowWork(QObject):
    """Work that arrives as a posted event (as a repaint or a queued call does) and blocks."""

    TYPE = QEvent.Type(QEvent.registerEventType())

    def __init__(self, block: Callable[[float], None]) -> None:
        super().__init__()
        self._block = block
        self._pending: list[float] = []
        self._lock = threading.Lock()
        self.done = threading.Event()

    def post(self, ms: float) -> None:
        """Thread-safe: the GUI thread blocks *ms* milliseconds when it gets to the event."""
        with self._lock:
            self._pending.append(ms)
        self.done.clear()
        QCoreApplication.postEvent(self, QEvent(self.TYPE))

    def event(self, event: QEvent) -> bool:
        if event.type() == self.TYPE:
            with self._lock:
                ms = self._pending.pop(0) if self._pending else 0.0
            self._block(ms)
            self.done.set()
            return True
        return super().event(event)


class Tracer(QObject):
    """Every key press the window system delivers, with its X time (--trace)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.spontaneous():
            assert isinstance(event, QKeyEvent)
            if isinstance(watched, QWidget):
                return False  # the same event again, forwarded from the window to its widget
            if event.key() in (Qt.Key.Key_Shift, Qt.Key.Key_Control):
                return False
            text = "\r" if event.key() == Qt.Key.Key_Return else event.text()
            say(
                ev="key",
                text=text,
                repeat=event.isAutoRepeat(),
                x_ms=int(event.timestamp()),
                at_ms=now_ms(),
            )
        return False


class PackStationWindow:
    """The real main window on a fresh demo warehouse, a packer logged in, the pack screen in
    front; what reaches its scan field is reported as the stand-in reports it."""

    def __init__(
        self, controller: AppController, slow_scan: tuple[float, float], rng: random.Random
    ) -> None:
        from ui.app import build_main_window

        ctx = controller.ctx
        user = login_with_badge(ctx.uow(), "U-PACK01")
        self.window = build_main_window(ctx, user, Settings(), router=controller.router)
        self.window.pack_screen.sounds.enabled = False  # no player process per refusal
        self.window.show_screen("pack")
        controller.main_window = self.window
        self.scan_edit = self.window.pack_screen.scan_edit
        self.keys = 0
        self._slow_scan = slow_scan
        self._rng = rng
        self._filter = _FieldWatch(self)
        self.scan_edit.installEventFilter(self._filter)
        controller.router.routed.connect(self._on_routed)

    def _on_routed(self, event: object) -> None:
        say(ev="scan", code=getattr(event, "value", ""), at_ms=now_ms())
        low, high = self._slow_scan
        if high > 0:
            time.sleep(self._rng.uniform(low, high) / 1000)  # a slower database than the demo's

    # the window-ish calls main() makes
    def resize(self, w: int, h: int) -> None:
        self.window.resize(w, h)

    def show(self) -> None:
        self.window.show()

    def activateWindow(self) -> None:
        self.window.activateWindow()

    def isActiveWindow(self) -> bool:
        return self.window.isActiveWindow()

    def winId(self) -> int:
        return int(self.window.winId())


class _FieldWatch(QObject):
    """Counts the keys that reach the scan field; says "typed" when Enter is pressed in it."""

    def __init__(self, station: PackStationWindow) -> None:
        super().__init__()
        self._station = station

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                say(ev="typed", text=self._station.scan_edit.text(), at_ms=now_ms())
            elif event.text():
                self._station.keys += 1
        return False


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--busy-every", type=float, default=0.0, help="block every MS ms")
    parser.add_argument("--busy", type=float, nargs=2, default=(5.0, 150.0), metavar="MS")
    parser.add_argument("--slow-scan", type=float, nargs=2, default=(0.0, 0.0), metavar="MS")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--trace", action="store_true")
    parser.add_argument("--stand-in", action="store_true", help="a bare scan field in front")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)

    app = QApplication([sys.argv[0], "-platform", "xcb"])
    # The real wiring: AppController installs the wedge app-wide and routes its scans.
    station: Station | PackStationWindow
    if args.stand_in:
        ctx = app_context(create_engine("sqlite://"))
        controller = AppController(ctx, Settings(), wedge=True)
        station = Station(tuple(args.slow_scan), rng)
        controller.main_window = station  # the screen in front: the router hands it scans
    else:
        folder = tempfile.mkdtemp(prefix="packdesk-wedge-")
        os.environ["PACKDESK_HOME"] = folder
        url = sqlite_url_for(Path(folder) / "demo.sqlite")
        build_demo(url, orders=40)
        controller = AppController(app_context(open_database(url)), Settings(), wedge=True)
        station = PackStationWindow(controller, tuple(args.slow_scan), rng)
    tracer = Tracer()
    if args.trace:
        app.installEventFilter(tracer)  # installed last: sees each key before the wedge

    blocked = {"ms": 0.0, "count": 0}

    def block(ms: float) -> None:
        time.sleep(ms / 1000)
        blocked["ms"] += ms
        blocked["count"] += 1

    # Busy spells: in a timer's slot (a slow refresh) and in posted events (a repaint, a queued
    # call), which run at different points of the event loop's round.  Timers wait while input
    # streams in, so the posted ones come from a thread, as a worker's results do.
    slow = SlowWork(block)
    busy = QTimer()
    stop = threading.Event()
    if args.busy_every > 0:
        low, high = args.busy
        busy.timeout.connect(lambda: block(rng.uniform(low, high)))
        busy.start(int(args.busy_every))
        spells = random.Random(args.seed + 1)

        def post_spells() -> None:
            # the next spell a random while after the last one ended
            while not stop.wait(spells.uniform(0.3, 2.0) * args.busy_every / 1000):
                slow.post(spells.uniform(low, high))
                slow.done.wait()

        threading.Thread(target=post_spells, daemon=True).start()

    def finish() -> None:
        busy.stop()
        stop.set()
        app.processEvents()
        say(
            ev="end",
            field=station.scan_edit.text(),
            keys=station.keys,
            busy_ms=round(blocked["ms"]),
            blocks=blocked["count"],
        )
        controller.shutdown()
        app.quit()

    def on_stdin() -> None:
        line = sys.stdin.readline()
        words = line.split()
        if not line or words[:1] == ["end"]:
            notifier.setEnabled(False)
            # Whatever the wedge still holds is given back within max_gap_ms: wait that out.
            QTimer.singleShot(300, finish)
        elif words[:1] == ["block"]:
            say(ev="blocking", ms=float(words[1]))
            block(float(words[1]))

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(on_stdin)

    station.resize(*((480, 120) if args.stand_in else (800, 600)))
    station.show()
    station.activateWindow()
    station.scan_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def ready() -> None:
        if not station.isActiveWindow() or not station.scan_edit.hasFocus():
            station.activateWindow()
            station.scan_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            QTimer.singleShot(20, ready)
            return
        say(ev="ready", window=int(station.winId()))

    QTimer.singleShot(0, ready)
    return int(app.exec())


if __name__ == "__main__":
    raise SystemExit(main())
