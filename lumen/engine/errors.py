"""What a failed engine call raises, whichever engine and client made it: callers tell a
missing index or document, a version conflict and everything else apart by class, and
read the engine's own error type where they need more."""

from __future__ import annotations


class SearchError(Exception):
    """The engine refused a request, or gave no answer (unreachable, timed out, TLS).

    `status` is the HTTP status, None when no answer came; `error` the engine's error type
    (`index_not_found_exception`, `resource_already_exists_exception`, …), empty when
    there was no answer to read one from.
    """

    def __init__(self, message: str, *, status: int | None = None, error: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.error = error


class SearchNotFound(SearchError):
    """No such index or document."""


class SearchConflict(SearchError):
    """A versioned write found the same or a newer version in place."""


def refused(message: str, status: int | None, error: object) -> SearchError:
    """The error for an engine's answer with this status and error type."""
    kind = str(error) if isinstance(error, str) else ""
    if status == 404:
        return SearchNotFound(message, status=status, error=kind)
    if status == 409:
        return SearchConflict(message, status=status, error=kind)
    return SearchError(message, status=status, error=kind)
