"""The operator's commands: `status` as a table with verdicts (and JSON), `status` and
`verify` strictly read-only, the version, help that is not cut off."""

from __future__ import annotations

import asyncio
import json

import msgspec

from lumen.projections.indices import layout
from lumen.projections.verify import verify
from lumen.resources import Resources
from tests.projections.conftest import project_all
from tests.projections.workers import run_cli
from tests.projections.world import add_profile, add_user, raw_event


async def test_status_is_a_table_with_a_verdict_per_projection(search: Resources) -> None:
    await add_profile(search, await add_user(search))
    await project_all(search)
    shown = await asyncio.to_thread(run_cli, search.settings, "projections", "status")
    assert shown.returncode == 0, shown.stderr
    rows = {line.split()[0]: line for line in shown.stdout.splitlines() if line.strip()}
    prefix = search.settings.index_prefix
    assert f"{prefix}-profiles-v1" in rows["profiles"]
    assert rows["profiles"].split()[2:5] == ["1", "0", "1"]
    assert all(rows[name].endswith("ok") for name in ("profiles", "photos", "following"))
    assert "verdict: ok" in shown.stdout


async def test_status_names_dead_events_and_what_to_do(search: Resources) -> None:
    await raw_event(search, "photo", "broken", "PhotoUpdated")
    await project_all(search)
    shown = await asyncio.to_thread(run_cli, search.settings, "projections", "status")
    assert "1 dead" in shown.stdout
    assert "verdict: needs attention" in shown.stdout
    assert "lumen projections replay-dead" in shown.stdout


async def test_status_as_json_for_machines(search: Resources) -> None:
    shown = await asyncio.to_thread(run_cli, search.settings, "projections", "status", "--json")
    report = json.loads(shown.stdout)
    assert {p["name"] for p in report["projections"]} == {
        "profiles",
        "photos",
        "cities",
        "following",
    }
    assert report["backlog"]["pending"] == 0


async def test_status_and_verify_under_a_mistyped_prefix_create_nothing(db: Resources) -> None:
    wrong = msgspec.structs.replace(db.settings, index_prefix="lumen-test-mistyped")
    for name, versions in (await layout(db.search, wrong)).versions.items():
        for version in versions:  # left by an earlier run of older code
            await db.search.delete_index(f"lumen-test-mistyped-{name}-v{version}")
    shown = await asyncio.to_thread(run_cli, wrong, "projections", "status")
    assert shown.returncode == 0, shown.stderr
    assert "missing: no index yet" in shown.stdout
    checked = await asyncio.to_thread(run_cli, wrong, "projections", "verify", "profiles")
    assert checked.returncode == 1
    assert "no profiles index under the prefix 'lumen-test-mistyped'" in checked.stderr
    assert (await layout(db.search, wrong)).versions == {}


def test_the_cli_tells_its_version_and_help_is_not_cut_off(db: Resources) -> None:
    version = run_cli(db.settings, "--version")
    assert version.returncode == 0
    assert version.stdout.startswith("lumen, version ")
    for group in ((), ("projections",), ("media",), ("seed",), ("users",)):
        shown = run_cli(db.settings, *group, "--help")
        assert shown.returncode == 0, shown.stderr
        listed = shown.stdout.split("Commands:")[1].splitlines()
        assert not [line for line in listed if line.rstrip().endswith("...")], shown.stdout


async def test_verify_reports_its_progress_to_the_end(search: Resources) -> None:
    for _ in range(3):
        await add_profile(search, await add_user(search))
    await project_all(search)
    heard: list[tuple[int, int]] = []
    drift = await verify(
        search, "profiles", progress=lambda done, total: heard.append((done, total))
    )
    assert not drift.drifted
    # Three documents in the index, three source rows.
    assert heard[-1] == (6, 6)
    assert [done for done, _ in heard] == sorted(done for done, _ in heard)
