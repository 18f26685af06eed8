"""The Firebase Admin app for this process, built from settings."""

from __future__ import annotations

import os

import firebase_admin
from firebase_admin import App

from lumen.settings import Settings


def firebase_app(settings: Settings) -> App:
    # One named app per project id, so tests and the API can hold differently configured ones.
    name = f"lumen-{settings.firebase_project_id}"
    try:
        return firebase_admin.get_app(name)
    except ValueError:
        pass
    if settings.auth_emulator_host:
        # firebase-admin reads the emulator host from the environment, not from options.
        os.environ["FIREBASE_AUTH_EMULATOR_HOST"] = settings.auth_emulator_host
    return firebase_admin.initialize_app(
        options={"projectId": settings.firebase_project_id}, name=name
    )
