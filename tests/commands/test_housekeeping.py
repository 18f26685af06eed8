from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, update

from lumen.db.idempotency import IdempotentResponse
from lumen.db.outbox import OutboxEvent, record
from lumen.events import CitySeeded
from lumen.resources import Resources
from lumen.workers.housekeeping import purge_spent_rows


async def test_housekeeping_drops_spent_keys_and_old_processed_events_only(db: Resources) -> None:
    long_ago = datetime.now(UTC) - timedelta(days=30)
    async with db.sessions.begin() as session:
        for _ in range(4):
            await record(session, CitySeeded(city_id=1, version=1))
        session.add_all(
            [
                IdempotentResponse(
                    caller_uid="u",
                    key="old",
                    fingerprint="f",
                    status_code=201,
                    body={},
                    headers={},
                    created_at=long_ago,
                ),
                IdempotentResponse(
                    caller_uid="u", key="new", fingerprint="f", status_code=201, body={}, headers={}
                ),
            ]
        )
    async with db.sessions.begin() as session:
        ids = (await session.scalars(select(OutboxEvent.id).order_by(OutboxEvent.id))).all()
        # Old and processed; recent and processed; old but dead; still pending.
        await session.execute(
            update(OutboxEvent).where(OutboxEvent.id == ids[0]).values(processed_at=long_ago)
        )
        await session.execute(
            update(OutboxEvent).where(OutboxEvent.id == ids[1]).values(processed_at=func.now())
        )
        await session.execute(
            update(OutboxEvent).where(OutboxEvent.id == ids[2]).values(dead_at=long_ago)
        )

    assert await purge_spent_rows({"resources": db}) == {"idempotency_keys": 1, "outbox_events": 1}
    async with db.sessions() as session:
        left = (await session.scalars(select(OutboxEvent.id).order_by(OutboxEvent.id))).all()
        keys = (await session.scalars(select(IdempotentResponse.key))).all()
    assert left == ids[1:]
    assert keys == ["new"]
