"""Which stored files photo rows name, and the lock that keeps writing a reference to a
file apart from erasing it.

Files are content-addressed, so a row being written may name the very file another
photo's deletion is erasing. The erasure holds each key's lock exclusively while it checks
the references and deletes; a writer holds it shared while it checks that the file is
still there and commits its reference. Either the erasure sees the reference, or the
writer sees the file gone."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import String, TextClause, bindparam, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession


def _with_keys(sql: str) -> TextClause:
    return text(sql).bindparams(bindparam("keys", type_=ARRAY(String)))


# Each distinct lock once, in the order of its number. 1280658758 is "LUMF": the first half
# of every two-part advisory lock on a file key, so no other lock of Lumen's shares them.
_LOCK = _with_keys(
    "SELECT pg_advisory_xact_lock(1280658758, hashed) FROM (SELECT DISTINCT hashtext(key)"
    " AS hashed FROM unnest(:keys) AS key ORDER BY 1) AS locks"
)
_LOCK_SHARED = _with_keys(
    "SELECT pg_advisory_xact_lock_shared(1280658758, hashed) FROM (SELECT DISTINCT"
    " hashtext(key) AS hashed FROM unnest(:keys) AS key ORDER BY 1) AS locks"
)
_REFERENCED = _with_keys(
    "SELECT original_key FROM photos WHERE original_key = ANY(:keys)"
    " UNION SELECT variant ->> 'key' FROM photos, jsonb_array_elements(variants) AS variant"
    " WHERE variant ->> 'key' = ANY(:keys)"
)


def keys_of(original_key: str | None, variants: Any) -> list[str]:
    """The stored files a photo row names."""
    named = [original_key] if original_key else []
    for variant in variants if isinstance(variants, list) else []:
        key = variant.get("key") if isinstance(variant, dict) else None
        if isinstance(key, str):
            named.append(key)
    return named


async def lock_keys(session: AsyncSession, keys: Iterable[str], *, shared: bool) -> None:
    """Until the transaction ends; all at once and in one order, so lockers never deadlock."""
    await session.execute(_LOCK_SHARED if shared else _LOCK, {"keys": sorted(set(keys))})


async def referenced_among(session: AsyncSession, keys: Iterable[str]) -> set[str]:
    """Those of `keys` that some photo row names, as its original or as a variant."""
    wanted = sorted(set(keys))
    if not wanted:
        return set()
    return set(await session.scalars(_REFERENCED, {"keys": wanted}))
