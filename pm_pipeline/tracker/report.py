"""The plan reporters every job shares: a change as a text line, a Markdown row and JSON, and
what the executor did. Pure; sync and the overdue job add their own headers and counts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from pm_pipeline.inert import quiet_mentions
from pm_pipeline.tracker.change import Change, Outcome

MARKDOWN_ROWS = 200  # a job summary holds at most 1 MiB


def line(change: Change) -> str:
    return f"{change.symbol} {change.action:<9} {change.key}  {change.describe()}"


def text_lines(changes: Iterable[Change]) -> list[str]:
    return [f"  {line(change)}" for change in changes]


def markdown_table(changes: Sequence[Change], more: str = "") -> list[str]:
    """A table of changes, cut at MARKDOWN_ROWS rows with a line saying how many were left out."""
    if not changes:
        return []
    rows = ["| | action | item | what |", "|---|---|---|---|"]
    # quiet_mentions: the plan is posted on pull requests, where a mention would notify.
    rows += [
        f"| {c.symbol} | {c.action} | `{c.key}` | {quiet_mentions(md(c.describe()))} |" for c in changes[:MARKDOWN_ROWS]
    ]
    if len(changes) > MARKDOWN_ROWS:
        rows.append(f"| | | | and {len(changes) - MARKDOWN_ROWS} more{more} |")
    return [*rows, ""]


def change_json(change: Change) -> dict[str, Any]:
    return {"action": change.action, "key": change.key, **change.as_json()}


def outcome_lines(outcome: Outcome, verbs: Sequence[tuple[str, str]]) -> list[str]:
    """What the executor did: counts by action (verbs: action, past participle), failures, the stop."""
    counts = ", ".join(f"{outcome.count(action)} {word}" for action, word in verbs)
    lines = [f"Applied: {counts}; {outcome.writes} write(s)."]
    lines += [f"  recovered {key}: the write had failed but had landed; not repeated" for key in outcome.recovered]
    lines += [f"  failed {f.change.action} {f.change.key}: {f.message}" for f in outcome.failed]
    if outcome.stopped:
        lines.append(stop_line(outcome))
    return lines


def stop_line(outcome: Outcome) -> str:
    left = f"{outcome.skipped} change(s) left for the next run"
    if outcome.budget_spent:
        runs = outcome.runs_left
        return (
            f"Stopped early: {outcome.stopped}. {left}; at this rate about {runs} more run(s) "
            f"finish the job. This is progress, not a failure."
        )
    return f"Stopped early: {outcome.stopped}. {left}."


def outcome_json(outcome: Outcome) -> dict[str, Any]:
    return {
        "done": len(outcome.done),
        "writes": outcome.writes,
        "failed": [{"change": change_json(f.change), "message": f.message} for f in outcome.failed],
        "recovered": list(outcome.recovered),
        "stopped": outcome.stopped,
        "budget_spent": outcome.budget_spent,
        "not_attempted": outcome.skipped,
        "runs_left": outcome.runs_left,
    }


def budget_warning(outcome: Outcome) -> str | None:
    """The warning a run that stopped on its budget leaves (None when it did not)."""
    if not (outcome.stopped and outcome.budget_spent):
        return None
    return (
        f"write budget spent: {outcome.skipped} change(s) left, about {outcome.runs_left} more run(s) at this "
        "rate; the next run continues"
    )


def md(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
