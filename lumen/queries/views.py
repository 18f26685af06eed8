"""What the query endpoints answer: public fields only, distances as bucket labels, no
coordinates and no engine internals (scores, sort values, index names)."""

from __future__ import annotations

import msgspec


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


class Suggestion(msgspec.Struct, frozen=True, kw_only=True):
    kind: str  # profile, city, tag or specialty
    text: str
    id: str | None = None
    detail: str | None = None


class Suggestions(msgspec.Struct, frozen=True):
    items: list[Suggestion]


class Cluster(msgspec.Struct, frozen=True, kw_only=True):
    tile: str  # zoom/x/y
    count: int
    # The tile's centre, not the profiles' centroid: a cell tells where its tile is.
    lat: float
    lon: float


class Clusters(msgspec.Struct, frozen=True, kw_only=True):
    precision: int
    min_count: int
    items: list[Cluster]
