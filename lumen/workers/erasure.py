"""Erasing the files a committed change stopped naming (a deleted or replaced photo's),
moments after the commit: those no photo row names any more are deleted, so they stop
being served and a deleted original's GPS is gone. Files another photo shares stay. The
daily sweep still deletes whatever an erasure lost with Redis would have."""

from __future__ import annotations

from typing import Any

import structlog
from arq import Retry

from lumen.db.file_references import lock_keys, referenced_among
from lumen.media.backend import storage_for
from lumen.media.storage import validate_key
from lumen.resources import Resources

MAX_TRIES = 8
log = structlog.get_logger()


async def erase_files(ctx: dict[str, Any], keys: list[str]) -> int:
    resources: Resources = ctx["resources"]
    storage = storage_for(resources.settings)
    try:
        # The locks make the check and the deletes one step against a writer naming one
        # of these files again (lumen.db.file_references).
        async with resources.sessions.begin() as session:
            await lock_keys(session, keys, shared=False)
            named = await referenced_among(session, keys)
            unnamed = [key for key in dict.fromkeys(keys) if key not in named]
            for key in unnamed:
                await storage.delete(validate_key(key))
    except Exception as exc:
        job_try = int(ctx.get("job_try", 1))
        log.warning("file erasure will be retried", keys=len(keys), error=repr(exc))
        raise Retry(defer=min(5 * 2 ** (job_try - 1), 300)) from exc
    return len(unnamed)
