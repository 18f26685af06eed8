"""Anonymous discovery answers are reused for a few seconds; a signed-in viewer's never."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from lumen.app import create_app
from lumen.resources import Resources
from lumen.settings import Settings
from tests.conftest import make_settings
from tests.members import Caller
from tests.queries.world import add_person, fresh_indices, project


@pytest.fixture(scope="module")
async def cached_client(settings: Settings) -> AsyncIterator[AsyncTestClient[Litestar]]:
    caching = make_settings(LUMEN_MEDIA_DIR=str(settings.media_dir), LUMEN_QUERY_CACHE_TTL_S="60")
    async with AsyncTestClient(app=create_app(caching)) as client:
        yield client


async def names(client: AsyncTestClient[Litestar], headers: dict[str, str]) -> set[str]:
    response = await client.get("/v1/discover", headers=headers)
    assert response.status_code == 200, response.text
    return {item["display_name"] for item in response.json()["items"]}


async def test_anonymous_answers_are_reused_and_signed_in_ones_never(
    cached_client: AsyncTestClient[Litestar],
    db: Resources,
    register: Callable[..., Awaitable[Caller]],
) -> None:
    await fresh_indices(db)
    _, viewer = await register()
    await add_person(db, "First Member")
    await project(db)
    assert await names(cached_client, {}) == {"First Member"}
    assert await names(cached_client, viewer) == {"First Member"}
    keys_before = await db.redis.keys(f"{db.settings.index_prefix}:queries*")
    await add_person(db, "Second Member")
    await project(db)
    assert await names(cached_client, {}) == {"First Member"}  # from the cache
    assert await names(cached_client, viewer) == {"First Member", "Second Member"}
    assert await db.redis.keys(f"{db.settings.index_prefix}:queries*") == keys_before
    assert len(keys_before) == 1
