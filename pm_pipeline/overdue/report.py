"""Reports of a follow-up run: text for people, Markdown for the job summary, JSON for machines."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TextIO

from pm_pipeline.overdue.find import TrackedItem
from pm_pipeline.overdue.plan import Plan
from pm_pipeline.tracker.change import Outcome
from pm_pipeline.tracker.report import change_json, line, markdown_table, outcome_json, stop_line, text_lines

Reporter = Callable[[Plan, Outcome | None, TextIO], None]


def counts(plan: Plan, outcome: Outcome | None) -> dict[str, int]:
    """The numbers a workflow acts on; `comments` are those posted, or planned in a dry run."""
    agenda = plan.agenda
    comments = outcome.count("comment") if outcome is not None else plan.count("comment")
    return {
        "overdue": len(agenda.overdue),
        "due-soon": len(agenda.due_soon),
        "exempt": len(agenda.exempt),
        "late-drafts": len(agenda.late_drafts),
        "reviews-missed": sum(1 for review in agenda.reviews if review.missed),
        "reviews-due": sum(1 for review in agenda.reviews if not review.missed),
        "comments": comments,
        "changes": len(plan.changes),
    }


def text(plan: Plan, outcome: Outcome | None, stream: TextIO) -> None:
    agenda = plan.agenda
    numbers = counts(plan, outcome)
    stream.write(
        f"Follow-up for {agenda.today.isoformat()}: {numbers['overdue']} overdue, "
        f"{numbers['due-soon']} due soon, {numbers['exempt']} exempt, "
        f"{_n(numbers['late-drafts'], 'draft')} past the publish SLA, "
        f"{_n(numbers['reviews-missed'], 'follow-up review')} missed, {numbers['reviews-due']} due\n"
    )
    for title, items in (("Overdue", agenda.overdue), ("Due soon", agenda.due_soon), ("Exempt", agenda.exempt)):
        if items:
            stream.write(f"\n{title}:\n")
            stream.writelines(f"  {_item_line(item)}\n" for item in items)
    if agenda.late_drafts:
        stream.write("\nDrafts past the publish SLA:\n")
        stream.writelines(
            f"  {d.postmortem.id}  due {d.due_at:%Y-%m-%d %H:%M} UTC, {d.days_late} days late"
            f"{'  ESCALATE' if d.escalated else ''}\n"
            for d in agenda.late_drafts
        )
    if agenda.reviews:
        stream.write("\nFollow-up reviews:\n")
        stream.writelines(
            f"  {r.postmortem.id}  {'missed' if r.missed else 'due'} {r.date.isoformat()}\n" for r in agenda.reviews
        )
    stream.write(f"\nPlan: {_plan_summary(plan)}\n")
    stream.writelines(f"{row}\n" for row in text_lines(plan.changes))
    stream.write(_outcome_line(plan, outcome) + "\n")


def markdown(plan: Plan, outcome: Outcome | None, stream: TextIO) -> None:
    numbers = counts(plan, outcome)
    stream.write(f"## pm-pipeline overdue: {plan.agenda.today.isoformat()}\n\n")
    stream.write(" · ".join(f"**{value}** {name}" for name, value in numbers.items()) + "\n\n")
    stream.write(f"### Plan: {_plan_summary(plan)}\n\n")
    if plan.changes:
        stream.write("\n".join(markdown_table(plan.changes)) + "\n")
    stream.write(f"{_outcome_line(plan, outcome)}\n\n")
    body = plan.digest_body.split("\n", 1)[1] if "\n" in plan.digest_body else plan.digest_body
    stream.write(f"<details><summary>Digest</summary>\n\n{body}\n</details>\n")


def json_report(plan: Plan, outcome: Outcome | None, stream: TextIO) -> None:
    agenda = plan.agenda
    data: dict[str, Any] = {
        "today": agenda.today.isoformat(),
        "counts": counts(plan, outcome),
        "items": [_item_json(item) for item in agenda.items],
        "late_drafts": [
            {
                "postmortem": d.postmortem.id,
                "due_at": d.due_at.isoformat(),
                "days_late": d.days_late,
                "escalated": d.escalated,
            }
            for d in agenda.late_drafts
        ],
        "reviews": [
            {"postmortem": r.postmortem.id, "date": r.date.isoformat(), "missed": r.missed} for r in agenda.reviews
        ],
        "changes": [change_json(change) for change in plan.changes],
        "applied": None if outcome is None else outcome_json(outcome),
    }
    json.dump(data, stream, indent=2)
    stream.write("\n")


REPORTERS: dict[str, Reporter] = {"text": text, "markdown": markdown, "json": json_report}


def _item_line(item: TrackedItem) -> str:
    when = (
        f"{_days(item.days_overdue)} overdue, tier {item.tier}"
        if item.days_overdue > 0
        else "due today"
        if item.days_left == 0
        else f"due in {_days(item.days_left)}"
    )
    issue = f"#{item.issue.number}" if item.issue else "no issue"
    return (
        f"{item.key}  {item.item.owner}  {item.item.priority}  deadline {item.item.deadline.isoformat()} "
        f"({when})  {issue}"
    )


def _days(n: int) -> str:
    return _n(n, "day")


def _item_json(item: TrackedItem) -> dict[str, Any]:
    return {
        "key": item.key,
        "status": str(item.state),
        "chased": item.chased,
        "owner": item.item.owner,
        "sponsor": item.item.sponsor,
        "priority": item.item.priority,
        "deadline": item.item.deadline.isoformat(),
        "days_overdue": item.days_overdue,
        "tier": item.tier,
        "comment_tier": item.comment_tier,
        "issue": item.issue.number if item.issue else None,
    }


def _plan_summary(plan: Plan) -> str:
    if plan.is_empty:
        return "no changes"
    digest = plan.count("create-digest") + plan.count("update-digest")
    return (
        f"{_n(plan.count('add-label'), 'label')} to add, {plan.count('remove-label')} to remove, "
        f"{_n(plan.count('comment'), 'comment')}, {'digest to write' if digest else 'digest unchanged'}"
    )


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _outcome_line(plan: Plan, outcome: Outcome | None) -> str:
    if not plan.changes:
        return "Nothing to do."
    if outcome is None:
        return "Report only: rerun with --apply to make these changes."
    said = f"Applied {len(outcome.done)} of {len(plan.changes)} changes."
    if outcome.failed:
        said += f" {len(outcome.failed)} failed: " + "; ".join(f"{line(f.change)}: {f.message}" for f in outcome.failed)
    if outcome.stopped:
        said += " " + stop_line(outcome)
    return said
