"""The status snapshot the site reads: each action item's issue, state and labels. Pure."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from pm_pipeline.sync.changes import Drift
from pm_pipeline.sync.desired import DesiredIssue
from pm_pipeline.tracker.store import ObservedIssue

SNAPSHOT_VERSION = 1


def make_snapshot(
    desired: Iterable[DesiredIssue],
    issues: Mapping[str, ObservedIssue],
    drift: Mapping[str, Drift],
    *,
    now: datetime,
    repository: str | None,
    offline: bool,
) -> dict[str, Any]:
    """Every desired item with an issue (or one planned for it); items never tracked are left out."""
    items: dict[str, dict[str, Any]] = {}
    for item in desired:
        issue = issues.get(item.key)
        if issue is not None:
            items[item.key] = {
                "number": issue.number,
                "url": issue.url,
                "state": issue.state,
                "state_reason": issue.state_reason,
                "closed_at": _iso(issue.closed_at),
                "labels": list(issue.labels),
                "drift": drift[item.key].note if item.key in drift else None,
            }
        elif item.state == "open":
            items[item.key] = {
                "number": None,
                "url": None,
                "state": "planned",
                "state_reason": None,
                "closed_at": None,
                "labels": list(item.labels),
                "drift": None,
            }
    return {
        "version": SNAPSHOT_VERSION,
        "generated_at": _iso(now),
        "source": "offline" if offline else "github",
        "repository": repository,
        "items": items,
    }


def dump_snapshot(snapshot: Mapping[str, Any]) -> str:
    return json.dumps(snapshot, indent=2, ensure_ascii=False) + "\n"


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
