"""stock counts: counts, their locations by round, the counted lines; a SKU's unit cost

``stock_counts`` (a count: its scope, status and recount threshold), ``count_locations`` (a
location of a count in a round — 1 the count, 2… recounts — with its counter and when it was
started and done) and ``count_lines`` (a SKU and lot of a counted location: on hand when the
location was started and when it was done, and what was counted).  Stations replicate the
three (change-log triggers as in 0014).  ``skus.unit_cost_fen``: a variance's value.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03 18:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REPLICATED = ("stock_counts", "count_locations", "count_lines")


def upgrade() -> None:
    with op.batch_alter_table("skus") as batch:
        batch.add_column(
            sa.Column("unit_cost_fen", sa.Integer(), server_default="0", nullable=False)
        )
    op.create_table(
        "stock_counts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("scope", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("recount_units", sa.Integer(), nullable=False),
        sa.Column("recount_value_fen", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.Column("approved_by", sa.String(length=64), nullable=True),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("recount_units >= 0", name=op.f("ck_stock_counts_recount_units_nonneg")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_counts")),
        sa.UniqueConstraint("code", name=op.f("uq_stock_counts_code")),
    )
    op.create_index(op.f("ix_stock_counts_status"), "stock_counts", ["status"], unique=False)
    op.create_table(
        "count_locations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("count_id", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("counter", sa.String(length=64), nullable=True),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["count_id"], ["stock_counts.id"], name=op.f("fk_count_locations_count_id_stock_counts")
        ),
        sa.ForeignKeyConstraint(
            ["location_id"], ["locations.id"], name=op.f("fk_count_locations_location_id_locations")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_count_locations")),
        sa.UniqueConstraint("count_id", "location_id", "round", name="uq_count_locations_round"),
    )
    op.create_index(
        op.f("ix_count_locations_count_id"), "count_locations", ["count_id"], unique=False
    )
    op.create_index(
        op.f("ix_count_locations_location_id"), "count_locations", ["location_id"], unique=False
    )
    op.create_table(
        "count_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("count_location_id", sa.Integer(), nullable=False),
        sa.Column("sku_id", sa.Integer(), nullable=False),
        sa.Column("lot_id", sa.Integer(), nullable=True),
        sa.Column("lot_code", sa.String(length=64), nullable=False),
        sa.Column("at_start", sa.Integer(), nullable=True),
        sa.Column("expected", sa.Integer(), nullable=True),
        sa.Column("counted", sa.Integer(), nullable=False),
        sa.Column("counted_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("counted >= 0", name=op.f("ck_count_lines_counted_nonneg")),
        sa.ForeignKeyConstraint(
            ["count_location_id"],
            ["count_locations.id"],
            name=op.f("fk_count_lines_count_location_id_count_locations"),
        ),
        sa.ForeignKeyConstraint(["lot_id"], ["lots.id"], name=op.f("fk_count_lines_lot_id_lots")),
        sa.ForeignKeyConstraint(["sku_id"], ["skus.id"], name=op.f("fk_count_lines_sku_id_skus")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_count_lines")),
        sa.UniqueConstraint("count_location_id", "sku_id", "lot_code", name="uq_count_lines_lot"),
    )
    op.create_index(
        op.f("ix_count_lines_count_location_id"),
        "count_lines",
        ["count_location_id"],
        unique=False,
    )
    if op.get_bind().dialect.name == "postgresql":
        for table in REPLICATED:
            for event, rows in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
                name = f"{table}_log_{event.lower()}"
                alias = "new_rows" if rows == "NEW" else "old_rows"
                op.execute(
                    f"CREATE TRIGGER {name} AFTER {event} ON {table} "
                    f"REFERENCING {rows} TABLE AS {alias} FOR EACH STATEMENT "
                    f"EXECUTE FUNCTION packdesk_log_changes('id')"
                )
                op.execute(f"ALTER TABLE {table} ENABLE ALWAYS TRIGGER {name}")


def downgrade() -> None:
    op.drop_index(op.f("ix_count_lines_count_location_id"), table_name="count_lines")
    op.drop_table("count_lines")
    op.drop_index(op.f("ix_count_locations_location_id"), table_name="count_locations")
    op.drop_index(op.f("ix_count_locations_count_id"), table_name="count_locations")
    op.drop_table("count_locations")
    op.drop_index(op.f("ix_stock_counts_status"), table_name="stock_counts")
    op.drop_table("stock_counts")
    # Not a batch (SQLite would copy skus into a new table, which the lots referencing it
    # refuse): SQLite 3.35 and later drop a plain column in place.
    op.execute("ALTER TABLE skus DROP COLUMN unit_cost_fen")
