"""The HTTP edge's shared parameter types: the request, the injected dependencies and the
headers that routes on both sides read, each defined once."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Request
from litestar.datastructures import ResponseHeader
from litestar.di import NamedDependency
from litestar.params import HeaderParameter

from lumen.auth.accounts import Account
from lumen.auth.tokens import Caller
from lumen.errors import DomainError, Problem
from lumen.resources import Resources

Req = Request[Any, Any, Any]
Res = NamedDependency[Resources]
# A registered, active account (401/403 otherwise).
Acc = NamedDependency[Account]
# A registered account, suspended or not: for reading one's own things.
Reader = NamedDependency[Account]
# The verified caller, or None for an anonymous request.
Who = NamedDependency[Caller | None]
IfMatch = Annotated[
    str | None,
    HeaderParameter(name="If-Match", required=False, description="The ETag you last read"),
]
IdempotencyKey = Annotated[
    str | None,
    HeaderParameter(
        name="Idempotency-Key",
        required=False,
        description="Any unique string: a retried POST with the same key is answered once",
    ),
]
IfNoneMatch = Annotated[
    str | None,
    HeaderParameter(
        name="If-None-Match",
        required=False,
        description="ETags you hold (weak or strong, comma-separated): 304 if one is current",
    ),
]
# Response headers, as the OpenAPI document shows them (the routes set the values).
ETAG = ResponseHeader(
    name="ETag",
    documentation_only=True,
    required=True,
    description="The representation's version: send it back as If-Match or If-None-Match",
)
LOCATION = ResponseHeader(
    name="Location", documentation_only=True, required=True, description="Where it now lives"
)
# Every response header the API documents, which a browser's fetch() may then read (CORS).
EXPOSED_HEADERS = (
    "ETag",
    "Location",
    "Idempotent-Replayed",
    "x-request-id",
    "Retry-After",
    "RateLimit-Limit",
    "RateLimit-Remaining",
    "RateLimit-Reset",
    "RateLimit-Policy",
)
# A handler's (or controller's) `opt` key: the failures of the rules it runs, which
# `lumen.openapi` documents with the problems its dependencies and parameters can answer.
RAISES = "raises"


# And which media types its success answers are files of.
FILES = "files"


def raises(*failures: type[DomainError] | Problem) -> dict[str, Any]:
    return {RAISES: failures}


def files(*media_types: str) -> dict[str, Any]:
    return {FILES: media_types}


# A route that reads its request body as a file (raw bytes) of these media types.
UPLOADS = "uploads"


def uploads(*media_types: str) -> dict[str, Any]:
    return {UPLOADS: media_types}
