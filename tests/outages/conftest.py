"""Each outage test's private service, killed at the end whatever happened."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ENGINE
from tests.outages.services import PrivateEngine, PrivatePostgres, PrivateRedis


@pytest.fixture
def private_redis() -> Iterator[PrivateRedis]:
    redis = PrivateRedis()
    try:
        redis.start()
        yield redis
    finally:
        redis.close()


@pytest.fixture
def private_postgres() -> Iterator[PrivatePostgres]:
    postgres = PrivatePostgres()
    try:
        postgres.create()
        yield postgres
    finally:
        postgres.close()


@pytest.fixture
def private_engine(tmp_path: Path) -> Iterator[PrivateEngine]:
    engine = PrivateEngine(ENGINE, tmp_path / "engine")
    try:
        engine.start()
        yield engine
    finally:
        engine.close()
