"""One action item as the overdue job and the site both see it: its state today and its issue.

The state is decided here, once. An item with an issue takes the tracker's open or closed (a
person who closes or reopens an issue did something real; sync reports it as drift); an item
without one takes the YAML's status. Open items split by their deadline, and an item due soon or
late whose issue carries an exempt label is exempt (`process.open_item_state`).

The site shows `state`. The overdue job chases only what is open in both the tracker and the YAML
(`chased`): a done item whose issue a person reopened is drift for sync to report, not a reminder
to post.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Generic, Protocol, TypeVar

from pm_pipeline import process
from pm_pipeline.model import ActionItem, PostMortem
from pm_pipeline.tracker.markers import item_key


class ItemState(enum.Enum):
    OPEN = "open"
    DUE_SOON = "due-soon"
    OVERDUE = "overdue"
    EXEMPT = "exempt"
    DONE = "done"
    NOT_DOING = "not-doing"

    def __str__(self) -> str:
        return self.value

    @property
    def label(self) -> str:
        return "Blocked or on hold" if self is ItemState.EXEMPT else self.value.replace("-", " ").capitalize()

    @property
    def is_open(self) -> bool:
        return self in (ItemState.OPEN, ItemState.DUE_SOON, ItemState.OVERDUE, ItemState.EXEMPT)


class IssueFacts(Protocol):
    """What any observation of an item's issue (a live listing, or the sync snapshot) tells."""

    @property
    def is_open(self) -> bool: ...

    @property
    def closed_as_not_planned(self) -> bool: ...

    @property
    def labels(self) -> Iterable[str]: ...

    @property
    def closed_at(self) -> datetime | None: ...


IssueT = TypeVar("IssueT", bound=IssueFacts)

_OPEN_STATES = {
    "overdue": ItemState.OVERDUE,
    "due-soon": ItemState.DUE_SOON,
    "on-track": ItemState.OPEN,
    "exempt": ItemState.EXEMPT,
}


def item_state(
    item: ActionItem, issue: IssueFacts | None, today: date, due_soon_days: int, exempt_labels: Iterable[str] = ()
) -> ItemState:
    if issue is not None and not issue.is_open:
        return ItemState.NOT_DOING if issue.closed_as_not_planned else ItemState.DONE
    if issue is None and item.status == "done":
        return ItemState.DONE
    if issue is None and item.status == "not-doing":
        return ItemState.NOT_DOING
    labels = issue.labels if issue is not None else ()
    return _OPEN_STATES[process.open_item_state(item, today, due_soon_days, labels, exempt_labels)]


@dataclass(frozen=True)
class TrackedItem(Generic[IssueT]):
    """An action item, its issue as observed, and its state on `today`.

    `tier` is the highest escalation tier reached (threshold in days overdue) and `comment_tier`
    the tier to comment now; both are set by the overdue job for items it chases.
    """

    postmortem: PostMortem
    item: ActionItem
    state: ItemState
    today: date
    issue: IssueT | None = None
    tier: int | None = None
    comment_tier: int | None = None

    @property
    def key(self) -> str:
        return item_key(self.postmortem.id, self.item.id)

    @property
    def days_left(self) -> int:
        return (self.item.deadline - self.today).days

    @property
    def days_overdue(self) -> int:
        """Days past the deadline (negative: days left), whatever the state."""
        return process.days_overdue(self.item, self.today)

    @property
    def days_late(self) -> int:
        """Days past the deadline of an overdue item; 0 for any other state."""
        return max(0, self.days_overdue) if self.state is ItemState.OVERDUE else 0

    @property
    def chased(self) -> bool:
        return self.state.is_open and self.item.is_open

    @property
    def opened_at(self) -> datetime:
        return self.postmortem.published_at or self.postmortem.incident.resolved_at

    @property
    def closed_at(self) -> datetime | None:
        """When its issue was closed, if the observation says (the YAML has no close dates)."""
        if self.state.is_open or self.issue is None:
            return None
        return self.issue.closed_at


def track(
    postmortem: PostMortem,
    item: ActionItem,
    issue: IssueT | None,
    today: date,
    due_soon_days: int,
    exempt_labels: Iterable[str] = (),
) -> TrackedItem[IssueT]:
    return TrackedItem(postmortem, item, item_state(item, issue, today, due_soon_days, exempt_labels), today, issue)
