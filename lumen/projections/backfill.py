"""Every document of a projection, built from Postgres in id order, a page at a time,
by the same loaders and builders the projector uses."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute

from lumen.db.cities import City
from lumen.db.engine import Sessions
from lumen.db.photos import Photo
from lumen.db.profiles import Profile
from lumen.projections.batch import document_for
from lumen.projections.documents import Document
from lumen.projections.sources import Wanted, load

# The source table's key for each projection and how a page of keys is asked for.
_KEYS: dict[str, InstrumentedAttribute[Any]] = {
    "profiles": Profile.id,
    "following": Profile.id,
    "photos": Photo.id,
    "cities": City.id,
}


def _wanted(name: str, ids: list[Any]) -> Wanted:
    match name:
        case "profiles" | "following":
            return Wanted(profiles=set(ids))
        case "photos":
            return Wanted(photos=set(ids))
        case _:
            return Wanted(cities=set(ids))


def _key(name: str, ident: Any, user_uid: str | None) -> tuple[str, str]:
    return (name, user_uid if name == "following" and user_uid else str(ident))


async def source_count(sessions: Sessions, name: str) -> int:
    async with sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(_KEYS[name].class_)) or 0)


async def documents(
    sessions: Sessions, name: str, page_size: int = 1000
) -> AsyncIterator[list[Document]]:
    """Pages of documents; each page's rows are read in one short transaction, so a long
    backfill holds no snapshot open and sees every change committed before each page."""
    column, last = _KEYS[name], None
    while True:
        async with sessions() as session:
            page = select(column).order_by(column).limit(page_size)
            if last is not None:
                page = page.where(column > last)
            ids = list((await session.scalars(page)).all())
            if not ids:
                return
            snapshot = await load(session, _wanted(name, ids))
        uids: dict[uuid.UUID, str] = {p: row.user_uid for p, row in snapshot.profiles.items()}
        built = []
        for ident in ids:
            key = _key(name, ident, uids.get(ident))
            if name in ("profiles", "following") and ident not in snapshot.profiles:
                continue  # deleted since the page of ids was read
            if name == "photos" and ident not in snapshot.photos:
                continue
            built.append(document_for(key, snapshot))
        yield built
        last = ids[-1]
