"""The real services behave as Lumen relies on them to."""

import asyncio
import uuid

from firebase_admin import auth

from lumen import engine
from lumen.auth.firebase import firebase_app
from lumen.settings import Settings
from tests.emulator import sign_up


async def test_a_geo_point_is_found_by_geo_distance_sorted_by_distance(settings: Settings) -> None:
    client = engine.connect(settings)
    index = f"{settings.index_prefix}-geo-{uuid.uuid4().hex[:8]}"
    try:
        await client.create_index(
            index,
            {
                "mappings": {
                    "properties": {"name": {"type": "keyword"}, "at": {"type": "geo_point"}}
                },
            },
        )
        places = {
            "louvre": (48.8606, 2.3376),
            "versailles": (48.8049, 2.1204),
            "lyon": (45.7640, 4.8357),
        }
        for name, (lat, lon) in places.items():
            await client.put(index, name, {"name": name, "at": {"lat": lat, "lon": lon}})
        await client.refresh(index)
        origin = {"lat": 48.8566, "lon": 2.3522}  # Paris, Hôtel de Ville
        found = await client.search(
            index,
            {
                "query": {"bool": {"filter": {"geo_distance": {"distance": "50km", "at": origin}}}},
                "sort": [{"_geo_distance": {"at": origin, "order": "asc", "unit": "km"}}],
            },
        )
        hits = found["hits"]["hits"]
        assert [h["_id"] for h in hits] == ["louvre", "versailles"]
        assert hits[0]["sort"][0] < hits[1]["sort"][0] < 50
    finally:
        await client.delete_index(index)
        await client.close()


async def test_a_token_minted_by_the_emulator_is_verified_by_firebase_admin(
    settings: Settings,
) -> None:
    uid, token = await sign_up(settings)
    claims = await asyncio.to_thread(auth.verify_id_token, token, firebase_app(settings))
    assert claims["uid"] == uid
    assert claims["aud"] == settings.firebase_project_id
