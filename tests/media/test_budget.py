import asyncio

import pytest

from lumen.media import DecodeBudget, TooLargeToDecodeError

MB = 1024 * 1024


async def test_jobs_within_the_budget_run_together() -> None:
    budget = DecodeBudget(100 * MB)
    async with budget.reserve(40 * MB), budget.reserve(60 * MB):
        assert budget.free == 0
    assert budget.free == 100 * MB


async def test_a_job_over_the_free_budget_waits_until_memory_is_released() -> None:
    budget = DecodeBudget(100 * MB)
    order: list[str] = []

    async def job(name: str, needed: int, hold_s: float) -> None:
        async with budget.reserve(needed):
            order.append(f"{name} in")
            await asyncio.sleep(hold_s)
        order.append(f"{name} out")

    first = asyncio.create_task(job("first", 70 * MB, 0.05))
    await asyncio.sleep(0)
    await asyncio.gather(first, job("second", 50 * MB, 0))
    assert order == ["first in", "first out", "second in", "second out"]


async def test_a_large_job_is_not_starved_by_small_ones_behind_it() -> None:
    budget = DecodeBudget(100 * MB)
    admitted: list[str] = []

    async def job(name: str, needed: int) -> None:
        async with budget.reserve(needed):
            admitted.append(name)
            await asyncio.sleep(0.01)

    holder = asyncio.create_task(job("holder", 60 * MB))
    await asyncio.sleep(0)
    large = asyncio.create_task(job("large", 90 * MB))
    await asyncio.sleep(0)
    # Each small one would fit beside the holder, but the large one came first.
    smalls = [asyncio.create_task(job(f"small{n}", 10 * MB)) for n in range(3)]
    await asyncio.gather(holder, large, *smalls)
    assert admitted[:2] == ["holder", "large"]


async def test_a_job_needing_more_than_the_whole_budget_fails_with_a_reason() -> None:
    budget = DecodeBudget(100 * MB)
    with pytest.raises(TooLargeToDecodeError) as refused:
        async with budget.reserve(101 * MB):
            pass
    assert refused.value.detail == "The image is too large to process."
    assert budget.free == 100 * MB


async def test_a_cancelled_waiter_does_not_hold_up_the_queue() -> None:
    budget = DecodeBudget(100 * MB)
    release = asyncio.Event()

    async def holder() -> None:
        async with budget.reserve(100 * MB):
            await release.wait()

    async def waiter() -> None:
        async with budget.reserve(10 * MB):
            pass

    held = asyncio.create_task(holder())
    await asyncio.sleep(0)
    given_up = asyncio.create_task(waiter())
    behind = asyncio.create_task(waiter())
    await asyncio.sleep(0)
    given_up.cancel()
    release.set()
    await asyncio.wait_for(asyncio.gather(held, behind), timeout=2)
    assert budget.free == 100 * MB
