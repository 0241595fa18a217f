"""Scanner input: keyboard-wedge bursts, scan-to-classified latency, the serial scanner.
Prints figures, never asserts.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_scanning.py
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_scanning.py --scans 200 --seed 3

Two sets of ``--scans`` codes (default 1,000), each code unique and realistic:

* "30-char": every code exactly 30 characters: GS1 element strings (GTIN-14 from an EAN-13 with
  a valid check digit, lot, expiry, serial; with and without GS separators) and USPS IMpb
  tracking numbers with their ZIP routing (``420`` + ZIP + 22 digits).
* "mixed": the codes of a packing station at their natural lengths: EAN-13, GS1 with GS, order
  numbers, locations, totes, waves, UPS / UPU / SF tracking numbers.

For each set:

(a) wedge: every key of every code, then Enter, goes through ``ui.wedge.WedgeFilter`` as a
    real QKeyEvent (QTest, offscreen platform) to a focused QLineEdit.  A fake clock advances
    ``--key-ms`` (2 ms) per key and ``--gap-ms`` (200 ms) between scans, so the detector sees
    exactly a scanner's timing however slowly this machine delivers the events; the event loop
    runs after every key (timers, re-posted keys).  Printed: scans expected / received,
    characters dropped (neither in a scan nor in the field), characters that leaked into the
    field, scans merged (two codes in one) and split (part of a code), and real keys/s.
(b) latency: from delivering the Enter that ends a scan to ``app.domain.scans.classify()``
    returning in the slot connected to ``scanned`` (p50 / p99 / max; target p99 ≤ 2 ms).
(c) serial: the same codes through ``devices.scanners.SerialScanner`` reading a
    ``SimulatedSerialScanner`` pty: one at a time (latency from the write to ``on_scan``), then
    all back to back (how many arrive).

(d) wedge on a real X display (needs Xvfb and xdotool; skipped otherwise): ``--x-scans`` codes
    like a station's (EAN-13s with "00", SF numbers, GS1 with a lot, order numbers) typed back
    to back by ``xdotool`` at 2 ms per key into tests/e2e/wedge_driver.py (the app's wedge
    wiring and a focused scan field), once with the GUI thread idle and once kept busy
    (5–150 ms stretches, slow scan handling).  What (a) cannot see with synthetic events on a
    fake clock: keys queued while the GUI thread is busy and delivered together, Qt's
    auto-repeat flag on "00", the idle timer firing late.  Printed: scans whole / split /
    dropped, characters leaked into the field, key presses Qt flagged as auto-repeats, how
    long keys waited in the queue, and Enter pressed → scan on the screen (p50 / p99 / max).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit  # noqa: E402

from app.domain.barcodes import make_ean13  # noqa: E402
from app.domain.scans import GS, classify  # noqa: E402
from devices.scanners import ScannerState, SerialScanner  # noqa: E402
from devices.sim.scanner import SimulatedSerialScanner  # noqa: E402
from tests.e2e import wedge_harness  # noqa: E402
from ui.wedge import WedgeFilter  # noqa: E402

TARGET_P99_MS = 2.0
LOT_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"


# --- codes ---------------------------------------------------------------------------------------


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _lot(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(LOT_CHARS) for _ in range(n))


def _ean13(rng: random.Random) -> str:
    return make_ean13(rng.choice(["690", "400", "500", "871", "760"]) + _digits(rng, 9))


def _yymmdd(rng: random.Random) -> str:
    return f"{rng.randint(25, 29):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"


def code_30(rng: random.Random) -> str:
    gtin = "0" + _ean13(rng)
    form = rng.randrange(4)
    if form == 0:  # lot, GS, expiry
        code = f"01{gtin}10{_lot(rng, 3)}{GS}17{_yymmdd(rng)}"
    elif form == 1:  # expiry, lot (last: no GS needed)
        code = f"01{gtin}17{_yymmdd(rng)}10{_lot(rng, 4)}"
    elif form == 2:  # serialised pack (EU FMD style), GS, expiry
        code = f"01{gtin}21{_lot(rng, 3)}{GS}17{_yymmdd(rng)}"
    else:  # USPS IMpb with ZIP routing
        code = f"420{_digits(rng, 5)}9400{_digits(rng, 18)}"
    assert len(code) == 30, code
    return code


def code_mixed(rng: random.Random) -> str:
    form = rng.randrange(8)
    if form == 0:
        return _ean13(rng)
    if form == 1:
        lot = _lot(rng, rng.randint(3, 10))
        return f"010{_ean13(rng)}10{lot}{GS}17{_yymmdd(rng)}"
    if form == 2:
        return f"SO-{_digits(rng, rng.choice([8, 10]))}"
    if form == 3:
        return f"{rng.choice('ABCDE')}-{rng.randint(1, 40):02d}-{rng.randint(1, 20):02d}-01"
    if form == 4:
        return f"T{_digits(rng, 4)}"
    if form == 5:
        return f"W{_digits(rng, 6)}"
    if form == 6:
        return f"1Z{_lot(rng, 6)}{_digits(rng, 10)}"
    return rng.choice([f"RR{_digits(rng, 9)}CN", f"SF{_digits(rng, 13)}"])


def make_codes(n: int, make: Callable[[random.Random], str], rng: random.Random) -> list[str]:
    seen: set[str] = set()
    codes: list[str] = []
    while len(codes) < n:
        code = make(rng)
        if code not in seen:
            seen.add(code)
            codes.append(code)
    return codes


# --- figures -------------------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def latency_line(label: str, ms: Sequence[float], target: float | None = None) -> str:
    p50, p99 = percentile(ms, 0.50), percentile(ms, 0.99)
    line = f"  {label}: p50 {p50:.3f} ms, p99 {p99:.3f} ms, max {max(ms, default=0):.3f} ms"
    if target is not None:
        line += f" (target p99 ≤ {target:g} ms: {'OK' if p99 <= target else 'NOT MET'})"
    return line


# --- (a) + (b): the keyboard wedge ---------------------------------------------------------------


class FakeClock:
    def __init__(self) -> None:
        self.now = 10_000.0

    def __call__(self) -> float:
        return self.now


def bench_wedge(app: QApplication, codes: list[str], key_ms: float, gap_ms: float) -> None:
    clock = FakeClock()
    wedge = WedgeFilter(clock=clock)
    app.installEventFilter(wedge)
    edit = QLineEdit()
    edit.setMaxLength(10_000_000)
    edit.show()
    edit.activateWindow()
    edit.setFocus()
    app.processEvents()

    received: list[str] = []
    latencies_ms: list[float] = []
    enter_at = [0.0]
    returns = [0]

    def on_scanned(raw: str) -> None:
        classify(raw)
        latencies_ms.append((time.perf_counter() - enter_at[0]) * 1000.0)
        received.append(raw)

    wedge.scanned.connect(on_scanned)
    edit.returnPressed.connect(lambda: returns.__setitem__(0, returns[0] + 1))
    ctrl = Qt.KeyboardModifier.ControlModifier
    keys = 0
    started = time.perf_counter()
    for code in codes:
        for ch in code:
            if ch == GS:
                QTest.keyClick(edit, Qt.Key.Key_BracketRight, ctrl)
            else:
                QTest.keyClick(edit, ch)  # type: ignore[call-overload]  # the char overload
            clock.now += key_ms
            app.processEvents()
        enter_at[0] = time.perf_counter()
        QTest.keyClick(edit, Qt.Key.Key_Return)
        keys += len(code) + 1
        clock.now += gap_ms
        app.processEvents()
    clock.now += 1000
    QTest.qWait(60)  # the idle timer and any re-posted keys
    wall = time.perf_counter() - started

    expected = set(codes)
    merged = split = other = 0
    for raw in received:
        if raw in expected:
            continue
        if any(code in raw for code in codes):
            merged += 1
        elif any(raw in code for code in codes):
            split += 1
        else:
            other += 1
    good = sum(1 for raw in received if raw in expected)
    total_chars = sum(len(code) for code in codes)
    leaked = len(edit.text())
    dropped = max(0, total_chars - sum(len(raw) for raw in received) - leaked)
    print(
        f"  (a) wedge: scans expected {len(codes):,}, received {len(received):,} "
        f"({good:,} exact); characters dropped {dropped:,}, leaked into the field {leaked:,} "
        f"(+ {returns[0]} Enter); scans merged {merged}, split {split}, other {other}"
    )
    print(
        f"      {keys:,} keys at {key_ms:g} ms each (fake clock) in {wall:.2f} s real: "
        f"{keys / wall:,.0f} keys/s"
    )
    print(latency_line("(b) Enter → classify()", latencies_ms, TARGET_P99_MS))
    if latencies_ms:
        print(
            f"      first scan {latencies_ms[0]:.3f} ms"
            " (the first GS1 code of a process imports biip)"
        )
    app.removeEventFilter(wedge)
    edit.close()
    edit.deleteLater()
    wedge.deleteLater()
    app.processEvents()


# --- (c): the serial scanner on a pty ------------------------------------------------------------


def bench_serial(codes: list[str]) -> None:
    if sys.platform == "win32":
        print("  (c) serial: not available (the simulator needs a pty)")
        return
    arrived: list[tuple[str, float]] = []
    changed = threading.Condition()
    connected = threading.Event()

    def on_scan(code: str) -> None:
        with changed:
            arrived.append((code, time.perf_counter()))
            changed.notify_all()

    def on_state(state: ScannerState, message: object) -> None:
        if state is ScannerState.CONNECTED:
            connected.set()

    with SimulatedSerialScanner() as sim:
        scanner = SerialScanner(sim.port, on_scan=on_scan, on_state=on_state)
        scanner.start()
        try:
            if not connected.wait(5):
                print("  (c) serial: the scanner did not connect to the simulator")
                return

            # One at a time: the latency of each scan.
            def more_than(n: int) -> Callable[[], bool]:
                return lambda: len(arrived) > n

            latencies_ms: list[float] = []
            for index, code in enumerate(codes):
                sent = time.perf_counter()
                sim.scan(code)
                with changed:
                    changed.wait_for(more_than(index), timeout=0.5)
                    if len(arrived) > index:
                        latencies_ms.append((arrived[index][1] - sent) * 1000.0)
            paced = [code for code, _ in arrived]
            ok = sum(1 for a, b in zip(paced, codes, strict=False) if a == b)
            print(
                f"  (c) serial, one at a time: sent {len(codes):,}, received {len(paced):,} "
                f"({ok:,} exact, in order), dropped {len(codes) - len(paced):,}"
            )
            print(latency_line("      write → on_scan", latencies_ms))
            # Back to back: as fast as the pty takes them.
            with changed:
                arrived.clear()
            started = time.perf_counter()
            for code in codes:
                sim.scan(code)
            with changed:
                changed.wait_for(lambda: len(arrived) >= len(codes), timeout=5)
                burst = [code for code, _ in arrived]
            wall = time.perf_counter() - started
            print(
                f"  (c) serial, back to back: sent {len(codes):,}, received {len(burst):,} "
                f"({'same order' if burst == codes else 'ORDER DIFFERS'}), dropped "
                f"{len(codes) - len(burst):,}, in {wall * 1000:.0f} ms "
                f"({len(burst) / wall:,.0f} scans/s)"
            )
        finally:
            scanner.stop()


# --- (d): the wedge on a real X display ---------------------------------------------------------


def bench_xvfb(scans: int, seed: int) -> None:
    missing = wedge_harness.missing_tools()
    if missing:
        print(f"\n(d) wedge under Xvfb: not run ({missing})")
        return
    codes = wedge_harness.scan_codes(random.Random(seed), scans)
    print(f"\n(d) wedge under Xvfb + xdotool: {scans:,} codes back to back, 2 ms per key")
    busy = ["--busy-every", "60", "--busy", "5", "150", "--slow-scan", "5", "60"]
    with wedge_harness.xvfb() as display:
        for label, args in (("GUI thread idle", []), ("GUI thread busy", busy)):
            outcome = wedge_harness.run_scans(codes, ["--seed", str(seed), *args], display)
            print(f"  {label}: {outcome.summary()}")
            print(latency_line("    key press → delivered", outcome.queued_ms()))
            enter = outcome.enter_to_scan_ms()
            if enter:
                print(latency_line("    Enter pressed → scan on the screen", enter))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scans", type=int, default=1000)
    parser.add_argument("--key-ms", type=float, default=2.0)
    parser.add_argument("--gap-ms", type=float, default=200.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--x-scans", type=int, default=300, help="codes for (d), the X display; 0: skip it"
    )
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    rng = random.Random(args.seed)
    print(
        f"Python {sys.version.split()[0]}, Qt platform {app.platformName()}, "
        f"{os.cpu_count()} CPUs, seed {args.seed}"
    )
    for name, make in (("30-char", code_30), ("mixed", code_mixed)):
        codes = make_codes(args.scans, make, rng)
        mean = statistics.mean(len(code) for code in codes)
        with_gs = sum(1 for code in codes if GS in code)
        print(
            f"\n{name} codes: {len(codes):,} unique, {mean:.1f} characters on average, "
            f"{with_gs:,} with GS"
        )
        bench_wedge(app, codes, args.key_ms, args.gap_ms)
        bench_serial(codes)
    if args.x_scans:
        bench_xvfb(args.x_scans, args.seed)


if __name__ == "__main__":
    main()
