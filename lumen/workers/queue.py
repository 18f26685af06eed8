"""The job queue as the API process sees it: a client of the worker's queue."""

from __future__ import annotations

from arq.connections import ArqRedis

from lumen.resources import Resources
from lumen.workers.settings import queue_name


def job_queue(resources: Resources) -> ArqRedis:
    # Shares the process's Redis connection pool; building it opens nothing.
    return ArqRedis(
        pool_or_conn=resources.redis.connection_pool,
        default_queue_name=queue_name(resources.settings),
    )
