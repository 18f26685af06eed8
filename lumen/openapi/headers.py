"""The response headers the document describes, each defined once."""

from __future__ import annotations

from typing import Any

TEXT = {"type": "string"}
REQUEST_ID = {
    "description": "Identifies the request in Lumen's logs; quote it when reporting a problem.",
    "schema": TEXT,
    "required": True,
}
RETRY_AFTER = {"description": "Seconds to wait before trying again.", "schema": TEXT}
REPLAYED = {
    "description": "`true` when this is the stored answer to an earlier request with the same"
    " Idempotency-Key: nothing was written again.",
    "schema": {"type": "string", "enum": ["true"]},
}
ETAG = {"description": "The current entity tag.", "schema": TEXT}
# Sent while a budget applies to the request (budgets are set per deployment).
RATE_LIMIT = {
    "RateLimit-Limit": "Requests the budget allows per window.",
    "RateLimit-Remaining": "Requests left in this window.",
    "RateLimit-Reset": "Seconds until the window resets.",
    "RateLimit-Policy": "The budget, as `limit;w=window-seconds`.",
}


def rate_limited() -> dict[str, Any]:
    return {name: {"description": why, "schema": TEXT} for name, why in RATE_LIMIT.items()}
