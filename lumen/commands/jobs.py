"""Work that runs after a command commits (image processing), as values, and the port
commands hand them to. The worker side implements the port; commands never import it."""

from __future__ import annotations

import uuid
from typing import Protocol

import msgspec


class ProcessPhoto(msgspec.Struct, frozen=True, kw_only=True):
    photo_id: uuid.UUID
    original_key: str


Job = ProcessPhoto


class Jobs(Protocol):
    # Never raises for an unreachable queue: the command is already committed, and the
    # stuck-photo sweep enqueues what was lost.
    async def enqueue(self, job: Job) -> None: ...
