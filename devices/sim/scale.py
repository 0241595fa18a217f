"""A scale that lives on a pseudo-terminal, for the demo and the tests (POSIX only).

``SimulatedScale(protocol)`` opens a pty pair and serves the master side from a daemon thread;
``.port`` is the slave device path, which ``SerialScale`` (or any serial program) opens like a
real port. Protocols: ``mt-sics`` answers ``S`` / ``SI`` lines; ``continuous`` and ``cas`` write
a frame every ``interval`` seconds (50 ms). ``stop()`` ends the thread and closes the pty.
"""

from __future__ import annotations

import contextlib
import os
import select
import threading
import time
import tty
from types import TracebackType

from devices.scales import PROTOCOLS, ScaleProtocol

# Lamp status byte of a CAS frame: bit 7 always set, bit 6 stable, bit 2 gross.
_CAS_LAMP_STABLE = 0b1100_0100
_CAS_LAMP_UNSTABLE = 0b1000_0100


class SimulatedScale:
    def __init__(
        self,
        protocol: ScaleProtocol = "mt-sics",
        grams: float = 0.0,
        interval: float = 0.05,
    ) -> None:
        if protocol not in PROTOCOLS:
            raise ValueError(f"Unknown scale protocol {protocol!r}; use one of {PROTOCOLS}.")
        self.protocol: ScaleProtocol = protocol
        self.interval = interval
        self._lock = threading.Lock()
        self._grams = grams
        self._unstable = False
        self._overload = False
        self._silent = False
        self._stop = threading.Event()
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)  # no echo, no CR/LF translation: a plain 8-bit line
        os.set_blocking(self._master, False)  # a full pty buffer drops frames, never blocks
        self.port: str = os.ttyname(self._slave)
        self._thread = threading.Thread(
            target=self._serve, name=f"SimulatedScale {self.port}", daemon=True
        )
        self._thread.start()

    # -- what the test or the demo sets -------------------------------------------------------

    def put(self, grams: float) -> None:
        with self._lock:
            self._grams = grams

    def set_unstable(self, unstable: bool) -> None:
        with self._lock:
            self._unstable = unstable

    def set_overload(self, overload: bool) -> None:
        with self._lock:
            self._overload = overload

    def set_silent(self, silent: bool) -> None:
        """Keep the port open but send nothing (a scale switched off at the end of a cable)."""
        with self._lock:
            self._silent = silent

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout=2.0)
        for fd in (self._master, self._slave):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._master = self._slave = -1

    def __enter__(self) -> SimulatedScale:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- frames --------------------------------------------------------------------------------

    def frame(self) -> bytes:
        """The frame the scale would send now (for ``mt-sics``: the answer to ``SI``)."""
        with self._lock:
            grams, unstable, overload = self._grams, self._unstable, self._overload
        if self.protocol == "mt-sics":
            if overload:
                return b"S +\r\n"
            flag = "D" if unstable else "S"
            return f"S {flag} {grams:>10.2f} g\r\n".encode("ascii")
        state = "OL" if overload else "US" if unstable else "ST"
        kg = 0.0 if overload else grams / 1000
        sign = "-" if kg < 0 else "+"
        if self.protocol == "continuous":
            return f"{state},GS,{sign}{abs(kg):>8.3f}kg\r\n".encode("ascii")
        lamp = _CAS_LAMP_UNSTABLE if unstable or overload else _CAS_LAMP_STABLE
        digits = f"{abs(kg):07.3f}" if abs(kg) < 1000 else f"{abs(kg):07.1f}"
        weight = f"{sign}{digits}".encode("ascii")[:8]
        return f"{state},GS,".encode("ascii") + bytes([0x31, lamp]) + b"," + weight + b" kg\r\n"

    # -- the thread ----------------------------------------------------------------------------

    def _serve(self) -> None:
        pending = bytearray()
        next_frame = 0.0
        while not self._stop.is_set():
            try:
                readable, _, _ = select.select([self._master], [], [], 0.01)
                if readable:
                    data = os.read(self._master, 1024)
                    pending += data
            except OSError:
                # EIO: no process has the slave open right now; that is fine for a pty.
                time.sleep(0.01)
            with self._lock:
                silent = self._silent
            if self.protocol == "mt-sics":
                while b"\n" in pending:
                    line, _, rest = bytes(pending).partition(b"\n")
                    pending = bytearray(rest)
                    if not silent:
                        self._write(self._answer(line.strip()))
            else:
                pending.clear()
                now = time.monotonic()
                if now >= next_frame:
                    next_frame = now + self.interval
                    if not silent:
                        self._write(self.frame())

    def _answer(self, command: bytes) -> bytes:
        if command in (b"S", b"SI"):
            return self.frame()
        if command == b"":
            return b""
        return b"ES\r\n"

    def _write(self, data: bytes) -> None:
        if not data:
            return
        with contextlib.suppress(OSError):
            os.write(self._master, data)
