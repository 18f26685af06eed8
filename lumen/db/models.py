"""Every table, imported in one place so Alembic and the tests see the whole schema."""

from lumen.db.base import Base

__all__ = ["Base"]
