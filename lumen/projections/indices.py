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

from lumen.engine import SearchClient
from lumen.settings import Settings

# The read models' names (registry.READ_MODELS), spelled here so that naming an index
# needs none of their sources: the query side reads through these aliases.
PROJECTIONS = ("profiles", "photos", "cities", "following")


def read_alias(settings: Settings, name: str) -> str:
    return f"{settings.index_prefix}-{name}"


def write_alias(settings: Settings, name: str) -> str:
    return f"{settings.index_prefix}-{name}-write"


def versioned(settings: Settings, name: str, version: int) -> str:
    return f"{settings.index_prefix}-{name}-v{version}"


@dataclass(slots=True)
class Layout:
    """Where each projection's aliases point right now."""

    versions: dict[str, list[int]] = field(default_factory=dict)
    readers: dict[str, str] = field(default_factory=dict)
    writers: dict[str, list[str]] = field(default_factory=dict)


async def layout(client: SearchClient, settings: Settings) -> Layout:
    pattern = re.compile(rf"{re.escape(settings.index_prefix)}-({'|'.join(PROJECTIONS)})-v(\d+)")
    found = await client.aliases(f"{settings.index_prefix}-*")
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
