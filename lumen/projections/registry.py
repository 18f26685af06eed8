"""Every read model the projector keeps current, in the order of indices.PROJECTIONS."""

from __future__ import annotations

from typing import Any

from lumen.projections.cities import CITIES
from lumen.projections.following import FOLLOWING
from lumen.projections.photos import PHOTOS
from lumen.projections.profiles import PROFILES
from lumen.projections.read_model import ReadModel

READ_MODELS: tuple[ReadModel[Any], ...] = (PROFILES, PHOTOS, CITIES, FOLLOWING)
_BY_NAME = {model.name: model for model in READ_MODELS}


def read_model(name: str) -> ReadModel[Any]:
    return _BY_NAME[name]
