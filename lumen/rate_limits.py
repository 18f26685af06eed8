"""Request budgets per member (else per client address), shared by every API process
through Redis: searches, location queries, writes, uploads, reports, and failed sign-ins."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from typing import Any, Literal

import structlog
from litestar import Request
from litestar.exceptions import TooManyRequestsException
from litestar.middleware import DefineMiddleware
from litestar.middleware.rate_limit import (
    CacheObject,
    DurationUnit,
    RateLimitConfig,
    RateLimitMiddleware,
    get_remote_address,
)
from litestar.stores.base import Store
from litestar.types import Receive, Scope, Send
from redis.exceptions import RedisError

from lumen.metrics.rate_limits import REFUSALS
from lumen.settings import Settings

Budget = Literal["search", "location", "writes", "uploads", "reports"]
STORE = "rate_limit"
_SEARCH_PREFIXES = ("/v1/search/", "/v1/suggest", "/v1/discover", "/v1/map/")
_WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
log = structlog.get_logger()


def budget_of(request: Request[Any, Any, Any]) -> Budget | None:
    near = "near" in request.query_params
    return budget_for(request.method, request.url.path, near)


def budget_for(method: str, path: str, near: bool = False) -> Budget | None:
    if method == "GET":
        # Distances from chosen origins are what trilateration needs: their own budget.
        if path.startswith("/v1/nearby") or near:
            return "location"
        return "search" if path.startswith(_SEARCH_PREFIXES) else None
    if method == "POST" and path.rstrip("/") == "/v1/reports":
        return "reports"
    if method in _WRITES and path.startswith("/v1/"):
        return "uploads" if path.endswith("/original") else "writes"
    return None


def identity_of(request: Request[Any, Any, Any]) -> str:
    """The bearer token's digest, else the client address.

    The limiter runs before the token is verified, so it keys on the token itself: a
    forged token then only spends its own budget, never a real member's, and garbage
    tokens are bounded by the failed-authentication budget of their address."""
    token = request.headers.get("authorization", "")
    if token:
        return "token:" + hashlib.sha256(token.encode()).hexdigest()[:32]
    return "addr:" + get_remote_address(request)


class _Limiter(RateLimitMiddleware):
    """Litestar's limiter, letting requests through when Redis is unreachable: a budget
    is a protection, not a dependency; and counting its refusals."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        except TooManyRequestsException:
            # Limiters are nested: only the one whose budget the request spends counts it.
            request: Request[Any, Any, Any] = scope["litestar_app"].request_class(scope)
            if (budget := budget_of(request)) is not None and await self.should_check_request(
                request
            ):
                REFUSALS.labels(budget).inc()
            raise

    async def retrieve_cached_history(self, key: str, store: Store) -> CacheObject:
        try:
            return await super().retrieve_cached_history(key, store)
        except (RedisError, OSError) as exc:
            log.warning("rate limits unavailable", error=repr(exc))
            return CacheObject(history=[], reset=int(time.time()) + 60)

    async def set_cached_history(self, key: str, cache_object: CacheObject, store: Store) -> None:
        try:
            await super().set_cached_history(key, cache_object, store)
        except (RedisError, OSError) as exc:
            log.warning("rate limits unavailable", error=repr(exc))


def _applies_to(budget: Budget) -> Callable[[Request[Any, Any, Any]], bool]:
    return lambda request: budget_of(request) == budget


def _keyed(budget: Budget) -> Callable[[Request[Any, Any, Any]], str]:
    return lambda request: f"{budget}:{identity_of(request)}"


def rate_limit_middleware(settings: Settings) -> list[DefineMiddleware]:
    limits: dict[Budget, tuple[DurationUnit, int]] = {
        "search": ("minute", settings.rate_limit_search_per_minute),
        "location": ("minute", settings.rate_limit_location_per_minute),
        "writes": ("minute", settings.rate_limit_writes_per_minute),
        "uploads": ("minute", settings.rate_limit_uploads_per_minute),
        "reports": ("hour", settings.rate_limit_reports_per_hour),
    }
    return [
        RateLimitConfig(
            rate_limit=(unit, limit),
            identifier_for_request=_keyed(budget),
            check_throttle_handler=_applies_to(budget),
            middleware_class=_Limiter,
            store=STORE,
        ).middleware
        for budget, (unit, limit) in limits.items()
        if limit > 0
    ]
