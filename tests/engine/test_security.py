"""A managed engine's security, as configuration: the local nodes run without any, so
these tests stand up an HTTPS endpoint of their own (a self-signed CA for 127.0.0.1)
that records what each client sends, and check that Lumen's settings reach the wire:
the API key or the user, and the CA bundle its certificate is checked against."""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import ipaddress
import ssl
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from lumen.engine import SearchError, connect
from tests.conftest import make_settings

HEALTH = b'{"cluster_name":"managed","status":"green"}'
ENGINES = ["elasticsearch", "opensearch"]


def _self_signed(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "managed-search")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "ca.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@dataclass
class Endpoint:
    url: str
    ca: Path
    authorizations: list[str] = field(default_factory=list)


async def _answer(
    endpoint: Endpoint, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
) -> None:
    try:
        while request := await reader.readuntil(b"\r\n\r\n"):
            lines = request.decode("latin-1").split("\r\n")
            headers = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
            headers = {k.lower(): v for k, v in headers.items()}
            endpoint.authorizations.append(headers.get("authorization", ""))
            await reader.readexactly(int(headers.get("content-length", "0")))
            writer.write(
                b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
                # What the Elasticsearch client checks it talks to Elasticsearch by.
                b"x-elastic-product: Elasticsearch\r\n"
                + f"content-length: {len(HEALTH)}\r\n\r\n".encode()
                + HEALTH
            )
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, ssl.SSLError):
        pass
    finally:
        writer.close()


@pytest.fixture
async def endpoint(tmp_path: Path) -> AsyncIterator[Endpoint]:
    cert, key = _self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    holder: list[Endpoint] = []
    server = await asyncio.start_server(
        lambda r, w: _answer(holder[0], r, w), "127.0.0.1", 0, ssl=context
    )
    port = server.sockets[0].getsockname()[1]
    holder.append(Endpoint(f"https://127.0.0.1:{port}", cert))
    async with server:
        yield holder[0]


async def _health(engine: str, endpoint: Endpoint, **settings: str) -> None:
    client = connect(
        make_settings(LUMEN_SEARCH_ENGINE=engine, LUMEN_SEARCH_URL=endpoint.url, **settings),
        timeout=5,
    )
    try:
        assert (await client.health())["cluster_name"] == "managed"
    finally:
        await client.close()


async def test_an_api_key_reaches_elasticsearch_over_tls_checked_against_the_ca(
    endpoint: Endpoint,
) -> None:
    await _health(
        "elasticsearch",
        endpoint,
        LUMEN_SEARCH_API_KEY="aWQ6c2VjcmV0",
        LUMEN_SEARCH_CA_CERTS=str(endpoint.ca),
    )
    assert endpoint.authorizations
    assert set(endpoint.authorizations) == {"ApiKey aWQ6c2VjcmV0"}


@pytest.mark.parametrize("engine", ENGINES)
async def test_a_user_and_password_reach_either_engine_as_basic_auth(
    engine: str, endpoint: Endpoint
) -> None:
    await _health(
        engine,
        endpoint,
        LUMEN_SEARCH_USERNAME="lumen",
        LUMEN_SEARCH_PASSWORD="s3cret",
        LUMEN_SEARCH_CA_CERTS=str(endpoint.ca),
    )
    expected = "Basic " + base64.b64encode(b"lumen:s3cret").decode()
    assert endpoint.authorizations
    assert set(endpoint.authorizations) == {expected}


@pytest.mark.parametrize("engine", ENGINES)
async def test_a_certificate_no_configured_ca_vouches_for_is_refused(
    engine: str, endpoint: Endpoint
) -> None:
    with pytest.raises(SearchError) as raised:
        await _health(engine, endpoint, LUMEN_SEARCH_USERNAME="lumen", LUMEN_SEARCH_PASSWORD="x")
    assert raised.value.status is None
    # Refused in the handshake: no request, and so no credentials, went out.
    assert endpoint.authorizations == []
