"""Profile specialties: the order their owner chose

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Existing choices had no order: they keep the alphabetical one they were shown in.
    op.add_column(
        "profile_specialties",
        sa.Column("position", sa.Integer(), server_default="0", nullable=False),
    )
    op.execute(
        "UPDATE profile_specialties AS s SET position = ranked.position FROM ("
        " SELECT profile_id, specialty_slug,"
        " row_number() OVER (PARTITION BY profile_id ORDER BY specialty_slug) - 1 AS position"
        " FROM profile_specialties) AS ranked"
        " WHERE s.profile_id = ranked.profile_id AND s.specialty_slug = ranked.specialty_slug"
    )


def downgrade() -> None:
    op.drop_column("profile_specialties", "position")
