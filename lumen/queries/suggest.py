"""`GET /v1/suggest`: as-you-type names, cities, tags and specialties in one multi-search
over the folded fields' indexed prefixes, each kept only when a word of it starts with
what was typed."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

import msgspec
from litestar import Controller, get
from litestar.params import Parameter

from lumen.folding import fold
from lumen.http import Req, Res, raises
from lumen.queries import audience, inputs, results
from lumen.queries.results import SearchUnavailable
from lumen.shapes import examples

Typed = Annotated[str, Parameter(min_length=1, max_length=inputs.MAX_SUGGEST_LENGTH)]
PER_KIND = 5
# Enough candidates to still have PER_KIND after keeping only the prefix matches.
CANDIDATES = 30


class Suggestion(msgspec.Struct, frozen=True, kw_only=True):
    kind: str  # profile, city, tag or specialty
    text: str
    id: str | None = None
    detail: str | None = None


class Suggestions(msgspec.Struct, frozen=True):
    items: list[Suggestion]

    example: ClassVar[dict[str, Any]] = {
        "items": [
            {
                "kind": "profile",
                "text": "Mia Laurent",
                "id": examples.PROFILE["id"],
                "detail": "model",
            },
            {"kind": "city", "text": "Paris", "id": "2988507", "detail": "France"},
            {"kind": "specialty", "text": "Fashion", "id": "fashion", "detail": None},
        ]
    }


def folded(text: str) -> str:
    """As the folded fields hold it, lower-cased as the engine does: for checking candidates."""
    return fold(text).casefold()


def _typed(field: str, q: str) -> dict[str, Any]:
    # Every word typed must start a word of the field: "par" finds Paris, "new yo" New York.
    # Each typed word is a prefix query (a word the analyzer splits further, "golden-h",
    # ends on one), answered from the field's indexed prefixes.
    starts = [{"match_bool_prefix": {field: word}} for word in fold(q).split()]
    return {"bool": {"must": starts}}


def requests(q: str) -> list[tuple[str, dict[str, Any]]]:
    listed = audience.listed_profiles()
    return [
        (
            "profiles",
            {
                "size": PER_KIND,
                "query": {"bool": {"must": [_typed("folded.display_name", q)], "filter": listed}},
                "_source": ["id", "display_name", "role"],
            },
        ),
        (
            "cities",
            {
                "size": PER_KIND,
                "query": {
                    "function_score": {
                        "query": {
                            "bool": {
                                "should": [
                                    _typed("folded.name", q),
                                    _typed("folded.ascii_name", q),
                                ],
                                "minimum_should_match": 1,
                                "filter": [audience.LIVE],
                            }
                        },
                        "field_value_factor": {
                            "field": "population",
                            "modifier": "log1p",
                            "missing": 0,
                        },
                    }
                },
                "_source": ["id", "name", "country_code", "country_name"],
            },
        ),
        (
            "photos",
            {
                "size": 0,
                "query": {
                    "bool": {
                        "must": [_typed("folded.tags.text", q)],
                        "filter": [audience.LIVE, audience.PUBLIC],
                    }
                },
                "aggs": {"tags": {"terms": {"field": "folded.tags", "size": CANDIDATES}}},
            },
        ),
        (
            "profiles",
            {
                "size": CANDIDATES,
                "query": {
                    "bool": {"must": [_typed("folded.specialty_names", q)], "filter": listed}
                },
                "_source": ["specialties", "specialty_names"],
            },
        ),
    ]


def starts_a_word(typed: str, text: str) -> bool:
    candidate = folded(text)
    words = candidate.split()
    return candidate.startswith(typed) or any(w.startswith(typed) for w in words)


def suggestions(q: str, responses: list[dict[str, Any]]) -> list[Suggestion]:
    names, cities, tags, specialties = responses
    typed = folded(q).strip()
    found = _named(names, "profile", "display_name", "role")
    found += _named(cities, "city", "name", "country_name")
    tag_names = [b["key"] for b in tags.get("aggregations", {}).get("tags", {}).get("buckets", [])]
    found += [Suggestion(kind="tag", text=t) for t in tag_names if starts_a_word(typed, t)][
        :PER_KIND
    ]
    found += _specialties(typed, specialties["hits"]["hits"])
    return found


def _named(response: dict[str, Any], kind: str, name: str, detail: str) -> list[Suggestion]:
    return [
        Suggestion(kind=kind, text=s[name], id=s["id"], detail=s.get(detail))
        for s in (hit["_source"] for hit in response["hits"]["hits"])
    ]


def _specialties(typed: str, hits: list[dict[str, Any]]) -> list[Suggestion]:
    seen: dict[str, str] = {}
    for hit in hits:
        source = hit["_source"]
        for slug, name in zip(
            source.get("specialties") or [], source.get("specialty_names") or [], strict=False
        ):
            if slug not in seen and starts_a_word(typed, name):
                seen[slug] = name
    return [Suggestion(kind="specialty", text=name, id=slug) for slug, name in seen.items()][
        :PER_KIND
    ]


class SuggestController(Controller):
    path = "/v1"
    tags = ["search"]  # noqa: RUF012 - Litestar reads it as a class attribute
    opt = raises(SearchUnavailable)

    @get("/suggest", operation_id="suggest", summary="Suggest as the user types")
    async def suggest(self, request: Req, resources: Res, q: Typed) -> Suggestions:
        """As-you-type names, cities, tags and specialties for what was typed so far."""
        typed = q.strip()
        if not typed:
            raise inputs.invalid("q", "type at least one letter")

        async def produce() -> Suggestions:
            responses = await results.multi_search(resources, requests(typed))
            return Suggestions(suggestions(typed, responses))

        return await results.cached(request, resources, Suggestions, produce)
