"""One batch of events → the documents to write, and which event asked for which, so a
document the engine refuses fails only the events behind it."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession

from lumen.projections.documents import (
    Document,
    city_document,
    following_document,
    photo_document,
    profile_document,
)
from lumen.projections.events import Event, InvalidEvent, Work, work_for
from lumen.projections.sources import Snapshot, Wanted, load

DocKey = tuple[str, str]
# Documents built between two looks at the event loop.
YIELD_EVERY = 100


@dataclass(slots=True)
class Built:
    documents: list[Document] = field(default_factory=list)
    keys: dict[int, set[DocKey]] = field(default_factory=dict)
    # Event id → why it cannot be projected (before anything is written).
    failed: dict[int, str] = field(default_factory=dict)

    def failures(self, refused: dict[DocKey, str]) -> dict[int, str]:
        failed = dict(self.failed)
        for event_id, keys in self.keys.items():
            for key in keys & refused.keys():
                failed.setdefault(event_id, f"{key[0]}/{key[1]}: {refused[key]}")
        return failed


def wanted(works: Iterable[Work]) -> Wanted:
    result = Wanted()
    for work in works:
        result.owners |= work.owners
        result.owner_uids |= work.users
        result.photos |= work.photos
        result.cities |= work.cities
    return result


def row_keys(work: Work, snapshot: Snapshot) -> set[DocKey]:
    """The documents built from rows that still exist (a deleted row has its tombstone)."""
    users = {snapshot.profile_of_user[u] for u in work.users if u in snapshot.profile_of_user}
    fanned = work.owners | users
    keys: set[DocKey] = set()
    for profile_id in fanned:
        row = snapshot.profiles.get(profile_id)
        if row is not None:
            keys |= {("profiles", str(profile_id)), ("following", row.user_uid)}
    photos = work.photos | {p for owner in fanned for p in snapshot.photos_of_owner.get(owner, [])}
    keys |= {("photos", str(p)) for p in photos if p in snapshot.photos}
    keys |= {("cities", str(c)) for c in work.cities if c in snapshot.cities}
    return keys


def document_for(key: DocKey, snapshot: Snapshot) -> Document:
    projection, ident = key
    match projection:
        case "profiles":
            return _profile(snapshot, uuid.UUID(ident))
        case "following":
            return _following(snapshot, ident)
        case "photos":
            return photo_document(snapshot.photos[uuid.UUID(ident)])
        case "cities":
            return city_document(snapshot.cities[int(ident)])
        case _:
            raise KeyError(projection)


def _profile(snapshot: Snapshot, profile_id: uuid.UUID) -> Document:
    return profile_document(snapshot.profiles[profile_id], snapshot.specialties.get(profile_id, []))


def _following(snapshot: Snapshot, uid: str) -> Document:
    profile_id = snapshot.profile_of_user[uid]
    return following_document(snapshot.profiles[profile_id], snapshot.followees.get(profile_id, []))


async def prepare(session: AsyncSession, events: list[Event]) -> Built:
    built, works = Built(), {}
    for event in events:
        try:
            works[event.id] = work_for(event)
        except InvalidEvent as exc:
            built.failed[event.id] = f"invalid event: {exc}"
    snapshot = await load(session, wanted(works.values()))
    to_build: set[DocKey] = set()
    for event_id, work in works.items():
        keys = row_keys(work, snapshot)
        to_build |= keys
        built.keys[event_id] = keys | {(t.projection, t.id) for t in work.tombstones}
        built.documents.extend(work.tombstones)
    errors: dict[DocKey, str] = {}
    for n, key in enumerate(to_build, 1):
        if n % YIELD_EVERY == 0:
            # Lets a bulk response waiting on this loop be handled now, not after the batch.
            await asyncio.sleep(0)
        try:
            built.documents.append(document_for(key, snapshot))
        except Exception as exc:  # one bad row must not sink the whole batch
            errors[key] = f"build failed: {type(exc).__name__}: {exc}"
    built.failed = built.failures(errors)
    return built
