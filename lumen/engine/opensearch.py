"""OpenSearch 2.x, through opensearch-py."""

from __future__ import annotations

from collections.abc import AsyncIterable, Iterable
from typing import Any

import msgspec
from opensearchpy import AsyncOpenSearch, JSONSerializer, SerializationError, TransportError
from opensearchpy.helpers import BulkIndexError, ScanError, async_bulk, async_scan

from lumen.engine.errors import SearchError, refused
from lumen.engine.port import Body, SearchClient
from lumen.settings import Settings


class _Json(JSONSerializer):
    """msgspec instead of the standard library: encoding documents dominated the
    projector's own CPU time. Types msgspec does not know fall back to the client's rules."""

    def __init__(self) -> None:
        self._encoder = msgspec.json.Encoder(enc_hook=self.default)

    def dumps(self, data: Any) -> str | bytes:
        # Already a body (a pre-encoded bulk request among them): sent as it is.
        if isinstance(data, str | bytes):
            return data
        try:
            return self._encoder.encode(data).decode()
        except (TypeError, msgspec.EncodeError) as exc:
            raise SerializationError(data, exc) from exc

    def loads(self, s: str | bytes) -> Any:
        try:
            return msgspec.json.decode(s)
        except msgspec.DecodeError as exc:
            raise SerializationError(s, exc) from exc


class OpenSearchClient(SearchClient):
    engine = "opensearch"

    @classmethod
    def open(cls, settings: Settings, timeout: float) -> OpenSearchClient:
        security: dict[str, Any] = {}
        if settings.search_username:
            security["http_auth"] = (settings.search_username, settings.search_password)
        if settings.search_ca_certs:
            security["ca_certs"] = str(settings.search_ca_certs)
        raw = AsyncOpenSearch(
            hosts=list(settings.search_urls),
            timeout=timeout,
            http_compress=False,
            serializer=_Json(),
            **security,
        )
        return cls(raw)

    def _error(self, exc: Exception) -> SearchError | None:
        if isinstance(exc, TransportError):
            # A connection error is a TransportError too, with "N/A" for its status.
            status = exc.status_code if isinstance(exc.status_code, int) else None
            return refused(str(exc), status, exc.error if status is not None else "")
        if isinstance(exc, SerializationError | BulkIndexError | ScanError):
            return SearchError(str(exc))
        return None

    def _timed(self, seconds: float) -> tuple[Any, dict[str, Any]]:
        return self._raw, {"request_timeout": seconds}

    def _scan(self, index: str, body: Body, size: int) -> AsyncIterable[dict[str, Any]]:
        scanned: AsyncIterable[dict[str, Any]] = async_scan(
            self._raw, index=index, query=dict(body), size=size, scroll="2m"
        )
        return scanned

    async def _bulk_helper(self, actions: Iterable[dict[str, Any]], chunk: int) -> int:
        taken, _ = await async_bulk(self._raw, actions, chunk_size=chunk)
        return int(taken)
