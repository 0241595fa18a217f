"""A TCP proxy for fault-injection tests: it sits between a station and PostgreSQL and cuts,
refuses and restores connections when the test says so (standard library only).

Usage::

    from tests.faultproxy import FaultProxy

    with FaultProxy("127.0.0.1", 5432) as proxy:          # listens on 127.0.0.1:<proxy.port>
        engine = make_engine(proxy.url(pg_url))           # ...@127.0.0.1:<proxy.port>/db
        ...                                               # works as a direct connection would
        proxy.cut_all()      # every open connection is reset (RST); new ones are accepted
        proxy.down()         # the network is gone: open connections reset, new ones refused
        proxy.up()           # ... and back
        proxy.chaos(seed=7, mean_interval_s=0.2, duration_s=5)   # random cuts, see below
        ...
        proxy.stop_chaos()
        print(proxy.log)     # [LogEntry(t=seconds since start, action, n_connections), ...]

* Everything runs in one background thread (a selector loop); `down`, `up`, `cut_all`,
  `chaos` and `stop_chaos` are carried out by that thread and return once done, so the fault
  is in place when the call returns.  `close()` resets what is still open, closes every socket
  and joins the thread (and raises if the thread failed).
* A cut closes both sides with SO_LINGER 0: the client and the server each see a reset, as
  when a cable is pulled and the link comes back.  The server aborts the open transaction.
* `down()` closes the listening socket, so a connect is refused at once (libpq: "Connection
  refused"); `up()` listens again on the same port.
* `chaos(seed, mean_interval_s)` cuts at moments drawn from an exponential distribution with
  that mean, all drawn from `random.Random(seed)` (three draws per moment whatever is open, so
  the moments depend on the seed only).  At each moment it cuts one open connection (the
  connections ordered by when they were accepted) or, with `all_probability`, all of them;
  a moment with nothing open cuts nothing and is not logged.  It stops after `duration_s` or
  `max_cuts` connections cut, or at `stop_chaos()`.
* `.log` records every action: `n_connections` is how many connections it cut.
  Counters: `connections_total` (accepted and passed on), `connections_open`, `cuts`
  (connections cut by `cut_all`, `down` or chaos; not connections that ended by themselves).
"""

from __future__ import annotations

import contextlib
import errno
import random
import selectors
import socket
import struct
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, NamedTuple, TypeVar, cast
from urllib.parse import parse_qs, urlsplit, urlunsplit

T = TypeVar("T")

LISTEN_HOST = "127.0.0.1"
CHUNK = 65536
#: Bytes held for a slow reader before the other side is no longer read (back-pressure).
BUFFER_LIMIT = 1 << 20
#: How long a caller waits for the proxy's thread to carry out a command or to stop.
COMMAND_TIMEOUT_S = 10.0


class LogEntry(NamedTuple):
    t: float  # seconds since start()
    action: str
    n_connections: int  # connections this action cut


@dataclass
class _Chaos:
    rng: random.Random
    mean_s: float
    all_probability: float
    next: float  # monotonic time of the next moment
    end: float | None
    left: int | None  # connections still to cut


class _Pipe:
    """One client connection and the proxy's connection to the target for it."""

    def __init__(self, no: int, client: socket.socket, upstream: socket.socket) -> None:
        self.no = no
        self.client = client
        self.upstream = upstream
        self.connected = False  # the upstream connect has completed
        self.closed = False
        self.pending = {client: bytearray(), upstream: bytearray()}  # to be sent TO the socket
        self.eof: set[socket.socket] = set()  # sockets that sent their FIN
        self.fin_sent: set[socket.socket] = set()  # sockets we shut down for writing
        self.mask: dict[socket.socket, int] = {}  # events registered with the selector

    def peer(self, sock: socket.socket) -> socket.socket:
        return self.upstream if sock is self.client else self.client


