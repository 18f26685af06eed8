"""Deleting stored files no photo refers to any more: replaced originals and their
variants, and everything of deleted photos (originals keep their GPS, so they must not
outlive the photo). Keys are content hashes that several photos may share, so a file goes
only when no row names it.

Safe against uploads running meanwhile: only files written before the grace period are
candidates, the references are read after the candidates are listed, and a candidate
written again since (every put replaces the file) is kept."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import msgspec
from sqlalchemy import Text, cast, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from lumen.db.photos import Photo
from lumen.media.storage import Storage

GRACE = timedelta(days=1)
# Rows read per round trip while collecting references.
PAGE = 5000


class Swept(msgspec.Struct, frozen=True):
    deleted: int
    kept: int
    incoming: int


async def referenced_keys(sessions: async_sessionmaker[AsyncSession]) -> set[str]:
    keys: set[str] = set()
    query = select(Photo.original_key, cast(Photo.variants, Text)).execution_options(yield_per=PAGE)
    async with sessions() as session:
        async for original, variants in await session.stream(query):
            if original:
                keys.add(original)
            keys.update(_variant_keys(msgspec.json.decode(variants or "[]")))
    return keys


def _variant_keys(variants: Any) -> list[str]:
    if not isinstance(variants, list):
        return []
    return [v["key"] for v in variants if isinstance(v, dict) and isinstance(v.get("key"), str)]


async def sweep(
    sessions: async_sessionmaker[AsyncSession], storage: Storage, grace: timedelta = GRACE
) -> Swept:
    cutoff = time.time() - grace.total_seconds()
    candidates = await storage.keys_older_than(cutoff)
    referenced = await referenced_keys(sessions)
    deleted = 0
    for key in candidates:
        if key not in referenced and await storage.delete_if_older(key, cutoff):
            deleted += 1
    incoming = await storage.discard_incoming(cutoff)
    return Swept(deleted=deleted, kept=len(candidates) - deleted, incoming=incoming)
