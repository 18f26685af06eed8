"""Photo metadata commands: the owner's photos change one command, one version, one event."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from functools import cache
from typing import Any, cast

import msgspec
from sqlalchemy import Select, bindparam, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from lumen import events
from lumen.auth.accounts import Account
from lumen.auth.guards import ensure_owner
from lumen.commands import locations
from lumen.commands.errors import NotFound, ProfileRequired
from lumen.commands.fields import Precision, Visibility
from lumen.commands.photos.structs import PhotoIn, PhotoOut, PhotoPatch
from lumen.commands.profiles.structs import LocationOut
from lumen.commands.versions import check_if_match
from lumen.db.outbox import record, with_event
from lumen.db.photos import Photo
from lumen.db.profiles import Profile
from lumen.db.users import User

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
    session: AsyncSession, account: Account, photo_id: uuid.UUID, if_match: str | None
) -> Photo:
    found = (
        await session.execute(
            select(Photo, Profile.user_uid)
            .join(Profile, Profile.id == Photo.owner_id)
            .where(Photo.id == photo_id)
        )
    ).first()
    if found is None:
        raise NotFound(f"No photo {photo_id}.")
    photo, owner_uid = found
    ensure_owner(account, owner_uid)
    check_if_match(if_match, photo.version)
    return photo


async def _apply(session: AsyncSession, photo: Photo, changes: dict[str, Any]) -> None:
    for name in PLAIN_FIELDS:
        if name in changes:
            setattr(photo, name, changes[name])
    if "location" in changes:
        stored = await locations.resolve(session, changes["location"])
        photo.location_precision = stored.precision
        photo.city_id, photo.latitude, photo.longitude = (
            stored.city_id,
            stored.latitude,
            stored.longitude,
        )


async def _commit(session: AsyncSession, photo: Photo) -> None:
    await session.flush()
    await record(
        session,
        events.PhotoUpdated(photo_id=photo.id, version=photo.version, owner_id=photo.owner_id),
    )


@cache
def _create_statement() -> Select[tuple[Photo]]:
    """Finds the owner's profile, inserts the draft and records its event in one
    statement (creating photos is the hot path of uploads); built once, bound per call."""
    owner = select(
        bindparam("id", type_=Photo.__table__.c.id.type),
        Profile.id,
        *(bindparam(c, type_=Photo.__table__.c[c].type) for c in INSERTED),
    ).where(Profile.user_uid == bindparam("owner_uid"))
    change = insert(Photo).from_select(["id", "owner_id", *INSERTED], owner)
    statement = with_event(change.returning(*Photo.__table__.c), events.PhotoCreated)
    return select(Photo).from_statement(statement)  # type: ignore[return-value]


async def create_photo(session: AsyncSession, account: Account, data: PhotoIn) -> Photo:
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
    photo: Photo | None = await session.scalar(_create_statement(), values)
    if photo is None:
        raise ProfileRequired("This needs a profile of your own.")
    return photo


async def update_photo(
    session: AsyncSession,
    account: Account,
    photo_id: uuid.UUID,
    if_match: str | None,
    data: PhotoIn | PhotoPatch,
) -> Photo:
    photo = await owned_photo(session, account, photo_id, if_match)
    changes = {k: v for k, v in msgspec.structs.asdict(data).items() if v is not msgspec.UNSET}
    with session.no_autoflush:
        await _apply(session, photo, changes)
        photo.updated_at = datetime.now(UTC)
    await _commit(session, photo)
    return photo


async def delete_photo(
    session: AsyncSession, account: Account, photo_id: uuid.UUID, if_match: str | None
) -> None:
    photo = await owned_photo(session, account, photo_id, if_match)
    owner = (
        await session.execute(
            select(Profile.revision, User.version)
            .join(User, User.uid == Profile.user_uid)
            .where(Profile.id == photo.owner_id)
        )
    ).one()
    # One version past the last, with the owner's, so the tombstone outranks every document.
    deleted = events.PhotoDeleted(
        photo_id=photo.id,
        version=photo.version + 1,
        owner_id=photo.owner_id,
        owner_version=owner[0],
        user_version=owner[1],
    )
    await record(session, deleted)
    await session.delete(photo)


def owner_view(photo: Photo) -> PhotoOut:
    return PhotoOut(
        id=photo.id,
        owner_id=photo.owner_id,
        title=photo.title,
        caption=photo.caption,
        tags=photo.tags,
        visibility=cast(Visibility, photo.visibility),
        status=photo.status,
        failure_reason=photo.failure_reason,
        moderation=photo.moderation,
        taken_at=photo.taken_at,
        location=LocationOut(
            precision=cast(Precision, photo.location_precision),
            city_id=photo.city_id,
            latitude=photo.latitude,
            longitude=photo.longitude,
        ),
        width=photo.width,
        height=photo.height,
        exif=photo.exif,
        variants=photo.variants,
        placeholder=photo.placeholder,
        version=photo.version,
        created_at=photo.created_at,
        updated_at=photo.updated_at,
    )
