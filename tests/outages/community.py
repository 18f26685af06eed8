"""Lumen over one private service for the outage tests: its connections, the API in
process and a real `lumen worker`; members who join and upload through the API; and the
check that, the outage over, the worker caught up with all of it."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import text

from lumen.app import create_app
from lumen.engine import SearchError
from lumen.projections.verify import verify
from lumen.resources import Resources
from lumen.settings import Settings
from tests.conftest import make_settings
from tests.emulator import sign_up
from tests.live import Process, working
from tests.media.samples import encode_photo

PICTURE = encode_photo("JPEG", (96, 64))
CATCH_UP_S = 90.0
# The read models members and photos are projected into.
TOUCHED = ("profiles", "photos")


@dataclass
class Member:
    headers: dict[str, str]
    photos: list[str] = field(default_factory=list)


@dataclass
class Lumen:
    settings: Settings
    resources: Resources
    client: AsyncTestClient[Litestar]
    worker: Process
    members: list[Member] = field(default_factory=list)

    async def join(self, count: int) -> None:
        """Members who register, make a profile and upload a photo each."""
        for n in range(count):
            _, token = await sign_up(self.settings)
            member = Member({"authorization": f"Bearer {token}"})
            registration = {"role": "photographer", "birth_date": "1990-01-01"}
            await self._post("/v1/me", registration, member)
            await self._post("/v1/profiles", {"display_name": f"Member {n}"}, member)
            photo = await self._post("/v1/photos", {"title": "Portrait"}, member)
            uploaded = await self.client.put(
                f"/v1/photos/{photo['id']}/original",
                content=PICTURE,
                headers={**member.headers, "content-type": "application/octet-stream"},
            )
            assert uploaded.status_code == 202, uploaded.text
            member.photos.append(photo["id"])
            self.members.append(member)

    async def _post(self, path: str, body: dict[str, str], member: Member) -> dict[str, str]:
        response = await self.client.post(path, json=body, headers=member.headers)
        assert response.status_code in (200, 201), response.text
        found: dict[str, str] = response.json()
        return found

    async def caught_up(self) -> None:
        """Waits until no event is pending and no photo processing, the worker alive
        throughout; then every event is projected and every upload ready."""
        deadline = time.monotonic() + CATCH_UP_S
        while (left := await self._left()) != (0, 0):
            self.worker.check_running()
            assert time.monotonic() < deadline, f"(events, photos) left: {left}\n{self._log()}"
            await asyncio.sleep(0.5)
        self.worker.check_running()
        # Outages are told in a line each, not a stack trace per retry.
        assert "Traceback" not in self._log(), self._log()
        assert await self._dead() == 0
        await self.resources.search.refresh(f"{self.settings.index_prefix}-*")
        for name in TOUCHED:
            drift = await verify(self.resources, name)
            assert not drift.drifted, drift
            assert drift.index_documents == drift.source_documents == len(self.members)
        for member in self.members:
            for photo_id in member.photos:
                mine = await self.client.get(f"/v1/me/photos/{photo_id}", headers=member.headers)
                assert mine.json()["status"] == "ready", mine.text

    def logged(self, line: str) -> int:
        """How many lines of the worker's log tell this."""
        return self._log().count(line)

    def _log(self) -> str:
        return self.worker.log.read_text(errors="replace")

    async def listeners(self) -> int:
        """The sessions LISTENing for outbox events: one per projection loop."""
        async with self.resources.db.connect() as conn:
            found = await conn.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND query LIKE 'LISTEN %'"
                )
            )
        return int(found or 0)

    async def _left(self) -> tuple[int, int]:
        async with self.resources.db.connect() as conn:
            row = (
                await conn.execute(
                    text(
                        "SELECT (SELECT count(*) FROM outbox"
                        "        WHERE processed_at IS NULL AND dead_at IS NULL),"
                        " (SELECT count(*) FROM photos WHERE status <> 'ready')"
                    )
                )
            ).one()
        return int(row[0]), int(row[1])

    async def _dead(self) -> int:
        async with self.resources.db.connect() as conn:
            dead = await conn.scalar(text("SELECT count(*) FROM outbox WHERE dead_at IS NOT NULL"))
        return int(dead or 0)


@asynccontextmanager
async def running(settings: Settings, log: Path, **overrides: str) -> AsyncIterator[Lumen]:
    """Lumen with these settings over the test ones, under an index prefix of its own."""
    overrides = {
        "LUMEN_MEDIA_DIR": str(settings.media_dir),
        "LUMEN_INDEX_PREFIX": f"{settings.index_prefix}-outage",
        **overrides,
    }
    here = make_settings(**overrides)
    resources = Resources.open(here)
    try:
        async with (
            AsyncTestClient(app=create_app(here)) as client,
            working(here, resources, log, **overrides) as worker,
        ):
            yield Lumen(here, resources, client, worker)
    finally:
        await _drop_indices(resources)
        await resources.close()


async def _drop_indices(resources: Resources) -> None:
    try:
        for index in await resources.search.aliases(f"{resources.settings.index_prefix}-*"):
            await resources.search.delete_index(index)
    except SearchError:
        pass  # a private engine that is gone took its indices with it
