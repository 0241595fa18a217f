"""A simulated raw-TCP (port 9100) label printer that speaks enough ZPL and TSPL for the tests.

It listens on 127.0.0.1 (ephemeral port) in one background thread, stores every job byte-exact
(a job ends at ``^XZ``, at a TSPL ``PRINT`` line, or when the connection closes), and answers
the status queries ``~HS`` (ZPL) and ``<ESC>!?`` (TSPL) from its state. Status queries are
taken out of the stream wherever they appear, as real printers do with immediate commands.

Faults (:meth:`SimulatedNetworkPrinter.set_fault`): ``paper_out``, ``head_open``, ``paused``,
``ribbon_out`` show in the status answers; ``no_answer`` swallows status queries;
``drop_connection`` resets the connection as soon as a job starts arriving (the partial job is
kept in :attr:`dropped`, not in :attr:`jobs`).
"""

from __future__ import annotations

import contextlib
import re
import selectors
import socket
import struct
import threading
import time
from enum import StrEnum

ZPL_QUERY = b"~HS"
TSPL_QUERY = b"\x1b!?"
_ZPL_END = b"^XZ"
_TSPL_PRINT = re.compile(rb"(?:^|\n)PRINT[ \d,]*\r?\n")


class Fault(StrEnum):
    PAPER_OUT = "paper_out"
    HEAD_OPEN = "head_open"
    PAUSED = "paused"
    RIBBON_OUT = "ribbon_out"
    NO_ANSWER = "no_answer"
    DROP_CONNECTION = "drop_connection"


class SimulatedNetworkPrinter:
    """Start it, point a :class:`devices.transports.TcpTransport` at ``.port``, then ``stop()``."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self._lock = threading.Lock()
        self._jobs: list[bytes] = []
        self._dropped: list[bytes] = []
        self._faults: set[Fault] = set()
        self._stopping = threading.Event()
        self._server = socket.create_server((host, port))
        self._server.setblocking(False)
        self.host = host
        self.port: int = self._server.getsockname()[1]
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._server, selectors.EVENT_READ, None)
        self._buffers: dict[socket.socket, bytearray] = {}
        self._thread = threading.Thread(target=self._run, name="sim-printer", daemon=True)
        self._thread.start()

    # -- public state ------------------------------------------------------------------------

    @property
    def jobs(self) -> list[bytes]:
        with self._lock:
            return list(self._jobs)

    @property
    def dropped(self) -> list[bytes]:
        with self._lock:
            return list(self._dropped)

    @property
    def faults(self) -> frozenset[Fault]:
        with self._lock:
            return frozenset(self._faults)

    def set_fault(self, *faults: Fault | str) -> None:
        """Replace the active faults (no argument: healthy printer)."""
        with self._lock:
            self._faults = {Fault(f) for f in faults}

    def wait_for_jobs(self, count: int, timeout: float = 2.0) -> list[bytes]:
        """The jobs, once at least ``count`` are stored (or whatever is there at ``timeout``)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            jobs = self.jobs
            if len(jobs) >= count:
                return jobs
            time.sleep(0.01)
        return self.jobs

    def stop(self) -> None:
        """Close every connection and the listening socket, and join the thread."""
        self._stopping.set()
        self._thread.join(timeout=5)

    def __enter__(self) -> SimulatedNetworkPrinter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- status answers ----------------------------------------------------------------------

    def zpl_status(self) -> bytes:
        f = self.faults
        paper, pause = int(Fault.PAPER_OUT in f), int(Fault.PAUSED in f)
        head, ribbon = int(Fault.HEAD_OPEN in f), int(Fault.RIBBON_OUT in f)
        one = f"030,{paper},{pause},1245,000,0,0,0,000,0,0,0"
        two = f"001,0,{head},{ribbon},0,2,6,0,00000000,1,000"
        three = "1234,0"
        return b"".join(b"\x02" + s.encode("ascii") + b"\x03\r\n" for s in (one, two, three))

    def tspl_status(self) -> bytes:
        f = self.faults
        bits = (
            (Fault.HEAD_OPEN in f) << 0
            | (Fault.PAPER_OUT in f) << 2
            | (Fault.RIBBON_OUT in f) << 3
            | (Fault.PAUSED in f) << 4
        )
        return bytes([bits])

    # -- server loop -------------------------------------------------------------------------

    def _run(self) -> None:
        try:
            while not self._stopping.is_set():
                for key, _events in self._selector.select(timeout=0.02):
                    if key.fileobj is self._server:
                        self._accept()
                    else:
                        conn = key.fileobj
                        assert isinstance(conn, socket.socket)
                        self._serve(conn)
        finally:
            for conn in list(self._buffers):
                self._close(conn, keep_rest=True)
            self._selector.unregister(self._server)
            self._selector.close()
            self._server.close()

    def _accept(self) -> None:
        try:
            conn, _addr = self._server.accept()
        except BlockingIOError:
            return
        conn.setblocking(False)
        self._buffers[conn] = bytearray()
        self._selector.register(conn, selectors.EVENT_READ, None)

    def _serve(self, conn: socket.socket) -> None:
        try:
            chunk = conn.recv(65536)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        if not chunk:
            self._close(conn, keep_rest=True)
            return
        buf = self._buffers[conn]
        buf += chunk
        if Fault.DROP_CONNECTION in self.faults:
            with self._lock:
                self._dropped.append(bytes(buf))
            buf.clear()
            # SO_LINGER 0: close with a reset, like a printer that lost power or crashed.
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self._close(conn, keep_rest=False)
            return
        self._answer_queries(conn, buf)
        self._split_jobs(buf)

    def _answer_queries(self, conn: socket.socket, buf: bytearray) -> None:
        for query, answer in ((ZPL_QUERY, self.zpl_status), (TSPL_QUERY, self.tspl_status)):
            while (at := buf.find(query)) >= 0:
                del buf[at : at + len(query)]
                if Fault.NO_ANSWER not in self.faults:
                    with contextlib.suppress(OSError):
                        conn.sendall(answer())

    def _split_jobs(self, buf: bytearray) -> None:
        while True:
            zpl = buf.find(_ZPL_END)
            tspl = _TSPL_PRINT.search(buf)
            ends = [zpl + len(_ZPL_END)] if zpl >= 0 else []
            if tspl is not None:
                ends.append(tspl.end())
            if not ends:
                return
            end = min(ends)
            if buf[end : end + 2] == b"\r\n":
                end += 2
            elif buf[end : end + 1] == b"\n":
                end += 1
            with self._lock:
                self._jobs.append(bytes(buf[:end]))
            del buf[:end]

    def _close(self, conn: socket.socket, keep_rest: bool) -> None:
        buf = self._buffers.pop(conn, bytearray())
        if keep_rest and buf.strip():
            with self._lock:
                self._jobs.append(bytes(buf))
        self._selector.unregister(conn)
        conn.close()
