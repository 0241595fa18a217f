"""shipped export marks, shops' export columns, carrier choice rules

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 13:40:00.000000

Adds ``parcels.exported_at`` (the parcel's tracking number went back to the shop),
``shop_settings.export_columns`` (the shop's upload template) and the ``carrier_rules`` table.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "carrier_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("shop", sa.String(length=64), server_default="", nullable=False),
        sa.Column("province", sa.String(length=64), server_default="", nullable=False),
        sa.Column("min_g", sa.Integer(), nullable=True),
        sa.Column("max_g", sa.Integer(), nullable=True),
        sa.Column("fragile", sa.Boolean(), nullable=True),
        sa.Column("carrier", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_carrier_rules")),
        sa.UniqueConstraint("position", name=op.f("uq_carrier_rules_position")),
    )
    with op.batch_alter_table("parcels", schema=None) as batch_op:
        batch_op.add_column(sa.Column("exported_at", sa.DateTime(), nullable=True))

    with op.batch_alter_table("shop_settings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("export_columns", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("shop_settings", schema=None) as batch_op:
        batch_op.drop_column("export_columns")

    with op.batch_alter_table("parcels", schema=None) as batch_op:
        batch_op.drop_column("exported_at")

    op.drop_table("carrier_rules")
