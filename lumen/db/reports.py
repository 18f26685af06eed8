"""Members' reports of profiles and photos, grouped by target for the moderation queue."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, DateTime, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from lumen.db.base import Base
from lumen.db.columns import Versioned, check_in

REPORT_CATEGORIES = (
    "spam",
    "harassment",
    "nudity_without_consent",
    "minor",
    "impersonation",
    "other",
)
TARGET_KINDS = ("profile", "photo")
# Open until an admin resolves its group: dismissed, or acted on (a hide, a suspension).
REPORT_STATES = ("open", "dismissed", "actioned")


class Report(Versioned, Base):
    __tablename__ = "reports"
    __table_args__ = (
        CheckConstraint(check_in("category", REPORT_CATEGORIES), name="category"),
        CheckConstraint(check_in("target_kind", TARGET_KINDS), name="target_kind"),
        CheckConstraint(check_in("state", REPORT_STATES), name="state"),
        CheckConstraint("reporter_uid <> subject_uid", name="not_self"),
        # One open report per reporter and target; resolved ones stay beside it.
        Index(
            "uq_reports_open_pair",
            "reporter_uid",
            "target_kind",
            "target_id",
            unique=True,
            postgresql_where=text("state = 'open'"),
        ),
        # The queue reads open reports by target.
        Index(
            "ix_reports_open_target",
            "target_kind",
            "target_id",
            postgresql_where=text("state = 'open'"),
        ),
        Index("ix_reports_reporter_created", "reporter_uid", "created_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    reporter_uid: Mapped[str] = mapped_column(ForeignKey("users.uid", ondelete="CASCADE"))
    target_kind: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[uuid.UUID]
    # The member the target belongs to: whom a suspension would reach.
    subject_uid: Mapped[str] = mapped_column(
        ForeignKey("users.uid", ondelete="CASCADE"), index=True
    )
    category: Mapped[str] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16), default="open")
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    resolution_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("moderation_actions.id", ondelete="SET NULL")
    )
