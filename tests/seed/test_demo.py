"""The demo community: created through the commands, its photos through the real upload
path and image pipeline."""

from __future__ import annotations

from sqlalchemy import select

from lumen.db.photos import Photo
from lumen.db.profiles import Profile
from lumen.db.users import User
from lumen.resources import Resources
from lumen.seed.demo import seed_demo
from lumen.settings import Settings
from lumen.shapes.attributes import PUBLIC_BY_DEFAULT
from tests.uploads.flow import run_worker


async def test_demo_photos_are_uploaded_and_processed_like_any_other(
    db: Resources, settings: Settings, paris_city: int
) -> None:
    assert await seed_demo(db, 2) == 2
    async with db.sessions() as session:
        waiting = list(await session.scalars(select(Photo)))
        profiles = (await session.execute(select(User.role, Profile).join(Profile))).all()
    # A comp card for the model, a kit for the photographer, shown as the role's defaults.
    for role, profile in profiles:
        wanted = {"height_cm", "measurements"} if role == "model" else {"gear", "years_active"}
        assert wanted <= profile.attributes.keys()
        assert profile.public_attributes == list(PUBLIC_BY_DEFAULT[role])
    assert len(waiting) == 10
    assert {p.status for p in waiting} == {"processing"}
    assert len({p.original_key for p in waiting}) == 10  # ten different pictures
    await run_worker(settings)
    async with db.sessions() as session:
        done = list(await session.scalars(select(Photo)))
    assert {p.status for p in done} == {"ready"}
    assert all(p.variants and p.placeholder for p in done)
    assert all(p.exif.get("make") and p.exif.get("model") for p in done)
    # Seeding again adds nobody and uploads nothing.
    assert await seed_demo(db, 2) == 0
