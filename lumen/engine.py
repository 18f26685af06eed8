"""The only module that touches the search engine's client library.

Index mappings and queries elsewhere are plain DSL dictionaries; an Elasticsearch
client could be put beside this one without touching its callers.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Sequence
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
from opensearchpy.helpers import async_bulk, async_scan

from lumen.settings import Settings

SearchClient = AsyncOpenSearch

__all__ = [
    "ConflictError",
    "NotFoundError",
    "SearchClient",
    "TransportError",
    "async_bulk",
    "bulk_bodies",
    "bulk_refusals",
    "connect",
    "scan_hits",
    "send_bulk",
]

# Well under the engine's default http.max_content_length (100 MB).
MAX_BULK_BYTES = 50 * 1024 * 1024


class FastJSONSerializer(JSONSerializer):
    """msgspec instead of the standard library: encoding documents dominated the
    projector's own CPU time. Types msgspec does not know fall back to the client's rules."""

    def __init__(self) -> None:
        self._encoder = msgspec.json.Encoder(enc_hook=self.default)

    def dumps(self, data: Any) -> str | bytes:
        # Already a body (a pre-encoded bulk request among them): sent as it is.
        if isinstance(data, str | bytes):
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


# Per item, only what tells success from refusal: the full items (shards, seq_no,
# result) took as long to decode as the documents took to encode.
_BULK_FILTER = "errors,items.*._index,items.*._id,items.*.status,items.*.error"
_ENCODER = msgspec.json.Encoder(enc_hook=JSONSerializer().default)


def _ndjson(actions: Sequence[dict[str, Any]]) -> Iterator[bytes]:
    """Each action as its header line and source line, encoded once, straight to bytes."""
    encode = _ENCODER.encode
    for action in actions:
        meta = {k: v for k, v in action.items() if k not in ("_op_type", "_source")}
        op = action.get("_op_type", "index")
        if op == "delete":
            yield encode({op: meta}) + b"\n"
        else:
            yield encode({op: meta}) + b"\n" + encode(action["_source"]) + b"\n"


def bulk_bodies(actions: Sequence[dict[str, Any]]) -> list[bytes]:
    """The actions as NDJSON request bodies, split only past the size cap."""
    bodies: list[bytes] = []
    chunk: list[bytes] = []
    size = 0
    for lines in _ndjson(actions):
        if chunk and size + len(lines) > MAX_BULK_BYTES:
            bodies.append(b"".join(chunk))
            chunk, size = [], 0
        chunk.append(lines)
        size += len(lines)
    if chunk:
        bodies.append(b"".join(chunk))
    return bodies


async def send_bulk(
    client: SearchClient, bodies: Sequence[bytes], *, refresh: bool = False
) -> list[dict[str, Any]]:
    """Sends prepared bodies and returns the items the engine refused, each with
    `_index`, `_id`, `status` and `error`.

    A request that fails as a whole raises TransportError: nothing can be said per item.
    """
    refused: list[dict[str, Any]] = []
    for body in bodies:
        response = await client.bulk(
            body=body, refresh="true" if refresh else "false", filter_path=_BULK_FILTER
        )
        if response.get("errors"):
            items = (next(iter(item.values())) for item in response["items"])
            refused.extend(i for i in items if not 200 <= i.get("status", 500) < 300)
    return refused


async def bulk_refusals(
    client: SearchClient, actions: Sequence[dict[str, Any]], *, refresh: bool = False
) -> list[dict[str, Any]]:
    """The actions in one bulk request (more only past the size cap); the refused items."""
    return await send_bulk(client, bulk_bodies(actions), refresh=refresh)


async def scan_hits(
    client: SearchClient, index: str, query: dict[str, Any], *, size: int = 5000
) -> AsyncIterator[dict[str, Any]]:
    """Every hit of the query, in no particular order, through a scroll."""
    async for hit in async_scan(client, index=index, query=query, size=size, scroll="2m"):
        yield hit
