"""The read side's calls to the engine, with its failures turned into problem details."""

from __future__ import annotations

from typing import Any

import structlog

from lumen.engine import NotFoundError, SearchClient, TransportError
from lumen.problems import DomainError
from lumen.projections.indices import read_alias
from lumen.settings import Settings

# A query that takes longer is cut short by the engine rather than left to pile up.
QUERY_TIMEOUT = "5s"
# What a query over an index the projector has not created yet finds.
NOTHING: dict[str, Any] = {"hits": {"hits": [], "total": {"value": 0, "relation": "eq"}}}


log = structlog.get_logger()


class SearchUnavailable(DomainError):
    status = 503
    slug = "search-unavailable"
    title = "Search is unavailable"


async def search(
    client: SearchClient, settings: Settings, name: str, body: dict[str, Any]
) -> dict[str, Any]:
    try:
        found: dict[str, Any] = await client.search(
            index=read_alias(settings, name), body={"timeout": QUERY_TIMEOUT, **body}
        )
    except NotFoundError as exc:
        if exc.error != "index_not_found_exception":
            raise SearchUnavailable("The search engine did not answer; retry shortly.") from exc
        return NOTHING
    except TransportError as exc:
        log.warning("search failed", index=name, error=repr(exc))
        raise SearchUnavailable("The search engine did not answer; retry shortly.") from exc
    return found


async def multi_search(
    client: SearchClient, settings: Settings, requests: list[tuple[str, dict[str, Any]]]
) -> list[dict[str, Any]]:
    lines: list[dict[str, Any]] = []
    for name, body in requests:
        lines += [{"index": read_alias(settings, name)}, {"timeout": QUERY_TIMEOUT, **body}]
    try:
        found = await client.msearch(body=lines)
    except TransportError as exc:
        raise SearchUnavailable("The search engine did not answer; retry shortly.") from exc
    responses: list[dict[str, Any]] = [_answer(r) for r in found["responses"]]
    return responses


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


def total(found: dict[str, Any]) -> tuple[int | None, bool]:
    counted = found["hits"].get("total")
    if counted is None:
        return None, False
    return int(counted["value"]), counted["relation"] == "eq"