def _reset(sock: socket.socket) -> None:
    """Close *sock* abruptly: an RST instead of a FIN."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


class FaultProxy:
    def __init__(self, target_host: str, target_port: int, listen_port: int = 0) -> None:
        self.target_host = target_host
        self.target_port = target_port
        self.port = listen_port
        self.connections_total = 0
        self.cuts = 0
        self._log: list[LogEntry] = []
        self._pipes: dict[int, _Pipe] = {}
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        self._stopping = False
        self._lock = threading.Lock()  # guards the commands for the thread and _done
        self._commands: list[tuple[Callable[[], Any], Future[Any]]] = []
        self._done = True  # the thread takes no more commands
        self._listener: socket.socket | None = None
        self._t0 = time.monotonic()
        self._chaos: _Chaos | None = None

    # --- the test's side ------------------------------------------------------------------

    def start(self) -> FaultProxy:
        if self._thread is not None:
            raise RuntimeError("the fault proxy is already running")
        family, _, _, _, address = socket.getaddrinfo(
            self.target_host, self.target_port, type=socket.SOCK_STREAM
        )[0]
        self._target = (family, address)
        self._sel = selectors.DefaultSelector()
        self._wake_r, self._wake_w = socket.socketpair()
        for sock in (self._wake_r, self._wake_w):
            sock.setblocking(False)
        self._sel.register(self._wake_r, selectors.EVENT_READ, "wake")
        try:
            self._listen()
        except BaseException:
            self._release()
            raise
        self._stopping, self._done, self._error = False, False, None
        self._t0 = time.monotonic()
        self._thread = threading.Thread(target=self._run, name=f"faultproxy-{self.port}")
        self._thread.daemon = True
        self._thread.start()
        return self

    def close(self) -> None:
        """Reset every open connection, close every socket and stop the thread."""
        thread, self._thread = self._thread, None
        if thread is None:
            return
        self._stopping = True
        self._wake()
        thread.join(COMMAND_TIMEOUT_S)
        if thread.is_alive():
            raise RuntimeError(f"the fault proxy's thread did not stop in {COMMAND_TIMEOUT_S} s")
        if self._error is not None:
            raise RuntimeError("the fault proxy's thread failed") from self._error

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.close()

    def url(self, base_url: str) -> str:
        """*base_url* (SQLAlchemy or libpq URL) with its host:port replaced by the proxy's."""
        if not self.port:
            raise RuntimeError("the fault proxy has no port yet: start() it first")
        parts = urlsplit(base_url)
        if not parts.hostname:
            raise ValueError("the URL has no host to replace (expected scheme://user@host/db)")
        if {"host", "hostaddr", "port"} & set(parse_qs(parts.query)):
            raise ValueError(
                "the URL names its host or port in the query: it would bypass the proxy"
            )
        userinfo, at, _ = parts.netloc.rpartition("@")
        return urlunsplit(parts._replace(netloc=f"{userinfo}{at}{LISTEN_HOST}:{self.port}"))

    @property
    def connections_open(self) -> int:
        return len(self._pipes)

    @property
    def log(self) -> list[LogEntry]:
        return list(self._log)

    def down(self) -> None:
        """Reset every open connection and refuse new ones until `up()`."""
        self._call(self._down)

    def up(self) -> None:
        self._call(self._up)

    def cut_all(self) -> None:
        """Reset every open connection; new ones are accepted."""
        self._call(lambda: self._note("cut all", self._cut(list(self._pipes.values()))))

    def chaos(
        self,
        seed: int,
        mean_interval_s: float,
        duration_s: float | None = None,
        *,
        all_probability: float = 0.1,
        max_cuts: int | None = None,
    ) -> None:
        """Cut connections at seeded random moments until stopped (see the module's notes)."""
        if mean_interval_s <= 0:
            raise ValueError("mean_interval_s must be more than 0")

        def begin() -> None:
            rng, now = random.Random(seed), time.monotonic()
            end = None if duration_s is None else now + duration_s
            first = now + rng.expovariate(1 / mean_interval_s)
            self._chaos = _Chaos(rng, mean_interval_s, all_probability, first, end, max_cuts)
            self._note(f"chaos start seed={seed} mean={mean_interval_s}s", 0)

        self._call(begin)

    def stop_chaos(self) -> None:
        self._call(lambda: self._stop_chaos("chaos stop"))

    def _call(self, fn: Callable[[], T]) -> T:
        """Carry out *fn* on the proxy's thread and return its result."""
        if threading.current_thread() is self._thread:
            return fn()
        future: Future[T] = Future()
        with self._lock:
            if self._done:
                raise RuntimeError("the fault proxy is not running: start() it first")
            self._commands.append((fn, future))
        self._wake()
        return future.result(COMMAND_TIMEOUT_S)

    def _wake(self) -> None:
        with contextlib.suppress(OSError):  # already woken (buffer full) or already closed
            self._wake_w.send(b"\0")

    # --- the proxy's thread ---------------------------------------------------------------

    def _run(self) -> None:
        try:
            while not self._stopping:
                timeout = None
                if (c := self._chaos) is not None:
                    due = c.next if c.end is None else min(c.next, c.end)
                    timeout = max(0.0, due - time.monotonic())
                for key, events in self._sel.select(timeout):
                    if key.data == "wake":
                        self._run_commands()
                    elif key.data == "listen":
                        self._accept()
                    elif isinstance(key.data, _Pipe) and not key.data.closed:
                        self._relay(key.data, cast(socket.socket, key.fileobj), events)
                self._chaos_tick()
        except BaseException as exc:
            self._error = exc
        finally:
            for pipe in list(self._pipes.values()):
                self._close_pipe(pipe, abort=True)
            with self._lock:
                self._done = True
                for _, future in self._commands:
                    future.set_exception(RuntimeError("the fault proxy stopped meanwhile"))
                self._commands.clear()
            self._release()

    def _release(self) -> None:
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        self._sel.close()
        self._wake_r.close()
        self._wake_w.close()

    def _run_commands(self) -> None:
        with contextlib.suppress(BlockingIOError):
            while self._wake_r.recv(4096):
                pass
        with self._lock:
            commands, self._commands = self._commands, []
        for fn, future in commands:
            try:
                future.set_result(fn())
            except BaseException as exc:
                future.set_exception(exc)

    def _note(self, action: str, n: int) -> None:
        self._log.append(LogEntry(round(time.monotonic() - self._t0, 3), action, n))

    def _listen(self) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((LISTEN_HOST, self.port))
        except OSError as exc:
            sock.close()
            raise OSError(
                exc.errno,
                f"the fault proxy cannot listen on {LISTEN_HOST}:{self.port}: "
                f"{exc.strerror} (another program has the port?)",
            ) from exc
        sock.listen(128)
        sock.setblocking(False)
        self.port = sock.getsockname()[1]
        self._sel.register(sock, selectors.EVENT_READ, "listen")
        self._listener = sock

    def _down(self) -> None:
        if self._listener is not None:
            self._sel.unregister(self._listener)
            self._listener.close()  # connections not yet accepted are reset with it
            self._listener = None
        self._note("down", self._cut(list(self._pipes.values())))

    def _up(self) -> None:
        if self._listener is None:
            self._listen()
        self._note("up", 0)

    def _accept(self) -> None:
        assert self._listener is not None
        try:
            client, _ = self._listener.accept()
        except OSError:  # nothing to accept after all, or the client gave up already
            return
        family, address = self._target
        upstream = socket.socket(family, socket.SOCK_STREAM)
        for sock in (client, upstream):
            sock.setblocking(False)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        err = upstream.connect_ex(address)
        if err not in (0, errno.EINPROGRESS, errno.EWOULDBLOCK):
            _reset(client)
            upstream.close()
            self._note(f"target refused ({errno.errorcode.get(err, err)})", 0)
            return
        self.connections_total += 1
        pipe = _Pipe(self.connections_total, client, upstream)
        self._pipes[pipe.no] = pipe
        self._watch(pipe)

    def _relay(self, pipe: _Pipe, sock: socket.socket, events: int) -> None:
        try:
            if events & selectors.EVENT_WRITE:
                if sock is pipe.upstream and not pipe.connected:
                    err = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                    if err:
                        raise OSError(err, "the target refused the connection")
                    pipe.connected = True
                if pipe.pending[sock]:
                    del pipe.pending[sock][: sock.send(pipe.pending[sock])]
            if events & selectors.EVENT_READ:
                data = sock.recv(CHUNK)
                if data:
                    pipe.pending[pipe.peer(sock)] += data
                else:
                    pipe.eof.add(sock)
            for side in (pipe.client, pipe.upstream):  # pass a FIN on once its data is sent
                done = pipe.peer(side) in pipe.eof and not pipe.pending[side] and pipe.connected
                if done and side not in pipe.fin_sent:
                    side.shutdown(socket.SHUT_WR)
                    pipe.fin_sent.add(side)
            gave_up = (
                pipe.client in pipe.eof and not pipe.connected and not pipe.pending[pipe.upstream]
            )
            if len(pipe.fin_sent) == 2 or gave_up:
                self._close_pipe(pipe, abort=False)
            else:
                self._watch(pipe)
        except BlockingIOError:
            self._watch(pipe)
        except OSError:  # a reset by either side is passed on as a reset to the other
            self._close_pipe(pipe, abort=True)

    def _watch(self, pipe: _Pipe) -> None:
        """Register each socket of *pipe* for what it can do now."""
        for sock in (pipe.client, pipe.upstream):
            peer = pipe.peer(sock)
            mask = 0
            room = len(pipe.pending[peer]) < BUFFER_LIMIT
            if room and sock not in pipe.eof and (pipe.connected or sock is pipe.client):
                mask |= selectors.EVENT_READ
            if pipe.pending[sock] or (sock is pipe.upstream and not pipe.connected):
                mask |= selectors.EVENT_WRITE
            old = pipe.mask.get(sock, 0)
            if mask == old:
                continue
            if not old:
                self._sel.register(sock, mask, pipe)
            elif not mask:
                self._sel.unregister(sock)
            else:
                self._sel.modify(sock, mask, pipe)
            pipe.mask[sock] = mask

    def _close_pipe(self, pipe: _Pipe, *, abort: bool) -> None:
        if pipe.closed:
            return
        pipe.closed = True
        del self._pipes[pipe.no]
        for sock in (pipe.client, pipe.upstream):
            if pipe.mask.get(sock):
                self._sel.unregister(sock)
            if abort:
                _reset(sock)
            else:
                sock.close()

    def _cut(self, pipes: list[_Pipe]) -> int:
        for pipe in pipes:
            self._close_pipe(pipe, abort=True)
        self.cuts += len(pipes)
        return len(pipes)

    def _stop_chaos(self, action: str) -> None:
        if self._chaos is not None:
            self._chaos = None
            self._note(action, 0)

    def _chaos_tick(self) -> None:
        c, now = self._chaos, time.monotonic()
        if c is not None and c.end is not None and now >= c.end:
            self._stop_chaos("chaos end (duration)")
            return
        if c is None or now < c.next:
            return
        cut_all, pick = c.rng.random() < c.all_probability, c.rng.random()
        c.next += c.rng.expovariate(1 / c.mean_s)
        pipes = [self._pipes[no] for no in sorted(self._pipes)]
        if not pipes:
            return
        victims = pipes if cut_all else [pipes[int(pick * len(pipes))]]
        n = self._cut(victims)
        self._note("chaos cut all" if cut_all else f"chaos cut #{victims[0].no}", n)
        if c.left is not None:
            c.left -= n
            if c.left <= 0:
                self._stop_chaos("chaos end (max_cuts)")
