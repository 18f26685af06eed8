"""Failures of the write side; lumen.problems gives each its problem type."""

from __future__ import annotations

import msgspec

from lumen.errors import DomainError, NotFound
from lumen.validation import FieldError

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
    """Input the rules refuse: one field and why, or every field error found at once,
    each named by its path in the body."""

    def __init__(self, field: str | list[FieldError], message: str = "") -> None:
        errors = field if isinstance(field, list) else [FieldError(field, message)]
        self.errors = errors
        detail = "; ".join(f"{e.field}: {e.message}" for e in errors)
        super().__init__(detail, errors=[msgspec.structs.asdict(e) for e in errors])


class IdempotencyKeyReused(DomainError):
    pass
