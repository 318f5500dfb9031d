"""Action-item status for the site: from the sync snapshot when there is one, else from the YAML.

An item is in exactly one state, decided by `pm_pipeline.tracking` as the overdue job decides it:
open items split by their deadline (overdue, due soon, else open); an item due soon or late whose
issue carries an exempt label (`overdue.exempt_labels`) is exempt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from pm_pipeline import tracking
from pm_pipeline.model import PostMortem
from pm_pipeline.snapshot import IssueStatus, Snapshot, SnapshotError
from pm_pipeline.snapshot import decode as parse_snapshot
from pm_pipeline.tracking import ItemState

__all__ = [
    "IssueStatus",
    "ItemState",
    "Snapshot",
    "SnapshotError",
    "StatusSource",
    "TrackedItem",
    "parse_snapshot",
    "track",
]

TrackedItem = tracking.TrackedItem[IssueStatus]


@dataclass(frozen=True)
class StatusSource:
    """Where states came from, for the sentence the site shows about it."""

    kind: str  # "snapshot" or "yaml"
    path: str | None = None
    taken_at: datetime | None = None
    offline: bool = False


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
    return [
        tracking.track(
            postmortem,
            item,
            snapshot.issues.get((postmortem.id, item.id)) if snapshot else None,
            today,
            due_soon_days,
            exempt,
        )
        for postmortem in postmortems
        for item in postmortem.action_items
    ]
