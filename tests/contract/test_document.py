"""What the document says beyond the framework's part: problems per operation with their
types, who needs a token, files as binary, role attributes as a union tagged by role."""

from __future__ import annotations

from typing import Any

import pytest

from lumen.app import create_app
from lumen.openapi.document import document
from tests.conftest import make_settings

DOC = document(create_app(make_settings()))


def _operation(method: str, path: str) -> dict[str, Any]:
    operation: dict[str, Any] = DOC["paths"][path][method]
    return operation


def _types(method: str, path: str, status: str) -> set[str]:
    content = _operation(method, path)["responses"][status]["content"]
    schema = content["application/problem+json"]["schema"]
    return {
        t
        for part in schema["allOf"]
        for t in part.get("properties", {}).get("type", {}).get("enum", [])
    }


def test_an_owner_route_lists_the_problems_its_guards_and_rules_answer() -> None:
    assert _types("patch", "/v1/profiles/{profile_id}", "403") == {
        "/problems/account-suspended",
        "/problems/not-owner",
        "/problems/registration-required",
    }
    assert _types("patch", "/v1/profiles/{profile_id}", "412") == {"/problems/stale-version"}
    assert "/problems/validation-error" in _types("patch", "/v1/profiles/{profile_id}", "422")
    assert _types("post", "/v1/me", "422") >= {"/problems/under-age", "/problems/validation-error"}


@pytest.mark.parametrize(
    ("method", "path", "security"),
    [
        ("post", "/v1/profiles", [{"bearerAuth": []}]),
        ("get", "/v1/search/profiles", [{}, {"bearerAuth": []}]),
        ("get", "/v1/media/{key}", None),
    ],
)
def test_routes_that_take_a_token_say_so(method: str, path: str, security: object) -> None:
    assert _operation(method, path).get("security") == security


def test_files_are_binary_and_conditional() -> None:
    download = _operation("get", "/v1/photos/{photo_id}/original")["responses"]
    assert download["200"]["content"]["image/jpeg"]["schema"]["format"] == "binary"
    assert "304" in download
    assert "ETag" in download["200"]["headers"]
    upload = _operation("put", "/v1/photos/{photo_id}/original")
    assert upload["requestBody"]["content"]["image/png"]["schema"]["format"] == "binary"


@pytest.mark.parametrize("view", ["ProfileOut", "ProfileView"])
def test_both_profile_views_are_unions_tagged_by_role(view: str) -> None:
    schemas = DOC["components"]["schemas"]
    union = schemas[view]
    assert union["discriminator"]["propertyName"] == "role"
    model = schemas[f"Model{view}"]
    assert model["properties"]["role"] == {"type": "string", "const": "model"}
    assert model["properties"]["attributes"] == {"$ref": "#/components/schemas/ModelAttributes"}
    assert model["properties"]["specialties"]["items"] == {"$ref": "#/components/schemas/Specialty"}
    assert model["properties"]["place"] == {"$ref": "#/components/schemas/Place"}
    assert "height_cm" in schemas["ModelAttributes"]["properties"]
    assert "studio" in schemas["PhotographerAttributes"]["properties"]


def test_the_owner_names_public_attributes_of_their_own_role() -> None:
    schemas = DOC["components"]["schemas"]
    chosen = schemas["ModelProfileOut"]["properties"]["public_attributes"]["items"]["enum"]
    assert "tattoos" in chosen
    assert "studio" not in chosen
    assert "public_attributes" not in schemas["ModelProfileView"]["properties"]


def test_every_operation_has_a_summary_and_most_a_description() -> None:
    operations = [op for item in DOC["paths"].values() for op in item.values()]
    assert all(op.get("summary") and op.get("operationId") for op in operations)
    described = [op for op in operations if op.get("description")]
    assert len(described) >= len(operations) - 1
