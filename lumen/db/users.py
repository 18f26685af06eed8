"""Accounts, keyed by Firebase uid, and the moderation audit trail."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    Identity,
    LargeBinary,
    String,
    Text,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from lumen.db.base import Base
from lumen.db.columns import Versioned, check_in

ROLES = ("photographer", "model")
USER_STATUSES = ("active", "suspended", "deleted")
MODERATION_ACTIONS = (
    "suspend_user",
    "unsuspend_user",
    "hide_photo",
    "unhide_photo",
    # Reports: a protective hold taken automatically, and an admin dismissing a group.
    "hold_profile",
    "hold_photo",
    "dismiss_reports",
)
# The actor of what Lumen does by itself (protective holds), never a member's uid.
SYSTEM_ACTOR = "lumen:reports"


class User(Versioned, Base):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(check_in("role", ROLES), name="role"),
        CheckConstraint(check_in("status", USER_STATUSES), name="status"),
    )

    uid: Mapped[str] = mapped_column(String(128), primary_key=True)
    role: Mapped[str] = mapped_column(String(16))
    # Encrypted with a key derived from the secret key; never indexed, never public.
    birth_date_encrypted: Mapped[bytes] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(16), default="active", index=True)
    status_reason: Mapped[str | None] = mapped_column(Text)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ModerationAction(Base):
    __tablename__ = "moderation_actions"
    __table_args__ = (CheckConstraint(check_in("action", MODERATION_ACTIONS), name="action"),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    actor_uid: Mapped[str] = mapped_column(String(128), index=True)
    action: Mapped[str] = mapped_column(String(32))
    target_type: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[str] = mapped_column(String(128), index=True)
    # The member concerned (the user, or the owner of the profile or photo): their trail.
    subject_uid: Mapped[str | None] = mapped_column(String(128), index=True)
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
