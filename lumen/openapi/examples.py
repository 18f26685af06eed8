"""Examples in the document: each JSON request body and success answer shows the example
its struct declares (an `example` class variable beside its fields), so every operation
that takes or returns a struct shows one, kept next to what it illustrates."""

from __future__ import annotations

from typing import Any

from litestar import Response
from litestar.handlers import HTTPRouteHandler

JSON = "application/json"


def body_type(handler: HTTPRouteHandler) -> Any:
    """The type a handler reads its JSON body as, if it reads one."""
    data = handler.parsed_fn_signature.parameters.get("data")
    return None if data is None else data.annotation


def answer_type(handler: HTTPRouteHandler) -> Any:
    """The type a handler answers with, out of its `Response[...]`."""
    returned = handler.parsed_fn_signature.return_type
    if returned.is_subclass_of(Response) and returned.inner_types:
        returned = returned.inner_types[0]
    return returned.annotation


def example_of(kind: Any) -> Any:
    return getattr(kind, "example", None) if isinstance(kind, type) else None


def add(operation: dict[str, Any], handler: HTTPRouteHandler) -> None:
    """Sets the example of the operation's JSON body and of each of its JSON successes."""
    body = operation.get("requestBody", {}).get("content", {}).get(JSON)
    if body is not None and (example := example_of(body_type(handler))) is not None:
        body["example"] = example
    answer = example_of(answer_type(handler))
    for status, response in operation.get("responses", {}).items():
        media = response.get("content", {}).get(JSON)
        if media is not None and int(status) < 300 and answer is not None:
            media["example"] = answer
