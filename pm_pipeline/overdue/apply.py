"""Carry out a follow-up plan through an IssueStore, in order, one write per change.

Apply never re-decides. The only look it takes is after an uncertain write (a comment or the
digest that may have been created before the connection dropped): it reads back before
counting the change as failed, so a retry never posts twice. A spent budget, a rate limit
far from reset or a failing server stop the run; the next run picks up from what is on GitHub.
"""

from __future__ import annotations

from pm_pipeline.overdue.markers import DIGEST_MARKER, TierMarker, parse_tier_markers
from pm_pipeline.overdue.outcome import Failed, Outcome
from pm_pipeline.overdue.plan import (
    AddLabel,
    Change,
    CreateDigest,
    Plan,
    PostComment,
    RemoveLabel,
    UpdateDigest,
)
from pm_pipeline.sync.store import IssueStore, Rejected, StopRun, UncertainWrite


def apply_plan(plan: Plan, store: IssueStore) -> Outcome:
    done: list[Change] = []
    failed: list[Failed] = []
    for index, change in enumerate(plan.changes):
        try:
            if _perform(change, store):
                done.append(change)
            else:
                failed.append(Failed(change, "the write may not have happened; the next run checks again"))
        except StopRun as stop:
            return Outcome(tuple(done), tuple(failed), str(stop), len(plan.changes) - index)
        except Rejected as error:
            failed.append(Failed(change, str(error)))
    return Outcome(tuple(done), tuple(failed))


def _perform(change: Change, store: IssueStore) -> bool:
    """Carry out one change; False when it may or may not have happened."""
    if isinstance(change, AddLabel):
        store.add_labels(change.issue, [change.label])
    elif isinstance(change, RemoveLabel):
        store.remove_label(change.issue, change.label)
    elif isinstance(change, PostComment):
        return _comment(change, store)
    elif isinstance(change, UpdateDigest):
        store.edit_issue(change.issue, title=change.title, body=change.body, state="open" if change.reopen else None)
    elif isinstance(change, CreateDigest):
        return _create_digest(change, store)
    return True


def _comment(change: PostComment, store: IssueStore) -> bool:
    try:
        store.create_comment(change.issue, change.body)
    except UncertainWrite:
        wanted = parse_tier_markers([change.body])
        posted = parse_tier_markers(comment.body for comment in store.list_comments(change.issue))
        return _all_in(wanted, posted)
    return True


def _create_digest(change: CreateDigest, store: IssueStore) -> bool:
    try:
        store.create_issue(change.title, change.body, change.labels, ())
    except UncertainWrite:
        label = change.labels[0] if change.labels else None
        recent = store.recent_issues(label) if label else store.search_body(DIGEST_MARKER)
        return any(DIGEST_MARKER in issue.body for issue in recent)
    return True


def _all_in(wanted: frozenset[TierMarker], posted: frozenset[TierMarker]) -> bool:
    return bool(wanted) and wanted <= posted
