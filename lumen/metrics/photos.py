"""The image pipeline: photo jobs by outcome with their durations, why photos failed, and
how long the pixel work and the wait for decode memory took."""

from __future__ import annotations

import re

from prometheus_client import Counter, Histogram

from lumen.media.errors import MediaError

_SECONDS = (0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300)

JOBS = Histogram(
    "lumen_photo_job_duration_seconds",
    "Photo jobs by outcome (processed, failed, skipped, retried), in seconds",
    ["outcome"],
    buckets=_SECONDS,
)
FAILURES = Counter(
    "lumen_photo_failures",
    "Photos that ended failed, by reason (the file's fault, or retries_exhausted)",
    ["reason"],
)
PROCESSING = Histogram(
    "lumen_photo_processing_seconds",
    "Decoding an original and encoding its variants, in seconds",
    buckets=_SECONDS,
)
DECODE_WAIT = Histogram(
    "lumen_photo_decode_wait_seconds",
    "Waiting for the worker's decode memory budget before processing, in seconds",
    buckets=(0, *_SECONDS),
)
RETRIES_EXHAUSTED = "retries_exhausted"


def reason_of(error: MediaError) -> str:
    """`CorruptImageError` → `corrupt_image`: one value per kind of fault, never its text."""
    name = type(error).__name__.removesuffix("Error") or "media"
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()
