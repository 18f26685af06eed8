"""Accents folded away by Lumen itself, the same way for the documents it indexes and the
text people search with, so that "Zoë", "Zoe" and "ZOË" meet.

The engine could do this (`asciifolding`) only with a module a bare Elasticsearch node
lacks; folding here keeps every engine identical and needs nothing but the core
`standard` analyzer, which lower-cases. Like `asciifolding`, only the Latin script (and
punctuation, digits, spaces) is folded: "Łódź" becomes "Lodz", "Straße" "Strasse",
while "Москва" and "北京" stay as they are, so the standard tokenizer still splits
ideographs into the single-character words their searches match on.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from anyascii import anyascii

# Symbols are left alone: emoji would otherwise become words (":fire:"), and a currency
# sign or © is no word anyone searches for.
_KEPT_CATEGORIES = ("S",)


@lru_cache(maxsize=8192)
def _folded(char: str) -> str | None:
    """A character's ASCII form, or None when it stays as it is."""
    category = unicodedata.category(char)
    if category.startswith(_KEPT_CATEGORIES):
        return None
    if category.startswith("L") and "LATIN" not in unicodedata.name(char, ""):
        return None
    return anyascii(char)


def _pieces(text: str) -> Iterator[str]:
    """What each character of `text` folds to, one piece per character, so that a
    position in the folded text leads back to the original (see `starts`)."""
    # A combining mark goes with its letter: dropped after a folded Latin letter (a
    # decomposed "é"), kept after a letter of another script (Devanagari vowel signs).
    after_latin = False
    for char in text:
        if char.isascii():
            after_latin = char.isalpha()
            yield char
        elif unicodedata.category(char).startswith("M"):
            yield "" if after_latin else char
        elif (ascii_form := _folded(char)) is None:
            after_latin = False
            yield char
        else:
            after_latin = True
            yield ascii_form


def fold(text: str) -> str:
    return text if text.isascii() else "".join(_pieces(text))


def starts(text: str) -> list[int]:
    """Where each character of `text` starts in `fold(text)`, and its length at the end."""
    found = [0]
    for piece in _pieces(text):
        found.append(found[-1] + len(piece))
    return found


def fold_keyword(value: str) -> str:
    """A facet value as matched and counted: folded and lower-cased, so "Café" and "cafe"
    are one value."""
    return fold(value).lower()
