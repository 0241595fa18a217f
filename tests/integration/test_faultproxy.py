"""The fault proxy the sync's fault-injection tests stand between a station and PostgreSQL:
queries pass through it; a cut, a down network and random (seeded) cuts break connections the
way a pulled cable does, and the server keeps nothing of a transaction cut before COMMIT."""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from app.db.engine import make_engine
from tests.faultproxy import FaultProxy

PG_HOST = "127.0.0.1"


def eventually(condition: Callable[[], bool], what: str, within_s: float = 15.0) -> None:
    """Waits until *condition* holds (a bound against hanging, not a timing assertion)."""
    deadline = time.monotonic() + within_s
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: not after {within_s} s")
        time.sleep(0.01)


def target_of(pg_url: str) -> tuple[str, int]:
    url = make_url(pg_url)
    return url.host or PG_HOST, url.port or 5432


@pytest.fixture
def proxy(pg_url: str) -> Iterator[FaultProxy]:
    with FaultProxy(*target_of(pg_url)) as p:
        yield p


@pytest.fixture
def through(proxy: FaultProxy, pg_url: str) -> Iterator[Engine]:
    """The engine a station would make (pool_pre_ping, connect_timeout), through the proxy."""
    url = make_url(proxy.url(pg_url)).update_query_dict({"connect_timeout": "3"})
    engine = make_engine(url.render_as_string(hide_password=False))
    yield engine
    engine.dispose()


@pytest.fixture
def probe_table(pg_url: str) -> Iterator[Engine]:
    """A table `faultproxy_probe (key unique)` on the server, reached directly; dropped after,
    so the shared database is left as the other tests expect it."""
    direct = make_engine(pg_url)
    with direct.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS faultproxy_probe")
        conn.exec_driver_sql("CREATE TABLE faultproxy_probe (key text PRIMARY KEY, note text)")
    yield direct
    with direct.begin() as conn:
        conn.exec_driver_sql("SET LOCAL lock_timeout = '10s'")  # fail, not hang, on a kept lock
        conn.exec_driver_sql("DROP TABLE IF EXISTS faultproxy_probe")
    direct.dispose()


