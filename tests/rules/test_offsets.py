"""Findings inside multi-line plain and quoted strings land on the character they are about."""

from __future__ import annotations

import pytest

from pm_pipeline.loader import load_yaml
from tests.rules.rulekit import BASE, check_text, edit, line_of

DOCUMENTS = [
    "summary: For 30 minutes the public API\n  returned 5xx errors, and\n\n  @bob caused  the outage.\nnext: 1\n",
    "summary: 'Quoted text that\n    goes on over\n    three lines.'\n",
    'summary: "Double quoted\n  across lines\n\n\n  with blank ones."\n',
    "items:\n  - first line of a list item\n    continued here\n  - second\n",
]


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_character_maps_back_to_itself(document: str) -> None:
    loaded = load_yaml("f.yaml", document.encode())
    lines = document.splitlines()
    path = ("summary",) if "summary" in loaded.data else ("items", 0)
    value = loaded.data[path[0]] if len(path) == 1 else loaded.data["items"][0]
    for offset, char in enumerate(value):
        if char.isspace():
            continue
        line, column = loaded.source.offset_at(path, offset)
        assert lines[line - 1][column - 1] == char, (offset, char, line, column)


def test_escapes_keep_the_start_of_the_value() -> None:
    loaded = load_yaml("f.yaml", b'summary: "tab\\there\n  and more"\n')
    assert loaded.source.offset_at(("summary",), 12) == (1, 10)


def test_blame_in_a_plain_multi_line_summary_lands_on_its_line() -> None:
    text = edit(BASE, ("summary: >\n  For 30 minutes the public API returned 5xx errors to about 2,000 customers.\n",
                       "summary: For 30 minutes the public API returned 5xx errors to about 2,000 customers.\n"
                       "  Then @bob caused the outage again.\n"))
    [finding] = check_text(text)
    assert (finding.code, finding.line) == ("PM101", line_of(text, "@bob caused"))
    assert text.splitlines()[finding.line - 1][finding.column - 1:].startswith("@bob")
