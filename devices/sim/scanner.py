"""Simulated barcode scanners, for the demo and the tests.

``SimulatedSerialScanner`` is a USB-COM scanner on a pseudo-terminal (POSIX only).  ``.port``
is a *stable* path: a symlink (in ``link_dir``) to the pty's slave device, like the links in
``/dev/serial/by-id``.  ``SerialScanner`` (or any serial program) opens it like a real port.
``scan(code)`` sends the code and the suffix (CR by default); ``unplug()`` closes the pty and
removes the link, so an open reader sees the port go away (a pty slave reads EOF / EIO once its
master is closed); ``replug()`` makes a new pty and points the link at it again.

``ScriptedScanner`` has no port at all: it hands codes straight to a callback, given one by
one (``scan``) or read from a text file (``play_file``).

There is no serving thread: a scanner only talks.  What the host writes to the port stays in
the pty's buffer (a few KB); a host that writes more than that blocks, as with a real scanner
that does not read.
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import tempfile
import threading
import time
import tty
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

#: How long ``scan()`` waits for room in the pty buffer (the reader is not reading).
WRITE_TIMEOUT_S = 2.0


class SimulatedSerialScanner:
    """A serial scanner on a pty, reachable at the stable path ``.port`` while plugged in."""

    def __init__(self, link_dir: Path | None = None, suffix: bytes = b"\r") -> None:
        self._own_dir = link_dir is None
        self.link_dir = (
            Path(tempfile.mkdtemp(prefix="packdesk-scanner-")) if link_dir is None else link_dir
        )
        self.link_dir.mkdir(parents=True, exist_ok=True)
        self.suffix = suffix
        self.port: str = str(self.link_dir / "scanner")
        self._lock = threading.Lock()
        self._master = self._slave = -1
        self._stopped = False
        self.replug()

    @property
    def plugged(self) -> bool:
        return self._master >= 0

    @property
    def device(self) -> str | None:
        """The pty slave the link points at now (None while unplugged)."""
        with contextlib.suppress(OSError):
            return os.readlink(self.port)
        return None

    # -- what the test or the demo does ------------------------------------------------------

    def scan(self, code: str | bytes) -> None:
        """Send *code* (text as UTF-8; bytes as they are, for garbage) followed by the suffix.
        A scanner that is not plugged in sends nowhere: nothing happens.  Raises TimeoutError
        when the pty buffer stays full for ``WRITE_TIMEOUT_S`` (nobody reads the port)."""
        data = code.encode("utf-8") if isinstance(code, str) else bytes(code)
        self.write(data + self.suffix)

    def write(self, data: bytes) -> None:
        """Send raw bytes (no suffix added)."""
        with self._lock:
            if self._master < 0:
                return
            view = memoryview(data)
            deadline = time.monotonic() + WRITE_TIMEOUT_S
            while view:
                try:
                    written = os.write(self._master, view)
                except BlockingIOError:
                    written = 0
                view = view[written:]
                if view:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise TimeoutError(
                            f"Nobody reads the simulated scanner on {self.port}: "
                            f"{len(view):,} bytes could not be sent."
                        )
                    select.select([], [self._master], [], min(remaining, 0.05))

    def unplug(self) -> None:
        """Pull the cable: the link disappears and the pty is closed."""
        with self._lock:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.port)
            for fd in (self._master, self._slave):
                if fd >= 0:
                    with contextlib.suppress(OSError):
                        os.close(fd)
            self._master = self._slave = -1

    def replug(self) -> None:
        """Plug the cable in again: a new pty, and the link points at it (no-op if plugged)."""
        with self._lock:
            if self._stopped:
                raise RuntimeError("The simulated scanner was stopped; make a new one.")
            if self._master >= 0:
                return
            master, slave = os.openpty()
            tty.setraw(slave)  # no echo, no CR/LF translation: the bytes as the scanner sends
            os.set_blocking(master, False)
            temp = f"{self.port}.new"
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
            os.symlink(os.ttyname(slave), temp)
            os.replace(temp, self.port)  # atomic: a reader never sees a half-made link
            self._master, self._slave = master, slave

    def stop(self) -> None:
        """Unplug for good and remove the link folder if this simulator made it."""
        self.unplug()
        with self._lock:
            self._stopped = True
        if self._own_dir:
            shutil.rmtree(self.link_dir, ignore_errors=True)

    def __enter__(self) -> SimulatedSerialScanner:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


class ScriptedScanner:
    """A scanner fed by the program: each code goes straight to ``on_scan`` on the caller's
    thread, as typed (no dedupe, no suffix)."""

    #: In a codes file, this text stands for the GS separator (U+001D) of GS1 codes.
    GS_TOKEN = "<GS>"

    def __init__(self, on_scan: Callable[[str], None]) -> None:
        self._on_scan = on_scan
        self.fed = 0

    def scan(self, code: str) -> None:
        self.fed += 1
        self._on_scan(code)

    def play_file(self, path: Path | str, interval_s: float = 0.0) -> int:
        """Scan every code in the UTF-8 text file *path*, one code per line, waiting
        *interval_s* seconds between codes.  Blank lines and lines starting with "#" are
        skipped; spaces and tabs around a code are dropped; ``<GS>`` (or the character
        itself) is the GS1 separator.  Returns how many codes were scanned."""
        codes = []
        # Not splitlines() nor strip(): both treat GS (U+001D) as a line end / white space.
        for line in Path(path).read_text(encoding="utf-8").split("\n"):
            code = line.strip(" \t\r\ufeff")
            if not code or code.startswith("#"):
                continue
            codes.append(code.replace(self.GS_TOKEN, "\x1d"))
        for index, code in enumerate(codes):
            if index and interval_s > 0:
                time.sleep(interval_s)
            self.scan(code)
        return len(codes)
