"""The five callers of the authorization matrix and what they own, rebuilt per test."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from lumen.commands import birth_dates
from lumen.db.profiles import Profile
from lumen.db.reports import Report
from lumen.db.users import User
from lumen.resources import Resources
from tests.auth.content import profile_with_photos
from tests.auth.people import Person

PERSONAS = ("anonymous", "other", "owner", "admin", "suspended")


@dataclass
class World:
    people: dict[str, Person]
    # Path parameter values by name; an entry may point a parameter at another one.
    values: dict[str, str] = field(default_factory=dict)

    def headers(self, persona: str) -> dict[str, str]:
        return {} if persona == "anonymous" else self.people[persona].headers


async def build(db: Resources, people: dict[str, Person]) -> World:
    async with db.sessions.begin() as session:
        for persona, person in people.items():
            session.add(
                User(
                    uid=person.uid,
                    role="model" if persona == "owner" else "photographer",
                    birth_date_encrypted=birth_dates.encrypt(
                        dt.date(1990, 5, 17), db.settings.secret_key
                    ),
                    status="suspended" if persona == "suspended" else "active",
                )
            )
        await session.flush()
        # The other user has a profile of their own (they can follow); the admin has none.
        session.add(Profile(user_uid=people["other"].uid, display_name="Other"))
    profile_id, visible, hidden = await profile_with_photos(db, people["owner"].uid)
    # An open report on the owner's profile, for the moderation queue to resolve.
    async with db.sessions.begin() as session:
        session.add(
            Report(
                reporter_uid=people["other"].uid,
                target_kind="profile",
                target_id=profile_id,
                subject_uid=people["owner"].uid,
                category="spam",
            )
        )
    values = {
        "uid": people["owner"].uid,
        "suspended_uid": people["suspended"].uid,
        "profile_id": str(profile_id),
        "photo_id": str(visible),
        "hidden_photo_id": str(hidden),
        "target_kind": "profile",
        "target_id": str(profile_id),
    }
    return World(people, values)
