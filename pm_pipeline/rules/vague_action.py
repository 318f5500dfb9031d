"""PM201: an action item too vague to tell when it is done."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from pm_pipeline.findings import Level
from pm_pipeline.language.vagueness import judge_action
from pm_pipeline.rules.base import Context, Document, Hit, Rule
from pm_pipeline.rules.blame import blame_in
from pm_pipeline.sourcemap import JsonPath


class VagueAction(Rule):
    """An action item that names no specific change ("Improve monitoring", "Investigate flakiness", "TBD").

    The judgement looks for positive evidence of specificity (a named system,
    metric, file, threshold, tool, ticket or a recognisable end state), not for
    length or a list of bad verbs: "Add index on orders.user_id" and "Hourly LVM
    snapshots of the production databases" are fine. Items written as reports
    ("Implemented rate limiting on the login endpoint", "Alerting: added a
    disk-usage alert"), with an owner tag or a purpose clause are judged by
    their action. A link or ticket id alone is not specificity: "Improve
    monitoring (#123)" is still vague.

    The finding is an error on strong evidence (a short item that names
    nothing, a direction such as "improve" with no number or identifier, a
    placeholder) and a warning otherwise (a longer item that explores options
    or names only a direction). Advice aimed at people ("Engineers must be
    more careful") is reported once: as PM105 when the blame engine finds it
    (also when PM105 is switched off, since rules do not read the selection),
    otherwise as PM201.

    ## Why it matters
    A vague item cannot be estimated, cannot be finished and is never closed; it
    sits open until everyone forgets the incident. Google's SRE workbook and
    Atlassian's incident handbook both ask for items that are specific, bounded
    and verifiable: anyone should be able to tell when the item is done.

    ## Example
    ```yaml
    action_items:
      - id: AI-001
        action: Improve monitoring
    ```

    ## Use instead
    ```yaml
    action_items:
      - id: AI-001
        action: Alert when orders-db p95 query time exceeds 500 ms for 5 minutes
    ```
    """

    code = "PM201"
    needs = ()
    name = "vague-action"

    def check(self, doc: Document, options: Mapping[str, Any], context: Context) -> Iterator[Hit]:
        for index, item in enumerate(doc.data["action_items"]):
            verdict = judge_action(item["action"])
            if verdict is None:
                continue
            path = ("action_items", index, "action")
            if verdict.category == "person" and _blamed_as_fix_the_person(doc, path):
                continue  # one finding per phrase: PM105 owns advice aimed at people
            yield Hit(
                path,
                f"vague action item: {verdict.reason.rstrip('.')}. {verdict.suggestion}",
                level=None if verdict.level == "error" else Level.WARNING,
            )


def _blamed_as_fix_the_person(doc: Document, path: JsonPath) -> bool:
    return any(where == path and match.kind == "fix-the-person" for where, match in blame_in(doc))
