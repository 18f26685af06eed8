"""Role-specific profile attributes, validated against the owner's role."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import msgspec

from lumen.commands.errors import InvalidInput
from lumen.validation import FieldError, Invalid, convert_all

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
    """The attributes in canonical form; InvalidInput names every field at fault."""
    try:
        parsed = convert_all(raw, ATTRIBUTES_BY_ROLE[role], path="attributes")
    except Invalid as exc:
        raise InvalidInput([_for_role(e, role) for e in exc.errors]) from None
    canonical: dict[str, Any] = msgspec.to_builtins(parsed)
    return canonical


def _for_role(error: FieldError, role: str) -> FieldError:
    if error.message == "unknown field":
        return FieldError(error.field, f"not an attribute of a {role}")
    return error


def has_studio(role: str, attributes: dict[str, Any]) -> bool:
    return role == "photographer" and bool(attributes.get("studio"))
