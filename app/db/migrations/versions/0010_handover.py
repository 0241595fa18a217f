"""handover batches and their scans

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 13:20:00

A courier pickup of one carrier is a handover batch (``handover_batches``: code HO000001,
carrier, started and closed by whom and when, the count); each parcel scanned into it is a
``handover_scans`` row, unique per parcel: a parcel is handed over at most once.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "handover_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("carrier", sa.String(length=16), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("started_by", sa.String(length=64), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("closed_by", sa.String(length=64), nullable=True),
        sa.Column("count", sa.Integer(), nullable=True),
        sa.CheckConstraint("count >= 0", name=op.f("ck_handover_batches_count_nonneg")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handover_batches")),
        sa.UniqueConstraint("code", name=op.f("uq_handover_batches_code")),
    )
    with op.batch_alter_table("handover_batches", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_handover_batches_carrier"), ["carrier"], unique=False)

    op.create_table(
        "handover_scans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("parcel_id", sa.Integer(), nullable=False),
        sa.Column("tracking_no", sa.String(length=64), nullable=False),
        sa.Column("scanned_at", sa.DateTime(), nullable=False),
        sa.Column("scanned_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["handover_batches.id"],
            name=op.f("fk_handover_scans_batch_id_handover_batches"),
        ),
        sa.ForeignKeyConstraint(
            ["parcel_id"], ["parcels.id"], name=op.f("fk_handover_scans_parcel_id_parcels")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handover_scans")),
        sa.UniqueConstraint("parcel_id", name=op.f("uq_handover_scans_parcel_id")),
    )
    with op.batch_alter_table("handover_scans", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_handover_scans_batch_id"), ["batch_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("handover_scans", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_handover_scans_batch_id"))
    op.drop_table("handover_scans")
    with op.batch_alter_table("handover_batches", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_handover_batches_carrier"))
    op.drop_table("handover_batches")
