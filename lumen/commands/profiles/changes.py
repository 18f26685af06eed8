"""What may change on a profile, and how: the rules a command applies to a loaded profile."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from lumen.commands import locations
from lumen.commands.attributes import has_studio, public_attributes, validate_attributes
from lumen.commands.editor import Editor
from lumen.commands.errors import InvalidInput, NotFound
from lumen.commands.fields import LocationIn
from lumen.db.profiles import Profile, ProfileSpecialty, Specialty
from lumen.validation import FieldError

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
# FOR NO KEY UPDATE: writers of one profile queue on its row (so each reads the version
# the last one wrote), while follows' foreign-key checks (KEY SHARE) pass alongside.
LOCKED = {"key_share": True}


async def owned_profile(session: AsyncSession, editor: Editor, profile_id: uuid.UUID) -> Profile:
    profile = await session.get(Profile, profile_id, with_for_update=LOCKED)
    if profile is None:
        raise NotFound(f"No profile {profile_id}.")
    editor.check(profile.user_uid, profile.version)
    return profile


async def unknown_specialties(session: AsyncSession, slugs: list[str]) -> list[FieldError]:
    wanted = _slugs(slugs)
    known = set(
        (await session.scalars(select(Specialty.slug).where(Specialty.slug.in_(wanted)))).all()
    )
    return [
        FieldError(f"specialties[{i}]", "not a known specialty")
        for i, slug in enumerate(slugs)
        if slug.strip().lower() not in known
    ]


def _slugs(slugs: list[str]) -> list[str]:
    return list(dict.fromkeys(s.strip().lower() for s in slugs))


async def set_specialties(session: AsyncSession, profile: Profile, slugs: list[str]) -> None:
    """Replaces the specialties (checked by `apply`), in the order the owner chose them."""
    wanted = _slugs(slugs)
    await session.execute(delete(ProfileSpecialty).where(ProfileSpecialty.profile_id == profile.id))
    if wanted:
        await session.execute(
            insert(ProfileSpecialty),
            [
                {"profile_id": profile.id, "specialty_slug": slug, "position": position}
                for position, slug in enumerate(wanted)
            ],
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
    stored = await locations.resolve(session, wanted, locations.held_by(profile))
    profile.location_precision = stored.precision
    profile.city_id, profile.latitude, profile.longitude = (
        stored.city_id,
        stored.latitude,
        stored.longitude,
    )


async def apply(
    session: AsyncSession, profile: Profile, role: str, changes: dict[str, Any]
) -> None:
    """Sets the fields; the caller flushes once, so a command moves the version by one.

    Every field the rules refuse is reported at once (InvalidInput)."""
    errors: list[FieldError] = []
    for name in PLAIN_FIELDS:
        if name in changes:
            if name == "display_name" and changes[name] is None:
                errors.append(FieldError("display_name", "must not be null"))
            setattr(profile, name, changes[name])
    if "attributes" in changes:
        try:
            profile.attributes = validate_attributes(role, changes["attributes"] or {})
        except InvalidInput as exc:
            errors += exc.errors
    if "public_attributes" in changes:
        try:
            profile.public_attributes = public_attributes(role, changes["public_attributes"])
        except InvalidInput as exc:
            errors += exc.errors
    if "specialties" in changes:
        errors += await unknown_specialties(session, changes["specialties"] or [])
    try:
        if "location" in changes:
            await _set_location(session, profile, role, changes["location"])
        elif profile.location_precision == "exact" and not has_studio(role, profile.attributes):
            raise InvalidInput(
                "attributes.studio", "is needed while the location precision is exact"
            )
    except InvalidInput as exc:
        errors += exc.errors
    if errors:
        raise InvalidInput(errors)
