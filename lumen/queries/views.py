"""What the profile and photo endpoints answer, and how an engine hit becomes it: the
shared shapes (lumen.shapes) of what a document holds, which is public by construction,
with distances as bucket labels, no coordinates and no engine internals (scores, sort
values, index names). Variant keys become signed URLs whose scope follows the photo's
visibility."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, ClassVar

import msgspec

from lumen.links import shown
from lumen.media.urls import variant_url
from lumen.queries import highlights
from lumen.queries.bands import band_of
from lumen.shapes import examples
from lumen.shapes.photos import Owner, PhotoShape, Variant
from lumen.shapes.places import Place
from lumen.shapes.profiles import ProfileShape, Specialty

Hit = dict[str, Any]
# What a hit adds when the query had an origin, and which words matched where.
_FOUND: dict[str, Any] = {"distance": "1_5km", "highlights": {"display_name": ["<em>Mia</em>"]}}


class ProfileView(ProfileShape, frozen=True, kw_only=True):
    """A profile as the caller may see it: its public attributes only."""

    # One of lt_1km, 1_5km, 5_10km, 10_25km, 25_50km, gt_50km, when a query had an origin.
    distance: str | None = None
    highlights: dict[str, list[str]] = msgspec.field(default_factory=dict)

    example: ClassVar[dict[str, Any]] = {**examples.PROFILE, **_FOUND}


class PhotoView(PhotoShape, frozen=True, kw_only=True):
    distance: str | None = None
    highlights: dict[str, list[str]] = msgspec.field(default_factory=dict)

    example: ClassVar[dict[str, Any]] = {**examples.PHOTO, "distance": None, "highlights": {}}


class FacetCount(msgspec.Struct, frozen=True):
    value: str
    count: int


class ProfilePage(msgspec.Struct, frozen=True, kw_only=True):
    items: list[ProfileView]
    next_cursor: str | None = None
    total: int | None = None
    # False when `total` is a lower bound (the engine stops counting at 10,000).
    total_exact: bool = True
    facets: dict[str, list[FacetCount]] = msgspec.field(default_factory=dict)

    example: ClassVar[dict[str, Any]] = {
        "items": [ProfileView.example],
        "next_cursor": "q3Vb0d8k2mXl",
        "total": 41,
        "total_exact": True,
        "facets": {"specialty": [{"value": "fashion", "count": 17}]},
    }


class PhotoPage(msgspec.Struct, frozen=True, kw_only=True):
    items: list[PhotoView]
    next_cursor: str | None = None
    total: int | None = None
    total_exact: bool = True
    facets: dict[str, list[FacetCount]] = msgspec.field(default_factory=dict)

    example: ClassVar[dict[str, Any]] = {
        "items": [PhotoView.example],
        "next_cursor": None,
        "total": 1,
        "total_exact": True,
        "facets": {"tag": [{"value": "portrait", "count": 1}]},
    }


def _when(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def _place(s: dict[str, Any]) -> Place:
    return Place(
        precision=s.get("location_precision") or "hidden",
        city_id=s.get("city_id"),
        city=s.get("city_name"),
        country_code=s.get("country_code"),
        country=s.get("country_name"),
    )


def profile_view(hit: Hit) -> ProfileView:
    s = hit["_source"]
    # Both lists in the owner's order (see projections.profiles).
    slugs, names = s.get("specialties") or [], s.get("specialty_names") or []
    return ProfileView(
        id=uuid.UUID(s["id"]),
        role=s["role"],
        display_name=s["display_name"],
        headline=s.get("headline"),
        bio=s.get("bio"),
        languages=s.get("languages") or [],
        specialties=[Specialty(slug, name) for slug, name in zip(slugs, names, strict=False)],
        place=_place(s),
        visibility=s["visibility"],
        links=shown(s.get("links") or []),
        attributes=s.get("attributes") or {},
        followers_count=s.get("followers_count") or 0,
        following_count=s.get("following_count") or 0,
        created_at=datetime.fromisoformat(s["created_at"]),
        distance=band_of(hit),
        highlights=highlights.of(hit),
    )


def photo_view(hit: Hit, secret_key: str) -> PhotoView:
    s = hit["_source"]
    variants = [
        Variant(
            url=variant_url(secret_key, v["key"], s["visibility"]),
            width=v.get("width"),
            height=v.get("height"),
            media_type=v.get("media_type"),
        )
        for v in s.get("variants") or []
        if isinstance(v, dict) and isinstance(v.get("key"), str)
    ]
    return PhotoView(
        id=uuid.UUID(s["id"]),
        owner=Owner(uuid.UUID(s["owner_id"]), s["owner_name"], s["owner_role"]),
        title=s.get("title"),
        caption=s.get("caption"),
        tags=s.get("tags") or [],
        visibility=s["visibility"],
        place=_place(s),
        camera_make=s.get("camera_make"),
        camera_model=s.get("camera_model"),
        lens=s.get("lens"),
        exif=s.get("exif") or {},
        taken_at=_when(s.get("taken_at")),
        width=s.get("width"),
        height=s.get("height"),
        orientation=s.get("orientation"),
        variants=variants,
        placeholder=s.get("placeholder"),
        created_at=datetime.fromisoformat(s["created_at"]),
        distance=band_of(hit),
        highlights=highlights.of(hit),
    )
