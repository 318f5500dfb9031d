"""The plan: desired issues against the issues listed once, as ordered Change values. Pure.

Apply carries a plan out and never re-decides; everything a write needs (the full new body,
the labels to add and remove) is computed here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from pm_pipeline.inert import inert_text
from pm_pipeline.sync.changes import (
    COMMENT_MARKER,
    Close,
    CloseDuplicate,
    Create,
    Drift,
    Duplicate,
    Ignored,
    LabelRemoved,
    Reopen,
    SyncChange,
    Update,
)
from pm_pipeline.sync.desired import DesiredIssue, creation_body
from pm_pipeline.tracker.markers import find_block, same_text, splice
from pm_pipeline.tracker.store import ObservedIssue
from pm_pipeline.tracker.trust import Trust

Change = SyncChange
ORDER = ("create", "update", "close", "reopen", "label", "dedupe", "drift", "duplicate", "ignored")
WRITING = frozenset(ORDER[:6])


@dataclass(frozen=True)
class Plan:
    changes: tuple[Change, ...]
    unchanged: int
    untracked: int  # done or not-doing items that never had an issue: none is created for them
    matched: Mapping[str, ObservedIssue] = field(default_factory=dict)
    listed: int = 0
    held: int = 0  # issues of items missing from the YAML, not labelled removed: some file did not load

    @property
    def writes(self) -> tuple[Change, ...]:
        return tuple(change for change in self.changes if change.cost > 0)

    def of(self, action: str) -> list[Change]:
        return [change for change in self.changes if change.action == action]

    def count(self, action: str) -> int:
        return len(self.of(action))

    @property
    def drift(self) -> dict[str, Drift]:
        return {change.key: change for change in self.changes if isinstance(change, Drift)}

    @property
    def is_empty(self) -> bool:
        return not self.writes


def make_plan(
    desired: Iterable[DesiredIssue],
    observed: Iterable[ObservedIssue],
    *,
    trusted: Trust,
    removed_label: str,
    complete: bool = True,
    label: str = "",
) -> Plan:
    """Compare desired issues with the observed ones.

    complete: every post-mortem file was read and loaded. When one was not (unreadable, or failing
    the schema) no issue is labelled removed: the item missing here may be in that file (the file
    broken for one commit, or the item moved there with `renamed_from`). Those issues are counted
    in `Plan.held`.
    """
    wanted = list(desired)
    kept, extras = match_issues(observed, trusted)
    changes: list[Change] = list(extras)
    unchanged = untracked = held = 0
    wanted_keys = {item.key for item in wanted}
    renamed = claim_renamed(wanted, kept)
    for item in wanted:
        issue = kept.get(item.key)
        if issue is None:
            if item.state == "open":
                body = creation_body(item)
                changes.append(Create(item.key, item.title, body, item.labels, item.assignees, label, trusted))
            else:
                untracked += 1
            continue
        found = compare(item, issue, removed_label, trusted, renamed.get(item.key))
        changes.extend(found)
        unchanged += not any(change.cost for change in found)
    for key, issue in kept.items():
        if key in wanted_keys:
            continue
        if issue.has_label(removed_label):
            unchanged += 1
        elif not complete:
            held += 1
        else:
            changes.append(LabelRemoved(key, issue.number, issue.url, removed_label))
    ordered = sorted(changes, key=lambda change: (ORDER.index(change.action), change.key, _number(change)))
    matched = {key: issue for key, issue in kept.items() if key in wanted_keys}
    return Plan(tuple(ordered), unchanged, untracked, matched, listed=len(kept), held=held)


def claim_renamed(wanted: list[DesiredIssue], kept: dict[str, ObservedIssue]) -> dict[str, str]:
    """Give each renamed item without an issue of its own the issue of its first previous key that
    no current item uses; `kept` is re-keyed in place. Returns new key -> old key."""
    wanted_keys = {item.key for item in wanted}
    renamed: dict[str, str] = {}
    for item in wanted:
        if item.key in kept:
            continue
        for old in item.previous_keys:
            if old in kept and old not in wanted_keys:
                kept[item.key] = kept.pop(old)
                renamed[item.key] = old
                break
    return renamed


def compare(
    item: DesiredIssue,
    issue: ObservedIssue,
    removed_label: str,
    trust: Trust | None = None,
    renamed_from: str | None = None,
) -> list[Change]:
    """The changes that bring one matched issue in line with its desired state (empty: unchanged)."""
    block = find_block(issue.body)
    applied = block.applied if block is not None else None
    ours = {label.lower() for label in (applied.labels if applied else ())} | {removed_label.lower()}
    want = {label.lower() for label in item.labels}
    remove = tuple(label for label in issue.labels if label.lower() in ours and label.lower() not in want)
    add = tuple(label for label in item.labels if not issue.has_label(label))
    title = item.title if issue.title != item.title else None
    new_body = splice(issue.body, item.block)
    body = None if same_text(new_body, issue.body) else new_body
    last_status = applied.status if applied else "open"
    args = (item.key, issue.number, issue.url, title, body, add, remove)
    if item.state != issue.state:
        if last_status != item.status and item.state == "closed":
            comment = not_planned_comment(item) if item.state_reason == "not_planned" else None
            return [
                Close(
                    *args,
                    state_reason=item.state_reason or "completed",
                    comment=comment,
                    reason=item.reason if comment else None,
                    block=item.block,
                    renamed_from=renamed_from,
                    trust=trust or Trust(),
                )
            ]
        if last_status != item.status:
            return [Reopen(*args, block=item.block, renamed_from=renamed_from)]
        who = "closed" if issue.state == "closed" else "reopened"
        changes: list[Change] = [
            Drift(
                item.key,
                issue.number,
                issue.url,
                issue.state,
                f"{who} on GitHub while the YAML says {item.status}; left {issue.state}",
            )
        ]
        if title or body or add or remove:
            changes.append(Update(*args, block=item.block, renamed_from=renamed_from))
        return changes
    if title or body or add or remove:
        return [Update(*args, block=item.block, renamed_from=renamed_from)]
    return []


def not_planned_comment(item: DesiredIssue) -> str:
    reason = inert_text(item.reason) if item.reason else "no reason given"
    return f"{COMMENT_MARKER.format(key=item.key)}\nClosed as not planned: {reason}"


def match_issues(observed: Iterable[ObservedIssue], trusted: Trust) -> tuple[dict[str, ObservedIssue], list[Change]]:
    """The oldest trusted issue per key; the other trusted ones are duplicates, untrusted ones ignored."""
    by_key: dict[str, list[ObservedIssue]] = {}
    extras: list[Change] = []
    seen: set[int] = set()
    for issue in observed:
        if issue.number in seen:
            continue
        seen.add(issue.number)
        block = find_block(issue.body)
        if block is None:
            continue
        if not trusted(issue):
            extras.append(Ignored(block.key, issue.number, issue.url, issue.author))
            continue
        by_key.setdefault(block.key, []).append(issue)
    kept: dict[str, ObservedIssue] = {}
    for key, issues in by_key.items():
        oldest, *rest = sorted(issues, key=lambda issue: (issue.created_at, issue.number))
        kept[key] = oldest
        extras.extend(
            _duplicate(key, issue, oldest.number, trusted) for issue in rest if not _closed_as_duplicate(issue)
        )
    return kept, extras


def duplicates_of(observed: Iterable[ObservedIssue], keys: Iterable[str], trusted: Trust) -> list[Change]:
    """The open duplicates among the issues of these keys (after this run created some)."""
    wanted = set(keys)
    _, extras = match_issues(observed, trusted)
    return [change for change in extras if isinstance(change, CloseDuplicate) and change.key in wanted]


def _duplicate(key: str, issue: ObservedIssue, kept: int, trusted: Trust) -> Change:
    """An open duplicate is closed as one; a closed one (a person closed it) is only reported."""
    if issue.state == "open":
        return CloseDuplicate(key, issue.number, issue.url, kept, trusted)
    return Duplicate(key, issue.number, issue.url, kept)


def _closed_as_duplicate(issue: ObservedIssue) -> bool:
    return issue.state == "closed" and issue.state_reason == "duplicate"


def _number(change: Change) -> int:
    return getattr(change, "number", 0)
