"""Every revision's downgrade works: the schema goes up, down to nothing, and up again."""

import asyncio

from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import create_async_engine

from lumen.db.migrations import downgrade, upgrade
from lumen.db.models import Base
from lumen.settings import Settings


async def _tables(url: str) -> set[str]:
    engine = create_async_engine(url)
    async with engine.connect() as conn:
        names = await conn.run_sync(lambda sync: set(inspect(sync).get_table_names()))
    await engine.dispose()
    return names - {"alembic_version"}


async def test_migrations_go_up_down_and_up_again(settings: Settings) -> None:
    url = settings.database_url
    expected = set(Base.metadata.tables)
    await asyncio.to_thread(upgrade, url)
    assert await _tables(url) == expected
    await asyncio.to_thread(downgrade, url, "base")
    assert await _tables(url) == set()
    await asyncio.to_thread(upgrade, url)
    assert await _tables(url) == expected


async def test_models_and_migrations_describe_the_same_schema(settings: Settings) -> None:
    from alembic import command

    from lumen.db.migrations import alembic_config

    await asyncio.to_thread(upgrade, settings.database_url)
    # Raises when autogenerate would find a difference left out of the revisions.
    await asyncio.to_thread(command.check, alembic_config(settings.database_url))
