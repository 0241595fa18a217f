"""stations and the central database: the station's outbox, the central inbox and change log

A station's own database has ``sync_station`` (which station, the central URL, the watermark)
and ``outbox`` (its events, written with each action).  The central PostgreSQL database has
``stations``, ``sync_inbox`` (every event pushed, applied or rejected) and ``change_log``: every
insert, update or delete of a row stations replicate gets the next sequence number, written by
statement-level triggers.  The triggers first take one transaction-level advisory lock, so that
numbers are handed out in commit order and a station pulling "what is newer than N" never skips
a change committed late; and they NOTIFY ``packdesk_changes`` (delivered at commit), which wakes
the stations that listen.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 16:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Tables stations replicate, with their key column (app.sync.replica.REPLICATED says the same;
#: a test compares them).
REPLICATED = {
    "users": "id",
    "shop_settings": "shop",
    "skus": "id",
    "barcodes": "id",
    "locations": "id",
    "lots": "id",
    "carrier_rules": "id",
    "custom_carriers": "code",
    "orders": "id",
    "order_lines": "id",
    "order_inserts": "id",
    "waves": "id",
    "wave_orders": "id",
    "pick_tasks": "id",
    "putaway_tasks": "id",
    "voided_tracking_numbers": "tracking_no",
    "parcels": "id",
    "intercepts": "id",
}
#: pg_advisory_xact_lock key of the change log (hashtext('packdesk.change_log') would do; a
#: constant is plainer to find in pg_locks).
LOCK = 74_657_312

FUNCTION = """
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
    -- Online stations listen: they pull at once instead of at their next poll.
    PERFORM pg_notify('packdesk_changes', '');
    RETURN NULL;
END
$$
""".replace("LOCK", str(LOCK))


def upgrade() -> None:
    op.create_table(
        "sync_station",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("central_url", sa.Text(), nullable=False),
        sa.Column("id_base", sa.BigInteger(), nullable=False),
        sa.Column("watermark", sa.BigInteger(), nullable=False),
        sa.Column("initialised_at", sa.DateTime(), nullable=False),
        sa.Column("last_push_at", sa.DateTime(), nullable=True),
        sa.Column("last_pull_at", sa.DateTime(), nullable=True),
        sa.Column("last_contact_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_station")),
        sa.UniqueConstraint("name", name=op.f("uq_sync_station_name")),
    )
    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.JSON(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_by", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_outbox")),
        sa.UniqueConstraint("event_id", name=op.f("uq_outbox_event_id")),
    )
    op.create_index("ix_outbox_status_seq", "outbox", ["status", "seq"], unique=False)
    op.create_table(
        "stations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("registered_at", sa.DateTime(), nullable=False),
        sa.Column("registered_by", sa.String(length=64), nullable=False),
        sa.Column("last_contact_at", sa.DateTime(), nullable=True),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("pending", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stations")),
        sa.UniqueConstraint("name", name=op.f("uq_stations_name")),
    )
    op.create_table(
        "sync_inbox",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("station", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("result", sa.String(length=16), nullable=True),
        sa.Column("reason", sa.JSON(), nullable=True),
        sa.Column("applied_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_sync_inbox")),
        sa.UniqueConstraint("station", "seq", name="uq_sync_inbox_station_seq"),
    )
    op.create_index(
        "ix_sync_inbox_unapplied", "sync_inbox", ["result", "station", "seq"], unique=False
    )
    op.create_table(
        "change_log",
        sa.Column(
            "seq",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("row_key", sa.String(length=128), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_change_log")),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(FUNCTION)
        for table, key in REPLICATED.items():
            for event, rows in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
                name = f"{table}_log_{event.lower()}"
                alias = "new_rows" if rows == "NEW" else "old_rows"
                op.execute(
                    f"CREATE TRIGGER {name} AFTER {event} ON {table} "
                    f"REFERENCING {rows} TABLE AS {alias} FOR EACH STATEMENT "
                    f"EXECUTE FUNCTION packdesk_log_changes('{key}')"
                )
                op.execute(f"ALTER TABLE {table} ENABLE ALWAYS TRIGGER {name}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in REPLICATED:
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_log_{event} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS packdesk_log_changes()")
    op.drop_table("change_log")
    op.drop_index("ix_sync_inbox_unapplied", table_name="sync_inbox")
    op.drop_table("sync_inbox")
    op.drop_table("stations")
    op.drop_index("ix_outbox_status_seq", table_name="outbox")
    op.drop_table("outbox")
    op.drop_table("sync_station")
