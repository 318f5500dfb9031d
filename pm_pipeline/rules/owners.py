"""PM202, PM203: an action item needs one accountable person as its owner."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pm_pipeline.findings import Level
from pm_pipeline.rules.base import Context, Document, Hit, Rule
from pm_pipeline.rules.options import option


@lru_cache(maxsize=8)
def _normalised(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(word.lower().lstrip("@") for word in words)


PLACEHOLDERS = (
    "tbd",
    "tba",
    "todo",
    "none",
    "nobody",
    "noone",
    "unassigned",
    "unknown",
    "someone",
    "anyone",
    "team",
    "everyone",
    "na",
    "n-a",
    "tbc",
)


@dataclass(frozen=True)
class PlaceholderOptions:
    placeholders: tuple[str, ...] = option(
        PLACEHOLDERS, "Owner values that name nobody, compared without @ and case-insensitively."
    )


class PlaceholderOwner(Rule):
    """An action item's owner is a placeholder such as `TBD`, `nobody` or `team`, not a GitHub handle.

    The schema accepts a bare handle (`alice`) because an unquoted `@` is a YAML
    error; that also lets `owner: TBD` through. This rule catches the
    placeholders (compared without the `@` and case-insensitively).

    ## Why it matters
    An item without an owner is an item nobody works on. The issue sync assigns
    the issue to the owner, and the overdue job mentions them; a placeholder
    reaches nobody.

    ## Example
    ```yaml
    owner: TBD
    ```

    ## Use instead
    ```yaml
    owner: "@maria-lopez"
    ```
    """

    code = "PM202"
    needs = ()
    name = "placeholder-owner"
    Options = PlaceholderOptions

    def check(self, doc: Document, options: PlaceholderOptions, context: Context) -> Iterator[Hit]:
        placeholders = _normalised(options.placeholders)
        for index, item in enumerate(doc.data["action_items"]):
            owner = item["owner"]
            if owner.lstrip("@").lower() in placeholders:
                yield Hit(
                    ("action_items", index, "owner"),
                    f"owner `{owner}` is a placeholder; name the one person accountable "
                    f'for {item["id"]} as a GitHub handle ("@alice")',
                )


class TeamOwner(Rule):
    """An action item's owner is a team handle (`@org/team`) rather than one person.

    ## Why it matters
    "Everyone owns it" means nobody does: a team handle cannot be assigned a
    GitHub issue, and overdue reminders to a whole team are easy to ignore. A team
    can still do the work; one person answers for it.

    ## Example
    ```yaml
    owner: "@acme/sre"
    ```

    ## Use instead
    ```yaml
    owner: "@priya-sre"
    labels: [team-sre]
    ```
    """

    code = "PM203"
    needs = ()
    name = "team-owner"
    level = Level.WARNING

    def check(self, doc: Document, options: Mapping[str, Any], context: Context) -> Iterator[Hit]:
        for index, item in enumerate(doc.data["action_items"]):
            owner = item["owner"]
            if "/" in owner:
                yield Hit(
                    ("action_items", index, "owner"),
                    f"owner `{owner}` is a team; name one person accountable for {item['id']} "
                    "(the team can still do the work)",
                )
