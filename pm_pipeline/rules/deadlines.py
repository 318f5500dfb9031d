"""PM204, PM205: action-item deadlines that are already missed or too far out."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import timedelta
from typing import Any

from pm_pipeline.process import latest_deadline
from pm_pipeline.rules.base import ITEM, Context, Document, Hit, Rule


class DeadlineBeforePublication(Rule):
    """An open action item's deadline is earlier than the report's `published_at`.

    Items already `done` or `not-doing` are not checked: finishing work before
    the report went out is good.

    ## Why it matters
    An item that is overdue on the day it is published was given a date nobody
    planned for. The overdue job will chase it from day one, which teaches people
    to ignore the reminders.

    ## Example
    ```yaml
    published_at: 2025-02-12T09:00:00Z
    action_items:
      - id: AI-001
        deadline: 2025-02-11
        status: open
    ```

    ## Use instead
    A deadline after publication that the owner agreed to, e.g. `deadline: 2025-02-28`.
    """

    code = "PM204"
    needs = (("published_at",), ("action_items", ITEM))
    name = "deadline-before-publication"

    def check(self, doc: Document, options: Mapping[str, Any], context: Context) -> Iterator[Hit]:
        published = doc.postmortem.published_at
        if published is None:
            return
        for index, item in enumerate(doc.postmortem.action_items):
            if item.is_open and item.deadline < published.date():
                yield Hit(
                    ("action_items", index, "deadline"),
                    f"{item.id} is due {item.deadline}, before the report was published on "
                    f"{published.date()}; agree a new deadline with {item.owner}",
                )


class DeadlineOutsideWindow(Rule):
    """An action item's deadline is before the incident or later than its priority allows.

    The window is counted in days from `incident.started_at`: by default 28 days
    for `high`, 56 for `medium` (Atlassian's four and eight weeks) and 180 for
    `low`. Change it per severity in `pm-pipeline.yml`:

    ```yaml
    deadline_days:
      default: {high: 28, medium: 56, low: 180}
      P1: {high: 14}
    ```

    Items with status `not-doing` are not checked.

    ## Why it matters
    A priority is a promise about time. A "high" item due in four months is not
    high, and it keeps the incident's risk open long after the team has moved on.

    ## Example
    ```yaml
    incident:
      started_at: 2025-02-09T10:05:23Z
    action_items:
      - id: AI-001
        priority: high
        deadline: 2025-06-30
    ```

    ## Use instead
    Bring the deadline inside the window (`deadline: 2025-03-07`), or lower the
    priority to match the real plan.
    """

    code = "PM205"
    needs = (("severity",), ("incident", "started_at"), ("action_items", ITEM))
    name = "deadline-outside-window"

    def check(self, doc: Document, options: Mapping[str, Any], context: Context) -> Iterator[Hit]:
        pm = doc.postmortem
        start = pm.incident.started_at.date()
        for index, item in enumerate(pm.action_items):
            if item.status == "not-doing":
                continue
            days = context.process.deadline_window(pm.severity, item.priority)
            if item.deadline < start:
                yield Hit(
                    ("action_items", index, "deadline"),
                    f"{item.id} is due {item.deadline}, before the incident started ({start}); is the year right?",
                )
            elif item.deadline > latest_deadline(pm, item, context.process):
                yield Hit(
                    ("action_items", index, "deadline"),
                    f"{item.id} is {item.priority} priority but due {item.deadline}, "
                    f"{(item.deadline - start).days} days after the incident; {pm.severity} "
                    f"{item.priority} items are due within {days} days (by {start + timedelta(days=days)}). "
                    "Move the deadline or lower the priority",
                )
