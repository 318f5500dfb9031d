"""The changes the overdue job plans, each a `tracker.change.Change`.

The job's memory is the `reminded` line in the block of each issue body (see
`tracker.markers`): the listing already returns it, so a run that changes nothing reads no
comments. Posting a tier comment is one change of two writes: the comment, then the `reminded`
line. Before posting it reads the issue's comments once and skips the comment when one by the
tool's own identity already has this tier (a run cut off between the two writes, or issues from
before the `reminded` line existed); markers in anyone else's comments are never trusted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from pm_pipeline.tracker.change import Landed
from pm_pipeline.tracker.markers import DIGEST_MARKER, TierMarker, parse_tier_markers, same_text, set_reminded
from pm_pipeline.tracker.store import IssueStore, UncertainWrite
from pm_pipeline.tracker.trust import NOBODY, Trust


class _Write:
    def verify(self, store: IssueStore) -> Landed:
        return Landed(False)


@dataclass(frozen=True)
class AddLabel(_Write):
    issue: int
    key: str
    label: str
    action = "add-label"
    symbol = "+"
    cost = 1

    def describe(self) -> str:
        return f"#{self.issue} label {self.label}"

    def perform(self, store: IssueStore) -> None:
        store.add_labels(self.issue, [self.label])

    def as_json(self) -> dict[str, Any]:
        return {"issue": self.issue, "label": self.label}


@dataclass(frozen=True)
class RemoveLabel(_Write):
    issue: int
    key: str
    label: str
    action = "remove-label"
    symbol = "-"
    cost = 1

    def describe(self) -> str:
        return f"#{self.issue} label {self.label}"

    def perform(self, store: IssueStore) -> None:
        store.remove_label(self.issue, self.label)

    def as_json(self) -> dict[str, Any]:
        return {"issue": self.issue, "label": self.label}


@dataclass(frozen=True)
class PostComment(_Write):
    issue: int
    key: str
    tier: int
    mentions: tuple[str, ...]
    body: str
    deadline: date = date.min
    trust: Trust = NOBODY
    action = "comment"
    symbol = "+"
    cost = 2  # the comment and the `reminded` line

    def describe(self) -> str:
        return f"#{self.issue} tier {self.tier} mentions {' '.join(self.mentions)}"

    def perform(self, store: IssueStore) -> None:
        marker = TierMarker(self.key, self.deadline, self.tier)
        if not self._posted(store, marker):
            try:
                store.create_comment(self.issue, self.body)
            except UncertainWrite:
                if not self._posted(store, marker):
                    raise
        current = store.get_issue(self.issue).body
        recorded = set_reminded(current, marker)
        if not same_text(recorded, current):
            store.edit_issue(self.issue, body=recorded)

    def as_json(self) -> dict[str, Any]:
        return {"issue": self.issue, "tier": self.tier, "mentions": list(self.mentions)}

    def _posted(self, store: IssueStore, marker: TierMarker) -> bool:
        mine = [c.body for c in store.list_comments(self.issue) if self.trust.comment(c)]
        return any(
            m.key == marker.key and m.deadline == marker.deadline and m.tier >= marker.tier
            for m in parse_tier_markers(mine)
        )


@dataclass(frozen=True)
class CreateDigest:
    title: str
    body: str
    labels: tuple[str, ...] = ()
    trust: Trust = NOBODY
    key = "digest"
    action = "create-digest"
    symbol = "+"
    cost = 1

    def describe(self) -> str:
        return f'"{self.title}"'

    def perform(self, store: IssueStore) -> None:
        store.create_issue(self.title, self.body, self.labels, ())

    def verify(self, store: IssueStore) -> Landed:
        label = self.labels[0] if self.labels else None
        recent = store.recent_issues(label) if label else store.search_body(DIGEST_MARKER)
        return Landed(any(DIGEST_MARKER in issue.body and self.trust(issue) for issue in recent))

    def as_json(self) -> dict[str, Any]:
        return {"title": self.title}


@dataclass(frozen=True)
class UpdateDigest(_Write):
    issue: int
    title: str
    body: str
    reopen: bool = False
    key = "digest"
    action = "update-digest"
    symbol = "~"
    cost = 1

    def describe(self) -> str:
        return f'#{self.issue} "{self.title}" (body changed{", reopened" if self.reopen else ""})'

    def perform(self, store: IssueStore) -> None:
        store.edit_issue(self.issue, title=self.title, body=self.body, state="open" if self.reopen else None)

    def as_json(self) -> dict[str, Any]:
        return {"issue": self.issue, "title": self.title, "reopen": self.reopen}


OverdueChange = AddLabel | RemoveLabel | PostComment | CreateDigest | UpdateDigest
