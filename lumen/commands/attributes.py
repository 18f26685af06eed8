"""Role-specific profile attributes, validated against the owner's role."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import msgspec

from lumen.commands.errors import InvalidInput

Experience = Literal["beginner", "intermediate", "experienced", "professional"]
Centimetres = Annotated[int, msgspec.Meta(ge=30, le=250)]
ShortText = Annotated[str, msgspec.Meta(min_length=1, max_length=80)]


class Measurements(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    bust_cm: Centimetres | None = None
    waist_cm: Centimetres | None = None
    hips_cm: Centimetres | None = None


class ModelAttributes(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, omit_defaults=True):
    experience: Experience | None = None
    height_cm: Annotated[int, msgspec.Meta(ge=100, le=250)] | None = None
    measurements: Measurements | None = None
    hair_colour: ShortText | None = None
    eye_colour: ShortText | None = None
    tattoos: bool | None = None
    open_to_tfp: bool | None = None


class Studio(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    name: ShortText
    address: Annotated[str, msgspec.Meta(min_length=3, max_length=200)]


class PhotographerAttributes(
    msgspec.Struct, forbid_unknown_fields=True, kw_only=True, omit_defaults=True
):
    experience: Experience | None = None
    years_active: Annotated[int, msgspec.Meta(ge=0, le=80)] | None = None
    gear: Annotated[list[ShortText], msgspec.Meta(max_length=20)] = []
    studio: Studio | None = None
    open_to_tfp: bool | None = None


ATTRIBUTES_BY_ROLE: dict[str, type[ModelAttributes] | type[PhotographerAttributes]] = {
    "model": ModelAttributes,
    "photographer": PhotographerAttributes,
}


def validate_attributes(role: str, raw: dict[str, Any]) -> dict[str, Any]:
    """The attributes in canonical form, or 422 naming the offending field."""
    try:
        parsed = msgspec.convert(raw, ATTRIBUTES_BY_ROLE[role])
    except msgspec.ValidationError as exc:
        raise InvalidInput("attributes", f"{exc} (for a {role})") from exc
    canonical: dict[str, Any] = msgspec.to_builtins(parsed)
    return canonical


def has_studio(role: str, attributes: dict[str, Any]) -> bool:
    return role == "photographer" and bool(attributes.get("studio"))
