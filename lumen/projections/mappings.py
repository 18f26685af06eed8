"""The mappings of the four read models. Documents are built in documents.py; a field
added here and not there (or the other way round) is refused by `dynamic: strict`."""

from __future__ import annotations

from typing import Any

from lumen.projections.analysis import (
    BOOLEAN,
    COMMON,
    DATE,
    GEO_POINT,
    INTEGER,
    KEYWORD,
    LONG,
    STORED_ONLY,
    facet,
    text,
)

PLACE: dict[str, Any] = {
    "city_id": INTEGER,
    "city_name": text(prefixes=True, keyword=True),
    "country_code": KEYWORD,
    "country_name": text(keyword=True),
    "location": GEO_POINT,
    "location_precision": KEYWORD,
}

PROFILES: dict[str, Any] = {
    **COMMON,
    **PLACE,
    "version": LONG,
    "role": KEYWORD,
    "display_name": text(prefixes=True, keyword=True),
    "headline": text(),
    "bio": text(),
    "languages": KEYWORD,
    "specialties": KEYWORD,
    "specialty_names": text(prefixes=True),
    "visibility": KEYWORD,
    "discoverable": BOOLEAN,
    "nearby_opt_in": BOOLEAN,
    "links": STORED_ONLY,
    "studio_name": text(),
    "experience": KEYWORD,
    "open_to_tfp": BOOLEAN,
    "followers_count": INTEGER,
    "following_count": INTEGER,
    "created_at": DATE,
    "updated_at": DATE,
}

PHOTOS: dict[str, Any] = {
    **COMMON,
    **PLACE,
    "version": LONG,
    "title": text(),
    "caption": text(),
    "tags": {**facet(folded=True), "fields": {"text": text(prefixes=True)}},
    "visibility": KEYWORD,
    "owner_id": KEYWORD,
    "owner_name": text(prefixes=True, keyword=True),
    "owner_followers": INTEGER,
    "owner_role": KEYWORD,
    "owner_visibility": KEYWORD,
    "camera_make": facet(),
    "camera_model": facet(),
    "lens": facet(),
    "exif": STORED_ONLY,
    "taken_at": DATE,
    "width": INTEGER,
    "height": INTEGER,
    "orientation": KEYWORD,
    "variants": STORED_ONLY,
    "placeholder": {"type": "keyword", "index": False, "doc_values": False},
    "created_at": DATE,
    "updated_at": DATE,
}

CITIES: dict[str, Any] = {
    **COMMON,
    "name": text(prefixes=True, keyword=True),
    "ascii_name": text(prefixes=True),
    "alternate_names": text(),
    "country_code": KEYWORD,
    "country_name": text(keyword=True),
    "region_code": KEYWORD,
    "population": LONG,
    "location": GEO_POINT,
    "timezone": KEYWORD,
}

FOLLOWING: dict[str, Any] = {
    **COMMON,
    # Looked up by id (the follower's uid) through a terms lookup, never searched.
    "following": KEYWORD,
    # The follower's own profile, so a query can leave it out or show it its own
    # followers-only content knowing only the caller's uid.
    "profile_id": KEYWORD,
}

MAPPINGS: dict[str, dict[str, Any]] = {
    "profiles": PROFILES,
    "photos": PHOTOS,
    "cities": CITIES,
    "following": FOLLOWING,
}
