"""The documentation pages render in a real browser with no internet: Swagger UI shows
every operation of the document, ReDoc and Scalar render it too, from the scripts Lumen's
installation vendored; /docs and /redoc lead to them."""

from __future__ import annotations

import re

import pytest

from lumen.app import create_app
from lumen.openapi.document import document
from tests.conftest import make_settings
from tests.contract.browser import rendered_dom
from tests.live import LiveServer

OPERATIONS = {
    (method.upper(), path)
    for path, item in document(create_app(make_settings()))["paths"].items()
    for method in item
}


def _blocked(log: str) -> list[str]:
    # The one load a page tries from elsewhere: ReDoc's footer logo, refused by the policy.
    return [
        line
        for line in log.splitlines()
        if ("violates" in line or "ERR_NAME_NOT_RESOLVED" in line) and "logo-mini" not in line
    ]


async def test_swagger_ui_renders_every_operation_offline(live_server: LiveServer) -> None:
    dom, log = await rendered_dom(f"{live_server.url}/schema/swagger")
    shown = set(
        re.findall(r'opblock-summary-method">(\w+)<.*?data-path="([^"]+)"', dom, flags=re.S)
    )
    assert shown == OPERATIONS
    assert "Authorize" in dom  # the bearer scheme
    assert _blocked(log) == []


# What each page shows once it has rendered the document: ReDoc every operation, Scalar
# (which renders as the reader scrolls) the first tag's operations.
RENDERED = {
    "redoc": ("redoc-wrap", "Search profiles", "Register as a photographer or a model"),
    "scalar": ("references-rendered", "Whether every dependency answers"),
}


@pytest.mark.parametrize("page", sorted(RENDERED))
async def test_redoc_and_scalar_render_the_document_offline(
    live_server: LiveServer, page: str
) -> None:
    dom, log = await rendered_dom(f"{live_server.url}/schema/{page}")
    assert [marker for marker in RENDERED[page] if marker not in dom] == []
    assert _blocked(log) == []


@pytest.mark.parametrize(
    ("path", "page"), [("/docs", "/schema/swagger"), ("/redoc", "/schema/redoc")]
)
async def test_the_usual_addresses_lead_to_the_pages(
    live_server: LiveServer, path: str, page: str
) -> None:
    async with live_server.client() as http:
        response = await http.get(path)
        assert (response.status_code, response.headers["location"]) == (302, page)
        served = await http.get(page)
    assert served.headers["content-type"].startswith("text/html")
    policy = served.headers["content-security-policy"]
    assert "script-src 'self';" in policy
    assert "http" not in policy
    assert "<script>" not in served.text  # no inline script: the policy allows none


async def test_the_pages_scripts_are_served_from_this_origin(live_server: LiveServer) -> None:
    async with live_server.client() as http:
        for asset in (
            "swagger-ui/swagger-ui-bundle.js",
            "redoc/redoc.standalone.js",
            "scalar/standalone.js",
        ):
            response = await http.get(f"/schema/assets/{asset}")
            assert response.status_code == 200, asset
            assert len(response.content) > 100_000
