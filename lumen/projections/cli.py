"""`lumen projections status|rebuild NAME|verify NAME|replay-dead`."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

import click
import msgspec

from lumen.progress import Progress, progress_bar
from lumen.projections.claims import replay_dead
from lumen.projections.indices import PROJECTIONS, layout
from lumen.projections.rebuild import GRACE_S, RebuildRunning, rebuild
from lumen.projections.report import render
from lumen.projections.schema import ensure_indices
from lumen.projections.status import status
from lumen.projections.verify import Drift, verify
from lumen.resources import Resources
from lumen.settings import load_settings

T = TypeVar("T")
NAME = click.argument("name", type=click.Choice(PROJECTIONS))


def _run(work: Callable[[Resources], Awaitable[T]], *, create: bool = False) -> T:
    """Runs `work` with the process's connections. Only a command that writes indices
    passes `create`: a mistyped LUMEN_INDEX_PREFIX must not make `status` build some."""

    async def main() -> T:
        resources = Resources.open(load_settings())
        try:
            if create:
                await ensure_indices(resources.search, resources.settings)
            return await work(resources)
        finally:
            await resources.close()

    return asyncio.run(main())


def _json(value: object) -> str:
    return msgspec.json.format(msgspec.json.encode(value), indent=2).decode()


@click.group()
def projections() -> None:
    """Watch, verify and rebuild the search projections."""


@projections.command("status")
@click.option("--json", "as_json", is_flag=True, help="The figures as JSON, for machines.")
def show_status(as_json: bool) -> None:
    """Each projection's index, counts and verdict; the outbox's backlog (read-only)."""
    report = _run(status)
    click.echo(_json(report) if as_json else render(report))


@projections.command("verify")
@NAME
def verify_command(name: str) -> None:
    """Source versions against index versions; exits 1 on drift (read-only)."""

    async def check(resources: Resources, progress: Progress) -> Drift | None:
        if name not in (await layout(resources.search, resources.settings)).readers:
            return None
        return await verify(resources, name, progress=progress)

    with progress_bar(f"verifying {name}", "docs") as progress:
        drift = _run(lambda resources: check(resources, progress))
    if drift is None:
        prefix = load_settings().index_prefix
        raise click.ClickException(f"no {name} index under the prefix {prefix!r}; none made")
    click.echo(_json(drift))
    if drift.drifted:
        raise SystemExit(1)


@projections.command("rebuild")
@NAME
@click.option(
    "--grace", default=GRACE_S, show_default=True, help="Seconds before the old index goes."
)
def rebuild_command(name: str, grace: float) -> None:
    """Builds a new index from Postgres while Lumen serves, then swaps it in."""
    with progress_bar(f"rebuilding {name}", "docs") as progress:
        try:
            result = _run(
                lambda resources: rebuild(resources, name, grace_s=grace, progress=progress),
                create=True,
            )
        except RebuildRunning as exc:
            raise click.ClickException(f"{exc}; nothing was changed") from exc
    click.echo(
        f"{name}: {result.documents} documents into {result.new} (was {result.old or 'none'})"
    )


@projections.command("replay-dead")
@click.option("--id", "ids", type=int, multiple=True, help="Only these outbox ids.")
def replay_dead_command(ids: tuple[int, ...]) -> None:
    """Makes dead events due again."""

    async def replay(resources: Resources) -> int:
        async with resources.sessions.begin() as session:
            return await replay_dead(session, list(ids) if ids else None)

    click.echo(f"{_run(replay)} dead events replayed")
