"""Every response tells the browser it is data; the docs pages get their own policy."""

from litestar import Litestar
from litestar.testing import AsyncTestClient

from lumen.app import create_app
from lumen.security_headers import API_POLICY, DOCS_POLICY
from lumen.settings import Settings


async def test_api_responses_and_errors_carry_the_security_headers(
    client: AsyncTestClient[Litestar],
) -> None:
    for path in ("/health/live", "/v1/no-such-route"):
        response = await client.get(path)
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["content-security-policy"] == API_POLICY
        assert "strict-transport-security" not in response.headers


async def test_the_docs_pages_get_a_policy_that_lets_them_render(
    client: AsyncTestClient[Litestar],
) -> None:
    response = await client.get("/schema/swagger")
    assert response.status_code == 200
    assert response.headers["content-security-policy"] == DOCS_POLICY


async def test_hsts_is_sent_only_over_https(settings: Settings) -> None:
    # An app of its own: a second client's lifespan on the session's app would close its
    # Redis store under the client (and event loop) that opened it.
    secure_app = create_app(settings)
    async with AsyncTestClient(app=secure_app, base_url="https://api.lumen.test") as secure:
        response = await secure.get("/health/live")
    assert response.headers["strict-transport-security"].startswith("max-age=63072000")
