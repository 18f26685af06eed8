"""The request id on each outbox event, so a write can be followed from the API's access
line to the projector's line for the batch that indexed it

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 16:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable, no default: adding it rewrites nothing, and events written before it (or
    # outside any request: seeds, migrations) have none.
    op.add_column("outbox", sa.Column("request_id", sa.String(64), nullable=True))


def downgrade() -> None:
    op.drop_column("outbox", "request_id")
