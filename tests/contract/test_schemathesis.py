"""A short, bounded schemathesis run against the live API: generated requests for every
operation, each answer checked against the document — its status, media type, headers
and body schema — and never a server error."""

from __future__ import annotations

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.transport.requests import binary_serializer

from lumen.app import create_app
from lumen.openapi.document import document
from lumen.resources import Resources
from lumen.settings import Settings
from tests.conftest import make_settings
from tests.emulator import sign_up
from tests.live import LiveServer

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# About 40 operations: a handful of examples each keeps the run under a minute.
EXAMPLES = 10
# An upload is raw bytes whatever its media type; schemathesis knows only some image types.
# Its registry is typed for JSON serializers; a binary one is what it calls for these.
schemathesis.serializer("image/avif", "image/heic", "image/heif")(binary_serializer)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
async def member(live_server: LiveServer, settings: Settings, resources: Resources) -> str:
    """A registered photographer with a profile: generated requests get past sign-in."""
    _, token = await sign_up(settings)
    headers = {"authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=live_server.url, headers=headers) as http:
        registered = await http.post(
            "/v1/me", json={"role": "photographer", "birth_date": "1990-01-01"}
        )
        assert registered.status_code == 201, registered.text
        created = await http.post("/v1/profiles", json={"display_name": "Schema"})
        assert created.status_code == 201, created.text
    return token


# The document the live server serves, built in process (the same app, the same code).
# Its coverage phase (every boundary of every parameter) would take minutes: this run is
# the short one, generated examples only.
CONFIG = SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": False}}})
schema = schemathesis.openapi.from_dict(document(create_app(make_settings())), config=CONFIG)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_generated_requests_get_documented_answers(
    case: schemathesis.Case,  # type: ignore[type-arg]
    live_server: LiveServer,
    member: str,
) -> None:
    case.call_and_validate(
        base_url=live_server.url, headers={"authorization": f"Bearer {member}"}, checks=CHECKS
    )
