"""The changes sync plans, each a `tracker.change.Change`: what it does to one issue and how.

Body writes re-read the issue first and splice the block into the body as it is now, so a
concurrent overdue run's `reminded` line or a person's edit made after the listing is kept.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from pm_pipeline.tracker.change import Landed
from pm_pipeline.tracker.markers import find_block, same_text, splice
from pm_pipeline.tracker.store import IssueStore, ObservedIssue, Rejected, UncertainWrite
from pm_pipeline.tracker.trust import NOBODY, Trust

COMMENT_MARKER = "<!-- pm-pipeline:comment key={key} kind=not-doing -->"
DUPLICATE_MARKER = "<!-- pm-pipeline:comment key={key} kind=duplicate -->"


@dataclass(frozen=True)
class Create:
    key: str
    title: str
    body: str
    labels: tuple[str, ...]
    assignees: tuple[str, ...]
    label: str = ""  # the managed label, to list the newest issues after an uncertain create
    trust: Trust = NOBODY
    action = "create"
    symbol = "+"
    cost = 1

    def describe(self) -> str:
        return f'"{self.title}"'

    def perform(self, store: IssueStore) -> ObservedIssue:
        """Create the issue, assigned to the owner when GitHub lets them be assigned (asked once per
        owner and run, so an owner outside the repository costs one write, not a refused one too)."""
        assignees = tuple(login for login in self.assignees if store.can_assign(login))
        try:
            return store.create_issue(self.title, self.body, self.labels, assignees)
        except Rejected as error:
            if assignees and error.status == 422 and "assignees" in error.fields:
                return store.create_issue(self.title, self.body, self.labels, ())
            raise

    def verify(self, store: IssueStore) -> Landed:
        """The newest managed issues, for one with this key by a trusted author: looked at at once,
        then again after each of the store's pauses, since a slow create may land after the client
        gave up and the listing may show it late."""
        attempt = 0
        while True:
            for issue in sorted(store.recent_issues(self.label), key=lambda issue: (issue.created_at, issue.number)):
                block = find_block(issue.body)
                if block is not None and block.key == self.key and self.trust(issue):
                    return Landed(True, issue)
            attempt += 1
            if not store.pause(attempt):
                return Landed(False)

    def as_json(self) -> dict[str, Any]:
        return {"title": self.title, "labels": list(self.labels), "assignees": list(self.assignees)}


@dataclass(frozen=True)
class Update:
    """Fields of one issue to bring back in line; title/body None when already right."""

    key: str
    number: int
    url: str
    title: str | None = None
    body: str | None = None
    add_labels: tuple[str, ...] = ()
    remove_labels: tuple[str, ...] = ()
    block: str = ""  # the desired block, spliced into the body as it is when written
    renamed_from: str | None = None  # the key the issue carried before (the item was renamed)
    action = "update"
    symbol = "~"

    @property
    def fields(self) -> tuple[str, ...]:
        named = (
            ("title", self.title is not None),
            ("body", self.body is not None),
            ("labels", bool(self.add_labels or self.remove_labels)),
        )
        return tuple(name for name, changed in named if changed)

    @property
    def cost(self) -> int:
        edits = int(self.title is not None or self.body is not None)
        return edits + int(bool(self.add_labels)) + len(self.remove_labels)

    def describe(self) -> str:
        return f"#{self.number} {', '.join(self.fields)}{_label_delta(self)}{_was(self)}"

    def perform(self, store: IssueStore) -> ObservedIssue | None:
        issue = None
        title, body = self.title, self._fresh_body(store)
        if title is not None or body is not None:
            issue = store.edit_issue(self.number, title=title, body=body)
        return self._labels(store, issue)

    def verify(self, store: IssueStore) -> Landed:
        return Landed(False)

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"number": self.number, "url": self.url, "fields": list(self.fields)}
        data |= {"add_labels": list(self.add_labels), "remove_labels": list(self.remove_labels)}
        data |= {"renamed_from": self.renamed_from} if self.renamed_from else {}
        return data | ({"title": self.title} if self.title is not None else {})

    def _fresh_body(self, store: IssueStore) -> str | None:
        """The new body from the issue as it is now (None: already right)."""
        if self.body is None or not self.block:
            return self.body
        current = store.get_issue(self.number).body
        wanted = splice(current, self.block)
        return None if same_text(wanted, current) else wanted

    def _labels(self, store: IssueStore, issue: ObservedIssue | None) -> ObservedIssue | None:
        if self.add_labels:
            store.add_labels(self.number, self.add_labels)
        for name in self.remove_labels:
            store.remove_label(self.number, name)
        if issue is None or not (self.add_labels or self.remove_labels):
            return issue
        gone = {name.lower() for name in self.remove_labels}
        kept = tuple(name for name in issue.labels if name.lower() not in gone)
        added = tuple(name for name in self.add_labels if name.lower() not in {k.lower() for k in kept})
        return replace(issue, labels=kept + added)


@dataclass(frozen=True)
class Close(Update):
    """Close as `completed` or `not_planned` (with the reason as a comment), fields updated in the same edit."""

    state_reason: str = "completed"
    comment: str | None = None
    reason: str | None = None
    trust: Trust = NOBODY
    action = "close"
    symbol = "-"

    @property
    def cost(self) -> int:
        return 1 + int(bool(self.add_labels)) + len(self.remove_labels) + int(self.comment is not None)

    def describe(self) -> str:
        how = "as completed" if self.state_reason == "completed" else "as not planned"
        how += f" ({self.reason})" if self.reason else ""
        extra = f"; also {', '.join(self.fields)}" if self.fields else ""
        return f"#{self.number} {how}{extra}{_was(self)}"

    def perform(self, store: IssueStore) -> ObservedIssue | None:
        if self.comment is not None:
            self._comment_once(store, self.comment)
        body = self._fresh_body(store)
        issue = store.edit_issue(
            self.number, title=self.title, body=body, state="closed", state_reason=self.state_reason
        )
        return self._labels(store, issue)

    def as_json(self) -> dict[str, Any]:
        return (
            super().as_json() | {"state_reason": self.state_reason} | ({"reason": self.reason} if self.reason else {})
        )

    def _comment_once(self, store: IssueStore, body: str) -> None:
        """Post the comment unless an earlier, interrupted run already did (as the tool's identity)."""
        marker = COMMENT_MARKER.format(key=self.key)

        def posted() -> bool:
            return any(marker in c.body and self.trust.comment(c) for c in store.list_comments(self.number))

        if posted():
            return
        try:
            store.create_comment(self.number, body)
        except UncertainWrite:
            if not posted():
                raise


@dataclass(frozen=True)
class Reopen(Update):
    """The YAML went back to `open` after the tool had closed the issue."""

    action = "reopen"
    symbol = "^"

    @property
    def cost(self) -> int:
        return 1 + int(bool(self.add_labels)) + len(self.remove_labels)

    def perform(self, store: IssueStore) -> ObservedIssue | None:
        issue = store.edit_issue(self.number, title=self.title, body=self._fresh_body(store), state="open")
        return self._labels(store, issue)


@dataclass(frozen=True)
class LabelRemoved:
    """The action item left the YAML: label its issue, never delete or close it."""

    key: str
    number: int
    url: str
    label: str
    action = "label"
    symbol = "#"
    cost = 1

    def describe(self) -> str:
        return f"#{self.number} removed from the YAML: add label {self.label!r}, left open"

    def perform(self, store: IssueStore) -> None:
        store.add_labels(self.number, [self.label])

    def verify(self, store: IssueStore) -> Landed:
        return Landed(False)

    def as_json(self) -> dict[str, Any]:
        return {"number": self.number, "url": self.url, "label": self.label}


@dataclass(frozen=True)
class _Report:
    """A finding reported, never performed."""

    key: str
    number: int
    url: str
    cost = 0

    def perform(self, store: IssueStore) -> None:
        return None

    def verify(self, store: IssueStore) -> Landed:
        return Landed(False)

    def as_json(self) -> dict[str, Any]:
        fields = {name: getattr(self, name) for name in self.__dataclass_fields__ if name != "key"}
        return {name: value for name, value in fields.items() if value is not None}


@dataclass(frozen=True)
class Drift(_Report):
    """A person closed or reopened the issue against the YAML: reported, never fought."""

    state: str  # the issue's real state
    note: str
    action = "drift"
    symbol = "!"

    def describe(self) -> str:
        return f"#{self.number} {self.note}"


@dataclass(frozen=True)
class Duplicate(_Report):
    """A second issue carrying the marker of an item: the oldest is kept, the rest reported."""

    kept: int
    action = "duplicate"
    symbol = "!"

    def describe(self) -> str:
        return f"#{self.number} duplicates #{self.kept} (the oldest is kept); close it by hand"


@dataclass(frozen=True)
class Ignored(_Report):
    """An issue with a marker the tool did not write (another author): never matched or edited."""

    author: str
    action = "ignored"
    symbol = "?"

    def describe(self) -> str:
        return f"#{self.number} carries this marker but was opened by @{self.author}, not pm-pipeline"


@dataclass(frozen=True)
class CloseDuplicate:
    """A second open issue for one item (two runs created it at once, or a create was repeated):
    say which issue is kept, then close this one as a duplicate. The oldest issue is always the one
    kept, so concurrent runs agree on which to close."""

    key: str
    number: int
    url: str
    kept: int
    trust: Trust = NOBODY
    action = "dedupe"
    symbol = "-"
    cost = 2

    def describe(self) -> str:
        return f"#{self.number} duplicates #{self.kept} (the oldest is kept): close it as a duplicate"

    def comment(self) -> str:
        return (
            f"{DUPLICATE_MARKER.format(key=self.key)}\nDuplicate of #{self.kept}. pm-pipeline created two issues "
            f"for `{self.key}` (two runs at once, or a create whose answer was lost); #{self.kept} is the older "
            "one and stays the item's issue, so this one is closed."
        )

    def perform(self, store: IssueStore) -> ObservedIssue | None:
        marker = DUPLICATE_MARKER.format(key=self.key)

        def posted() -> bool:
            return any(marker in c.body and self.trust.comment(c) for c in store.list_comments(self.number))

        if not posted():
            try:
                store.create_comment(self.number, self.comment())
            except UncertainWrite:
                if not posted():
                    raise
        store.edit_issue(self.number, state="closed", state_reason="duplicate")
        return None

    def verify(self, store: IssueStore) -> Landed:
        return Landed(False)

    def as_json(self) -> dict[str, Any]:
        return {"number": self.number, "url": self.url, "kept": self.kept}


SyncChange = Create | Update | Close | Reopen | LabelRemoved | Drift | Duplicate | CloseDuplicate | Ignored


def _label_delta(change: Update) -> str:
    delta = [f"+{name}" for name in change.add_labels] + [f"-{name}" for name in change.remove_labels]
    return f" ({', '.join(delta)})" if delta else ""


def _was(change: Update) -> str:
    return f"; renamed from {change.renamed_from}, the issue keeps its history" if change.renamed_from else ""
