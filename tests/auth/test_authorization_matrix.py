"""Every route of the app, for every kind of caller: the status they get. A route without
an entry fails, so a new endpoint cannot ship without deciding who may call it.

Each entry: the statuses for anonymous, another registered user, the owner of the
target, an admin and a suspended user; a body when the route needs one; `params` when
a path parameter should take another value than its namesake in the world."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from lumen.app import create_app
from lumen.resources import Resources
from lumen.settings import Settings
from tests.auth import world
from tests.auth.people import Person, signed_up, with_claims
from tests.auth.routes import api_routes, concrete
from tests.conftest import make_settings


@dataclass(frozen=True)
class E:
    anonymous: int
    other: int
    owner: int
    admin: int
    suspended: int
    body: object = None
    params: dict[str, str] = field(default_factory=dict)


REASON = {"reason": "breaks the rules"}
PROFILE = {"display_name": "Matrix"}
BIRTH = {"birth_date": "1991-01-01"}
REGISTER = {"role": "photographer", "birth_date": "1990-01-01"}
PHOTO = {"title": "Matrix"}
# Filled in per test: the owner's profile id is known only once the world is built.
FOLLOW_OWNER = {"profile_id": "{profile_id}"}
REPORT_OWNER = {"target_kind": "profile", "target_id": "{profile_id}", "category": "spam"}
DISMISS = {"action": "dismiss", "reason": "no breach"}

# fmt: off
MATRIX: dict[tuple[str, str], E] = {
    ("POST", "/v1/me"): E(401, 409, 409, 409, 409, body=REGISTER),
    ("GET", "/v1/me"): E(401, 200, 200, 200, 200),
    ("PATCH", "/v1/me"): E(401, 200, 200, 200, 403, body=BIRTH),
    ("DELETE", "/v1/me"): E(401, 204, 204, 204, 403),
    ("GET", "/v1/me/profile"): E(401, 200, 200, 404, 404),
    ("POST", "/v1/moderation/users/{uid:str}/suspend"): E(401, 403, 403, 201, 403, body=REASON),
    ("POST", "/v1/moderation/users/{uid:str}/unsuspend"): E(401, 403, 403, 201, 403, body=REASON, params={"uid": "suspended_uid"}),  # noqa: E501
    ("POST", "/v1/moderation/photos/{photo_id:uuid}/hide"): E(401, 403, 403, 201, 403, body=REASON),
    ("POST", "/v1/moderation/photos/{photo_id:uuid}/unhide"): E(401, 403, 403, 201, 403, body=REASON, params={"photo_id": "hidden_photo_id"}),  # noqa: E501
    # The other member already has an open report on the owner's profile (200: that one);
    # the owner cannot report themselves.
    ("POST", "/v1/reports"): E(401, 200, 422, 201, 403, body=REPORT_OWNER),
    # Reporters read their own reports, suspended or not.
    ("GET", "/v1/me/reports"): E(401, 200, 200, 200, 200),
    ("GET", "/v1/moderation/reports"): E(401, 403, 403, 200, 403),
    ("POST", "/v1/moderation/reports/{target_kind:str}/{target_id:uuid}/resolve"): E(401, 403, 403, 201, 403, body=DISMISS),  # noqa: E501
    ("GET", "/v1/moderation/users/{uid:str}/actions"): E(401, 403, 403, 200, 403),
    ("GET", "/v1/moderation/admins/{uid:str}/actions"): E(401, 403, 403, 200, 403),
    ("POST", "/v1/profiles"): E(401, 409, 409, 201, 403, body=PROFILE),
    ("PUT", "/v1/profiles/{profile_id:uuid}"): E(401, 403, 200, 403, 403, body=PROFILE),
    ("PATCH", "/v1/profiles/{profile_id:uuid}"): E(401, 403, 200, 403, 403, body=PROFILE),
    ("DELETE", "/v1/profiles/{profile_id:uuid}"): E(401, 403, 204, 403, 403),
    ("PUT", "/v1/profiles/{profile_id:uuid}/specialties"): E(401, 403, 200, 403, 403, body={"specialties": ["portrait"]}),  # noqa: E501
    ("PUT", "/v1/profiles/{profile_id:uuid}/location"): E(401, 403, 200, 403, 403, body={"precision": "hidden"}),  # noqa: E501
    ("POST", "/v1/follows"): E(401, 201, 422, 409, 403, body=FOLLOW_OWNER),
    ("DELETE", "/v1/follows/{profile_id:uuid}"): E(401, 204, 204, 409, 403),
    ("POST", "/v1/photos"): E(401, 201, 201, 409, 403, body=PHOTO),
    ("PUT", "/v1/photos/{photo_id:uuid}"): E(401, 403, 200, 403, 403, body=PHOTO),
    ("PATCH", "/v1/photos/{photo_id:uuid}"): E(401, 403, 200, 403, 403, body=PHOTO),
    ("DELETE", "/v1/photos/{photo_id:uuid}"): E(401, 403, 204, 403, 403),
    ("PUT", "/v1/photos/{photo_id:uuid}/original"): E(401, 403, 415, 403, 403),
    ("GET", "/v1/photos/{photo_id:uuid}/original"): E(401, 404, 404, 404, 404),
    ("GET", "/v1/me/photos/{photo_id:uuid}"): E(401, 404, 200, 404, 404),
    # Everyone registered lists their own photos (a suspended member cannot: it is a read
    # through the `account` dependency, which refuses them as every owner route does).
    ("GET", "/v1/me/photos"): E(401, 200, 200, 200, 403),
    ("GET", "/v1/media/{key:str}"): E(403, 403, 403, 403, 403, params={"key": "photo_id"}),
    # Operators only: the in-process client is outside the operator networks.
    ("GET", "/metrics"): E(403, 403, 403, 200, 403),
    ("GET", "/v1/search/profiles"): E(200, 200, 200, 200, 200),
    ("GET", "/v1/search/photos"): E(200, 200, 200, 200, 200),
    ("GET", "/v1/suggest"): E(422, 422, 422, 422, 422),
    ("GET", "/v1/discover"): E(200, 200, 200, 200, 200),
    ("GET", "/v1/nearby"): E(422, 422, 422, 422, 422),
    ("GET", "/v1/map/clusters"): E(422, 422, 422, 422, 422),
    ("GET", "/v1/profiles/{profile_id:uuid}"): E(404, 404, 404, 404, 404),
    ("GET", "/v1/photos/{photo_id:uuid}"): E(404, 404, 404, 404, 404),
}
# fmt: on

ROUTES = api_routes(create_app(make_settings()))


@pytest.fixture(scope="module")
async def people(client: AsyncTestClient[Litestar], settings: Settings) -> dict[str, Person]:
    signed = {p: await signed_up(settings) for p in world.PERSONAS if p != "anonymous"}
    signed["admin"] = await with_claims(settings, signed["admin"], {"admin": True})
    return signed


@pytest.fixture
async def matrix_world(db: Resources, people: dict[str, Person]) -> world.World:
    return await world.build(db, people)


def test_every_route_has_an_entry_and_every_entry_a_route() -> None:
    assert [r for r in ROUTES if r not in MATRIX] == [], "add these routes to MATRIX"
    assert [e for e in MATRIX if e not in ROUTES] == [], "these entries name no route"


@pytest.mark.parametrize("persona", world.PERSONAS)
@pytest.mark.parametrize(("method", "path"), ROUTES)
async def test_each_caller_gets_the_status_the_matrix_says(
    client: AsyncTestClient[Litestar],
    matrix_world: world.World,
    method: str,
    path: str,
    persona: str,
) -> None:
    entry = MATRIX.get((method, path))
    if entry is None:
        pytest.fail(f"{method} {path} has no entry in MATRIX")
    values = {**matrix_world.values}
    values.update({name: matrix_world.values[key] for name, key in entry.params.items()})
    body = entry.body
    if isinstance(body, dict):
        body = {k: concrete(v, values) if isinstance(v, str) else v for k, v in body.items()}
    response = await client.request(
        method,
        concrete(path, values),
        json=body,
        headers=matrix_world.headers(persona),
    )
    assert response.status_code == getattr(entry, persona), response.text
