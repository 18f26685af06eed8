"""The app's own route table, as (method, path template) pairs to test, and how to turn
a template into a concrete URL."""

from __future__ import annotations

import re

from litestar import Litestar
from litestar.routes import HTTPRoute

# Not part of the API surface under test: docs and probes answer everyone alike.
EXCLUDED_PREFIXES = ("/schema", "/docs", "/redoc", "/health")
# Litestar answers these itself on every path (CORS preflight, GET's HEAD).
IMPLICIT_METHODS = {"OPTIONS", "HEAD"}
PARAMETER = re.compile(r"\{(\w+)(?::\w+)?\}")


def api_routes(app: Litestar) -> list[tuple[str, str]]:
    pairs = {
        (method, route.path)
        for route in app.routes
        if isinstance(route, HTTPRoute) and not route.path.startswith(EXCLUDED_PREFIXES)
        for method in route.methods - IMPLICIT_METHODS
    }
    return sorted(pairs, key=lambda pair: (pair[1], pair[0]))


def concrete(template: str, values: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise LookupError(f"no test value for the path parameter {name!r}; add it")
        return values[name]

    return PARAMETER.sub(value, template)
