"""Shared fixtures: every test gets its own PACKDESK_HOME and a migrated SQLite database."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from app.bootstrap import open_database
from app.db.engine import sqlite_url_for
from app.db.uow import UnitOfWork
from app.domain.users import Actor, Role

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def packdesk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("PACKDESK_HOME", str(home))
    monkeypatch.delenv("PACKDESK_DB", raising=False)
    # The command line speaks the system's language: the tests read English unless they ask.
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    return home


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return sqlite_url_for(tmp_path / "station.sqlite")


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    eng = open_database(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def uow(engine: Engine) -> Callable[[], UnitOfWork]:
    """A factory: call it once per user action, as the app does."""
    return lambda: UnitOfWork(engine)


@pytest.fixture
def pg_url() -> str:
    """The central PostgreSQL test database; the test is skipped (with the reason) without it."""
    url = os.environ.get("PACKDESK_TEST_PG_URL")
    if not url:
        pytest.skip("PACKDESK_TEST_PG_URL not set: no central PostgreSQL database to test against")
    return url


@pytest.fixture
def pg_engine(pg_url: str) -> Iterator[Engine]:
    """A freshly emptied and migrated central database."""
    from app.db.engine import make_engine

    eng = make_engine(pg_url)
    with eng.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    eng.dispose()
    eng = open_database(pg_url)
    yield eng
    eng.dispose()


@pytest.fixture
def supervisor() -> Actor:
    return Actor("Wang Fang", Role.SUPERVISOR)


@pytest.fixture
def packer() -> Actor:
    return Actor("Li Lei", Role.PACKER)


@pytest.fixture
def admin() -> Actor:
    return Actor("Admin", Role.ADMIN)
