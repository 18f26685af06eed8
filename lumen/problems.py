"""The one mapping from errors to RFC 9457 problem details: a table from each domain
exception to its status, stable type and title, and the handlers that answer with it."""

from __future__ import annotations

import re
from typing import Any

import structlog
from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR
from litestar.types import ExceptionHandlersMap

from lumen.auth import errors as auth
from lumen.auth.guards import NotOwner
from lumen.auth.operators import OperatorsOnly
from lumen.commands import birth_dates
from lumen.commands import errors as commands
from lumen.commands.accounts.handlers import AlreadyRegistered
from lumen.commands.moderation.handlers import AlreadyInState
from lumen.commands.photo_files import errors as uploads
from lumen.errors import DependencyUnavailable, DomainError, NotFound, Problem
from lumen.json_bodies import body_errors
from lumen.queries.discovery import AreaUnknown
from lumen.queries.media_files import MediaUrlExpired, MediaUrlInvalid
from lumen.queries.results import SearchUnavailable

PROBLEM_MEDIA_TYPE = "application/problem+json"
log = structlog.get_logger()


# Every domain failure a client can meet: its status, stable type and title. An
# exception without a row of its own answers as its nearest ancestor that has one.
PROBLEMS: dict[type[DomainError], Problem] = {
    DomainError: Problem(400, "bad-request", "Bad request"),
    NotFound: Problem(404, "not-found", "Not found"),
    DependencyUnavailable: Problem(503, "dependency-unavailable", "A dependency is unavailable"),
    # who is asking
    auth.Unauthenticated: Problem(401, "unauthenticated", "Authentication required"),
    auth.InvalidToken: Problem(401, "invalid-token", "The ID token is not valid"),
    auth.ExpiredToken: Problem(401, "expired-token", "The ID token has expired"),
    auth.RevokedToken: Problem(401, "revoked-token", "The ID token has been revoked"),
    auth.AuthUnavailable: Problem(503, "auth-unavailable", "Tokens cannot be verified right now"),
    auth.Forbidden: Problem(403, "forbidden", "Not allowed"),
    auth.RegistrationRequired: Problem(
        403, "registration-required", "Register first with POST /v1/me"
    ),
    auth.AccountSuspended: Problem(403, "account-suspended", "This account is suspended"),
    auth.AdminRequired: Problem(403, "admin-required", "Only administrators may do this"),
    NotOwner: Problem(403, "not-owner", "Only the owner may change this"),
    OperatorsOnly: Problem(403, "operators-only", "Only operators may see this"),
    # the write side
    commands.Conflict: Problem(409, "conflict", "Conflict"),
    commands.Busy: Problem(409, "busy", "Too many changes at once to this resource; retry shortly"),
    commands.ProfileRequired: Problem(
        409, "profile-required", "Create a profile first with POST /v1/profiles"
    ),
    AlreadyRegistered: Problem(409, "already-registered", "This account is already registered"),
    AlreadyInState: Problem(409, "moderation-conflict", "The target is already in that state"),
    commands.StaleVersion: Problem(412, "stale-version", "The resource changed since you read it"),
    commands.InvalidInput: Problem(422, "validation-error", "Invalid input"),
    commands.IdempotencyKeyReused: Problem(
        422, "idempotency-key-reused", "This Idempotency-Key was used for a different request"
    ),
    birth_dates.InvalidBirthDate: Problem(
        422, "invalid-birth-date", "This birth date cannot be accepted"
    ),
    birth_dates.UnderAge: Problem(422, "under-age", "Members must be 18 or older"),
    uploads.InvalidLength: Problem(400, "bad-request", "Bad request"),
    uploads.NoOriginal: Problem(404, "no-original", "No file has been uploaded for this photo"),
    uploads.UploadTooLarge: Problem(413, "upload-too-large", "The file is too large"),
    uploads.UnsupportedImage: Problem(415, "unsupported-media-type", "Not a supported image"),
    # the read side
    AreaUnknown: Problem(422, "area-unknown", "No area to search around"),
    SearchUnavailable: Problem(503, "search-unavailable", "Search is unavailable"),
    MediaUrlInvalid: Problem(403, "media-url-invalid", "This media URL is not valid"),
    MediaUrlExpired: Problem(403, "media-url-expired", "This media URL has expired"),
}

