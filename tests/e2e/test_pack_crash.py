"""The power cut at the pack station: a real process scanning an order is killed (SIGKILL) at
random moments, and the station that comes back finds every confirmed scan, nothing half
written and nothing counted twice.

The station is tests/e2e/pack_driver.py in a subprocess on a SQLite file (every other run
through the real pack screen on the offscreen Qt platform).  It writes
"ACK <seq> <sku>" right after each scan_item call returns accepted (the moment the screen
confirms) and "NAK ..." after a refusal.  The kill moments come from a seeded random
generator: either a random time after the start (during imports, open_order or the scans) or a
few milliseconds after its k-th line (inside the next scan's transaction).  After each kill the
order is reopened in this process as a restarted station would (open_sessions, then open_order)
and checked; then the driver is started again and goes on until the order is complete.

The assertions hold for any kill point; only how often a kill lands inside a transaction
depends on timing (printed at the end, never asserted).  This is a process crash: the kernel
keeps what SQLite wrote, so it does not show what an operating system crash would lose.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pytest
from sqlalchemy import func, select

from app.db.models import AuditEvent, Order, PackEventRecord
from app.domain.orders import OrderStatus
from app.domain.users import Actor
from app.services import packing
from app.services.picking import confirm_wave
from app.services.waves import create_wave
from tests.factories import UowFactory, add_order, add_sku, receive, status_of

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="no SIGKILL on Windows"),
    pytest.mark.slow,
]

ROOT = Path(__file__).resolve().parents[2]
STATION = "S1"
SEED = 20261120
#: kills per order; the run after the last one is left to finish the order
KILLS_PER_ORDER = 12
#: how long to wait for the driver at most (it needs well under a second per run)
PATIENCE_S = 60.0

BARCODES = {
    "CUP": "6901234567892",
    "LAMP": "036000291452",
    "MUG": "4006381333931",
    "BOWL": "9780201379624",
    "TEA": "5012345678900",
}
#: an item of the catalogue that none of the orders has
WRONG_SKU, WRONG = "SPOON", "4007630000116"
WEIGHT_G = {"CUP": 300, "LAMP": 800, "MUG": 250, "BOWL": 400, "TEA": 120}
ORDERS = {
    "PC001": [("CUP", 5), ("LAMP", 3), ("MUG", 6)],
    "PC002": [("CUP", 4), ("BOWL", 7), ("TEA", 2), ("LAMP", 4)],
    "PC003": [("MUG", 8), ("TEA", 6)],
}


@pytest.fixture
def picked(uow: UowFactory, supervisor: Actor) -> None:
    """Three picked multi-line orders (PC001–PC003) and a SKU that is in none of them."""
    for i, sku in enumerate(BARCODES):
        add_sku(uow, sku, barcodes=[BARCODES[sku]], weight_g=WEIGHT_G[sku])
        receive(uow, sku, 20, lot=f"{sku}-1", location=f"A-01-{i + 1:02d}-01")
    add_sku(uow, WRONG_SKU, barcodes=[WRONG], weight_g=30)
    for order_no, lines in ORDERS.items():
        add_order(uow, order_no, lines, status="reviewed", carrier="SF")
    wave = create_wave(uow(), supervisor)
    assert wave.code is not None and sorted(wave.orders) == sorted(ORDERS)
    confirm_wave(uow(), supervisor, wave.code)
    assert {status_of(uow, no)[0] for no in ORDERS} == {"picked"}


# --- the driver process --------------------------------------------------------------------


@dataclass
class Run:
    """What one driver process wrote before it ended or was killed."""

    lines: list[str] = field(default_factory=list)
    killed: bool = False
    returncode: int | None = None
    stderr: str = ""

    def of(self, word: str) -> list[list[str]]:
        return [line.split()[1:] for line in self.lines if line.split()[0] == word]

    @property
    def acks(self) -> list[tuple[int, str]]:
        return [(int(seq), sku) for seq, sku in self.of("ACK")]

    @property
    def done(self) -> bool:
        return "DONE" in self.lines


def _read(pipe: IO[bytes], run: Run, ready: threading.Condition) -> None:
    """Collect whole lines only: a line cut off by the kill was never confirmed."""
    while True:
        raw = pipe.readline()
        if not raw.endswith(b"\n"):
            break
        with ready:
            run.lines.append(raw.decode().strip())
            ready.notify_all()
    with ready:
        ready.notify_all()


def drive(
    db_url: str,
    order_no: str,
    tmp: Path,
    kill: tuple[str, float, int] | None,
    pause_ms: float,
    screen: bool = False,
) -> Run:
    """Run the driver for the order.  kill: ("time", delay, 0) kills *delay* seconds after the
    start; ("line", delay, k) kills *delay* seconds after its k-th line; None lets it finish.
    pause_ms: how long the driver waits after each call before writing its line."""
    codes = [f"--code={sku}={code}" for sku, code in BARCODES.items()]
    command = [sys.executable, "-m", "tests.e2e.pack_driver", db_url, order_no, STATION]
    command += [*codes, f"--wrong={WRONG}", f"--pause-ms={pause_ms}"]
    if screen:
        command.append("--screen")  # through the real pack screen (offscreen Qt)
    run = Run()
    ready = threading.Condition()
    errors = tmp / "driver.stderr"
    with errors.open("wb") as stderr:
        proc = subprocess.Popen(
            command, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=stderr
        )
        started = time.monotonic()
        reader = threading.Thread(target=_read, args=(proc.stdout, run, ready), daemon=True)
        reader.start()
        try:
            if kill is not None:
                how, delay, k = kill
                if how == "line":
                    with ready:
                        ready.wait_for(
                            lambda: len(run.lines) >= k or proc.poll() is not None,
                            timeout=PATIENCE_S,
                        )
                    time.sleep(delay)
                else:
                    time.sleep(max(0.0, started + delay - time.monotonic()))
                if proc.poll() is None:
                    proc.send_signal(signal.SIGKILL)
            run.returncode = proc.wait(timeout=PATIENCE_S)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        reader.join(timeout=PATIENCE_S)
        assert proc.stdout is not None
        proc.stdout.close()
    run.killed = run.returncode == -signal.SIGKILL
    run.stderr = errors.read_text(errors="replace")
    return run


# --- what the database holds ---------------------------------------------------------------


@dataclass(frozen=True)
class Stored:
    #: (seq, kind, line_id) of the order's pack events, by seq
    events: list[tuple[int, str, int | None]]
    refusals: int

    @property
    def scans(self) -> int:
        return sum(1 for _, kind, _ in self.events if kind == "scan")


def stored(uow: UowFactory, order_no: str) -> Stored:
    with uow().reading() as s:
        order_id = s.scalar(select(Order.id).where(Order.order_no == order_no))
        rows = s.execute(
            select(PackEventRecord.seq, PackEventRecord.kind, PackEventRecord.data)
            .where(PackEventRecord.order_id == order_id)
            .order_by(PackEventRecord.seq)
        ).all()
        refusals = s.scalar(
            select(func.count(AuditEvent.id)).where(
                AuditEvent.action == "pack scan refused", AuditEvent.entity_id == order_no
            )
        )
    events = [(seq, kind, data.get("line_id")) for seq, kind, data in rows]
    return Stored(events, int(refusals or 0))


def check_after(
    uow: UowFactory,
    packer: Actor,
    order_no: str,
    before: Stored,
    run: Run,
    acked: dict[int, str],
) -> tuple[Stored, packing.PackView]:
    """The restarted station's view of the order after *run*; asserts nothing was lost, half
    written or doubled."""
    where = f"{order_no}, driver output {run.lines}"
    after = stored(uow, order_no)
    seqs = [seq for seq, _, _ in after.events]
    assert seqs == list(range(1, len(seqs) + 1)), f"pack events not 1..n: {seqs} ({where})"
    assert {kind for _, kind, _ in after.events} <= {"scan"}, where
    assert after.events[: len(before.events)] == before.events, f"events changed: {where}"

    # the driver makes one call at a time: at most one can have been written and not confirmed
    acks, naks = run.acks, run.of("NAK")
    new_events = len(after.events) - len(before.events)
    new_refusals = after.refusals - before.refusals
    assert new_events - len(acks) in (0, 1), f"{new_events} events for {len(acks)} ACKs: {where}"
    assert new_refusals - len(naks) in (0, 1), f"{new_refusals} refusals, {len(naks)}: {where}"
    assert (new_events + new_refusals) - (len(acks) + len(naks)) in (0, 1), where
    if acks:  # it went on from where the last run stopped
        assert acks[0][0] == len(before.events) + 1, where
    opened = run.of("OPEN")
    if opened:
        assert int(opened[0][1]) == before.scans, f"reopened at another count: {where}"

    # a restarted station: which orders does it hold, and where does this one stand?
    sessions = packing.open_sessions(uow(), STATION)
    if after.events or opened:
        assert order_no in sessions, where
    view = packing.open_order(uow(), packer, order_no, STATION)
    assert view.status == OrderStatus.PACKING.value, where
    by_line = {line.line_id: line for line in view.lines}
    for seq, sku in acks:
        assert seq not in acked, f"seq {seq} confirmed twice: {where}"
        acked[seq] = sku
    for seq, sku in acked.items():  # nothing confirmed is lost
        assert seq <= len(after.events), f"confirmed scan {seq} ({sku}) is lost: {where}"
        line_id = after.events[seq - 1][2]
        assert line_id in by_line and by_line[line_id].sku == sku, where
    for line in view.lines:  # nothing doubled, nothing half counted
        events = sum(1 for _, _, line_id in after.events if line_id == line.line_id)
        assert line.scanned == events, f"line {line.sku}: {line.scanned} vs {events}: {where}"
        assert line.scanned <= line.qty, f"line {line.sku} over its quantity: {where}"
    assert view.units_scanned == after.scans and view.last_seq == len(after.events), where
    return after, view


def test_power_cut_while_scanning_loses_and_doubles_nothing(
    uow: UowFactory, db_url: str, packer: Actor, picked: None, tmp_path: Path
) -> None:
    rng = random.Random(SEED)
    figures = {"runs": 0, "kills": 0, "before open": 0, "written, not confirmed": 0}
    # (runs through the screen are the odd attempts of each order)
    for order_no, lines in ORDERS.items():
        acked: dict[int, str] = {}
        before = stored(uow, order_no)
        for attempt in range(KILLS_PER_ORDER + 1):
            kill: tuple[str, float, int] | None = None
            pause_ms = 0.0
            if attempt < KILLS_PER_ORDER:
                if rng.random() < 0.2:
                    kill = ("time", rng.uniform(0.0, 0.5), 0)
                else:
                    kill = ("line", rng.uniform(0.0, 0.008), rng.randint(1, 5))
                pause_ms = rng.choice([0.0, 0.0, 5.0])
            # Every other run scans through the real pack screen (offscreen Qt), the rest
            # through the service as the screen calls it: both must survive the kill alike.
            run = drive(db_url, order_no, tmp_path, kill, pause_ms, screen=attempt % 2 == 1)
            figures["runs"] += 1
            if not run.killed:
                assert run.returncode == 0, f"driver failed ({run.returncode}): {run.stderr}"
                assert run.done, f"driver ended without DONE: {run.lines}"
            else:
                figures["kills"] += 1
                figures["before open"] += not run.lines
            after, view = check_after(uow, packer, order_no, before, run, acked)
            calls = len(run.acks) + len(run.of("NAK"))
            written = len(after.events) - len(before.events) + after.refusals - before.refusals
            figures["written, not confirmed"] += written - calls
            before = after
            if run.done:
                break
        assert run.done, f"{order_no} not complete after {KILLS_PER_ORDER + 1} runs"

        # complete: every line to its quantity, each unit once, and the order can be closed
        assert [(line.sku, line.scanned) for line in view.lines] == lines
        assert after.scans == sum(qty for _, qty in lines) and set(acked) <= set(
            range(1, after.scans + 1)
        )
        assert view.can_close == ()
        expected = sum(WEIGHT_G[sku] * qty for sku, qty in lines)
        assert packing.check_weight(uow(), packer, order_no, STATION, float(expected)).ok
        assert packing.close_parcel(uow(), packer, order_no, STATION).status == "packed"
    assert packing.open_sessions(uow(), STATION) == list(ORDERS)
    print(f"\npack crash: {figures}")
