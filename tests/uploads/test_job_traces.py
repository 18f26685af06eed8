"""A photo job's trace, in process with the SDK's in-memory exporter: the job's span is a
child of the upload that enqueued it, and the events it records carry the job's span."""

from __future__ import annotations

from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import select

from lumen.db.outbox import OutboxEvent
from lumen.resources import Resources
from lumen.tracing.process import Tracing
from tests.media.samples import encode_photo
from tests.members import Register
from tests.traced import Exported, traceparent
from tests.uploads.flow import Owner, run_worker


async def test_a_photo_job_continues_the_trace_of_the_upload_that_enqueued_it(
    db: Resources,
    tracing: Tracing,
    traced_client: AsyncTestClient[Litestar],
    exported: Exported,
    register: Register,
) -> None:
    _, headers = await register()
    profile = await traced_client.post("/v1/profiles", json={"display_name": "P"}, headers=headers)
    assert profile.status_code == 201, profile.text
    me = Owner(traced_client, headers)
    photo_id = await me.new_photo()
    exported.clear()
    await me.uploaded(photo_id, encode_photo("JPEG"))
    [upload] = exported.servers()
    assert upload.name == "PUT /v1/photos/{photo_id}/original"

    await run_worker(db.settings, tracing.tracer)

    [job] = exported.named("process_photo")
    assert job in exported.children(upload)
    assert traceparent(job)[:35] == traceparent(upload)[:35]  # version and trace id
    assert job.attributes is not None
    assert job.attributes["lumen.photo_id"] == photo_id
    assert any(span.name == "UPDATE" for span in exported.children(job))
    async with db.sessions() as session:
        processed = await session.scalar(
            select(OutboxEvent.trace_context).where(
                OutboxEvent.aggregate_id == photo_id, OutboxEvent.event_type == "PhotoProcessed"
            )
        )
    assert processed == traceparent(job)
