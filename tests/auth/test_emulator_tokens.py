from __future__ import annotations

import asyncio

from click.testing import CliRunner
from litestar import Litestar
from litestar.testing import AsyncTestClient

from lumen.auth.firebase import auth_client
from lumen.cli import main
from lumen.resources import Resources
from lumen.settings import Settings
from tests.auth.people import registered, with_claims
from tests.conftest import TEST_ENV
from tests.emulator import sign_in

Client = AsyncTestClient[Litestar]
SUSPEND = "/v1/moderation/users/{}/suspend"


async def test_a_token_carrying_the_admin_claim_is_an_admin(
    client: Client, settings: Settings, db: Resources
) -> None:
    person = await registered(client, settings)
    assert (await client.get("/v1/me", headers=person.headers)).json()["is_admin"] is False
    admin = await with_claims(settings, person, {"admin": True})
    assert (await client.get("/v1/me", headers=admin.headers)).json()["is_admin"] is True


async def test_a_claim_other_than_true_does_not_make_an_admin(
    client: Client, settings: Settings, db: Resources
) -> None:
    person = await with_claims(settings, await registered(client, settings), {"admin": "yes"})
    target = await registered(client, settings)
    response = await client.post(
        SUSPEND.format(target.uid), json={"reason": "spam"}, headers=person.headers
    )
    assert response.status_code == 403
    assert response.json()["type"] == "/problems/admin-required"


async def test_a_token_issued_before_its_refresh_tokens_were_revoked_is_refused(
    client: Client, settings: Settings, db: Resources
) -> None:
    person = await registered(client, settings)
    # The emulator compares whole seconds: revoke strictly after the token's iat.
    await asyncio.sleep(1.1)
    await asyncio.to_thread(auth_client(settings).revoke_refresh_tokens, person.uid)
    response = await client.get("/v1/me", headers=person.headers)
    assert response.status_code == 401
    assert response.json()["type"] == "/problems/revoked-token"
    await asyncio.sleep(1.1)
    fresh = await sign_in(settings, person.email)
    assert (
        await client.get("/v1/me", headers={"Authorization": f"Bearer {fresh}"})
    ).status_code == 200


def _lumen(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), env=TEST_ENV, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


async def test_operators_grant_and_revoke_admin_by_email_or_uid(
    client: Client, settings: Settings, db: Resources
) -> None:
    person = await registered(client, settings)
    target = await registered(client, settings)
    await asyncio.sleep(1.1)
    await asyncio.to_thread(_lumen, "users", "grant-admin", person.email)
    # Granting ended the old session: the admin signs in again and gets the claim.
    assert (await client.get("/v1/me", headers=person.headers)).status_code == 401
    await asyncio.sleep(1.1)
    token = {"Authorization": f"Bearer {await sign_in(settings, person.email)}"}
    suspend = SUSPEND.format(target.uid)
    assert (await client.post(suspend, json={"reason": "spam"}, headers=token)).status_code == 201

    await asyncio.sleep(1.1)
    await asyncio.to_thread(_lumen, "users", "revoke-admin", person.uid)
    assert (await client.get("/v1/me", headers=token)).status_code == 401
    await asyncio.sleep(1.1)
    token = {"Authorization": f"Bearer {await sign_in(settings, person.email)}"}
    unsuspend = suspend.replace("suspend", "unsuspend")
    response = await client.post(unsuspend, json={"reason": "appeal"}, headers=token)
    assert response.status_code == 403


def test_granting_admin_to_an_unknown_user_fails_cleanly() -> None:
    result = CliRunner().invoke(main, ["users", "grant-admin", "nobody@example.com"], env=TEST_ENV)
    assert result.exit_code == 1
    assert "no Firebase user" in result.output
