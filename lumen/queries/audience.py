"""Who may see what, as engine filters. A signed-in viewer is known by their token's uid
alone: whom they follow and which profile is theirs come from the `following` read model
through terms lookups that the engine resolves, never from Postgres."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from litestar.di import NamedDependency

from lumen.http import Res, Who
from lumen.projections.indices import read_alias
from lumen.settings import Settings

Clause = dict[str, Any]

LIVE: Clause = {"term": {"tombstone": False}}
PUBLIC: Clause = {"term": {"visibility": "public"}}


@dataclass(frozen=True, slots=True)
class Viewer:
    """The signed-in caller, or None for anonymous, with the index their follows are in."""

    uid: str | None
    following_index: str

    @classmethod
    def of(cls, uid: str | None, settings: Settings) -> Viewer:
        return cls(uid, read_alias(settings, "following"))

    @property
    def signed_in(self) -> bool:
        return self.uid is not None

    def lookup(self, field: str, path: str) -> Clause:
        """`field` is one of the ids at `path` in the viewer's following document."""
        return {"terms": {field: {"index": self.following_index, "id": self.uid, "path": path}}}

    def follows(self, field: str) -> Clause:
        return self.lookup(field, "following")

    def owns(self, field: str) -> Clause:
        return self.lookup(field, "profile_id")


def provide_viewer(resources: Res, caller: Who) -> Viewer:
    return Viewer.of(caller.uid if caller else None, resources.settings)


# What read handlers ask for as `viewer`; `provide_viewer` is registered once, in the app.
Viewing = NamedDependency[Viewer]


def listed_profiles() -> list[Clause]:
    """Profiles that search, discovery and the map may list."""
    return [LIVE, PUBLIC, {"term": {"discoverable": True}}]


def nearby_profiles() -> list[Clause]:
    return [LIVE, PUBLIC, {"term": {"nearby_opt_in": True}}]


def _public_or_followed(viewer: Viewer, owner_field: str) -> Clause:
    if not viewer.signed_in:
        return PUBLIC
    followers_only = {"bool": {"filter": [{"term": {"visibility": "followers"}}]}}
    followers_only["bool"]["filter"].append(viewer.follows(owner_field))
    return {
        "bool": {
            "should": [PUBLIC, followers_only, viewer.owns(owner_field)],
            "minimum_should_match": 1,
        }
    }


def visible_photos(viewer: Viewer) -> list[Clause]:
    """Public photos, and followers-only ones to their owner's followers and owner."""
    return [LIVE, _public_or_followed(viewer, "owner_id")]


def viewable_profile(viewer: Viewer) -> list[Clause]:
    """A profile opened by its id: not necessarily discoverable, and followers-only ones
    to followers (and their owner)."""
    return [LIVE, _public_or_followed(viewer, "id")]


def not_mine_nor_followed(viewer: Viewer) -> list[Clause]:
    if not viewer.signed_in:
        return []
    return [viewer.owns("id"), viewer.follows("id")]


def not_mine(viewer: Viewer) -> list[Clause]:
    return [viewer.owns("id")] if viewer.signed_in else []
