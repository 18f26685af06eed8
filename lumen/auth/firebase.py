"""The Firebase Admin app and its Authentication client for this process, built from settings."""

from __future__ import annotations

import hashlib
import os
import threading

import firebase_admin
from firebase_admin import App, auth

from lumen.settings import Settings

# Certificate fetches and user look-ups give up well before a client would.
HTTP_TIMEOUT_SECONDS = 10

_lock = threading.Lock()
_clients: dict[str, auth.Client] = {}


def _app_name(settings: Settings) -> str:
    # One named app per verification setup, so differently configured apps can coexist.
    setup = f"{settings.auth_emulator_host}|{settings.firebase_cert_url}"
    digest = hashlib.sha256(setup.encode()).hexdigest()[:12]
    return f"lumen-{settings.firebase_project_id}-{digest}"


def firebase_app(settings: Settings) -> App:
    with _lock:
        return _app(settings)


def _app(settings: Settings) -> App:
    name = _app_name(settings)
    try:
        return firebase_admin.get_app(name)
    except ValueError:
        pass
    if settings.auth_emulator_host:
        # firebase-admin reads the emulator host from the environment, not from options.
        os.environ["FIREBASE_AUTH_EMULATOR_HOST"] = settings.auth_emulator_host
    options = {"projectId": settings.firebase_project_id, "httpTimeout": HTTP_TIMEOUT_SECONDS}
    return firebase_admin.initialize_app(options=options, name=name)


def auth_client(settings: Settings) -> auth.Client:
    """Call it off the event loop: outside the emulator, the first call loads Google
    credentials, which can mean network I/O."""
    with _lock:
        app = _app(settings)
        client = _clients.get(app.name)
        if client is None:
            client = auth.Client(app)
            if settings.firebase_cert_url:
                _fetch_certificates_from(client, settings.firebase_cert_url)
            _clients[app.name] = client
        return client


def _fetch_certificates_from(client: auth.Client, url: str) -> None:
    # The SDK has no option for the certificate URL; this is the one attribute it reads
    # it from. Fail loudly if an SDK upgrade moves it, rather than silently use Google's.
    verifier = getattr(getattr(client, "_token_verifier", None), "id_token_verifier", None)
    if verifier is None or not hasattr(verifier, "cert_url"):
        raise RuntimeError("this firebase-admin version cannot take LUMEN_FIREBASE_CERT_URL")
    verifier.cert_url = url
