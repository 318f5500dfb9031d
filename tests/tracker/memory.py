"""An in-memory IssueStore for the tracker's unit tests: every write spends the budget, failures
can be scripted per call, and every call is recorded."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from pm_pipeline.tracker.policy import WriteBudget
from pm_pipeline.tracker.store import IssueComment, ObservedIssue

START = datetime(2025, 1, 1, tzinfo=UTC)


@dataclass
class MemoryStore:
    login: str | None = "pm-bot"
    budget_: WriteBudget = field(default_factory=lambda: WriteBudget(50))
    issues: dict[int, ObservedIssue] = field(default_factory=dict)
    comments: dict[int, list[IssueComment]] = field(default_factory=dict)
    calls: list[str] = field(default_factory=list)
    fail: dict[str, Callable[[], None]] = field(default_factory=dict)  # method -> raises once

    @property
    def repository(self) -> str | None:
        return "o/r"

    @property
    def budget(self) -> WriteBudget:
        return self.budget_

    def _call(self, name: str, write: bool = False) -> None:
        self.calls.append(name)
        if write:
            self.budget_.spend()
        if name in self.fail:
            self.fail.pop(name)()

    def add(self, body: str, *, author: str | None = None, labels: Sequence[str] = ("post-mortem",)) -> ObservedIssue:
        number = len(self.issues) + 1
        issue = ObservedIssue(number, f"https://x/{number}", f"issue {number}", body, "open", None,
                              START + timedelta(minutes=number), None, tuple(labels), (), author or self.login or "")
        self.issues[number] = issue
        return issue

    def viewer(self) -> str | None:
        self._call("viewer")
        return self.login

    def get_issue(self, number: int) -> ObservedIssue:
        self._call("get_issue")
        return self.issues[number]

    def list_issues(self, label: str) -> list[ObservedIssue]:
        self._call("list_issues")
        return [issue for issue in self.issues.values() if issue.has_label(label)]

    def recent_issues(self, label: str) -> list[ObservedIssue]:
        self._call("recent_issues")
        return self.list_issues(label)[-100:]

    def can_assign(self, login: str) -> bool:
        self._call("can_assign")
        return True

    def pause(self, attempt: int) -> bool:
        return False  # one look after an uncertain write: nothing here lands late

    def search_body(self, phrase: str, without_label: str | None = None) -> list[ObservedIssue]:
        self._call("search_body")
        return [i for i in self.issues.values() if phrase in i.body and not (without_label and i.has_label(without_label))]

    def create_issue(self, title: str, body: str, labels: Sequence[str], assignees: Sequence[str]) -> ObservedIssue:
        number = len(self.issues) + 1
        issue = ObservedIssue(number, f"https://x/{number}", title, body, "open", None,
                              START + timedelta(minutes=number), None, tuple(labels), tuple(assignees),
                              self.login or "app[bot]")
        self.issues[number] = issue
        self._call("create_issue", write=True)
        return issue

    def edit_issue(self, number: int, *, title: str | None = None, body: str | None = None,
                   state: str | None = None, state_reason: str | None = None) -> ObservedIssue:
        self._call("edit_issue", write=True)
        issue = self.issues[number]
        issue = replace(issue, title=title if title is not None else issue.title,
                        body=body if body is not None else issue.body, state=state or issue.state)
        self.issues[number] = issue
        return issue

    def add_labels(self, number: int, labels: Sequence[str]) -> None:
        self._call("add_labels", write=True)
        issue = self.issues[number]
        self.issues[number] = replace(issue, labels=issue.labels + tuple(n for n in labels if not issue.has_label(n)))

    def remove_label(self, number: int, label: str) -> None:
        self._call("remove_label", write=True)
        issue = self.issues[number]
        self.issues[number] = replace(issue, labels=tuple(n for n in issue.labels if n.lower() != label.lower()))

    def list_comments(self, number: int) -> list[IssueComment]:
        self._call("list_comments")
        return list(self.comments.get(number, []))

    def create_comment(self, number: int, body: str, author: str | None = None) -> IssueComment:
        comment = IssueComment(len(self.comments.get(number, [])) + 1, body, author or self.login or "app[bot]", START)
        self.comments.setdefault(number, []).append(comment)
        self._call("create_comment", write=True)
        return comment
