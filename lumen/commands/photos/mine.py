"""`GET /v1/me/photos`: the owner's own photos in every state — drafts, private, failed
and hidden ones included — newest first, a page at a time.

Served from the photos table, beside the owner's other reads (`/v1/me/profile`,
`/v1/me/photos/{id}`): the search indices hold only what may be found, so drafts and
private photos are not there, and the owner's rows are the read model of what they own.
A cursor is the last row's (created_at, id); it names only the caller's own rows."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

import msgspec
from litestar import Controller, get
from litestar.params import Parameter
from sqlalchemy import select, tuple_

from lumen.commands import cursors
from lumen.commands.photos.structs import PhotoOut
from lumen.commands.photos.views import owner_view, with_urls
from lumen.db.photos import Photo
from lumen.db.profiles import Profile
from lumen.http import Acc, Res

Status = Literal["draft", "processing", "ready", "failed"]
Statuses = Annotated[
    list[Status] | None, Parameter(max_items=4, description="Repeat for several; all if absent")
]
PageSize = Annotated[int, Parameter(ge=1, le=50, description="Photos per page")]
Cursor = Annotated[str | None, Parameter(max_length=200, description="`next_cursor`, as it was")]


class MyPhotoPage(msgspec.Struct, kw_only=True):
    items: list[PhotoOut]
    # Absent on the last page.
    next_cursor: str | None = None


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
            select(Photo)
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
            photos = list((await session.scalars(query)).all())
        shown, more = photos[:page_size], len(photos) > page_size
        key = resources.settings.secret_key
        return MyPhotoPage(
            items=[with_urls(owner_view(photo), key) for photo in shown],
            next_cursor=cursors.encode(_After(shown[-1].created_at, shown[-1].id))
            if more
            else None,
        )
