"""Slow SQL statements and engine calls are logged past their thresholds, with what was
asked in shape only: never a parameter or a searched word."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from sqlalchemy import text

from lumen.logging import configure_logging
from lumen.resources import Resources
from lumen.settings import Settings
from tests.conftest import make_settings


@pytest.fixture
def json_logs() -> Iterator[io.StringIO]:
    """What Lumen's logging pipeline writes, as JSON, while a test runs."""
    configure_logging("WARNING", json=True)
    written = io.StringIO()
    handler = logging.getLogger().handlers[0]
    assert isinstance(handler, logging.StreamHandler)
    handler.setStream(written)
    yield written
    configure_logging("WARNING", json=False)


@pytest.fixture
async def watched(settings: Settings) -> AsyncIterator[Resources]:
    opened = Resources.open(
        make_settings(
            LUMEN_DATABASE_URL=settings.database_url,
            LUMEN_SLOW_SQL_MS="40",
            LUMEN_SLOW_SEARCH_MS="0.001",
        )
    )
    yield opened
    await opened.close()


def _logged(err: str, event: str) -> list[dict[str, Any]]:
    lines = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    return [line for line in lines if line.get("event") == event]


async def test_a_slow_statement_is_logged_without_its_parameters(
    watched: Resources, json_logs: io.StringIO
) -> None:
    async with watched.db.connect() as conn:
        await conn.execute(text("SELECT 1"))
        await conn.execute(text("SELECT pg_sleep(0.1), :secret"), {"secret": "s3cr3t-words"})
    err = json_logs.getvalue()
    slow = _logged(err, "slow statement")
    assert len(slow) == 1, err
    assert slow[0]["statement"] == "SELECT pg_sleep(0.1), $1"
    assert slow[0]["duration_ms"] >= 100
    assert slow[0]["level"] == "warning"
    assert "s3cr3t-words" not in err


async def test_a_slow_engine_call_is_logged_in_shape_only(
    watched: Resources, json_logs: io.StringIO
) -> None:
    body = {"size": 3, "query": {"match": {"display_name": "private words"}}}
    await watched.search.search(f"{watched.settings.index_prefix}-*", body)
    err = json_logs.getvalue()
    slow = [line for line in _logged(err, "slow engine call") if line["operation"] == "search"]
    assert slow, err
    assert slow[0]["body"] == {"size": "…", "query": {"match": {"display_name": "…"}}}
    assert slow[0]["outcome"] == "ok"
    assert "private words" not in err
