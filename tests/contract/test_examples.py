"""Every JSON request body and success answer of every operation shows an example, and
each example is what it illustrates: it decodes with msgspec into the handler's own
struct, and it validates against the document's schema for it (which is what clients
read: the role-tagged unions included)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import jsonschema_rs
import msgspec
import pytest
from litestar.routes import HTTPRoute

from lumen.app import create_app
from lumen.openapi.document import UNDOCUMENTED_PREFIX, document
from lumen.openapi.examples import JSON, answer_type, body_type
from lumen.shapes.attributes import ATTRIBUTES_BY_ROLE
from tests.conftest import make_settings

APP = create_app(make_settings())
DOC = document(APP)


def _media() -> Iterator[tuple[str, dict[str, Any], Any]]:
    """(where, media type object, the struct it carries) for each JSON body and success."""
    for route in APP.routes:
        if not isinstance(route, HTTPRoute) or route.path.startswith(UNDOCUMENTED_PREFIX):
            continue
        for method, (handler, _) in route.route_handler_map.items():
            operation = DOC["paths"].get(route.path_format, {}).get(method.lower())
            if operation is None:
                continue
            where = f"{method} {route.path_format}"
            body = operation.get("requestBody", {}).get("content", {}).get(JSON)
            if body is not None:
                yield f"{where} body", body, body_type(handler)
            for status, response in operation["responses"].items():
                media = response.get("content", {}).get(JSON)
                if int(status) < 300 and media is not None:
                    yield f"{where} {status}", media, answer_type(handler)


MEDIA = sorted(_media(), key=lambda found: found[0])
IDS = [where for where, _, _ in MEDIA]


def test_the_operations_have_json_bodies_and_answers_to_check() -> None:
    assert len(MEDIA) > 30
    assert sum(where.endswith("body") for where in IDS) >= 10


@pytest.mark.parametrize(("where", "media", "kind"), MEDIA, ids=IDS)
def test_each_has_an_example_that_decodes_into_its_struct(
    where: str, media: dict[str, Any], kind: Any
) -> None:
    assert "example" in media, f"{where}: no example (declare `example` on {kind})"
    example = media["example"]
    msgspec.json.decode(msgspec.json.encode(example), type=kind)
    # The role's attributes are a JSON object in the struct: decode them as the role's.
    if isinstance(example, dict) and {"role", "attributes"} <= example.keys():
        msgspec.convert(example["attributes"], ATTRIBUTES_BY_ROLE[example["role"]])


@pytest.mark.parametrize(("where", "media", "kind"), MEDIA, ids=IDS)
def test_each_example_validates_against_the_documents_schema(
    where: str, media: dict[str, Any], kind: Any
) -> None:
    schema = {**media["schema"], "components": DOC["components"]}
    validator = jsonschema_rs.Draft202012Validator(schema)
    errors = [f"{e.instance_path}: {e.message}" for e in validator.iter_errors(media["example"])]
    assert errors == [], f"{where}: {errors}"
