"""How the app serves its description: the document at /schema/openapi.json and the
pages that render it."""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin

from lumen.openapi import pages
from lumen.openapi.document import document

DESCRIPTION = (
    "The API of Lumen, where photographers and models find each other. Every error is an"
    " RFC 9457 problem (`application/problem+json`) with a stable `type`; every response"
    " carries `x-request-id`."
)


class DocumentRenderPlugin(JsonRenderPlugin):
    """Serves the whole document (`lumen.openapi.document`), not the framework's part."""

    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:
        return self.render_json(request, document(request.app))


def openapi_config() -> OpenAPIConfig:
    return OpenAPIConfig(
        title="Lumen API",
        version="1.0.0",
        description=DESCRIPTION,
        path=pages.SCHEMA_PATH,
        use_handler_docstrings=True,
        # The first page is what /schema itself shows.
        render_plugins=[*pages.pages(), DocumentRenderPlugin()],
    )
