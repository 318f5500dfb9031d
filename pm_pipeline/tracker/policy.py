"""The write budget and the retry policy every store shares. Pure apart from `time.sleep`."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from pm_pipeline.tracker.store import BudgetExhausted, RateLimited, ServerFailing

T = TypeVar("T")


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
    # After a create whose answer was lost, look for the issue at once and again after each of
    # these waits (about 30 s in all) before creating it again: a slow create may land late, and
    # GitHub's listings may show a new issue a little after it exists.
    settle: tuple[float, ...] = (2.0, 4.0, 8.0, 16.0)
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
