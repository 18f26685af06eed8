"""`lumen projections status` for a person: one row per projection with a verdict, then
the outbox in one line and what to do about anything that is wrong."""

from __future__ import annotations

import time
from collections.abc import Sequence

from lumen.projections.status import ProjectionStatus, Status

# An event waiting longer than this means the projector is not keeping up (or not running).
BEHIND_S = 30.0
HEADERS = ("projection", "read index", "documents", "tombstones", "source rows", "verdict")


def verdict(projection: ProjectionStatus) -> str:
    if projection.index is None:
        return "missing: no index yet (a worker creates it when it starts)"
    building = [i for i in projection.write_indices if i != projection.index]
    if building:
        return f"rebuilding into {', '.join(building)}"
    if projection.index not in projection.write_indices:
        return "not written to: the read index has left the write alias"
    return "ok"


def _number(value: int | None) -> str:
    return "-" if value is None else f"{value:,}"


def _seconds(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:,.1f} s"


def table(rows: Sequence[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


def outbox_lines(report: Status, now: float) -> list[str]:
    backlog, batches = report.backlog, report.batches
    lines = [
        f"outbox: {backlog.pending:,} pending (oldest {_seconds(backlog.oldest_pending_age_s)}),"
        f" {backlog.dead:,} dead",
    ]
    if batches.last_at is None:
        lines.append("batches: none recorded")
    else:
        lines.append(
            f"batches: last {_seconds(max(0.0, now - batches.last_at))} ago;"
            f" of the last {batches.count}: p50 {_seconds((batches.p50_ms or 0) / 1000)},"
            f" max {_seconds((batches.max_ms or 0) / 1000)}"
        )
    return lines


def problems(report: Status) -> list[str]:
    """What needs someone, each with what to do."""
    found = [f"{p.name}: {verdict(p)}" for p in report.projections if verdict(p) != "ok"]
    age = report.backlog.oldest_pending_age_s
    if age is not None and age > BEHIND_S:
        found.append(
            f"behind: events wait longer than {BEHIND_S:.0f} s;"
            " is a worker running (`lumen worker --check`)?"
        )
    if report.backlog.dead:
        found.append("dead events: the worker's log says why; then `lumen projections replay-dead`")
    return found


def render(report: Status, now: float | None = None) -> str:
    rows = [HEADERS] + [
        (
            p.name,
            p.index or "-",
            _number(p.documents),
            _number(p.tombstones),
            _number(p.source_rows),
            verdict(p),
        )
        for p in report.projections
    ]
    wrong = problems(report)
    summary = ["verdict: ok"] if not wrong else ["verdict: needs attention", *wrong]
    return "\n".join([*table(rows), "", *outbox_lines(report, now or time.time()), *summary])
