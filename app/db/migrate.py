"""Alembic, configured in code: `upgrade(engine)` brings any database to the newest schema."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.exc import ProgrammingError

MIGRATIONS = Path(__file__).with_name("migrations")
INSUFFICIENT_PRIVILEGE = "42501"


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
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
    head = head_revision(engine)
    if before == (head if revision == "head" else revision):
        return
    access.check_can_migrate(engine, before, head)
    command.upgrade(alembic_config(engine), revision)
    if current_revision(engine) != before:
        access.grant_again(engine)


def open_database(url: str, *, migrate: bool = True) -> Engine:
    """An engine on *url*, migrated to the newest schema (unless ``migrate=False``)."""
    from app.db.engine import make_engine

    engine = make_engine(url)
    if migrate:
        upgrade(engine)
    return engine


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision(engine: Engine) -> str | None:
    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def is_up_to_date(engine: Engine) -> bool:
    return current_revision(engine) == head_revision(engine)
