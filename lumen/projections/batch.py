"""One batch of claimed outbox rows → the documents to write.

Each row is decoded into its event, and each read model says what the event asks of it:
current rows (loaded in one query per read model for the whole batch) or a tombstone.
Which event asked for which document is kept, so that a document the engine refuses
fails only the events behind it."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

import msgspec
from sqlalchemy import or_
from sqlalchemy.ext.asyncio import AsyncSession

from lumen.events import BadEvent, Event, decode
from lumen.projections.claims import Claimed
from lumen.projections.read_model import DocKey, Document, Lookup, NotProjectable, ReadModel, Want
from lumen.projections.registry import READ_MODELS
from lumen.projections.rows import fetch, in_

# Documents built between two looks at the event loop.
YIELD_EVERY = 100


@dataclass(slots=True)
class Built:
    documents: list[Document] = field(default_factory=list)
    keys: dict[int, set[DocKey]] = field(default_factory=dict)
    # Event id → why it cannot be projected now (retried with backoff).
    failed: dict[int, str] = field(default_factory=dict)
    # Event id → why it can never be projected (dead-lettered at once).
    dead: dict[int, str] = field(default_factory=dict)

    def failures(self, refused: dict[DocKey, str]) -> dict[int, str]:
        failed = dict(self.failed)
        for event_id, keys in self.keys.items():
            for key in keys & refused.keys():
                failed.setdefault(event_id, f"{key[0]}/{key[1]}: {refused[key]}")
        return failed


def event_of(row: Claimed) -> Event:
    payload = msgspec.json.decode(row.payload)
    return decode(
        row.aggregate_type, row.aggregate_id, row.aggregate_version, row.event_type, payload
    )


def asks(
    event: Event, models: Sequence[ReadModel[Any]] = READ_MODELS
) -> list[tuple[ReadModel[Any], Want[Any] | Document]]:
    """What `event` asks of each read model that handles it; NotProjectable when one of
    them has not declared what it does with it."""
    kind, found = type(event), []
    for model in models:
        if kind in model.handles:
            asked = model.touched(event)
            if asked is None:
                raise NotProjectable(f"{model.name} handles {kind.name()} but has no case for it")
            found.append((model, asked))
        elif kind not in model.ignores:
            raise NotProjectable(f"{model.name} neither handles nor ignores {kind.name()}")
    return found


async def prepare(session: AsyncSession, claimed: Sequence[Claimed]) -> Built:
    built = Built()
    wants: dict[str, dict[int, Want[Any]]] = {model.name: {} for model in READ_MODELS}
    for row in claimed:
        try:
            asked = asks(event_of(row))
        except (BadEvent, NotProjectable) as exc:
            built.dead[row.id] = str(exc)
            continue
        keys = built.keys[row.id] = set()
        for model, wanted in asked:
            if isinstance(wanted, Document):
                built.documents.append(wanted)
                keys.add((model.name, wanted.id))
            else:
                wants[model.name][row.id] = wanted
    errors: dict[DocKey, str] = {}
    for model in READ_MODELS:
        if wants[model.name]:
            await _build(session, model, wants[model.name], built, errors)
    built.failed = built.failures(errors)
    return built


async def _build(
    session: AsyncSession,
    model: ReadModel[Any],
    wants: dict[int, Want[Any]],
    built: Built,
    errors: dict[DocKey, str],
) -> None:
    """Loads the rows `wants` name in one query, notes which event asked for which
    document, and builds one document per row."""
    values: dict[Lookup[Any], set[Hashable]] = defaultdict(set)
    for lookup, value in wants.values():
        values[lookup].add(value)
    query = model.query.where(or_(*(in_(lookup.column, ids) for lookup, ids in values.items())))
    rows = await fetch(session, model.row, query)
    found: dict[Lookup[Any], dict[Hashable, list[Any]]] = {k: defaultdict(list) for k in values}
    for row in rows:
        for lookup, index in found.items():
            index[lookup.of(row)].append(row)
    for event_id, (lookup, value) in wants.items():
        # A row that no longer exists has nothing to build (its deletion has a tombstone).
        matched = found[lookup].get(value, ())
        built.keys[event_id].update((model.name, model.doc_id(row)) for row in matched)
    for n, row in enumerate(rows, 1):
        if n % YIELD_EVERY == 0:
            # Lets a bulk response waiting on this loop be handled now, not after the batch.
            await asyncio.sleep(0)
        try:
            built.documents.append(model.build(row))
        except Exception as exc:  # one bad row must not sink the whole batch
            errors[(model.name, model.doc_id(row))] = f"build failed: {type(exc).__name__}: {exc}"
