"""The only module that touches the search engine's client library.

Index mappings and queries elsewhere are plain DSL dictionaries; an Elasticsearch
client could be put beside this one without touching its callers.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any

import msgspec
from opensearchpy import (
    AsyncOpenSearch,
    ConflictError,
    JSONSerializer,
    NotFoundError,
    SerializationError,
    TransportError,
)
from opensearchpy.helpers import async_bulk, async_scan, async_streaming_bulk

from lumen.settings import Settings

SearchClient = AsyncOpenSearch

__all__ = [
    "ConflictError",
    "NotFoundError",
    "SearchClient",
    "TransportError",
    "async_bulk",
    "bulk_refusals",
    "connect",
    "index_name",
    "scan_hits",
]

# Well under the engine's default http.max_content_length (100 MB).
MAX_BULK_BYTES = 50 * 1024 * 1024


class FastJSONSerializer(JSONSerializer):
    """msgspec instead of the standard library: encoding documents dominated the
    projector's own CPU time. Types msgspec does not know fall back to the client's rules."""

    def __init__(self) -> None:
        self._encoder = msgspec.json.Encoder(enc_hook=self.default)

    def dumps(self, data: Any) -> str:
        if isinstance(data, str):
            return data
        try:
            return self._encoder.encode(data).decode()
        except (TypeError, msgspec.EncodeError) as exc:
            raise SerializationError(data, exc) from exc

    def loads(self, s: str | bytes) -> Any:
        try:
            return msgspec.json.decode(s)
        except msgspec.DecodeError as exc:
            raise SerializationError(s, exc) from exc


def connect(settings: Settings, timeout: float = 10.0) -> SearchClient:
    return AsyncOpenSearch(
        hosts=[settings.search_url],
        timeout=timeout,
        http_compress=False,
        serializer=FastJSONSerializer(),
    )


def index_name(settings: Settings, name: str) -> str:
    return f"{settings.index_prefix}-{name}"


async def bulk_refusals(
    client: SearchClient, actions: Sequence[dict[str, Any]], *, refresh: bool = False
) -> list[dict[str, Any]]:
    """Sends the actions in one bulk request (more only past the size cap) and returns
    the items the engine refused, each with `_index`, `_id`, `status` and `error`.

    A request that fails as a whole raises TransportError: nothing can be said per item.
    """
    refused: list[dict[str, Any]] = []
    stream = async_streaming_bulk(
        client,
        actions,
        chunk_size=max(1, len(actions)),
        max_chunk_bytes=MAX_BULK_BYTES,
        raise_on_error=False,
        raise_on_exception=True,
        yield_ok=False,
        refresh="true" if refresh else "false",
    )
    async for ok, item in stream:
        if not ok:
            refused.append(next(iter(item.values())))
    return refused


async def scan_hits(
    client: SearchClient, index: str, query: dict[str, Any], *, size: int = 5000
) -> AsyncIterator[dict[str, Any]]:
    """Every hit of the query, in no particular order, through a scroll."""
    async for hit in async_scan(client, index=index, query=query, size=size, scroll="2m"):
        yield hit
