"""Every table, imported in one place so Alembic and the tests see the whole schema."""

from lumen.db.base import Base
from lumen.db.cities import City
from lumen.db.idempotency import IdempotentResponse
from lumen.db.outbox import OutboxEvent
from lumen.db.photos import Photo
from lumen.db.profiles import Follow, Profile, ProfileSpecialty, Specialty
from lumen.db.reports import Report
from lumen.db.users import ModerationAction, User

__all__ = [
    "Base",
    "City",
    "Follow",
    "IdempotentResponse",
    "ModerationAction",
    "OutboxEvent",
    "Photo",
    "Profile",
    "ProfileSpecialty",
    "Report",
    "Specialty",
    "User",
]
