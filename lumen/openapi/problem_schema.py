"""The one shape of every error body, as a schema, and a problem response per status
listing the `type`s an operation can answer with."""

from __future__ import annotations

from typing import Any

import msgspec
from msgspec import UNSET, UnsetType

from lumen.errors import Problem
from lumen.openapi.headers import REQUEST_ID, RETRY_AFTER, rate_limited
from lumen.problems import PROBLEM_MEDIA_TYPE, problem_type
from lumen.validation import FieldError

REF = "#/components/schemas/{name}"


class ProblemDetails(msgspec.Struct, kw_only=True):
    """An RFC 9457 problem: what every error answers, as `application/problem+json`."""

    type: str
    title: str
    status: int
    instance: str
    detail: str | UnsetType = UNSET
    # Validation problems: every field at fault, named by its path in the body.
    errors: list[FieldError] | UnsetType = UNSET


def components() -> dict[str, Any]:
    _, schemas = msgspec.json.schema_components([ProblemDetails], ref_template=REF)
    return schemas


def _example(problem: Problem) -> dict[str, Any]:
    value: dict[str, Any] = {
        "type": problem_type(problem.slug),
        "title": problem.title,
        "status": problem.status,
        "instance": "/v1/…",
    }
    if problem.slug == "validation-error":
        value["errors"] = [{"field": "links[1]", "message": "must be an absolute http(s) URL"}]
    return {"summary": problem.title, "value": value}


def response(status: int, problems: list[Problem]) -> dict[str, Any]:
    """The response for one status: the problem schema, its types, an example of each."""
    types = sorted({problem_type(p.slug) for p in problems})
    schema = {
        "allOf": [
            {"$ref": REF.format(name="ProblemDetails")},
            {"properties": {"type": {"enum": types}, "status": {"const": status}}},
        ]
    }
    headers: dict[str, Any] = {"x-request-id": REQUEST_ID}
    if status == 429:
        headers["Retry-After"] = RETRY_AFTER
        headers.update(rate_limited())
    distinct = {p.slug: p for p in problems}
    return {
        "description": "; ".join(f"`{problem_type(p.slug)}`: {p.title}" for p in distinct.values()),
        "headers": headers,
        "content": {
            PROBLEM_MEDIA_TYPE: {
                "schema": schema,
                "examples": {slug: _example(p) for slug, p in distinct.items()},
            }
        },
    }
