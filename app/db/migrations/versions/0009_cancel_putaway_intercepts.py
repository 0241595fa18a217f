"""cancel at every stage: put-away tasks, voided tracking numbers, intercepts

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 13:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "putaway_tasks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("lot_id", sa.Integer(), nullable=False),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("units_at", sa.String(length=64), server_default="", nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("done_by", sa.String(length=64), nullable=True),
        sa.CheckConstraint("qty > 0", name=op.f("ck_putaway_tasks_qty_positive")),
        sa.ForeignKeyConstraint(["lot_id"], ["lots.id"], name=op.f("fk_putaway_tasks_lot_id_lots")),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_putaway_tasks_order_id_orders")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_putaway_tasks")),
    )
    with op.batch_alter_table("putaway_tasks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_putaway_tasks_lot_id"), ["lot_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_putaway_tasks_order_id"), ["order_id"], unique=False)
        batch_op.create_index("ix_putaway_tasks_status_id", ["status", "id"], unique=False)

    op.create_table(
        "voided_tracking_numbers",
        sa.Column("tracking_no", sa.String(length=64), nullable=False),
        sa.Column("carrier", sa.String(length=16), nullable=True),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("parcel_no", sa.Integer(), nullable=False),
        sa.Column("voided_at", sa.DateTime(), nullable=False),
        sa.Column("voided_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_voided_tracking_numbers_order_id_orders")
        ),
        sa.PrimaryKeyConstraint("tracking_no", name=op.f("pk_voided_tracking_numbers")),
    )
    with op.batch_alter_table("voided_tracking_numbers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_voided_tracking_numbers_order_id"), ["order_id"], unique=False
        )

    op.create_table(
        "intercepts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("parcel_id", sa.Integer(), nullable=True),
        sa.Column("parcel_no", sa.Integer(), nullable=True),
        sa.Column("tracking_no", sa.String(length=64), nullable=True),
        sa.Column("carrier", sa.String(length=16), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("closed_by", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_intercepts_order_id_orders")
        ),
        sa.ForeignKeyConstraint(
            ["parcel_id"], ["parcels.id"], name=op.f("fk_intercepts_parcel_id_parcels")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intercepts")),
    )
    with op.batch_alter_table("intercepts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_intercepts_order_id"), ["order_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_intercepts_tracking_no"), ["tracking_no"], unique=False
        )
        batch_op.create_index("ix_intercepts_status_id", ["status", "id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("intercepts", schema=None) as batch_op:
        batch_op.drop_index("ix_intercepts_status_id")
        batch_op.drop_index(batch_op.f("ix_intercepts_tracking_no"))
        batch_op.drop_index(batch_op.f("ix_intercepts_order_id"))
    op.drop_table("intercepts")

    with op.batch_alter_table("voided_tracking_numbers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_voided_tracking_numbers_order_id"))
    op.drop_table("voided_tracking_numbers")

    with op.batch_alter_table("putaway_tasks", schema=None) as batch_op:
        batch_op.drop_index("ix_putaway_tasks_status_id")
        batch_op.drop_index(batch_op.f("ix_putaway_tasks_order_id"))
        batch_op.drop_index(batch_op.f("ix_putaway_tasks_lot_id"))
    op.drop_table("putaway_tasks")
