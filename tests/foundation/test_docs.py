"""The README and docs/ keep up with the code: the README stays short and opens with the
two commands, docs/settings.md names every setting's variable and no variable Lumen does
not read, and every relative link leads to a file (and a heading) that exists."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest

from lumen.settings import ENV_NAMES, Settings

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
SETTINGS_PAGE = ROOT / "docs" / "settings.md"
PAGES = [README, *sorted((ROOT / "docs").glob("*.md"))]
MAX_README_LINES = 120
# Read by libraries themselves (the Firebase SDK's Google credentials, prometheus-client,
# the OTLP exporter and the OpenTelemetry SDK), not by lumen/settings.py.
LIBRARY_VARIABLES = frozenset(
    {
        "GOOGLE_APPLICATION_CREDENTIALS",
        "PROMETHEUS_MULTIPROC_DIR",
        "OTEL_EXPORTER_OTLP_HEADERS",
        "OTEL_EXPORTER_OTLP_TIMEOUT",
        "OTEL_EXPORTER_OTLP_CERTIFICATE",
        "OTEL_EXPORTER_OTLP_COMPRESSION",
        "OTEL_RESOURCE_ATTRIBUTES",
    }
)

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_CODE_SPAN = re.compile(r"`([^`]*)`")
_LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_VARIABLE = re.compile(r"`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)`")
_TABLE_VARIABLE = re.compile(r"^\|\s*`([A-Z][A-Z0-9_]+)`\s*\|")


def _prose(text: str) -> Iterator[str]:
    """The lines outside fenced code blocks."""
    fenced = False
    for line in text.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            yield line


def _fenced_blocks(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each fenced block's first line number and its lines."""
    block: list[str] | None = None
    start = 0
    for number, line in enumerate(text.splitlines()):
        if _FENCE.match(line):
            if block is None:
                block, start = [], number
            else:
                yield start, block
                block = None
        elif block is not None:
            block.append(line)


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: its text, lower case, punctuation dropped,
    spaces as hyphens."""
    text = _CODE_SPAN.sub(r"\1", heading)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


def anchors(page: Path) -> set[str]:
    seen: dict[str, int] = {}
    for line in _prose(page.read_text()):
        if match := _HEADING.match(line):
            base = slug(match.group(2))
            count = seen.get(base, 0)
            seen[base] = count + 1
            if count:
                seen[f"{base}-{count}"] = 1
    return set(seen)


def relative_links(page: Path) -> Iterator[str]:
    for line in _prose(page.read_text()):
        for target in _LINK.findall(_CODE_SPAN.sub("", line)):
            if not re.match(r"^[a-z][a-z0-9+.-]*:", target):
                yield target


def test_the_readme_is_short() -> None:
    lines = README.read_text().splitlines()
    assert len(lines) <= MAX_README_LINES, f"README.md has {len(lines)} lines"


def test_the_readme_opens_with_the_two_commands() -> None:
    text = README.read_text()
    start, first_block = next(_fenced_blocks(text))
    before = text.splitlines()[:start]
    assert [line.strip() for line in first_block if line.strip()] == ["make run", "make test"]
    assert not [line for line in before if line.startswith("## ")], "a section comes first"


def test_every_setting_has_a_variable() -> None:
    assert set(ENV_NAMES.values()) == set(Settings.__struct_fields__)


def test_the_settings_page_lists_every_variable() -> None:
    listed = {
        match.group(1)
        for line in _prose(SETTINGS_PAGE.read_text())
        if (match := _TABLE_VARIABLE.match(line))
    }
    assert sorted(set(ENV_NAMES) - listed) == []


def test_the_settings_page_names_no_variable_lumen_does_not_read() -> None:
    named = set(_VARIABLE.findall(SETTINGS_PAGE.read_text()))
    assert sorted(named - set(ENV_NAMES) - LIBRARY_VARIABLES) == []


def leads_somewhere(page: Path, target: str) -> bool:
    path, _, anchor = target.partition("#")
    linked = (page.parent / unquote(path)).resolve() if path else page
    if not linked.exists():
        return False
    return not anchor or (linked.suffix == ".md" and anchor in anchors(linked))


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.relative_to(ROOT).as_posix())
def test_relative_links_lead_to_files_and_headings_that_exist(page: Path) -> None:
    broken = [target for target in relative_links(page) if not leads_somewhere(page, target)]
    assert broken == []
