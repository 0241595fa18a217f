"""The schema: migrations equal the models, the ledger and audit are append-only, the CHECKs
that stop overselling hold — on SQLite, and on PostgreSQL when PACKDESK_TEST_PG_URL is set."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from app.db.models import Base
from app.db.uow import UnitOfWork
from tests.factories import add_order, add_pack_event, add_sku, receive


def _schema_diff(engine: Engine) -> list[object]:
    with engine.connect() as conn:
        return list(compare_metadata(MigrationContext.configure(conn), Base.metadata))


def test_migrations_match_the_models(engine: Engine) -> None:
    assert _schema_diff(engine) == []


def test_sqlite_runs_with_wal_and_foreign_keys(engine: Engine) -> None:
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def _ledger_is_append_only(engine: Engine) -> None:
    uow = lambda: UnitOfWork(engine)  # noqa: E731
    add_sku(uow, "CUP")
    receive(uow, "CUP", 5)
    for statement in ("UPDATE stock_moves SET qty = 50", "DELETE FROM stock_moves"):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(text(statement))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT sum(qty) FROM stock_moves")).scalar() == 5
    # The pack station's event log, its truth after a crash, is append-only too.
    add_pack_event(uow, add_order(uow, "TB-PACK", [("CUP", 1)], status="packing"))
    for statement in ("UPDATE pack_events SET seq = 7", "DELETE FROM pack_events"):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(text(statement))


def _allocated_never_exceeds_on_hand(engine: Engine) -> None:
    uow = lambda: UnitOfWork(engine)  # noqa: E731
    add_sku(uow, "MUG")
    lot_id = receive(uow, "MUG", 3, lot="L9")
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(text("UPDATE lots SET allocated = 4 WHERE id = :id"), {"id": lot_id})
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(text("UPDATE lots SET on_hand = -1 WHERE id = :id"), {"id": lot_id})


def test_ledger_is_append_only_sqlite(engine: Engine) -> None:
    _ledger_is_append_only(engine)


def test_allocated_never_exceeds_on_hand_sqlite(engine: Engine) -> None:
    _allocated_never_exceeds_on_hand(engine)


@pytest.mark.pg
def test_postgresql_schema_and_rules(pg_engine: Engine) -> None:
    assert _schema_diff(pg_engine) == []
    _ledger_is_append_only(pg_engine)
    _allocated_never_exceeds_on_hand(pg_engine)
