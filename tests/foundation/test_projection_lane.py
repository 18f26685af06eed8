"""Projections never wait behind photo jobs: with every job slot of a real worker held by a
photo job that cannot finish, a profile edit still reaches search within the lag."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
from arq.constants import in_progress_key_prefix
from sqlalchemy import text

from lumen.resources import Resources
from lumen.settings import Settings
from tests.live import LiveServer, create_profile, working
from tests.media.samples import encode_photo
from tests.members import Caller

Register = Callable[..., Awaitable[Caller]]
SEARCHABLE_S = 15


async def _status(http: httpx.AsyncClient, photo_id: str, headers: dict[str, str]) -> str:
    mine = await http.get(f"/v1/me/photos/{photo_id}", headers=headers)
    status: str = mine.json()["status"]
    return status


async def _running(db: Resources, photo_id: str) -> bool:
    """Whether the photo's job is in a worker's slot now (arq's in-progress key)."""
    deadline = time.monotonic() + SEARCHABLE_S
    while time.monotonic() < deadline:
        async for _ in db.redis.scan_iter(match=f"{in_progress_key_prefix}photo:{photo_id}:*"):
            return True
        await asyncio.sleep(0.05)
    return False


async def test_a_profile_edit_is_searchable_while_photo_jobs_hold_every_slot(
    live_server: LiveServer, settings: Settings, db: Resources, register: Register, tmp_path: Path
) -> None:
    _, headers = await register()
    upload = {**headers, "content-type": "application/octet-stream"}
    # Large enough that its job is still decoding when the row lock below is taken.
    picture = encode_photo("JPEG", (6000, 4000))
    log = tmp_path / "worker.log"
    async with working(settings, db, log, LUMEN_WORKER_MAX_JOBS="1"), live_server.client() as http:
        profile_id = await create_profile(http, headers)
        photo_id = (await http.post("/v1/photos", json={"title": "t"}, headers=headers)).json()[
            "id"
        ]
        sent = await http.put(f"/v1/photos/{photo_id}/original", content=picture, headers=upload)
        assert sent.status_code == 202, sent.text
        async with db.sessions() as session, session.begin():
            # The job's last step locks the photo's row: held here, the job keeps the
            # worker's only slot until this transaction ends.
            await session.execute(
                text("SELECT 1 FROM photos WHERE id = :id FOR UPDATE"), {"id": photo_id}
            )
            assert await _running(db, photo_id), "the photo job never took the slot"
            edited = await http.patch(
                f"/v1/profiles/{profile_id}", json={"display_name": "Renamed"}, headers=headers
            )
            assert edited.status_code == 200, edited.text
            deadline = time.monotonic() + SEARCHABLE_S
            shown = None
            while time.monotonic() < deadline:
                view = await http.get(f"/v1/profiles/{profile_id}", headers=headers)
                if (shown := view.json().get("display_name")) == "Renamed":
                    break
                await asyncio.sleep(0.1)
            assert shown == "Renamed", f"not searchable within {SEARCHABLE_S} s; see {log}"
            # The slot really was taken all along.
            assert await _status(http, photo_id, headers) == "processing"
        deadline = time.monotonic() + 60
        while await _status(http, photo_id, headers) == "processing":
            assert time.monotonic() < deadline, f"the photo job never finished; see {log}"
            await asyncio.sleep(0.2)
        assert await _status(http, photo_id, headers) == "ready"
