"""Report rows as their reporter sees them."""

from __future__ import annotations

from lumen.commands.reports.structs import ReportOut
from lumen.db.reports import Report


def reporter_view(report: Report) -> ReportOut:
    return ReportOut(
        id=report.id,
        target_kind=report.target_kind,
        target_id=report.target_id,
        category=report.category,
        note=report.note,
        state=report.state,
        created_at=report.created_at,
        resolved_at=report.resolved_at,
    )
