"""Index definitions: each read model's mapping with the shared analysis, and the indices
and aliases created where none exist yet."""

from __future__ import annotations

from typing import Any

from lumen.engine import SearchClient, TransportError
from lumen.projections.analysis import ANALYSIS
from lumen.projections.indices import PROJECTIONS, layout, read_alias, versioned, write_alias
from lumen.projections.registry import read_model
from lumen.settings import Settings

REFRESH_INTERVAL = "1s"


def index_body(settings: Settings, name: str, *, loading: bool = False) -> dict[str, Any]:
    return {
        "settings": {
            "number_of_shards": 1,
            **tuned_settings(settings, loading=loading),
            "analysis": ANALYSIS,
        },
        "mappings": {"dynamic": "strict", "properties": read_model(name).mapping},
    }


def tuned_settings(settings: Settings, *, loading: bool) -> dict[str, Any]:
    # A bulk load goes faster with no refreshes and no replicas to copy to.
    if loading:
        return {"refresh_interval": "-1", "number_of_replicas": 0}
    return {"refresh_interval": REFRESH_INTERVAL, "number_of_replicas": settings.index_replicas}


async def create_index(
    client: SearchClient, settings: Settings, index: str, name: str, *, loading: bool = False
) -> None:
    try:
        await client.indices.create(index=index, body=index_body(settings, name, loading=loading))
    except TransportError as exc:
        # Another worker created it first: the same definition, so nothing to do.
        if exc.error != "resource_already_exists_exception":
            raise


async def ensure_indices(client: SearchClient, settings: Settings) -> None:
    """Creates version 1 of each projection and its aliases where none is being read, and
    adds fields new to the mappings to the indices that exist."""
    current = await layout(client, settings)
    for name in PROJECTIONS:
        if name in current.readers:
            # Adding a field is the one mapping change an index takes in place; anything
            # else is refused here and needs a rebuild.
            targets = {current.readers[name], *current.writers.get(name, [])}
            body = {"properties": read_model(name).mapping}
            await client.indices.put_mapping(index=",".join(sorted(targets)), body=body)
            continue
        index = versioned(settings, name, 1)
        await create_index(client, settings, index, name)
        await client.indices.update_aliases(
            body={
                "actions": [
                    {"add": {"index": index, "alias": read_alias(settings, name)}},
                    {"add": {"index": index, "alias": write_alias(settings, name)}},
                ]
            }
        )
