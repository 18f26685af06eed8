"""Conditional GETs, alike on every route that tags what it answers: If-None-Match names
the ETags a client holds, weak or strong, one or a list, or `*`; they are compared weakly
(RFC 9110, 13.1.2), and a match is a 304 with the same headers and no body."""

from __future__ import annotations

from typing import Any

from litestar import Response


def not_modified(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return "*" in tags or etag.removeprefix("W/") in tags


def unless_current(if_none_match: str | None, response: Response[Any]) -> Response[Any]:
    """`response`, or a 304 when the client holds its ETag already."""
    etag = response.headers.get("etag")
    if etag is None or not not_modified(if_none_match, etag):
        return response
    return Response(None, status_code=304, headers=dict(response.headers))
