"""`field_errors` walks a type beside a value and names every part at fault."""

from typing import Annotated

import msgspec
import pytest

from lumen.validation import FieldError, Invalid, field_errors, normalise


class Inner(msgspec.Struct, forbid_unknown_fields=True):
    size: Annotated[int, msgspec.Meta(ge=0)] = 0


class Outer(msgspec.Struct, forbid_unknown_fields=True):
    name: str
    inner: Inner | None = None
    items: list[Inner] = []
    words: list[str] = []

    def __post_init__(self) -> None:
        normalise(self, {"words": _lower_only})


def _lower_only(words: list[str]) -> list[str]:
    bad = [
        FieldError(f"[{i}]", "must be lower case") for i, w in enumerate(words) if w.lower() != w
    ]
    if bad:
        raise Invalid(bad)
    return words


def test_a_valid_value_has_no_errors() -> None:
    assert field_errors(Outer, {"name": "x", "items": [{"size": 1}]}) == []


@pytest.mark.parametrize(
    ("value", "fields"),
    [
        ({}, {"name"}),
        ({"name": 1, "extra": True}, {"name", "extra"}),
        ({"name": "x", "inner": {"size": -1}}, {"inner.size"}),
        (
            {"name": "x", "items": [{"size": 1}, {"size": -2}, {"bad": 1}]},
            {"items[1].size", "items[2].bad"},
        ),
        ({"name": "x", "words": ["ok", "NO"]}, {"words[1]"}),
        # The struct's own checks still run on the fields that did convert.
        ({"name": "x", "inner": {"size": -1}, "words": ["NO"]}, {"inner.size", "words[0]"}),
        ([], {""}),
    ],
)
def test_every_part_at_fault_is_named(value: object, fields: set[str]) -> None:
    assert {e.field for e in field_errors(Outer, value)} == fields


def test_messages_leave_out_the_position_they_replace() -> None:
    (error,) = field_errors(Outer, {"name": "x", "inner": {"size": -1}})
    assert error.message == "Expected `int` >= 0"
