"""A three-node Elasticsearch cluster loses a node in the middle of a projection drain.

The indices carry one replica each. One node is killed (SIGKILL) while a bulk request is
in flight; the drain carries on against the other two. Nothing is lost: every event is
acknowledged and none is dead; while the cluster is yellow, searches keep answering;
once the node is back and the cluster green, verify finds no drift in any projection.
The cluster is started here unless it runs already, and what was started is stopped.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy import text

from lumen.app import create_app
from lumen.engine import SearchClient
from lumen.projections import writes
from lumen.projections.indices import PROJECTIONS
from lumen.projections.projector import Steps, drain
from lumen.projections.rebuild import upgrade
from lumen.projections.verify import verify
from lumen.projections.writes import EngineUnavailable, Planned
from lumen.resources import Resources
from tests.conftest import make_settings
from tests.projections.world import add_photo, add_profile, add_user, update_profile

pytestmark = [pytest.mark.cluster, pytest.mark.timeout(900)]

NODE_SCRIPT = Path(__file__).resolve().parents[2] / "infra" / "elasticsearch-node"
NODES = "http://127.0.0.1:9210,http://127.0.0.1:9211,http://127.0.0.1:9212"
KILLED = 1
PEOPLE = 150
# The bulk request during which the node goes: well inside the drain.
KILL_AT_SEND = 4


def _node(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - the repository's own script
        [str(NODE_SCRIPT), *args], capture_output=True, text=True, timeout=300, check=False
    )


@pytest.fixture(scope="module")
def cluster() -> Iterator[None]:
    started_here = _node("cluster-started").returncode != 0
    done = _node("cluster-start")
    assert done.returncode == 0, done.stderr
    yield
    if started_here:
        _node("cluster-stop")
    else:
        # Leave a cluster someone else started as it was: all three nodes up.
        _node("cluster-start", str(KILLED))


@pytest.fixture
async def on_cluster(cluster: None, db: Resources) -> AsyncIterator[Resources]:
    settings = make_settings(
        LUMEN_SEARCH_ENGINE="elasticsearch",
        LUMEN_SEARCH_URL=NODES,
        LUMEN_INDEX_REPLICAS="1",
        LUMEN_INDEX_PREFIX=f"{db.settings.index_prefix}-cluster",
        LUMEN_PROJECTOR_BATCH_SIZE="50",
        LUMEN_QUERY_CACHE_TTL_S="0",
    )
    res = Resources.open(settings)
    await _drop_indices(res.search, settings.index_prefix)
    try:
        yield res
    finally:
        await _drop_indices(res.search, settings.index_prefix)
        await res.close()


async def _drop_indices(client: SearchClient, prefix: str) -> None:
    for index in await client.aliases(f"{prefix}-*"):
        await client.delete_index(index)


async def _outbox(res: Resources) -> tuple[int, int]:
    """(events not yet acknowledged, dead events)."""
    async with res.db.connect() as conn:
        row = (
            await conn.execute(
                text(
                    "SELECT count(*) FILTER (WHERE processed_at IS NULL AND dead_at IS NULL),"
                    " count(*) FILTER (WHERE dead_at IS NOT NULL) FROM outbox"
                )
            )
        ).one()
    return int(row[0]), int(row[1])


async def _community(res: Resources) -> None:
    # The cities the test database holds are projected like the rest.
    async with res.db.begin() as conn:
        await conn.execute(
            text(
                "INSERT INTO outbox (aggregate_type, aggregate_id, aggregate_version, event_type,"
                " payload, attempts) SELECT 'city', id::text, version, 'CitySeeded', '{}', 0"
                " FROM cities"
            )
        )
    for n in range(PEOPLE):
        name = f"Cluster Person {n:03d}"
        profile = await add_profile(res, await add_user(res), display_name=name)
        await add_photo(res, profile, title=f"Portrait {n:03d}")
        if n % 3 == 0:
            await update_profile(res, profile, headline="Portrait photographer in Paris")


def _kill_node() -> None:
    pid = int(_node("cluster-pid", str(KILLED)).stdout.strip())
    os.kill(pid, signal.SIGKILL)


async def test_a_node_killed_mid_drain_loses_nothing_and_queries_keep_answering(
    on_cluster: Resources,
) -> None:
    res = on_cluster
    # The projector's first start: indices with their replica, then the backlog.
    await upgrade(res)
    health = await res.search.health(wait_for="green", wait_s=120)
    assert health["status"] == "green", health
    # Replicas of a node that left wait this long for it before being copied elsewhere
    # (a minute by default): long enough here that the cluster stays yellow throughout.
    await res.search.put_settings(
        f"{res.settings.index_prefix}-*", {"index.unassigned.node_left.delayed_timeout": "10m"}
    )
    await _community(res)
    backlog, _ = await _outbox(res)
    sends = 0
    backlog_at_kill = 0

    async def send(client: SearchClient, planned: Planned) -> dict[tuple[str, str], str]:
        nonlocal sends, backlog_at_kill
        sends += 1
        if sends != KILL_AT_SEND:
            return await writes.send(client, planned)
        in_flight = asyncio.create_task(writes.send(client, planned))
        await asyncio.sleep(0.01)
        backlog_at_kill, _ = await _outbox(res)
        await asyncio.to_thread(_kill_node)
        return await in_flight

    deadline = time.monotonic() + 300
    while (await _outbox(res))[0] and time.monotonic() < deadline:
        # A bulk request the lost node failed as a whole waits for the next drain.
        with contextlib.suppress(EngineUnavailable):
            await drain(res, budget_s=60, steps=Steps(send=send))
        # Events a failed bulk request left to retry come due after their backoff.
        await asyncio.sleep(0.5)

    assert sends >= KILL_AT_SEND
    assert 0 < backlog_at_kill < backlog  # the node went with the drain under way
    assert await _outbox(res) == (0, 0)  # every event acknowledged, none dead

    health = await res.search.health()
    assert health["status"] == "yellow", health  # two nodes, replicas unassigned
    await res.search.refresh(f"{res.settings.index_prefix}-*")
    app = create_app(res.settings)
    async with AsyncTestClient(app=app) as client:
        found = await client.get("/v1/search/profiles", params={"q": "portrait photographer"})
        assert found.status_code == 200, found.text
        assert found.json()["total"] == PEOPLE // 3 + (PEOPLE % 3 > 0)
        listed = await client.get("/v1/search/photos", params={"page_size": 50})
        assert listed.status_code == 200, listed.text
        assert listed.json()["total"] == PEOPLE
    assert (await res.search.health())["status"] == "yellow"  # still, as they answered

    restarted = await asyncio.to_thread(_node, "cluster-start", str(KILLED))
    assert restarted.returncode == 0, restarted.stderr
    health = await res.search.health(wait_for="green", wait_s=180)
    assert health["status"] == "green", health
    for name in PROJECTIONS:
        drift = await verify(res, name)
        assert not drift.drifted, drift
        assert drift.index_documents == drift.source_documents
