"""Bulk requests as Lumen sends them: actions encoded once, straight to NDJSON bytes,
and the engine's answer boiled down to the items it refused."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import msgspec

from lumen.engine.port import SearchClient

# Well under the engines' default http.max_content_length (100 MB).
MAX_BULK_BYTES = 50 * 1024 * 1024
# Per item, only what tells success from refusal: the full items (shards, seq_no,
# result) took as long to decode as the documents took to encode.
_BULK_FILTER = "errors,items.*._index,items.*._id,items.*.status,items.*.error"
_ENCODER = msgspec.json.Encoder()


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

    A request that fails as a whole raises SearchError: nothing can be said per item.
    """
    refused: list[dict[str, Any]] = []
    for body in bodies:
        response = await client.bulk(body, refresh=refresh, filter_path=_BULK_FILTER)
        if response.get("errors"):
            items = (next(iter(item.values())) for item in response["items"])
            refused.extend(i for i in items if not 200 <= i.get("status", 500) < 300)
    return refused


async def bulk_refusals(
    client: SearchClient, actions: Sequence[dict[str, Any]], *, refresh: bool = False
) -> list[dict[str, Any]]:
    """The actions in one bulk request (more only past the size cap); the refused items."""
    return await send_bulk(client, bulk_bodies(actions), refresh=refresh)
