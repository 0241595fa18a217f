"""a lot set aside by a short pick until the spot count of its location is approved

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03 18:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("lots") as batch:
        batch.add_column(sa.Column("set_aside", sa.Boolean(), server_default="0", nullable=False))


def downgrade() -> None:
    # In place (SQLite 3.35+): a batch would copy lots, which pick tasks and moves reference.
    op.execute("ALTER TABLE lots DROP COLUMN set_aside")
