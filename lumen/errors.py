"""The base of the failures a rule raises where it lives, on either side. The exceptions
know nothing of HTTP: `lumen.problems` says, in one table, what each answers a client."""

from __future__ import annotations

from typing import Any, NamedTuple


class DomainError(Exception):
    def __init__(self, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        # Members added to the problem body beside `detail` (field errors, limits).
        self.extra = extra


class NotFound(DomainError):
    """Nothing there, or nothing the caller may see: both sides answer it alike."""


class DependencyUnavailable(DomainError):
    """A service Lumen needs does not answer (readiness)."""


class Problem(NamedTuple):
    """What a failure answers a client: its status, stable type and title."""

    status: int
    slug: str  # the stable part of the `type` URI
    title: str
