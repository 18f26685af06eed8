"""Zero-downtime rebuild: a new index joins the write alias (so the live projector keeps
it current), a backfill loads it from Postgres, and the read alias swaps atomically.
External versions make the overlap safe: whichever of the projector and the backfill
writes a document last, the newer version stays.

Re-running after an interruption picks up the unfinished index (the one written to but
not read) and backfills it again, which only rewrites what is older."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from sqlalchemy import text

from lumen.engine import SearchClient, bulk_refusals
from lumen.progress import Progress
from lumen.projections import targets
from lumen.projections.backfill import documents, source_count
from lumen.projections.indices import Layout, layout, read_alias, versioned, write_alias
from lumen.projections.read_model import Document
from lumen.projections.registry import read_model
from lumen.projections.schema import create_index, current, ensure_indices, tuned_settings
from lumen.projections.writes import action
from lumen.resources import Resources

GRACE_S = 60.0
PAGE_SIZE = 2000
# Bulk requests in flight while the next page is read and built.
PARALLEL_WRITES = 2


@dataclass(frozen=True, slots=True)
class Rebuilt:
    old: str | None
    new: str
    documents: int


class BackfillRefused(Exception):
    """The engine refused documents of the backfill; the rebuild stops before the swap."""


class RebuildRunning(Exception):
    """Another rebuild of the same projection holds its lock; this one changed nothing."""


@asynccontextmanager
async def _alone(resources: Resources, name: str) -> AsyncIterator[None]:
    """Holds a session advisory lock for the rebuild of `name` (of this index prefix): two
    rebuilds at once would each create an index and swap aliases under the other. A
    rebuild that dies releases it with its connection."""
    key = {"key": f"{resources.settings.index_prefix}:rebuild:{name}"}
    async with resources.db.connect() as conn:
        if not await conn.scalar(text("SELECT pg_try_advisory_lock(hashtext(:key))"), key):
            raise RebuildRunning(f"a rebuild of {name} is already running")
        try:
            yield
        finally:
            await conn.execute(text("SELECT pg_advisory_unlock(hashtext(:key))"), key)


async def _target(client: SearchClient, resources: Resources, name: str, now: Layout) -> str:
    settings = resources.settings
    writers = now.writers.get(name, [])
    fresh = await current(client, writers)
    unfinished = [i for i in fresh if i != now.readers.get(name)]
    if unfinished:
        index = unfinished[-1]
        await client.put_settings(index, {"index": tuned_settings(settings, loading=True)})
        return index
    index = versioned(settings, name, max(now.versions.get(name, [0])) + 1)
    await create_index(client, settings, index, name, loading=True)
    actions = [{"add": {"index": index, "alias": write_alias(settings, name)}}]
    # An index of an older schema would refuse the documents the projector now builds:
    # it leaves the write alias at once, and keeps serving reads until the swap.
    actions += [
        {"remove": {"index": old, "alias": write_alias(settings, name)}}
        for old in writers
        if old not in fresh
    ]
    await client.update_aliases(actions)
    # Before the backfill reads a row: see lumen/projections/targets.py.
    await targets.announce(resources.redis, settings)
    return index


async def _leftovers(client: SearchClient, name: str, now: Layout, keep: str) -> None:
    # Indices in no alias: what an interrupted grace period left behind.
    aliased = set(now.readers.values()) | {i for w in now.writers.values() for i in w}
    prefix = keep.rsplit("-v", 1)[0]
    for version in now.versions.get(name, []):
        index = f"{prefix}-v{version}"
        if index not in aliased and index != keep:
            await client.delete_index(index)


async def _load(resources: Resources, name: str, index: str, progress: Progress | None) -> int:
    model = read_model(name)
    total, done = await source_count(resources.sessions, model), 0
    pages: asyncio.Queue[list[Document] | None] = asyncio.Queue(maxsize=PARALLEL_WRITES)

    async def send() -> None:
        nonlocal done
        while (page := await pages.get()) is not None:
            refused = await bulk_refusals(resources.search, [action(d, index) for d in page])
            refused = [r for r in refused if r.get("status") != 409]
            if refused:
                raise BackfillRefused(f"{len(refused)} documents refused, e.g. {refused[0]}")
            done += len(page)
            if progress is not None:
                progress(done, total)

    async def read() -> None:
        async for page in documents(resources.sessions, model, PAGE_SIZE):
            await pages.put(page)
        for _ in range(PARALLEL_WRITES):
            await pages.put(None)

    async with asyncio.TaskGroup() as group:
        group.create_task(read())
        for _ in range(PARALLEL_WRITES):
            group.create_task(send())
    return done


async def rebuild(
    resources: Resources, name: str, *, grace_s: float = GRACE_S, progress: Progress | None = None
) -> Rebuilt:
    """Rebuilds `name`; raises RebuildRunning when another rebuild of it is under way."""
    async with _alone(resources, name):
        return await _rebuild(resources, name, grace_s, progress)


async def _rebuild(
    resources: Resources, name: str, grace_s: float, progress: Progress | None
) -> Rebuilt:
    client, settings = resources.search, resources.settings
    now = await layout(client, settings)
    old = now.readers.get(name)
    new = await _target(client, resources, name, now)
    await _leftovers(client, name, now, new)
    loaded = await _load(resources, name, new, progress)
    await client.put_settings(new, {"index": tuned_settings(settings, loading=False)})
    await client.refresh(new)
    await client.health(new, wait_for="yellow")
    swap = [{"add": {"index": new, "alias": read_alias(settings, name)}}]
    if old is not None:
        swap.append({"remove": {"index": old, "alias": read_alias(settings, name)}})
        # Unless it left the write alias already, for being of an older schema.
        if old in (await layout(client, settings)).writers.get(name, []):
            swap.append({"remove": {"index": old, "alias": write_alias(settings, name)}})
    await client.update_aliases(swap)
    await targets.announce(resources.redis, settings)
    if old is not None:
        # Batches that listed their targets before the swap may still write to the old index.
        await asyncio.sleep(grace_s)
        await client.delete_index(old)
    return Rebuilt(old, new, loaded)


async def upgrade(resources: Resources) -> list[Rebuilt]:
    """Makes sure every projection has its indices, and rebuilds those of an older schema
    (the first worker to start after a mapping change does this before it projects)."""
    outdated = await ensure_indices(resources.search, resources.settings)
    done = []
    for name in outdated:
        try:
            done.append(await rebuild(resources, name, grace_s=0))
        except RebuildRunning:
            # Another worker is at it; its swap brings this one's readers along.
            continue
    return done
