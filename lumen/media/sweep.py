"""Deleting stored files no photo refers to any more: replaced originals and their
variants, and everything of deleted photos (originals keep their GPS, so they must not
outlive the photo). Keys are content hashes that several photos may share, so a file goes
only when no row names it.

Safe against uploads running meanwhile: only files written before the grace period are
candidates, the references are read after the candidates are listed, and a candidate
written again since (every put replaces the file) is kept."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from datetime import timedelta

import msgspec

from lumen.media.storage import Storage

GRACE = timedelta(days=1)


class Swept(msgspec.Struct, frozen=True):
    deleted: int
    kept: int
    incoming: int


async def sweep(
    storage: Storage,
    referenced: Callable[[], Awaitable[set[str]]],
    grace: timedelta = GRACE,
    progress: Callable[[int, int], None] | None = None,
) -> Swept:
    """`referenced` reads the keys every photo row names, after the candidates are listed;
    `progress` hears of the candidates looked at."""
    cutoff = time.time() - grace.total_seconds()
    candidates = await storage.keys_older_than(cutoff)
    named = await referenced()
    deleted = 0
    for done, key in enumerate(candidates, 1):
        if key not in named and await storage.delete_if_older(key, cutoff):
            deleted += 1
        if progress and (done % 100 == 0 or done == len(candidates)):
            progress(done, len(candidates))
    incoming = await storage.discard_incoming(cutoff)
    return Swept(deleted=deleted, kept=len(candidates) - deleted, incoming=incoming)
