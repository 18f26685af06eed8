"""The OpenAPI document: Litestar's, generated from the handlers' signatures, with what
only the rest of the code knows added per operation — the problems it can answer
(`statuses`), whether it takes a token, its conditional answers and its files."""

from __future__ import annotations

import copy
from typing import Any

from litestar import Litestar
from litestar.handlers import HTTPRouteHandler
from litestar.routes import HTTPRoute

from lumen.http import FILES, UPLOADS
from lumen.openapi import attributes, examples, headers, problem_schema
from lumen.openapi.statuses import Signature
from lumen.rate_limits import budget_for

BEARER = "bearerAuth"
BINARY = {"type": "string", "format": "binary"}
SECURITY_SCHEMES = {
    BEARER: {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "Firebase ID token (JWT)",
        "description": "`Authorization: Bearer <ID token>` from the Firebase client SDK's "
        "`getIdToken()`.",
    }
}
UNDOCUMENTED_PREFIX = "/schema"  # the document and its pages
_STATE_KEY = "openapi_document"


def document(app: Litestar) -> dict[str, Any]:
    """Built once per app: the handlers do not change after start-up."""
    found: dict[str, Any] | None = app.state.get(_STATE_KEY)
    if found is None:
        found = app.state[_STATE_KEY] = _build(app)
    return found


def _build(app: Litestar) -> dict[str, Any]:
    schema = copy.deepcopy(app.openapi_schema.to_schema())
    components = schema.setdefault("components", {})
    components.setdefault("schemas", {}).update(problem_schema.components())
    attributes.describe(components["schemas"])
    components["securitySchemes"] = SECURITY_SCHEMES
    for route in app.routes:
        if not isinstance(route, HTTPRoute) or route.path.startswith(UNDOCUMENTED_PREFIX):
            continue
        path_item = schema["paths"].get(route.path_format, {})
        for method, (handler, _) in route.route_handler_map.items():
            if (operation := path_item.get(method.lower())) is not None:
                _describe(operation, handler, route, method)
    return schema


def _describe(
    operation: dict[str, Any], handler: HTTPRouteHandler, route: HTTPRoute, method: str
) -> None:
    signature = Signature(handler, path=set(route.path_parameters))
    responses: dict[str, Any] = {
        status: response
        for status, response in operation.get("responses", {}).items()
        if int(status) < 400  # Litestar's own 400 is replaced by the problems below
    }
    near = any(p.get("name") == "near" for p in operation.get("parameters", []))
    budgeted = budget_for(method, route.path, near) is not None
    for response in responses.values():
        response.setdefault("headers", {})["x-request-id"] = headers.REQUEST_ID
        if budgeted:
            response["headers"].update(headers.rate_limited())
    by_status: dict[int, list[Any]] = {}
    for problem in signature.problems(uuid_path=":uuid}" in route.path):
        by_status.setdefault(problem.status, []).append(problem)
    for status, problems in by_status.items():
        responses[str(status)] = problem_schema.response(status, problems)
    if "if-none-match" in signature.headers:
        responses["304"] = _not_modified()
    if "idempotency-key" in signature.headers:
        responses[min(responses)]["headers"]["Idempotent-Replayed"] = headers.REPLAYED
    opt = handler.opt or {}
    if media_types := opt.get(FILES):
        responses[min(responses)]["content"] = {key: {"schema": BINARY} for key in media_types}
    if media_types := opt.get(UPLOADS):
        content = {key: {"schema": BINARY} for key in media_types}
        operation["requestBody"] = {"required": True, "content": content}
    operation["responses"] = dict(sorted(responses.items()))
    examples.add(operation, handler)
    if signature.needs_token:
        operation["security"] = [{BEARER: []}]
    elif signature.takes_token:  # anonymous callers welcome; a token widens what is seen
        operation["security"] = [{}, {BEARER: []}]


def _not_modified() -> dict[str, Any]:
    return {
        "description": "Not modified: `If-None-Match` names the current ETag.",
        "headers": {
            "ETag": headers.ETAG,
            "x-request-id": headers.REQUEST_ID,
        },
    }
