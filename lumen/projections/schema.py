"""Index definitions: each read model's mapping and settings, the indices and aliases
created where none exist yet, and which indices predate the current schema."""

from __future__ import annotations

from typing import Any

from lumen.engine import SearchClient, SearchError
from lumen.projections.indices import PROJECTIONS, layout, read_alias, versioned, write_alias
from lumen.projections.registry import read_model
from lumen.settings import Settings

REFRESH_INTERVAL = "1s"
# Moves with every mapping change an index cannot take in place (an analyzer, a field's
# type): an index of an older schema is rebuilt, never written to by this code. Indices
# from before the number was recorded are schema 1.
# 2: core features only (standard analyzer, folded copies, index_prefixes).
SCHEMA = 2


def index_body(settings: Settings, name: str, *, loading: bool = False) -> dict[str, Any]:
    return {
        "settings": {"number_of_shards": 1, **tuned_settings(settings, loading=loading)},
        "mappings": {
            "dynamic": "strict",
            "_meta": {"schema": SCHEMA},
            "properties": read_model(name).mapping,
        },
    }


def tuned_settings(settings: Settings, *, loading: bool) -> dict[str, Any]:
    # A bulk load goes faster with no refreshes and no replicas to copy to.
    if loading:
        return {"refresh_interval": "-1", "number_of_replicas": 0}
    return {"refresh_interval": REFRESH_INTERVAL, "number_of_replicas": settings.index_replicas}


async def current(client: SearchClient, indices: list[str]) -> list[str]:
    """Those of `indices` built to the current schema."""
    if not indices:
        return []
    found = await client.mappings(",".join(sorted(indices)))
    return [i for i in indices if found.get(i, {}).get("_meta", {}).get("schema", 1) == SCHEMA]


async def create_index(
    client: SearchClient, settings: Settings, index: str, name: str, *, loading: bool = False
) -> None:
    try:
        await client.create_index(index, index_body(settings, name, loading=loading))
    except SearchError as exc:
        # Another worker created it first: the same definition, so nothing to do.
        if exc.error != "resource_already_exists_exception":
            raise


async def ensure_indices(client: SearchClient, settings: Settings) -> list[str]:
    """Creates version 1 of each projection and its aliases where none is being read, and
    adds fields new to the mappings to the indices that exist. Returns the projections
    whose indices predate the schema: those need a rebuild (see rebuild.upgrade)."""
    now = await layout(client, settings)
    outdated: list[str] = []
    for name in PROJECTIONS:
        if name in now.readers:
            targets = sorted({now.readers[name], *now.writers.get(name, [])})
            fresh = await current(client, targets)
            if len(fresh) < len(targets):
                outdated.append(name)
            # Adding a field is the one mapping change an index takes in place; anything
            # else is refused here and needs a new schema number.
            if fresh:
                body = {"properties": read_model(name).mapping}
                await client.put_mapping(",".join(fresh), body)
            continue
        index = versioned(settings, name, 1)
        await create_index(client, settings, index, name)
        await client.update_aliases(
            [
                {"add": {"index": index, "alias": read_alias(settings, name)}},
                {"add": {"index": index, "alias": write_alias(settings, name)}},
            ]
        )
    return outdated
