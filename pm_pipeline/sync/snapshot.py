"""The status snapshot of a sync run: each action item's issue, state and labels, as the typed
values of `pm_pipeline.snapshot` (the codec the site and export read with). Pure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from pm_pipeline.snapshot import IssueStatus, Snapshot, encode
from pm_pipeline.sync.changes import Drift
from pm_pipeline.sync.desired import DesiredIssue
from pm_pipeline.tracker.store import ObservedIssue


def make_snapshot(
    desired: Iterable[DesiredIssue],
    issues: Mapping[str, ObservedIssue],
    drift: Mapping[str, Drift],
    *,
    now: datetime,
    repository: str | None,
    offline: bool,
) -> Snapshot:
    """Every desired item with an issue (or one planned for it); items never tracked are left out."""
    found: dict[tuple[str, str], IssueStatus] = {}
    planned: dict[tuple[str, str], IssueStatus] = {}
    for item in desired:
        pm_id, _, item_id = item.key.rpartition("/")
        issue = issues.get(item.key)
        if issue is not None:
            note = drift[item.key].note if item.key in drift else None
            found[(pm_id, item_id)] = IssueStatus(
                issue.number, issue.url, issue.state, issue.state_reason, issue.closed_at, issue.labels, note
            )
        elif item.state == "open":
            planned[(pm_id, item_id)] = IssueStatus(None, None, "planned", labels=item.labels)
    return Snapshot(now, found, offline, repository, planned)


def dump_snapshot(snapshot: Snapshot) -> str:
    return encode(snapshot)
