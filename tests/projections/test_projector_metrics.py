"""What a projection shows on /metrics: the backlog waiting before, then the batch, its
events by outcome, the documents written and each event's lag from its write."""

from __future__ import annotations

import uuid

from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import text

from lumen.resources import Resources
from tests.projections.conftest import pending, project_all
from tests.projections.world import add_profile, add_user, raw_event
from tests.scraped import scrape

EVENTS = "lumen_projector_events_total"


async def test_a_projection_moves_the_backlog_and_the_projector_series(
    search: Resources, client: AsyncTestClient[Litestar], operator: dict[str, str]
) -> None:
    await add_profile(search, await add_user(search), headline="Portraits")
    await raw_event(search, "profile", uuid.uuid4(), "ProfileAdmired")
    async with search.db.begin() as conn:
        # Written a minute ago, as if the projector had been away since.
        await conn.execute(text("UPDATE outbox SET occurred_at = now() - interval '60 seconds'"))
    waiting = await pending(search)
    before = await scrape(client, headers=operator)

    await project_all(search)
    after = await scrape(client, headers=operator)

    def grew(name: str, **labels: str) -> float:
        return after.value(name, **labels) - before.value(name, **labels)

    assert before.value("lumen_outbox_pending_events") == waiting >= 3
    assert before.value("lumen_outbox_oldest_pending_age_seconds") >= 60
    assert after.value("lumen_outbox_pending_events") == 0
    assert after.value("lumen_outbox_oldest_pending_age_seconds") == 0
    assert after.value("lumen_outbox_dead_events") == 1
    assert grew(EVENTS, outcome="projected") == waiting - 1
    assert grew(EVENTS, outcome="dead") == 1
    assert grew(EVENTS, outcome="retried") == 0
    assert grew("lumen_projector_documents_total") >= 1
    assert grew("lumen_projector_batch_duration_seconds_count") >= 1
    assert grew("lumen_projector_lag_seconds_count") == waiting - 1
    assert grew("lumen_projector_lag_seconds_sum") >= 60 * (waiting - 1)
    assert grew("lumen_projector_lag_seconds_bucket", le="30.0") == 0
