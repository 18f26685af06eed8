"""The following read model: whom each member follows, keyed by their uid, for the query
side's terms lookups (followers-only content, "people I follow")."""

from __future__ import annotations

import uuid
from typing import Any

import msgspec
from sqlalchemy import Text, cast, func, select

from lumen import events
from lumen.db.profiles import Follow, Profile
from lumen.db.users import User
from lumen.projections import event_groups as groups
from lumen.projections.analysis import COMMON, KEYWORD
from lumen.projections.read_model import Document, Lookup, ReadModel, Want, tombstone, visible
from lumen.projections.rows import as_list, columns

NAME = "following"
# The document is keyed by uid, which outlives a deleted profile: a user who deletes
# their profile and makes a new one starts a new profile counter at 1. The user's
# counter moved on in between, so it goes in the high bits and wins.
_USER_SHIFT = 32


class FollowingRow(msgspec.Struct):
    user_uid: str
    profile_id: uuid.UUID
    revision: int
    user_status: str
    user_version: int
    followees: list[str] | None


_FOLLOWEES = select(cast(Follow.followee_id, Text)).where(Follow.follower_id == Profile.id)
QUERY = select(
    *columns(
        FollowingRow,
        Profile.__table__,
        profile_id=Profile.id,
        revision=Profile.revision,
        user_status=User.status,
        user_version=User.version,
        followees=as_list(func.array(_FOLLOWEES.scalar_subquery())),
    )
).join(User, User.uid == Profile.user_uid)
BY_UID: Lookup[FollowingRow] = Lookup(Profile.user_uid, lambda row: row.user_uid)
BY_PROFILE: Lookup[FollowingRow] = Lookup(Profile.id, lambda row: row.profile_id)

MAPPING: dict[str, Any] = {
    **COMMON,
    # Looked up by id (the follower's uid) through a terms lookup, never searched.
    "following": KEYWORD,
    # The follower's own profile, so a query can leave it out or show it its own
    # followers-only content knowing only the caller's uid.
    "profile_id": KEYWORD,
}


def document_version(revision: int, user_version: int) -> int:
    return (user_version << _USER_SHIFT) + revision


def build(row: FollowingRow) -> Document:
    version = document_version(row.revision, row.user_version)
    # Kept for private profiles (their owner still follows people); gone with the account.
    if row.user_status != "active":
        return tombstone(NAME, row.user_uid, version)
    fields = {"following": sorted(row.followees or []), "profile_id": str(row.profile_id)}
    return visible(NAME, row.user_uid, version, fields)


def touched(event: events.Event) -> Want[FollowingRow] | Document | None:
    match event:
        case events.ProfileDeleted():
            version = document_version(event.version, event.user_version)
            return tombstone(NAME, event.user_uid, version)
        case events.ProfileEvent(profile_id=profile_id):
            return BY_PROFILE, profile_id
        case events.UserEvent(uid=uid):
            return BY_UID, uid
    return None


FOLLOWING = ReadModel(
    name=NAME,
    mapping=MAPPING,
    row=FollowingRow,
    query=QUERY,
    key=BY_UID,
    build=build,
    # Profile edits move the revision its version is built from, as follows do.
    handles=groups.OWNER_CHANGES | {events.ProfileDeleted},
    ignores=groups.PHOTO_CHANGES
    | groups.REPORT_CHANGES
    | {events.PhotoUploaded, events.PhotoDeleted, events.CitySeeded},
    touched=touched,
)
