"""Failure test for rebuilds: an index rebuilt while commands keep writing and a reader
keeps searching; and a rebuild interrupted half-way that is simply run again."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from lumen.projections.indices import layout, read_alias
from lumen.projections.projector import drain
from lumen.projections.rebuild import RebuildRunning, rebuild
from lumen.resources import Resources
from tests.projections.conftest import assert_converged, project_all
from tests.projections.world import (
    add_photo,
    add_profile,
    add_user,
    delete_profile,
    update_photo,
    update_profile,
)


async def _seed(res: Resources, profiles: int) -> list[uuid.UUID]:
    made: list[uuid.UUID] = []
    for _ in range(profiles):
        profile_id = await add_profile(res, await add_user(res))
        await add_photo(res, profile_id)
        made.append(profile_id)
    return made


async def test_a_rebuild_under_writes_and_reads_swaps_with_no_drift(search: Resources) -> None:
    profiles = await _seed(search, 60)
    await project_all(search)
    stop, errors, writes = asyncio.Event(), [], 0

    async def writer() -> None:
        nonlocal writes
        for round_ in range(10_000):
            if stop.is_set():
                return
            profile_id = profiles[round_ % len(profiles)]
            await update_profile(search, profile_id, headline=f"edit {round_}")
            photo = await add_photo(search, profile_id)
            await update_photo(search, photo, title=f"retitled {round_}")
            if round_ % 7 == 3:
                await delete_profile(search, profiles.pop(round_ % len(profiles)))
            writes += 1

    async def reader() -> None:
        body = {"query": {"bool": {"filter": [{"term": {"tombstone": False}}]}}}
        while not stop.is_set():
            for name in ("profiles", "photos"):
                try:
                    await search.search.search(index=read_alias(search.settings, name), body=body)
                except Exception as exc:
                    errors.append(repr(exc))
            await asyncio.sleep(0.005)

    async def projector() -> None:
        while not stop.is_set():
            await drain(search)
            await asyncio.sleep(0.01)

    tasks = [asyncio.create_task(job()) for job in (writer, reader, projector)]
    try:
        before = writes
        for name in ("profiles", "photos", "following"):
            await rebuild(search, name, grace_s=0.5)
        during = writes - before
    finally:
        stop.set()
        await asyncio.gather(*tasks)
    await project_all(search)
    now = await layout(search.search, search.settings)
    for name in ("profiles", "photos", "following"):
        assert now.readers[name].endswith("-v2")
        assert now.writers[name] == [now.readers[name]]
        assert now.versions[name] == [2]
    assert during > 0
    assert errors == []
    await assert_converged(search)


class Interrupted(Exception):
    pass


async def test_an_interrupted_rebuild_is_run_again(search: Resources) -> None:
    await _seed(search, 5)
    await project_all(search)

    def crash(done: int, total: int) -> None:
        raise Interrupted

    with pytest.raises(ExceptionGroup) as raised:
        await rebuild(search, "profiles", grace_s=0, progress=crash)
    assert raised.group_contains(Interrupted)
    half = await layout(search.search, search.settings)
    assert half.readers["profiles"].endswith("-v1")
    assert sorted(half.writers["profiles"])[-1].endswith("-v2")
    await update_profile(search, (await _seed(search, 1))[0], headline="between runs")
    await project_all(search)
    result = await rebuild(search, "profiles", grace_s=0)
    assert result.new.endswith("-v2")
    done = await layout(search.search, search.settings)
    assert done.readers["profiles"].endswith("-v2")
    assert done.versions["profiles"] == [2]
    await assert_converged(search)


async def test_a_second_rebuild_of_the_same_projection_is_refused(search: Resources) -> None:
    await _seed(search, 3)
    await project_all(search)
    outcomes = await asyncio.gather(
        rebuild(search, "profiles", grace_s=0),
        rebuild(search, "profiles", grace_s=0),
        return_exceptions=True,
    )
    refused = [o for o in outcomes if isinstance(o, RebuildRunning)]
    assert len(refused) == 1, outcomes
    assert "already running" in str(refused[0])
    done = await layout(search.search, search.settings)
    assert done.versions["profiles"] == [2]
    # The lock went with the rebuild that held it.
    assert (await rebuild(search, "profiles", grace_s=0)).new.endswith("-v3")
    await assert_converged(search)
