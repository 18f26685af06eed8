"""Registered owners with a profile, for the upload tests."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.members import Caller
from tests.uploads.flow import Owner


@pytest.fixture
def owner(
    client: AsyncTestClient[Litestar], register: Callable[..., Awaitable[Caller]]
) -> Callable[[], Awaitable[Owner]]:
    async def make() -> Owner:
        _, headers = await register()
        response = await client.post("/v1/profiles", json={"display_name": "P"}, headers=headers)
        assert response.status_code == 201, response.text
        return Owner(client, headers)

    return make
