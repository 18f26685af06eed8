"""A browser's fetch() from an allowed origin can read every header the API documents."""

from __future__ import annotations

import httpx
from litestar import Litestar
from litestar.testing import AsyncTestClient

from lumen.app import create_app
from lumen.http import EXPOSED_HEADERS
from lumen.openapi.document import document
from tests.conftest import make_settings

ORIGIN = {"origin": "http://localhost:3000"}


def _exposed(response: httpx.Response) -> set[str]:
    value = response.headers.get("access-control-expose-headers", "")
    return {name.strip().lower() for name in value.split(",") if name.strip()}


def test_every_documented_response_header_is_exposed() -> None:
    doc = document(create_app(make_settings()))
    documented = {
        name.lower()
        for item in doc["paths"].values()
        for operation in item.values()
        for response in operation["responses"].values()
        for name in response.get("headers", {})
    }
    assert documented - {h.lower() for h in EXPOSED_HEADERS} == set()
    assert {"etag", "location", "idempotent-replayed", "x-request-id", "retry-after"} <= documented


async def test_a_cross_origin_answer_exposes_them(client: AsyncTestClient[Litestar]) -> None:
    response = await client.get("/v1/search/profiles", headers=ORIGIN)
    assert response.headers["access-control-allow-origin"] == ORIGIN["origin"]
    assert _exposed(response) == {h.lower() for h in EXPOSED_HEADERS}
    refused = await client.get("/v1/me", headers=ORIGIN)
    assert refused.status_code == 401
    assert "x-request-id" in _exposed(refused)
