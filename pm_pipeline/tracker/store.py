"""The issue tracker as the sync and overdue jobs see it: plain values and one Protocol.

Stores raise only the errors defined here, so the core never sees an HTTP library:
`StopRun` (the run must end now; a rerun finishes the job) and its kinds, `UncertainWrite`
(a non-idempotent write may or may not have happened) and `Rejected` (a 4xx that retrying
cannot fix).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from pm_pipeline.errors import GitHubError

if TYPE_CHECKING:
    from pm_pipeline.tracker.policy import WriteBudget


@dataclass(frozen=True)
class ObservedIssue:
    """One issue as listed from the tracker (pull requests never become one)."""

    number: int
    url: str
    title: str
    body: str
    state: str  # "open" | "closed"
    state_reason: str | None
    created_at: datetime
    closed_at: datetime | None
    labels: tuple[str, ...]
    assignees: tuple[str, ...]
    author: str
    author_is_bot: bool = False

    def has_label(self, name: str) -> bool:
        return name.lower() in {label.lower() for label in self.labels}


@dataclass(frozen=True)
class IssueComment:
    id: int
    body: str
    author: str
    created_at: datetime


class StopRun(GitHubError):
    """The run cannot go on (budget spent, rate limit far from reset, server failing)."""


class BudgetExhausted(StopRun):
    """The per-run write budget is spent."""


class RateLimited(StopRun):
    """A rate limit will not reset soon enough to wait for it."""


class ServerFailing(StopRun):
    """5xx, timeouts or dropped connections outlasted the retries."""


class UncertainWrite(GitHubError):
    """A create may or may not have happened (5xx, timeout, reset after sending): look before retrying."""


class Rejected(GitHubError):
    """The API refused the request (4xx other than rate limits); retrying will not help."""

    def __init__(self, message: str, status: int, fields: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.status = status
        self.fields = fields


class IssueStore(Protocol):
    """What the sync and overdue jobs need from an issue tracker. Every write spends the budget."""

    @property
    def repository(self) -> str | None: ...

    @property
    def budget(self) -> WriteBudget: ...

    def viewer(self) -> str | None:
        """The login issues created through this store carry as author, if the token may ask."""

    def get_issue(self, number: int) -> ObservedIssue:
        """One issue as it is now (for a write that must not undo a concurrent one)."""

    def list_issues(self, label: str) -> list[ObservedIssue]:
        """Every issue (open and closed) with this label, pull requests skipped."""

    def recent_issues(self, label: str) -> list[ObservedIssue]:
        """The newest page of issues with this label, for checking an uncertain create."""

    def search_body(self, phrase: str, without_label: str | None = None) -> list[ObservedIssue]:
        """Issues of the repository whose body contains phrase (and that lack `without_label`)."""

    def can_assign(self, login: str) -> bool:
        """Whether issues here may be assigned to login (one read per login and run)."""

    def pause(self, attempt: int) -> bool:
        """Wait before look number `attempt` (1, 2, ...) for an uncertain write; False when the looks are used up."""

    def create_issue(self, title: str, body: str, labels: Sequence[str], assignees: Sequence[str]) -> ObservedIssue: ...

    def edit_issue(
        self,
        number: int,
        *,
        title: str | None = None,
        body: str | None = None,
        state: str | None = None,
        state_reason: str | None = None,
    ) -> ObservedIssue: ...

    def add_labels(self, number: int, labels: Sequence[str]) -> None: ...

    def remove_label(self, number: int, label: str) -> None: ...

    def list_comments(self, number: int) -> list[IssueComment]: ...

    def create_comment(self, number: int, body: str) -> IssueComment: ...
