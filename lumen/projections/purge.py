"""Tombstones keep a stale write from bringing a deleted document back while events for
it may still be in flight. Once they are old enough that none can be, they go."""

from __future__ import annotations

from lumen.engine import SearchClient
from lumen.projections.indices import layout
from lumen.settings import Settings

TOMBSTONE_RETENTION_S = 24 * 3600


async def purge_tombstones(
    client: SearchClient, settings: Settings, older_than_s: int = TOMBSTONE_RETENTION_S
) -> int:
    """Deletes tombstones older than the retention from every written index; returns
    how many went."""
    query = {
        "bool": {
            "filter": [
                {"term": {"tombstone": True}},
                {"range": {"tombstoned_at": {"lt": f"now-{older_than_s}s"}}},
            ]
        }
    }
    deleted = 0
    for indices in (await layout(client, settings)).writers.values():
        for index in indices:
            # A tombstone replaced meanwhile by a newer document is a conflict: skipped.
            result = await client.delete_by_query(
                index=index, body={"query": query}, conflicts="proceed", refresh=True
            )
            deleted += int(result.get("deleted", 0))
    return deleted
