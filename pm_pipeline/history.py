"""Slips from git history: what every revision of every post-mortem says, turned into measures. Pure.

Input: each file revision (commit time, path, content) oldest first, as `vcs.file_revisions`
and `vcs.read_blobs` give them. A revision that does not parse (a broken commit, a merge
conflict marker, a file that is not a post-mortem) is counted and skipped: the last good one
stands. Reports are followed by their `id`, so a renamed file keeps its history.

Per action item: how often its deadline and its owner changed, by how many days the deadline
moved, and when it was first marked done compared with its first deadline. Per report: the
hours from the incident's end (`resolved_at`) to the first commit of the report, to the first
commit that says `in-review` (or later) and to the first that says `published` (the measured
publishing SLA, not the declared `published_at`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from pm_pipeline.loader import cyclic_gc_paused, load_yaml
from pm_pipeline.model import normalise_handle, parse_timestamp
from pm_pipeline.tracker.markers import item_key

HISTORY_VERSION = 1


@dataclass(frozen=True)
class Revision:
    commit: str
    committed_at: datetime
    path: str
    content: bytes | None
    """None when the commit deleted the file."""


@dataclass(frozen=True)
class ItemState:
    deadline: date | None
    owner: str | None
    status: str | None


@dataclass(frozen=True)
class ReportState:
    id: str
    status: str | None
    resolved_at: datetime | None
    items: Mapping[str, ItemState]


@dataclass(frozen=True)
class Move:
    at: datetime
    commit: str
    old: str
    new: str
    days: int | None = None
    """For a deadline: new minus old, in days."""


@dataclass(frozen=True)
class ItemHistory:
    postmortem_id: str
    id: str
    first_deadline: date | None
    deadline: date | None
    first_owner: str | None
    owner: str | None
    status: str | None
    deadline_moves: tuple[Move, ...] = ()
    owner_changes: tuple[Move, ...] = ()
    done_at: datetime | None = None

    @property
    def key(self) -> str:
        return item_key(self.postmortem_id, self.id)

    @property
    def days_moved(self) -> int:
        """Net days the deadline moved from the first one (later is positive)."""
        if self.first_deadline is None or self.deadline is None:
            return 0
        return (self.deadline - self.first_deadline).days

    @property
    def done_vs_first_deadline(self) -> int | None:
        """Days from the first deadline to the commit that marked it done (negative: early)."""
        if self.done_at is None or self.first_deadline is None:
            return None
        return (self.done_at.date() - self.first_deadline).days


@dataclass(frozen=True)
class ReportHistory:
    id: str
    path: str
    resolved_at: datetime | None
    first_commit_at: datetime
    in_review_at: datetime | None
    published_at: datetime | None
    status: str | None

    def hours_to(self, moment: datetime | None) -> float | None:
        if moment is None or self.resolved_at is None:
            return None
        return round((moment - self.resolved_at).total_seconds() / 3600, 1)


@dataclass(frozen=True)
class History:
    reports: tuple[ReportHistory, ...]
    items: tuple[ItemHistory, ...]
    revisions: int = 0
    broken: tuple[tuple[str, str], ...] = ()
    """(path, commit) of revisions that did not parse as a post-mortem."""
    generated_at: datetime | None = None
    publish_sla_hours: float = 48
    extra: Mapping[str, Any] = field(default_factory=dict)


_TOP_KEY = re.compile(rb"^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:", re.MULTILINE)
_WANTED = frozenset((b"id", b"status", b"incident", b"action_items"))
MAX_BYTES = 2 * 1024 * 1024


def cut_top_level(content: bytes, keys: frozenset[bytes]) -> bytes | None:
    """Only the top-level sections named by `keys`, cut out of a block-YAML file, or None if it cannot be cut.

    A long history parses each report dozens of times, and the timeline and the narrative are most
    of each file. Top-level keys start at column 0 in block YAML; a file this cannot cut safely
    (flow style at the top, document markers, tabs) is parsed whole by the caller.
    """
    if b"\t" in content or b"\n---" in content or content.lstrip().startswith((b"{", b"---", b"[")):
        return None
    starts = [(match.start(), match[1]) for match in _TOP_KEY.finditer(content)]
    if not starts:
        return None
    ends = [start for start, _ in starts[1:]] + [len(content)]
    return b"".join(content[start:end] for (start, key), end in zip(starts, ends, strict=True) if key in keys)


def _wanted_part(content: bytes) -> bytes | None:
    return cut_top_level(content, _WANTED)


def state_of(content: bytes, path: str) -> ReportState | None:
    """What one revision says, or None when it is not a readable post-mortem."""
    if len(content) > MAX_BYTES:
        return None
    loaded = load_yaml(path, _wanted_part(content) or content)
    data = None if loaded.findings else loaded.data
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        return None
    incident: dict[str, Any] = data["incident"] if isinstance(data.get("incident"), dict) else {}
    items: dict[str, ItemState] = {}
    for raw in data.get("action_items") or ():
        if isinstance(raw, dict) and isinstance(raw.get("id"), str):
            owner = raw.get("owner")
            items[raw["id"]] = ItemState(
                _date(raw.get("deadline")),
                normalise_handle(owner) if isinstance(owner, str) and owner else None,
                raw.get("status") if isinstance(raw.get("status"), str) else None,
            )
    status = data.get("status") if isinstance(data.get("status"), str) else None
    return ReportState(data["id"], status, _timestamp(incident.get("resolved_at")), items)


def _date(value: Any) -> date | None:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _timestamp(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value.astimezone(UTC) if value.tzinfo else None
    try:
        return parse_timestamp(value) if isinstance(value, str) else None
    except (ValueError, OverflowError):
        return None


@dataclass
class _Item:
    postmortem_id: str
    id: str
    first: ItemState
    last: ItemState
    deadline_moves: list[Move] = field(default_factory=list)
    owner_changes: list[Move] = field(default_factory=list)
    done_at: datetime | None = None


@dataclass
class _Report:
    id: str
    path: str
    first_commit_at: datetime
    state: ReportState
    in_review_at: datetime | None = None
    published_at: datetime | None = None


REVIEWED = ("in-review", "published")


def build_history(revisions: Iterable[Revision], publish_sla_hours: float = 48) -> History:
    """The measures of every report and item, from their revisions oldest first."""
    reports: dict[str, _Report] = {}
    items: dict[tuple[str, str], _Item] = {}
    broken: list[tuple[str, str]] = []
    count = 0
    parsed: dict[bytes, ReportState | None] = {}
    with cyclic_gc_paused():  # node trees are acyclic and freed by reference counting
        for revision in revisions:
            count += 1
            if revision.content is None:
                continue
            if revision.content not in parsed:
                parsed[revision.content] = state_of(revision.content, revision.path)
            state = parsed[revision.content]
            if state is None:
                broken.append((revision.path, revision.commit))
                continue
            _add(reports, items, state, revision)
    return History(
        reports=tuple(
            ReportHistory(
                r.id, r.path, r.state.resolved_at, r.first_commit_at, r.in_review_at, r.published_at, r.state.status
            )
            for r in reports.values()
        ),
        items=tuple(
            ItemHistory(
                i.postmortem_id,
                i.id,
                i.first.deadline,
                i.last.deadline,
                i.first.owner,
                i.last.owner,
                i.last.status,
                tuple(i.deadline_moves),
                tuple(i.owner_changes),
                i.done_at,
            )
            for i in items.values()
        ),
        revisions=count,
        broken=tuple(broken),
        publish_sla_hours=publish_sla_hours,
    )


def _add(reports: dict[str, _Report], items: dict[tuple[str, str], _Item], state: ReportState, rev: Revision) -> None:
    at = rev.committed_at
    report = reports.get(state.id)
    if report is None:
        report = reports[state.id] = _Report(state.id, rev.path, at, state)
    report.state, report.path = state, rev.path
    if report.in_review_at is None and state.status in REVIEWED:
        report.in_review_at = at
    if report.published_at is None and state.status == "published":
        report.published_at = at
    for item_id, now in state.items.items():
        item = items.get((state.id, item_id))
        if item is None:
            items[(state.id, item_id)] = _Item(
                state.id, item_id, now, now, done_at=at if now.status == "done" else None
            )
            continue
        before = item.last
        if now.deadline != before.deadline and now.deadline is not None and before.deadline is not None:
            days = (now.deadline - before.deadline).days
            item.deadline_moves.append(Move(at, rev.commit, str(before.deadline), str(now.deadline), days))
        if now.owner != before.owner and now.owner is not None and before.owner is not None:
            item.owner_changes.append(Move(at, rev.commit, before.owner, now.owner))
        if now.status == "done" and before.status != "done" and item.done_at is None:
            item.done_at = at
        if item.first.deadline is None and now.deadline is not None:
            item.first = ItemState(now.deadline, item.first.owner or now.owner, item.first.status)
        item.last = now
