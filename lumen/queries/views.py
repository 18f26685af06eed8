"""What the profile and photo endpoints answer, and how an engine hit becomes it: public
fields only (only fields named here leave the API), distances as bucket labels, no
coordinates and no engine internals (scores, sort values, index names). Variant keys
become signed URLs whose scope follows the photo's visibility."""

from __future__ import annotations

from typing import Any

import msgspec

from lumen.links import shown
from lumen.media.urls import variant_url
from lumen.queries import highlights
from lumen.queries.bands import band_of

Hit = dict[str, Any]


class Specialty(msgspec.Struct, frozen=True):
    slug: str
    name: str


class Place(msgspec.Struct, frozen=True, kw_only=True):
    city_id: int | None = None
    city: str | None = None
    country_code: str | None = None
    country: str | None = None
    # How precisely the owner shares where they are; never finer than this is served.
    precision: str | None = None


class ProfileView(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    display_name: str
    role: str
    headline: str | None = None
    bio: str | None = None
    place: Place
    specialties: list[Specialty]
    languages: list[str]
    visibility: str
    studio_name: str | None = None
    experience: str | None = None
    open_to_tfp: bool | None = None
    links: list[str] = msgspec.field(default_factory=list)
    followers_count: int = 0
    following_count: int = 0
    created_at: str | None = None
    # One of lt_1km, 1_5km, 5_10km, 10_25km, 25_50km, gt_50km, when a query had an origin.
    distance: str | None = None
    highlights: dict[str, list[str]] = msgspec.field(default_factory=dict)


class Variant(msgspec.Struct, frozen=True, kw_only=True):
    url: str
    width: int | None = None
    height: int | None = None
    media_type: str | None = None


class Owner(msgspec.Struct, frozen=True):
    id: str
    name: str | None
    role: str | None


class PhotoView(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    title: str | None = None
    caption: str | None = None
    tags: list[str]
    owner: Owner
    place: Place
    visibility: str
    camera_make: str | None = None
    camera_model: str | None = None
    lens: str | None = None
    exif: dict[str, object] = msgspec.field(default_factory=dict)
    taken_at: str | None = None
    width: int | None = None
    height: int | None = None
    orientation: str | None = None
    variants: list[Variant] = msgspec.field(default_factory=list)
    placeholder: str | None = None
    created_at: str | None = None
    distance: str | None = None
    highlights: dict[str, list[str]] = msgspec.field(default_factory=dict)


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


class PhotoPage(msgspec.Struct, frozen=True, kw_only=True):
    items: list[PhotoView]
    next_cursor: str | None = None
    total: int | None = None
    total_exact: bool = True
    facets: dict[str, list[FacetCount]] = msgspec.field(default_factory=dict)


def _place(s: dict[str, Any]) -> Place:
    return Place(
        city_id=s.get("city_id"),
        city=s.get("city_name"),
        country_code=s.get("country_code"),
        country=s.get("country_name"),
        precision=s.get("location_precision"),
    )


def profile_view(hit: Hit) -> ProfileView:
    s = hit["_source"]
    slugs, names = s.get("specialties") or [], s.get("specialty_names") or []
    return ProfileView(
        id=s["id"],
        display_name=s["display_name"],
        role=s["role"],
        headline=s.get("headline"),
        bio=s.get("bio"),
        place=_place(s),
        specialties=[Specialty(slug, name) for slug, name in zip(slugs, names, strict=False)],
        languages=s.get("languages") or [],
        visibility=s["visibility"],
        studio_name=s.get("studio_name"),
        experience=s.get("experience"),
        open_to_tfp=s.get("open_to_tfp"),
        links=shown(s.get("links") or []),
        followers_count=s.get("followers_count") or 0,
        following_count=s.get("following_count") or 0,
        created_at=s.get("created_at"),
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
        id=s["id"],
        title=s.get("title"),
        caption=s.get("caption"),
        tags=s.get("tags") or [],
        owner=Owner(s["owner_id"], s.get("owner_name"), s.get("owner_role")),
        place=_place(s),
        visibility=s["visibility"],
        camera_make=s.get("camera_make"),
        camera_model=s.get("camera_model"),
        lens=s.get("lens"),
        exif=s.get("exif") or {},
        taken_at=s.get("taken_at"),
        width=s.get("width"),
        height=s.get("height"),
        orientation=s.get("orientation"),
        variants=variants,
        placeholder=s.get("placeholder"),
        created_at=s.get("created_at"),
        distance=band_of(hit),
        highlights=highlights.of(hit),
    )
