"""PM307: placeholder text left in a report under review or published."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from pm_pipeline.language.vagueness import judge_action
from pm_pipeline.rules.base import Context, Document, Hit, Rule, document_strings, source_text
from pm_pipeline.sourcemap import JsonPath

PLACEHOLDER = re.compile(r"(?<![\w-])(?:TODO|TBD|FIXME|XXX)(?![a-z])|(?<![\w-])todo(?![\w])", re.IGNORECASE)
"""TODO, TBD, FIXME and XXX as words (also `TODO-service`, the skeleton's markers), in any case."""
_REVIEWED = ("in-review", "published")


class PlaceholderText(Rule):
    """A report under review or published still holds placeholder text (`TODO`, `TBD`, `FIXME`).

    `pm-pipeline new` writes a skeleton full of `TODO` markers (`summary: TODO: ...`,
    `services: [TODO-service]`, `category: todo`); they are expected in a draft and
    reported once the status is `in-review` or `published`. Every text value is
    searched, ids included; an action item's `owner` is PM202's, and a vague action
    that PM201 already reports is not reported twice.

    ## Why it matters
    Reviewers and readers take a published report as finished: a `TODO` in the
    root cause or a `TODO-service` in the indexes is a question nobody answered.

    ## Example
    ```yaml
    status: in-review
    incident:
      services: [TODO-service]
    root_cause: >
      TODO: the technical cause.
    ```

    ## Use instead
    Fill in the value, or set `status: draft` until it is known; a gap in the
    data belongs in `data_gaps`.
    """

    code = "PM307"
    name = "placeholder-text"
    needs = (("status",),)

    def check(self, doc: Document, options: Mapping[str, Any], context: Context) -> Iterator[Hit]:
        if doc.data.get("status") not in _REVIEWED:
            return
        source = source_text(doc)
        if "\\" not in source and not _may_hold_a_marker(source):
            return  # no marker anywhere in the file, and no escape that could spell one
        yield from _scan(document_strings(doc))


def _reported_elsewhere(path: JsonPath, text: str) -> bool:
    if len(path) != 3 or path[0] != "action_items":
        return False
    return path[2] == "owner" or (path[2] == "action" and judge_action(text) is not None)


_MARKERS = ("todo", "tbd", "fixme", "xxx")


def _may_hold_a_marker(text: str) -> bool:
    """False only when ``text`` surely holds no marker: ASCII text without any of them (checked in C)."""
    if not text.isascii():
        return True  # case folding beyond ASCII: let the regex decide
    lowered = text.lower()
    return any(marker in lowered for marker in _MARKERS)


def _scan(texts: list[tuple[JsonPath, str]]) -> Iterator[Hit]:
    for path, text in texts:
        found = PLACEHOLDER.search(text) if _may_hold_a_marker(text) else None
        if found and not _reported_elsewhere(path, text):
            yield Hit(
                path,
                f"placeholder `{found.group()}` in a report that is no longer a draft; "
                "fill it in, or set `status: draft` until it is known",
                offset=found.start(),
            )
