"""Facet counts that stay useful while values are picked: each facet is counted over the
result with every filter but its own, and facet filters narrow the hits after the
aggregations (`post_filter`), so picking "model" still shows how many photographers a
second pick would add."""

from __future__ import annotations

from typing import Any

from lumen.queries.views import FacetCount

FACET_SIZE = 20


def _terms(field: str, values: list[str]) -> dict[str, Any]:
    return {"terms": {field: values}}


def post_filter(fields: dict[str, str], picked: dict[str, list[str]]) -> dict[str, Any] | None:
    """The picked facet values as one filter on the hits, or None when nothing is picked."""
    clauses = [_terms(fields[name], values) for name, values in picked.items() if values]
    return {"bool": {"filter": clauses}} if clauses else None


def aggregations(fields: dict[str, str], picked: dict[str, list[str]]) -> dict[str, Any]:
    """One aggregation per facet, each under the filters of the other facets' picks."""
    aggs: dict[str, Any] = {}
    for name, field in fields.items():
        others = [
            _terms(fields[other], values)
            for other, values in picked.items()
            if values and other != name
        ]
        aggs[name] = {
            "filter": {"bool": {"filter": others}},
            "aggs": {"values": {"terms": {"field": field, "size": FACET_SIZE}}},
        }
    return aggs


def add(
    body: dict[str, Any], fields: dict[str, str], picked: dict[str, list[str]], *, counted: bool
) -> None:
    """Narrows a search's hits to the picks and, when `counted`, adds the facet counts."""
    narrowed = post_filter(fields, picked)
    if narrowed is not None:
        body["post_filter"] = narrowed
    if counted:
        body["aggs"] = aggregations(fields, picked)


def counts(aggregations: dict[str, Any]) -> dict[str, list[FacetCount]]:
    # Each facet's terms sit under the filter of the other facets' picks.
    return {
        name: [FacetCount(str(b["key"]), int(b["doc_count"])) for b in agg["values"]["buckets"]]
        for name, agg in aggregations.items()
        if "values" in agg
    }
