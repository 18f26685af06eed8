"""How `lumen serve` meets the network: Granian, with the connection limits the server
owns, and the app behind the proxy headers of trusted forwarders.

Granian rather than uvicorn, because measured against a real process
(bench/connections/probe.py) uvicorn has nothing that ends a connection whose headers
never finish, or one that sends nothing at all, and with httptools no bound on header
size or count; Granian (hyper underneath) answers 431 past a header buffer or 100 headers
and closes a connection that has not finished its headers within the header read timeout.
Neither server times out a request body that trickles in: lumen.slow_bodies does that, in
the app."""

from __future__ import annotations

from typing import Any, cast

from granian.constants import HTTPModes, Interfaces, Loops
from granian.http import HTTP1Settings
from granian.log import LogLevels
from granian.server import Server
from granian.server.common import AbstractServer
from granian.utils.proxies import wrap_asgi_with_proxy_headers

from lumen.logging import access_log
from lumen.settings import Settings, load_settings
from lumen.tracing.process import API_SERVICE, start_tracing


def served_app() -> Any:
    """The factory each server worker calls: the app, seeing clients through trusted proxies."""
    settings = load_settings()
    from lumen.app import create_app  # each worker process builds its own app

    trusted = list(settings.trusted_proxies)
    app = access_log(create_app(settings, start_tracing(settings, API_SERVICE)))
    return cast(Any, wrap_asgi_with_proxy_headers)(app, trusted_hosts=trusted)


def server(settings: Settings, host: str, port: int, workers: int) -> AbstractServer[Any]:
    return Server(
        "lumen.serving:served_app",
        factory=True,
        address=host,
        port=port,
        workers=workers,
        interface=Interfaces.ASGI,
        # HTTP/1.1 only: clients reach Lumen through TLS terminators that speak it, and
        # HTTP/2's own limits would be another set to keep.
        http=HTTPModes.http1,
        http1_settings=HTTP1Settings(
            header_read_timeout=int(settings.header_read_timeout_s * 1000),
            # Holds the request line and headers; bodies stream through in chunks.
            max_buffer_size=settings.max_header_bytes,
        ),
        loop=Loops.asyncio,
        log_level=LogLevels.warning,
    )
