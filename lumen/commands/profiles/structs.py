"""What the profile commands accept and return."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, ClassVar, Protocol, cast

import msgspec
from msgspec import UNSET, UnsetType

from lumen.commands import fields
from lumen.commands.fields import LocationIn
from lumen.shapes import examples
from lumen.shapes.attributes import AttributeName
from lumen.shapes.places import Precision
from lumen.shapes.profiles import ProfileShape, Visibility
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
PublicAttributes = Annotated[
    list[AttributeName],
    msgspec.Meta(
        max_length=20,
        description="The attributes others see (absent or null: the role's defaults).",
    ),
]


# What each text and list field becomes before it is stored (errors name the field).
NORMALISERS: dict[str, Normaliser] = {
    "display_name": fields.text_of(DISPLAY_NAME_MAX, required=True),
    "headline": fields.text_of(HEADLINE_MAX),
    "bio": fields.text_of(BIO_MAX),
    "languages": fields.languages,
    "links": fields.links,
}
_SENT = {
    "display_name": "Mia Laurent",
    "headline": "Fashion and portrait model in Paris",
    "languages": ["fr", "en"],
    "specialties": ["fashion", "portrait"],
    "location": {"precision": "city", "city_id": 2988507},
    "links": ["https://mia.example/book"],
    "attributes": {**examples.MODEL_ATTRIBUTES, "tattoos": False},
    "public_attributes": ["experience", "height_cm", "measurements", "hair_colour", "open_to_tfp"],
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
    public_attributes: PublicAttributes | None = None

    example: ClassVar[dict[str, Any]] = _SENT

    def __post_init__(self) -> None:
        normalise(self, NORMALISERS)


class ProfilePatch(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Only the fields sent change; an explicit null clears a field that may be empty
    (and puts `public_attributes` back to the role's defaults)."""

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
    public_attributes: PublicAttributes | UnsetType | None = UNSET

    example: ClassVar[dict[str, Any]] = {
        "headline": "Fashion model in Paris and Lyon",
        "public_attributes": ["experience", "height_cm", "measurements", "tattoos"],
    }

    def __post_init__(self) -> None:
        normalise(self, NORMALISERS)


class SpecialtiesIn(msgspec.Struct, forbid_unknown_fields=True):
    specialties: Specialties

    example: ClassVar[dict[str, Any]] = {"specialties": ["fashion", "portrait", "beauty"]}


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
    """The location Lumen holds, as its owner set it, coordinates included; `place` is
    what others see of it."""

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


class ProfileOut(ProfileShape, frozen=True, kw_only=True):
    """The owner's view: the profile as others see it, with every attribute (not only the
    public ones) and the owner's settings."""

    location: LocationOut
    public_attributes: list[AttributeName]
    discoverable: bool
    nearby_opt_in: bool
    version: int
    updated_at: datetime

    example: ClassVar[dict[str, Any]] = {
        **examples.PROFILE,
        "attributes": _SENT["attributes"],
        "location": {"precision": "city", "city_id": 2988507, "latitude": None, "longitude": None},
        "public_attributes": _SENT["public_attributes"],
        "discoverable": True,
        "nearby_opt_in": False,
        "version": 3,
        "updated_at": "2026-11-28T17:02:00Z",
    }
