"""The stock ledger, the audit trail and the pack check's events cannot be rewritten: every way
round the append-only rule is refused by the database — REPLACE, INSERT OR REPLACE and UPSERT
on SQLite, TRUNCATE and UPSERT on PostgreSQL, UPDATE and DELETE on both — and on PostgreSQL the
app connects as a role that owns nothing, so it cannot TRUNCATE, ALTER, DROP or switch a
trigger off either, while the floor's work (an import, review, a wave, a pack scan, the audit
trail) goes on as that role."""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, ProgrammingError

from app.bootstrap import open_database
from app.db import access
from app.db.engine import make_engine
from app.db.migrate import alembic_config, current_revision, upgrade
from app.db.models import APPEND_ONLY_TABLES
from app.db.uow import UnitOfWork
from app.domain.users import Actor, Role
from app.services import packing
from app.services.audit import record
from app.services.stock import verify_ledger
from tests.factories import add_order, add_pack_event, add_sku, receive
from tests.integration.test_cli import SKUS, STOCK, run

T0 = dt.datetime(2026, 11, 20, 10, 0)
CUP = "6901234567892"  # CUP-500's barcode in test_cli.SKUS


# --- the rows every test tries to rewrite ----------------------------------------------------


@dataclass(frozen=True)
class Ledger:
    move_id: int
    audit_id: int
    pack_id: int
    order_id: int


def _seed(engine: Engine) -> Ledger:
    """One stock move, one audit event and one pack event, written as the app writes them."""
    uow = lambda: UnitOfWork(engine)  # noqa: E731
    add_sku(uow, "CUP")
    receive(uow, "CUP", 5)
    order_id = add_order(uow, "TB-LEDGER", [("CUP", 1)], status="packing")
    with uow() as u:
        record(u.session, Actor("Li Lei", Role.PACKER), "order.packing", "order", order_id)
        u.commit()
    add_pack_event(uow, order_id)
    with engine.connect() as conn:
        ids = [
            conn.execute(text(f"SELECT max(id) FROM {table}")).scalar_one()
            for table in ("stock_moves", "audit_events", "pack_events")
        ]
    return Ledger(*ids, order_id=order_id)


