"""The projector looks up where to write once, not once per batch, and looks again as
soon as a rebuild announces a change of the write aliases."""

from __future__ import annotations

import dataclasses
from typing import Any

from lumen.engine import SearchClient
from lumen.projections import targets
from lumen.projections.projector import run_batch
from lumen.projections.rebuild import rebuild
from lumen.resources import Resources
from tests.projections.conftest import assert_converged, project_all
from tests.projections.world import add_profile, add_user, update_profile


class CountingLookups:
    """The real client, counting the aliases calls that list the indices."""

    def __init__(self, client: SearchClient) -> None:
        self._client, self.lookups = client, 0

    async def aliases(self, pattern: str) -> Any:
        self.lookups += 1
        return await self._client.aliases(pattern)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)


def _counting(res: Resources) -> tuple[Resources, CountingLookups]:
    targets.forget_all()
    client = CountingLookups(res.search)
    return dataclasses.replace(res, search=client), client  # type: ignore[arg-type]


async def test_batches_reuse_the_layout_until_it_changes(search: Resources) -> None:
    profile = await add_profile(search, await add_user(search))
    await project_all(search)
    res, client = _counting(search)
    for n in range(3):
        await update_profile(search, profile, display_name=f"Name {n}")
        assert (await run_batch(res)).claimed == 1
    assert client.lookups == 1

    await targets.announce(search.redis, search.settings)
    await update_profile(search, profile, display_name="After the change")
    assert (await run_batch(res)).claimed == 1
    assert client.lookups == 2


async def test_a_rebuild_between_batches_sends_them_to_the_new_index(search: Resources) -> None:
    profile = await add_profile(search, await add_user(search))
    res, _ = _counting(search)
    await project_all(res)
    rebuilt = await rebuild(search, "profiles", grace_s=0)
    await update_profile(search, profile, display_name="Written after the swap")
    await project_all(res)
    assert rebuilt.old is not None
    await assert_converged(search)
