"""Outbox: a partial index on dead events, for operators' counts and replays

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 13:34:09.004684
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_outbox_dead",
        "outbox",
        ["id"],
        unique=False,
        postgresql_where=sa.text("dead_at IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index(
        "ix_outbox_dead", table_name="outbox", postgresql_where=sa.text("dead_at IS NOT NULL")
    )
