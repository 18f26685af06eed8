"""The only module that touches the search engine's client library.

Index mappings and queries elsewhere are plain DSL dictionaries; an Elasticsearch
client could be put beside this one without touching its callers.
"""

from __future__ import annotations

from opensearchpy import AsyncOpenSearch, NotFoundError, TransportError
from opensearchpy.helpers import async_bulk

from lumen.settings import Settings

SearchClient = AsyncOpenSearch

__all__ = ["NotFoundError", "SearchClient", "TransportError", "async_bulk", "connect", "index_name"]


def connect(settings: Settings, timeout: float = 10.0) -> SearchClient:
    return AsyncOpenSearch(hosts=[settings.search_url], timeout=timeout, http_compress=False)


def index_name(settings: Settings, name: str) -> str:
    return f"{settings.index_prefix}-{name}"
