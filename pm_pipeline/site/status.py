"""Action-item status: from the sync snapshot when there is one, else from the YAML.

An item is in exactly one state. Open items split by their deadline: overdue
(deadline before today), due soon (within `due_soon_days`), else open; an item due soon or late
whose issue carries an exempt label (`overdue.exempt_labels`) is exempt, as the overdue job sees
it (`process.open_item_state` decides for both).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from pm_pipeline import process
from pm_pipeline.model import ActionItem, PostMortem
from pm_pipeline.snapshot import IssueStatus, Snapshot, SnapshotError
from pm_pipeline.snapshot import decode as parse_snapshot

__all__ = [
    "IssueStatus",
    "Snapshot",
    "SnapshotError",
    "State",
    "StatusSource",
    "TrackedItem",
    "parse_snapshot",
    "state_of",
    "track",
]


class State(enum.Enum):
    OPEN = "open"
    DUE_SOON = "due-soon"
    OVERDUE = "overdue"
    EXEMPT = "exempt"
    DONE = "done"
    NOT_DOING = "not-doing"

    @property
    def label(self) -> str:
        return "Blocked or on hold" if self is State.EXEMPT else self.value.replace("-", " ").capitalize()

    @property
    def is_open(self) -> bool:
        return self in (State.OPEN, State.DUE_SOON, State.OVERDUE, State.EXEMPT)


@dataclass(frozen=True)
class StatusSource:
    """Where states came from, for the sentence the site shows about it."""

    kind: str  # "snapshot" or "yaml"
    path: str | None = None
    taken_at: datetime | None = None
    offline: bool = False


@dataclass(frozen=True)
class TrackedItem:
    postmortem: PostMortem
    item: ActionItem
    state: State
    days_late: int
    days_left: int
    issue: IssueStatus | None = None

    @property
    def opened_at(self) -> datetime:
        return self.postmortem.published_at or self.postmortem.incident.resolved_at

    @property
    def closed_at(self) -> datetime | None:
        """When its issue was closed, if the snapshot says (the YAML has no close dates)."""
        if self.state.is_open:
            return None
        if self.issue is not None and self.issue.closed_at is not None:
            return self.issue.closed_at
        return None


def state_of(
    item: ActionItem, issue: IssueStatus | None, today: date, due_soon_days: int, exempt_labels: Iterable[str] = ()
) -> State:
    if issue is not None:
        if issue.state == "closed":
            return State.NOT_DOING if issue.state_reason == "not_planned" else State.DONE
    elif item.status == "done":
        return State.DONE
    elif item.status == "not-doing":
        return State.NOT_DOING
    labels = issue.labels if issue is not None else ()
    window = process.open_item_state(item, today, due_soon_days, labels, exempt_labels)
    return _OPEN_STATES[window]


_OPEN_STATES = {"overdue": State.OVERDUE, "due-soon": State.DUE_SOON, "on-track": State.OPEN, "exempt": State.EXEMPT}


def track(
    postmortems: Iterable[PostMortem],
    snapshot: Snapshot | None,
    now: datetime,
    due_soon_days: int = 3,
    exempt_labels: Iterable[str] = (),
) -> list[TrackedItem]:
    """Every action item of every post-mortem with its state at `now`."""
    today = now.date()
    exempt = tuple(exempt_labels)
    tracked = []
    for postmortem in postmortems:
        for item in postmortem.action_items:
            issue = snapshot.issues.get((postmortem.id, item.id)) if snapshot else None
            state = state_of(item, issue, today, due_soon_days, exempt)
            days_left = (item.deadline - today).days
            tracked.append(
                TrackedItem(
                    postmortem, item, state, max(0, -days_left) if state is State.OVERDUE else 0, days_left, issue
                )
            )
    return tracked
