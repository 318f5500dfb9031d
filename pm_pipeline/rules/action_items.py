"""PM206-PM209: action-item bookkeeping: unique ids, sponsors, reasons and evidence."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from pm_pipeline.findings import Level
from pm_pipeline.rules.base import ANY, ITEM, Context, Document, Hit, Rule


class DuplicateActionId(Rule):
    """Two action items in one post-mortem have the same `id`.

    ## Why it matters
    The id is half of each synced issue's identity (`post-mortem id / action-item
    id`): two items with one id would overwrite each other's issue.

    ## Example
    ```yaml
    action_items:
      - id: AI-001
        action: Add db_pool_active_connections to the API dashboard
      - id: AI-001
        action: Write a runbook for DB connection saturation
    ```

    ## Use instead
    Number the second item `AI-002`. Never renumber items that were already
    synced: a new id means a new issue.
    """

    code = "PM206"
    needs = (("action_items", ANY, "id"),)
    name = "duplicate-action-id"

    def check(self, doc: Document, options: Mapping[str, Any], context: Context) -> Iterator[Hit]:
        first: dict[str, int] = {}
        for index, item in enumerate(doc.postmortem.action_items):
            if item.id in first:
                line = doc.source.value_at(("action_items", first[item.id], "id"))[0]
                yield Hit(
                    ("action_items", index, "id"),
                    f"action-item id `{item.id}` is already used on line {line}; give this item the next free id",
                )
            else:
                first[item.id] = index


class HighPriorityWithoutSponsor(Rule):
    """A high-priority action item has no `sponsor`.

    ## Why it matters
    High-priority items compete with roadmap work. Atlassian's incident handbook
    gives each priority action an approver who makes sure the time is found; the
    sponsor is who the overdue job escalates to.

    ## Example
    ```yaml
    - id: AI-001
      priority: high
      owner: "@jordan-oncall"
    ```

    ## Use instead
    ```yaml
    - id: AI-001
      priority: high
      owner: "@jordan-oncall"
      sponsor: "@vp-eng"
    ```
    """

    code = "PM207"
    needs = (("action_items", ITEM),)
    name = "unsponsored-high-priority"
    level = Level.WARNING

    def check(self, doc: Document, options: Mapping[str, Any], context: Context) -> Iterator[Hit]:
        for index, item in enumerate(doc.postmortem.action_items):
            if item.priority == "high" and item.sponsor is None and item.status != "not-doing":
                yield Hit(
                    ("action_items", index, "priority"),
                    f"{item.id} is high priority but has no sponsor; add `sponsor:` with the handle "
                    "of the person who makes sure it gets time",
                )


class NotDoingWithoutReason(Rule):
    """An action item with status `not-doing` has no `reason`.

    ## Why it matters
    Deciding not to do an item is legitimate, but the next incident's reviewers
    need to know why: the risk was accepted, the system was retired, another item
    covers it.

    ## Example
    ```yaml
    - id: AI-004
      status: not-doing
    ```

    ## Use instead
    ```yaml
    - id: AI-004
      status: not-doing
      reason: orders-db is replaced by the new orders service in Q2 (AI-007 covers its pool)
    ```
    """

    code = "PM208"
    needs = (("action_items", ITEM),)
    name = "not-doing-without-reason"

    def check(self, doc: Document, options: Mapping[str, Any], context: Context) -> Iterator[Hit]:
        for index, item in enumerate(doc.postmortem.action_items):
            if item.status == "not-doing" and not (item.reason or "").strip():
                yield Hit(
                    ("action_items", index, "status"),
                    f"{item.id} is `not-doing` without a reason; add `reason:` saying why the risk is accepted",
                )


class DoneWithoutEvidence(Rule):
    """An action item with status `done` has no `evidence`.

    ## Why it matters
    "Done" is a claim the follow-up review checks. A link to the pull request,
    dashboard or runbook lets anyone verify it, and lets the next incident's
    authors find what changed.

    ## Example
    ```yaml
    - id: AI-001
      status: done
    ```

    ## Use instead
    ```yaml
    - id: AI-001
      status: done
      evidence: https://github.com/example/infra/pull/412
    ```
    """

    code = "PM209"
    needs = (("action_items", ITEM),)
    name = "done-without-evidence"
    level = Level.WARNING

    def check(self, doc: Document, options: Mapping[str, Any], context: Context) -> Iterator[Hit]:
        for index, item in enumerate(doc.postmortem.action_items):
            if item.status == "done" and not (item.evidence or "").strip():
                yield Hit(
                    ("action_items", index, "status"),
                    f"{item.id} is `done` without evidence; add `evidence:` with a link to the PR, "
                    "dashboard or runbook that shows it",
                )
