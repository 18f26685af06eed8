"""Profiles, their specialties and who follows whom."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    func,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column

from lumen.db.base import Base
from lumen.db.columns import Versioned, check_in

PRECISIONS = ("exact", "approximate", "city", "hidden")
VISIBILITIES = ("public", "followers", "private")
# Held: out of every public document pending review of its reports (a protective hide).
PROFILE_MODERATION = ("visible", "held")

LOCATION_CHECKS = (
    CheckConstraint("latitude BETWEEN -90 AND 90", name="latitude"),
    CheckConstraint("longitude BETWEEN -180 AND 180", name="longitude"),
    CheckConstraint("(latitude IS NULL) = (longitude IS NULL)", name="coordinates_paired"),
    CheckConstraint(check_in("location_precision", PRECISIONS), name="location_precision"),
    CheckConstraint(check_in("visibility", VISIBILITIES), name="visibility"),
)


class Profile(Versioned, Base):
    __tablename__ = "profiles"
    __table_args__ = (
        *LOCATION_CHECKS,
        CheckConstraint("followers_count >= 0 AND following_count >= 0", name="counts"),
        CheckConstraint(check_in("moderation", PROFILE_MODERATION), name="moderation"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    user_uid: Mapped[str] = mapped_column(ForeignKey("users.uid", ondelete="CASCADE"), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    headline: Mapped[str | None] = mapped_column(String(140))
    bio: Mapped[str | None] = mapped_column(Text)
    languages: Mapped[list[str]] = mapped_column(ARRAY(String(8)), default=list)
    city_id: Mapped[int | None] = mapped_column(ForeignKey("cities.id"), index=True)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    location_precision: Mapped[str] = mapped_column(String(16), default="city")
    visibility: Mapped[str] = mapped_column(String(16), default="public", index=True)
    discoverable: Mapped[bool] = mapped_column(Boolean, default=True)
    nearby_opt_in: Mapped[bool] = mapped_column(Boolean, default=False)
    links: Mapped[list[str]] = mapped_column(ARRAY(Text), default=list)
    attributes: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    # The attributes the owner shows to others (lumen.shapes.attributes); none unless chosen.
    public_attributes: Mapped[list[str]] = mapped_column(
        ARRAY(String(40)), default=list, server_default="{}"
    )
    followers_count: Mapped[int] = mapped_column(Integer, default=0)
    following_count: Mapped[int] = mapped_column(Integer, default=0)
    moderation: Mapped[str] = mapped_column(String(16), default="visible", server_default="visible")
    # Moved by follows and protective holds instead of `version`: they change the profile's
    # documents but not what its owner edits, so they must not turn the owner's If-Match stale.
    counts_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    @hybrid_property
    def revision(self) -> int:
        """What the profile's documents are versioned by: its edits and its follows."""
        return self.version + self.counts_version


class Specialty(Base):
    __tablename__ = "specialties"

    slug: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(80))


class ProfileSpecialty(Base):
    __tablename__ = "profile_specialties"

    profile_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True
    )
    specialty_slug: Mapped[str] = mapped_column(
        ForeignKey("specialties.slug"), primary_key=True, index=True
    )
    # The owner's order: the first is what they most want to be found for.
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Follow(Base):
    __tablename__ = "follows"
    __table_args__ = (CheckConstraint("follower_id <> followee_id", name="not_self"),)

    follower_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True
    )
    followee_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
