"""The owner chooses which of their role's attributes others see: a new profile starts
from its role's defaults (a comp card's), PATCH changes the choice, null restores the
defaults, and a name that is not an attribute of the role is refused by its path."""

from litestar import Litestar
from litestar.testing import AsyncTestClient

from lumen.resources import Resources
from lumen.shapes.attributes import PUBLIC_BY_DEFAULT
from tests.members import Register

Client = AsyncTestClient[Litestar]
MODEL = {"height_cm": 172, "measurements": {"waist_cm": 61}, "tattoos": True}
STORED_MEASUREMENTS = {"bust_cm": None, "waist_cm": 61, "hips_cm": None}


async def test_a_new_profile_shows_its_roles_defaults(
    client: Client, db: Resources, register: Register
) -> None:
    for role in ("model", "photographer"):
        _, headers = await register(role)
        created = await client.post("/v1/profiles", json={"display_name": "D"}, headers=headers)
        assert created.json()["public_attributes"] == list(PUBLIC_BY_DEFAULT[role])
    assert "tattoos" not in PUBLIC_BY_DEFAULT["model"]
    assert {"height_cm", "measurements"} <= set(PUBLIC_BY_DEFAULT["model"])


async def test_patch_chooses_them_and_null_restores_the_defaults(
    client: Client, db: Resources, register: Register
) -> None:
    _, headers = await register("model")
    body = {"display_name": "M", "attributes": MODEL}
    created = (await client.post("/v1/profiles", json=body, headers=headers)).json()
    path = f"/v1/profiles/{created['id']}"
    chosen = {"public_attributes": ["tattoos", "height_cm", "tattoos"]}
    patched = await client.patch(path, json=chosen, headers=headers)
    assert patched.status_code == 200, patched.text
    # Once each, in the order the role declares them; every attribute stays the owner's.
    assert patched.json()["public_attributes"] == ["height_cm", "tattoos"]
    assert patched.json()["attributes"] == {**MODEL, "measurements": STORED_MEASUREMENTS}
    mine = (await client.get("/v1/me/profile", headers=headers)).json()
    assert mine["public_attributes"] == ["height_cm", "tattoos"]
    untouched = await client.patch(path, json={"bio": "b"}, headers=headers)
    assert untouched.json()["public_attributes"] == ["height_cm", "tattoos"]
    reset = await client.patch(path, json={"public_attributes": None}, headers=headers)
    assert reset.json()["public_attributes"] == list(PUBLIC_BY_DEFAULT["model"])
    hidden = await client.patch(path, json={"public_attributes": []}, headers=headers)
    assert hidden.json()["public_attributes"] == []


async def test_a_name_outside_the_role_is_refused_by_its_path(
    client: Client, db: Resources, register: Register
) -> None:
    _, headers = await register("model")
    created = (
        await client.post("/v1/profiles", json={"display_name": "M"}, headers=headers)
    ).json()
    path = f"/v1/profiles/{created['id']}"
    refused = await client.patch(
        path, json={"public_attributes": ["height_cm", "studio", "gear"]}, headers=headers
    )
    assert refused.status_code == 422
    errors = {e["field"]: e["message"] for e in refused.json()["errors"]}
    assert errors == {
        "public_attributes[1]": "not an attribute of a model",
        "public_attributes[2]": "not an attribute of a model",
    }
    unknown = await client.patch(path, json={"public_attributes": ["shoe_size"]}, headers=headers)
    assert unknown.status_code == 422
    assert [e["field"] for e in unknown.json()["errors"]] == ["public_attributes[0]"]
    mine = (await client.get("/v1/me/profile", headers=headers)).json()
    assert mine["public_attributes"] == list(PUBLIC_BY_DEFAULT["model"])
