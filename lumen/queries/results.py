"""Asking the engine: the read side's one way to query a read model (through its read
alias, with a time limit, failures as problem details), and the short-lived cache of
the answers anonymous viewers get."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import msgspec
import structlog
from litestar.stores.redis import RedisStore
from redis.exceptions import RedisError

from lumen.engine import SearchError, SearchNotFound
from lumen.errors import DomainError
from lumen.http import Req
from lumen.projections.indices import read_alias
from lumen.resources import Resources

T = TypeVar("T")
# A query that takes longer is cut short by the engine rather than left to pile up.
QUERY_TIMEOUT = "5s"
# What a query over an index the projector has not created yet finds.
NOTHING: dict[str, Any] = {"hits": {"hits": [], "total": {"value": 0, "relation": "eq"}}}
log = structlog.get_logger()


class SearchUnavailable(DomainError):
    pass


async def search(resources: Resources, name: str, body: dict[str, Any]) -> dict[str, Any]:
    index = read_alias(resources.settings, name)
    try:
        found = await resources.search.search(index, {"timeout": QUERY_TIMEOUT, **body})
    except SearchNotFound as exc:
        if exc.error != "index_not_found_exception":
            raise SearchUnavailable("The search engine did not answer; retry shortly.") from exc
        return NOTHING
    except SearchError as exc:
        log.warning("search failed", index=name, error=repr(exc))
        raise SearchUnavailable("The search engine did not answer; retry shortly.") from exc
    return found


async def multi_search(
    resources: Resources, requests: list[tuple[str, dict[str, Any]]]
) -> list[dict[str, Any]]:
    lines: list[dict[str, Any]] = []
    for name, body in requests:
        index = read_alias(resources.settings, name)
        lines += [{"index": index}, {"timeout": QUERY_TIMEOUT, **body}]
    try:
        found = await resources.search.msearch(lines)
    except SearchError as exc:
        raise SearchUnavailable("The search engine did not answer; retry shortly.") from exc
    return [_answer(response) for response in found]


def _answer(response: dict[str, Any]) -> dict[str, Any]:
    error = response.get("error")
    if error is None:
        return response
    if isinstance(error, dict) and error.get("type") == "index_not_found_exception":
        return NOTHING
    raise SearchUnavailable("The search engine refused a query; retry shortly.")


def hits(found: dict[str, Any]) -> list[dict[str, Any]]:
    listed: list[dict[str, Any]] = found["hits"]["hits"]
    return listed


async def cached(
    request: Req, resources: Resources, kind: type[T], produce: Callable[[], Awaitable[T]]
) -> T:
    """Anonymous answers, kept a few seconds in Redis. Whatever a signed-in viewer gets
    depends on who they are, so it is never stored nor served from here."""
    ttl = resources.settings.query_cache_ttl_s
    if ttl <= 0 or "authorization" in request.headers:
        return await produce()
    namespace = f"{resources.settings.index_prefix}:queries"
    store = RedisStore(resources.redis, namespace=namespace, handle_client_shutdown=False)
    key = msgspec.json.encode([request.url.path, sorted(request.query_params.multi_items())])
    try:
        hit = await store.get(key.decode())
    except (RedisError, OSError) as exc:
        # A cache is a shortcut: without Redis the query is simply asked again.
        log.warning("query cache unavailable", error=repr(exc))
        return await produce()
    if hit is not None:
        return msgspec.json.decode(hit, type=kind)
    fresh = await produce()
    try:
        await store.set(key.decode(), msgspec.json.encode(fresh), expires_in=ttl)
    except (RedisError, OSError) as exc:
        log.warning("query cache unavailable", error=repr(exc))
    return fresh
