"""Failures of the write side; lumen.problems gives each its problem type."""

from __future__ import annotations

from typing import Any

from lumen.errors import DomainError, NotFound

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
    pass


class ProfileRequired(Conflict):
    pass


class Busy(Conflict):
    """Concurrent writers kept winning; the change was not made and may be retried."""


class StaleVersion(DomainError):
    pass


class InvalidInput(DomainError):
    def __init__(self, field: str, message: str, **extra: Any) -> None:
        super().__init__(f"{field}: {message}", errors=[{"field": field, "message": message}])


class IdempotencyKeyReused(DomainError):
    pass
