"""Versioned indices behind aliases. Each projection NAME has:

- `{prefix}-NAME-vN`: the concrete indices;
- `{prefix}-NAME`: the read alias, on exactly one of them;
- `{prefix}-NAME-write`: the write alias, on every index the projector must keep current
  (two during a rebuild). It is only ever read, to list targets: the projector writes
  to the concrete indices, since an alias on several indices cannot take writes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lumen.engine import SearchClient, TransportError
from lumen.projections.analysis import ANALYSIS
from lumen.projections.mappings import MAPPINGS
from lumen.settings import Settings

PROJECTIONS = ("profiles", "photos", "cities", "following")
REFRESH_INTERVAL = "1s"


def read_alias(settings: Settings, name: str) -> str:
    return f"{settings.index_prefix}-{name}"


def write_alias(settings: Settings, name: str) -> str:
    return f"{settings.index_prefix}-{name}-write"


def versioned(settings: Settings, name: str, version: int) -> str:
    return f"{settings.index_prefix}-{name}-v{version}"


def index_body(settings: Settings, name: str, *, loading: bool = False) -> dict[str, Any]:
    return {
        "settings": {
            "number_of_shards": 1,
            **tuned_settings(settings, loading=loading),
            "analysis": ANALYSIS,
        },
        "mappings": {"dynamic": "strict", "properties": MAPPINGS[name]},
    }


def tuned_settings(settings: Settings, *, loading: bool) -> dict[str, Any]:
    # A bulk load goes faster with no refreshes and no replicas to copy to.
    if loading:
        return {"refresh_interval": "-1", "number_of_replicas": 0}
    return {"refresh_interval": REFRESH_INTERVAL, "number_of_replicas": settings.index_replicas}


@dataclass(slots=True)
class Layout:
    """Where each projection's aliases point right now."""

    versions: dict[str, list[int]] = field(default_factory=dict)
    readers: dict[str, str] = field(default_factory=dict)
    writers: dict[str, list[str]] = field(default_factory=dict)


async def layout(client: SearchClient, settings: Settings) -> Layout:
    pattern = re.compile(rf"{re.escape(settings.index_prefix)}-({'|'.join(PROJECTIONS)})-v(\d+)")
    found = await client.indices.get_alias(index=f"{settings.index_prefix}-*")
    result = Layout()
    for index, info in sorted(found.items()):
        match = pattern.fullmatch(index)
        if match is None:
            continue
        name = match.group(1)
        result.versions.setdefault(name, []).append(int(match.group(2)))
        aliases = info.get("aliases", {})
        if read_alias(settings, name) in aliases:
            result.readers[name] = index
        if write_alias(settings, name) in aliases:
            result.writers.setdefault(name, []).append(index)
    return result


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
            body = {"properties": MAPPINGS[name]}
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
