"""A private X display, the wedge driver on it and a scanner typing into it: shared by
tests/e2e/test_wedge_xvfb.py and bench/bench_scanning.py.

``xdotool type --delay 2 CODE`` + ``key Return`` types through the X server's XTEST extension,
the way a keyboard-wedge scanner's keys arrive: real KeyPress/KeyRelease events with the
server's timestamps, Qt's auto-repeat guess, and queueing while the GUI thread is busy.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import IO, Any

from app.domain.barcodes import make_ean13

ROOT = Path(__file__).resolve().parents[2]
#: xdotool's pace: a scanner types a key every 2 ms
KEY_DELAY_MS = 2
#: the station's default wedge setting (app.config): a longer gap between keys is a person
MAX_GAP_MS = 30
PATIENCE_S = 30.0


def missing_tools() -> str | None:
    """Why this machine cannot run the X tests (None when it can)."""
    if not sys.platform.startswith("linux"):
        return "needs an X server (Linux)"
    for tool, package in (("Xvfb", "xvfb"), ("xdotool", "xdotool")):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (Debian package {package})"
    return _xcb_missing()


def _xcb_missing() -> str | None:
    """Libraries Qt's X11 platform plugin needs and cannot find (as ``./run demo`` checks)."""
    from PySide6.QtCore import QLibraryInfo

    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    plugin = plugins / "platforms" / "libqxcb.so"
    if not plugin.exists():
        return f"Qt has no X11 platform plugin ({plugin})"
    if shutil.which("ldd") is None:
        return None
    listing = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True).stdout
    missing = sorted({line.split()[0] for line in listing.splitlines() if "not found" in line})
    if missing:
        return f"Qt cannot open an X11 window: {', '.join(missing)} missing (see ./run demo)"
    return None


@contextmanager
def xvfb() -> Iterator[str]:
    """A private virtual X server on a free display (Xvfb picks it: -displayfd); its DISPLAY."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "800x600x24", "-nolisten", "tcp"],
        pass_fds=[write_end],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        number = b""
        while not number.endswith(b"\n"):  # read it whole: Xvfb dies if the pipe closes early
            chunk = os.read(read_end, 64)
            if not chunk:
                raise RuntimeError(f"Xvfb did not start (exit status {server.poll()})")
            number += chunk
        yield ":" + number.decode().strip()
    finally:
        os.close(read_end)
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# --- codes like a packing station's ------------------------------------------------------------


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _ean13(rng: random.Random) -> str:
    """An EAN-13 with "00" in it, as most have (company prefix, item reference)."""
    body = rng.choice(["690", "692", "400", "871"]) + _digits(rng, 9)
    at = rng.randrange(3, 10)
    return make_ean13(body[:at] + "00" + body[at + 2 :])


def scan_codes(rng: random.Random, n: int) -> list[str]:
    """*n* different codes: EAN-13s, SF tracking numbers (SF + 13 digits), GS1 element strings
    with a lot (some with a GS, typed as Ctrl+]), order numbers; most with doubled digits."""
    codes: list[str] = []
    seen: set[str] = set()
    while len(codes) < n:
        form = rng.randrange(5)
        if form == 0:
            code = _ean13(rng)
        elif form == 1:
            code = "SF" + _digits(rng, 4) + "00" + _digits(rng, 7)
        elif form == 2:  # GTIN, expiry, lot last (no GS needed)
            date = f"{rng.randint(26, 29)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
            code = f"010{_ean13(rng)}17{date}10L{_digits(rng, 2)}00{_digits(rng, 2)}"
        elif form == 3:  # GTIN, lot, GS, expiry
            date = f"{rng.randint(26, 29)}{rng.randint(1, 12):02d}00"
            code = f"010{_ean13(rng)}10B{_digits(rng, 4)}\x1d17{date}"
        else:
            code = f"SO-2026{_digits(rng, 2)}00{_digits(rng, 3)}"
        if code not in seen:
            seen.add(code)
            codes.append(code)
    return codes


def xdotool_words(code: str, delay_ms: int = KEY_DELAY_MS) -> list[str]:
    """xdotool's commands for one scan: the code at *delay_ms* per key (GS as Ctrl+]), Enter."""
    words: list[str] = []
    for index, part in enumerate(code.split("\x1d")):
        if index:
            words += ["key", "--delay", str(delay_ms), "ctrl+bracketright"]
        if part:
            words += ["type", "--delay", str(delay_ms), "--args", "1", part]
    return [*words, "key", "--delay", str(delay_ms), "Return"]


