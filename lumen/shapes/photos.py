"""A photo as everyone who may see it sees it: the public view answers with it (and its
search hits), and the owner's view is it with its processing state and settings added."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, ClassVar, Literal

import msgspec

from lumen.shapes import examples
from lumen.shapes.places import Place
from lumen.shapes.profiles import Role, Visibility

Orientation = Literal["landscape", "portrait", "square"]
# Camera facts worth showing; anything else the EXIF held (GPS above all, serial
# numbers) stays out by not being on this list.
EXIF_KEPT = frozenset(
    {"make", "model", "lens", "focal_length_mm", "f_number", "exposure_time_s", "iso"}
)


class Owner(msgspec.Struct, frozen=True):
    """Whose photo it is: their profile's id, name and role."""

    id: uuid.UUID
    name: str
    role: Role


class Variant(msgspec.Struct, frozen=True, kw_only=True):
    """A resized copy, at a signed address whose lifetime follows the photo's visibility."""

    url: str
    width: int | None
    height: int | None
    media_type: str | None


class PhotoShape(msgspec.Struct, frozen=True, kw_only=True):
    id: uuid.UUID
    owner: Owner
    title: str | None
    caption: str | None
    tags: list[str]
    visibility: Visibility
    place: Place
    camera_make: str | None
    camera_model: str | None
    lens: str | None
    exif: dict[str, Any]
    taken_at: datetime | None
    width: int | None
    height: int | None
    # None while the size is unknown.
    orientation: Orientation | None
    variants: list[Variant]
    # "#rrggbb", painted behind the photo while its first variant loads.
    placeholder: str | None
    created_at: datetime

    example: ClassVar[dict[str, Any]] = examples.PHOTO


def kept_exif(exif: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in exif.items() if name in EXIF_KEPT}


def orientation(width: int | None, height: int | None) -> Orientation | None:
    if not width or not height:
        return None
    return "square" if width == height else "landscape" if width > height else "portrait"
