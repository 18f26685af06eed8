"""Source versions against index versions: what is missing, stale or extra."""

from __future__ import annotations

import msgspec

from lumen.progress import Progress
from lumen.projections.backfill import documents, source_count
from lumen.projections.indices import read_alias
from lumen.projections.registry import read_model
from lumen.resources import Resources

SAMPLE = 20


class Drift(msgspec.Struct):
    projection: str
    index: str
    source_documents: int
    index_documents: int
    # Visible documents the source has and the index lacks.
    missing: list[str]
    # Index documents older than the source's version.
    stale: list[str]
    # Visible index documents with no source row.
    extra: list[str]

    @property
    def drifted(self) -> bool:
        return bool(self.missing or self.stale or self.extra)


async def verify(
    resources: Resources, name: str, index: str | None = None, progress: Progress | None = None
) -> Drift:
    """Reads the index and the source; `progress` hears of documents of both compared."""
    index = index or read_alias(resources.settings, name)
    model = read_model(name)
    total = await resources.search.count(index, {"match_all": {}}) + await source_count(
        resources.sessions, model
    )
    report = progress or (lambda done, total: None)
    # Index first: a change committed in between makes the source newer, never the index,
    # so a live projector shows as momentary staleness rather than phantom extras.
    indexed: dict[str, tuple[int, bool]] = {}
    query = {"query": {"match_all": {}}, "_source": ["tombstone"], "version": True}
    async for hit in resources.search.scan(index, query):
        indexed[hit["_id"]] = (int(hit["_version"]), bool(hit["_source"].get("tombstone")))
        if len(indexed) % 1000 == 0:
            report(len(indexed), total)
    expected: dict[str, tuple[int, bool]] = {}
    async for page in documents(resources.sessions, model):
        expected.update((d.id, (d.version, d.tombstone)) for d in page)
        report(len(indexed) + len(expected), total)
    report(total, total)
    missing, stale = [], []
    for ident, (version, tombstone) in expected.items():
        found = indexed.get(ident)
        if found is None:
            # A tombstone the purge removed leaves nothing to find, which is the same.
            if not tombstone:
                missing.append(ident)
        elif found[0] < version:
            stale.append(ident)
    extra = [i for i, (_, tomb) in indexed.items() if not tomb and i not in expected]
    return Drift(
        name,
        index,
        len(expected),
        len(indexed),
        sorted(missing),
        sorted(stale),
        sorted(extra),
    )
