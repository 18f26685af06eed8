"""A worker that loses Redis restarts itself with growing delays; tests/outages shows it
coming back and catching up once Redis does."""

import pytest
from arq.connections import RedisSettings
from arq.worker import Worker, create_worker

from lumen.workers.settings import WorkerSettings
from lumen.workers.supervisor import supervise


class Enough(Exception):
    pass


def test_a_worker_that_cannot_reach_redis_is_restarted_with_growing_delays() -> None:
    closed = RedisSettings(host="127.0.0.1", port=1, conn_retries=0)
    delays: list[float] = []

    def sleep(seconds: float) -> None:
        delays.append(seconds)
        if len(delays) == 6:
            raise Enough

    def make() -> Worker:
        return create_worker(WorkerSettings, redis_settings=closed, ctx={})  # type: ignore[arg-type]

    with pytest.raises(Enough):
        supervise(make, sleep=sleep)
    assert delays == [1.0, 2.0, 4.0, 8.0, 16.0, 30.0]
