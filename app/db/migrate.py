"""Alembic, configured in code: `upgrade(engine)` brings any database to the newest schema."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.exc import ProgrammingError

from app.db import faults
from app.db.engine import BUSY_TIMEOUT_S, make_engine
from app.messages import Message
from app.messages import database as dbm

MIGRATIONS = Path(__file__).with_name("migrations")
INSUFFICIENT_PRIVILEGE = "42501"


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    # ConfigParser reads "%" as interpolation: a URL's %-escapes (file: URIs, passwords) doubled.
    url = engine.url.render_as_string(hide_password=False)
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrates *engine*'s database to *revision*; a database already there is left alone, so
    the application's role (which may not migrate, app/db/access.py) opens it too.  After a
    migration on PostgreSQL the application's roles are granted the schema as it now is."""
    from app.db import access

    try:
        before = current_revision(engine)
    except ProgrammingError as exc:  # PostgreSQL: permission denied for alembic_version
        if getattr(exc.orig, "sqlstate", None) == INSUFFICIENT_PRIVILEGE:
            raise access.no_access(engine) from exc
        raise
    script = ScriptDirectory.from_config(alembic_config(engine))
    head = script.get_current_head()
    if before == (head if revision == "head" else revision):
        return
    if before is not None and before not in {s.revision for s in script.walk_revisions()}:
        raise faults.newer_schema(_url(engine), before, head)
    access.check_can_migrate(engine, before, head)
    command.upgrade(alembic_config(engine), revision)
    if current_revision(engine) != before:
        access.grant_again(engine)


def open_database(
    url: str,
    *,
    migrate: bool = True,
    busy_timeout_s: float = BUSY_TIMEOUT_S,
    source: Message | str | None = None,
) -> Engine:
    """An engine on *url*, connected once and migrated to the newest schema (unless
    ``migrate=False``).  A database that cannot be used is a ``faults.DatabaseFault`` that says
    why and where; *source* is where the address came from (``--db``, ``PACKDESK_DB``)."""
    faults.check_address(url, dbm.SOURCE_DEFAULT() if source is None else source)
    engine = make_engine(url, busy_timeout_s=busy_timeout_s)
    try:
        with faults.translated(url, busy_timeout_s=busy_timeout_s, connecting=True):
            engine.connect().close()
        if migrate:
            with faults.translated(url, busy_timeout_s=busy_timeout_s):
                upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision(engine: Engine) -> str | None:
    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def is_up_to_date(engine: Engine) -> bool:
    return current_revision(engine) == head_revision(engine)
