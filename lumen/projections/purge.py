"""Tombstones keep a stale write from bringing a deleted document back while events for
it may still be in flight. Once they are old enough that none can be, they go.

A scan and bulk deletes rather than delete-by-query, which lives in a module a bare
Elasticsearch node lacks; each delete is conditional on the tombstone's sequence number,
as delete-by-query's are, so a tombstone replaced meanwhile by a newer document stays."""

from __future__ import annotations

from typing import Any

from lumen.engine import SearchClient, SearchError, bulk_refusals
from lumen.projections.indices import layout
from lumen.settings import Settings

TOMBSTONE_RETENTION_S = 24 * 3600
# Deletes per bulk request: a purge after an outage may find many.
BATCH = 5000


def _old_tombstones(older_than_s: int) -> dict[str, Any]:
    return {
        "query": {
            "bool": {
                "filter": [
                    {"term": {"tombstone": True}},
                    {"range": {"tombstoned_at": {"lt": f"now-{older_than_s}s"}}},
                ]
            }
        },
        "_source": False,
        "seq_no_primary_term": True,
    }


async def _delete(client: SearchClient, hits: list[dict[str, Any]]) -> int:
    actions = [
        {
            "_op_type": "delete",
            "_index": hit["_index"],
            "_id": hit["_id"],
            "if_seq_no": hit["_seq_no"],
            "if_primary_term": hit["_primary_term"],
        }
        for hit in hits
    ]
    refused = await bulk_refusals(client, actions)
    # A conflict is a tombstone replaced since the scan saw it: kept, and not an error;
    # a tombstone already gone (another purge) is not one either.
    failed = [r for r in refused if r.get("status") not in (404, 409)]
    if failed:
        raise SearchError(f"{len(failed)} tombstones not purged, e.g. {failed[0]}")
    return len(hits) - len(refused)


async def purge_tombstones(
    client: SearchClient, settings: Settings, older_than_s: int = TOMBSTONE_RETENTION_S
) -> int:
    """Deletes tombstones older than the retention from every written index; returns
    how many went."""
    deleted = 0
    for indices in (await layout(client, settings)).writers.values():
        for index in indices:
            batch: list[dict[str, Any]] = []
            async for hit in client.scan(index, _old_tombstones(older_than_s)):
                batch.append(hit)
                if len(batch) >= BATCH:
                    deleted += await _delete(client, batch)
                    batch = []
            if batch:
                deleted += await _delete(client, batch)
            await client.refresh(index)
    return deleted
