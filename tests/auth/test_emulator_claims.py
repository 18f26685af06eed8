"""Under the emulator, tokens are unsigned: nothing they claim grants a right by itself."""

import time

from litestar import Litestar
from litestar.testing import AsyncTestClient

from lumen.resources import Resources
from lumen.settings import Settings
from tests.auth.people import bearer, registered, with_claims
from tests.auth.signing import claims, unsigned

NONE = {"alg": "none"}


def fresh(uid: str, **overrides: object) -> dict[str, object]:
    # Issued now: a token older than the account reads as revoked.
    now = int(time.time())
    return claims(uid, iat=now, auth_time=now, **overrides)


async def test_a_hand_written_admin_claim_does_not_make_an_admin(
    client: AsyncTestClient[Litestar], settings: Settings, db: Resources
) -> None:
    member, victim = await registered(client, settings), await registered(client, settings)
    forged = unsigned(NONE, fresh(member.uid, admin=True))
    response = await client.post(
        f"/v1/moderation/users/{victim.uid}/suspend",
        json={"reason": "forged"},
        headers=bearer(forged),
    )
    assert response.status_code == 403
    assert response.json()["type"].endswith("/admin-required")


async def test_the_admin_claim_on_the_emulators_record_still_counts(
    client: AsyncTestClient[Litestar], settings: Settings, db: Resources
) -> None:
    admin, victim = await registered(client, settings), await registered(client, settings)
    await with_claims(settings, admin, {"admin": True})
    # The same unsigned token shape, but the right now comes from the user record.
    token = unsigned(NONE, fresh(admin.uid))
    response = await client.post(
        f"/v1/moderation/users/{victim.uid}/suspend",
        json={"reason": "spam"},
        headers=bearer(token),
    )
    assert response.status_code == 201, response.text


async def test_unsigned_tokens_with_a_wrong_audience_issuer_or_user_are_refused(
    client: AsyncTestClient[Litestar], settings: Settings, db: Resources
) -> None:
    member = await registered(client, settings)
    for token in (
        unsigned(NONE, claims(member.uid, aud="another-project")),
        unsigned(NONE, claims(member.uid, iss="https://securetoken.google.com/another")),
        unsigned(NONE, claims("no-such-user")),
    ):
        assert (await client.get("/v1/me", headers=bearer(token))).status_code == 401
