"""`GET /v1/me/photos`: the owner's own photos in every state — drafts, private, failed
and hidden ones included — newest first, a page at a time.

Served from the photos table, beside the owner's other reads (`/v1/me/profile`,
`/v1/me/photos/{id}`): the search indices hold only what may be found, so drafts and
private photos are not there, and the owner's rows are the read model of what they own.
A cursor is the last row's (created_at, id); it names only the caller's own rows."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any, ClassVar, cast

import msgspec
from litestar import Controller, get
from litestar.params import Parameter
from sqlalchemy import select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from lumen.commands import cursors
from lumen.commands.photos.structs import PhotoOut, Status
from lumen.commands.photos.views import view_of
from lumen.db.cities import City
from lumen.db.photos import Photo
from lumen.db.profiles import Profile
from lumen.http import Acc, Res
from lumen.shapes.photos import Owner
from lumen.shapes.profiles import Role

Statuses = Annotated[
    list[Status] | None, Parameter(max_items=4, description="Repeat for several; all if absent")
]
PageSize = Annotated[int, Parameter(ge=1, le=50, description="Photos per page")]
Cursor = Annotated[str | None, Parameter(max_length=200, description="`next_cursor`, as it was")]


class MyPhotoPage(msgspec.Struct, kw_only=True):
    items: list[PhotoOut]
    # Absent on the last page.
    next_cursor: str | None = None

    example: ClassVar[dict[str, Any]] = {
        "items": [PhotoOut.example],
        "next_cursor": "eyJjcmVhdGVkX2F0IjoiMjAyNi0xMC0wM1QwOTowMDowMFoifQ",
    }


class _After(msgspec.Struct, array_like=True):
    created_at: dt.datetime
    id: uuid.UUID


class MyPhotosController(Controller):
    path = "/v1/me/photos"
    tags = ["photos"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @get("/", operation_id="listMyPhotos", summary="List my photos in every state")
    async def list_mine(
        self,
        account: Acc,
        resources: Res,
        status: Statuses = None,
        page_size: PageSize = 20,
        cursor: Cursor = None,
    ) -> MyPhotoPage:
        """Newest first; `status` narrows the list (e.g. `status=failed` for the uploads to
        fix). Follow `next_cursor` for the next page."""
        query = (
            select(Photo, Profile.display_name)
            .join(Profile, Profile.id == Photo.owner_id)
            .where(Profile.user_uid == account.uid)
            .order_by(Photo.created_at.desc(), Photo.id.desc())
            .limit(page_size + 1)
        )
        if status:
            query = query.where(Photo.status.in_(status))
        if cursor is not None:
            after = cursors.decode(cursor, _After)
            query = query.where(tuple_(Photo.created_at, Photo.id) < (after.created_at, after.id))
        async with resources.sessions() as session:
            found = (await session.execute(query)).all()
            page, more = found[:page_size], len(found) > page_size
            cities = await _cities(session, {photo.city_id for photo, _ in page})
        key, role = resources.settings.secret_key, cast(Role, account.role)
        items = [
            view_of(photo, Owner(photo.owner_id, name, role), cities.get(photo.city_id), key)
            for photo, name in page
        ]
        return MyPhotoPage(items=items, next_cursor=_next(page[-1][0]) if more else None)


def _next(last: Photo) -> str:
    return cursors.encode(_After(last.created_at, last.id))


async def _cities(session: AsyncSession, ids: set[int | None]) -> dict[int | None, City]:
    """The cities of a page's photos in one query, however many photos it holds."""
    wanted = ids - {None}
    if not wanted:
        return {}
    return {
        city.id: city for city in await session.scalars(select(City).where(City.id.in_(wanted)))
    }
