"""The projector against the real services: documents, privacy, fan-out, batching."""

from __future__ import annotations

from sqlalchemy import event, text

from lumen.auth.accounts import Account
from lumen.commands import follows
from lumen.db.outbox import record
from lumen.db.profiles import ProfileSpecialty
from lumen.events import ProfileFollowed
from lumen.projections.indices import read_alias
from lumen.resources import Resources
from lumen.shapes.photos import EXIF_KEPT
from tests.projections.conftest import assert_converged, fetch, project_all
from tests.projections.world import (
    PARIS,
    add_photo,
    add_profile,
    add_user,
    delete_profile,
    suspend_user,
    update_profile,
)


async def test_projects_a_public_profile_without_personal_data(search: Resources) -> None:
    uid = await add_user(search)
    profile_id = await add_profile(
        search,
        uid,
        headline="Portraits in Paris",
        languages=["fr", "en"],
        city_id=PARIS,
        latitude=48.8612,
        longitude=2.3305,
        location_precision="approximate",
    )
    await project_all(search)
    doc = await fetch(search, "profiles", profile_id)
    assert doc is not None
    assert doc["tombstone"] is False
    assert doc["display_name"] == "Zoë Martin"
    assert doc["city_name"] == "Paris"
    assert doc["_version"] == doc["doc_version"] == 2  # profile 1 + user 1
    assert doc["location"] != {"lat": 48.8612, "lon": 2.3305}
    assert abs(doc["location"]["lat"] - 48.8612) < 0.02
    assert uid not in str(doc)


async def test_exact_location_is_kept_only_for_a_studio(search: Resources) -> None:
    home = await add_profile(
        search,
        await add_user(search),
        latitude=48.8612,
        longitude=2.3305,
        location_precision="exact",
    )
    studio = await add_profile(
        search,
        await add_user(search),
        latitude=48.8612,
        longitude=2.3305,
        location_precision="exact",
        attributes={"studio": {"name": "Lumière", "address": "1 rue"}},
        public_attributes=["studio"],
    )
    await project_all(search)
    home_doc, studio_doc = (
        await fetch(search, "profiles", home),
        await fetch(search, "profiles", studio),
    )
    assert home_doc is not None
    assert studio_doc is not None
    assert home_doc["location_precision"] == "approximate"
    assert home_doc["location"] != {"lat": 48.8612, "lon": 2.3305}
    assert studio_doc["location"] == {"lat": 48.8612, "lon": 2.3305}
    assert studio_doc["studio_name"] == "Lumière"


async def test_only_the_attributes_their_owner_shows_reach_the_document(
    search: Resources,
) -> None:
    model = await add_profile(
        search,
        await add_user(search, role="model"),
        attributes={"height_cm": 172, "measurements": {"waist_cm": 61}, "tattoos": True},
        public_attributes=["height_cm", "measurements"],
    )
    # A private studio is neither named, nor searched, nor pinned exactly.
    studio = await add_profile(
        search,
        await add_user(search),
        attributes={"studio": {"name": "Lumière", "address": "9 rue Oberkampf"}, "gear": ["X"]},
        public_attributes=["gear", "open_to_tfp"],
        latitude=48.8612,
        longitude=2.3305,
        location_precision="exact",
    )
    unchosen = await add_profile(
        search, await add_user(search, role="model"), attributes={"height_cm": 180}
    )
    await project_all(search)
    model_doc, studio_doc, unchosen_doc = [
        await fetch(search, "profiles", ident) for ident in (model, studio, unchosen)
    ]
    assert model_doc is not None
    assert studio_doc is not None
    assert unchosen_doc is not None
    assert model_doc["attributes"] == {"height_cm": 172, "measurements": {"waist_cm": 61}}
    assert "tattoos" not in str(model_doc)
    assert studio_doc["attributes"] == {"gear": ["X"]}
    assert studio_doc["studio_name"] is None
    assert "Lumière" not in str(studio_doc)
    assert "Oberkampf" not in str(studio_doc)
    assert studio_doc["location_precision"] == "approximate"
    assert studio_doc["location"] != {"lat": 48.8612, "lon": 2.3305}
    # A row with no choice recorded shows nothing (commands always record one).
    assert unchosen_doc["attributes"] == {}
    lumiere = {"match": {"folded.studio_name": "lumiere"}}
    assert await search.search.count(read_alias(search.settings, "profiles"), lumiere) == 0


async def test_specialties_keep_their_owners_order(search: Resources) -> None:
    profile_id = await add_profile(search, await add_user(search))
    async with search.sessions.begin() as session:
        for position, slug in enumerate(["wedding", "fashion", "portrait"]):
            session.add(
                ProfileSpecialty(profile_id=profile_id, specialty_slug=slug, position=position)
            )
    await update_profile(search, profile_id, bio="ordered")
    await project_all(search)
    doc = await fetch(search, "profiles", profile_id)
    assert doc is not None
    assert doc["specialties"] == ["wedding", "fashion", "portrait"]
    assert doc["specialty_names"] == ["Wedding", "Fashion", "Portrait"]


async def test_hidden_location_indexes_neither_point_nor_city(search: Resources) -> None:
    profile_id = await add_profile(
        search, await add_user(search), city_id=PARIS, location_precision="hidden"
    )
    await project_all(search)
    doc = await fetch(search, "profiles", profile_id)
    assert doc is not None
    assert doc["location"] is None
    assert "city_name" not in doc


async def test_private_and_suspended_profiles_become_tombstones(search: Resources) -> None:
    private = await add_profile(search, await add_user(search), visibility="private")
    suspended_uid = await add_user(search)
    suspended = await add_profile(search, suspended_uid)
    await project_all(search)
    await suspend_user(search, suspended_uid)
    await project_all(search)
    for profile_id in (private, suspended):
        doc = await fetch(search, "profiles", profile_id)
        assert doc is not None
        assert doc["tombstone"] is True
        assert set(doc) == {"id", "tombstone", "tombstoned_at", "doc_version", "_version"}


