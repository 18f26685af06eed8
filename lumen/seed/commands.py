"""The `lumen seed` command group."""

from __future__ import annotations

import asyncio

import click

from lumen.progress import progress_bar
from lumen.resources import Resources
from lumen.seed.cities import seed_cities
from lumen.seed.demo import SIZES, seed_demo
from lumen.settings import load_settings


@click.group()
def seed() -> None:
    """Load reference and demo data."""


@seed.command()
def cities() -> None:
    """The offline GeoNames cities (about 69,000) into the cities table."""

    async def run() -> int:
        resources = Resources.open(load_settings())
        try:
            return await seed_cities(resources.db)
        finally:
            await resources.close()

    click.echo(f"cities inserted or changed: {asyncio.run(run())}")


@seed.command()
@click.option(
    "--size",
    default="small",
    show_default=True,
    help=f"{', '.join(f'{k} ({v})' for k, v in SIZES.items())} or a number of profiles",
)
@click.option("--seed", "seed_value", default=7, show_default=True, help="Random seed")
def demo(size: str, seed_value: int) -> None:
    """A deterministic demo community (needs the cities)."""
    count = SIZES.get(size) or (int(size) if size.isdigit() else 0)
    if count <= 0:
        raise click.BadParameter(
            f"use one of {', '.join(SIZES)} or a positive number", param_hint="--size"
        )

    async def run() -> int:
        resources = Resources.open(load_settings())
        try:
            with progress_bar("demo profiles", "profiles") as progress:
                return await seed_demo(resources, count, seed_value, progress)
        finally:
            await resources.close()

    click.echo(f"demo profiles created: {asyncio.run(run())}")
