"""Source rows → index documents, with privacy applied here, at build time: what a
document does not hold, no query can leak."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import msgspec
from sqlalchemy import Row

from lumen.projections import versions
from lumen.projections.places import place

# A row of any shape: builders read its columns by name, through `row._mapping`: a
# Row's attribute access goes through __getattr__ after a failed lookup, about eight
# times the cost of a mapping's item access, and a photo reads some thirty columns.
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


def profile_document(row: SourceRow, specialties: list[tuple[str, str]]) -> Document:
    r = row._mapping
    ident = str(r["id"])
    version = versions.profile(r["revision"], r["user_version"])
    if not owner_visible(r["user_status"], r["visibility"]):
        return tombstone("profiles", ident, version)
    attributes: dict[str, Any] = msgspec.json.decode(r["attributes_json"] or "null") or {}
    studio = attributes.get("studio") if r["role"] == "photographer" else None
    is_studio = r["location_precision"] == "exact" and bool(studio)
    body = {
        "id": ident,
        "tombstone": False,
        "doc_version": version,
        **place(r, is_studio=is_studio),
        "version": r["version"],
        "role": r["role"],
        "display_name": r["display_name"],
        "headline": r["headline"],
        "bio": r["bio"],
        "languages": list(r["languages"] or []),
        "specialties": [slug for slug, _ in specialties],
        "specialty_names": [name for _, name in specialties],
        "visibility": r["visibility"],
        "discoverable": r["discoverable"],
        "nearby_opt_in": r["nearby_opt_in"],
        "links": list(r["links"] or []),
        "studio_name": studio.get("name") if isinstance(studio, dict) else None,
        "experience": attributes.get("experience"),
        "open_to_tfp": attributes.get("open_to_tfp"),
        "followers_count": r["followers_count"],
        "following_count": r["following_count"],
        "created_at": r["created_at"],
        "updated_at": r["updated_at"],
    }
    return Document("profiles", ident, version, body)


def following_document(row: SourceRow, followees: list[str]) -> Document:
    r = row._mapping
    # Kept for private profiles (their owner still follows people); gone with the account.
    version = versions.following(r["revision"], r["user_version"])
    if r["user_status"] != "active":
        return tombstone("following", r["user_uid"], version)
    fields = {"following": sorted(followees), "profile_id": str(r["id"])}
    return _visible("following", r["user_uid"], version, fields)


def _orientation(width: int | None, height: int | None) -> str | None:
    if not width or not height:
        return None
    return "square" if width == height else "landscape" if width > height else "portrait"


def photo_document(row: SourceRow) -> Document:
    r = row._mapping
    ident = str(r["id"])
    version = versions.photo(r["version"], r["owner_version"], r["user_version"])
    shown = (
        r["status"] == "ready"
        and r["moderation"] == "visible"
        and r["visibility"] != "private"
        and owner_visible(r["user_status"], r["owner_visibility"])
    )
    if not shown:
        return tombstone("photos", ident, version)
    raw_exif = msgspec.json.decode(r["exif_json"] or "{}")
    exif = {k: v for k, v in raw_exif.items() if k in EXIF_KEPT}
    followers_only = "followers" in (r["visibility"], r["owner_visibility"])
    body = {
        "id": ident,
        "tombstone": False,
        "doc_version": version,
        **place(r, is_studio=False),
        "version": r["version"],
        "title": r["title"],
        "caption": r["caption"],
        "tags": list(r["tags"] or []),
        "visibility": "followers" if followers_only else "public",
        "owner_id": str(r["owner_id"]),
        "owner_name": r["owner_name"],
        "owner_role": r["role"],
        "owner_followers": r["owner_followers"],
        "owner_visibility": r["owner_visibility"],
        "camera_make": exif.get("make"),
        "camera_model": exif.get("model"),
        "lens": exif.get("lens"),
        "exif": exif,
        "taken_at": r["taken_at"],
        "width": r["width"],
        "height": r["height"],
        "orientation": _orientation(r["width"], r["height"]),
        "variants": msgspec.Raw(r["variants_json"] or "[]"),
        "placeholder": r["placeholder"],
        "created_at": r["created_at"],
        "updated_at": r["updated_at"],
    }
    return Document("photos", ident, version, body)


def city_document(row: SourceRow) -> Document:
    r = row._mapping
    return _visible(
        "cities",
        str(r["id"]),
        versions.city(r["version"]),
        {
            "name": r["name"],
            "ascii_name": r["ascii_name"],
            "alternate_names": list(r["alternate_names"] or []),
            "country_code": r["country_code"],
            "country_name": r["country_name"],
            "region_code": r["region_code"],
            "population": r["population"],
            "location": {"lat": r["latitude"], "lon": r["longitude"]},
            "timezone": r["timezone"],
        },
    )
