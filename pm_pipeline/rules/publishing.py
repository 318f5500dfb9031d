"""PM301, PM302, PM305, PM306: getting the report reviewed and published on time."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import timedelta
from typing import Any

from pm_pipeline.findings import Level
from pm_pipeline.process import late_draft, publication
from pm_pipeline.rules.base import Context, Document, Hit, Rule


def _hours(delta: timedelta) -> str:
    hours = delta.total_seconds() / 3600
    return f"{hours:.0f} hours" if hours < 72 else f"{hours / 24:.0f} days"


class LatePublication(Rule):
    """The report was published more than the SLA (48 hours by default) after `incident.resolved_at`.

    The SLA is `publish_sla_hours` in `pm-pipeline.yml`. A report that was
    published late stays late: acknowledge it in the file with a suppression that
    says why (`# pm: ignore PM301 -- published after the holiday freeze`).

    ## Why it matters
    Memories fade and chat scrolls away within days; a report written a week later
    is reconstructed rather than remembered. Publishing within two days also tells
    customers and other teams that the incident is understood.

    ## Example
    ```yaml
    published_at: 2025-02-12T00:40:00Z   # 61 hours after resolved_at
    incident:
      resolved_at: 2025-02-09T11:40:00Z
    ```

    ## Use instead
    Publish within the SLA: `published_at: 2025-02-10T16:30:00Z`.
    """

    code = "PM301"
    needs = (("status",), ("severity",), ("incident",), ("published_at",))
    name = "late-publication"

    def check(self, doc: Document, options: Any, context: Context) -> Iterator[Hit]:
        pm = doc.postmortem
        if pm.published_at is None:
            return
        standing = publication(pm, context.now, context.process)
        if standing.late_by is not None:
            late = pm.published_at - pm.incident.resolved_at
            yield Hit(
                ("published_at",),
                f"published {_hours(late)} after the incident was resolved; the SLA is "
                f"{context.process.publish_sla_hours:g} hours. If this is history, acknowledge it with "
                "`# pm: ignore PM301 -- <why it was late>`",
            )


class OverdueDraft(Rule):
    """A `draft` or `in-review` report is past its publishing SLA at the time of the check.

    A warning once `publish_sla_hours` have passed since `incident.resolved_at`,
    an error once `overdue.draft_escalation_days` (7) days have passed since
    `resolved_at` (the day the overdue job escalates the draft too). The
    clock is `--now` (or `$PM_PIPELINE_NOW`), so CI runs are reproducible.

    ## Why it matters
    A draft nobody finishes is the most common way a post-mortem fails: the
    action items never reach the tracker and the lessons never reach other teams.

    ## Example
    ```yaml
    status: draft          # checked on 2025-02-20
    incident:
      resolved_at: 2025-02-09T11:40:00Z
    ```

    ## Use instead
    Finish the review and set `status: published` with `published_at`.
    """

    code = "PM302"
    needs = (("status",), ("severity",), ("incident",), ("published_at",))
    name = "overdue-draft"
    level = Level.WARNING
    reads_clock = True

    def check(self, doc: Document, options: Mapping[str, Any], context: Context) -> Iterator[Hit]:
        pm = doc.postmortem
        if pm.status == "published":
            return
        late = late_draft(pm, context.now, context.process)
        if late is None:
            return
        yield Hit(
            ("status",),
            f"still `{pm.status}` {_hours(late.late_by)} after its publishing deadline "
            f"({late.due_at:%Y-%m-%d %H:%M} UTC); "
            "finish the review and publish it",
            level=Level.ERROR if late.escalated else None,
        )


class PublishedWithoutReviewers(Rule):
    """A `published` report lists no `reviewers`.

    ## Why it matters
    The review is where blame, gaps in the timeline and vague action items are
    caught. A report nobody reviewed is one person's view of the incident.

    ## Example
    ```yaml
    status: published
    authors: ["@maria-lopez"]
    ```

    ## Use instead
    ```yaml
    status: published
    authors: ["@maria-lopez"]
    reviewers: ["@chen-wei", "@priya-sre"]
    ```
    """

    code = "PM305"
    needs = (("status",), ("reviewers",))
    name = "published-without-reviewers"

    def check(self, doc: Document, options: Mapping[str, Any], context: Context) -> Iterator[Hit]:
        if doc.postmortem.status == "published" and not doc.postmortem.reviewers:
            path = ("reviewers",) if "reviewers" in doc.data else ("status",)
            yield Hit(path, "published without reviewers; add `reviewers:` with the handles of who reviewed it")


class PublishedWithoutDate(Rule):
    """A `published` report has no `published_at`.

    ## Why it matters
    The publishing SLA and the site's ordering are measured from `published_at`;
    without it nobody can tell whether the report went out on time.

    ## Example
    ```yaml
    status: published
    ```

    ## Use instead
    ```yaml
    status: published
    published_at: 2025-02-10T16:30:00Z
    ```
    """

    code = "PM306"
    needs = (("status",), ("published_at",))
    name = "published-without-date"

    def check(self, doc: Document, options: Mapping[str, Any], context: Context) -> Iterator[Hit]:
        if doc.postmortem.status == "published" and doc.postmortem.published_at is None:
            yield Hit(
                ("status",),
                "published without `published_at`; add when it was distributed "
                "(e.g. `published_at: 2025-02-10T16:30:00Z`)",
            )
