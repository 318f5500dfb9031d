"""What applying a follow-up plan did."""

from __future__ import annotations

from dataclasses import dataclass

from pm_pipeline.overdue.plan import Change


@dataclass(frozen=True)
class Failed:
    change: Change
    message: str


@dataclass(frozen=True)
class Outcome:
    """What apply did: changes carried out, changes that failed, and why the run stopped early."""

    done: tuple[Change, ...]
    failed: tuple[Failed, ...] = ()
    stopped: str | None = None
    skipped: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed and self.stopped is None

    def count(self, kind: str) -> int:
        return sum(1 for change in self.done if change.kind == kind)
