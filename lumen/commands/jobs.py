"""Work that runs after a command commits (image processing, erasing files no row names
any more), as values, and the port commands hand them to. The worker side implements the
port; commands never import it."""

from __future__ import annotations

import uuid
from typing import Protocol

import msgspec


class ProcessPhoto(msgspec.Struct, frozen=True, kw_only=True):
    photo_id: uuid.UUID
    original_key: str


class EraseFiles(msgspec.Struct, frozen=True, kw_only=True):
    """Stored files the committed change stopped naming (a deleted or replaced photo's):
    those no other photo names are deleted, so they stop being served at once."""

    keys: tuple[str, ...]


Job = ProcessPhoto | EraseFiles


class Jobs(Protocol):
    # Never raises for an unreachable queue: the command is already committed, and the
    # stuck-photo sweep enqueues what was lost (and the daily file sweep erases).
    async def enqueue(self, job: Job) -> None: ...
