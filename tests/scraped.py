"""A Prometheus scrape as the tests read it: the samples of a /metrics answer, found by
name and labels."""

from __future__ import annotations

import httpx
from prometheus_client import generate_latest
from prometheus_client.parser import text_string_to_metric_families


class Scrape:
    def __init__(self, text: str) -> None:
        self.text = text
        self.samples = [
            (sample.name, sample.labels, sample.value)
            for family in text_string_to_metric_families(text)
            for sample in family.samples
        ]

    def value(self, name: str, **labels: str) -> float:
        """The sum of the samples of `name` whose labels include these; 0 when none has."""
        return sum(
            value
            for found, have, value in self.samples
            if found == name and labels.items() <= have.items()
        )

    def labels(self, name: str, label: str) -> set[str]:
        return {have[label] for found, have, _ in self.samples if found == name and label in have}


async def scrape(
    http: httpx.AsyncClient, url: str = "/metrics", headers: dict[str, str] | None = None
) -> Scrape:
    response = await http.get(url, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    return Scrape(response.text)


def in_process() -> Scrape:
    """This process's own series, as /metrics would show them, without a request: for an
    in-process app whose requests may not reach /metrics (a spent failed-auth budget)."""
    return Scrape(generate_latest().decode())
