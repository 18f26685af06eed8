"""The event catalogue: what each outbox event asks the read side to rebuild. Events
the read side has no use for are acknowledged and ignored."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any

from lumen.projections import versions
from lumen.projections.documents import Document, tombstone

USER_EVENTS = frozenset(
    {"UserRegistered", "UserUpdated", "UserSuspended", "UserUnsuspended", "UserDeleted"}
)
FOLLOW_EVENTS = frozenset(
    {"ProfileFollowed", "ProfileUnfollowed", "FollowerAdded", "FollowerRemoved", "FollowRemoved"}
)
PROFILE_CHANGES = FOLLOW_EVENTS | {"ProfileCreated", "ProfileUpdated"}
PHOTO_EVENTS = frozenset(
    {
        "PhotoCreated",
        "PhotoUpdated",
        "PhotoHidden",
        "PhotoUnhidden",
        "PhotoProcessed",
        "PhotoFailed",
    }
)
_MAX_INT4 = 2**31 - 1


class InvalidEvent(ValueError):
    """An event the projector can never handle; it goes dead after its attempts."""


@dataclass(frozen=True, slots=True)
class Event:
    id: int
    aggregate_type: str
    aggregate_id: str
    aggregate_version: int
    event_type: str
    payload: dict[str, Any]
    attempts: int = 0


@dataclass(frozen=True, slots=True)
class Work:
    """What one event asks for: profiles (by id or by their user) with every photo they
    own, single photos, cities, tombstones.

    Empty by shared immutable defaults: an event fills one field, and making the four
    others per event was a tenth of a batch's building time."""

    owners: AbstractSet[uuid.UUID] = frozenset()
    users: AbstractSet[str] = frozenset()
    photos: AbstractSet[uuid.UUID] = frozenset()
    cities: AbstractSet[int] = frozenset()
    tombstones: Sequence[Document] = ()


def _uuid(value: object) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError as exc:
        raise InvalidEvent(f"not a uuid: {value!r}") from exc


def _count(payload: dict[str, Any], name: str) -> int:
    value = payload.get(name)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise InvalidEvent(f"payload.{name} must be a version number, got {value!r}")
    return value


def _city_id(value: str) -> int:
    if not value.isdigit() or int(value) > _MAX_INT4:
        raise InvalidEvent(f"not a city id: {value!r}")
    return int(value)


def _profile_deleted(event: Event) -> list[Document]:
    ident = str(_uuid(event.aggregate_id))
    user_uid, user_version = event.payload.get("user_uid"), _count(event.payload, "user_version")
    if not isinstance(user_uid, str) or not user_uid:
        raise InvalidEvent("payload.user_uid is missing")
    return [
        tombstone("profiles", ident, versions.profile(event.aggregate_version, user_version)),
        tombstone("following", user_uid, versions.following(event.aggregate_version, user_version)),
    ]


def _photo_deleted(event: Event) -> list[Document]:
    ident = str(_uuid(event.aggregate_id))
    owner_version = _count(event.payload, "owner_version")
    user_version = _count(event.payload, "user_version")
    version = versions.photo(event.aggregate_version, owner_version, user_version)
    return [tombstone("photos", ident, version)]


def work_for(event: Event) -> Work:
    match event.aggregate_type, event.event_type:
        case "user", kind if kind in USER_EVENTS:
            if not 0 < len(event.aggregate_id) <= 128:
                raise InvalidEvent(f"not a uid: {event.aggregate_id!r}")
            return Work(users={event.aggregate_id})
        case "profile", kind if kind in PROFILE_CHANGES:
            # A follow moves a counter, the profile's version and so its photos' versions;
            # the photos also carry the owner's follower count as their popularity.
            return Work(owners={_uuid(event.aggregate_id)})
        case "profile", "ProfileDeleted":
            return Work(tombstones=_profile_deleted(event))
        case "photo", kind if kind in PHOTO_EVENTS:
            return Work(photos={_uuid(event.aggregate_id)})
        case "photo", "PhotoDeleted":
            return Work(tombstones=_photo_deleted(event))
        case "city", "CitySeeded":
            return Work(cities={_city_id(event.aggregate_id)})
        case _:
            return Work()
