"""The search engine, behind one port: the only package that imports a search client.

`LUMEN_SEARCH_ENGINE` picks Elasticsearch (8.19 or 9.x, the default) or OpenSearch 2.x;
callers hold a `SearchClient` and see plain dicts and `SearchError`s either way. Mappings
and queries elsewhere are DSL dictionaries limited to what both engines have in their
core, so they run unchanged on a bare node, a cluster or a managed service.
"""

from __future__ import annotations

from opentelemetry.trace import Tracer

from lumen.engine.bulk import bulk_bodies, bulk_refusals, send_bulk
from lumen.engine.errors import SearchConflict, SearchError, SearchNotFound
from lumen.engine.port import SearchClient
from lumen.settings import Settings

__all__ = [
    "SearchClient",
    "SearchConflict",
    "SearchError",
    "SearchNotFound",
    "bulk_bodies",
    "bulk_refusals",
    "connect",
    "send_bulk",
]


def connect(
    settings: Settings, timeout: float | None = None, tracer: Tracer | None = None
) -> SearchClient:
    """A client of the engine the settings name, at their URLs and with their credentials;
    with a `tracer`, each of its calls is a span."""
    seconds = settings.search_timeout_s if timeout is None else timeout
    # Only the client in use is imported: each brings its own HTTP stack and API surface.
    client: SearchClient
    if settings.search_engine == "opensearch":
        from lumen.engine.opensearch import OpenSearchClient

        client = OpenSearchClient.open(settings, seconds)
    else:
        from lumen.engine.elastic import ElasticsearchClient

        client = ElasticsearchClient.open(settings, seconds)
    client.slow_after_s = settings.slow_search_ms / 1000
    client.tracer = tracer
    return client
