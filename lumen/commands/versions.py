"""Optimistic concurrency over HTTP: the aggregate version as an ETag, checked by If-Match."""

from __future__ import annotations

from lumen.commands.errors import StaleVersion


def etag(version: int) -> str:
    return f'"{version}"'


def check_if_match(if_match: str | None, current: int) -> None:
    """Raises StaleVersion unless If-Match is absent, `*`, or names the current version."""
    if if_match is None or if_match.strip() == "*":
        return
    wanted = {tag.strip().removeprefix("W/").strip('"') for tag in if_match.split(",")}
    if str(current) not in wanted:
        raise StaleVersion(
            f"If-Match names {', '.join(sorted(wanted))} but the current version is {current}.",
            current_version=current,
        )