async def test_photo_carries_its_owner_and_no_gps(search: Resources) -> None:
    owner = await add_profile(search, await add_user(search, role="model"))
    exif = {
        "make": "Fujifilm",
        "model": "X-T5",
        "iso": 200,
        "latitude": 48.1,
        "longitude": 2.1,
        "gps": {"lat": 48.1},
    }
    photo_id = await add_photo(
        search,
        owner,
        exif=exif,
        city_id=PARIS,
        location_precision="city",
        latitude=48.1,
        longitude=2.1,
    )
    await project_all(search)
    doc = await fetch(search, "photos", photo_id)
    assert doc is not None
    assert doc["owner_name"] == "Zoë Martin"
    assert doc["owner_role"] == "model"
    assert doc["camera_make"] == "Fujifilm"
    assert doc["orientation"] == "landscape"  # 3000 x 2000
    assert set(doc["exif"]) <= EXIF_KEPT
    assert doc["location"] == {"lat": 48.85341, "lon": 2.3488}
    assert doc["_version"] == 3


async def test_photos_carry_their_orientation_when_their_size_is_known(
    search: Resources,
) -> None:
    owner = await add_profile(search, await add_user(search))
    sizes = {"landscape": (3000, 2000), "portrait": (2000, 3000), "square": (1200, 1200)}
    shaped = {
        shape: await add_photo(search, owner, width=width, height=height)
        for shape, (width, height) in sizes.items()
    }
    unknown = await add_photo(search, owner, width=None, height=None)
    await project_all(search)
    for shape, photo_id in shaped.items():
        assert (await fetch(search, "photos", photo_id) or {})["orientation"] == shape
    doc = await fetch(search, "photos", unknown)
    assert doc is not None
    assert doc["tombstone"] is False
    assert "orientation" not in doc
    found = await search.search.search(
        index=read_alias(search.settings, "photos"),
        body={"query": {"term": {"orientation": "portrait"}}},
    )
    assert [hit["_id"] for hit in found["hits"]["hits"]] == [str(shaped["portrait"])]


async def test_a_profile_change_reprojects_the_owners_photos(search: Resources) -> None:
    owner = await add_profile(search, await add_user(search))
    photos = [await add_photo(search, owner) for _ in range(3)]
    await project_all(search)
    await update_profile(search, owner, display_name="Zoe Lefèvre")
    await project_all(search)
    for photo_id in photos:
        doc = await fetch(search, "photos", photo_id)
        assert doc is not None
        assert doc["owner_name"] == "Zoe Lefèvre"


async def test_unready_and_hidden_photos_stay_out(search: Resources) -> None:
    owner = await add_profile(search, await add_user(search))
    draft = await add_photo(search, owner, status="processing")
    hidden = await add_photo(search, owner, moderation="hidden")
    private = await add_photo(search, owner, visibility="private")
    await project_all(search)
    for photo_id in (draft, hidden, private):
        doc = await fetch(search, "photos", photo_id)
        assert doc is not None
        assert doc["tombstone"] is True


async def test_following_document_is_keyed_by_uid(search: Resources) -> None:
    follower_uid = await add_user(search)
    follower = await add_profile(search, follower_uid)
    followee = await add_profile(search, await add_user(search))
    async with search.sessions.begin() as session:
        await session.execute(
            text("INSERT INTO follows (follower_id, followee_id) VALUES (:a, :b)"),
            {"a": follower, "b": followee},
        )
        version = await session.scalar(
            text(
                "UPDATE profiles SET following_count = 1, version = version + 1 WHERE id = :a"
                " RETURNING version"
            ),
            {"a": follower},
        )
        followed = ProfileFollowed(
            profile_id=follower, version=int(version or 0), other_id=followee
        )
        await record(session, followed)
    await project_all(search)
    doc = await fetch(search, "following", follower_uid)
    assert doc is not None
    assert doc["following"] == [str(followee)]
    assert doc["profile_id"] == str(follower)


async def test_a_batch_loads_its_rows_in_a_fixed_number_of_statements(search: Resources) -> None:
    async def statements_for(profiles: int) -> int:
        for _ in range(profiles):
            owner = await add_profile(search, await add_user(search))
            await add_photo(search, owner)
        count = 0

        def counted(*_: object) -> None:
            nonlocal count
            count += 1

        event.listen(search.db.sync_engine, "before_cursor_execute", counted)
        try:
            await project_all(search, limit=1000)
        finally:
            event.remove(search.db.sync_engine, "before_cursor_execute", counted)
        return count

    assert await statements_for(2) == await statements_for(40)


async def test_following_a_photographer_leaves_their_photos_current(search: Resources) -> None:
    fan_uid = await add_user(search, role="model")
    await add_profile(search, fan_uid)
    owner = await add_profile(search, await add_user(search))
    photo = await add_photo(search, owner)
    await project_all(search)
    fan = Account(uid=fan_uid, role="model", status="active", is_admin=False)
    async with search.sessions.begin() as session:
        assert await follows.follow(session, fan, owner)
    await project_all(search)
    assert (await fetch(search, "profiles", owner) or {})["followers_count"] == 1
    await assert_converged(search)
    # The deletion's tombstones outrank documents built after follows moved the counters.
    await delete_profile(search, owner)
    await project_all(search)
    assert (await fetch(search, "profiles", owner) or {})["tombstone"] is True
    assert (await fetch(search, "photos", photo) or {})["tombstone"] is True
    await assert_converged(search)
