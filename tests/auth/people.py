"""Signed-up and registered people for the auth tests, with real emulator tokens."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from dataclasses import dataclass

from firebase_admin import auth
from litestar import Litestar
from litestar.testing import AsyncTestClient

from lumen.auth.firebase import auth_client
from lumen.settings import Settings
from tests.emulator import sign_in, sign_up

ADULT = "1990-05-17"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def years_ago(years: int, days: int = 0) -> str:
    today = dt.datetime.now(dt.UTC).date()
    return (today.replace(year=today.year - years) + dt.timedelta(days=days)).isoformat()


@dataclass
class Person:
    uid: str
    email: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return bearer(self.token)


async def signed_up(settings: Settings) -> Person:
    email = f"user-{uuid.uuid4().hex[:12]}@example.com"
    uid, token = await sign_up(settings, email)
    return Person(uid, email, token)


async def registered(
    client: AsyncTestClient[Litestar], settings: Settings, role: str = "photographer"
) -> Person:
    person = await signed_up(settings)
    response = await client.post(
        "/v1/me", json={"role": role, "birth_date": ADULT}, headers=person.headers
    )
    assert response.status_code == 201, response.text
    return person


async def with_claims(settings: Settings, person: Person, claims: dict[str, object]) -> Person:
    client: auth.Client = auth_client(settings)
    await asyncio.to_thread(client.set_custom_user_claims, person.uid, claims)
    return Person(person.uid, person.email, await sign_in(settings, person.email))
