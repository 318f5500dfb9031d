"""PM201: an action item too vague to tell when it is done."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from pm_pipeline.language.vagueness import judge_action
from pm_pipeline.rules.base import Context, Document, Hit, Rule


class VagueAction(Rule):
    """An action item that names no specific change ("Improve monitoring", "Investigate flakiness", "TBD").

    The judgement looks for positive evidence of specificity (a named system,
    metric, file, threshold, tool, ticket or a recognisable end state), not for
    length or a list of bad verbs: "Add index on orders.user_id" and "Hourly LVM
    snapshots of the production databases" are fine.

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
            if verdict is not None:
                yield Hit(
                    ("action_items", index, "action"),
                    f"vague action item: {verdict.reason.rstrip('.')}. {verdict.suggestion}",
                )
