"""Apply: carry out a plan's writes through a store, in order. The only writer; it never re-decides.

A run stops at the first StopRun (budget spent, rate limit far from reset, server failing) and
reports what it did; the next run's plan picks up the rest. An uncertain create is checked
against the newest managed issues before it is tried again, so a 5xx or timeout after GitHub
created the issue never leaves a duplicate.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from pm_pipeline.sync.block import find_block
from pm_pipeline.sync.plan import (
    COMMENT_MARKER,
    Change,
    Close,
    Create,
    LabelRemoved,
    Plan,
    Reopen,
    Trust,
    Update,
)
from pm_pipeline.sync.store import (
    IssueStore,
    ObservedIssue,
    Rejected,
    ServerFailing,
    StopRun,
    UncertainWrite,
)


@dataclass
class ApplyResult:
    done: list[Change] = field(default_factory=list)
    failed: list[tuple[Change, str]] = field(default_factory=list)
    stopped: str | None = None  # why the run ended early
    skipped: int = 0  # writing changes not attempted after a stop
    issues: dict[str, ObservedIssue] = field(default_factory=dict)  # key -> issue as last seen
    writes: int = 0
    recovered: list[str] = field(default_factory=list)  # keys whose uncertain create was found on GitHub

    @property
    def ok(self) -> bool:
        return self.stopped is None and not self.failed

    def count(self, action: str) -> int:
        return sum(1 for change in self.done if change.action == action)


def apply_plan(plan: Plan, store: IssueStore, *, label: str, trusted: Trust) -> ApplyResult:
    """Carry out plan.writes in order; see the module docstring for how it stops."""
    result = ApplyResult(issues=dict(plan.matched))
    writes = plan.writes
    start = store.budget.used
    for index, change in enumerate(writes):
        try:
            issue = _apply(change, store, label, trusted, result)
        except StopRun as error:
            result.stopped = str(error)
            result.skipped = len(writes) - index
            break
        except (Rejected, UncertainWrite) as error:
            result.failed.append((change, str(error)))
            continue
        result.done.append(change)
        if issue is not None:
            result.issues[change.key] = issue
    result.writes = store.budget.used - start
    return result


def _apply(change: Change, store: IssueStore, label: str, trusted: Trust, result: ApplyResult) -> ObservedIssue | None:
    if isinstance(change, Create):
        return _create(change, store, label, trusted, result)
    if isinstance(change, LabelRemoved):
        store.add_labels(change.number, [change.label])
        return None
    if isinstance(change, Close):
        if change.comment is not None:
            _comment_once(store, change.number, change.comment, change.key)
        issue = store.edit_issue(
            change.number, title=change.title, body=change.body, state="closed", state_reason=change.state_reason
        )
        return _labels(store, change, issue)
    if isinstance(change, Reopen):
        issue = store.edit_issue(change.number, title=change.title, body=change.body, state="open")
        return _labels(store, change, issue)
    if isinstance(change, Update):
        current = result.issues.get(change.key)
        if change.title is not None or change.body is not None:
            current = store.edit_issue(change.number, title=change.title, body=change.body)
        return _labels(store, change, current)
    return None


def _create(change: Create, store: IssueStore, label: str, trusted: Trust, result: ApplyResult) -> ObservedIssue:
    try:
        return _create_once(change, store)
    except UncertainWrite:
        found = _find_created(change.key, store, label, trusted)
        if found is not None:
            result.recovered.append(change.key)
            return found
    try:
        return _create_once(change, store)
    except UncertainWrite as error:
        raise ServerFailing(f"creating the issue for {change.key} failed twice: {error}") from error


def _create_once(change: Create, store: IssueStore) -> ObservedIssue:
    try:
        return store.create_issue(change.title, change.body, change.labels, change.assignees)
    except Rejected as error:
        if change.assignees and error.status == 422 and "assignees" in error.fields:
            return store.create_issue(change.title, change.body, change.labels, ())
        raise


def _find_created(key: str, store: IssueStore, label: str, trusted: Trust) -> ObservedIssue | None:
    """The issue an uncertain create may have made: the newest managed issues, looked at once."""
    for issue in sorted(store.recent_issues(label), key=lambda issue: (issue.created_at, issue.number)):
        block = find_block(issue.body)
        if block is not None and block.key == key and trusted(issue):
            return issue
    return None


def _comment_once(store: IssueStore, number: int, body: str, key: str) -> None:
    """Post a comment unless an earlier, interrupted run already did."""
    marker = COMMENT_MARKER.format(key=key)
    if any(marker in comment.body for comment in store.list_comments(number)):
        return
    try:
        store.create_comment(number, body)
    except UncertainWrite:
        if not any(marker in comment.body for comment in store.list_comments(number)):
            raise


def _labels(store: IssueStore, change: Update, issue: ObservedIssue | None) -> ObservedIssue | None:
    if change.add_labels:
        store.add_labels(change.number, change.add_labels)
    for name in change.remove_labels:
        store.remove_label(change.number, name)
    if issue is None or not (change.add_labels or change.remove_labels):
        return issue
    gone = {name.lower() for name in change.remove_labels}
    kept = tuple(name for name in issue.labels if name.lower() not in gone)
    added = tuple(name for name in change.add_labels if name.lower() not in {k.lower() for k in kept})
    return replace(issue, labels=kept + added)
