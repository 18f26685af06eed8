"""What the photo metadata commands accept and return."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

import msgspec
from msgspec import UNSET, UnsetType

from lumen.commands import fields
from lumen.commands.fields import LocationIn, Visibility
from lumen.commands.profiles.structs import LocationOut, RawList
from lumen.validation import Invalid, Normaliser, normalise

TITLE_MAX = 140
CAPTION_MAX = 2000
Tags = Annotated[list[Annotated[str, msgspec.Meta(max_length=100)]], msgspec.Meta(max_length=100)]


def _photo_location(location: LocationIn | None) -> LocationIn | None:
    if location is not None and location.precision == "exact":
        raise Invalid.at("precision", "exact is only for a studio; use approximate")
    return location


NORMALISERS: dict[str, Normaliser] = {
    "title": fields.text_of(TITLE_MAX),
    "caption": fields.text_of(CAPTION_MAX),
    "tags": fields.tags,
    "location": _photo_location,
}


class PhotoIn(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """A photo's metadata: POST creates it (as a draft until its file arrives), PUT replaces it."""

    title: str | None = None
    caption: str | None = None
    tags: Tags = []
    visibility: Visibility = "public"
    taken_at: datetime | None = None
    location: LocationIn | None = None

    def __post_init__(self) -> None:
        normalise(self, NORMALISERS)


class PhotoPatch(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    title: str | UnsetType | None = UNSET
    caption: str | UnsetType | None = UNSET
    tags: Tags | UnsetType = UNSET
    visibility: Visibility | UnsetType = UNSET
    taken_at: datetime | UnsetType | None = UNSET
    location: LocationIn | UnsetType | None = UNSET

    def __post_init__(self) -> None:
        normalise(self, NORMALISERS)


class PhotoOut(msgspec.Struct, kw_only=True):
    """The owner's view of a photo, with its processing state."""

    id: uuid.UUID
    owner_id: uuid.UUID
    title: str | None
    caption: str | None
    tags: list[str]
    visibility: Visibility
    status: str
    failure_reason: str | None
    moderation: str
    taken_at: datetime | None
    location: LocationOut
    width: int | None
    height: int | None
    exif: dict[str, Any]
    variants: list[dict[str, Any]]
    placeholder: str | None
    version: int
    created_at: datetime
    updated_at: datetime


__all__ = ["PhotoIn", "PhotoOut", "PhotoPatch", "RawList"]
