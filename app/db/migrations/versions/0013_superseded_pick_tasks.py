"""pick tasks of lines the platform replaced after allocation (换货): their line is gone

A task's order line may now be empty: the order's lines were replaced and the order went back
to review; the task stays as history (what was picked, what was put away), counted by nothing.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 15:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("pick_tasks", schema=None) as batch_op:
        batch_op.alter_column("order_line_id", existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    # A superseded task has no line to go back to: it is left out of the older schema.
    op.execute("DELETE FROM pick_tasks WHERE order_line_id IS NULL")
    with op.batch_alter_table("pick_tasks", schema=None) as batch_op:
        batch_op.alter_column("order_line_id", existing_type=sa.Integer(), nullable=False)
