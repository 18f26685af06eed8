"""Calls to the search engine, timed at the engine port by operation (`search`, `bulk`,
`indices.create`, …) and outcome."""

from __future__ import annotations

from prometheus_client import Histogram

ENGINE_CALLS = Histogram(
    "lumen_engine_request_duration_seconds",
    "Search engine calls by operation and outcome (ok, error), in seconds",
    ["operation", "outcome"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
