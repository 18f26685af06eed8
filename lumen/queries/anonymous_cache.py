"""A short-lived Redis cache of anonymous responses, through Litestar's store. Whatever a
signed-in viewer gets depends on who they are, so it is never stored nor served from here."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import msgspec
import structlog
from litestar import Request
from litestar.stores.redis import RedisStore
from redis.exceptions import RedisError

from lumen.resources import Resources

T = TypeVar("T")
log = structlog.get_logger()


def _key(request: Request[Any, Any, Any]) -> str:
    params = sorted(request.query_params.multi_items())
    return msgspec.json.encode([request.url.path, params]).decode()


async def cached(
    request: Request[Any, Any, Any],
    resources: Resources,
    kind: type[T],
    produce: Callable[[], Awaitable[T]],
) -> T:
    ttl = resources.settings.query_cache_ttl_s
    if ttl <= 0 or "authorization" in request.headers:
        return await produce()
    store = RedisStore(
        resources.redis,
        namespace=f"{resources.settings.index_prefix}:queries",
        handle_client_shutdown=False,
    )
    key = _key(request)
    try:
        hit = await store.get(key)
    except (RedisError, OSError) as exc:
        # A cache is a shortcut: without Redis the query is simply asked again.
        log.warning("query cache unavailable", error=repr(exc))
        return await produce()
    if hit is not None:
        return msgspec.json.decode(hit, type=kind)
    fresh = await produce()
    try:
        await store.set(key, msgspec.json.encode(fresh), expires_in=ttl)
    except (RedisError, OSError) as exc:
        log.warning("query cache unavailable", error=repr(exc))
    return fresh
