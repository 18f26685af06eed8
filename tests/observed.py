"""What the test suite sees the API answer, checked against what the OpenAPI document
says it answers.

`observe(client)` hooks an httpx client (the in-process test clients and the live
server's): every response it gets is recorded as (method, path template, status), with
its problem `type` and the headers a client relies on. The conformance test, which runs
after every other test of the session, fails on each one the document does not list."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx
import pytest

PROBLEM = "application/problem+json"
# Headers whose presence a documented response must announce.
WATCHED_HEADERS = ("etag", "location", "retry-after", "idempotent-replayed")
CONFORMANCE_TEST = "test_every_answer_the_suite_observed_is_documented"
Client = TypeVar("Client", bound=httpx.AsyncClient)


@dataclass(frozen=True)
class Seen:
    method: str
    path: str
    status: int
    problem_type: str | None
    content_type: str
    headers: frozenset[str] = field(default_factory=frozenset)


SEEN: list[Seen] = []


async def _record(response: httpx.Response) -> None:
    content_type = response.headers.get("content-type", "").split(";")[0]
    problem_type = None
    if content_type == PROBLEM:
        await response.aread()
        problem_type = response.json().get("type")
    headers = frozenset(h for h in WATCHED_HEADERS if h in response.headers)
    request = response.request
    SEEN.append(
        Seen(
            request.method,
            request.url.path,
            response.status_code,
            problem_type,
            content_type,
            headers,
        )
    )


def observe(client: Client) -> Client:
    client.event_hooks["response"].append(_record)
    return client


class Document:
    """The OpenAPI document's operations, found by a concrete request path."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.paths: dict[str, dict[str, Any]] = document["paths"]
        self._templates = [
            (re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", path) + "$"), path)
            for path in sorted(self.paths, key=lambda p: p.count("{"))
        ]

    def template(self, path: str) -> str | None:
        return next((t for pattern, t in self._templates if pattern.match(path)), None)

    def faults(self, seen: Seen) -> Iterator[str]:
        """What the document leaves out of one observed answer."""
        template = self.template(seen.path)
        operation = self.paths.get(template or "", {}).get(seen.method.lower())
        if template is None or operation is None or seen.method in {"HEAD", "OPTIONS"}:
            return  # not an operation: an unknown path, or what Litestar answers on every path
        where = f"{seen.method} {template} {seen.status}"
        response = operation["responses"].get(str(seen.status))
        if response is None:
            yield f"{where}: status not documented"
            return
        if seen.status >= 400:
            yield from _problem_faults(where, seen, response)
        documented = {name.lower() for name in response.get("headers", {})}
        for header in seen.headers - documented:
            yield f"{where}: header {header} not documented"


def _problem_faults(where: str, seen: Seen, response: dict[str, Any]) -> Iterator[str]:
    if seen.content_type != PROBLEM:
        yield f"{where}: answered {seen.content_type!r}, not a problem"
        return
    schema = response.get("content", {}).get(PROBLEM, {}).get("schema", {})
    types = {
        t
        for part in schema.get("allOf", [])
        for t in part.get("properties", {}).get("type", {}).get("enum", [])
    }
    if seen.problem_type not in types:
        yield f"{where}: problem type {seen.problem_type} not documented"


def conformance_last(items: list[pytest.Item]) -> None:
    """The conformance test reads what every other test saw, so it runs last."""
    last = [item for item in items if item.name == CONFORMANCE_TEST]
    items[:] = [item for item in items if item.name != CONFORMANCE_TEST] + last
