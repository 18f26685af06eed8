"""Folding as documents and queries both go through it: accents away on the Latin script,
other scripts as they are, so the standard analyzer still splits them as before."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lumen.folding import fold, fold_keyword


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Zoë", "Zoe"),
        ("ZOË", "ZOE"),
        ("Łódź", "Lodz"),
        ("Straße", "Strasse"),
        ("Ærøskøbing", "Aeroskobing"),
        ("São Paulo", "Sao Paulo"),
        ("e\u0301te\u0301", "ete"),  # decomposed accents, as some keyboards send them
        ("İstanbul", "Istanbul"),
        ("“quoted” — dash", '"quoted" - dash'),
    ],
)
def test_latin_letters_lose_their_accents(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize("text", ["Москва", "北京", "東京都", "Αθήνα", "हिन्दी", "🔥 €"])
def test_other_scripts_and_symbols_stay_as_they_are(text: str) -> None:
    assert fold(text) == text


def test_a_mixed_text_folds_only_its_latin_part() -> None:
    assert fold("Zoë à Москва") == "Zoe a Москва"


def test_a_facet_value_is_folded_and_lower_cased() -> None:
    assert fold_keyword("Café") == fold_keyword("cafe") == "cafe"


@given(st.text(alphabet=st.characters(max_codepoint=0x7F)))
def test_ascii_is_left_alone(text: str) -> None:
    assert fold(text) == text


@given(st.text())
def test_folding_twice_changes_nothing_more(text: str) -> None:
    assert fold(fold(text)) == fold(text)
