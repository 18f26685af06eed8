"""No Authorization header a client can forge makes any route answer 500: every one is
refused with 401 problem details before the route does anything."""

from __future__ import annotations

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from lumen.resources import Resources
from lumen.settings import Settings
from tests.auth.garbage import as_header, authorization_headers
from tests.auth.people import registered
from tests.auth.routes import api_routes, concrete
from tests.auth.test_authorization_matrix import ROUTES

VALUES = {"uid": "someone", "profile_id": "0" * 8 + "-0000-4000-8000-" + "0" * 12}
VALUES["photo_id"] = VALUES["profile_id"]
VALUES["key"] = "0" * 64 + ".webp"
VALUES["target_kind"] = "photo"
VALUES["target_id"] = VALUES["profile_id"]
# Routes that read no credentials at all: a media file's signed URL is its only permission,
# and suggestions and map clusters answer everyone alike.
CREDENTIAL_FREE = {
    ("GET", "/v1/media/{key:str}"),
    ("GET", "/v1/suggest"),
    ("GET", "/v1/map/clusters"),
}


async def refusals(
    client: AsyncTestClient[Litestar], headers: dict[str, str | bytes]
) -> dict[str, object]:
    seen: dict[str, object] = {}
    for name, value in headers.items():
        for method, path in ROUTES:
            if (method, path) in CREDENTIAL_FREE:
                continue
            url = concrete(path, VALUES)
            response = await client.request(method, url, json={}, headers=as_header(value))
            outcome = (response.status_code, response.json().get("type"))
            if response.status_code != 401:
                seen[f"{name}: {method} {path}"] = outcome
    return seen


async def test_forged_headers_get_401_on_every_route_under_the_emulator(
    client: AsyncTestClient[Litestar], settings: Settings, db: Resources
) -> None:
    victim = await registered(client, settings)
    assert await refusals(client, authorization_headers(victim.uid)) == {}


def test_the_routes_checked_are_the_apps(app: Litestar) -> None:
    assert api_routes(app) == ROUTES


@pytest.mark.parametrize("name", ["huge", "binary", "latin-1", "invalid UTF-8"])
async def test_odd_headers_come_back_as_problem_details(
    client: AsyncTestClient[Litestar], db: Resources, name: str
) -> None:
    value = authorization_headers("someone")[name]
    response = await client.get("/v1/me", headers=as_header(value))
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")
