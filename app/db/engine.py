"""Engines: SQLite with WAL, foreign keys and a busy timeout; any other SQLAlchemy URL as is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import NoSuchModuleError

#: How long a SQLite writer waits for another one (app.config.busy_timeout_s sets it).
BUSY_TIMEOUT_S = 30.0
#: How long a connection to a database server may take before it "does not answer".
CONNECT_TIMEOUT_S = 10


def sqlite_url_for(path: Path) -> str:
    return f"sqlite+pysqlite:///{path}"


def make_engine(url: str, *, busy_timeout_s: float = BUSY_TIMEOUT_S, **kwargs: Any) -> Engine:
    """An engine on *url*.  Nothing is created on disk but the SQLite file itself (a folder
    that does not exist is the caller's to make); a driver that is not installed is a
    ``NoSuchModuleError``, like a driver SQLAlchemy does not know."""
    parsed = make_url(url)
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = create_engine(url, **kwargs)
            _configure_sqlite(engine, busy_timeout_s)
            return engine
        kwargs.setdefault("pool_pre_ping", True)
        if parsed.get_backend_name() == "postgresql" and "connect_timeout" not in parsed.query:
            kwargs.setdefault("connect_args", {"connect_timeout": CONNECT_TIMEOUT_S})
        return create_engine(url, **kwargs)
    except ImportError as exc:  # the dialect is known, its DBAPI module is not installed
        raise NoSuchModuleError(f"the driver {parsed.drivername} is not installed ({exc})") from exc


def _configure_sqlite(engine: Engine, busy_timeout_s: float) -> None:
    busy_ms = round(busy_timeout_s * 1000)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy issue BEGIN itself so that `BEGIN IMMEDIATE` can be used for writers.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
            # FULL: a committed transaction (a pack scan the screen confirmed) survives a power
            # cut, not only a crash of the app; it costs ~0.6 ms per commit (bench_packing).
            cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"
