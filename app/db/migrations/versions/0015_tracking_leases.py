"""waybill number leases: a block of a carrier's pool numbers leased to a station

A station prints waybills offline from numbers the central database leased to it
(``leased_to``, ``leased_at``); the central database's own pack path skips them.  The free-number
index now also covers ``leased_to``: "free numbers of carrier X not leased", oldest first.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("tracking_pool", schema=None) as batch_op:
        batch_op.add_column(sa.Column("leased_to", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("leased_at", sa.DateTime(), nullable=True))
        batch_op.drop_index("ix_tracking_pool_free")
        batch_op.create_index(
            "ix_tracking_pool_free", ["carrier", "parcel_id", "leased_to", "id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("tracking_pool", schema=None) as batch_op:
        batch_op.drop_index("ix_tracking_pool_free")
        batch_op.create_index("ix_tracking_pool_free", ["carrier", "parcel_id", "id"], unique=False)
        batch_op.drop_column("leased_at")
        batch_op.drop_column("leased_to")
