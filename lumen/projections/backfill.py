"""Every document of a projection, built from Postgres in id order, a page at a time,
by the same row queries and builders the projector uses."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import InstrumentedAttribute

from lumen.db.cities import City
from lumen.db.engine import Sessions
from lumen.db.photos import Photo
from lumen.db.profiles import Profile
from lumen.projections.documents import (
    Document,
    city_document,
    following_document,
    photo_document,
    profile_document,
)
from lumen.projections.source_queries import CITIES, PHOTOS, PROFILES, rows
from lumen.projections.sources import Snapshot, load_profile_details

# Each projection's source query and key: pages are read by a keyset scan over the
# joined query itself, one query per page (and the profile details), not a page of
# ids and then its rows by a long IN list.
_SCANS: dict[str, tuple[Select[*tuple[Any, ...]], InstrumentedAttribute[Any]]] = {
    "profiles": (PROFILES, Profile.id),
    "following": (PROFILES, Profile.id),
    "photos": (PHOTOS, Photo.id),
    "cities": (CITIES, City.id),
}
_BUILD: dict[str, Callable[[Any, Snapshot], Document]] = {
    "profiles": lambda row, s: profile_document(row, s.specialties.get(row.id, [])),
    "following": lambda row, s: following_document(row, s.followees.get(row.id, [])),
    "photos": lambda row, s: photo_document(row),
    "cities": lambda row, s: city_document(row),
}


async def source_count(sessions: Sessions, name: str) -> int:
    column = _SCANS[name][1]
    async with sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(column.class_)) or 0)


async def documents(
    sessions: Sessions, name: str, page_size: int = 1000
) -> AsyncIterator[list[Document]]:
    """Pages of documents; each page's rows are read in one short transaction, so a long
    backfill holds no snapshot open and sees every change committed before each page."""
    (query, column), build, last = _SCANS[name], _BUILD[name], None
    while True:
        async with sessions() as session:
            page = query.order_by(column).limit(page_size)
            if last is not None:
                page = page.where(column > last)
            found = list(await rows(session, page))
            if not found:
                return
            snapshot = Snapshot()
            if name in ("profiles", "following"):
                snapshot.profiles = {row.id: row for row in found}
                await load_profile_details(session, snapshot)
        yield [build(row, snapshot) for row in found]
        last = found[-1].id
