"""Who may do what in a PostgreSQL database: the owner migrates, the application appends.

Two roles:

* the **owner** runs the migrations (``packdesk db upgrade``): it creates and so owns every
  table, and only it (or a superuser) may ALTER, DROP or TRUNCATE a table or disable its
  triggers;
* the **application's role** is what the desktop app and the command line connect as day to
  day.  :func:`grant_app_role` (``packdesk db grant ROLE``, run as the owner) gives it exactly
  what the app needs — :func:`table_privileges`: SELECT and INSERT on the append-only tables,
  SELECT, INSERT, UPDATE and DELETE on the others, SELECT on ``alembic_version``, USAGE on
  their sequences — and nothing else: no TRUNCATE, TRIGGER or REFERENCES, no table of its own,
  nothing on ``db_app_roles``.  A superuser, the owner, or a role that may act as the owner
  is refused: the split would protect nothing.

The roles granted are listed in ``db_app_roles``.  When a migration adds a table, the
application's role has no privilege on it until it is granted again, which
:func:`grant_again` does after every migration (``migrate.upgrade``) and on every
``packdesk db upgrade``: so a forgotten grant fails closed (permission denied), never open.

SQLite has no roles: a station's file is protected by the file system, and the append-only
triggers keep the application's own SQL from rewriting the ledger and the audit trail.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, text

from app.db.models import APPEND_ONLY_TABLES, Base, utcnow
from app.domain.errors import DomainError
from app.messages import Message
from app.messages import dbaccess as dm

log = logging.getLogger(__name__)

APPEND = ("SELECT", "INSERT")
READ_WRITE = ("SELECT", "INSERT", "UPDATE", "DELETE")
READ = ("SELECT",)
SEQUENCE = ("USAGE", "SELECT")
#: Tables the application's role gets nothing on.
OWNER_ONLY = ("db_app_roles",)
VERSION_TABLE = "alembic_version"


class DatabaseRefused(DomainError):
    """The database cannot be opened, migrated or granted as asked; nothing was changed."""


@dataclass(frozen=True)
class AppRole:
    role: str
    granted_at: dt.datetime
    granted_by: str


@dataclass(frozen=True)
class Grants:
    """What :func:`grant_app_role` gave *role* in the database *owner* owns."""

    role: str
    owner: str
    tables: dict[str, tuple[str, ...]]
    sequences: tuple[str, ...]


def table_privileges() -> dict[str, tuple[str, ...]]:
    """What the application's role may do on each table of the newest schema."""
    privileges: dict[str, tuple[str, ...]] = {VERSION_TABLE: READ}
    for table in Base.metadata.tables:
        if table not in OWNER_ONLY:
            privileges[table] = APPEND if table in APPEND_ONLY_TABLES else READ_WRITE
    return privileges


