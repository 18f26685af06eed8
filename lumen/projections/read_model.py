"""What a read model is to the projector: an index name and mapping, a typed source query,
a document builder, and the events it handles or ignores on purpose. The projector, the
backfill, verify and status are written against this and nothing else.

An event a read model handles asks either for current rows (a `Want`: rows whose lookup
column holds a value) or for a tombstone it can build from the event alone."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

import msgspec
from sqlalchemy import Select
from sqlalchemy.orm import InstrumentedAttribute

from lumen.events import Event

R = TypeVar("R", bound=msgspec.Struct)
# (read model, document id): what the engine refuses, and what an event asked for.
DocKey = tuple[str, str]


@dataclass(frozen=True, slots=True)
class Document:
    projection: str
    id: str
    version: int
    body: dict[str, Any]

    @property
    def tombstone(self) -> bool:
        return bool(self.body["tombstone"])


def tombstone(projection: str, ident: str, version: int) -> Document:
    body = {
        "id": ident,
        "tombstone": True,
        "tombstoned_at": datetime.now(UTC),
        "doc_version": version,
    }
    return Document(projection, ident, version, body)


def visible(projection: str, ident: str, version: int, fields: dict[str, Any]) -> Document:
    body = {"id": ident, "tombstone": False, "doc_version": version, **fields}
    return Document(projection, ident, version, body)


class NotProjectable(ValueError):
    """An event no change of data can make projectable; it is dead-lettered at once."""


# Compared by identity: each lookup is a module constant of its read model.
@dataclass(frozen=True, slots=True, eq=False)
class Lookup(Generic[R]):
    """A way to find a read model's rows: the column its query filters on, and the same
    value read back from a row."""

    column: InstrumentedAttribute[Any]
    of: Callable[[R], Hashable]


Want = tuple[Lookup[R], Hashable]


@dataclass(frozen=True, slots=True)
class ReadModel(Generic[R]):
    name: str
    mapping: dict[str, Any]
    # The source query selects exactly `row`'s fields (see rows.columns).
    row: type[R]
    query: Select[Any]
    # The document id: backfills page by it, and a row's document is keyed by it.
    key: Lookup[R]
    build: Callable[[R], Document]
    handles: frozenset[type[Event]]
    ignores: frozenset[type[Event]]
    # Called for the handled events only; None for an event it has no case for.
    touched: Callable[[Event], Want[R] | Document | None]

    def doc_id(self, row: R) -> str:
        return str(self.key.of(row))
