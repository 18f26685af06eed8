"""Every domain failure answers by the one table in lumen.problems."""

from __future__ import annotations

from collections.abc import Iterator

import lumen.app  # noqa: F401 - every route module, and so every domain error, is loaded
from lumen.errors import DomainError, Problem
from lumen.problems import PROBLEMS, problem_of


def _all(kind: type[DomainError]) -> Iterator[type[DomainError]]:
    for sub in kind.__subclasses__():
        if sub.__module__.startswith("lumen."):
            yield sub
        yield from _all(sub)


def test_every_domain_error_has_a_row_of_its_own() -> None:
    missing = sorted(
        f"{k.__module__}.{k.__qualname__}" for k in _all(DomainError) if k not in PROBLEMS
    )
    assert missing == []


def test_no_domain_error_carries_http_attributes_the_table_would_ignore() -> None:
    carrying = [
        k.__qualname__
        for k in _all(DomainError)
        if any(name in vars(k) for name in ("status", "slug", "title"))
    ]
    assert carrying == []


def test_a_subclass_without_a_row_answers_as_its_parent() -> None:
    class Unlisted(DomainError):
        pass

    assert problem_of(Unlisted("detail")) == Problem(400, "bad-request", "Bad request")