def is_postgresql(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


def _where(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def _quote(conn: Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote_identifier(name)


def _owner(conn: Connection) -> str | None:
    """The owner of the migrated schema's tables (the owner of ``alembic_version``)."""
    return conn.execute(
        text(
            "SELECT tableowner FROM pg_tables "
            "WHERE schemaname = current_schema() AND tablename = :t"
        ),
        {"t": VERSION_TABLE},
    ).scalar()


def _current_user(conn: Connection) -> str:
    return str(conn.execute(text("SELECT current_user")).scalar())


def _require_owner(conn: Connection, engine: Engine) -> str:
    """The tables' owner, when the connected role may act as it; else refused."""
    owner = _owner(conn)
    user = _current_user(conn)
    if owner is None:  # not migrated, or not even visible to this role
        raise no_access(engine, user)
    if not conn.execute(
        text("SELECT pg_has_role(current_user, :o, 'USAGE')"), {"o": owner}
    ).scalar():
        raise DatabaseRefused(dm.NOT_OWNER(user=user, database=_where(engine), owner=owner))
    return owner


def _check_role(conn: Connection, engine: Engine, role: str) -> None:
    """Refuses a role for which the split would protect nothing."""
    superuser = conn.execute(
        text("SELECT rolsuper FROM pg_roles WHERE rolname = :r"), {"r": role}
    ).first()
    if superuser is None:
        raise DatabaseRefused(dm.NO_SUCH_ROLE(role=role))
    if superuser[0]:
        raise DatabaseRefused(dm.ROLE_IS_SUPERUSER(role=role))
    # A member of an owner (even without INHERIT: it may SET ROLE) may ALTER, DROP and disable
    # triggers; the schema's owner may drop the schema with everything in it, the database's
    # owner the database.
    owns = conn.execute(
        text(
            "SELECT EXISTS (SELECT 1 FROM pg_class "
            "  WHERE relnamespace = current_schema()::regnamespace "
            "  AND pg_has_role(:r, relowner, 'MEMBER')) "
            "OR pg_has_role(:r, (SELECT nspowner FROM pg_namespace "
            "                    WHERE oid = current_schema()::regnamespace), 'MEMBER') "
            "OR pg_has_role(:r, (SELECT datdba FROM pg_database "
            "                    WHERE datname = current_database()), 'MEMBER')"
        ),
        {"r": role},
    ).scalar()
    if owns:
        raise DatabaseRefused(dm.ROLE_OWNS_TABLES(role=role, database=_where(engine)))


def _existing(conn: Connection) -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    """The Packdesk tables this database has, with the application's privileges, and the
    sequences they own (their ids)."""
    tables = _tables(conn)
    privileges = {t: p for t, p in table_privileges().items() if t in tables}
    sequences = conn.execute(
        text(
            "SELECT DISTINCT s.relname FROM pg_class s "
            "JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid "
            " AND d.refclassid = 'pg_class'::regclass "
            "JOIN pg_class t ON t.oid = d.refobjid "
            "WHERE s.relkind = 'S' AND s.relnamespace = current_schema()::regnamespace "
            " AND t.relnamespace = s.relnamespace AND t.relname = ANY(:tables) "
            "ORDER BY s.relname"
        ),
        {"tables": sorted(privileges)},
    ).scalars()
    return privileges, tuple(sequences)


def _revoke_all(conn: Connection, role: str) -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    privileges, sequences = _existing(conn)
    who = _quote(conn, role)
    for table in sorted({*privileges, *OWNER_ONLY} & _tables(conn)):
        conn.execute(text(f"REVOKE ALL ON TABLE {_quote(conn, table)} FROM {who}"))
    for sequence in sequences:
        conn.execute(text(f"REVOKE ALL ON SEQUENCE {_quote(conn, sequence)} FROM {who}"))
    return privileges, sequences


def _tables(conn: Connection) -> set[str]:
    return set(
        conn.execute(
            text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        ).scalars()
    )


def _grant(conn: Connection, engine: Engine, role: str, owner: str) -> Grants:
    _check_role(conn, engine, role)
    privileges, sequences = _revoke_all(conn, role)
    who = _quote(conn, role)
    schema = conn.execute(text("SELECT current_schema()")).scalar()
    conn.execute(text(f"GRANT USAGE ON SCHEMA {_quote(conn, str(schema))} TO {who}"))
    for table, granted in privileges.items():
        conn.execute(text(f"GRANT {', '.join(granted)} ON TABLE {_quote(conn, table)} TO {who}"))
    for sequence in sequences:
        conn.execute(
            text(f"GRANT {', '.join(SEQUENCE)} ON SEQUENCE {_quote(conn, sequence)} TO {who}")
        )
    return Grants(role=role, owner=owner, tables=privileges, sequences=sequences)


def grant_app_role(engine: Engine, role: str) -> Grants:
    """Gives *role* the application's privileges and nothing more (revoking what else it had
    on Packdesk's tables), and records it so that later migrations grant it their tables.
    Run as the tables' owner; idempotent."""
    if not is_postgresql(engine):
        raise DatabaseRefused(dm.NO_ROLES(database=_where(engine)))
    with engine.begin() as conn:
        owner = _require_owner(conn, engine)
        grants = _grant(conn, engine, role, owner)
        conn.execute(
            text(
                "INSERT INTO db_app_roles (role, granted_at, granted_by) "
                "VALUES (:r, :at, current_user) ON CONFLICT (role) "
                "DO UPDATE SET granted_at = excluded.granted_at, granted_by = current_user"
            ),
            {"r": role, "at": utcnow()},
        )
    log.info("granted the application's privileges on %s to %s", _where(engine), role)
    return grants


#: What a station's own role may do on the central database (``packdesk db grant-station``):
#: read what it replicates and the change log, push its events, keep its station row and
#: lease pool numbers — row-level security (migration 0016) keeps it to its own rows.  It
#: cannot apply events (a ``packdesk sync apply`` worker connected as the application's role
#: does), nor write the ledger, the audit trail, orders, lots or another station's anything.
STATION_TABLE_PRIVILEGES: dict[str, tuple[str, ...]] = {
    "sync_inbox": ("SELECT", "INSERT"),
    "change_log": ("SELECT",),
    VERSION_TABLE: ("SELECT",),
    # The waybill numbers leased to it (the lease is recorded in the audit trail).
    "tracking_pool": ("SELECT",),
    "audit_events": ("INSERT",),
    # Empty on the central database; read to tell it is not a station's own.
    "sync_station": ("SELECT",),
}
#: Columns a station's role may change: its station row's contact, the pool numbers it leases.
STATION_COLUMN_PRIVILEGES: dict[str, tuple[str, ...]] = {
    "stations": ("last_contact_at", "pending", "last_seq", "registered_at", "registered_by"),
    "tracking_pool": ("leased_to", "leased_at"),
}


@dataclass(frozen=True)
class StationGrants:
    role: str
    station: str
    read: tuple[str, ...]
    write: dict[str, tuple[str, ...]]


def grant_station_role(
    engine: Engine, role: str, station: str, replicated: tuple[str, ...]
) -> StationGrants:
    """Registers *station* (if it is not) as connecting with *role* and gives *role* exactly
    what a station's sync needs (:data:`STATION_TABLE_PRIVILEGES`, reading *replicated*),
    revoking what else it had.  Run as the tables' owner; idempotent."""
    if not is_postgresql(engine):
        raise DatabaseRefused(dm.NO_ROLES(database=_where(engine)))
    with engine.begin() as conn:
        _require_owner(conn, engine)
        _check_role(conn, engine, role)
        _revoke_all(conn, role)
        who = _quote(conn, role)
        schema = conn.execute(text("SELECT current_schema()")).scalar()
        conn.execute(text(f"GRANT USAGE ON SCHEMA {_quote(conn, str(schema))} TO {who}"))
        read = tuple(sorted({*replicated, "stations"}))
        for table in read:
            conn.execute(text(f"GRANT SELECT ON TABLE {_quote(conn, table)} TO {who}"))
        for table, granted in STATION_TABLE_PRIVILEGES.items():
            conn.execute(
                text(f"GRANT {', '.join(granted)} ON TABLE {_quote(conn, table)} TO {who}")
            )
        for table, columns in STATION_COLUMN_PRIVILEGES.items():
            listed = ", ".join(_quote(conn, c) for c in columns)
            conn.execute(text(f"GRANT UPDATE ({listed}) ON TABLE {_quote(conn, table)} TO {who}"))
        conn.execute(text(f"GRANT USAGE ON SEQUENCE audit_events_id_seq TO {who}"))
        conn.execute(
            text(
                "INSERT INTO stations (name, registered_at, registered_by, last_seq, pending, "
                "db_role) VALUES (:s, :at, current_user, 0, 0, :r) ON CONFLICT (name) "
                "DO UPDATE SET db_role = excluded.db_role"
            ),
            {"s": station, "r": role, "at": utcnow()},
        )
    log.info("granted station %s's privileges on %s to %s", station, _where(engine), role)
    return StationGrants(role, station, read, dict(STATION_COLUMN_PRIVILEGES))


def revoke_app_role(engine: Engine, role: str) -> None:
    """Takes back what :func:`grant_app_role` gave *role* and forgets it.  Run as the owner."""
    if not is_postgresql(engine):
        raise DatabaseRefused(dm.NO_ROLES(database=_where(engine)))
    with engine.begin() as conn:
        _require_owner(conn, engine)
        if conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first():
            _revoke_all(conn, role)
            schema = conn.execute(text("SELECT current_schema()")).scalar()
            conn.execute(
                text(
                    f"REVOKE USAGE ON SCHEMA {_quote(conn, str(schema))} FROM {_quote(conn, role)}"
                )
            )
        conn.execute(text("DELETE FROM db_app_roles WHERE role = :r"), {"r": role})
    log.info("revoked the application's privileges on %s from %s", _where(engine), role)


def app_roles(engine: Engine) -> tuple[str | None, list[AppRole]]:
    """The tables' owner and the roles granted the application's privileges (PostgreSQL; as
    the owner)."""
    if not is_postgresql(engine):
        return None, []
    with engine.connect() as conn:
        owner = _require_owner(conn, engine)
        rows = conn.execute(
            text("SELECT role, granted_at, granted_by FROM db_app_roles ORDER BY role")
        ).all()
    return owner, [AppRole(r.role, r.granted_at, r.granted_by) for r in rows]


def grant_again(engine: Engine) -> list[Grants]:
    """Grants every recorded role the application's privileges on the schema as it is now
    (after a migration: its new tables too).  A role that is gone or no longer fits is left
    out, with a warning in the log.  Nothing to do on SQLite, nor for a role that is not the
    owner."""
    if not is_postgresql(engine):
        return []
    done: list[Grants] = []
    with engine.begin() as conn:
        owner = _owner(conn)
        if owner is None or "db_app_roles" not in _tables(conn):
            return []
        if not conn.execute(
            text("SELECT pg_has_role(current_user, :o, 'USAGE')"), {"o": owner}
        ).scalar():
            return []  # the application's role itself: it grants nothing
        for role in conn.execute(text("SELECT role FROM db_app_roles ORDER BY role")).scalars():
            savepoint = conn.begin_nested()
            try:
                done.append(_grant(conn, engine, role, owner))
            except DatabaseRefused as exc:
                savepoint.rollback()
                log.warning("not granted to %s again: %s", role, exc.message.english())
            else:
                savepoint.commit()
    return done


def check_can_migrate(engine: Engine, current: str | None, head: str | None) -> None:
    """Refuses, with a message, to migrate as a role that does not own the tables (or, on an
    empty database, may not create them); nothing to check on SQLite."""
    if not is_postgresql(engine):
        return
    with engine.connect() as conn:
        user = _current_user(conn)
        schema = conn.execute(text("SELECT current_schema()")).scalar()
        if schema is None:
            raise no_access(engine, user)
        owner = _owner(conn)
        if owner is None:
            allowed = conn.execute(
                text("SELECT has_schema_privilege(current_schema(), 'CREATE')")
            ).scalar()
        else:
            allowed = conn.execute(
                text("SELECT pg_has_role(current_user, :o, 'USAGE')"), {"o": owner}
            ).scalar()
    if not allowed:
        now: Message | str = current if current is not None else dm.NO_REVISION()
        raise DatabaseRefused(
            dm.CANNOT_MIGRATE(database=_where(engine), current=now, head=head or "-", user=user)
        )


def no_access(engine: Engine, user: str | None = None) -> DatabaseRefused:
    """The refusal for a role that may not even read which revision the database is at."""
    if user is None:
        with engine.connect() as conn:
            user = _current_user(conn)
    return DatabaseRefused(dm.NO_ACCESS(user=user, database=_where(engine)))
