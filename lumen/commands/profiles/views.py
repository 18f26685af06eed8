"""The owner's view of their profile, read inside the command that changed it."""

from __future__ import annotations

from typing import cast

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from lumen.commands.attributes import has_studio
from lumen.commands.profiles.structs import LocationOut, ProfileOut
from lumen.db.cities import City
from lumen.db.profiles import Profile, ProfileSpecialty, Specialty
from lumen.links import shown
from lumen.shapes.attributes import AttributeName, public_part
from lumen.shapes.places import Place
from lumen.shapes.profiles import Role, Visibility
from lumen.shapes.profiles import Specialty as SpecialtyView


async def owner_view(session: AsyncSession, profile: Profile, role: str) -> ProfileOut:
    chosen = await session.execute(
        select(Specialty.slug, Specialty.name)
        .join(ProfileSpecialty, ProfileSpecialty.specialty_slug == Specialty.slug)
        .where(ProfileSpecialty.profile_id == profile.id)
        .order_by(ProfileSpecialty.position, Specialty.slug)
    )
    # Usually in the session already: the command that set the location looked it up.
    city = None if profile.city_id is None else await session.get(City, profile.city_id)
    public = public_part(profile.attributes, profile.public_attributes)
    return ProfileOut(
        id=profile.id,
        role=cast(Role, role),
        display_name=profile.display_name,
        headline=profile.headline,
        bio=profile.bio,
        languages=profile.languages,
        specialties=[SpecialtyView(slug, name) for slug, name in chosen],
        # As a public document shows it (lumen.projections.places), from the same rules.
        place=Place.of(profile.location_precision, city, is_studio=has_studio(role, public)),
        visibility=cast(Visibility, profile.visibility),
        links=shown(profile.links),
        attributes=profile.attributes,
        followers_count=profile.followers_count,
        following_count=profile.following_count,
        created_at=profile.created_at,
        location=LocationOut.of(profile),
        public_attributes=cast(list[AttributeName], profile.public_attributes),
        discoverable=profile.discoverable,
        nearby_opt_in=profile.nearby_opt_in,
        version=profile.version,
        updated_at=profile.updated_at,
    )
