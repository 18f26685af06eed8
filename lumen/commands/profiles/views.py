"""The owner's view of their profile, read inside the command that changed it."""

from __future__ import annotations

from typing import cast

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from lumen.commands.fields import Visibility
from lumen.commands.profiles.structs import LocationOut, ProfileOut
from lumen.db.profiles import Profile, ProfileSpecialty
from lumen.links import shown


async def owner_view(session: AsyncSession, profile: Profile, role: str) -> ProfileOut:
    slugs = (
        await session.scalars(
            select(ProfileSpecialty.specialty_slug)
            .where(ProfileSpecialty.profile_id == profile.id)
            .order_by(ProfileSpecialty.position, ProfileSpecialty.specialty_slug)
        )
    ).all()
    return ProfileOut(
        id=profile.id,
        role=role,
        display_name=profile.display_name,
        headline=profile.headline,
        bio=profile.bio,
        languages=profile.languages,
        specialties=list(slugs),
        location=LocationOut.of(profile),
        visibility=cast(Visibility, profile.visibility),
        discoverable=profile.discoverable,
        nearby_opt_in=profile.nearby_opt_in,
        links=shown(profile.links),
        attributes=profile.attributes,
        followers_count=profile.followers_count,
        following_count=profile.following_count,
        version=profile.version,
        created_at=profile.created_at,
        updated_at=profile.updated_at,
    )
