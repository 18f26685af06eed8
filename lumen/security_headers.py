"""Headers every response carries so a browser treats the API as data, never as a page,
except the documentation pages, which get a policy of their own."""

from __future__ import annotations

from litestar.datastructures import MutableScopeHeaders
from litestar.types import Message, Scope

DOCS_PREFIX = "/schema"
# Nothing an API response holds is meant to run, embed or be embedded.
API_POLICY = "default-src 'none'; frame-ancestors 'none'"
# The documentation pages load their scripts, styles and the document from this origin
# only (vendored at install time). The renderers set styles at run time (style
# attributes and injected <style> elements), which 'unsafe-inline' for styles allows;
# ReDoc runs its search in a worker made from a blob.
DOCS_POLICY = (
    "default-src 'self'; "
    "script-src 'self'; "
    "style-src 'self' 'unsafe-inline'; "
    "font-src 'self' data:; "
    "img-src 'self' data:; "
    "worker-src 'self' blob:; "
    "connect-src 'self'; "
    "frame-ancestors 'none'"
)
ALWAYS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}
# Only said over HTTPS (as the server or its proxy reports the scheme): over plain HTTP
# browsers ignore it, and a development host must stay reachable without TLS.
HSTS = "max-age=63072000; includeSubDomains"


async def add_security_headers(message: Message, scope: Scope) -> None:
    if message["type"] != "http.response.start":
        return
    headers = MutableScopeHeaders(message)
    for name, value in ALWAYS.items():
        if name not in headers:
            headers[name] = value
    docs = scope.get("path", "").startswith(DOCS_PREFIX)
    headers.setdefault("content-security-policy", DOCS_POLICY if docs else API_POLICY)
    if scope.get("scheme") == "https":
        headers["strict-transport-security"] = HSTS
