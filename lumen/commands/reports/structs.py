"""What the report routes read and answer: a member's report, their list, the queue."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any, ClassVar, Literal

import msgspec

from lumen.commands.moderation.routes import ModerationRecord

Category = Literal[
    "spam", "harassment", "nudity_without_consent", "minor", "impersonation", "other"
]
TargetKind = Literal["profile", "photo"]
# Plain text (no control characters but line breaks and tabs); context for a moderator.
Note = Annotated[
    str, msgspec.Meta(max_length=1000, pattern=r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$")
]
Resolution = Literal["dismiss", "hide_photo", "suspend_member"]
Reason = Annotated[str, msgspec.Meta(min_length=1, max_length=2000, pattern=r"\S")]


class ReportIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    target_kind: TargetKind
    target_id: uuid.UUID
    category: Category
    note: Note | None = None

    example: ClassVar[dict[str, Any]] = {
        "target_kind": "photo",
        "target_id": "0d4e5c3a-7b21-4f6e-8a9d-1c2b3a4f5e6d",
        "category": "harassment",
        "note": "The caption names me and where I live.",
    }


class ReportOut(msgspec.Struct, kw_only=True):
    """A report as its reporter sees it; never who else reported, nor the outcome's details."""

    id: uuid.UUID
    target_kind: str
    target_id: uuid.UUID
    category: str
    note: str | None
    state: str
    created_at: dt.datetime
    resolved_at: dt.datetime | None = None

    example: ClassVar[dict[str, Any]] = {
        "id": "5b1e2c3d-4f5a-4b6c-8d7e-9f0a1b2c3d4e",
        "target_kind": "photo",
        "target_id": "0d4e5c3a-7b21-4f6e-8a9d-1c2b3a4f5e6d",
        "category": "harassment",
        "note": "The caption names me and where I live.",
        "state": "open",
        "created_at": "2026-11-29T08:00:00Z",
        "resolved_at": None,
    }


class MyReportPage(msgspec.Struct, kw_only=True):
    items: list[ReportOut]
    next_cursor: str | None = None

    example: ClassVar[dict[str, Any]] = {"items": [ReportOut.example], "next_cursor": None}


class ResolveIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    action: Resolution
    reason: Reason

    example: ClassVar[dict[str, Any]] = {
        "action": "hide_photo",
        "reason": "Harassment: names and locates another member.",
    }


class QueuedReport(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    category: str
    note: str | None
    created_at: dt.datetime


class ReportGroup(msgspec.Struct, kw_only=True):
    """The open reports of one target, with what moderation already did to its member."""

    target_kind: str
    target_id: uuid.UUID
    subject_uid: str
    # The target's moderation state: visible, held (a protective hide) or hidden.
    target_state: str
    count: int
    categories: list[str]
    first_reported_at: dt.datetime
    last_reported_at: dt.datetime
    reports: list[QueuedReport]
    history: list[ModerationRecord]


class QueuePage(msgspec.Struct, kw_only=True):
    items: list[ReportGroup]
    next_cursor: str | None = None

    example: ClassVar[dict[str, Any]] = {
        "items": [
            {
                "target_kind": "photo",
                "target_id": "0d4e5c3a-7b21-4f6e-8a9d-1c2b3a4f5e6d",
                "subject_uid": "member-3Kd9",
                "target_state": "held",
                "count": 1,
                "categories": ["harassment"],
                "first_reported_at": "2026-11-29T08:00:00Z",
                "last_reported_at": "2026-11-29T08:00:00Z",
                "reports": [
                    {
                        "id": "5b1e2c3d-4f5a-4b6c-8d7e-9f0a1b2c3d4e",
                        "category": "harassment",
                        "note": "The caption names me and where I live.",
                        "created_at": "2026-11-29T08:00:00Z",
                    }
                ],
                "history": [],
            }
        ],
        "next_cursor": None,
    }


class Resolved(msgspec.Struct, kw_only=True):
    action: ModerationRecord
    resolved: int

    example: ClassVar[dict[str, Any]] = {"action": ModerationRecord.example, "resolved": 1}
