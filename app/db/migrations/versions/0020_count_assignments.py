"""a count's locations assigned to counters

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-03 19:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("count_locations") as batch:
        batch.add_column(sa.Column("assigned_to", sa.String(length=64), nullable=True))


def downgrade() -> None:
    # In place (SQLite 3.35+): a batch would copy a table that count lines reference.
    op.execute("ALTER TABLE count_locations DROP COLUMN assigned_to")
