"""Bodies no JSON route can read answer 400 or 415 problem details before any work."""

from collections.abc import Awaitable, Callable

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from lumen.resources import Resources
from tests.members import Caller

DEEP = b'{"title":' + b"[" * 1000 + b"]" * 1000 + b"}"
NOT_UTF8 = b'{"title":"\xff\xfe"}'
JSON = {"content-type": "application/json"}
# Every JSON route of the write side, with a path that exists for it.
ROUTES = [
    ("POST", "/v1/photos"),
    ("POST", "/v1/profiles"),
    ("POST", "/v1/follows"),
    ("POST", "/v1/me"),
    ("PATCH", "/v1/me"),
]


async def _send(
    client: AsyncTestClient[Litestar], method: str, path: str, body: bytes, headers: dict[str, str]
) -> tuple[int, dict[str, object], str]:
    response = await client.request(method, path, content=body, headers=headers)
    return response.status_code, response.json(), response.headers["content-type"]


@pytest.mark.parametrize(("method", "path"), ROUTES)
@pytest.mark.parametrize(
    ("body", "detail"),
    [(DEEP, "nested too deeply"), (NOT_UTF8, "not valid UTF-8")],
)
async def test_an_unreadable_json_body_is_a_bad_request_for_anyone(
    client: AsyncTestClient[Litestar],
    db: Resources,
    register: Callable[..., Awaitable[Caller]],
    method: str,
    path: str,
    body: bytes,
    detail: str,
) -> None:
    _, headers = await register()
    status, problem, content_type = await _send(client, method, path, body, headers | JSON)
    assert status == 400
    assert content_type == "application/problem+json"
    assert detail in str(problem["detail"])
    anonymous, _, _ = await _send(client, method, path, body, JSON)
    assert anonymous in (400, 401)


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", ""])
async def test_a_json_route_refuses_other_content_types(
    client: AsyncTestClient[Litestar],
    db: Resources,
    register: Callable[..., Awaitable[Caller]],
    content_type: str,
) -> None:
    _, headers = await register()
    status, problem, _ = await _send(
        client, "POST", "/v1/photos", b'{"title":"x"}', headers | {"content-type": content_type}
    )
    assert status == 415
    assert str(problem["type"]).endswith("/unsupported-media-type")


async def test_a_json_content_type_with_a_charset_or_suffix_is_accepted(
    client: AsyncTestClient[Litestar],
    db: Resources,
    register: Callable[..., Awaitable[Caller]],
) -> None:
    _, headers = await register()
    for content_type in ("application/json; charset=utf-8", "application/merge-patch+json"):
        response = await client.post(
            "/v1/photos", content=b"{}", headers=headers | {"content-type": content_type}
        )
        assert response.status_code not in (400, 415, 500), content_type