def one(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT 1")).scalar_one())


# --- without PostgreSQL: the relay itself ------------------------------------------------------


class Echo:
    """A TCP server on 127.0.0.1 that sends back what it receives and closes on EOF."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.resets = 0  # connections that ended in a reset


@pytest.fixture
def echo_server() -> Iterator[Echo]:
    server = socket.create_server((PG_HOST, 0))
    echo = Echo(server.getsockname()[1])
    threads: list[threading.Thread] = []

    def serve(conn: socket.socket) -> None:
        with conn:
            try:
                while data := conn.recv(65536):
                    conn.sendall(data)
            except ConnectionResetError:
                echo.resets += 1

    def accept() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            t = threading.Thread(target=serve, args=(conn,))
            threads.append(t)
            t.start()

    acceptor = threading.Thread(target=accept)
    acceptor.start()
    yield echo
    server.shutdown(socket.SHUT_RDWR)
    server.close()
    acceptor.join()
    for t in threads:
        t.join()


def test_every_byte_passes_both_ways_and_an_end_is_passed_on(echo_server: Echo) -> None:
    payload = os.urandom(8 * 1024 * 1024)  # far more than the proxy buffers: back-pressure
    received = bytearray()
    with (
        FaultProxy(PG_HOST, echo_server.port) as proxy,
        socket.create_connection((PG_HOST, proxy.port)) as conn,
    ):
        reader = threading.Thread(target=lambda: _read_to_end(conn, received))
        reader.start()
        conn.sendall(payload)
        conn.shutdown(socket.SHUT_WR)  # our end reaches the server, its end comes back
        reader.join(30)
        assert bytes(received) == payload
        eventually(lambda: proxy.connections_open == 0, "the ended connection is closed")
        assert (proxy.connections_total, proxy.cuts) == (1, 0)
    assert echo_server.resets == 0


def test_a_cut_is_a_reset_on_both_sides(echo_server: Echo) -> None:
    with (
        FaultProxy(PG_HOST, echo_server.port) as proxy,
        socket.create_connection((PG_HOST, proxy.port)) as conn,
    ):
        conn.sendall(b"ping")
        assert conn.recv(4) == b"ping"
        proxy.cut_all()
        with pytest.raises(ConnectionResetError):
            conn.recv(4)
        eventually(lambda: echo_server.resets == 1, "the server sees a reset")
        assert (proxy.connections_open, proxy.cuts) == (0, 1)


def _read_to_end(conn: socket.socket, into: bytearray) -> None:
    while data := conn.recv(65536):
        into += data


def test_url_names_the_proxy_and_keeps_the_rest() -> None:
    with FaultProxy(PG_HOST, 5432) as proxy:
        assert proxy.url("postgresql+psycopg://postgres@127.0.0.1:5432/db") == (
            f"postgresql+psycopg://postgres@127.0.0.1:{proxy.port}/db"
        )
        assert proxy.url("postgresql://u:p%40ss@db.example:6543/x?sslmode=disable") == (
            f"postgresql://u:p%40ss@127.0.0.1:{proxy.port}/x?sslmode=disable"
        )
        assert proxy.url("postgresql://localhost/x") == f"postgresql://127.0.0.1:{proxy.port}/x"
        with pytest.raises(ValueError, match="bypass the proxy"):
            proxy.url("postgresql://u@127.0.0.1/x?host=/run/postgresql")


# --- with PostgreSQL ----------------------------------------------------------------------------


@pytest.mark.pg
def test_queries_pass_through(through: Engine, proxy: FaultProxy) -> None:
    big = "汉字x" * 1_000_000  # several megabytes each way
    with through.connect() as conn:
        assert conn.execute(text("SELECT length(:s)"), {"s": big}).scalar_one() == len(big)
        assert conn.execute(text("SELECT repeat(:s, 2)"), {"s": big}).scalar_one() == big * 2
    assert proxy.connections_open == 1  # pooled
    through.dispose()
    eventually(lambda: proxy.connections_open == 0, "the closed connection leaves the proxy")
    assert (proxy.connections_total, proxy.cuts) == (1, 0)


@pytest.mark.pg
def test_cut_all_breaks_the_open_connection_and_a_new_one_works(
    through: Engine, proxy: FaultProxy
) -> None:
    with through.connect() as conn:
        assert conn.execute(text("SELECT 1")).scalar_one() == 1
        proxy.cut_all()
        with pytest.raises(OperationalError):
            conn.execute(text("SELECT 1"))
    assert one(through) == 1
    assert proxy.cuts == 1
    assert proxy.connections_total == 2
    assert [(action, n) for _, action, n in proxy.log] == [("cut all", 1)]


@pytest.mark.pg
def test_down_refuses_connections_until_up(through: Engine, proxy: FaultProxy) -> None:
    with through.connect() as conn:
        conn.execute(text("SELECT 1"))
        proxy.down()
        with pytest.raises(OperationalError):
            conn.execute(text("SELECT 1"))
    for _ in range(2):  # refused again and again, not only once
        with pytest.raises(OperationalError, match="refused"):
            through.connect()
    proxy.up()
    assert one(through) == 1
    assert [(action, n) for _, action, n in proxy.log] == [("down", 1), ("up", 0)]


@pytest.mark.pg
def test_chaos_with_a_seed_cuts_at_random_and_logs_each_cut(
    through: Engine, proxy: FaultProxy, pg_url: str
) -> None:
    extra = [make_engine(proxy.url(pg_url)) for _ in range(2)]
    held = [e.connect() for e in extra]  # three connections open, two idle, one busy
    failed = 0
    try:
        proxy.chaos(seed=7, mean_interval_s=0.02, max_cuts=6)
        deadline = time.monotonic() + 30
        while proxy.cuts < 6 and time.monotonic() < deadline:
            try:
                one(through)
            except OperationalError:
                failed += 1
    finally:
        for conn in held:
            conn.invalidate()  # most of them were cut
        for e in extra:
            e.dispose()
    log = proxy.log
    print("chaos log:", *log, f"({failed} queries failed)", sep="\n  ")
    cuts = [entry for entry in log if entry.action.startswith("chaos cut")]
    assert proxy.cuts == sum(n for _, _, n in cuts) == 6, log
    assert log[0].action == "chaos start seed=7 mean=0.02s"
    assert log[-1].action == "chaos end (max_cuts)"
    assert one(through) == 1  # and after the chaos it works as before


@pytest.mark.pg
def test_chaos_stops_after_its_duration(through: Engine, proxy: FaultProxy) -> None:
    proxy.chaos(seed=1, mean_interval_s=0.05, duration_s=0.5)
    deadline = time.monotonic() + 15
    while proxy.log[-1].action != "chaos end (duration)":  # the pooled connection is cut
        assert time.monotonic() < deadline, proxy.log
        with contextlib.suppress(OperationalError):
            one(through)
    cuts = proxy.cuts
    assert cuts > 0, proxy.log
    with through.connect() as conn:
        for _ in range(200):  # nothing cuts any more: not one query fails
            assert conn.execute(text("SELECT 1")).scalar_one() == 1
    assert proxy.cuts == cuts


@pytest.mark.pg
def test_pool_pre_ping_reconnects_after_each_cut(through: Engine, proxy: FaultProxy) -> None:
    for _ in range(3):
        assert one(through) == 1
        proxy.cut_all()  # the pooled connection is dead; the next checkout must notice
    assert one(through) == 1
    assert (proxy.cuts, proxy.connections_total) == (3, 4)


@pytest.mark.pg
def test_a_transaction_cut_before_commit_leaves_nothing_on_the_server(
    through: Engine, proxy: FaultProxy, probe_table: Engine
) -> None:
    insert = text("INSERT INTO faultproxy_probe (key, note) VALUES ('parcel-1', :note)")
    with through.connect() as conn:
        conn.begin()
        conn.execute(insert, {"note": "cut"})
        proxy.cut_all()
        with pytest.raises(OperationalError):
            conn.commit()
    with probe_table.begin() as direct:
        # The server aborted the transaction: its row lock on the key is gone too (else this
        # would wait; lock_timeout turns a server that kept it into a failure, not a hang).
        direct.exec_driver_sql("SET LOCAL lock_timeout = '10s'")
        direct.execute(insert, {"note": "direct"})
    with probe_table.connect() as direct:
        rows = direct.execute(text("SELECT key, note FROM faultproxy_probe")).all()
    assert [tuple(r) for r in rows] == [("parcel-1", "direct")]


def _sockets() -> set[str]:
    fds = Path("/proc/self/fd")
    found = set()
    for fd in fds.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:"):
            found.add(target)
    return found


@pytest.mark.pg
@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to list sockets")
def test_close_leaves_no_thread_and_no_socket(pg_url: str) -> None:
    before = _sockets()
    proxy = FaultProxy(*target_of(pg_url)).start()
    engine = make_engine(proxy.url(pg_url))
    conn = engine.connect()  # still open when the proxy closes
    conn.execute(text("SELECT 1"))
    proxy.chaos(seed=3, mean_interval_s=10)
    proxy.down()
    proxy.up()
    proxy.close()
    with pytest.raises(OperationalError):
        conn.execute(text("SELECT 1"))
    conn.invalidate()
    engine.dispose()
    assert not [t for t in threading.enumerate() if t.name.startswith("faultproxy")]
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((PG_HOST, proxy.port), timeout=3).close()
    assert _sockets() - before == set()
