"""A budget of failed authentications per client address: once spent, requests carrying
a token are refused before any verification until the minute is over."""

from __future__ import annotations

from litestar.enums import ScopeType
from litestar.exceptions import TooManyRequestsException
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from redis.asyncio import Redis
from redis.exceptions import RedisError

from lumen.metrics.rate_limits import REFUSALS

WINDOW_S = 60


class FailedAuthLimiter:
    def __init__(self, app: ASGIApp, per_minute: int, namespace: str) -> None:
        self.app = app
        self.per_minute = per_minute
        self.namespace = namespace

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP or self.per_minute <= 0 or not _has_token(scope):
            await self.app(scope, receive, send)
            return
        redis: Redis = scope["litestar_app"].state.resources.redis
        client = scope.get("client")
        key = f"{self.namespace}:failed-auth:{client[0] if client else 'unknown'}"
        try:
            failures = int(await redis.get(key) or 0)
            if failures >= self.per_minute:
                retry_after = max(1, int(await redis.ttl(key)))
                REFUSALS.labels("failed_auth").inc()
                raise TooManyRequestsException(
                    detail="Too many failed sign-ins from this address; wait a minute.",
                    headers={"Retry-After": str(retry_after)},
                )
        except (RedisError, OSError):
            pass  # a budget is a protection, not a dependency

        async def counting(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 401:
                try:
                    async with redis.pipeline(transaction=True) as pipe:
                        pipe.incr(key)
                        pipe.expire(key, WINDOW_S, nx=True)
                        await pipe.execute()
                except (RedisError, OSError):
                    pass
            await send(message)

        await self.app(scope, receive, counting)


def _has_token(scope: Scope) -> bool:
    return any(name == b"authorization" for name, _ in scope["headers"])
