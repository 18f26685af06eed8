"""What operators use: verify, status, replay, purge, the metrics endpoint and the CLI."""

from __future__ import annotations

import asyncio
import json
import uuid

from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import text

from lumen.projections.indices import read_alias
from lumen.projections.purge import purge_tombstones
from lumen.projections.status import status
from lumen.projections.verify import verify
from lumen.resources import Resources
from tests.projections.conftest import project_all
from tests.projections.workers import run_cli
from tests.projections.world import add_photo, add_profile, add_user, raw_event, update_profile


async def test_verify_lists_missing_stale_and_extra_documents(search: Resources) -> None:
    gone = await add_profile(search, await add_user(search))
    behind = await add_profile(search, await add_user(search))
    await project_all(search)
    alias = read_alias(search.settings, "profiles")
    await search.search.delete(alias, str(gone), refresh=True)
    await update_profile(search, behind, headline="not projected yet")
    stray = str(uuid.uuid4())
    await search.search.put(
        f"{search.settings.index_prefix}-profiles-v1",
        stray,
        {"id": stray, "tombstone": False},
        refresh=True,
    )
    drift = await verify(search, "profiles")
    assert (drift.missing, drift.stale, drift.extra) == ([str(gone)], [str(behind)], [stray])


async def test_the_verify_command_exits_non_zero_on_drift(search: Resources) -> None:
    profile_id = await add_profile(search, await add_user(search))
    await project_all(search)
    clean = await asyncio.to_thread(run_cli, search.settings, "projections", "verify", "profiles")
    assert clean.returncode == 0, clean.stderr
    await update_profile(search, profile_id, headline="pending")
    drifted = await asyncio.to_thread(run_cli, search.settings, "projections", "verify", "profiles")
    assert drifted.returncode == 1
    assert json.loads(drifted.stdout)["stale"] == [str(profile_id)]


async def test_status_counts_documents_sources_and_backlog(search: Resources) -> None:
    owner = await add_profile(search, await add_user(search))
    await add_photo(search, owner)
    await project_all(search)
    await raw_event(search, "photo", "broken", "PhotoUpdated")
    await project_all(search)
    report = await status(search)
    by_name = {p.name: p for p in report.projections}
    assert (by_name["profiles"].documents, by_name["profiles"].source_rows) == (1, 1)
    assert (by_name["photos"].documents, by_name["photos"].source_rows) == (1, 1)
    assert by_name["profiles"].index == f"{search.settings.index_prefix}-profiles-v1"
    # The broken event, dead at once: no retry can make it a photo's id.
    assert (report.backlog.pending, report.backlog.dead) == (0, 1)
    assert report.batches.count > 0


async def test_the_metrics_endpoint_reports_lag_and_dead_events(
    search: Resources, client: AsyncTestClient[Litestar], operator: dict[str, str]
) -> None:
    await raw_event(search, "profile", "broken", "ProfileUpdated")
    response = await client.get("/health/projections", headers=operator)
    assert response.status_code == 200
    body = response.json()
    assert body["backlog"]["pending"] == 1
    assert body["backlog"]["oldest_pending_age_s"] >= 0
    assert body["backlog"]["dead"] == 0


async def test_old_tombstones_are_purged(search: Resources) -> None:
    profile_id = await add_profile(search, await add_user(search), visibility="private")
    await add_profile(search, await add_user(search))
    await project_all(search)
    assert await purge_tombstones(search.search, search.settings, older_than_s=3600) == 0
    assert await purge_tombstones(search.search, search.settings, older_than_s=0) == 1
    alias = read_alias(search.settings, "profiles")
    assert await search.search.get(alias, str(profile_id)) is None


async def test_replaying_dead_events_from_the_command_line(search: Resources) -> None:
    async with search.db.begin() as conn:
        await conn.execute(
            text(
                "INSERT INTO outbox (aggregate_type, aggregate_id, aggregate_version, event_type,"
                " payload, attempts, dead_at) VALUES ('profile', 'x', 1, 'ProfileUpdated', '{}', 8,"
                " now())"
            )
        )
    result = await asyncio.to_thread(run_cli, search.settings, "projections", "replay-dead")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("1 dead events replayed")
