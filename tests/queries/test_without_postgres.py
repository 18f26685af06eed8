"""The read side answers from the index alone: with Postgres unreachable, every query
endpoint still serves."""

from __future__ import annotations

import pytest
from litestar.testing import AsyncTestClient

from lumen.app import create_app
from lumen.resources import Resources
from lumen.settings import Settings
from tests.conftest import make_settings
from tests.queries.corpus import ORIGIN, Corpus, build

NEAR = f"{ORIGIN[0]},{ORIGIN[1]}"


@pytest.fixture(scope="module")
async def corpus(resources: Resources) -> Corpus:
    return await build(resources)


@pytest.fixture(scope="module")
def cut_off(settings: Settings) -> Settings:
    # Port 9 (discard) on the loopback: nothing listens, so every connection is refused.
    return make_settings(
        LUMEN_DATABASE_URL="postgresql+asyncpg://lumen:lumen@127.0.0.1:9/lumen",
        LUMEN_MEDIA_DIR=str(settings.media_dir),
        LUMEN_QUERY_CACHE_TTL_S="0",
    )


async def test_every_query_endpoint_answers_without_postgres(
    corpus: Corpus, cut_off: Settings
) -> None:
    paths = [
        "/v1/search/profiles?q=portrait",
        "/v1/search/photos?q=portrait",
        f"/v1/discover?near={NEAR}",
        f"/v1/nearby?near={NEAR}",
        "/v1/suggest?q=par",
        "/v1/map/clusters?bbox=-5,42,10,52&zoom=6",
        f"/v1/profiles/{corpus.ids['camille']}",
        f"/v1/photos/{corpus.photos['golden']}",
    ]
    async with AsyncTestClient(app=create_app(cut_off)) as client:
        assert (await client.get("/health/ready")).status_code == 503  # it really is cut off
        for path in paths:
            response = await client.get(path)
            assert response.status_code == 200, (path, response.text)
