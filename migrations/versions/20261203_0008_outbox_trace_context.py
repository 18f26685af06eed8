"""The trace context on each outbox event (a W3C traceparent), so the projector's span for
the batch that indexes an event links to the span of the request that caused it

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable, no default, as request_id: adding it rewrites nothing, and events written
    # with tracing off (or before it) have none.
    op.add_column("outbox", sa.Column("trace_context", sa.String(55), nullable=True))


def downgrade() -> None:
    op.drop_column("outbox", "trace_context")