# --- the driver ---------------------------------------------------------------------------------


@dataclass
class Outcome:
    """What the station received for the codes typed."""

    codes: list[str]
    scans: list[str] = field(default_factory=list)
    typed: list[str] = field(default_factory=list)
    field_text: str = ""
    keys_into_field: int = 0
    busy_ms: int = 0
    blocks: int = 0
    #: key presses: (X server's time, delivery time on the driver's monotonic clock, both ms;
    #: text; Qt's auto-repeat flag)
    presses: list[tuple[int, float, str, bool]] = field(default_factory=list)
    #: when each scan reached the screen (the driver's monotonic clock, ms)
    scan_at: list[float] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def whole(self) -> int:
        wanted = set(self.codes)
        return sum(1 for scan in self.scans if scan in wanted)

    @property
    def foreign(self) -> list[str]:
        """Scans that are no code typed: parts of one, or two run together."""
        wanted = set(self.codes)
        return [scan for scan in self.scans if scan not in wanted]

    @property
    def missing(self) -> list[str]:
        got = set(self.scans)
        return [code for code in self.codes if code not in got]

    @property
    def split(self) -> list[str]:
        """Codes that did not arrive whole but whose parts did (as scans or typed)."""
        pieces = [*self.foreign, *self.typed, self.field_text]
        return [c for c in self.missing if any(p and (p in c or c in p) for p in pieces)]

    @property
    def dropped(self) -> list[str]:
        """Codes of which nothing arrived."""
        split = set(self.split)
        return [code for code in self.missing if code not in split]

    @property
    def leaked(self) -> int:
        """Characters typed into the field (a person's keys would be; a scanner's never)."""
        return self.keys_into_field

    @property
    def repeats_flagged(self) -> int:
        return sum(1 for *_, repeat in self.presses if repeat)

    def stalled(self, max_gap_ms: float = MAX_GAP_MS) -> list[str]:
        """Codes during which the typist itself (xdotool, not the app) paused longer than a
        person's gap, by the X server's clock: the wedge is right to call those typing."""
        stalled: list[str] = []
        index = 0
        run: list[int] = []
        for x_ms, _, text, _ in self.presses:
            run.append(x_ms)
            if text == "\r":
                if index < len(self.codes) and any(b - a > max_gap_ms for a, b in pairwise(run)):
                    stalled.append(self.codes[index])
                index += 1
                run = []
        return stalled

    def queued_ms(self) -> list[float]:
        """How long each key press waited before Qt delivered it (X server and driver share
        the monotonic clock, up to an offset: the quickest delivery counts as 0)."""
        waits = [at - x for x, at, _, _ in self.presses]
        return [w - min(waits) for w in waits]

    def enter_to_scan_ms(self) -> list[float]:
        """From pressing the Enter that ends a code to the screen getting the scan (same
        offset as ``queued_ms``); only when every code arrived as one scan."""
        if len(self.scans) != len(self.codes) or self.foreign:
            return []
        offset = min((at - x for x, at, _, _ in self.presses), default=0.0)
        enters = [x + offset for x, _, text, _ in self.presses if text == "\r"]
        return [at - pressed for pressed, at in zip(enters, self.scan_at, strict=False)]

    def summary(self) -> str:
        return (
            f"{len(self.codes)} scans typed in {self.seconds:.1f} s: {self.whole} whole, "
            f"{len(self.split)} split, {len(self.dropped)} dropped, {self.leaked} characters "
            f"leaked into the field ({len(self.typed)} Enter), foreign scans "
            f"{self.foreign[:4]}{'…' if len(self.foreign) > 4 else ''}; "
            f"GUI thread blocked {self.busy_ms} ms in {self.blocks} stretches; "
            f"{self.repeats_flagged} key presses flagged auto-repeat by Qt; "
            f"{len(self.stalled())} codes where xdotool itself paused > {MAX_GAP_MS} ms"
        )


