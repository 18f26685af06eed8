"""Optimistic concurrency over HTTP: the aggregate version as an ETag, checked by If-Match."""

from __future__ import annotations

from typing import Protocol, TypeVar

from litestar import Response

from lumen.commands.errors import StaleVersion


class Versioned(Protocol):
    @property
    def version(self) -> int: ...


V = TypeVar("V", bound=Versioned)


def etag(version: int, until: int | None = None) -> str:
    """The version, and when the body holds signed URLs the time they are valid until:
    a body whose URLs were signed anew is another representation of the same version."""
    return f'"{version}"' if until is None else f'"{version}-{until}"'


def check_if_match(if_match: str | None, current: int) -> None:
    """Raises StaleVersion unless If-Match is absent, `*`, or names the current version."""
    if if_match is None or if_match.strip() == "*":
        return
    wanted = {
        tag.strip().removeprefix("W/").strip('"').split("-", 1)[0] for tag in if_match.split(",")
    }
    if str(current) not in wanted:
        raise StaleVersion(
            f"If-Match names {', '.join(sorted(wanted))} but the current version is {current}.",
            current_version=current,
        )


def tagged(
    view: V, status: int = 200, location: str | None = None, until: int | None = None
) -> Response[V]:
    """A view of an aggregate with its version as the ETag (and where a new one lives)."""
    headers = {"etag": etag(view.version, until)}
    if location is not None:
        headers["location"] = location
    return Response(view, status_code=status, headers=headers)
