"""PM014: text that reads differently from what is published."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from pm_pipeline.rules.base import Context, Document, Hit, Rule, document_strings, source_text
from pm_pipeline.sourcemap import JsonPath

BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class BidiControl(Rule):
    """A text value holds a bidirectional control character (U+202E and friends).

    These invisible characters reorder the text around them: a title, an action
    or a handle can read one way in the pull request and another on the site
    and in the issue.

    ## Why it matters
    The review is only worth something if reviewers read what is published.

    ## Example
    ```yaml
    action: "Rotate the key \\u202eyadnom no"
    ```

    ## Use instead
    Delete the character (`pm-pipeline check` names its line and column); write
    right-to-left text without control characters.
    """

    code = "PM014"
    needs = ()
    name = "bidi-control"

    def check(self, doc: Document, options: Mapping[str, Any], context: Context) -> Iterator[Hit]:
        source = source_text(doc)
        if source.isascii() and "\\u" not in source and "\\U" not in source:
            return  # the controls are outside ASCII: no byte of them, and no escape that could spell one
        yield from _scan(document_strings(doc))


def _scan(texts: list[tuple[JsonPath, str]]) -> Iterator[Hit]:
    for path, text in texts:
        found = None if text.isascii() else BIDI.search(text)  # the controls are all outside ASCII
        if found:
            yield Hit(
                path,
                f"invisible bidirectional control character U+{ord(found.group()):04X}: it makes the text read "
                "differently from what is published; delete it",
                offset=found.start(),
            )
