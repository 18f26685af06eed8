"""Talks to the Firebase Auth emulator's REST API to mint real ID tokens for tests."""

from __future__ import annotations

import uuid

import httpx

from lumen.settings import Settings


def _base(settings: Settings) -> str:
    return f"http://{settings.auth_emulator_host}/identitytoolkit.googleapis.com/v1"


async def sign_up(settings: Settings, email: str | None = None) -> tuple[str, str]:
    """Creates an account and returns (uid, id_token)."""
    email = email or f"user-{uuid.uuid4().hex[:12]}@example.com"
    async with httpx.AsyncClient() as client:
        response = await client.post(
            f"{_base(settings)}/accounts:signUp",
            params={"key": "any-key"},
            json={"email": email, "password": "secret-password", "returnSecureToken": True},
        )
        response.raise_for_status()
        body = response.json()
    return body["localId"], body["idToken"]


async def sign_in(settings: Settings, email: str) -> str:
    async with httpx.AsyncClient() as client:
        response = await client.post(
            f"{_base(settings)}/accounts:signInWithPassword",
            params={"key": "any-key"},
            json={"email": email, "password": "secret-password", "returnSecureToken": True},
        )
        response.raise_for_status()
        return str(response.json()["idToken"])
