"""Role attributes in the document: what `attributes` holds for each role, generated
from the structs that validate them (`lumen.shapes.attributes`).

A profile's `role` says which: both views are unions tagged by `role` (a model's profile
carries a model's attributes, and in the owner's view names a model's attributes as
public), and a request body's `attributes` are those of the caller's role, one schema or
the other. The code keeps them as JSON objects."""

from __future__ import annotations

import copy
from typing import Any

import msgspec

from lumen.shapes.attributes import ATTRIBUTES_BY_ROLE, NAMES_BY_ROLE

SCHEMAS = "#/components/schemas/{name}"
TAGGED = ("ProfileOut", "ProfileView")  # responses: a union tagged by `role`
SENT = ("ProfileIn", "ProfilePatch")  # request bodies: the caller's role's attributes


def _ref(name: str) -> dict[str, str]:
    return {"$ref": SCHEMAS.format(name=name)}


def describe(schemas: dict[str, Any]) -> None:
    """Rewrites the profile schemas in place, adding the attribute schemas."""
    _, generated = msgspec.json.schema_components(
        list(ATTRIBUTES_BY_ROLE.values()), ref_template=SCHEMAS
    )
    schemas.update(generated)
    by_role = {role: kind.__name__ for role, kind in ATTRIBUTES_BY_ROLE.items()}
    either = {"anyOf": [_ref(name) for name in by_role.values()]}
    for name in SENT:
        if name in schemas:
            schemas[name]["properties"]["attributes"] = {
                **either,
                "description": "The attributes of the caller's role (a model's or a "
                "photographer's); an unknown attribute is refused.",
            }
    for name in TAGGED:
        if name not in schemas:
            continue
        base = schemas.pop(name)
        variants = {}
        for role, attributes in by_role.items():
            variant = copy.deepcopy(base)
            variant["title"] = f"{role.title()}{name}"
            variant["properties"]["role"] = {"type": "string", "const": role}
            variant["properties"]["attributes"] = _ref(attributes)
            if "public_attributes" in variant["properties"]:
                names = {"type": "string", "enum": list(NAMES_BY_ROLE[role])}
                variant["properties"]["public_attributes"]["items"] = names
            schemas[variant["title"]] = variant
            variants[role] = SCHEMAS.format(name=variant["title"])
        schemas[name] = {
            "oneOf": [{"$ref": ref} for ref in variants.values()],
            "discriminator": {"propertyName": "role", "mapping": variants},
        }
