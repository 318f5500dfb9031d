"""Action-item status: from the sync snapshot when there is one, else from the YAML.

An item is in exactly one state. Open items split by their deadline: overdue
(deadline before today), due soon (within `due_soon_days`), else open.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pm_pipeline.model import ActionItem, PostMortem, parse_timestamp


class State(enum.Enum):
    OPEN = "open"
    DUE_SOON = "due-soon"
    OVERDUE = "overdue"
    DONE = "done"
    NOT_DOING = "not-doing"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ").capitalize()

    @property
    def is_open(self) -> bool:
        return self in (State.OPEN, State.DUE_SOON, State.OVERDUE)


@dataclass(frozen=True)
class IssueStatus:
    """One action item's issue as the last sync saw it."""

    number: int | None
    url: str | None
    state: str
    state_reason: str | None = None
    closed_at: datetime | None = None
    labels: tuple[str, ...] = ()
    drift: str | None = None


@dataclass(frozen=True)
class Snapshot:
    taken_at: datetime | None
    issues: Mapping[tuple[str, str], IssueStatus]
    offline: bool = False


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


class SnapshotError(ValueError):
    """The snapshot file is not in the shape `pm-pipeline sync` writes."""


def parse_snapshot(data: Any) -> Snapshot:
    """The snapshot's issues keyed by (post-mortem id, action-item id).

    Reads what `pm-pipeline sync` writes (pm_pipeline/sync/snapshot.py): `{"generated_at",
    "source", "items": {"PM-.../AI-001": {"number", "url", "state", "state_reason", "closed_at",
    "labels", "drift"}}}`; `items` may also be a list of objects naming `postmortem` and
    `action_item`. An item whose issue is only planned (state `planned`) keeps its YAML status.
    """
    if not isinstance(data, Mapping):
        raise SnapshotError("the snapshot is not a JSON object")
    taken = next((data[key] for key in ("generated_at", "taken_at", "synced_at") if data.get(key)), None)
    raw_items = data.get("items", data.get("action_items", []))
    if isinstance(raw_items, Mapping):
        raw_items = [{"key": key, **value} for key, value in raw_items.items() if isinstance(value, Mapping)]
    if not isinstance(raw_items, list):
        raise SnapshotError("`items` is neither a list nor an object")
    issues: dict[tuple[str, str], IssueStatus] = {}
    for index, raw in enumerate(raw_items):
        if not isinstance(raw, Mapping):
            raise SnapshotError(f"items[{index}] is not an object")
        if raw.get("state") == "planned":
            continue
        issues[_key_of(raw, index)] = _issue_of(raw, index)
    return Snapshot(_time(taken, "generated_at"), issues, offline=data.get("source") == "offline")


def _key_of(raw: Mapping[str, Any], index: int) -> tuple[str, str]:
    pm_id = raw.get("postmortem") or raw.get("postmortem_id")
    item_id = raw.get("action_item") or raw.get("action_item_id") or raw.get("item")
    if not (pm_id and item_id) and isinstance(raw.get("key"), str) and "/" in raw["key"]:
        pm_id, _, item_id = raw["key"].rpartition("/")
    if not (isinstance(pm_id, str) and isinstance(item_id, str) and pm_id and item_id):
        raise SnapshotError(f"items[{index}] names no post-mortem and action item")
    return pm_id, item_id


def _issue_of(raw: Mapping[str, Any], index: int) -> IssueStatus:
    state = raw.get("state")
    if state not in ("open", "closed"):
        raise SnapshotError(f"items[{index}].state is {state!r}, not open, closed or planned")
    number = raw.get("number")
    url = raw.get("url") or raw.get("html_url")
    labels = raw.get("labels") or ()
    return IssueStatus(
        number=number if isinstance(number, int) else None,
        url=url if isinstance(url, str) else None,
        state=state,
        state_reason=raw.get("state_reason") if isinstance(raw.get("state_reason"), str) else None,
        closed_at=_time(raw.get("closed_at"), f"items[{index}].closed_at"),
        labels=tuple(str(label.get("name", "") if isinstance(label, Mapping) else label) for label in labels),
        drift=raw.get("drift") if isinstance(raw.get("drift"), str) else None,
    )


def _time(value: Any, where: str) -> datetime | None:
    if value is None:
        return None
    try:
        return parse_timestamp(str(value))
    except ValueError:
        raise SnapshotError(f"{where}: {value!r} is not an ISO 8601 date-time") from None


def state_of(item: ActionItem, issue: IssueStatus | None, today: date, due_soon_days: int) -> State:
    if issue is not None:
        if issue.state == "closed":
            return State.NOT_DOING if issue.state_reason == "not_planned" else State.DONE
    elif item.status == "done":
        return State.DONE
    elif item.status == "not-doing":
        return State.NOT_DOING
    days_left = (item.deadline - today).days
    if days_left < 0:
        return State.OVERDUE
    if days_left <= due_soon_days:
        return State.DUE_SOON
    return State.OPEN


def track(
    postmortems: Iterable[PostMortem], snapshot: Snapshot | None, now: datetime, due_soon_days: int = 3
) -> list[TrackedItem]:
    """Every action item of every post-mortem with its state at `now`."""
    today = now.date()
    tracked = []
    for postmortem in postmortems:
        for item in postmortem.action_items:
            issue = snapshot.issues.get((postmortem.id, item.id)) if snapshot else None
            state = state_of(item, issue, today, due_soon_days)
            days_left = (item.deadline - today).days
            tracked.append(
                TrackedItem(
                    postmortem, item, state, max(0, -days_left) if state is State.OVERDUE else 0, days_left, issue
                )
            )
    return tracked
