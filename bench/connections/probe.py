"""What a real server does with hostile connections: a 1 MB header, 10,000 headers, 200
half-sent requests, connections that send nothing, a body at 1 byte/s, and twenty
unfinished 10 MB headers (the server's RSS before and after).

    uv run python -m bench.connections.probe [--wait-s 70] -- <command with {port}, {python}>

The command runs with Lumen's test settings; the default is `lumen serve`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shlex
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.conftest import TEST_ENV

ROOT = Path(__file__).resolve().parents[2]
REQUEST = b"GET /health/live HTTP/1.1\r\nHost: probe\r\n"
MiB = 1024 * 1024


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def rss_mib(pid: int) -> float:
    """Of the process and its children (a server's workers)."""
    total = 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            total += int(line.split()[1]) * 1024
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return round(total / MiB + sum(rss_mib(int(child)) for child in children), 1)


async def answer(reader: asyncio.StreamReader, limit_s: float) -> tuple[str, float]:
    """The status line the server sent, or how the connection ended, and when."""
    started = time.monotonic()
    try:
        line = await asyncio.wait_for(reader.readline(), limit_s)
    except TimeoutError:
        return "still open", round(time.monotonic() - started, 1)
    except OSError as exc:
        return type(exc).__name__, round(time.monotonic() - started, 1)
    taken = round(time.monotonic() - started, 1)
    return (line.decode(errors="replace").strip() or "closed"), taken


async def send_all(port: int, data: bytes, limit_s: float) -> dict[str, object]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(data)
        await asyncio.wait_for(writer.drain(), limit_s)
    except (OSError, TimeoutError) as exc:
        return {"outcome": f"sending failed: {type(exc).__name__}"}
    outcome, after = await answer(reader, limit_s)
    writer.close()
    return {"outcome": outcome, "after_s": after}


async def held(
    port: int, count: int, first: bytes, wait_s: float, answered: bool = False
) -> dict[str, object]:
    """Opens `count` connections that send `first` and nothing more; when each closes.
    With `answered`, `first` is a whole request: its response is read, then the wait."""
    opened = [await asyncio.open_connection("127.0.0.1", port) for _ in range(count)]
    for reader, writer in opened:
        if first:
            writer.write(first)
        if answered:
            head = (await reader.readuntil(b"\r\n\r\n")).lower()
            length = int(head.split(b"content-length:")[1].split(b"\r\n")[0])
            await reader.readexactly(length)
    results = await asyncio.gather(*(answer(reader, wait_s) for reader, _ in opened))
    for _, writer in opened:
        writer.close()
    closed = [after for outcome, after in results if outcome != "still open"]
    return {
        "connections": count,
        "closed_by_server": len(closed),
        "median_close_s": statistics.median(closed) if closed else None,
        "outcomes": sorted({outcome for outcome, _ in results}),
    }


async def slow_body(port: int, wait_s: float) -> dict[str, object]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = (
        b"POST /v1/photos HTTP/1.1\r\nHost: probe\r\nContent-Type: application/json\r\n"
        b"Content-Length: 1000\r\n\r\n"
    )
    writer.write(head)
    started, sent = time.monotonic(), 0
    pending = asyncio.ensure_future(reader.readline())
    while time.monotonic() - started < wait_s:
        done, _ = await asyncio.wait([pending], timeout=1)
        if done:
            line = pending.result().decode(errors="replace").strip() or "closed"
            return {"outcome": line, "after_s": round(time.monotonic() - started, 1), "sent": sent}
        try:
            writer.write(b" ")
            await writer.drain()
            sent += 1
        except OSError as exc:
            return {"outcome": type(exc).__name__, "after_s": round(time.monotonic() - started, 1)}
    pending.cancel()
    writer.close()
    return {"outcome": "still open", "after_s": wait_s, "sent": sent}


async def big_headers_memory(port: int, pid: int, count: int, size: int) -> dict[str, object]:
    before = rss_mib(pid)
    opened = []
    chunk = b"X-Big: " + b"a" * (size - 16)
    for _ in range(count):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(REQUEST + chunk)  # never finished
        opened.append((reader, writer))
    await asyncio.sleep(3)
    during = rss_mib(pid)
    for _, writer in opened:
        writer.close()
    return {"connections": count, "rss_before_mib": before, "rss_during_mib": during}


async def probe(port: int, pid: int, wait_s: float) -> dict[str, object]:
    many = b"".join(b"X-H%d: v\r\n" % n for n in range(10_000))
    return {
        "header_1mb": await send_all(port, REQUEST + b"X-Big: " + b"a" * MiB + b"\r\n\r\n", 30),
        "headers_10000": await send_all(port, REQUEST + many + b"\r\n", 30),
        "header_32kb": await send_all(port, REQUEST + b"X-Big: " + b"a" * 32_768 + b"\r\n\r\n", 30),
        "headers_60": await send_all(port, REQUEST + many[: many.index(b"X-H60:")] + b"\r\n", 30),
        "half_sent_200": await held(port, 200, REQUEST, wait_s),
        "idle_after_a_request_20": await held(port, 20, REQUEST + b"\r\n", wait_s, answered=True),
        "silent_50": await held(port, 50, b"", wait_s),
        "body_1_byte_per_s": await slow_body(port, wait_s),
        "unfinished_10mb_headers_20": await big_headers_memory(port, pid, 20, 10 * MiB),
        "still_serving": (await _get(port)).status_code,
    }


async def _get(port: int) -> httpx.Response:
    async with httpx.AsyncClient(timeout=10) as http:
        return await http.get(f"http://127.0.0.1:{port}/health/live")


def start(argv: list[str]) -> subprocess.Popen[bytes]:
    env = {**os.environ, **TEST_ENV}
    return subprocess.Popen(argv, cwd=ROOT, env=env)  # noqa: S603 - the command given


async def main(command: list[str], wait_s: float) -> None:
    port = free_port()
    argv = [
        part.replace("{port}", str(port)).replace("{python}", sys.executable) for part in command
    ]
    server = await asyncio.to_thread(start, argv)
    try:
        for _ in range(600):
            if server.poll() is not None:
                raise RuntimeError(f"the server exited with {server.returncode}")
            try:
                await _get(port)
                break
            except httpx.TransportError:
                await asyncio.sleep(0.2)
        report = {"server": shlex.join(argv), **await probe(port, server.pid, wait_s)}
    finally:
        server.terminate()
        await asyncio.to_thread(server.wait)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--wait-s", type=float, default=70)
    parser.add_argument("command", nargs="*")
    args = parser.parse_args()
    default = [sys.executable, "-m", "lumen.cli", "serve", "--port", "{port}"]
    asyncio.run(main(args.command or default, args.wait_s))
