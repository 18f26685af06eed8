"""Generated input never breaks the validators: it decodes or it is a validation error."""

import contextlib

import msgspec
from hypothesis import given, settings
from hypothesis import strategies as st

from lumen.commands import fields
from lumen.commands.photos.structs import PhotoIn, PhotoPatch
from lumen.commands.profiles.structs import ProfileIn, ProfilePatch

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=20,
)
field_names = st.sampled_from(
    [
        "display_name",
        "headline",
        "bio",
        "languages",
        "specialties",
        "location",
        "visibility",
        "discoverable",
        "nearby_opt_in",
        "links",
        "attributes",
        "title",
        "caption",
        "tags",
        "taken_at",
        "latitude",
        "longitude",
        "precision",
        "city_id",
    ]
)
bodies = st.dictionaries(field_names, json_values, max_size=8)


@settings(max_examples=300, deadline=None)
@given(body=bodies)
def test_any_json_body_decodes_or_is_a_validation_error(body: dict[str, object]) -> None:
    raw = msgspec.json.encode(body)
    for kind in (ProfileIn, ProfilePatch, PhotoIn, PhotoPatch, fields.LocationIn):
        with contextlib.suppress(msgspec.ValidationError):
            msgspec.json.decode(raw, type=kind)


@given(st.lists(st.text(max_size=60), max_size=40))
def test_tags_come_out_lower_case_unique_and_bounded_or_are_refused(raw: list[str]) -> None:
    try:
        tags = fields.tags(raw)
    except ValueError:
        return
    assert len(tags) == len(set(tags)) <= fields.MAX_TAGS
    assert all(
        t == t.lower() and t.strip() == t and 0 < len(t) <= fields.MAX_TAG_LENGTH for t in tags
    )


@given(st.lists(st.text(max_size=80), max_size=12))
def test_links_are_only_ever_http_or_https(raw: list[str]) -> None:
    try:
        links = fields.links(raw)
    except ValueError:
        return
    assert all(link.split(":", 1)[0] in {"http", "https"} for link in links)


@given(st.lists(st.text(max_size=4), max_size=12))
def test_languages_are_known_two_letter_codes_or_refused(raw: list[str]) -> None:
    try:
        codes = fields.languages(raw)
    except ValueError:
        return
    assert all(len(c) == 2 and c.islower() for c in codes)
