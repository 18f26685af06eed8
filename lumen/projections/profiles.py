"""The profiles read model: who can be found, where, and for what."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import func, select
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.sql.elements import ColumnElement

from lumen import events
from lumen.db.cities import City
from lumen.db.profiles import Profile, ProfileSpecialty, Specialty
from lumen.db.users import User
from lumen.projections import event_groups as groups
from lumen.projections.analysis import (
    BOOLEAN,
    COMMON,
    DATE,
    INTEGER,
    KEYWORD,
    LONG,
    STORED_ONLY,
    folded,
    folded_mapping,
    folded_text,
    text,
)
from lumen.projections.places import CITY_COLUMNS, PLACE_MAPPING, Placed, place
from lumen.projections.read_model import Document, Lookup, ReadModel, Want, tombstone, visible
from lumen.projections.rows import as_list, as_text, columns
from lumen.shapes.attributes import public_part

NAME = "profiles"


class ProfileRow(Placed):
    id: uuid.UUID
    user_uid: str
    version: int
    revision: int
    role: str
    user_status: str
    user_version: int
    display_name: str
    headline: str | None
    bio: str | None
    languages: list[str] | None
    # Slugs and names in the same order: the owner's.
    specialties: list[str] | None
    specialty_names: list[str] | None
    visibility: str
    moderation: str
    discoverable: bool
    nearby_opt_in: bool
    links: list[str] | None
    attributes_json: str | None
    public_attributes: list[str] | None
    followers_count: int
    following_count: int
    created_at: datetime
    updated_at: datetime


def _specialties(column: QueryableAttribute[str]) -> ColumnElement[Any]:
    # Both in the owner's order (the slug breaks ties), so that slugs and names pair up.
    chosen = (
        select(column)
        .join(ProfileSpecialty, Specialty.slug == ProfileSpecialty.specialty_slug)
        .where(ProfileSpecialty.profile_id == Profile.id)
        .order_by(ProfileSpecialty.position, Specialty.slug)
    )
    return as_list(func.array(chosen.scalar_subquery()))


QUERY = (
    select(
        *columns(
            ProfileRow,
            Profile.__table__,
            revision=Profile.revision,
            role=User.role,
            user_status=User.status,
            user_version=User.version,
            specialties=_specialties(Specialty.slug),
            specialty_names=_specialties(Specialty.name),
            attributes_json=as_text(Profile.attributes),
            **CITY_COLUMNS,
        )
    )
    .join(User, User.uid == Profile.user_uid)
    .outerjoin(City, City.id == Profile.city_id)
)
BY_ID: Lookup[ProfileRow] = Lookup(Profile.id, lambda row: row.id)
BY_UID: Lookup[ProfileRow] = Lookup(Profile.user_uid, lambda row: row.user_uid)

MAPPING: dict[str, Any] = {
    **COMMON,
    **PLACE_MAPPING,
    "version": LONG,
    "role": KEYWORD,
    "display_name": text(keyword=True),
    "headline": text(),
    "bio": text(),
    "languages": KEYWORD,
    "specialties": KEYWORD,
    "specialty_names": text(),
    "visibility": KEYWORD,
    "discoverable": BOOLEAN,
    "nearby_opt_in": BOOLEAN,
    "links": STORED_ONLY,
    # The public ones only, for display; the studio's name is searched as well.
    "attributes": STORED_ONLY,
    "studio_name": text(),
    "followers_count": INTEGER,
    "following_count": INTEGER,
    "created_at": DATE,
    "updated_at": DATE,
}
# What queries match on: the text fields, accents folded (see analysis).
FOLDED: dict[str, Any] = {
    "display_name": folded_text(prefixes=True),
    "headline": folded_text(),
    "bio": folded_text(),
    "specialty_names": folded_text(prefixes=True),
    "studio_name": folded_text(),
    "city_name": folded_text(),
}
MAPPING |= folded_mapping(FOLDED)


def document_version(revision: int, user_version: int) -> int:
    return revision + user_version


def owner_visible(user_status: str, visibility: str, moderation: str) -> bool:
    # A held profile (reports pending review) is out of view with all its photos.
    return user_status == "active" and visibility != "private" and moderation == "visible"


def build(row: ProfileRow) -> Document:
    ident = str(row.id)
    version = document_version(row.revision, row.user_version)
    if not owner_visible(row.user_status, row.visibility, row.moderation):
        return tombstone(NAME, ident, version)
    stored: dict[str, Any] = msgspec.json.decode(row.attributes_json or "null") or {}
    # Only what the owner made public enters the document: a private studio is neither
    # named nor pinned exactly.
    attributes = public_part(stored, row.public_attributes)
    studio = attributes.get("studio") if row.role == "photographer" else None
    is_studio = row.location_precision == "exact" and bool(studio)
    fields = {
        **place(row, is_studio=is_studio),
        "version": row.version,
        "role": row.role,
        "display_name": row.display_name,
        "headline": row.headline,
        "bio": row.bio,
        "languages": row.languages or [],
        "specialties": row.specialties or [],
        "specialty_names": row.specialty_names or [],
        "visibility": row.visibility,
        "discoverable": row.discoverable,
        "nearby_opt_in": row.nearby_opt_in,
        "links": row.links or [],
        "attributes": attributes,
        "studio_name": studio.get("name") if isinstance(studio, dict) else None,
        "followers_count": row.followers_count,
        "following_count": row.following_count,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    }
    fields["folded"] = folded(fields, FOLDED)
    return visible(NAME, ident, version, fields)


def touched(event: events.Event) -> Want[ProfileRow] | Document | None:
    match event:
        case events.ProfileDeleted():
            version = document_version(event.version, event.user_version)
            return tombstone(NAME, str(event.profile_id), version)
        case events.ProfileEvent(profile_id=profile_id):
            return BY_ID, profile_id
        case events.UserEvent(uid=uid):
            return BY_UID, uid
    return None


PROFILES = ReadModel(
    name=NAME,
    mapping=MAPPING,
    row=ProfileRow,
    query=QUERY,
    key=BY_ID,
    build=build,
    handles=groups.OWNER_CHANGES | {events.ProfileDeleted},
    ignores=groups.PHOTO_CHANGES
    | groups.REPORT_CHANGES
    | {events.PhotoUploaded, events.PhotoDeleted, events.CitySeeded},
    touched=touched,
)
