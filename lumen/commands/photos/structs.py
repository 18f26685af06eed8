"""What the photo metadata commands accept and return."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, ClassVar, Literal

import msgspec
from msgspec import UNSET, UnsetType

from lumen.commands import fields
from lumen.commands.fields import LocationIn
from lumen.commands.profiles.structs import LocationOut, RawList
from lumen.shapes import examples
from lumen.shapes.photos import PhotoShape
from lumen.shapes.profiles import Visibility
from lumen.validation import Invalid, Normaliser, normalise

TITLE_MAX = 140
CAPTION_MAX = 2000
Status = Literal["draft", "processing", "ready", "failed"]
Moderation = Literal["visible", "hidden"]
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

    example: ClassVar[dict[str, Any]] = {
        "title": "Rooftop at dusk",
        "caption": "Last light over the zinc roofs.",
        "tags": ["portrait", "golden hour"],
        "visibility": "public",
        "location": {"precision": "city", "city_id": 2988507},
    }

    def __post_init__(self) -> None:
        normalise(self, NORMALISERS)


class PhotoPatch(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    title: str | UnsetType | None = UNSET
    caption: str | UnsetType | None = UNSET
    tags: Tags | UnsetType = UNSET
    visibility: Visibility | UnsetType = UNSET
    taken_at: datetime | UnsetType | None = UNSET
    location: LocationIn | UnsetType | None = UNSET

    # Publishes the coordinates read from the file's GPS, at about a kilometre.
    example: ClassVar[dict[str, Any]] = {"location": {"precision": "approximate"}}

    def __post_init__(self) -> None:
        normalise(self, NORMALISERS)


class PhotoOut(PhotoShape, frozen=True, kw_only=True):
    """The owner's view of a photo: as others see it once it is ready, in any state, with
    its processing state and the location Lumen holds."""

    status: Status
    failure_reason: str | None
    moderation: Moderation
    location: LocationOut
    version: int
    updated_at: datetime

    example: ClassVar[dict[str, Any]] = {
        **examples.PHOTO,
        "status": "ready",
        "failure_reason": None,
        "moderation": "visible",
        "location": {"precision": "city", "city_id": 2988507, "latitude": None, "longitude": None},
        "version": 4,
        "updated_at": "2026-10-03T09:00:12Z",
    }


__all__ = ["PhotoIn", "PhotoOut", "PhotoPatch", "RawList"]
