"""Source rows → index documents, with privacy applied here, at build time: what a
document does not hold, no query can leak."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import msgspec
from sqlalchemy import Row

from lumen.geo.coordinates import Point
from lumen.geo.privacy import Precision, public_location
from lumen.projections import versions

# A row of any shape: builders read its columns by name.
SourceRow = Row[*tuple[Any, ...]]

# Camera facts worth showing; anything else the EXIF held (GPS above all, serial
# numbers) stays out by not being on this list.
EXIF_KEPT = frozenset(
    {"make", "model", "lens", "focal_length_mm", "f_number", "exposure_time_s", "iso"}
)


@dataclass(frozen=True, slots=True)
class Document:
    projection: str
    id: str
    version: int
    body: dict[str, Any]

    @property
    def tombstone(self) -> bool:
        return bool(self.body["tombstone"])


def tombstone(projection: str, ident: str, version: int) -> Document:
    body = {
        "id": ident,
        "tombstone": True,
        "tombstoned_at": datetime.now(UTC),
        "doc_version": version,
    }
    return Document(projection, ident, version, body)


def _visible(projection: str, ident: str, version: int, fields: dict[str, Any]) -> Document:
    body = {"id": ident, "tombstone": False, "doc_version": version, **fields}
    return Document(projection, ident, version, body)


def owner_visible(user_status: str, visibility: str) -> bool:
    return user_status == "active" and visibility != "private"


def _place(row: SourceRow, *, is_studio: bool) -> dict[str, Any]:
    precision = Precision(row.location_precision)
    if precision is Precision.EXACT and not is_studio:
        precision = Precision.APPROXIMATE
    raw = None if row.latitude is None else Point(lat=row.latitude, lon=row.longitude)
    centre = None if row.city_lat is None else Point(lat=row.city_lat, lon=row.city_lon)
    point = public_location(raw, precision, city_centre=centre, is_studio=is_studio)
    if precision is Precision.HIDDEN or row.city_name is None:
        city: dict[str, Any] = {}
    else:
        city = {
            "city_id": row.city_id,
            "city_name": row.city_name,
            "country_code": row.country_code,
            "country_name": row.country_name,
        }
    location = None if point is None else {"lat": point.lat, "lon": point.lon}
    return {**city, "location": location, "location_precision": precision.value}


def profile_document(row: SourceRow, specialties: list[tuple[str, str]]) -> Document:
    ident, version = str(row.id), versions.profile(row.version, row.user_version)
    if not owner_visible(row.user_status, row.visibility):
        return tombstone("profiles", ident, version)
    attributes: dict[str, Any] = row.attributes or {}
    studio = attributes.get("studio") if row.role == "photographer" else None
    is_studio = row.location_precision == "exact" and bool(studio)
    return _visible(
        "profiles",
        ident,
        version,
        {
            **_place(row, is_studio=is_studio),
            "version": row.version,
            "role": row.role,
            "display_name": row.display_name,
            "headline": row.headline,
            "bio": row.bio,
            "languages": list(row.languages or []),
            "specialties": [slug for slug, _ in specialties],
            "specialty_names": [name for _, name in specialties],
            "visibility": row.visibility,
            "discoverable": row.discoverable,
            "nearby_opt_in": row.nearby_opt_in,
            "links": list(row.links or []),
            "studio_name": studio.get("name") if isinstance(studio, dict) else None,
            "experience": attributes.get("experience"),
            "open_to_tfp": attributes.get("open_to_tfp"),
            "followers_count": row.followers_count,
            "following_count": row.following_count,
            "created_at": row.created_at,
            "updated_at": row.updated_at,
        },
    )


def following_document(row: SourceRow, followees: list[str]) -> Document:
    # Kept for private profiles (their owner still follows people); gone with the account.
    version = versions.following(row.version, row.user_version)
    if row.user_status != "active":
        return tombstone("following", row.user_uid, version)
    fields = {"following": sorted(followees), "profile_id": str(row.id)}
    return _visible("following", row.user_uid, version, fields)


def _orientation(width: int | None, height: int | None) -> str | None:
    if not width or not height:
        return None
    return "square" if width == height else "landscape" if width > height else "portrait"


def photo_document(row: SourceRow) -> Document:
    ident = str(row.id)
    version = versions.photo(row.version, row.owner_version, row.user_version)
    shown = (
        row.status == "ready"
        and row.moderation == "visible"
        and row.visibility != "private"
        and owner_visible(row.user_status, row.owner_visibility)
    )
    if not shown:
        return tombstone("photos", ident, version)
    raw_exif = msgspec.json.decode(row.exif_json or "{}")
    exif = {k: v for k, v in raw_exif.items() if k in EXIF_KEPT}
    followers_only = "followers" in (row.visibility, row.owner_visibility)
    return _visible(
        "photos",
        ident,
        version,
        {
            **_place(row, is_studio=False),
            "version": row.version,
            "title": row.title,
            "caption": row.caption,
            "tags": list(row.tags or []),
            "visibility": "followers" if followers_only else "public",
            "owner_id": str(row.owner_id),
            "owner_name": row.owner_name,
            "owner_role": row.role,
            "owner_visibility": row.owner_visibility,
            "camera_make": exif.get("make"),
            "camera_model": exif.get("model"),
            "lens": exif.get("lens"),
            "exif": exif,
            "taken_at": row.taken_at,
            "width": row.width,
            "height": row.height,
            "orientation": _orientation(row.width, row.height),
            "variants": msgspec.Raw(row.variants_json or "[]"),
            "placeholder": row.placeholder,
            "created_at": row.created_at,
            "updated_at": row.updated_at,
        },
    )


def city_document(row: SourceRow) -> Document:
    return _visible(
        "cities",
        str(row.id),
        versions.city(row.version),
        {
            "name": row.name,
            "ascii_name": row.ascii_name,
            "alternate_names": list(row.alternate_names or []),
            "country_code": row.country_code,
            "country_name": row.country_name,
            "region_code": row.region_code,
            "population": row.population,
            "location": {"lat": row.latitude, "lon": row.longitude},
            "timezone": row.timezone,
        },
    )
