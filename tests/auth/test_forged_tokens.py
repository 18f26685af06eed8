"""Signature, expiry, audience, issuer and algorithm checks, which the emulator skips,
proven against the real verifier with Google's part played by a local key server."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from lumen.app import create_app
from tests.auth.garbage import as_header, authorization_headers
from tests.auth.signing import (
    PROJECT,
    KeyServer,
    Signer,
    claims,
    hs256,
    key_server,
    unsigned,
)
from tests.conftest import make_settings

SIGNER = Signer(kid="test-key")
STRANGER = Signer(kid="test-key")
HEADER = {"alg": "RS256", "kid": SIGNER.kid, "typ": "JWT"}


@dataclass
class Verifier:
    client: AsyncTestClient[Litestar]
    keys: KeyServer

    async def status_of(self, token: str) -> tuple[int, str]:
        response = await self.client.get("/v1/me", headers={"Authorization": f"Bearer {token}"})
        return response.status_code, response.json()["type"]


def _service_account(path: Path, token_uri: str) -> Path:
    # Lets the SDK leave the emulator; its OAuth token endpoint is the local key server.
    account = {
        "type": "service_account",
        "project_id": PROJECT,
        "private_key_id": "service-account-key",
        "private_key": SIGNER.private_key_pem,
        "client_email": f"lumen-test@{PROJECT}.iam.gserviceaccount.com",
        "client_id": "1",
        "token_uri": token_uri,
    }
    path.write_text(json.dumps(account))
    return path


@pytest.fixture(scope="module")
async def verifier(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Verifier]:
    with (
        key_server({SIGNER.kid: SIGNER.certificate_pem}) as keys,
        pytest.MonkeyPatch.context() as env,
    ):
        base = f"http://127.0.0.1:{keys.server_port}"
        account = _service_account(tmp_path_factory.mktemp("google") / "sa.json", f"{base}/token")
        # firebase-admin decides emulator mode from the environment at every call.
        env.delenv("FIREBASE_AUTH_EMULATOR_HOST", raising=False)
        env.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(account))
        settings = make_settings(
            FIREBASE_AUTH_EMULATOR_HOST="", LUMEN_FIREBASE_CERT_URL=f"{base}/certs"
        )
        assert settings.auth_emulator_host is None
        async with AsyncTestClient(app=create_app(settings)) as client:
            yield Verifier(client, keys)


async def test_a_well_signed_token_gets_past_verification_to_the_revocation_check(
    verifier: Verifier,
) -> None:
    before = verifier.keys.token_requests
    # The revocation check needs Google, which is out of reach here: an outage, not a 401.
    assert await verifier.status_of(SIGNER.sign(HEADER, claims())) == (
        503,
        "/problems/auth-unavailable",
    )
    assert verifier.keys.token_requests > before


async def test_an_expired_token_is_refused_as_expired(verifier: Verifier) -> None:
    now = int(time.time())
    token = SIGNER.sign(HEADER, claims(iat=now - 7200, auth_time=now - 7200, exp=now - 3600))
    assert await verifier.status_of(token) == (401, "/problems/expired-token")


FORGERIES: dict[str, Callable[[], str]] = {
    "signed by another key": lambda: STRANGER.sign(HEADER, claims()),
    "payload changed after signing": lambda: (
        SIGNER.sign(HEADER, claims()).split(".")[0]
        + "."
        + SIGNER.sign(HEADER, claims(uid="someone-else")).split(".")[1]
        + "."
        + SIGNER.sign(HEADER, claims()).split(".")[2]
    ),
    "another project's audience": lambda: SIGNER.sign(HEADER, claims(aud="other-project")),
    "another issuer": lambda: SIGNER.sign(
        HEADER, claims(iss="https://securetoken.google.com/other-project")
    ),
    "alg none": lambda: unsigned({"alg": "none", "kid": SIGNER.kid}, claims()),
    "HS256 keyed with the public certificate": lambda: hs256(
        SIGNER.certificate_pem.encode(), {"alg": "HS256", "kid": SIGNER.kid}, claims()
    ),
    "unknown key id": lambda: SIGNER.sign({**HEADER, "kid": "other"}, claims()),
    "no key id": lambda: SIGNER.sign({"alg": "RS256"}, claims()),
    "issued in the future": lambda: SIGNER.sign(
        HEADER, claims(iat=int(time.time()) + 3600, exp=int(time.time()) + 7200)
    ),
    "empty subject": lambda: SIGNER.sign(HEADER, claims(uid="")),
    "subject too long": lambda: SIGNER.sign(HEADER, claims(uid="u" * 129)),
    "a custom token": lambda: SIGNER.sign(
        HEADER,
        claims(
            aud="https://identitytoolkit.googleapis.com/google.identity.identitytoolkit.v1.IdentityToolkit"
        ),
    ),
}


@pytest.mark.parametrize("forgery", FORGERIES)
async def test_a_forged_token_is_refused_as_invalid(verifier: Verifier, forgery: str) -> None:
    before = verifier.keys.token_requests
    assert await verifier.status_of(FORGERIES[forgery]()) == (401, "/problems/invalid-token")
    assert verifier.keys.token_requests == before


async def test_malformed_headers_are_refused_outside_the_emulator_too(verifier: Verifier) -> None:
    answers = {}
    for name, value in authorization_headers("forged-user").items():
        response = await verifier.client.get("/v1/me", headers=as_header(value))
        answers[name] = response.status_code
    assert set(answers.values()) == {401}, answers
