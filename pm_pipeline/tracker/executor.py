"""The one executor: carries out the changes of a plan through a store, in order. It never
re-decides; sync and the overdue job both use it.

- A change starts only if the budget can pay its whole cost (a fresh budget always lets the
  first change start), so a multi-write change is never left half done for lack of budget.
- A `StopRun` (budget spent, rate limit far from reset, server failing) ends the run; the rest
  is counted as skipped and the next run's plan picks it up from what is on GitHub.
- A `Rejected` change is recorded as failed and the run goes on.
- An `UncertainWrite` is checked with the change's `verify`; if it did not land, it is tried
  once more, and a second uncertain answer stops the run (`ServerFailing`).
"""

from __future__ import annotations

from collections.abc import Iterable

from pm_pipeline.tracker.change import Change, Failed, Outcome
from pm_pipeline.tracker.store import (
    BudgetExhausted,
    IssueStore,
    ObservedIssue,
    Rejected,
    ServerFailing,
    StopRun,
    UncertainWrite,
)


def execute(changes: Iterable[Change], store: IssueStore, issues: dict[str, ObservedIssue] | None = None) -> Outcome:
    """Carry out every change with a cost, in order; `issues` seeds the issues as last seen."""
    todo = [change for change in changes if change.cost > 0]
    outcome = Outcome(issues=dict(issues or {}))
    budget = store.budget
    start = budget.used
    for index, change in enumerate(todo):
        try:
            if budget.used > start and change.cost > budget.remaining:
                raise BudgetExhausted(
                    f"write budget of {budget.limit} spent (--max-writes): {budget.remaining} left, "
                    f"the next change needs {change.cost}"
                )
            issue = _perform(change, store, outcome)
        except StopRun as error:
            outcome.stopped = str(error)
            outcome.budget_spent = isinstance(error, BudgetExhausted)
            outcome.skipped = len(todo) - index
            outcome.left_writes = sum(change.cost for change in todo[index:])
            break
        except (Rejected, UncertainWrite) as error:
            outcome.failed.append(Failed(change, str(error)))
            continue
        outcome.done.append(change)
        if issue is not None:
            outcome.issues[change.key] = issue
    outcome.writes = budget.used - start
    outcome.limit = budget.limit
    return outcome


def _perform(change: Change, store: IssueStore, outcome: Outcome) -> ObservedIssue | None:
    try:
        return change.perform(store)
    except UncertainWrite:
        check = change.verify(store)
        if check.landed:
            outcome.recovered.append(change.key)
            return check.issue
    try:
        return change.perform(store)
    except UncertainWrite as error:
        raise ServerFailing(f"{change.action} of {change.key} failed twice: {error}") from error
