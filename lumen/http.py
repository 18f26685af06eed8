"""The HTTP edge's shared parameter types: the request, the injected dependencies and the
headers that routes on both sides read, each defined once."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Request
from litestar.di import NamedDependency
from litestar.params import HeaderParameter

from lumen.auth.accounts import Account
from lumen.auth.tokens import Caller
from lumen.resources import Resources

Req = Request[Any, Any, Any]
Res = NamedDependency[Resources]
# A registered, active account (401/403 otherwise).
Acc = NamedDependency[Account]
# A registered account, suspended or not: for reading one's own things.
Reader = NamedDependency[Account]
# The verified caller, or None for an anonymous request.
Who = NamedDependency[Caller | None]
IfMatch = Annotated[
    str | None,
    HeaderParameter(name="If-Match", required=False, description="The ETag you last read"),
]
IdempotencyKey = Annotated[
    str | None,
    HeaderParameter(
        name="Idempotency-Key",
        required=False,
        description="Any unique string: a retried POST with the same key is answered once",
    ),
]
