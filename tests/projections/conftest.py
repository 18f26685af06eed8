"""Projection tests: the test prefix's indices recreated empty for each test."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from sqlalchemy import text

from lumen.projections.indices import PROJECTIONS, layout, read_alias
from lumen.projections.projector import run_batch
from lumen.projections.schema import ensure_indices
from lumen.projections.verify import verify
from lumen.resources import Resources
from tests.projections.world import PARIS


@pytest.fixture
async def search(db: Resources) -> Resources:
    """Empty indices of this test run's prefix only (never anyone else's)."""
    now = await layout(db.search, db.settings)
    for name in PROJECTIONS:
        for version in now.versions.get(name, []):
            index = f"{db.settings.index_prefix}-{name}-v{version}"
            await db.search.delete_index(index)
    await ensure_indices(db.search, db.settings)
    async with db.db.begin() as conn:
        await conn.execute(
            text(
                "INSERT INTO cities (id, name, ascii_name, country_code, country_name, region_code,"
                " population, latitude, longitude, timezone, alternate_names, version)"
                " VALUES (:id, 'Paris', 'Paris', 'FR', 'France', '11', 2138551, 48.85341,"
                " 2.3488, 'Europe/Paris', '{}', 1) ON CONFLICT (id) DO NOTHING"
            ),
            {"id": PARIS},
        )
        # Seeding records an event per city; the one above is projected like any other.
        await conn.execute(
            text(
                "INSERT INTO outbox (aggregate_type, aggregate_id, aggregate_version, event_type,"
                " payload, attempts) SELECT 'city', id::text, version, 'CitySeeded', '{}', 0"
                " FROM cities"
            )
        )
    await project_all(db)
    return db


async def project_all(res: Resources, limit: int | None = None) -> int:
    """Runs batches until nothing is due; returns how many events were claimed."""
    total = 0
    while (batch := await run_batch(res, limit)).claimed:
        total += batch.claimed
    await refresh(res)
    return total


async def refresh(res: Resources) -> None:
    await res.search.refresh(f"{res.settings.index_prefix}-*-write")


async def fetch(res: Resources, name: str, ident: object) -> dict[str, Any] | None:
    found = await res.search.get(read_alias(res.settings, name), str(ident))
    if found is None:
        return None
    return {**found["_source"], "_version": found["_version"]}


async def pending(res: Resources) -> int:
    async with res.db.connect() as conn:
        count = await conn.scalar(
            text("SELECT count(*) FROM outbox WHERE processed_at IS NULL AND dead_at IS NULL")
        )
    return int(count or 0)


async def eventually(check: Callable[[], Awaitable[bool]], within_s: float = 20.0) -> None:
    deadline = time.monotonic() + within_s
    while not await check():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.05)


async def assert_converged(res: Resources) -> None:
    """Every projection's index matches Postgres: no missing, stale or extra document."""
    for name in PROJECTIONS:
        drift = await verify(res, name)
        assert not drift.drifted, drift
