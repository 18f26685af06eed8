"""Budgets per member or address, shared through Redis, answered with 429 problems."""

from collections.abc import AsyncIterator

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from lumen.app import create_app
from lumen.resources import Resources
from lumen.settings import Settings
from tests.auth.people import bearer, registered, signed_up
from tests.conftest import make_settings
from tests.observed import observe
from tests.scraped import in_process

REFUSALS = "lumen_rate_limit_refusals_total"
LIMITS = {
    "LUMEN_RATE_LIMIT_SEARCH_PER_MINUTE": "3",
    "LUMEN_RATE_LIMIT_LOCATION_PER_MINUTE": "2",
    "LUMEN_RATE_LIMIT_WRITES_PER_MINUTE": "2",
    "LUMEN_RATE_LIMIT_FAILED_AUTH_PER_MINUTE": "2",
}


@pytest.fixture
def limited(settings: Settings, db: Resources) -> Settings:
    return make_settings(LUMEN_MEDIA_DIR=str(settings.media_dir), **LIMITS)


async def _client(settings: Settings) -> AsyncIterator[AsyncTestClient[Litestar]]:
    async with AsyncTestClient(app=create_app(settings)) as client:
        yield observe(client)


@pytest.fixture
async def api(limited: Settings) -> AsyncIterator[AsyncTestClient[Litestar]]:
    async for client in _client(limited):
        yield client


async def test_a_spent_search_budget_answers_429_with_retry_after(
    api: AsyncTestClient[Litestar],
) -> None:
    served = [await api.get("/v1/search/profiles") for _ in range(3)]
    statuses = [response.status_code for response in served]
    assert [response.headers["ratelimit-remaining"] for response in served] == ["2", "1", "0"]
    assert "retry-after" not in served[0].headers
    refused = await api.get("/v1/search/profiles", params={"q": "other"})
    assert statuses == [200, 200, 200]
    assert refused.status_code == 429
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["type"].endswith("/too-many-requests")
    assert 1 <= int(refused.headers["retry-after"]) <= 60


async def test_budgets_are_separate_for_searches_locations_and_writes(
    api: AsyncTestClient[Litestar], limited: Settings
) -> None:
    for _ in range(3):
        await api.get("/v1/suggest", params={"q": "pa"})
    assert (await api.get("/v1/suggest", params={"q": "pa"})).status_code == 429
    near = {"near": "48.85,2.35"}
    assert [(await api.get("/v1/nearby", params=near)).status_code for _ in range(3)][-1] == 429
    person = await registered(api, limited)
    # Registration spent one write; one more fits, the next does not.
    patched = [(await api.patch("/v1/me", json={}, headers=person.headers)).status_code]
    patched.append((await api.patch("/v1/me", json={}, headers=person.headers)).status_code)
    assert patched[0] != 429
    assert patched[1] == 429


async def test_each_member_has_a_budget_of_their_own(
    api: AsyncTestClient[Litestar], limited: Settings
) -> None:
    first, second = await signed_up(limited), await signed_up(limited)
    for _ in range(3):
        await api.get("/v1/search/photos", headers=first.headers)
    assert (await api.get("/v1/search/photos", headers=first.headers)).status_code == 429
    assert (await api.get("/v1/search/photos", headers=second.headers)).status_code == 200
    assert (await api.get("/v1/search/photos")).status_code == 200


async def test_failed_authentications_spend_the_addresses_budget_but_not_anonymous_reads(
    api: AsyncTestClient[Litestar], limited: Settings
) -> None:
    forged = [(await api.get("/v1/me", headers=bearer(f"forged-{n}"))).status_code for n in (1, 2)]
    person = await signed_up(limited)
    refused = await api.get("/v1/me", headers=person.headers)
    assert forged == [401, 401]
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) >= 1
    assert (await api.get("/v1/profiles/00000000-0000-0000-0000-000000000000")).status_code == 404


async def test_two_api_processes_share_one_budget(limited: Settings) -> None:
    async with (
        AsyncTestClient(app=create_app(limited)) as one,
        AsyncTestClient(app=create_app(limited)) as other,
    ):
        seen = [(await api.get("/v1/discover")).status_code for api in (one, other, one)]
        assert seen == [200, 200, 200]
        assert (await other.get("/v1/discover")).status_code == 429


async def test_without_redis_requests_are_served_unlimited(limited: Settings) -> None:
    closed = make_settings(
        LUMEN_MEDIA_DIR=str(limited.media_dir), LUMEN_REDIS_URL="redis://127.0.0.1:1/0", **LIMITS
    )
    async for api in _client(closed):
        statuses = {(await api.get("/v1/search/profiles")).status_code for _ in range(5)}
        assert statuses == {200}


async def test_refusals_are_counted_by_budget_and_answered_429_in_the_request_series(
    api: AsyncTestClient[Litestar], limited: Settings
) -> None:
    # Read in process: once the address has spent its failed sign-ins, even an admin's
    # token from it is refused.
    before = in_process()
    for _ in range(4):
        await api.get("/v1/search/photos")
    forged = [await api.get("/v1/me", headers=bearer(f"forged-{n}")) for n in range(3)]
    after = in_process()

    def grew(name: str, **labels: str) -> float:
        return after.value(name, **labels) - before.value(name, **labels)

    assert forged[-1].status_code == 429
    assert grew(REFUSALS, budget="search") == 1
    assert grew(REFUSALS, budget="failed_auth") == 1
    assert grew(REFUSALS, budget="writes") == 0
    search = {"method": "GET", "path": "/v1/search/photos"}
    assert grew("lumen_http_requests_total", **search, status_code="429") == 1
    assert grew("lumen_http_requests_total", **search, status_code="200") == 3
    me = {"method": "GET", "path": "/v1/me"}
    assert grew("lumen_http_requests_total", **me, status_code="429") == 1
