"""Profiles: which role attributes their owner shows to others

Existing profiles get their role's defaults as of this revision (a comp card's: a model
shows everything but tattoos, a photographer everything), which show nothing the search
documents did not already hold: those carried experience, TFP and a studio's name.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here: later changes to the defaults apply to new profiles only.
DEFAULTS = {
    "model": [
        "experience",
        "height_cm",
        "measurements",
        "hair_colour",
        "eye_colour",
        "open_to_tfp",
    ],
    "photographer": ["experience", "years_active", "gear", "studio", "open_to_tfp"],
}


def upgrade() -> None:
    op.add_column(
        "profiles",
        sa.Column(
            "public_attributes",
            postgresql.ARRAY(sa.String(length=40)),
            server_default="{}",
            nullable=False,
        ),
    )
    for role, names in DEFAULTS.items():
        op.execute(
            sa.text(
                "UPDATE profiles SET public_attributes = :names"
                " FROM users WHERE users.uid = profiles.user_uid AND users.role = :role"
            ).bindparams(
                sa.bindparam("names", names, type_=postgresql.ARRAY(sa.String(40))), role=role
            )
        )


def downgrade() -> None:
    op.drop_column("profiles", "public_attributes")
