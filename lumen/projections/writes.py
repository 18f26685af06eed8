"""Documents → one bulk request to every index the projection writes to, versioned
externally so that the engine keeps whichever document is newest."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from redis.asyncio import Redis

from lumen.engine import SearchClient, SearchError, bulk_bodies, send_bulk
from lumen.projections import targets
from lumen.projections.read_model import DocKey, Document
from lumen.settings import Settings


class EngineUnavailable(Exception):
    """The engine took nothing from this batch; it is retried as a whole, later."""


def action(document: Document, index: str) -> dict[str, Any]:
    return {
        "_op_type": "index",
        "_index": index,
        "_id": document.id,
        "version": document.version,
        "version_type": "external",
        "_source": document.body,
    }


@dataclass(slots=True)
class Planned:
    """A batch's bulk request, encoded, and which projection each target index serves."""

    bodies: list[bytes] = field(default_factory=list)
    projection_of: dict[str, str] = field(default_factory=dict)


def _refused_reason(item: dict[str, Any]) -> str | None:
    # A version conflict means the index already holds this version or a newer one.
    if item.get("status") == 409:
        return None
    error = item.get("error")
    if isinstance(error, dict):
        return f"{error.get('type')}: {error.get('reason')}"
    return f"status {item.get('status')}: {error}"


async def _writers(
    client: SearchClient, redis: Redis, settings: Settings, needed: set[str]
) -> dict[str, list[str]]:
    try:
        writers = (await targets.current(client, redis, settings)).writers
        if needed - writers.keys():
            # Perhaps created since it was looked up (a first start): look again.
            targets.forget(settings)
            writers = (await targets.current(client, redis, settings)).writers
    except SearchError as exc:
        raise EngineUnavailable(f"index layout unavailable: {exc}") from exc
    missing = needed - writers.keys()
    if missing:
        raise EngineUnavailable(f"no write index for {', '.join(sorted(missing))}")
    return writers


async def plan(
    client: SearchClient, redis: Redis, settings: Settings, documents: Sequence[Document]
) -> Planned:
    """Finds the indices each projection writes to now and encodes the request."""
    if not documents:
        return Planned()
    writers = await _writers(client, redis, settings, {d.projection for d in documents})
    actions = [action(d, index) for d in documents for index in writers[d.projection]]
    projection_of = {index: name for name, indices in writers.items() for index in indices}
    return Planned(bulk_bodies(actions), projection_of)


async def send(client: SearchClient, planned: Planned) -> dict[DocKey, str]:
    """Sends a planned request; returns the documents the engine refused for good, with why."""
    try:
        refused = await send_bulk(client, planned.bodies)
    except SearchError as exc:
        # The layout may be what failed (an index deleted under it): the retry looks again.
        targets.forget_all()
        raise EngineUnavailable(f"bulk request failed: {exc}") from exc
    failed: dict[DocKey, str] = {}
    for item in refused:
        reason = _refused_reason(item)
        if reason is not None and reason.startswith("index_not_found"):
            targets.forget_all()
        if reason is not None:
            index = item["_index"]
            failed[(planned.projection_of.get(index, index), item["_id"])] = reason
    return failed


async def write(
    client: SearchClient, redis: Redis, settings: Settings, documents: Sequence[Document]
) -> dict[DocKey, str]:
    """Writes the documents; returns those the engine refused for good, with why."""
    return await send(client, await plan(client, redis, settings, documents))
