"""Engine hits → response views. Only fields named here leave the API; variant keys
become signed URLs whose scope follows the photo's visibility."""

from __future__ import annotations

from typing import Any

from lumen.media.urls import variant_url
from lumen.queries import distances
from lumen.queries.views import (
    FacetCount,
    Owner,
    PhotoView,
    Place,
    ProfileView,
    Specialty,
    Variant,
)

Hit = dict[str, Any]


def _place(source: dict[str, Any]) -> Place:
    return Place(
        city_id=source.get("city_id"),
        city=source.get("city_name"),
        country_code=source.get("country_code"),
        country=source.get("country_name"),
        precision=source.get("location_precision"),
    )


def _distance(hit: Hit) -> str | None:
    bucket = hit.get("fields", {}).get("bucket")
    return distances.label(bucket[0]) if bucket else None


def _highlights(hit: Hit) -> dict[str, list[str]]:
    return {field.split(".")[0]: list(parts) for field, parts in hit.get("highlight", {}).items()}


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
        links=s.get("links") or [],
        followers_count=s.get("followers_count") or 0,
        following_count=s.get("following_count") or 0,
        created_at=s.get("created_at"),
        distance=_distance(hit),
        highlights=_highlights(hit),
    )


def _variants(source: dict[str, Any], secret_key: str) -> list[Variant]:
    visibility = source["visibility"]
    return [
        Variant(
            url=variant_url(secret_key, v["key"], visibility),
            width=v.get("width"),
            height=v.get("height"),
            media_type=v.get("media_type"),
        )
        for v in source.get("variants") or []
        if isinstance(v, dict) and isinstance(v.get("key"), str)
    ]


def photo_view(hit: Hit, secret_key: str) -> PhotoView:
    s = hit["_source"]
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
        variants=_variants(s, secret_key),
        placeholder=s.get("placeholder"),
        created_at=s.get("created_at"),
        distance=_distance(hit),
        highlights=_highlights(hit),
    )


def facets(aggregations: dict[str, Any]) -> dict[str, list[FacetCount]]:
    # Each facet's terms sit under the filter of the other facets' picks.
    return {
        name: [FacetCount(str(b["key"]), int(b["doc_count"])) for b in agg["values"]["buckets"]]
        for name, agg in aggregations.items()
        if "values" in agg
    }