def _snapshot(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    with engine.connect() as conn:
        return {
            table: [tuple(r) for r in conn.execute(text(f"SELECT * FROM {table} ORDER BY id"))]
            for table in APPEND_ONLY_TABLES
        }


MOVE_COLUMNS = "(id, at, kind, lot_id, qty, actor, reason, ref)"
AUDIT_COLUMNS = "(id, at, actor, action, entity, entity_id)"


def _move(ledger: Ledger, qty: int = 999999) -> str:
    return (
        f"{MOVE_COLUMNS} SELECT {ledger.move_id}, at, kind, lot_id, {qty}, 'mallory', '', '' "
        f"FROM stock_moves WHERE id = {ledger.move_id}"
    )


def _audit(ledger: Ledger) -> str:
    return (
        f"{AUDIT_COLUMNS} VALUES ({ledger.audit_id}, CURRENT_TIMESTAMP, 'mallory', 'x', 'x', 'x')"
    )


def _refused(engine: Engine, statements: list[str], match: str = "append-only") -> None:
    """Each statement fails with the database's own words, and not one row changed."""
    before = _snapshot(engine)
    for statement in statements:
        with pytest.raises(DBAPIError, match=match), engine.begin() as conn:
            conn.execute(text(statement))
    assert _snapshot(engine) == before


def _still_appends(engine: Engine, ledger: Ledger) -> None:
    """The triggers refuse rewriting, not appending: new rows, with or without an id."""
    with engine.begin() as conn:
        conn.execute(
            text(
                f"INSERT INTO stock_moves {MOVE_COLUMNS} SELECT {ledger.move_id + 100}, at, "
                f"'adjustment', lot_id, -1, 'wangfang', 'broken', '' FROM stock_moves "
                f"WHERE id = {ledger.move_id}"
            )
        )
        conn.execute(
            text(
                'INSERT INTO pack_events (order_id, seq, kind, data, "by", at) '
                "VALUES (:o, 2, 'scan', '{}', 'lilei', CURRENT_TIMESTAMP) ON CONFLICT DO NOTHING"
            ),
            {"o": ledger.order_id},
        )
    with engine.connect() as conn:
        assert conn.execute(text("SELECT sum(qty) FROM stock_moves")).scalar() == 4
        assert conn.execute(text("SELECT max(seq) FROM pack_events")).scalar() == 2


# --- SQLite ----------------------------------------------------------------------------------


def test_sqlite_refuses_every_rewrite_of_the_ledger_and_the_audit_trail(engine: Engine) -> None:
    ledger = _seed(engine)
    pack_row = (
        '(order_id, seq, kind, data, "by", at) VALUES '
        f"({ledger.order_id}, 1, 'undo', '{{}}', 'mallory', CURRENT_TIMESTAMP)"
    )
    _refused(
        engine,
        [
            # REPLACE's implicit delete fires no DELETE trigger: the insert itself is refused.
            f"REPLACE INTO stock_moves {_move(ledger)}",
            f"INSERT OR REPLACE INTO stock_moves {_move(ledger)}",
            f"INSERT OR REPLACE INTO audit_events {_audit(ledger)}",
            f"REPLACE INTO audit_events {_audit(ledger)}",
            # pack_events: a new id but an existing (order, seq) would replace the event too.
            f"INSERT OR REPLACE INTO pack_events {pack_row}",
            f'REPLACE INTO pack_events (id, order_id, seq, kind, data, "by", at) VALUES '
            f"({ledger.pack_id}, {ledger.order_id}, 1, 'undo', '{{}}', 'm', CURRENT_TIMESTAMP)",
            # UPSERT.
            f"INSERT INTO stock_moves {_move(ledger)} "
            "ON CONFLICT (id) DO UPDATE SET qty = excluded.qty",
            f"INSERT INTO audit_events {_audit(ledger)} "
            "ON CONFLICT (id) DO UPDATE SET actor = excluded.actor",
            f"INSERT INTO pack_events {pack_row} "
            "ON CONFLICT (order_id, seq) DO UPDATE SET kind = excluded.kind",
            # An id that is taken is refused outright, even where the conflict would be skipped.
            f"INSERT OR IGNORE INTO audit_events {_audit(ledger)}",
            # UPDATE and DELETE, also with OR REPLACE.
            "UPDATE stock_moves SET qty = 50",
            "UPDATE OR REPLACE audit_events SET id = id + 1000",
            "UPDATE pack_events SET kind = 'undo'",
            "DELETE FROM stock_moves",
            "DELETE FROM audit_events",
            "DELETE FROM pack_events",
        ],
    )
    _still_appends(engine, ledger)


def test_sqlite_downgrade_removes_what_0008_adds(db_url: str, engine: Engine) -> None:
    from alembic import command

    command.downgrade(alembic_config(engine), "0007")
    with engine.connect() as conn:
        triggers = set(
            conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars()
        )
        tables = set(
            conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'")).scalars()
        )
    assert not {t for t in triggers if t.endswith("_no_replace")}
    assert {f"{t}_no_{v}" for t in APPEND_ONLY_TABLES for v in ("update", "delete")} <= triggers
    assert "db_app_roles" not in tables
    upgrade(engine)
    test_sqlite_refuses_every_rewrite_of_the_ledger_and_the_audit_trail(engine)


def test_sqlite_has_no_roles_to_grant(
    capsys: pytest.CaptureFixture[str], db_url: str, engine: Engine
) -> None:
    code, _, err = run(capsys, "--db", db_url, "db", "grant", "packdesk_app")
    assert code == 1 and "is a SQLite file and has no database roles" in err
    assert "Traceback" not in err
    code, out, _ = run(capsys, "--db", db_url, "db", "roles", "--json")
    assert code == 0 and json.loads(out) == {"owner": None, "app_roles": []}


def test_every_migration_grants_the_app_roles_again(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A later migration's new tables reach the application's role without anyone
    remembering to grant them: upgrade() grants again after every migration, and only then."""
    calls: list[str | None] = []
    monkeypatch.setattr(access, "grant_again", lambda e: calls.append(current_revision(e)))
    upgrade(engine)  # already at the newest revision: nothing to do
    assert calls == []
    from alembic import command

    command.downgrade(alembic_config(engine), "0007")
    upgrade(engine)
    assert calls == ["0010"]


# --- PostgreSQL: the triggers ---------------------------------------------------------------


@pytest.mark.pg
def test_postgresql_refuses_every_rewrite_of_the_ledger_and_the_audit_trail(
    pg_engine: Engine,
) -> None:
    ledger = _seed(pg_engine)
    _refused(
        pg_engine,
        [
            # TRUNCATE fires no row trigger: a statement trigger refuses it, also by CASCADE.
            "TRUNCATE stock_moves",
            "TRUNCATE audit_events",
            "TRUNCATE pack_events",
            "TRUNCATE audit_events, stock_moves RESTART IDENTITY",
            "TRUNCATE lots CASCADE",
            "TRUNCATE orders CASCADE",
            # UPSERT and MERGE meet the row triggers.
            f"INSERT INTO stock_moves {_move(ledger)} "
            "ON CONFLICT (id) DO UPDATE SET qty = excluded.qty",
            f"INSERT INTO audit_events {_audit(ledger)} "
            "ON CONFLICT (id) DO UPDATE SET actor = excluded.actor",
            "MERGE INTO audit_events a USING (SELECT 1 AS one) s ON true WHEN MATCHED THEN DELETE",
            "UPDATE stock_moves SET qty = 50",
            "UPDATE audit_events SET actor = 'mallory'",
            "UPDATE pack_events SET kind = 'undo'",
            "DELETE FROM stock_moves",
            "DELETE FROM audit_events",
            "DELETE FROM pack_events",
        ],
    )
    # The usual way to silence triggers without touching them (a superuser's) does not either.
    before = _snapshot(pg_engine)
    for statement in ("TRUNCATE audit_events", "DELETE FROM stock_moves"):
        with pytest.raises(DBAPIError, match="append-only"), pg_engine.begin() as conn:
            conn.execute(text("SET LOCAL session_replication_role = replica"))
            conn.execute(text(statement))
    assert _snapshot(pg_engine) == before
    _still_appends(pg_engine, ledger)


@pytest.mark.pg
def test_postgresql_downgrade_removes_what_0008_adds(pg_engine: Engine) -> None:
    from alembic import command

    def triggers() -> dict[str, str]:
        with pg_engine.connect() as conn:
            rows = conn.execute(
                text("SELECT tgname, tgenabled FROM pg_trigger WHERE NOT tgisinternal")
            ).all()
        return {name: enabled for name, enabled in rows}

    at_head = triggers()
    for table in APPEND_ONLY_TABLES:
        assert at_head[f"{table}_append_only"] == at_head[f"{table}_no_truncate"] == "A"
    command.downgrade(alembic_config(pg_engine), "0007")
    assert triggers() == {f"{table}_append_only": "O" for table in APPEND_ONLY_TABLES}
    with pg_engine.connect() as conn:
        assert conn.execute(text("SELECT to_regclass('db_app_roles')")).scalar() is None
    upgrade(pg_engine)
    assert triggers() == at_head


# --- PostgreSQL: the owner migrates, the application's role only reads and appends ------------


@dataclass(frozen=True)
class Roles:
    owner: str  # URL of the role that owns the tables
    app: str  # URL of the application's role
    app_role: str
    owner_role: str


def _role_name(pg_url: str, what: str) -> str:
    """Roles are the server's, not the database's: named after the test database, so that
    test runs on other databases of the same server never meet them."""
    return f"pdk11a_{what}_{make_url(pg_url).database}".lower()


@pytest.fixture
def roles(pg_url: str) -> Iterator[Roles]:
    """The documented set-up: a schema owned by a role that is no superuser, migrated by it
    (`packdesk db upgrade`), and an application's role granted by it (`packdesk db grant`)."""
    owner, app = _role_name(pg_url, "owner"), _role_name(pg_url, "app")
    admin = make_engine(pg_url)
    with admin.connect() as conn:
        may = conn.execute(
            text("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user")
        ).scalar()
    if not may:
        admin.dispose()
        pytest.skip("PACKDESK_TEST_PG_URL's role may not create roles (CREATEROLE)")

    def clean() -> None:
        with admin.begin() as conn:
            conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
            for role in (app, owner):
                if conn.execute(
                    text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}
                ).first():
                    conn.execute(text(f"DROP OWNED BY {role}"))
                    conn.execute(text(f"DROP ROLE {role}"))

    clean()
    password = secrets.token_hex(12)  # where the server asks for one
    with admin.begin() as conn:
        for role in (owner, app):
            conn.execute(text(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'"))
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text(f"CREATE SCHEMA public AUTHORIZATION {owner}"))
    url = make_url(pg_url)
    as_owner = url.set(username=owner, password=password).render_as_string(hide_password=False)
    as_app = url.set(username=app, password=password).render_as_string(hide_password=False)
    try:
        yield Roles(owner=as_owner, app=as_app, app_role=app, owner_role=owner)
    finally:
        clean()
        admin.dispose()


def _granted(roles: Roles, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", roles.owner, "db", "upgrade")
    assert code == 0, err
    code, out, err = run(capsys, "--db", roles.owner, "db", "grant", roles.app_role)
    assert code == 0, err
    assert "may not TRUNCATE, ALTER or DROP a table nor disable a trigger" in out


def _privileges(pg_url: str, role: str) -> dict[str, set[str]]:
    eng = make_engine(pg_url)
    try:
        with eng.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT table_name, privilege_type FROM information_schema.role_table_grants "
                    "WHERE grantee = :r AND table_schema = 'public'"
                ),
                {"r": role},
            ).all()
    finally:
        eng.dispose()
    granted: dict[str, set[str]] = {}
    for table, privilege in rows:
        granted.setdefault(table, set()).add(privilege)
    return granted


@pytest.mark.pg
def test_the_app_role_is_granted_what_the_app_needs_and_nothing_more(
    roles: Roles, pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _granted(roles, capsys)
    expected = {t: set(p) for t, p in access.table_privileges().items()}
    assert _privileges(pg_url, roles.app_role) == expected
    for table in APPEND_ONLY_TABLES:
        assert expected[table] == {"SELECT", "INSERT"}
    assert "db_app_roles" not in expected and expected["alembic_version"] == {"SELECT"}
    # Idempotent, and a privilege given by hand on the side is taken back.
    eng = make_engine(roles.owner)
    with eng.begin() as conn:
        conn.execute(text(f"GRANT TRUNCATE, TRIGGER ON audit_events TO {roles.app_role}"))
    eng.dispose()
    code, out, _ = run(capsys, "--db", roles.owner, "db", "grant", roles.app_role, "--json")
    assert code == 0 and json.loads(out)["tables"]["stock_moves"] == ["SELECT", "INSERT"]
    assert _privileges(pg_url, roles.app_role) == expected
    code, out, _ = run(capsys, "--db", roles.owner, "db", "roles", "--json")
    listed = json.loads(out)
    assert listed["owner"] == roles.owner_role
    assert [r["role"] for r in listed["app_roles"]] == [roles.app_role]
    assert listed["app_roles"][0]["granted_by"] == roles.owner_role


@pytest.mark.pg
def test_the_app_role_cannot_truncate_alter_drop_or_switch_triggers_off(
    roles: Roles, pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _granted(roles, capsys)
    app = open_database(roles.app)
    ledger = _seed(app)  # the app's role writes the ledger as the app does
    try:
        denied = "permission denied|must be owner"
        statements = (
            [f"ALTER TABLE {t} DISABLE TRIGGER ALL" for t in APPEND_ONLY_TABLES]
            + [f"ALTER TABLE {t} DISABLE TRIGGER {t}_append_only" for t in APPEND_ONLY_TABLES]
            + [f"DROP TRIGGER {t}_no_truncate ON {t}" for t in APPEND_ONLY_TABLES]
            + [f"TRUNCATE {t}" for t in APPEND_ONLY_TABLES]
            + [f"DROP TABLE {t} CASCADE" for t in APPEND_ONLY_TABLES]
            + [
                # No UPDATE or DELETE privilege on the append-only tables at all.
                "UPDATE stock_moves SET qty = 50",
                "DELETE FROM audit_events",
                f"INSERT INTO audit_events {_audit(ledger)} "
                "ON CONFLICT (id) DO UPDATE SET actor = excluded.actor",
                # Nor on the tables the app reads and writes, beyond rows.
                "TRUNCATE orders CASCADE",
                "TRUNCATE lots CASCADE",
                "ALTER TABLE orders OWNER TO CURRENT_USER",
                "DROP FUNCTION audit_events_append_only() CASCADE",
                "CREATE TRIGGER mallory BEFORE INSERT ON audit_events "
                "FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()",
                "CREATE TABLE mallory (id int)",
                "UPDATE alembic_version SET version_num = '0001'",
                "SELECT * FROM db_app_roles",
                "SET session_replication_role = replica",
            ]
        )
        before = _snapshot(app)
        for statement in statements:
            with pytest.raises(DBAPIError, match=denied), app.begin() as conn:
                conn.execute(text(statement))
        assert _snapshot(app) == before
        # A GRANT without the grant option is only a warning: nothing is granted.
        privileges = _privileges(pg_url, roles.app_role)
        with app.begin() as conn:
            conn.execute(text(f"GRANT ALL ON stock_moves, orders TO {roles.app_role}"))
        assert _privileges(pg_url, roles.app_role) == privileges
        _still_appends(app, ledger)
    finally:
        app.dispose()


ORDERS = (
    "order_no,shop,ordered_at,paid,buyer_name,phone,province,city,district,address,sku,qty\n"
    "TB100,天猫旗舰店,2026-11-20 10:00,yes,张伟,13812345678,广东省,深圳市,南山区,深南大道1号,"
    "CUP-500,2\n"
)


@pytest.mark.pg
def test_the_floor_works_as_the_app_role(
    roles: Roles, tmp_path: Path, capsys: pytest.CaptureFixture[str], packer: Actor
) -> None:
    _granted(roles, capsys)
    for kind, body in (("skus", SKUS), ("stock", STOCK), ("orders", ORDERS)):
        path = tmp_path / f"{kind}.csv"
        path.write_text(body, encoding="utf-8")
        code, out, err = run(capsys, "--db", roles.app, "import", kind, str(path), "--json")
        assert code == 0, err
        assert json.loads(out)["errors"] == []
    code, out, err = run(capsys, "--db", roles.app, "review", "--json")
    assert code == 0 and json.loads(out)["reviewed"] == 1, err
    code, out, err = run(capsys, "--db", roles.app, "wave", "create", "--json")
    assert code == 0, err
    wave = json.loads(out)["code"]
    code, _, err = run(capsys, "--db", roles.app, "wave", "confirm", wave)
    assert code == 0, err
    code, _, err = run(
        capsys, "--db", roles.app, "user", "add", "lilei", "--role", "packer", stdin="4321\n"
    )
    assert code == 0, err

    app = open_database(roles.app)
    try:
        uow = lambda: UnitOfWork(app)  # noqa: E731
        packing.open_order(uow(), packer, "TB100", "PACK-01", now=T0)
        scan = packing.scan_item(uow(), packer, "TB100", "PACK-01", CUP, now=T0)
        assert scan.accepted and scan.seq == 1
        with app.connect() as conn:
            counts = {
                t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar()
                for t in APPEND_ONLY_TABLES
            }
            actions = set(conn.execute(text("SELECT action FROM audit_events")).scalars())
        assert counts["pack_events"] == 1 and counts["stock_moves"] >= 2
        assert {"order.packing", "user.added", "wave.created"} <= actions
        assert verify_ledger(uow()) == []
    finally:
        app.dispose()


@pytest.mark.pg
def test_a_forgotten_grant_or_migration_is_said_not_thrown(
    roles: Roles, pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--db", roles.owner, "db", "upgrade")
    assert code == 0, err
    # Not granted yet: the app's role may not even read the revision.
    code, _, err = run(capsys, "--db", roles.app, "orders", "list")
    assert code == 1 and "Traceback" not in err
    assert f"{roles.app_role} may not read the database" in err
    assert "must grant" in err
    _granted(roles, capsys)
    # A table the role lacks (as after a migration that added one) is denied, never open ...
    eng = make_engine(roles.owner)
    with eng.begin() as conn:
        conn.execute(text(f"REVOKE ALL ON orders FROM {roles.app_role}"))
    eng.dispose()
    app = open_database(roles.app)
    with pytest.raises(ProgrammingError, match="permission denied"), app.connect() as conn:
        conn.execute(text("SELECT count(*) FROM orders"))
    # ... until the owner's `db upgrade` grants the recorded roles the schema as it is.
    code, out, _ = run(capsys, "--db", roles.owner, "db", "upgrade")
    assert code == 0 and f"{roles.app_role}: the application's privileges granted again" in out
    with app.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM orders")).scalar() == 0
    app.dispose()
    # The owner migrates; the app's role is told so instead of half-migrating.
    from alembic import command

    eng = make_engine(roles.owner)
    command.downgrade(alembic_config(eng), "0007")
    code, _, err = run(capsys, "--db", roles.app, "orders", "list")
    assert code == 1 and "Traceback" not in err
    assert "is at revision 0007 and this Packdesk needs 0010" in err
    assert f"{roles.app_role} does not own its tables, so the owner must migrate it first" in err
    assert current_revision(eng) == "0007"
    code, _, err = run(capsys, "--db", roles.app, "db", "upgrade")
    assert code == 1 and current_revision(eng) == "0007"
    eng.dispose()


@pytest.mark.pg
def test_roles_the_split_would_not_protect_are_refused(
    roles: Roles, pg_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = run(capsys, "--db", roles.owner, "db", "upgrade")
    assert code == 0, err
    superuser = make_engine(pg_url)
    with superuser.connect() as conn:
        su = str(conn.execute(text("SELECT current_user")).scalar())
    superuser.dispose()
    member = _role_name(pg_url, "member")
    eng = make_engine(pg_url)
    with eng.begin() as conn:
        conn.execute(text(f"DROP ROLE IF EXISTS {member}"))
        conn.execute(text(f"CREATE ROLE {member} LOGIN IN ROLE {roles.owner_role}"))
    try:
        for role, said in (
            (su, f"the role {su} is a superuser"),
            (roles.owner_role, f"the role {roles.owner_role} owns"),
            (member, f"the role {member} owns"),  # may SET ROLE to the owner
            ("pdk11a_nobody", "the database server has no role named pdk11a_nobody"),
        ):
            code, _, err = run(capsys, "--db", roles.owner, "db", "grant", role)
            assert code == 1 and said in err and "Traceback" not in err, err
        # Only the owner grants; the app's role cannot grant itself more.
        code, _, err = run(capsys, "--db", roles.app, "db", "grant", roles.app_role)
        assert code == 1 and "Traceback" not in err
        _granted(roles, capsys)
        code, _, err = run(capsys, "--db", roles.app, "db", "grant", roles.app_role)
        assert code == 1
        assert f"{roles.app_role} does not own the tables of" in err
        assert f"only their owner {roles.owner_role} may grant" in err
        # In the reader's language.
        monkeypatch.setenv("LANG", "zh_CN.UTF-8")
        code, _, err = run(capsys, "--db", roles.app, "db", "grant", roles.app_role)
        assert code == 1 and roles.owner_role in err and "does not own" not in err
        monkeypatch.setenv("LANG", "C.UTF-8")
        # Revoked: nothing left, and no later migration grants it again.
        code, _, _ = run(capsys, "--db", roles.owner, "db", "revoke", roles.app_role)
        assert code == 0
        assert _privileges(pg_url, roles.app_role) == {}
        code, out, _ = run(capsys, "--db", roles.owner, "db", "roles", "--json")
        assert json.loads(out)["app_roles"] == []
    finally:
        with eng.begin() as conn:
            conn.execute(text(f"DROP OWNED BY {member}"))
            conn.execute(text(f"DROP ROLE {member}"))
        eng.dispose()
