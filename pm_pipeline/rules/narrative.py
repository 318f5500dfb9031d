"""The narrative text of a post-mortem: every field people write prose in, by JSON path.

Handles (`authors`, `reviewers`, `owner`, `sponsor`), timeline `actor`s, ids, links,
labels and categories are not narrative: naming who did something is not blame. Evidence
descriptions and an item's `evidence` point at sources rather than tell the story, so they
are left out too.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pm_pipeline.sourcemap import JsonPath

_TOP_STRINGS = ("title", "summary", "root_cause")
_TOP_LISTS = ("data_gaps", "what_went_well", "what_went_wrong", "where_we_got_lucky", "lessons_learned")
_FACTOR_LISTS = ("immediate_causes", "systemic_issues", "five_whys")


def narrative_fields(data: dict[str, Any]) -> Iterator[tuple[JsonPath, str]]:
    """(path, text) for every narrative string of schema-valid post-mortem data, in file order of fields."""
    for key in _TOP_STRINGS:
        yield (key,), data[key]
    description = data["impact"].get("description")
    if description:
        yield ("impact", "description"), description
    for index, event in enumerate(data["timeline"]):
        yield ("timeline", index, "event"), event["event"]
    factors = data["contributing_factors"]
    for key in _FACTOR_LISTS:
        for index, text in enumerate(factors.get(key, ())):
            yield ("contributing_factors", key, index), text
    for index, factor in enumerate(factors["factors"]):
        yield ("contributing_factors", "factors", index, "description"), factor["description"]
    for index, item in enumerate(data["action_items"]):
        yield ("action_items", index, "action"), item["action"]
        if item.get("reason"):
            yield ("action_items", index, "reason"), item["reason"]
    for key in _TOP_LISTS:
        for index, text in enumerate(data.get(key, ())):
            yield (key, index), text
    notes = data["follow_up_review"].get("notes")
    if notes:
        yield ("follow_up_review", "notes"), notes
