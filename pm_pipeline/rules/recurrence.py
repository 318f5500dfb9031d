"""PM6xx: findings that compare a post-mortem with the others (the archive as a whole)."""

from __future__ import annotations

from pm_pipeline.findings import Level
from pm_pipeline.rules.base import Rule


class CrossReportRule(Rule):
    """A code found by comparing reports after every file is read; it has no per-file check()."""


class Recurring(CrossReportRule):
    """The incident repeats a service and a factor category whose fixes were closed.

    An earlier post-mortem (started within `recurrence.window_days`, default 365) shares a
    service and a contributing-factor category with this one (`recurrence.match`: `both`,
    `service` or `category`), and every action item of the earlier report for that category
    is `done` or `not-doing`. The finding sits on this report's factor of that category and
    names the earlier report and its closed items, with the date the issue was closed when
    the sync snapshot knows it.

    An item is "for" a category when its `labels` name the category; a report that labels none
    of its items with one of its categories is taken to address all its categories with all
    its items. The check reads every post-mortem of the folder, also when it is given one file.
    On a file outside the change (not named, not changed since `--changed-from`) it is a
    reminder: an old recurrence never fails an unrelated pull request.

    ## Why it matters
    A closed action item is a claim that a failure mode is handled. The same service failing
    again for the same kind of reason is the strongest evidence that the fix did not hold, or
    fixed a symptom; the review of the new incident is the moment to ask.

    ## Example
    ```yaml
    # 2025-04-02-orders-timeouts.yaml; 2025-02-09-api-degradation.yaml had a capacity
    # factor on orders-db and its item AI-004 (labels: [capacity]) is done
    incident:
      services: [orders-db]
    contributing_factors:
      factors:
        - category: capacity
          description: The connection pool was exhausted at peak.
    ```

    ## Use instead
    Say in the new report why the earlier fix did not hold, and link the earlier report in
    the factor's description; then suppress the finding with that reason:
    ```yaml
        - category: capacity  # pm: ignore PM601 -- AI-004 raised the pool; this was a new query path
    ```
    """

    code = "PM601"
    name = "recurring-incident"
    level = Level.WARNING


CROSS_REPORT_RULES: tuple[type[Rule], ...] = (Recurring,)
