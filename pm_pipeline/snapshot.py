"""The status snapshot codec, shared by sync (which writes it) and the site and export (which read
it): typed values, a version field, and a reader that is strict on what it reads. Pure.

    {"version": 1, "generated_at": "2025-03-11T06:00:00Z", "source": "github" | "offline",
     "repository": "o/r" | null,
     "items": {"PM-id/AI-id": {"number": 12 | null, "url": "..." | null,
                               "state": "open" | "closed" | "planned", "state_reason": ... | null,
                               "closed_at": "...Z" | null, "labels": [...], "drift": "..." | null}}}

An item whose issue is only planned (an offline plan, or a create still to come) has state
`planned` and no number; readers treat it as having no issue yet.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pm_pipeline.model import parse_timestamp

SNAPSHOT_VERSION = 1
SOURCES = ("github", "offline")
STATES = ("open", "closed", "planned")


class SnapshotError(ValueError):
    """The snapshot file is not in the shape `pm-pipeline sync` writes."""


@dataclass(frozen=True)
class IssueStatus:
    """One action item's issue as the last sync saw it."""

    number: int | None
    url: str | None
    state: str  # open | closed | planned
    state_reason: str | None = None
    closed_at: datetime | None = None
    labels: tuple[str, ...] = ()
    drift: str | None = None

    @property
    def is_open(self) -> bool:
        return self.state != "closed"

    @property
    def closed_as_not_planned(self) -> bool:
        return self.state_reason == "not_planned"


@dataclass(frozen=True)
class Snapshot:
    taken_at: datetime | None
    issues: Mapping[tuple[str, str], IssueStatus]
    """Issues keyed by (post-mortem id, action-item id); planned items are left out."""
    offline: bool = False
    repository: str | None = None
    planned: Mapping[tuple[str, str], IssueStatus] = field(default_factory=dict)


def encode(snapshot: Snapshot) -> str:
    items = {f"{pm}/{ai}": _item_json(status) for (pm, ai), status in {**snapshot.issues, **snapshot.planned}.items()}
    data = {
        "version": SNAPSHOT_VERSION,
        "generated_at": _iso(snapshot.taken_at),
        "source": "offline" if snapshot.offline else "github",
        "repository": snapshot.repository,
        "items": items,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def decode(data: Any) -> Snapshot:
    """A snapshot from its parsed JSON; SnapshotError naming the first thing that is not as written."""
    if not isinstance(data, Mapping):
        raise SnapshotError("the snapshot is not a JSON object")
    if data.get("version") != SNAPSHOT_VERSION:
        raise SnapshotError(
            f"version is {data.get('version')!r}, not {SNAPSHOT_VERSION}: rerun `pm-pipeline sync` to write it again"
        )
    taken = _time(data.get("generated_at"), "generated_at")
    source = data.get("source")
    if source not in SOURCES:
        raise SnapshotError(f"source is {source!r}, not github or offline")
    repository = data.get("repository")
    if repository is not None and not isinstance(repository, str):
        raise SnapshotError("repository is neither a string nor null")
    raw_items = data.get("items")
    if not isinstance(raw_items, Mapping):
        raise SnapshotError("items is not an object keyed by `PM-id/AI-id`")
    issues: dict[tuple[str, str], IssueStatus] = {}
    planned: dict[tuple[str, str], IssueStatus] = {}
    for key, raw in raw_items.items():
        pm_id, _, item_id = str(key).rpartition("/")
        if not (pm_id and item_id):
            raise SnapshotError(f"items: {key!r} is not `PM-id/AI-id`")
        status = _status(raw, f"items[{key!r}]")
        (planned if status.state == "planned" else issues)[(pm_id, item_id)] = status
    return Snapshot(taken, issues, source == "offline", repository, planned)


def _status(raw: Any, where: str) -> IssueStatus:
    if not isinstance(raw, Mapping):
        raise SnapshotError(f"{where} is not an object")
    state = raw.get("state")
    if state not in STATES:
        raise SnapshotError(f"{where}.state is {state!r}, not open, closed or planned")
    number = raw.get("number")
    if not (number is None or (isinstance(number, int) and not isinstance(number, bool) and number > 0)):
        raise SnapshotError(f"{where}.number is {number!r}, not an issue number or null")
    labels = raw.get("labels", [])
    if not isinstance(labels, list) or not all(isinstance(label, str) for label in labels):
        raise SnapshotError(f"{where}.labels is not a list of label names")
    return IssueStatus(
        number=number,
        url=_text(raw, "url", where),
        state=state,
        state_reason=_text(raw, "state_reason", where),
        closed_at=_time(raw.get("closed_at"), f"{where}.closed_at"),
        labels=tuple(labels),
        drift=_text(raw, "drift", where),
    )


def _text(raw: Mapping[str, Any], name: str, where: str) -> str | None:
    value = raw.get(name)
    if value is not None and not isinstance(value, str):
        raise SnapshotError(f"{where}.{name} is neither a string nor null")
    return value


def _time(value: Any, where: str) -> datetime | None:
    if value is None:
        return None
    try:
        return parse_timestamp(str(value))
    except ValueError:
        raise SnapshotError(f"{where}: {value!r} is not an ISO 8601 date-time") from None


def _item_json(status: IssueStatus) -> dict[str, Any]:
    return {
        "number": status.number,
        "url": status.url,
        "state": status.state,
        "state_reason": status.state_reason,
        "closed_at": _iso(status.closed_at),
        "labels": list(status.labels),
        "drift": status.drift,
    }


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
