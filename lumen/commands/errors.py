"""Failures of the write side, each with a stable problem type."""

from __future__ import annotations

from typing import Any

from lumen.problems import DomainError, NotFound

__all__ = [
    "Busy",
    "Conflict",
    "IdempotencyKeyReused",
    "InvalidInput",
    "NotFound",
    "ProfileRequired",
    "StaleVersion",
]


class Conflict(DomainError):
    status = 409
    slug = "conflict"
    title = "Conflict"


class ProfileRequired(Conflict):
    slug = "profile-required"
    title = "Create a profile first with POST /v1/profiles"


class Busy(Conflict):
    slug = "busy"
    title = "Too many changes at once to this resource; retry shortly"


class StaleVersion(DomainError):
    status = 412
    slug = "stale-version"
    title = "The resource changed since you read it"


class InvalidInput(DomainError):
    status = 422
    slug = "validation-error"
    title = "Invalid input"

    def __init__(self, field: str, message: str, **extra: Any) -> None:
        super().__init__(f"{field}: {message}", errors=[{"field": field, "message": message}])


class IdempotencyKeyReused(DomainError):
    status = 422
    slug = "idempotency-key-reused"
    title = "This Idempotency-Key was used for a different request"
