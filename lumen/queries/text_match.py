"""Free text as a `multi_match`: analysed like the documents (accents and case folded),
forgiving typos, never parsed as query syntax."""

from __future__ import annotations

from typing import Any

PROFILE_FIELDS = (
    "display_name^3",
    "headline^2",
    "specialty_names^2",
    "city_name^2",
    "studio_name",
    "bio",
)
PHOTO_FIELDS = ("title^3", "tags.text^2", "caption", "owner_name^2", "city_name")
PROFILE_HIGHLIGHTS = ("display_name", "headline", "bio", "specialty_names")
PHOTO_HIGHLIGHTS = ("title", "caption")


def matching(q: str, fields: tuple[str, ...]) -> dict[str, Any]:
    return {
        "multi_match": {
            "query": q,
            "fields": list(fields),
            # Each word counts wherever it is found: the name, the city, the specialty…
            "type": "most_fields",
            "operator": "or",
            "fuzziness": "AUTO",
            # A first letter right keeps the fuzzy expansion small and on target.
            "prefix_length": 1,
            "max_expansions": 50,
        }
    }


def highlight(fields: tuple[str, ...]) -> dict[str, Any]:
    return {
        # The text is escaped, so the only markup in a fragment is ours.
        "encoder": "html",
        "pre_tags": ["<em>"],
        "post_tags": ["</em>"],
        "fields": {field: {"number_of_fragments": 1, "fragment_size": 160} for field in fields},
    }
