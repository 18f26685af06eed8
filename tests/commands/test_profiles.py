import asyncio

from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import func, select, update

from lumen.db.outbox import OutboxEvent
from lumen.db.profiles import Profile
from lumen.db.users import User
from lumen.resources import Resources
from tests.members import Register, outbox_events

PROFILE = {
    "display_name": "  Ana Lima ",
    "headline": "Portrait photographer",
    "languages": ["PT", "en", "en"],
    "specialties": ["portrait", "fashion"],
    "links": ["https://ana.example"],
    "attributes": {"experience": "professional", "gear": ["Nikon Z8"]},
}


async def _counts(db: Resources) -> tuple[int, int]:
    async with db.sessions() as session:
        profiles = await session.scalar(select(func.count()).select_from(Profile))
        events = await session.scalar(select(func.count()).select_from(OutboxEvent))
    return int(profiles or 0), int(events or 0)


async def test_creating_a_profile_writes_the_row_and_its_event_together(
    client: AsyncTestClient[Litestar], db: Resources, register: Register, paris_city: int
) -> None:
    _, headers = await register("photographer")
    body = {**PROFILE, "location": {"city_id": paris_city}}
    response = await client.post("/v1/profiles", json=body, headers=headers)
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["display_name"] == "Ana Lima"
    assert created["languages"] == ["pt", "en"]
    assert created["specialties"] == [  # in the order chosen, as the public view names them
        {"slug": "portrait", "name": "Portrait"},
        {"slug": "fashion", "name": "Fashion"},
    ]
    assert created["place"] == {
        "precision": "city",
        "city_id": paris_city,
        "city": "Paris",
        "country_code": "FR",
        "country": "France",
    }
    assert created["public_attributes"] == [
        "experience",
        "years_active",
        "gear",
        "studio",
        "open_to_tfp",
    ]
    assert created["location"] == {
        "precision": "city",
        "city_id": paris_city,
        "latitude": None,
        "longitude": None,
    }
    assert response.headers["etag"] == '"1"'
    assert response.headers["location"] == f"/v1/profiles/{created['id']}"
    assert await outbox_events(db) == [("profile", created["id"], 1, "ProfileCreated")]


async def test_patch_changes_only_what_is_sent_and_null_clears(
    client: AsyncTestClient[Litestar], db: Resources, register: Register
) -> None:
    _, headers = await register("model")
    created = (
        await client.post(
            "/v1/profiles",
            json={
                "display_name": "Bo",
                "headline": "Model",
                "bio": "Hello",
            },
            headers=headers,
        )
    ).json()
    response = await client.patch(
        f"/v1/profiles/{created['id']}", json={"headline": None}, headers=headers
    )
    assert response.status_code == 200, response.text
    patched = response.json()
    assert patched["headline"] is None
    assert patched["bio"] == "Hello"
    assert patched["version"] == 2
    assert response.headers["etag"] == '"2"'
    assert [e[3] for e in await outbox_events(db)] == ["ProfileCreated", "ProfileUpdated"]


async def test_a_stale_if_match_gets_412_and_changes_nothing(
    client: AsyncTestClient[Litestar], db: Resources, register: Register
) -> None:
    _, headers = await register()
    created = (
        await client.post("/v1/profiles", json={"display_name": "C"}, headers=headers)
    ).json()
    url = f"/v1/profiles/{created['id']}"
    assert (await client.patch(url, json={"bio": "one"}, headers=headers)).status_code == 200
    stale = await client.patch(url, json={"bio": "two"}, headers={**headers, "if-match": '"1"'})
    assert stale.status_code == 412
    assert stale.json()["type"] == "/problems/stale-version"
    assert await _counts(db) == (1, 2)


async def test_concurrent_patches_with_the_same_if_match_give_one_200_and_one_412(
    client: AsyncTestClient[Litestar], db: Resources, register: Register
) -> None:
    _, headers = await register()
    created = (
        await client.post("/v1/profiles", json={"display_name": "D"}, headers=headers)
    ).json()
    url = f"/v1/profiles/{created['id']}"
    guarded = {**headers, "if-match": '"1"'}
    results = await asyncio.gather(
        client.patch(url, json={"bio": "first"}, headers=guarded),
        client.patch(url, json={"bio": "second"}, headers=guarded),
    )
    assert sorted(r.status_code for r in results) == [200, 412]
    assert await _counts(db) == (1, 2)


async def test_a_retried_post_with_an_idempotency_key_creates_one_profile(
    client: AsyncTestClient[Litestar], db: Resources, register: Register
) -> None:
    _, headers = await register()
    keyed = {**headers, "idempotency-key": "create-profile-1"}
    first = await client.post("/v1/profiles", json={"display_name": "E"}, headers=keyed)
    again = await client.post("/v1/profiles", json={"display_name": "E"}, headers=keyed)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again.headers["etag"] == first.headers["etag"]
    assert again.headers["idempotent-replayed"] == "true"
    assert await _counts(db) == (1, 1)


async def test_an_idempotency_key_reused_for_another_body_is_refused(
    client: AsyncTestClient[Litestar], db: Resources, register: Register
) -> None:
    _, headers = await register()
    keyed = {**headers, "idempotency-key": "k"}
    assert (
        await client.post("/v1/profiles", json={"display_name": "F"}, headers=keyed)
    ).status_code == 201
    other = await client.post("/v1/profiles", json={"display_name": "G"}, headers=keyed)
    assert other.status_code == 422
    assert other.json()["type"] == "/problems/idempotency-key-reused"


async def test_only_the_owner_may_change_a_profile(
    client: AsyncTestClient[Litestar], db: Resources, register: Register
) -> None:
    _, owner = await register()
    _, other = await register()
    created = (await client.post("/v1/profiles", json={"display_name": "H"}, headers=owner)).json()
    response = await client.patch(f"/v1/profiles/{created['id']}", json={"bio": "x"}, headers=other)
    assert response.status_code == 403
    assert await _counts(db) == (1, 1)


async def test_deleting_a_profile_records_its_deletion_one_version_on(
    client: AsyncTestClient[Litestar], db: Resources, register: Register
) -> None:
    _, headers = await register()
    created = (
        await client.post("/v1/profiles", json={"display_name": "I"}, headers=headers)
    ).json()
    response = await client.delete(f"/v1/profiles/{created['id']}", headers=headers)
    assert response.status_code == 204
    assert (await outbox_events(db))[-1] == ("profile", created["id"], 2, "ProfileDeleted")
    assert (await _counts(db))[0] == 0


async def test_a_suspended_user_reads_their_profile_but_cannot_change_it(
    client: AsyncTestClient[Litestar], db: Resources, register: Register
) -> None:
    uid, headers = await register()
    created = (
        await client.post("/v1/profiles", json={"display_name": "S"}, headers=headers)
    ).json()
    async with db.sessions.begin() as session:
        await session.execute(update(User).where(User.uid == uid).values(status="suspended"))
    assert (await client.get("/v1/me/profile", headers=headers)).status_code == 200
    refused = await client.patch(
        f"/v1/profiles/{created['id']}", json={"bio": "x"}, headers=headers
    )
    assert refused.status_code == 403
    assert refused.json()["type"] == "/problems/account-suspended"
