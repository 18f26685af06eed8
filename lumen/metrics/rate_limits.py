"""Requests refused because a budget was spent, by budget."""

from __future__ import annotations

from prometheus_client import Counter

REFUSALS = Counter(
    "lumen_rate_limit_refusals",
    "Requests answered 429 because a budget was spent, by budget",
    ["budget"],
)
