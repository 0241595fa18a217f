"""append-only tables closed against REPLACE and TRUNCATE; the roles given app privileges

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 09:00:00

The stock ledger (``stock_moves``), the audit trail (``audit_events``) and the pack check's
events (``pack_events``) already refused UPDATE and DELETE by triggers (0001, 0005).  Two ways
round them remained:

* SQLite: ``REPLACE INTO`` / ``INSERT OR REPLACE`` on an existing id (or, for ``pack_events``,
  an existing (order, seq)) deletes the old row as part of the insert, and that implicit delete
  fires no DELETE trigger.  A BEFORE INSERT trigger now refuses a row whose id or unique key is
  already there, so the row is never replaced.  (An UPSERT's ``DO UPDATE`` already met the
  UPDATE trigger; it now meets the INSERT trigger first.)
* PostgreSQL: ``TRUNCATE`` fires no row trigger.  A BEFORE TRUNCATE statement trigger now
  refuses it (also when a ``TRUNCATE … CASCADE`` of another table reaches these).  All the
  append-only triggers fire ``ALWAYS``: also in a session with ``session_replication_role =
  replica``, the usual way to silence triggers without touching them.

The table's owner can still ``ALTER TABLE … DISABLE TRIGGER`` or drop it: the application
connects as a role that owns nothing (``packdesk db grant ROLE``, app/db/access.py), and the
roles granted are kept in ``db_app_roles`` so that every later migration grants them its new
tables.  On SQLite nobody has a role; the station's file is protected by the file system.

A later migration that rebuilds one of these tables on SQLite (batch "move and copy") drops
its triggers with it and must create them again; tests/integration/test_append_only.py tries
every rewrite at the newest revision, on both engines.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The append-only tables and the columns of each unique key an INSERT OR REPLACE could hit.
#: (At this revision; app.db.models.APPEND_ONLY_TABLES names the same tables.)
UNIQUE_KEYS: dict[str, tuple[tuple[str, ...], ...]] = {
    "stock_moves": (("id",),),
    "audit_events": (("id",),),
    "pack_events": (("id",), ("order_id", "seq")),
}


def upgrade() -> None:
    op.create_table(
        "db_app_roles",
        sa.Column("role", sa.String(length=63), nullable=False),
        sa.Column("granted_at", sa.DateTime(), nullable=False),
        sa.Column("granted_by", sa.String(length=63), nullable=False),
        sa.PrimaryKeyConstraint("role", name=op.f("pk_db_app_roles")),
    )
    dialect = op.get_bind().dialect.name
    for table, keys in UNIQUE_KEYS.items():
        if dialect == "sqlite":
            # Names from UNIQUE_KEYS above, never from input.
            exists = " OR ".join(
                f"EXISTS (SELECT 1 FROM {table} WHERE "  # noqa: S608
                + " AND ".join(f"{column} = NEW.{column}" for column in key)
                + ")"
                for key in keys
            )
            op.execute(
                f"CREATE TRIGGER {table}_no_replace BEFORE INSERT ON {table} WHEN {exists} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )
        elif dialect == "postgresql":
            # The function of 0001/0005 raises "<table> is append-only"; it serves a
            # statement-level trigger as well.
            op.execute(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {table}_append_only()"
            )
            for trigger in (f"{table}_append_only", f"{table}_no_truncate"):
                op.execute(f"ALTER TABLE {table} ENABLE ALWAYS TRIGGER {trigger}")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in UNIQUE_KEYS:
        if dialect == "sqlite":
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_replace")
        elif dialect == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
            op.execute(f"ALTER TABLE {table} ENABLE TRIGGER {table}_append_only")
    op.drop_table("db_app_roles")
