"""The photos read model: portfolios, with their owner's name, role and popularity
carried on each photo (a profile or account change re-projects the owner's photos)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import select

from lumen import events
from lumen.db.cities import City
from lumen.db.photos import Photo
from lumen.db.profiles import Profile
from lumen.db.users import User
from lumen.folding import fold_keyword
from lumen.projections import event_groups as groups
from lumen.projections.analysis import (
    COMMON,
    DATE,
    INTEGER,
    KEYWORD,
    LONG,
    STORED_ONLY,
    facet,
    folded,
    folded_mapping,
    folded_text,
    text,
)
from lumen.projections.places import CITY_COLUMNS, PLACE_MAPPING, Placed, place
from lumen.projections.profiles import owner_visible
from lumen.projections.read_model import Document, Lookup, ReadModel, Want, tombstone, visible
from lumen.projections.rows import as_text, columns
from lumen.shapes.photos import kept_exif, orientation

NAME = "photos"


class PhotoRow(Placed):
    id: uuid.UUID
    owner_id: uuid.UUID
    version: int
    status: str
    moderation: str
    visibility: str
    title: str | None
    caption: str | None
    tags: list[str] | None
    exif_json: str | None
    taken_at: datetime | None
    width: int | None
    height: int | None
    variants_json: str | None
    placeholder: str | None
    created_at: datetime
    updated_at: datetime
    owner_name: str
    owner_followers: int
    owner_visibility: str
    owner_moderation: str
    owner_version: int
    user_uid: str
    role: str
    user_status: str
    user_version: int


QUERY = (
    select(
        *columns(
            PhotoRow,
            Photo.__table__,
            exif_json=as_text(Photo.exif),
            variants_json=as_text(Photo.variants),
            owner_name=Profile.display_name,
            owner_followers=Profile.followers_count,
            owner_visibility=Profile.visibility,
            owner_moderation=Profile.moderation,
            owner_version=Profile.revision,
            user_uid=Profile.user_uid,
            role=User.role,
            user_status=User.status,
            user_version=User.version,
            **CITY_COLUMNS,
        )
    )
    .join(Profile, Profile.id == Photo.owner_id)
    .join(User, User.uid == Profile.user_uid)
    .outerjoin(City, City.id == Photo.city_id)
)
BY_ID: Lookup[PhotoRow] = Lookup(Photo.id, lambda row: row.id)
BY_OWNER: Lookup[PhotoRow] = Lookup(Photo.owner_id, lambda row: row.owner_id)
BY_OWNER_UID: Lookup[PhotoRow] = Lookup(Profile.user_uid, lambda row: row.user_uid)

MAPPING: dict[str, Any] = {
    **COMMON,
    **PLACE_MAPPING,
    "version": LONG,
    "title": text(),
    "caption": text(),
    # As written, for display; facets and filters use the folded copy.
    "tags": KEYWORD,
    "visibility": KEYWORD,
    "owner_id": KEYWORD,
    "owner_name": text(keyword=True),
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
# What queries match on, accents folded (see analysis); tags are facets too.
FOLDED: dict[str, Any] = {
    "title": folded_text(),
    "caption": folded_text(),
    "tags": {**facet(), "fields": {"text": folded_text(prefixes=True)}},
    "owner_name": folded_text(),
    "city_name": folded_text(),
}
MAPPING |= folded_mapping(FOLDED)
_FOLDED_TEXT = tuple(name for name in FOLDED if name != "tags")  # tags are keywords too


def document_version(photo_version: int, owner_revision: int, user_version: int) -> int:
    return photo_version + owner_revision + user_version


def _shown(row: PhotoRow) -> bool:
    return (
        row.status == "ready"
        and row.moderation == "visible"
        and row.visibility != "private"
        and owner_visible(row.user_status, row.owner_visibility, row.owner_moderation)
    )


def build(row: PhotoRow) -> Document:
    ident = str(row.id)
    tags = row.tags or []
    version = document_version(row.version, row.owner_version, row.user_version)
    if not _shown(row):
        return tombstone(NAME, ident, version)
    exif = kept_exif(msgspec.json.decode(row.exif_json or "{}"))
    followers_only = "followers" in (row.visibility, row.owner_visibility)
    fields = {
        **place(row, is_studio=False),
        "version": row.version,
        "title": row.title,
        "caption": row.caption,
        "tags": tags,
        "visibility": "followers" if followers_only else "public",
        "owner_id": str(row.owner_id),
        "owner_name": row.owner_name,
        "owner_role": row.role,
        "owner_followers": row.owner_followers,
        "owner_visibility": row.owner_visibility,
        "camera_make": exif.get("make"),
        "camera_model": exif.get("model"),
        "lens": exif.get("lens"),
        "exif": exif,
        "taken_at": row.taken_at,
        "width": row.width,
        "height": row.height,
        "variants": msgspec.Raw(row.variants_json or "[]"),
        "placeholder": row.placeholder,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    }
    # Tags are facets as well: one value whatever the case or accents, as filters ask.
    fields["folded"] = {**folded(fields, _FOLDED_TEXT), "tags": [fold_keyword(t) for t in tags]}
    # Left out, rather than null, when the row has no size to tell it from.
    if shape := orientation(row.width, row.height):
        fields["orientation"] = shape
    return visible(NAME, ident, version, fields)


def touched(event: events.Event) -> Want[PhotoRow] | Document | None:
    match event:
        case events.PhotoDeleted():
            version = document_version(event.version, event.owner_version, event.user_version)
            return tombstone(NAME, str(event.photo_id), version)
        case events.PhotoEvent(photo_id=photo_id):
            return BY_ID, photo_id
        case events.ProfileEvent(profile_id=owner_id):
            return BY_OWNER, owner_id
        case events.UserEvent(uid=uid):
            return BY_OWNER_UID, uid
    return None


PHOTOS = ReadModel(
    name=NAME,
    mapping=MAPPING,
    row=PhotoRow,
    query=QUERY,
    key=BY_ID,
    build=build,
    handles=groups.OWNER_CHANGES | groups.PHOTO_CHANGES | {events.PhotoDeleted},
    # A removed profile records a PhotoDeleted per photo. A new original keeps the last
    # document (its variants stay stored) until PhotoProcessed or PhotoFailed replaces it.
    ignores=groups.REPORT_CHANGES
    | {events.ProfileDeleted, events.PhotoUploaded, events.CitySeeded},
    touched=touched,
)
