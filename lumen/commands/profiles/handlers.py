"""Profile commands, each with its handler: open the unit of work, load the profile, make
one change, record its event, commit."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import msgspec
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from lumen import events
from lumen.auth.accounts import Account
from lumen.commands.editor import Editor
from lumen.commands.errors import Conflict
from lumen.commands.fields import LocationIn
from lumen.commands.profiles.changes import apply, owned_profile, set_specialties
from lumen.commands.profiles.removal import remove_profile
from lumen.commands.profiles.structs import ProfileIn, ProfileOut, ProfilePatch
from lumen.commands.profiles.views import owner_view
from lumen.commands.unit_of_work import UnitOfWork
from lumen.db.outbox import record
from lumen.db.profiles import Profile

_TAKEN = "You already have a profile; change it with PUT or PATCH."


class CreateProfile(msgspec.Struct, frozen=True, kw_only=True):
    account: Account
    profile: ProfileIn


async def create_profile(command: CreateProfile, uow: UnitOfWork) -> ProfileOut:
    account, data = command.account, command.profile
    async with uow as session:
        if await session.scalar(select(Profile.id).where(Profile.user_uid == account.uid)):
            raise Conflict(_TAKEN)
        profile = Profile(
            id=uuid.uuid4(), user_uid=account.uid, attributes={}, location_precision="hidden"
        )
        with session.no_autoflush:
            await apply(session, profile, account.role, msgspec.structs.asdict(data))
        session.add(profile)
        try:
            await session.flush()
        except IntegrityError as exc:  # a concurrent create for the same account won
            raise Conflict(_TAKEN) from exc
        created = events.ProfileCreated(
            profile_id=profile.id, version=profile.version, user_uid=profile.user_uid
        )
        await record(session, created)
        await set_specialties(session, profile, data.specialties)
        return await uow.commit(await owner_view(session, profile, account.role))


class ProfileChange(msgspec.Struct, frozen=True, kw_only=True):
    """A change to the caller's own profile, as of the version If-Match names (if any)."""

    editor: Editor
    profile_id: uuid.UUID

    def changes(self) -> dict[str, Any]:
        raise NotImplementedError


class ReplaceProfile(ProfileChange, frozen=True, kw_only=True):
    profile: ProfileIn

    def changes(self) -> dict[str, Any]:
        return msgspec.structs.asdict(self.profile)


class UpdateProfile(ProfileChange, frozen=True, kw_only=True):
    patch: ProfilePatch

    def changes(self) -> dict[str, Any]:
        fields = msgspec.structs.asdict(self.patch).items()
        return {k: v for k, v in fields if v is not msgspec.UNSET}


class SetSpecialties(ProfileChange, frozen=True, kw_only=True):
    specialties: list[str]

    def changes(self) -> dict[str, Any]:
        return {"specialties": self.specialties}


class SetLocation(ProfileChange, frozen=True, kw_only=True):
    location: LocationIn

    def changes(self) -> dict[str, Any]:
        return {"location": self.location}


async def change_profile(command: ProfileChange, uow: UnitOfWork) -> ProfileOut:
    role, changes = command.editor.account.role, command.changes()
    async with uow as session:
        profile = await owned_profile(session, command.editor, command.profile_id)
        with session.no_autoflush:
            await apply(session, profile, role, changes)
            if "specialties" in changes:
                await set_specialties(session, profile, changes["specialties"] or [])
            # Always an UPDATE, so the version moves even when only linked rows changed.
            profile.updated_at = datetime.now(UTC)
        await session.flush()
        updated = events.ProfileUpdated(
            profile_id=profile.id, version=profile.version, user_uid=profile.user_uid
        )
        await record(session, updated)
        return await uow.commit(await owner_view(session, profile, role))


class DeleteProfile(msgspec.Struct, frozen=True, kw_only=True):
    editor: Editor
    profile_id: uuid.UUID


async def delete_profile(command: DeleteProfile, uow: UnitOfWork) -> None:
    async with uow as session:
        profile = await owned_profile(session, command.editor, command.profile_id)
        if erasure := await remove_profile(session, profile):
            uow.enqueue(erasure)
        await uow.commit(None)
