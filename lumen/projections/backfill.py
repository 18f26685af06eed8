"""Every document of a read model, built from Postgres in key order, a page at a time,
by the same source query and builder the projector uses."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy import func, select

from lumen.db.engine import Sessions
from lumen.projections.read_model import Document, ReadModel
from lumen.projections.rows import fetch


async def source_count(sessions: Sessions, model: ReadModel[Any]) -> int:
    """The rows of the table the documents are keyed on (one document each)."""
    table = model.key.column.table
    async with sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(table)) or 0)


async def documents(
    sessions: Sessions, model: ReadModel[Any], page_size: int = 1000
) -> AsyncIterator[list[Document]]:
    """Pages of documents; each page's rows are read in one short transaction, so a long
    backfill holds no snapshot open and sees every change committed before each page.
    Pages are read by a keyset scan over the source query itself, one query per page."""
    column, last = model.key.column, None
    while True:
        page = model.query.order_by(column).limit(page_size)
        if last is not None:
            page = page.where(column > last)
        async with sessions() as session:
            found = await fetch(session, model.row, page)
        if not found:
            return
        yield [model.build(row) for row in found]
        last = model.key.of(found[-1])
