"""The owner's view of a photo, in any processing state: the shape others see once it is
ready (lumen.shapes.photos), from the same rules, with what only its owner sees."""

from __future__ import annotations

import uuid
from typing import Any, cast

from litestar import Response
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from lumen.commands.photos.structs import Moderation, PhotoOut, Status
from lumen.commands.profiles.structs import LocationOut
from lumen.commands.versions import tagged
from lumen.db.cities import City
from lumen.db.photos import Photo
from lumen.db.profiles import Profile
from lumen.db.users import User
from lumen.media import urls
from lumen.shapes.photos import Owner, Variant, kept_exif, orientation
from lumen.shapes.places import Place
from lumen.shapes.profiles import Role, Visibility


async def owner_of(session: AsyncSession, owner_id: uuid.UUID) -> Owner:
    name, role = (
        await session.execute(
            select(Profile.display_name, User.role)
            .join(User, User.uid == Profile.user_uid)
            .where(Profile.id == owner_id)
        )
    ).one()
    return Owner(owner_id, name, cast(Role, role))


async def owner_view(
    session: AsyncSession, photo: Photo, secret_key: str, owner: Owner | None = None
) -> PhotoOut:
    """`owner` when the caller has it at hand; otherwise it is read."""
    if owner is None:
        owner = await owner_of(session, photo.owner_id)
    # Usually in the session already: the command that set the location looked it up.
    city = None if photo.city_id is None else await session.get(City, photo.city_id)
    return view_of(photo, owner, city, secret_key)


def _variants(photo: Photo, secret_key: str) -> list[Variant]:
    stored: list[dict[str, Any]] = photo.variants or []
    return [
        Variant(
            url=urls.variant_url(secret_key, v["key"], photo.visibility),
            width=v.get("width"),
            height=v.get("height"),
            media_type=v.get("media_type"),
        )
        for v in stored
    ]


def view_of(photo: Photo, owner: Owner, city: City | None, secret_key: str) -> PhotoOut:
    exif = kept_exif(photo.exif or {})
    return PhotoOut(
        id=photo.id,
        owner=owner,
        title=photo.title,
        caption=photo.caption,
        tags=photo.tags,
        visibility=cast(Visibility, photo.visibility),
        place=Place.of(photo.location_precision, city, is_studio=False),
        camera_make=exif.get("make"),
        camera_model=exif.get("model"),
        lens=exif.get("lens"),
        exif=exif,
        taken_at=photo.taken_at,
        width=photo.width,
        height=photo.height,
        orientation=orientation(photo.width, photo.height),
        variants=_variants(photo, secret_key),
        placeholder=photo.placeholder,
        created_at=photo.created_at,
        status=cast(Status, photo.status),
        failure_reason=photo.failure_reason,
        moderation=cast(Moderation, photo.moderation),
        location=LocationOut.of(photo),
        version=photo.version,
        updated_at=photo.updated_at,
    )


def tagged_photo(
    view: PhotoOut, status: int = 200, location: str | None = None
) -> Response[PhotoOut]:
    """With its version as the ETag, and the expiry of its variants' URLs once it has any:
    If-None-Match stops matching when they are signed anew."""
    until = urls.expiry(urls.scope_of(view.visibility)) if view.variants else None
    return tagged(view, status, location, until)
