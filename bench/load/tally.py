"""What the load saw, per route: every status (or the transport error that stood for one)
and every latency, and the markdown table bench/RESULTS.md records."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

# The statuses a route may answer under load: anything else is a finding. A write may meet
# another on the same row and be told to retry (409); nothing here sends If-Match.
READ = frozenset({200})
EXPECTED = {
    "POST /v1/me": frozenset({200, 201}),
    "POST /v1/profiles": frozenset({201}),
    "PATCH /v1/profiles/{id}": frozenset({200, 409}),
    "POST /v1/photos": frozenset({201, 409}),
    "PUT /v1/photos/{id}/original": frozenset({202, 409}),
    "POST /v1/follows": frozenset({200, 201, 409}),
    "DELETE /v1/follows/{id}": frozenset({204, 409}),
}


@dataclass
class Tally:
    statuses: dict[str, Counter[int | str]] = field(default_factory=lambda: defaultdict(Counter))
    latencies_ms: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    seconds: float = 0.0

    def record(self, route: str, status: int | str, ms: float) -> None:
        """`status` is the HTTP status, or the name of the error that left none."""
        self.statuses[route][status] += 1
        self.latencies_ms[route].append(ms)

    @property
    def requests(self) -> int:
        return sum(sum(counts.values()) for counts in self.statuses.values())

    def server_errors(self) -> dict[str, dict[int | str, int]]:
        """5xx answers and transport errors (no answer at all), per route."""
        return {
            route: dict(bad)
            for route, counts in self.statuses.items()
            if (bad := {s: n for s, n in counts.items() if isinstance(s, str) or s >= 500})
        }

    def unexpected(self) -> dict[str, dict[int | str, int]]:
        return {
            route: dict(odd)
            for route, counts in self.statuses.items()
            if (odd := {s: n for s, n in counts.items() if s not in EXPECTED.get(route, READ)})
        }

    def quantiles(self, route: str) -> tuple[float, float]:
        samples = self.latencies_ms[route]
        if len(samples) < 2:
            return samples[0], samples[0]
        return statistics.median(samples), statistics.quantiles(samples, n=100)[98]

    def table(self) -> str:
        lines = [
            "| route | requests | statuses | p50 ms | p99 ms |",
            "|---|---:|---|---:|---:|",
        ]
        for route in sorted(self.statuses, key=lambda r: -sum(self.statuses[r].values())):
            counts = self.statuses[route]
            shown = ", ".join(f"{s}: {n:,}" for s, n in sorted(counts.items(), key=str))
            p50, p99 = self.quantiles(route)
            total = sum(counts.values())
            lines.append(f"| `{route}` | {total:,} | {shown} | {p50:.1f} | {p99:.1f} |")
        return "\n".join(lines)
