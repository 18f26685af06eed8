"""A profile as everyone who may see it sees it: the public view answers with it (and its
search hits), and the owner's view is it with their settings added."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, ClassVar, Literal

import msgspec

from lumen.shapes import examples
from lumen.shapes.places import Place

Role = Literal["model", "photographer"]
Visibility = Literal["public", "followers", "private"]


class Specialty(msgspec.Struct, frozen=True):
    """One of the seeded taxonomy: its slug (what requests send) and its name."""

    slug: str
    name: str


class ProfileShape(msgspec.Struct, frozen=True, kw_only=True):
    id: uuid.UUID
    role: Role
    display_name: str
    headline: str | None
    bio: str | None
    languages: list[str]
    # In the order their owner chose: the first is what they most want to be found for.
    specialties: list[Specialty]
    place: Place
    visibility: Visibility
    links: list[str]
    # The role's attributes (lumen.shapes.attributes); others see those made public only.
    attributes: dict[str, Any]
    followers_count: int
    following_count: int
    created_at: datetime

    example: ClassVar[dict[str, Any]] = examples.PROFILE
