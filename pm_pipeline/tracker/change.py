"""The one shape of a planned write, and what carrying out a plan did.

Sync and the overdue job each plan their own kinds of change; every kind is a frozen value that
says what it is about (`key`), what it is (`action`, `symbol`), the most writes it can cost, a
line for people (`describe`), how to carry it out (`perform`) and, for a write whose outcome is
uncertain (a create or comment that timed out), how to find out whether it landed (`verify`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from pm_pipeline.tracker.store import IssueStore, ObservedIssue


@dataclass(frozen=True)
class Landed:
    """The answer of `verify`: whether the uncertain write took effect, and the issue it left."""

    landed: bool
    issue: ObservedIssue | None = None


class Change(Protocol):
    @property
    def key(self) -> str: ...

    @property
    def action(self) -> str: ...

    @property
    def symbol(self) -> str: ...

    @property
    def cost(self) -> int:
        """The most budget writes `perform` can spend (0: reported only, never performed)."""

    def describe(self) -> str: ...

    def perform(self, store: IssueStore) -> ObservedIssue | None:
        """Carry the change out; the issue as it now is, when the change touched one."""

    def verify(self, store: IssueStore) -> Landed:
        """After an UncertainWrite: look (reads only) whether the write took effect."""

    def as_json(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class Failed:
    change: Change
    message: str


@dataclass
class Outcome:
    """What the executor did: changes carried out, failed, and why the run stopped early."""

    done: list[Change] = field(default_factory=list)
    failed: list[Failed] = field(default_factory=list)
    stopped: str | None = None
    budget_spent: bool = False  # the stop was the write budget: progress, not failure
    skipped: int = 0  # changes not attempted after a stop
    left_writes: int = 0  # the most writes those changes cost
    limit: int = 0  # the write budget of the run
    issues: dict[str, ObservedIssue] = field(default_factory=dict)  # key -> issue as last seen
    writes: int = 0
    recovered: list[str] = field(default_factory=list)  # keys whose uncertain write was found done

    @property
    def ok(self) -> bool:
        """Nothing failed: a run that stopped only because the budget is spent still made progress."""
        return not self.failed and (self.stopped is None or self.budget_spent)

    @property
    def complete(self) -> bool:
        return self.ok and self.stopped is None

    @property
    def runs_left(self) -> int:
        """Runs still needed at this run's budget, if every run spends all of it."""
        return -(-self.left_writes // max(1, self.limit)) if self.stopped else 0

    def count(self, action: str) -> int:
        return sum(1 for change in self.done if change.action == action)
