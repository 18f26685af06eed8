"""The pages that render the document — Swagger UI, ReDoc and Scalar — from the scripts
vendored at install time (`infra/docs-assets`), so they render with no network. Each
page is plain HTML that loads files from this origin only: no inline script, no CDN."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from litestar import Request, get
from litestar.openapi.plugins import OpenAPIRenderPlugin
from litestar.response import Redirect
from litestar.static_files import create_static_files_router
from litestar.types import ControllerRouterHandler

SCHEMA_PATH = "/schema"
ASSETS_PATH = f"{SCHEMA_PATH}/assets"
# Vendored by `make deps` (infra/docs-assets); Lumen's own page scripts live beside them.
VENDORED = Path(__file__).parent / "assets"
OWN = Path(__file__).parent / "static"
DOCUMENT_URL = f"{SCHEMA_PATH}/openapi.json"

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lumen API — {title}</title>
{head}
</head>
<body>
{body}
</body>
</html>
"""


class Page(OpenAPIRenderPlugin):
    """One documentation page: what goes in its head and body."""

    def __init__(self, path: str, title: str, head: str, body: str) -> None:
        super().__init__(path=path)
        self.html = _PAGE.format(title=title, head=head, body=body).encode()

    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:
        return self.html


def pages() -> list[Page]:
    swagger = Page(
        "/swagger",
        "Swagger UI",
        f'<link rel="stylesheet" href="{ASSETS_PATH}/swagger-ui/swagger-ui.css">',
        '<div id="swagger-ui"></div>\n'
        f'<script src="{ASSETS_PATH}/swagger-ui/swagger-ui-bundle.js"></script>\n'
        f'<script src="{ASSETS_PATH}/swagger-init.js"></script>',
    )
    redoc = Page(
        "/redoc",
        "ReDoc",
        "",
        f'<redoc spec-url="{DOCUMENT_URL}"></redoc>\n'
        f'<script src="{ASSETS_PATH}/redoc/redoc.standalone.js"></script>',
    )
    # Scalar reads its configuration from the element's attributes; its default fonts
    # would come from its own CDN.
    scalar = Page(
        "/scalar",
        "Scalar",
        "",
        f'<script id="api-reference" data-url="{DOCUMENT_URL}"'
        " data-configuration='{\"withDefaultFonts\": false}'></script>\n"
        f'<script src="{ASSETS_PATH}/scalar/standalone.js"></script>',
    )
    return [swagger, redoc, scalar]


@get(["/docs"], include_in_schema=False, sync_to_thread=False)
def docs() -> Redirect:
    """Where a developer used to other frameworks looks first."""
    return Redirect(f"{SCHEMA_PATH}/swagger")


@get(["/redoc"], include_in_schema=False, sync_to_thread=False)
def redoc() -> Redirect:
    return Redirect(f"{SCHEMA_PATH}/redoc")


def routes() -> list[ControllerRouterHandler]:
    assets = create_static_files_router(
        path=ASSETS_PATH, directories=[VENDORED, OWN], include_in_schema=False
    )
    return [assets, docs, redoc]
