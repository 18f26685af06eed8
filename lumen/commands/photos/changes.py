"""Loading the caller's photo to change it, applying metadata, and creating a draft in
one statement (the hot path of uploads)."""

from __future__ import annotations

import uuid
from functools import cache
from typing import Any, cast

from sqlalchemy import Select, String, bindparam, column, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from lumen import events
from lumen.auth.accounts import Account
from lumen.commands import locations
from lumen.commands.editor import Editor
from lumen.commands.errors import NotFound, ProfileRequired
from lumen.commands.photos.structs import PhotoIn
from lumen.db.outbox import with_event
from lumen.db.photos import Photo
from lumen.db.profiles import Profile
from lumen.shapes.photos import Owner
from lumen.shapes.profiles import Role

OWNER_NAME = "owner_name"
PLAIN_FIELDS = ("title", "caption", "tags", "visibility", "taken_at")
INSERTED = (
    *PLAIN_FIELDS,
    "exif",
    "variants",
    "location_precision",
    "city_id",
    "latitude",
    "longitude",
    "status",
    "moderation",
    "version",
)


async def owned_photo(
    session: AsyncSession, editor: Editor, photo_id: uuid.UUID, *, locked: bool = True
) -> Photo:
    query = (
        select(Photo, Profile.user_uid)
        .join(Profile, Profile.id == Photo.owner_id)
        .where(Photo.id == photo_id)
    )
    # To change it, the photo's row (only) is locked: its writers (the owner, the image
    # job) queue on it and each reads the version the last one wrote.
    if locked:
        query = query.with_for_update(of=Photo, key_share=True)
    found = (await session.execute(query)).first()
    if found is None:
        raise NotFound(f"No photo {photo_id}.")
    photo, owner_uid = found
    editor.check(owner_uid, photo.version)
    return photo


async def apply(session: AsyncSession, photo: Photo, changes: dict[str, Any]) -> None:
    for name in PLAIN_FIELDS:
        if name in changes:
            setattr(photo, name, changes[name])
    if "location" in changes:
        stored = await locations.resolve(session, changes["location"], locations.held_by(photo))
        photo.location_precision = stored.precision
        photo.city_id, photo.latitude, photo.longitude = (
            stored.city_id,
            stored.latitude,
            stored.longitude,
        )


@cache
def _create_statement() -> Select[Photo, str]:
    """Finds the owner's profile, inserts the draft, records its event and reads the
    owner's name in one statement; built once, bound per call."""
    owner = select(
        bindparam("id", type_=Photo.__table__.c.id.type),
        Profile.id,
        *(bindparam(c, type_=Photo.__table__.c[c].type) for c in INSERTED),
    ).where(Profile.user_uid == bindparam("owner_uid"))
    change = insert(Photo).from_select(["id", "owner_id", *INSERTED], owner)
    statement = with_event(change.returning(*Photo.__table__.c), events.PhotoCreated)
    changed = statement.selected_columns
    named = statement.add_columns(Profile.display_name.label(OWNER_NAME)).join(
        Profile, Profile.id == changed.owner_id
    )
    return select(Photo, column(OWNER_NAME, String)).from_statement(named)  # type: ignore[return-value]


async def insert_photo(
    session: AsyncSession, account: Account, data: PhotoIn
) -> tuple[Photo, Owner]:
    where = await locations.resolve(session, data.location)
    values = {
        "id": uuid.uuid4(),
        "owner_uid": account.uid,
        "title": data.title,
        "caption": data.caption,
        "tags": data.tags,
        "visibility": data.visibility,
        "taken_at": data.taken_at,
        "exif": {},
        "variants": [],
        "location_precision": where.precision,
        "city_id": where.city_id,
        "latitude": where.latitude,
        "longitude": where.longitude,
        "status": "draft",
        "moderation": "visible",
        "version": 1,
    }
    created = (await session.execute(_create_statement(), values)).first()
    if created is None:
        raise ProfileRequired("This needs a profile of your own.")
    photo, name = created
    return photo, Owner(photo.owner_id, name, cast(Role, account.role))
