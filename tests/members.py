"""Members for every test that needs one: real emulator tokens for real user rows, and
the one city those tests place them in. A pytest plugin, registered by the root conftest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select, text

from lumen.db.outbox import OutboxEvent
from lumen.db.users import User
from lumen.resources import Resources
from lumen.settings import Settings
from tests.emulator import sign_up

Caller = tuple[str, dict[str, str]]  # (uid, headers)
PARIS_ID = 2988507  # GeoNames
Register = Callable[..., Awaitable[Caller]]


@pytest.fixture
async def paris_city(resources: Resources) -> int:
    """Paris as the only city these tests need; the full dataset is seeded elsewhere. Per
    test (the insert is idempotent): the migration tests drop and recreate the tables."""
    async with resources.db.begin() as conn:
        await conn.execute(
            text(
                "INSERT INTO cities (id, name, ascii_name, country_code, country_name, region_code,"
                " population, latitude, longitude, timezone, alternate_names, version)"
                " VALUES (:id, 'Paris', 'Paris', 'FR', 'France', '11', 2138551, 48.85341,"
                " 2.3488, 'Europe/Paris', '{}', 1) ON CONFLICT (id) DO NOTHING"
            ),
            {"id": PARIS_ID},
        )
    return PARIS_ID


@pytest.fixture(scope="session")
async def operator(settings: Settings) -> dict[str, str]:
    """An admin's token: what an operator outside the operator networks shows for health
    detail and /metrics (the in-process client is not on loopback)."""
    from tests.auth.people import signed_up, with_claims

    admin = await with_claims(settings, await signed_up(settings), {"admin": True})
    return admin.headers


@pytest.fixture
def register(db: Resources, settings: Settings) -> Callable[..., Awaitable[Caller]]:
    """Signs up with the emulator and stores the user row as registration would."""

    async def make(role: str = "photographer", status: str = "active") -> Caller:
        uid, token = await sign_up(settings)
        async with db.sessions.begin() as session:
            session.add(
                User(
                    uid=uid,
                    role=role,
                    status=status,
                    birth_date_encrypted=Fernet(Fernet.generate_key()).encrypt(
                        dt.date(1990, 1, 1).isoformat().encode()
                    ),
                )
            )
        return uid, {"authorization": f"Bearer {token}"}

    return make


async def outbox_events(resources: Resources) -> list[tuple[str, str, int, str]]:
    async with resources.sessions() as session:
        rows = await session.execute(
            select(
                OutboxEvent.aggregate_type,
                OutboxEvent.aggregate_id,
                OutboxEvent.aggregate_version,
                OutboxEvent.event_type,
            ).order_by(OutboxEvent.id)
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]
