"""Role-specific profile attributes (lumen.shapes.attributes), validated against the
owner's role, and the owner's choice of which of them others see."""

from __future__ import annotations

from typing import Any

import msgspec

from lumen.commands.errors import InvalidInput
from lumen.shapes.attributes import (
    ATTRIBUTES_BY_ROLE,
    NAMES_BY_ROLE,
    PUBLIC_BY_DEFAULT,
    in_role_order,
)
from lumen.validation import FieldError, Invalid, convert_all


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


def public_attributes(role: str, names: list[str] | None) -> list[str]:
    """The names as stored, in the role's order; None is the role's defaults."""
    if names is None:
        return list(PUBLIC_BY_DEFAULT[role])
    errors = [
        FieldError(f"public_attributes[{i}]", f"not an attribute of a {role}")
        for i, name in enumerate(names)
        if name not in NAMES_BY_ROLE[role]
    ]
    if errors:
        raise InvalidInput(errors)
    return in_role_order(role, names)


def has_studio(role: str, attributes: dict[str, Any]) -> bool:
    return role == "photographer" and bool(attributes.get("studio"))
