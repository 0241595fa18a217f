"""the change log numbered at commit: its lock held while committing, not while working

Until now the change-log triggers (0014) took the log's advisory lock at a transaction's first
change to a replicated row and held it until the commit, so that numbers follow commit order:
every other transaction changing such a row waited meanwhile — the central apply of a chunk of
station events, a supervisor's review, a second applier.  Now the statement-level triggers only
note the changed rows' keys in ``change_log_pending``; a deferred constraint trigger on that
table runs once at the commit, takes the lock, moves the transaction's notes into
``change_log`` (numbered there, in commit order as before) and NOTIFYs ``packdesk_changes``.
A DELETE of the pending notes sees only the transaction's own: another's are not committed.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 18:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The change log's pg_advisory_xact_lock key (0014's).
LOCK = 74_657_312

NOTE_CHANGES = """
CREATE OR REPLACE FUNCTION packdesk_log_changes() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO change_log_pending (table_name, row_keys)
        SELECT TG_TABLE_NAME, json_agg(to_jsonb(o) ->> TG_ARGV[0]) FROM old_rows o
        HAVING count(*) > 0;
    ELSE
        INSERT INTO change_log_pending (table_name, row_keys)
        SELECT TG_TABLE_NAME, json_agg(to_jsonb(n) ->> TG_ARGV[0]) FROM new_rows n
        HAVING count(*) > 0;
    END IF;
    RETURN NULL;
END
$$
"""

NUMBER_CHANGES = """
CREATE OR REPLACE FUNCTION packdesk_number_changes() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- Fires at the commit once per note: the first moves them all.
    IF current_setting('packdesk.changes_numbered', true) = 'y' THEN
        RETURN NULL;
    END IF;
    PERFORM set_config('packdesk.changes_numbered', 'y', true);
    PERFORM pg_advisory_xact_lock(LOCK);
    WITH moved AS (
        DELETE FROM change_log_pending RETURNING id, table_name, row_keys
    )
    INSERT INTO change_log (table_name, row_key)
    SELECT m.table_name, k.value
    FROM moved m, json_array_elements_text(m.row_keys) WITH ORDINALITY AS k(value, n)
    ORDER BY m.id, k.n;
    -- Online stations listen: they pull at once instead of at their next poll.
    PERFORM pg_notify('packdesk_changes', '');
    RETURN NULL;
END
$$
""".replace("LOCK", str(LOCK))


def upgrade() -> None:
    op.create_table(
        "change_log_pending",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("row_keys", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_log_pending")),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(NUMBER_CHANGES)
        op.execute(
            "CREATE CONSTRAINT TRIGGER number_pending_changes AFTER INSERT "
            "ON change_log_pending DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
            "EXECUTE FUNCTION packdesk_number_changes()"
        )
        op.execute("ALTER TABLE change_log_pending ENABLE ALWAYS TRIGGER number_pending_changes")
        op.execute(NOTE_CHANGES)


#: 0014's trigger function, for the downgrade.
LOCK_WHILE_WORKING = """
CREATE OR REPLACE FUNCTION packdesk_log_changes() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(LOCK);
    IF TG_OP = 'DELETE' THEN
        INSERT INTO change_log (table_name, row_key)
        SELECT TG_TABLE_NAME, to_jsonb(o) ->> TG_ARGV[0] FROM old_rows o;
    ELSE
        INSERT INTO change_log (table_name, row_key)
        SELECT TG_TABLE_NAME, to_jsonb(n) ->> TG_ARGV[0] FROM new_rows n;
    END IF;
    PERFORM pg_notify('packdesk_changes', '');
    RETURN NULL;
END
$$
""".replace("LOCK", str(LOCK))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(LOCK_WHILE_WORKING)
        op.execute("DROP TRIGGER IF EXISTS number_pending_changes ON change_log_pending")
        op.execute("DROP FUNCTION IF EXISTS packdesk_number_changes()")
    op.drop_table("change_log_pending")
