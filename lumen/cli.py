"""The `lumen` command: serve, worker, migrate and the operator tools."""

from __future__ import annotations

import asyncio
from pathlib import Path

import click

from lumen.auth.admins import users
from lumen.logging import configure_logging
from lumen.projections.cli import projections
from lumen.seed.commands import seed
from lumen.settings import ConfigError, Settings, load_settings
from lumen.workers.media_cli import media

ROOT = Path(__file__).resolve().parent.parent


def _settings() -> Settings:
    try:
        return load_settings()
    except ConfigError as exc:
        raise click.ClickException(f"refusing to start: {exc}") from exc


@click.group(context_settings={"max_content_width": 100, "terminal_width": 100})
@click.version_option(package_name="lumen", prog_name="lumen")
def main() -> None:
    """Lumen: photographers and models finding each other."""


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True)
@click.option("--workers", default=1, show_default=True)
def serve(host: str, port: int, workers: int) -> None:
    """Run the HTTP API."""
    from lumen.metrics.processes import prepare_server_processes
    from lumen.serving import server

    settings = _settings()
    prepare_server_processes(workers)
    server(settings, host, port, workers).serve()


@main.command()
@click.option("--check", is_flag=True, help="Exit 0 when a worker's heartbeat is fresh.")
def worker(check: bool) -> None:
    """Run the background worker (projections, image pipeline)."""
    from arq.worker import async_check_health

    from lumen.metrics.processes import serve_worker_metrics
    from lumen.tracing.process import WORKER_SERVICE, start_tracing
    from lumen.workers.queue import queue_name
    from lumen.workers.settings import WorkerSettings, redis_settings, worker_options
    from lumen.workers.supervisor import supervise, worker_factory

    settings = _settings()
    configure_logging(settings.log_level, json=settings.log_json, traced=settings.tracing)
    if check:
        raise SystemExit(
            asyncio.run(
                async_check_health(
                    redis_settings(settings),
                    queue_name=queue_name(settings),
                )
            )
        )
    serve_worker_metrics(settings.worker_metrics_port)
    tracing = start_tracing(settings, WORKER_SERVICE)
    options = worker_options(settings, tracing.tracer if tracing else None)
    supervise(worker_factory(WorkerSettings, **options))


@main.command()
@click.argument("direction", type=click.Choice(["up", "down"]), default="up")
@click.argument("revision", required=False)
def migrate(direction: str, revision: str | None) -> None:
    """Apply migrations (up to head) or roll back (down to REVISION, default one step)."""
    from lumen.db.migrations import downgrade, upgrade

    settings = _settings()
    if direction == "up":
        upgrade(settings.database_url, revision or "head", settings.secret_key)
    else:
        downgrade(settings.database_url, revision or "-1", settings.secret_key)


main.add_command(users)
main.add_command(seed)
main.add_command(projections)
main.add_command(media)

if __name__ == "__main__":
    main()
