"""Marks made in a folded copy, put back into the original text: the same words marked,
accents kept, everything else escaped."""

from __future__ import annotations

from lumen.queries.highlights import of, restored


def test_a_mark_in_folded_text_lands_on_the_accented_original() -> None:
    assert restored("<em>Zoe</em> Martin", ["Zoë Martin"]) == "<em>Zoë</em> Martin"


def test_decomposed_accents_and_expanding_letters_stay_whole() -> None:
    decomposed = "Zoe\u0308 Martin"
    assert restored("<em>Zoe</em> Martin", [decomposed]) == "<em>Zoe\u0308</em> Martin"
    assert restored("Grosse <em>Strasse</em>", ["Große Straße"]) == "Große <em>Straße</em>"


def test_the_original_is_escaped_as_the_engine_escapes_the_folded_text() -> None:
    fragment = "<em>Cafe</em> &amp; &lt;b&gt;bar&lt;/b&gt;"
    assert restored(fragment, ["Café & <b>bar</b>"]) == "<em>Café</em> &amp; &lt;b&gt;bar&lt;/b&gt;"


def test_a_passage_of_a_longer_value_and_of_one_of_several_values() -> None:
    bio = "Née à Lyon. Je photographie des mariages à Genève et à Zürich."
    fragment = "Je photographie des mariages a <em>Geneve</em> et a Zurich."
    assert (
        restored(fragment, [bio]) == "Je photographie des mariages à <em>Genève</em> et à Zürich."
    )
    assert restored("<em>Editorial</em>", ["Portrait", "Éditorial"]) == "<em>Éditorial</em>"
    assert restored("<em>Nowhere</em>", ["Portrait"]) is None


def test_a_hits_highlights_are_keyed_by_the_original_field() -> None:
    hit = {
        "_source": {"display_name": "Zoë Martin", "specialty_names": ["Éditorial"]},
        "highlight": {
            "folded.display_name": ["<em>Zoe</em> Martin"],
            "folded.specialty_names": ["<em>Editorial</em>"],
        },
    }
    assert of(hit) == {
        "display_name": ["<em>Zoë</em> Martin"],
        "specialty_names": ["<em>Éditorial</em>"],
    }
