"""One shape for what the owner sees and what everyone else sees: the public view of a
profile or photo is the owner's view without the owner's settings, after the projection
has been through the index; the public part of the attributes only, and the specialties
in the order their owner chose, in the page view and in search hits alike."""

from __future__ import annotations

from typing import Any

from litestar import Litestar
from litestar.testing import AsyncTestClient

from lumen.resources import Resources
from tests.members import PARIS_ID, Register
from tests.queries.world import add_photo, fresh_indices, project

Client = AsyncTestClient[Litestar]
FOUND_ONLY = {"distance", "highlights"}
OWNER_ONLY = {"location", "public_attributes", "discoverable", "nearby_opt_in", "version"}
ATTRIBUTES = {
    "experience": "experienced",
    "height_cm": 176,
    "measurements": {"bust_cm": 86, "waist_cm": 62, "hips_cm": 90},
    "hair_colour": "auburn",
    "tattoos": True,
}
CHOSEN = ["wedding", "fashion", "portrait"]


def _shared(owner: dict[str, Any], public: dict[str, Any]) -> None:
    assert set(public) - FOUND_ONLY <= set(owner)
    for name in set(public) - FOUND_ONLY - {"attributes", "variants"}:
        assert public[name] == owner[name], name


async def test_a_profile_looks_the_same_to_its_owner_and_to_everyone(
    client: Client, db: Resources, register: Register
) -> None:
    await fresh_indices(db)
    _, headers = await register("model")
    body = {
        "display_name": "Inès Moreau",
        "specialties": CHOSEN,
        "location": {"city_id": PARIS_ID},
        "attributes": ATTRIBUTES,
        "links": ["https://ines.example"],
    }
    created = await client.post("/v1/profiles", json=body, headers=headers)
    assert created.status_code == 201, created.text
    mine = created.json()
    await project(db)
    public = (await client.get(f"/v1/profiles/{mine['id']}")).json()
    _shared(mine, public)
    assert set(mine) - set(public) == OWNER_ONLY | {"updated_at"}
    assert [s["slug"] for s in public["specialties"]] == CHOSEN
    assert public["place"]["city"] == "Paris"
    # Every attribute for the owner; for everyone else, those the owner shows.
    assert mine["attributes"]["tattoos"] is True
    shown = {k: v for k, v in mine["attributes"].items() if k in mine["public_attributes"]}
    assert public["attributes"] == shown
    assert "tattoos" not in public["attributes"]
    assert public["attributes"]["measurements"]["waist_cm"] == 62
    found = await client.get("/v1/search/profiles", params={"q": "Inès"})
    (hit,) = found.json()["items"]
    _shared(mine, hit)
    assert hit["attributes"] == shown


async def test_attributes_made_private_leave_the_public_view(
    client: Client, db: Resources, register: Register
) -> None:
    await fresh_indices(db)
    _, headers = await register("model")
    body = {"display_name": "Lou", "attributes": ATTRIBUTES}
    mine = (await client.post("/v1/profiles", json=body, headers=headers)).json()
    path = f"/v1/profiles/{mine['id']}"
    chosen = {"public_attributes": ["height_cm"], "specialties": list(reversed(CHOSEN))}
    assert (await client.patch(path, json=chosen, headers=headers)).status_code == 200
    await project(db)
    public = (await client.get(path)).json()
    assert public["attributes"] == {"height_cm": 176}
    assert [s["slug"] for s in public["specialties"]] == list(reversed(CHOSEN))


async def test_a_photo_looks_the_same_to_its_owner_and_to_everyone(
    client: Client, db: Resources, register: Register
) -> None:
    await fresh_indices(db)
    _, headers = await register("photographer")
    profile = await client.post("/v1/profiles", json={"display_name": "Noé"}, headers=headers)
    exif = {"make": "Fujifilm", "model": "X-T5", "iso": 200, "serial": "secret-serial"}
    photo_id = await add_photo(
        db,
        profile.json()["id"],
        "Quai at dawn",
        exif=exif,
        city_id=PARIS_ID,
        location_precision="city",
        latitude=48.8612,
        longitude=2.3305,
    )
    await project(db)
    mine = (await client.get(f"/v1/me/photos/{photo_id}", headers=headers)).json()
    public = (await client.get(f"/v1/photos/{photo_id}")).json()
    _shared(mine, public)
    assert set(mine) - set(public) == {
        "status",
        "failure_reason",
        "moderation",
        "location",
        "version",
        "updated_at",
    }
    assert public["owner"] == {"id": profile.json()["id"], "name": "Noé", "role": "photographer"}
    assert public["exif"] == {"make": "Fujifilm", "model": "X-T5", "iso": 200}
    assert public["camera_make"] == "Fujifilm"
    # The same files, signed for the same scope; only the owner learns the coordinates.
    assert [v["url"].split("?")[0] for v in mine["variants"]] == [
        v["url"].split("?")[0] for v in public["variants"]
    ]
    assert mine["location"]["latitude"] == 48.8612
    assert "48.86" not in str(public)