# Stable types for the framework's own errors, by status.
HTTP_PROBLEMS: dict[int, Problem] = {
    status: Problem(status, slug, title)
    for status, slug, title in [
        (400, "bad-request", "Bad request"),
        (401, "unauthenticated", "Authentication required"),
        (403, "forbidden", "Forbidden"),
        (404, "not-found", "Not found"),
        (405, "method-not-allowed", "Method not allowed"),
        (406, "not-acceptable", "Not acceptable"),
        (408, "request-timeout", "The request took too long to arrive"),
        (409, "conflict", "Conflict"),
        (412, "precondition-failed", "Precondition failed"),
        (413, "payload-too-large", "Payload too large"),
        (415, "unsupported-media-type", "Unsupported media type"),
        (422, "validation-error", "Invalid input"),
        (428, "precondition-required", "Precondition required"),
        (429, "too-many-requests", "Too many requests"),
        (503, "service-unavailable", "Service unavailable"),
    ]
}
VALIDATION = HTTP_PROBLEMS[422]
INTERNAL = Problem(HTTP_500_INTERNAL_SERVER_ERROR, "internal-error", "Internal error")


def problem_for(failure: type[DomainError]) -> Problem:
    for kind in failure.__mro__:
        if issubclass(kind, DomainError) and kind in PROBLEMS:
            return PROBLEMS[kind]
    return PROBLEMS[DomainError]


def problem_of(exc: DomainError) -> Problem:
    return problem_for(type(exc))


def problem_type(slug: str) -> str:
    return f"/problems/{slug}"


def problem_response(
    request: Request[Any, Any, Any],
    problem: Problem,
    detail: str | None = None,
    extra: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> Response[dict[str, Any]]:
    status = problem.status
    body: dict[str, Any] = {"type": problem_type(problem.slug), "title": problem.title}
    body["status"] = status
    if detail:
        body["detail"] = detail
    body["instance"] = request.url.path
    body.update(extra or {})
    return Response(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def _domain_error(request: Request[Any, Any, Any], exc: DomainError) -> Response[dict[str, Any]]:
    return problem_response(request, problem_of(exc), exc.detail, exc.extra)


def _validation_error(
    request: Request[Any, Any, Any], exc: ValidationException
) -> Response[dict[str, Any]]:
    given = [e for e in (exc.extra if isinstance(exc.extra, list) else []) if isinstance(e, dict)]
    # The framework names the body's first error only: walk the body for all of them.
    of_body = body_errors(request) if any(e.get("source") == "body" for e in given) else []
    errors = [
        {"field": _field_name(e), "message": str(e.get("message", ""))}
        for e in given
        if not (of_body and e.get("source") == "body")
    ]
    errors += [{"field": e.field or "body", "message": e.message} for e in of_body]
    # Litestar names a missing parameter only in its message.
    if not errors and (missing := _MISSING.match(exc.detail or "")):
        errors = [{"field": missing.group(1), "message": "required"}]
    return problem_response(request, VALIDATION, exc.detail, {"errors": errors})


_MISSING = re.compile(r"Missing required \w+ parameter '([^']+)'")


def _field_name(error: dict[str, Any]) -> str:
    key = str(error.get("key") or "")
    return key.removeprefix("$.") if key else str(error.get("source", "body"))


def _http_error(request: Request[Any, Any, Any], exc: HTTPException) -> Response[dict[str, Any]]:
    status = exc.status_code
    problem = HTTP_PROBLEMS.get(status) or Problem(status, "http-error", "HTTP error")
    given = {k.lower(): v for k, v in (exc.headers or {}).items()}
    headers = {k: v for k, v in given.items() if k in {"allow", "retry-after"}}
    if status == 429 and "ratelimit-reset" in given:
        # Litestar's limiter says when its window resets; Retry-After is how HTTP says it.
        headers.setdefault("retry-after", given["ratelimit-reset"])
    detail = exc.detail if exc.detail and exc.detail != problem.title else None
    return problem_response(request, problem, detail, headers=headers)


def _unexpected(request: Request[Any, Any, Any], exc: Exception) -> Response[dict[str, Any]]:
    log.exception("unhandled error", path=request.url.path)
    detail = "Something went wrong on our side; the request id identifies it."
    return problem_response(request, INTERNAL, detail)


EXCEPTION_HANDLERS: ExceptionHandlersMap = {
    DomainError: _domain_error,
    ValidationException: _validation_error,
    HTTPException: _http_error,
    Exception: _unexpected,
}
