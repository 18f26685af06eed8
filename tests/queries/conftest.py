"""Query tests: an app with the response cache off (each test sees the index as it is),
and the registered callers of the command tests."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from lumen.app import create_app
from lumen.settings import Settings
from tests.conftest import make_settings
from tests.observed import observe


@pytest.fixture(scope="session")
def uncached_settings(settings: Settings) -> Settings:
    return make_settings(LUMEN_MEDIA_DIR=str(settings.media_dir), LUMEN_QUERY_CACHE_TTL_S="0")


@pytest.fixture(scope="session")
async def client(uncached_settings: Settings) -> AsyncIterator[AsyncTestClient[Litestar]]:
    async with AsyncTestClient(app=create_app(uncached_settings)) as test_client:
        yield observe(test_client)
