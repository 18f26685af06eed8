"""Highlights: the engine marks the words a search matched in the folded copies (where
"zoe" meets "Zoë"), and each marked passage is put back into the original text, accents
and all, before it is served.

The highlight query is the user's words as typed, folded: a word matched only through a
typo is found but not marked. Marking typos means fuzzy automata built per hit and field,
which on Elasticsearch 9 made highlighting cost twice the search for one edit and
fifteen times for two (the query's own allowance), against a few per cent for exact words.
"""

from __future__ import annotations

import bisect
import html
import itertools
import re
from typing import Any

from lumen.folding import fold, starts

PREFIX = "folded."
_MARK = re.compile(r"(</?em>)")


def request(words: list[str], fields: tuple[str, ...]) -> dict[str, Any]:
    """The `highlight` part of a search: `fields` are the original fields' names."""
    typed = " ".join(words)
    marked = [{"match": {PREFIX + f: {"query": typed}}} for f in fields]
    return {
        # The text is escaped, so the only markup in a fragment is ours.
        "encoder": "html",
        "pre_tags": ["<em>"],
        "post_tags": ["</em>"],
        "highlight_query": {"bool": {"should": marked}},
        "fields": {PREFIX + f: {"number_of_fragments": 1, "fragment_size": 160} for f in fields},
    }


def _plain(fragment: str) -> tuple[str, list[tuple[int, int]]]:
    """A fragment's text, unescaped, and where its marks are in it."""
    text: list[str] = []
    marks: list[tuple[int, int]] = []
    size, opened = 0, 0
    for part in _MARK.split(fragment):
        if part == "<em>":
            opened = size
        elif part == "</em>":
            marks.append((opened, size))
        else:
            piece = html.unescape(part)
            text.append(piece)
            size += len(piece)
    return "".join(text), marks


def _back(offsets: list[int], position: int, *, end: bool) -> int:
    """The original character a folded position falls in; an end takes along the
    characters after it that fold to nothing (a decomposed accent)."""
    if not end:
        return bisect.bisect_right(offsets, position) - 1
    index = bisect.bisect_left(offsets, position)
    while index < len(offsets) - 1 and offsets[index + 1] == offsets[index]:
        index += 1
    return index


def restored(fragment: str, originals: list[str]) -> str | None:
    """The passage `fragment` marks in a folded value, from the original value it was
    folded from, escaped and marked the same way; None if none of `originals` has it."""
    plain, marks = _plain(fragment)
    for original in originals:
        at = fold(original).find(plain)
        if at < 0:
            continue
        offsets = starts(original)
        cuts = [_back(offsets, at, end=False)]
        for begin, finish in marks:
            cuts += [_back(offsets, at + begin, end=False), _back(offsets, at + finish, end=True)]
        cuts.append(_back(offsets, at + len(plain), end=True))
        pieces = [html.escape(original[a:b]) for a, b in itertools.pairwise(cuts)]
        # Text and marked text alternate: text, <em>mark</em>, text, … text.
        return "".join(p if i % 2 == 0 else f"<em>{p}</em>" for i, p in enumerate(pieces))
    return None


def of(hit: dict[str, Any]) -> dict[str, list[str]]:
    """A hit's highlights, keyed by the original field and in the original text."""
    source = hit.get("_source", {})
    found: dict[str, list[str]] = {}
    for field, fragments in hit.get("highlight", {}).items():
        name = field.removeprefix(PREFIX)
        value = source.get(name)
        originals = value if isinstance(value, list) else [value] if isinstance(value, str) else []
        shown = [r for f in fragments if (r := restored(f, originals)) is not None]
        if shown:
            found[name] = shown
    return found
