"""The one mapping from errors to RFC 9457 problem details."""

from __future__ import annotations

import re
from typing import Any, ClassVar

import structlog
from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR
from litestar.types import ExceptionHandlersMap

PROBLEM_MEDIA_TYPE = "application/problem+json"
log = structlog.get_logger()

# Stable `type` values for the framework's own errors, by status.
_HTTP_TYPES: dict[int, tuple[str, str]] = {
    400: ("bad-request", "Bad request"),
    401: ("unauthenticated", "Authentication required"),
    403: ("forbidden", "Forbidden"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    406: ("not-acceptable", "Not acceptable"),
    409: ("conflict", "Conflict"),
    412: ("precondition-failed", "Precondition failed"),
    413: ("payload-too-large", "Payload too large"),
    415: ("unsupported-media-type", "Unsupported media type"),
    422: ("validation-error", "Invalid input"),
    428: ("precondition-required", "Precondition required"),
    429: ("too-many-requests", "Too many requests"),
    503: ("service-unavailable", "Service unavailable"),
}


def problem_type(slug: str) -> str:
    return f"/problems/{slug}"


class DomainError(Exception):
    """Raised where a rule lives; each subclass names its status and stable problem type."""

    status: ClassVar[int] = 400
    slug: ClassVar[str] = "bad-request"
    title: ClassVar[str] = "Bad request"

    def __init__(self, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra


class NotFound(DomainError):
    """Nothing there, or nothing the caller may see: both sides answer it alike."""

    status = 404
    slug = "not-found"
    title = "Not found"


def problem_response(
    request: Request[Any, Any, Any],
    status: int,
    slug: str,
    title: str,
    detail: str | None = None,
    extra: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> Response[dict[str, Any]]:
    body: dict[str, Any] = {"type": problem_type(slug), "title": title, "status": status}
    if detail:
        body["detail"] = detail
    body["instance"] = request.url.path
    body.update(extra or {})
    return Response(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def _domain_error(request: Request[Any, Any, Any], exc: DomainError) -> Response[dict[str, Any]]:
    return problem_response(request, exc.status, exc.slug, exc.title, exc.detail, exc.extra)


def _validation_error(
    request: Request[Any, Any, Any], exc: ValidationException
) -> Response[dict[str, Any]]:
    errors = [
        {"field": _field_name(e), "message": str(e.get("message", ""))}
        for e in (exc.extra if isinstance(exc.extra, list) else [])
        if isinstance(e, dict)
    ]
    # Litestar names a missing parameter only in its message.
    if not errors and (missing := _MISSING.match(exc.detail or "")):
        errors = [{"field": missing.group(1), "message": "required"}]
    return problem_response(
        request, 422, "validation-error", "Invalid input", exc.detail, {"errors": errors}
    )


_MISSING = re.compile(r"Missing required \w+ parameter '([^']+)'")


def _field_name(error: dict[str, Any]) -> str:
    key = str(error.get("key") or "")
    return key.removeprefix("$.") if key else str(error.get("source", "body"))


def _http_error(request: Request[Any, Any, Any], exc: HTTPException) -> Response[dict[str, Any]]:
    slug, title = _HTTP_TYPES.get(exc.status_code, ("http-error", "HTTP error"))
    given = {k.lower(): v for k, v in (exc.headers or {}).items()}
    headers = {k: v for k, v in given.items() if k in {"allow", "retry-after"}}
    if exc.status_code == 429 and "ratelimit-reset" in given:
        # Litestar's limiter says when its window resets; Retry-After is how HTTP says it.
        headers.setdefault("retry-after", given["ratelimit-reset"])
    detail = exc.detail if exc.detail and exc.detail != title else None
    return problem_response(request, exc.status_code, slug, title, detail, headers=headers)


def _unexpected(request: Request[Any, Any, Any], exc: Exception) -> Response[dict[str, Any]]:
    log.exception("unhandled error", path=request.url.path)
    return problem_response(
        request,
        HTTP_500_INTERNAL_SERVER_ERROR,
        "internal-error",
        "Internal error",
        "Something went wrong on our side; the request id identifies it.",
    )


EXCEPTION_HANDLERS: ExceptionHandlersMap = {
    DomainError: _domain_error,
    ValidationException: _validation_error,
    HTTPException: _http_error,
    Exception: _unexpected,
}