class Station:
    """tests/e2e/wedge_driver.py running on *display*; type into it with ``xdotool``."""

    def __init__(self, display: str, args: Sequence[str] = ()) -> None:
        self.env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
        self.env["DISPLAY"] = display
        # --trace: every key press with its X time (stalls, auto-repeats, when it is done)
        command = [sys.executable, "-m", "tests.e2e.wedge_driver", "--trace", *args]
        self.proc = subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.lines: list[dict[str, Any]] = []
        self._changed = threading.Condition()
        self._stderr: list[bytes] = []
        assert self.proc.stdout is not None and self.proc.stderr is not None
        self._reader = threading.Thread(target=self._read, args=(self.proc.stdout,), daemon=True)
        self._reader.start()
        self._err_reader = threading.Thread(
            target=lambda pipe: self._stderr.append(pipe.read()),
            args=(self.proc.stderr,),
            daemon=True,
        )
        self._err_reader.start()
        self.wait_for("ready")

    def _read(self, pipe: IO[bytes]) -> None:
        for raw in pipe:
            line = json.loads(raw)
            with self._changed:
                self.lines.append(line)
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    def wait_for(
        self, ev: str, count: int = 1, timeout: float = PATIENCE_S, text: str | None = None
    ) -> None:
        """Until the driver has said *ev* *count* times (with this *text*, for "key")."""

        def enough() -> bool:
            said = [line for line in self.lines if line["ev"] == ev]
            return sum(1 for line in said if text is None or line["text"] == text) >= count

        with self._changed:
            if not self._changed.wait_for(
                lambda: enough() or self.proc.poll() is not None, timeout
            ):
                raise AssertionError(f"the driver never said {ev!r} ×{count}: {self.tail()}")
            if not enough():
                self._err_reader.join(5)
                raise AssertionError(
                    f"the driver ended ({self.proc.returncode}) before {ev!r}: {self.tail()}"
                )

    def tail(self) -> str:
        err = b"".join(self._stderr).decode(errors="replace")[-2000:]
        return f"last lines {self.lines[-5:]}, stderr {err!r}"

    def xdotool(self, *words: str) -> None:
        subprocess.run(["xdotool", *words], env=self.env, check=True, timeout=PATIENCE_S)

    def type_scans(self, codes: Sequence[str], per_call: int = 25) -> None:
        """Back to back: one xdotool call types *per_call* codes, each followed by Enter."""
        for start in range(0, len(codes), per_call):
            words = [w for code in codes[start : start + per_call] for w in xdotool_words(code)]
            self.xdotool(*words)

    def block(self, ms: float) -> None:
        """Block the GUI thread for *ms* ms; returns once it is blocked."""
        count = sum(1 for line in self.lines if line["ev"] == "blocking")
        self.send(f"block {ms:g}")
        self.wait_for("blocking", count + 1)

    def send(self, command: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(command.encode() + b"\n")
        self.proc.stdin.flush()

    def finish(
        self, codes: Sequence[str], seconds: float = 0.0, enters: int | None = None
    ) -> Outcome:
        """Ends the driver once everything typed has been handled; what it received.

        A busy GUI thread may still be working through queued keys when xdotool is done: wait
        until it has seen the *enters* Enter presses typed (one per code unless told)."""
        self.wait_for("key", len(codes) if enters is None else enters, text="\r")
        self.send("end")
        self.wait_for("end")
        self.close()
        outcome = Outcome(list(codes), seconds=seconds)
        for line in self.lines:
            ev = line["ev"]
            if ev == "scan":
                outcome.scans.append(line["code"])
                outcome.scan_at.append(line["at_ms"])
            elif ev == "typed":
                outcome.typed.append(line["text"])
            elif ev == "key":
                press = (line["x_ms"], line["at_ms"], line["text"], line["repeat"])
                outcome.presses.append(press)
            elif ev == "end":
                outcome.field_text = line["field"]
                outcome.keys_into_field = line["keys"]
                outcome.busy_ms = line["busy_ms"]
                outcome.blocks = line["blocks"]
        return outcome

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                assert self.proc.stdin is not None
                self.proc.stdin.close()
                self.proc.wait(timeout=10)
            except (subprocess.TimeoutExpired, BrokenPipeError):
                self.proc.kill()
                self.proc.wait()
        self._reader.join(5)


@contextmanager
def station(display: str, args: Sequence[str] = ()) -> Iterator[Station]:
    st = Station(display, args)
    try:
        yield st
    finally:
        st.close()


def run_scans(
    codes: Sequence[str], args: Sequence[str] = (), display: str | None = None
) -> Outcome:
    """Type *codes* back to back into a new station (on a new Xvfb unless *display*)."""
    if display is None:
        with xvfb() as new_display:
            return run_scans(codes, args, new_display)
    with station(display, args) as st:
        started = time.monotonic()
        st.type_scans(codes)
        typed = time.monotonic() - started
        return st.finish(codes, typed)
