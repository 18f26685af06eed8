"""The engine port: every call Lumen makes to a search engine, in one class.

The calls are written once: opensearch-py is a fork of the Elasticsearch client, so both
take the same methods and arguments for what Lumen uses, and the bodies are query DSL
that both engines have in their core. An adapter says only how its client is built, how
its answers and errors look, how a call gets a longer timeout, and which bulk and scan
helpers it has. Answers come back as plain dicts, failures as `SearchError`s.
"""

from __future__ import annotations

import abc
import time
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from functools import reduce
from typing import Any, ClassVar

from opentelemetry.trace import Span, Tracer

from lumen import slow_work
from lumen.engine.errors import SearchConflict, SearchError, SearchNotFound
from lumen.metrics.engine import ENGINE_CALLS
from lumen.tracing import spans

Body = Mapping[str, Any]


class SearchClient(abc.ABC):
    engine: ClassVar[str]
    # Calls slower than this are logged with the shape of their request; 0: none are.
    slow_after_s: float = 0.0
    # With tracing on, each call is a span of this tracer; None: no span at all.
    tracer: Tracer | None = None

    def __init__(self, raw: Any) -> None:
        self._raw = raw

    # What an adapter provides.

    @abc.abstractmethod
    def _error(self, exc: Exception) -> SearchError | None:
        """`exc` as a SearchError, or None when it is not the client's to translate."""

    @abc.abstractmethod
    def _timed(self, seconds: float) -> tuple[Any, dict[str, Any]]:
        """The client and extra arguments for one call allowed `seconds`."""

    @abc.abstractmethod
    def _scan(self, index: str, body: Body, size: int) -> AsyncIterable[dict[str, Any]]: ...

    @abc.abstractmethod
    async def _bulk_helper(self, actions: Iterable[dict[str, Any]], chunk: int) -> int: ...

    @contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except Exception as exc:
            error = self._error(exc)
            if error is None:
                raise
            raise error from exc

    def _span(self, name: str, kwargs: dict[str, Any]) -> AbstractContextManager[Span | None]:
        if self.tracer is None:
            return nullcontext()
        return spans.engine_call(self.tracer, self.engine, name, kwargs.get("index"))

    async def _call(self, name: str, timeout_s: float | None = None, **kwargs: Any) -> Any:
        raw, extra = (self._raw, {}) if timeout_s is None else self._timed(timeout_s)
        method = reduce(getattr, name.split("."), raw)
        started, outcome, error = time.perf_counter(), "error", None
        with self._span(name, kwargs) as span:
            try:
                with self._translated():
                    answer = await method(**kwargs, **extra)
                outcome = "ok"
            except SearchError as exc:
                outcome, error = _outcome(exc), exc.error
                raise
            finally:
                took = time.perf_counter() - started
                ENGINE_CALLS.labels(name, outcome).observe(took)
                if self.slow_after_s and took >= self.slow_after_s:
                    slow_work.engine_call(name, kwargs, took, outcome)
                if span is not None:
                    spans.engine_outcome(span, outcome, error)
        # Elasticsearch's client wraps the body (ObjectApiResponse); OpenSearch's does not.
        return getattr(answer, "body", answer)

    # Documents and queries.

    async def search(self, index: str, body: Body) -> dict[str, Any]:
        found: dict[str, Any] = await self._call("search", index=index, body=body)
        return found

    async def msearch(self, lines: Sequence[Body]) -> list[dict[str, Any]]:
        """One answer per (header, body) pair of `lines`, in order; each may be an error."""
        found = await self._call("msearch", body=list(lines))
        responses: list[dict[str, Any]] = found["responses"]
        return responses

    async def count(self, index: str, query: Body) -> int:
        return int((await self._call("count", index=index, body={"query": query}))["count"])

    async def get(self, index: str, ident: str) -> dict[str, Any] | None:
        try:
            found: dict[str, Any] = await self._call("get", index=index, id=ident)
        except SearchNotFound:
            return None
        return found if found.get("found") else None

    async def put(
        self,
        index: str,
        ident: str,
        body: Body,
        *,
        version: int | None = None,
        refresh: bool = False,
    ) -> None:
        """Indexes one document; with `version`, only over an older external version."""
        versioning: dict[str, Any] = {}
        if version is not None:
            versioning = {"version": version, "version_type": "external"}
        await self._call(
            "index", index=index, id=ident, body=body, refresh=_flag(refresh), **versioning
        )

    async def delete(self, index: str, ident: str, *, refresh: bool = False) -> None:
        await self._call("delete", index=index, id=ident, refresh=_flag(refresh))

    async def bulk(self, body: bytes, *, refresh: bool, filter_path: str) -> dict[str, Any]:
        found: dict[str, Any] = await self._call(
            "bulk", body=body, refresh=_flag(refresh), filter_path=filter_path
        )
        return found

    async def load(self, actions: Iterable[dict[str, Any]], *, chunk: int = 2000) -> int:
        """Writes actions through the client's own bulk helper; returns how many were taken.
        For loads that are not the projector's (benchmark baselines)."""
        with self._translated():
            return await self._bulk_helper(actions, chunk)

    async def scan(
        self, index: str, body: Body, *, size: int = 5000
    ) -> AsyncIterator[dict[str, Any]]:
        """Every hit of the query, in no particular order, through the client's scroll helper."""
        with self._translated():
            async for hit in self._scan(index, body, size):
                yield hit

    # Indices, aliases and the cluster.

    async def create_index(self, index: str, body: Body) -> None:
        await self._call("indices.create", index=index, body=body)

    async def delete_index(self, index: str) -> None:
        await self._call("indices.delete", index=index, ignore_unavailable=True)

    async def put_settings(self, index: str, settings: Body) -> None:
        await self._call("indices.put_settings", index=index, body=settings)

    async def put_mapping(self, index: str, mapping: Body) -> None:
        await self._call("indices.put_mapping", index=index, body=mapping)

    async def mappings(self, index: str) -> dict[str, Any]:
        """Each concrete index behind `index` (a name, alias or pattern) and its mappings."""
        found = await self._call("indices.get_mapping", index=index)
        return {name: info.get("mappings", {}) for name, info in found.items()}

    async def aliases(self, pattern: str) -> dict[str, Any]:
        """Each index matching `pattern` with its aliases (`{"aliases": {...}}`)."""
        found: dict[str, Any] = await self._call("indices.get_alias", index=pattern)
        return found

    async def update_aliases(self, actions: Sequence[Body]) -> None:
        await self._call("indices.update_aliases", body={"actions": list(actions)})

    async def refresh(self, index: str) -> None:
        await self._call("indices.refresh", index=index)

    async def health(
        self, index: str | None = None, *, wait_for: str | None = None, wait_s: float = 30.0
    ) -> dict[str, Any]:
        """Cluster (or index) health; with `wait_for`, once that status is reached or
        `wait_s` has passed (then `timed_out` is true)."""
        params: dict[str, Any] = {} if index is None else {"index": index}
        if wait_for is not None:
            params |= {"wait_for_status": wait_for, "timeout": f"{int(wait_s)}s"}
        found: dict[str, Any] = await self._call("cluster.health", wait_s + 10, **params)
        return found

    async def close(self) -> None:
        await self._raw.close()


def _outcome(exc: SearchError) -> str:
    if isinstance(exc, SearchNotFound):
        return "not_found"
    return "conflict" if isinstance(exc, SearchConflict) else "error"


def _flag(value: bool) -> str:
    return "true" if value else "false"
