"""The runbook's clock, computed once: publishing SLA, draft escalation, deadline windows, lateness,
follow-up reviews. Pure: every function takes `now` or `today`; rules, the overdue job and the site
call these instead of doing their own date arithmetic.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from types import MappingProxyType
from typing import Literal

from pm_pipeline.model import ActionItem, PostMortem

DEFAULT_DEADLINE_DAYS: Mapping[str, int] = MappingProxyType({"high": 28, "medium": 56, "low": 180})
PUBLISHED = "published"


@dataclass(frozen=True)
class ProcessPolicy:
    """The process settings of pm-pipeline.yml that rules, the overdue job and the site share."""

    publish_sla_hours: float = 48
    draft_escalation_days: float = 7
    due_soon_days: int = 3
    deadline_days: Mapping[str, Mapping[str, int]] = field(default_factory=dict)

    def deadline_window(self, severity: str, priority: str) -> int:
        """Longest allowed days from the incident to a deadline of this priority."""
        for scope in (severity, "default"):
            days = self.deadline_days.get(scope, {}).get(priority)
            if days is not None:
                return days
        return DEFAULT_DEADLINE_DAYS[priority]


@dataclass(frozen=True)
class Publication:
    """Where a report stands against its publishing SLA."""

    due_at: datetime
    state: Literal["met", "missed", "pending"]
    late_by: timedelta | None
    """How far past the SLA it was published (or is, unpublished); None when within it."""


@dataclass(frozen=True)
class LateDraft:
    """An unpublished report past its SLA; `escalated` once draft_escalation_days passed since resolution."""

    due_at: datetime
    late_by: timedelta
    escalated: bool


def publish_due(pm: PostMortem, policy: ProcessPolicy) -> datetime:
    return pm.incident.resolved_at + timedelta(hours=policy.publish_sla_hours)


def publication(pm: PostMortem, now: datetime, policy: ProcessPolicy) -> Publication:
    due = publish_due(pm, policy)
    if pm.published_at is not None:
        late = pm.published_at - due
        return Publication(due, "met" if late <= timedelta(0) else "missed", late if late > timedelta(0) else None)
    if now > due:
        return Publication(due, "missed", now - due)
    return Publication(due, "pending", None)


def late_draft(pm: PostMortem, now: datetime, policy: ProcessPolicy) -> LateDraft | None:
    """The lateness of a report that is not published, None when it is published or within its SLA."""
    if pm.status == PUBLISHED or pm.published_at is not None:
        return None
    due = publish_due(pm, policy)
    if now <= due:
        return None
    # Measured from the resolution, so the rule and the overdue job escalate on the same day.
    escalated = now - pm.incident.resolved_at > timedelta(days=policy.draft_escalation_days)
    return LateDraft(due, now - due, escalated)


def latest_deadline(pm: PostMortem, item: ActionItem, policy: ProcessPolicy) -> date:
    """The last day an item of this priority may be due, counted from the incident's start date."""
    return pm.incident.started_at.date() + timedelta(days=policy.deadline_window(pm.severity, item.priority))


def days_overdue(item: ActionItem, today: date) -> int:
    """Days past the deadline (negative: days left)."""
    return (today - item.deadline).days


DeadlineState = Literal["overdue", "due-soon", "on-track"]


def deadline_state(item: ActionItem, today: date, due_soon_days: int) -> DeadlineState:
    """Where an open item stands against its deadline."""
    late = days_overdue(item, today)
    if late > 0:
        return "overdue"
    return "due-soon" if -late <= due_soon_days else "on-track"


OpenItemState = Literal["overdue", "due-soon", "on-track", "exempt"]


def open_item_state(
    item: ActionItem, today: date, due_soon_days: int, labels: Iterable[str] = (), exempt_labels: Iterable[str] = ()
) -> OpenItemState:
    """Where an open item stands, as the overdue job chases it and the site shows it: an item whose
    issue carries an exempt label (`blocked`, `on-hold`) is `exempt` once it is due soon or late."""
    window = deadline_state(item, today, due_soon_days)
    if window == "on-track":
        return window
    exempt = {label.lower() for label in exempt_labels}
    if any(label.lower() in exempt for label in labels):
        return "exempt"
    return window


def follow_up_offset(pm: PostMortem) -> int:
    """Days from the incident's start date to its follow-up review."""
    return (pm.follow_up_review.date - pm.incident.started_at.date()).days


def follow_up_missed(pm: PostMortem, today: date) -> bool:
    review = pm.follow_up_review
    return not review.done and review.date < today


def follow_up_due_soon(pm: PostMortem, today: date, due_soon_days: int) -> bool:
    """Not done and due within `due_soon_days` (or already missed)."""
    review = pm.follow_up_review
    return not review.done and (review.date - today).days <= due_soon_days
