"""Profile commands: each loads what it changes, applies one change, records its event."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, cast

import msgspec
from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from lumen import events
from lumen.auth.accounts import Account
from lumen.auth.guards import ensure_owner
from lumen.commands import locations
from lumen.commands.attributes import has_studio, validate_attributes
from lumen.commands.errors import Conflict, InvalidInput, NotFound
from lumen.commands.fields import LocationIn, Precision, Visibility
from lumen.commands.profiles.removal import remove_profile
from lumen.commands.profiles.structs import LocationOut, ProfileIn, ProfileOut, ProfilePatch
from lumen.commands.versions import check_if_match
from lumen.db.outbox import record
from lumen.db.profiles import Profile, ProfileSpecialty, Specialty

PLAIN_FIELDS = (
    "display_name",
    "headline",
    "bio",
    "languages",
    "visibility",
    "discoverable",
    "nearby_opt_in",
    "links",
)


async def owned_profile(
    session: AsyncSession, account: Account, profile_id: uuid.UUID, if_match: str | None
) -> Profile:
    profile = await session.get(Profile, profile_id)
    if profile is None:
        raise NotFound(f"No profile {profile_id}.")
    ensure_owner(account, profile.user_uid)
    check_if_match(if_match, profile.version)
    return profile


async def _set_specialties(session: AsyncSession, profile: Profile, slugs: list[str]) -> None:
    wanted = list(dict.fromkeys(s.strip().lower() for s in slugs))
    known = set(
        (await session.scalars(select(Specialty.slug).where(Specialty.slug.in_(wanted)))).all()
    )
    unknown = [s for s in wanted if s not in known]
    if unknown:
        raise InvalidInput("specialties", f"unknown: {', '.join(unknown[:5])}")
    await session.execute(delete(ProfileSpecialty).where(ProfileSpecialty.profile_id == profile.id))
    if wanted:
        await session.execute(
            insert(ProfileSpecialty),
            [{"profile_id": profile.id, "specialty_slug": s} for s in wanted],
        )


async def _set_location(
    session: AsyncSession, profile: Profile, role: str, wanted: LocationIn | None
) -> None:
    if (
        wanted is not None
        and wanted.precision == "exact"
        and not has_studio(role, profile.attributes)
    ):
        raise InvalidInput(
            "location.precision",
            "exact is only for a photographer's studio (set attributes.studio)",
        )
    stored = await locations.resolve(session, wanted)
    profile.location_precision = stored.precision
    profile.city_id, profile.latitude, profile.longitude = (
        stored.city_id,
        stored.latitude,
        stored.longitude,
    )


async def _apply(
    session: AsyncSession, profile: Profile, role: str, changes: dict[str, Any]
) -> None:
    """Sets the fields; the caller flushes once, so a command moves the version by one."""
    for name in PLAIN_FIELDS:
        if name in changes:
            if name == "display_name" and changes[name] is None:
                raise InvalidInput("display_name", "must not be null")
            setattr(profile, name, changes[name])
    if "attributes" in changes:
        profile.attributes = validate_attributes(role, changes["attributes"] or {})
    if "location" in changes:
        await _set_location(session, profile, role, changes["location"])
    elif profile.location_precision == "exact" and not has_studio(role, profile.attributes):
        raise InvalidInput("attributes.studio", "is needed while the location precision is exact")


async def _update(
    session: AsyncSession, profile: Profile, role: str, changes: dict[str, Any]
) -> None:
    with session.no_autoflush:
        await _apply(session, profile, role, changes)
        if "specialties" in changes:
            await _set_specialties(session, profile, changes["specialties"] or [])
        # Always an UPDATE, so the version moves even when only linked rows changed.
        profile.updated_at = datetime.now(UTC)
    await _commit_change(session, profile, events.ProfileUpdated)


async def owner_view(session: AsyncSession, profile: Profile, role: str) -> ProfileOut:
    slugs = (
        await session.scalars(
            select(ProfileSpecialty.specialty_slug).where(ProfileSpecialty.profile_id == profile.id)
        )
    ).all()
    return ProfileOut(
        id=profile.id,
        role=role,
        display_name=profile.display_name,
        headline=profile.headline,
        bio=profile.bio,
        languages=profile.languages,
        specialties=sorted(slugs),
        location=LocationOut(
            precision=cast(Precision, profile.location_precision),
            city_id=profile.city_id,
            latitude=profile.latitude,
            longitude=profile.longitude,
        ),
        visibility=cast(Visibility, profile.visibility),
        discoverable=profile.discoverable,
        nearby_opt_in=profile.nearby_opt_in,
        links=profile.links,
        attributes=profile.attributes,
        followers_count=profile.followers_count,
        following_count=profile.following_count,
        version=profile.version,
        created_at=profile.created_at,
        updated_at=profile.updated_at,
    )


async def _commit_change(
    session: AsyncSession,
    profile: Profile,
    kind: type[events.ProfileCreated] | type[events.ProfileUpdated],
) -> None:
    await session.flush()
    await record(
        session, kind(profile_id=profile.id, version=profile.version, user_uid=profile.user_uid)
    )


async def create_profile(session: AsyncSession, account: Account, data: ProfileIn) -> Profile:
    if await session.scalar(select(Profile.id).where(Profile.user_uid == account.uid)):
        raise Conflict("You already have a profile; change it with PUT or PATCH.")
    profile = Profile(
        id=uuid.uuid4(), user_uid=account.uid, attributes={}, location_precision="hidden"
    )
    with session.no_autoflush:
        await _apply(session, profile, account.role, msgspec.structs.asdict(data))
    session.add(profile)
    await _commit_change(session, profile, events.ProfileCreated)
    await _set_specialties(session, profile, data.specialties)
    return profile


async def replace_profile(
    session: AsyncSession,
    account: Account,
    profile_id: uuid.UUID,
    if_match: str | None,
    data: ProfileIn,
) -> Profile:
    profile = await owned_profile(session, account, profile_id, if_match)
    await _update(session, profile, account.role, msgspec.structs.asdict(data))
    return profile


async def patch_profile(
    session: AsyncSession,
    account: Account,
    profile_id: uuid.UUID,
    if_match: str | None,
    data: ProfilePatch,
) -> Profile:
    profile = await owned_profile(session, account, profile_id, if_match)
    changes = {k: v for k, v in msgspec.structs.asdict(data).items() if v is not msgspec.UNSET}
    await _update(session, profile, account.role, changes)
    return profile


async def set_specialties(
    session: AsyncSession,
    account: Account,
    profile_id: uuid.UUID,
    if_match: str | None,
    slugs: list[str],
) -> Profile:
    return await patch_profile(
        session, account, profile_id, if_match, ProfilePatch(specialties=slugs)
    )


async def set_location(
    session: AsyncSession,
    account: Account,
    profile_id: uuid.UUID,
    if_match: str | None,
    location: LocationIn,
) -> Profile:
    return await patch_profile(
        session, account, profile_id, if_match, ProfilePatch(location=location)
    )


async def delete_profile(
    session: AsyncSession, account: Account, profile_id: uuid.UUID, if_match: str | None
) -> None:
    await remove_profile(session, await owned_profile(session, account, profile_id, if_match))
