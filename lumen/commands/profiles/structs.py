"""What the profile commands accept and return."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Protocol, cast

import msgspec
from msgspec import UNSET, UnsetType

from lumen.commands import fields
from lumen.commands.fields import LocationIn, Precision, Visibility
from lumen.validation import Normaliser, normalise

DISPLAY_NAME_MAX = 80
HEADLINE_MAX = 140
BIO_MAX = 2000
MAX_SPECIALTIES = 10

Slug = Annotated[str, msgspec.Meta(min_length=1, max_length=40)]
Specialties = Annotated[list[Slug], msgspec.Meta(max_length=MAX_SPECIALTIES)]
# Raw lists are bounded before normalisation so a huge body is refused cheaply.
RawList = Annotated[
    list[Annotated[str, msgspec.Meta(max_length=400)]], msgspec.Meta(max_length=100)
]


# What each text and list field becomes before it is stored (errors name the field).
NORMALISERS: dict[str, Normaliser] = {
    "display_name": fields.text_of(DISPLAY_NAME_MAX, required=True),
    "headline": fields.text_of(HEADLINE_MAX),
    "bio": fields.text_of(BIO_MAX),
    "languages": fields.languages,
    "links": fields.links,
}


class ProfileIn(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """A whole profile: POST creates it, PUT replaces it (absent fields get defaults)."""

    display_name: str
    headline: str | None = None
    bio: str | None = None
    languages: RawList = []
    specialties: Specialties = []
    location: LocationIn | None = None
    visibility: Visibility = "public"
    discoverable: bool = True
    nearby_opt_in: bool = False
    links: RawList = []
    attributes: dict[str, Any] = {}

    def __post_init__(self) -> None:
        normalise(self, NORMALISERS)


class ProfilePatch(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Only the fields sent change; an explicit null clears a field that may be empty."""

    display_name: str | UnsetType = UNSET
    headline: str | UnsetType | None = UNSET
    bio: str | UnsetType | None = UNSET
    languages: RawList | UnsetType = UNSET
    specialties: Specialties | UnsetType = UNSET
    location: LocationIn | UnsetType | None = UNSET
    visibility: Visibility | UnsetType = UNSET
    discoverable: bool | UnsetType = UNSET
    nearby_opt_in: bool | UnsetType = UNSET
    links: RawList | UnsetType = UNSET
    attributes: dict[str, Any] | UnsetType = UNSET

    def __post_init__(self) -> None:
        normalise(self, NORMALISERS)


class SpecialtiesIn(msgspec.Struct, forbid_unknown_fields=True):
    specialties: Specialties


class Located(Protocol):
    """A row that stores a location (profiles and photos)."""

    @property
    def location_precision(self) -> str: ...
    @property
    def city_id(self) -> int | None: ...
    @property
    def latitude(self) -> float | None: ...
    @property
    def longitude(self) -> float | None: ...


class LocationOut(msgspec.Struct, kw_only=True):
    precision: Precision
    city_id: int | None
    latitude: float | None
    longitude: float | None

    @classmethod
    def of(cls, row: Located) -> LocationOut:
        precision = cast(Precision, row.location_precision)
        return cls(
            precision=precision, city_id=row.city_id, latitude=row.latitude, longitude=row.longitude
        )


class ProfileOut(msgspec.Struct, kw_only=True):
    """The owner's view: everything they set, including what the public never sees."""

    id: uuid.UUID
    role: str
    display_name: str
    headline: str | None
    bio: str | None
    languages: list[str]
    specialties: list[str]
    location: LocationOut
    visibility: Visibility
    discoverable: bool
    nearby_opt_in: bool
    links: list[str]
    attributes: dict[str, Any]
    followers_count: int
    following_count: int
    version: int
    created_at: datetime
    updated_at: datetime
