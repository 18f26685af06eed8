"""Each read model decides what it does with every event in the catalogue: handles it,
with a case that says what it asks for, or ignores it on purpose."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

import msgspec
import pytest

from lumen.events import CATALOGUE, Event, PhotoCreated
from lumen.projections.batch import asks
from lumen.projections.cities import CITIES
from lumen.projections.indices import PROJECTIONS
from lumen.projections.read_model import Document, NotProjectable, ReadModel
from lumen.projections.registry import READ_MODELS

EVERY_EVENT = frozenset(CATALOGUE.values())


def _value(info: msgspec.inspect.Type) -> Any:
    match info:
        case msgspec.inspect.IntType():
            return 1
        case msgspec.inspect.StrType():
            return "u-sample"
        case msgspec.inspect.UUIDType():
            return uuid.uuid4()
        case msgspec.inspect.ListType():
            return []
    raise TypeError(f"no sample for {info}")


def sample(kind: type[Event]) -> Event:
    info = msgspec.inspect.type_info(kind)
    assert isinstance(info, msgspec.inspect.StructType)
    return kind(**{f.name: _value(f.type) for f in info.fields if f.required})


def test_the_registry_holds_one_read_model_per_index() -> None:
    assert tuple(model.name for model in READ_MODELS) == PROJECTIONS


@pytest.mark.parametrize("model", READ_MODELS, ids=lambda model: model.name)
def test_a_read_model_handles_or_ignores_every_catalogued_event(model: ReadModel[Any]) -> None:
    undecided = EVERY_EVENT - model.handles - model.ignores
    assert not undecided, f"{model.name} neither handles nor ignores {undecided}"
    assert not model.handles & model.ignores
    assert model.handles | model.ignores == EVERY_EVENT


@pytest.mark.parametrize("model", READ_MODELS, ids=lambda model: model.name)
def test_a_read_model_has_a_case_for_every_event_it_handles(model: ReadModel[Any]) -> None:
    for kind in model.handles:
        asked = model.touched(sample(kind))
        if isinstance(asked, Document):
            assert (asked.projection, asked.tombstone) == (model.name, True), kind
        else:
            assert asked is not None, kind
            assert asked[1] is not None, kind


def test_an_event_a_read_model_has_not_decided_about_is_not_projectable() -> None:
    undecided = dataclasses.replace(CITIES, ignores=CITIES.ignores - {PhotoCreated})
    with pytest.raises(NotProjectable, match="cities neither handles nor ignores PhotoCreated"):
        asks(sample(PhotoCreated), [undecided])
