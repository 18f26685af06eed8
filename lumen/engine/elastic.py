"""Elasticsearch 8.19 and 9.x, through the official client at 8.19: the 9.x client asks
every node for 9 compatibility and so refuses 8.x nodes, which 8.19 serves alike."""

from __future__ import annotations

from collections.abc import AsyncIterable, Iterable
from typing import Any

import msgspec
from elastic_transport import JsonSerializer, NdjsonSerializer, TransportError
from elasticsearch import ApiError, AsyncElasticsearch
from elasticsearch.helpers import BulkIndexError, ScanError, async_bulk, async_scan

from lumen.engine.errors import SearchError, refused
from lumen.engine.port import Body, SearchClient
from lumen.settings import Settings

_ENCODER = msgspec.json.Encoder()


class _Json(JsonSerializer):
    # msgspec rather than the standard library: encoding documents dominated the
    # projector's own CPU time.
    def json_dumps(self, data: Any) -> bytes:
        return _ENCODER.encode(data)

    def json_loads(self, data: bytes) -> Any:
        return msgspec.json.decode(data)


class _Ndjson(NdjsonSerializer):
    def json_dumps(self, data: Any) -> bytes:
        return _ENCODER.encode(data)

    def json_loads(self, data: bytes) -> Any:
        return msgspec.json.decode(data)


class ElasticsearchClient(SearchClient):
    engine = "elasticsearch"

    @classmethod
    def open(cls, settings: Settings, timeout: float) -> ElasticsearchClient:
        security: dict[str, Any] = {}
        if settings.search_api_key:
            security["api_key"] = settings.search_api_key
        elif settings.search_username:
            security["basic_auth"] = (settings.search_username, settings.search_password)
        if settings.search_ca_certs:
            security["ca_certs"] = str(settings.search_ca_certs)
        raw = AsyncElasticsearch(
            hosts=list(settings.search_urls),
            request_timeout=timeout,
            http_compress=False,
            # The compatibility mimetypes (compatible-with=8) take these too.
            serializers={"application/json": _Json(), "application/x-ndjson": _Ndjson()},
            **security,
        )
        return cls(raw)

    def _error(self, exc: Exception) -> SearchError | None:
        if isinstance(exc, ApiError):  # an answer, with a status (not a TransportError)
            return refused(str(exc), exc.status_code, exc.error)
        if isinstance(exc, TransportError | BulkIndexError | ScanError):
            return SearchError(str(exc))
        return None

    def _timed(self, seconds: float) -> tuple[Any, dict[str, Any]]:
        return self._raw.options(request_timeout=seconds), {}

    def _scan(self, index: str, body: Body, size: int) -> AsyncIterable[dict[str, Any]]:
        return async_scan(self._raw, query=dict(body), index=index, size=size, scroll="2m")

    async def _bulk_helper(self, actions: Iterable[dict[str, Any]], chunk: int) -> int:
        taken, _ = await async_bulk(self._raw, actions, chunk_size=chunk)
        return taken
