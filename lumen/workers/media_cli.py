"""`lumen media sweep`: the daily sweep of unreferenced files, on demand."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import click

from lumen.media.sweep import GRACE, Swept
from lumen.progress import progress_bar
from lumen.resources import Resources
from lumen.settings import load_settings
from lumen.workers.housekeeping import sweep_files


@click.group()
def media() -> None:
    """Stored photo files."""


@media.command("sweep")
@click.option(
    "--grace-hours",
    type=click.IntRange(min=1),
    default=int(GRACE.total_seconds() // 3600),
    show_default=True,
    help="Only files older than this may go.",
)
def sweep_command(grace_hours: int) -> None:
    """Deletes stored files no photo refers to, and interrupted uploads."""

    async def run() -> Swept:
        resources = Resources.open(load_settings())
        try:
            with progress_bar("sweeping stored files", "files") as progress:
                return await sweep_files(resources, timedelta(hours=grace_hours), progress)
        finally:
            await resources.close()

    swept = asyncio.run(run())
    click.echo(
        f"{swept.deleted} unreferenced files deleted, {swept.kept} older files kept,"
        f" {swept.incoming} interrupted uploads removed"
    )
