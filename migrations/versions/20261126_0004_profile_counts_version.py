"""Profiles: a version of their own for the follow counters

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 16:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "profiles",
        sa.Column("counts_version", sa.Integer(), server_default="0", nullable=False),
    )


def downgrade() -> None:
    # Folded back into the one version, so that document versions never go backwards.
    op.execute("UPDATE profiles SET version = version + counts_version")
    op.drop_column("profiles", "counts_version")
