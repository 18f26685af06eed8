"""Connection limits of a real `lumen serve`: oversized and over-many headers get 431, a
connection that never finishes its headers (or sends nothing, or idles after a request) is
closed after the header timeout, a body that trickles in ends in 408, and the server
answers everyone else throughout. Short timeouts here keep the test quick; the defaults
are in docs/api.md ("The server")."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import pytest

from lumen.resources import Resources
from lumen.settings import Settings
from tests.live import LiveServer, create_profile, serving
from tests.media.samples import encode_photo
from tests.members import Register

HEADER_TIMEOUT_S = 2.0
BODY_IDLE_S = 3.0
REQUEST = b"GET /health/live HTTP/1.1\r\nHost: limits\r\n"


@pytest.fixture(scope="module")
async def strict_server(
    settings: Settings, resources: Resources, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[LiveServer]:
    log = tmp_path_factory.mktemp("limits") / "server.log"
    async with serving(
        settings,
        log,
        LUMEN_HEADER_READ_TIMEOUT_S=str(HEADER_TIMEOUT_S),
        LUMEN_BODY_IDLE_TIMEOUT_S=str(BODY_IDLE_S),
    ) as server:
        yield server


def _port(server: LiveServer) -> int:
    return int(server.url.rsplit(":", 1)[1])


async def _status_of(server: LiveServer, data: bytes) -> str:
    reader, writer = await asyncio.open_connection("127.0.0.1", _port(server))
    writer.write(data)
    line = await asyncio.wait_for(reader.readline(), 30)
    writer.close()
    return line.decode().strip()


async def _closed_after(server: LiveServer, first: bytes, limit_s: float = 30) -> float:
    """Seconds until the server closes a connection that sent `first` and nothing more."""
    reader, writer = await asyncio.open_connection("127.0.0.1", _port(server))
    started = time.monotonic()
    writer.write(first)
    sent = await asyncio.wait_for(reader.read(), limit_s)
    writer.close()
    # A whole request was answered; an unfinished one never reaches the app.
    assert sent.startswith(b"HTTP/1.1 200") == first.endswith(b"\r\n\r\n"), sent[:80]
    return time.monotonic() - started


async def test_a_1_mb_header_and_10_000_headers_get_431(strict_server: LiveServer) -> None:
    big = REQUEST + b"X-Big: " + b"a" * 1024 * 1024 + b"\r\n\r\n"
    many = REQUEST + b"".join(b"X-H%d: v\r\n" % n for n in range(10_000)) + b"\r\n"
    assert (await _status_of(strict_server, big)).startswith("HTTP/1.1 431")
    assert (await _status_of(strict_server, many)).startswith("HTTP/1.1 431")
    # A large cookie and a browser's worth of headers are fine.
    usual = REQUEST + b"Cookie: " + b"c" * 16_000 + b"\r\n" + b"X-A: 1\r\n" * 40 + b"\r\n"
    assert (await _status_of(strict_server, usual)).startswith("HTTP/1.1 200")


async def test_connections_that_never_finish_their_headers_are_closed_on_time(
    strict_server: LiveServer,
) -> None:
    whole = REQUEST + b"\r\n"
    half_sent = [_closed_after(strict_server, REQUEST) for _ in range(200)]
    silent = [_closed_after(strict_server, b"") for _ in range(20)]
    after_a_request = [_closed_after(strict_server, whole) for _ in range(5)]
    waits = await asyncio.gather(*half_sent, *silent, *after_a_request)
    # Held a while, then closed: not at once, not much later than the timeout. (The server
    # counts its timeout from its own timer ticks, so the lower bound is kept loose.)
    assert min(waits) > 0.5
    assert max(waits) < HEADER_TIMEOUT_S + 10
    async with strict_server.client() as http:
        assert (await http.get("/health/live")).status_code == 200


async def test_a_body_sent_a_byte_a_second_is_cut_off_with_408(strict_server: LiveServer) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", _port(strict_server))
    writer.write(
        b"POST /v1/photos HTTP/1.1\r\nHost: limits\r\nContent-Type: application/json\r\n"
        b"Content-Length: 1000\r\n\r\n"
    )
    started = time.monotonic()
    answer = asyncio.ensure_future(reader.readline())
    while not answer.done():
        assert time.monotonic() - started < BODY_IDLE_S + 20, "the body was never cut off"
        writer.write(b" ")
        await asyncio.wait([answer], timeout=1)
    writer.close()
    assert answer.result().startswith(b"HTTP/1.1 408")
    assert time.monotonic() - started > BODY_IDLE_S * 0.5


async def test_a_steady_large_upload_is_not_cut_off(
    strict_server: LiveServer, db: Resources, register: Register
) -> None:
    _, headers = await register()
    async with strict_server.client() as http:
        await create_profile(http, headers)
        photo_id = (await http.post("/v1/photos", json={}, headers=headers)).json()["id"]

        async def body() -> AsyncIterator[bytes]:
            # 4 MiB over about four idle periods: slow, but far above the minimum rate.
            yield encode_photo("JPEG")
            for _ in range(64):
                yield b"\x00" * 65536
                await asyncio.sleep(BODY_IDLE_S * 4 / 64)

        response = await http.put(
            f"/v1/photos/{photo_id}/original", content=body(), headers=headers
        )
    assert response.status_code == 202, response.text
