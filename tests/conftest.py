"""Shared fixtures. Every test talks to the real services of infra/, under its own
database, Redis database, index prefix and queue, so a running Lumen is never touched."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import text

from lumen.app import create_app
from lumen.db.migrations import upgrade
from lumen.db.models import Base
from lumen.resources import Resources
from lumen.settings import DEFAULT_SEARCH_URLS, Settings, load_settings
from tests.observed import conformance_last, observe

# Lumen as real processes (`lumen serve`, the worker), for tests of truly concurrent requests;
# members with tokens; tracing on, in process.
pytest_plugins = ["tests.live", "tests.members", "tests.traced"]

# The engine this run talks to: Elasticsearch unless LUMEN_TEST_SEARCH_ENGINE=opensearch
# (make test runs the engine-touching suites on both), at the local stack's address for it
# unless LUMEN_TEST_SEARCH_URL names another.
ENGINE = os.environ.get("LUMEN_TEST_SEARCH_ENGINE", "elasticsearch")
TEST_ENV = {
    "LUMEN_ENV": "test",
    "LUMEN_DATABASE_URL": os.environ.get(
        "LUMEN_TEST_DATABASE_URL", "postgresql+asyncpg://lumen:lumen@127.0.0.1:5432/lumen_test"
    ),
    "LUMEN_REDIS_URL": os.environ.get("LUMEN_TEST_REDIS_URL", "redis://127.0.0.1:6379/15"),
    "LUMEN_SEARCH_ENGINE": ENGINE,
    "LUMEN_SEARCH_URL": os.environ.get("LUMEN_TEST_SEARCH_URL")
    or DEFAULT_SEARCH_URLS.get(ENGINE, ""),
    "LUMEN_INDEX_PREFIX": os.environ.get("LUMEN_TEST_INDEX_PREFIX", "lumen-test"),
    "LUMEN_FIREBASE_PROJECT_ID": "demo-lumen",
    "FIREBASE_AUTH_EMULATOR_HOST": os.environ.get("FIREBASE_AUTH_EMULATOR_HOST", "127.0.0.1:9099"),
    "LUMEN_LOG_LEVEL": "WARNING",
    # Test workers serve no metrics unless a test gives them a free port: the default one
    # belongs to the local stack's worker.
    "LUMEN_WORKER_METRICS_PORT": "0",
    # Tests send far more requests a minute than a member would; the rate-limit tests set
    # their own budgets.
    **{
        f"LUMEN_RATE_LIMIT_{budget}_PER_MINUTE": "0"
        for budget in ("SEARCH", "LOCATION", "WRITES", "UPLOADS", "FAILED_AUTH")
    },
}


def pytest_report_header() -> str:
    return f"search engine: {ENGINE} at {TEST_ENV['LUMEN_SEARCH_URL']}"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    conformance_last(items)


def make_settings(**overrides: str) -> Settings:
    return load_settings({**TEST_ENV, **overrides})


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    media = str(tmp_path_factory.mktemp("media"))
    # firebase-admin reads the emulator host from the process environment.
    os.environ["FIREBASE_AUTH_EMULATOR_HOST"] = TEST_ENV["FIREBASE_AUTH_EMULATOR_HOST"]
    return make_settings(LUMEN_MEDIA_DIR=media)


@pytest.fixture(scope="session")
def app(settings: Settings) -> Litestar:
    return create_app(settings)


@pytest.fixture(scope="session")
async def client(app: Litestar) -> AsyncIterator[AsyncTestClient[Litestar]]:
    async with AsyncTestClient(app=app) as test_client:
        yield observe(test_client)


# Reference data the migrations seed; everything else is emptied between tests.
KEPT_TABLES = {"specialties", "cities", "alembic_version"}


@pytest.fixture(scope="session")
async def resources(settings: Settings) -> AsyncIterator[Resources]:
    await asyncio.to_thread(upgrade, settings.database_url)
    opened = Resources.open(settings)
    yield opened
    await opened.close()


@pytest.fixture
async def db(resources: Resources) -> Resources:
    """A migrated, empty test database (reference data kept), and Redis emptied."""
    tables = ", ".join(f'"{name}"' for name in Base.metadata.tables if name not in KEPT_TABLES)
    async with resources.db.begin() as conn:
        await conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    await resources.redis.flushdb()
    return resources
