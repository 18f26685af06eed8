"""The owner keeps editing (and uploads again) while a real worker finishes the photo job,
against a real server: the job's write and the owner's queue on the photo's row, so every
request succeeds, every change gets its own version, and the photo ends ready with the
file uploaded last."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from lumen.resources import Resources
from tests.live import LiveServer, Process, create_profile
from tests.media.samples import camera_exif, encode_photo
from tests.members import Caller
from tests.uploads.flow import events_of

Register = Callable[..., Awaitable[Caller]]
PROCESSING_S = 90


def _picture(fmt: str, size: tuple[int, int]) -> bytes:
    return encode_photo(fmt, size, exif=camera_exif(orientation=1))


async def _edit_until_ready(
    http: httpx.AsyncClient, photo_id: str, headers: dict[str, str], width: int
) -> list[httpx.Response]:
    """PATCHes the photo, three at a time, until it is ready at the given width."""
    url, mine = f"/v1/photos/{photo_id}", f"/v1/me/photos/{photo_id}"
    sent: list[httpx.Response] = []
    deadline = time.monotonic() + PROCESSING_S
    while time.monotonic() < deadline:
        round_ = len(sent)
        sent += await asyncio.gather(
            *(
                http.patch(url, json={"title": f"edit {round_ + n}"}, headers=headers)
                for n in range(3)
            )
        )
        photo: dict[str, Any] = (await http.get(mine, headers=headers)).json()
        if photo["status"] == "ready" and photo["width"] == width:
            return sent
        assert photo["status"] == "processing", photo
        await asyncio.sleep(0.02)
    raise TimeoutError(f"the photo was not ready within {PROCESSING_S} s")


async def test_edits_and_uploads_crossing_the_photo_job_all_succeed(
    live_server: LiveServer, live_worker: Process, db: Resources, register: Register
) -> None:
    _, headers = await register()
    upload = {**headers, "content-type": "application/octet-stream"}
    async with live_server.client() as http:
        await create_profile(http, headers)
        created = await http.post("/v1/photos", json={"title": "t"}, headers=headers)
        photo_id = created.json()["id"]
        url = f"/v1/photos/{photo_id}"

        first = await http.put(
            f"{url}/original", content=_picture("JPEG", (2400, 1600)), headers=upload
        )
        assert first.status_code == 202, first.text
        edits = await _edit_until_ready(http, photo_id, headers, 2400)

        # Again, with the next upload itself racing the edits.
        second, *more = await asyncio.gather(
            http.put(f"{url}/original", content=_picture("PNG", (1800, 1200)), headers=upload),
            *(http.patch(url, json={"title": f"race {n}"}, headers=headers) for n in range(3)),
        )
        assert second.status_code == 202, second.text
        edits += more + await _edit_until_ready(http, photo_id, headers, 1800)
        final = (await http.get(f"/v1/me/photos/{photo_id}", headers=headers)).json()

    assert {r.status_code for r in edits} == {200}, [r.text[:200] for r in edits if r.is_error]
    assert final["title"] == max((r.json() for r in edits), key=lambda p: p["version"])["title"]
    events = await events_of(db, photo_id)
    # One version per change, in commit order, whoever made it.
    assert [version for version, _ in events] == list(range(1, len(events) + 1))
    kinds = [kind for _, kind in events]
    assert (kinds.count("PhotoUploaded"), kinds.count("PhotoProcessed")) == (2, 2)
    assert kinds.count("PhotoUpdated") == len(edits)
