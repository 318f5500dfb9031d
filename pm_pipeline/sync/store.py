"""The issue tracker as the sync and overdue jobs see it: plain values, one Protocol, and the
write budget and retry policy every store shares.

Stores raise only the errors defined here, so the core never sees an HTTP library:
`StopRun` (the run must end now; a rerun finishes the job) and its kinds, `UncertainWrite`
(a non-idempotent write may or may not have happened) and `Rejected` (a 4xx that retrying
cannot fix).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol, TypeVar

from pm_pipeline.errors import GitHubError

T = TypeVar("T")


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

    def list_issues(self, label: str) -> list[ObservedIssue]:
        """Every issue (open and closed) with this label, pull requests skipped."""

    def recent_issues(self, label: str) -> list[ObservedIssue]:
        """The newest page of issues with this label, for checking an uncertain create."""

    def search_body(self, phrase: str) -> list[ObservedIssue]:
        """Issues of the repository whose body contains phrase."""

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


@dataclass
class WriteBudget:
    """At most `limit` content writes per run; `spend()` before each write."""

    limit: int
    used: int = 0

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.used)

    def spend(self) -> None:
        if self.used >= self.limit:
            raise BudgetExhausted(f"write budget of {self.limit} spent (--max-writes); rerun to continue")
        self.used += 1


@dataclass(frozen=True)
class Failure:
    """What went wrong with one attempt, classified by the store."""

    kind: str  # "secondary" | "primary" | "server" | "connection"
    message: str
    retry_after: float | None = None  # seconds, from Retry-After or the rate-limit reset


@dataclass
class RetryPolicy:
    """Capped exponential backoff. Primary limits are waited out only when the reset is near."""

    attempts: int = 4
    base_delay: float = 2.0
    max_delay: float = 60.0
    max_reset_wait: float = 90.0
    sleep: Callable[[float], None] = time.sleep
    slept: list[float] = field(default_factory=list)

    def delay(self, failure: Failure, attempt: int) -> float:
        """Seconds to wait before the next attempt, or raise StopRun when it is not worth waiting."""
        if failure.kind == "primary":
            wait = failure.retry_after if failure.retry_after is not None else self.max_reset_wait + 1
            if wait > self.max_reset_wait:
                raise RateLimited(f"{failure.message}; resets in {wait:.0f} s, rerun after that")
            return wait
        if failure.retry_after is not None:
            return min(failure.retry_after, self.max_delay)
        if failure.kind == "secondary":
            # GitHub: without Retry-After, wait at least a minute before retrying.
            return self.max_delay
        return min(self.base_delay * 2.0 ** (attempt - 1), self.max_delay)

    def run(self, call: Callable[[], T], classify: Callable[[Exception], Failure | None]) -> T:
        """call() until it succeeds, a failure is not retryable, or attempts run out."""
        attempt = 0
        while True:
            attempt += 1
            try:
                return call()
            except Exception as error:
                failure = classify(error)
                if failure is None:
                    raise
                if attempt >= self.attempts:
                    stop = RateLimited if failure.kind in ("secondary", "primary") else ServerFailing
                    raise stop(f"{failure.message} (gave up after {attempt} attempts)") from error
                wait = self.delay(failure, attempt)
                self.slept.append(wait)
                self.sleep(wait)
