"""Pointing a photo row at stored files, safe against an erasure of those very files: keys
are content hashes, so another photo's deletion may be erasing a file this change has
just stored again (lumen.db.file_references holds the rule)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from lumen.db.file_references import lock_keys
from lumen.media.backend import storage_for
from lumen.settings import Settings


class FileGone(Exception):
    """Erased between being stored and being named; storing it again mends it."""


async def hold_files(session: AsyncSession, settings: Settings, keys: Sequence[str]) -> None:
    """Until the transaction ends, no erasure of these files starts; raises FileGone for
    one that an erasure finished first."""
    if not keys:
        return
    await lock_keys(session, keys, shared=True)
    storage = storage_for(settings)
    for key in keys:
        if not await storage.exists(key):
            raise FileGone(key)
