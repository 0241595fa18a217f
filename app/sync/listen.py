"""Wake a station when the central database changes: PostgreSQL LISTEN on the channel the
change-log triggers NOTIFY (migration 0014), in a thread of its own.  A lost connection is
retried with a growing pause; while it is down the station's poll still pulls (nothing depends
on a notification arriving — it only makes a cancellation arrive in a second, not at the next
poll)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import psycopg
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

log = logging.getLogger(__name__)

CHANNEL = "packdesk_changes"


def libpq_dsn(url: str) -> str:
    """The SQLAlchemy URL of a PostgreSQL database as a libpq connection string."""
    parsed = make_url(url)
    parts = {
        "host": parsed.host,
        "port": parsed.port,
        "dbname": parsed.database,
        "user": parsed.username,
        "password": parsed.password,
        "connect_timeout": parsed.query.get("connect_timeout", "5"),
        "sslmode": parsed.query.get("sslmode"),
    }
    return " ".join(f"{k}={v}" for k, v in parts.items() if v not in (None, ""))


class ChangeListener:
    """Calls *on_change()* (from its own thread) each time the central database commits a
    change stations replicate; ``close()`` stops it."""

    def __init__(self, url: str, on_change: Callable[[], None]) -> None:
        self._dsn = libpq_dsn(url)
        self._on_change = on_change
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="central-listener", daemon=True)
        self.connected = threading.Event()

    def start(self) -> ChangeListener:
        self._thread.start()
        return self

    def close(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        pause = 0.5
        while not self._stop.is_set():
            try:
                with psycopg.connect(self._dsn, autocommit=True) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    pause = 0.5
                    self._on_change()  # whatever changed while nobody listened
                    self.connected.set()
                    while not self._stop.is_set():
                        for _note in conn.notifies(timeout=0.5, stop_after=1):
                            self._on_change()
            except psycopg.Error as exc:
                log.info("listening to the central database: %s", exc)
            self.connected.clear()
            if self._stop.wait(pause):
                return
            pause = min(pause * 2, 10.0)


#: The channel a push NOTIFYs (app.sync.central.receive).
INBOX = "packdesk_inbox"


def apply_as_pushed(
    engine: Engine, url: str, *, stop: threading.Event | None = None, workers: int = 2
) -> int:
    """The applier (``packdesk sync apply --follow``, connected as the application's role):
    apply what the stations push as it comes, woken by the NOTIFY of each push (a look every
    half second covers a notification lost with its connection), in *workers* threads (a
    station's events are applied by one of them at a time, in its order).  A lost connection
    is retried with a growing pause.  Runs until *stop* is set; returns how many events it
    applied or rejected."""
    stop = stop or threading.Event()
    done = [0] * workers
    threads = [
        threading.Thread(
            target=_apply_loop, args=(engine, url, stop, done, i), name=f"applier-{i}", daemon=True
        )
        for i in range(workers)
    ]
    for t in threads:
        t.start()
    try:
        while any(t.is_alive() for t in threads):
            for t in threads:
                t.join(0.5)
    finally:
        stop.set()
    return sum(done)


def _apply_loop(engine: Engine, url: str, stop: threading.Event, done: list[int], i: int) -> None:
    from sqlalchemy.exc import OperationalError

    from app.sync import central

    pause = 0.5
    while not stop.is_set():
        try:
            with psycopg.connect(libpq_dsn(url), autocommit=True) as conn:
                conn.execute(f"LISTEN {INBOX}")
                pause = 0.5
                while not stop.is_set():
                    while applied := central.apply_all(engine, worker=(i, len(done))):
                        done[i] += applied
                    for _note in conn.notifies(timeout=0.5, stop_after=1):
                        pass
        except (psycopg.Error, OperationalError) as exc:
            log.warning("applying the stations' events: %s", exc)
        if stop.wait(pause):
            break
        pause = min(pause * 2, 10.0)
