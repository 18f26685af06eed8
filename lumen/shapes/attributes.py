"""Role-specific profile attributes: what each role may describe, and which of those a
profile shows until its owner chooses otherwise.

The defaults are those of a comp card. A model shows what a photographer casts on
(experience, height, bust/waist/hips, hair and eye colour) and whether they work for
prints (TFP); tattoos stay private until the model makes them public. A photographer
shows everything: experience, years active, gear, the studio (a business address) and
TFP. The owner's choice is stored with the profile (`profiles.public_attributes`);
a new profile starts from its role's defaults, and an attribute added to a role later
is private for everyone until they choose to show it."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import msgspec

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
# Every attribute name of every role: what a request may list as public.
AttributeName = Literal[
    "experience",
    "height_cm",
    "measurements",
    "hair_colour",
    "eye_colour",
    "tattoos",
    "open_to_tfp",
    "years_active",
    "gear",
    "studio",
]
NAMES_BY_ROLE: dict[str, tuple[str, ...]] = {
    role: kind.__struct_fields__ for role, kind in ATTRIBUTES_BY_ROLE.items()
}
PUBLIC_BY_DEFAULT: dict[str, tuple[str, ...]] = {
    "model": (
        "experience",
        "height_cm",
        "measurements",
        "hair_colour",
        "eye_colour",
        "open_to_tfp",
    ),
    "photographer": ("experience", "years_active", "gear", "studio", "open_to_tfp"),
}


def public_part(attributes: dict[str, Any], public: list[str] | None) -> dict[str, Any]:
    """The attributes their owner shows; nothing when no choice is recorded."""
    shown = set(public or ())
    return {name: value for name, value in attributes.items() if name in shown}


def in_role_order(role: str, names: list[str]) -> list[str]:
    """`names` once each, in the order the role's attributes are declared."""
    chosen = set(names)
    return [name for name in NAMES_BY_ROLE[role] if name in chosen]
