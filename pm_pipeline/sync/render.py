"""Sync plans and outcomes as text (Terraform-like), Markdown (job summary, PR) and JSON. Pure;
the lines, rows and JSON of each change come from `tracker.report`."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from pm_pipeline.sync.plan import ORDER, Plan
from pm_pipeline.tracker.change import Outcome
from pm_pipeline.tracker.report import MARKDOWN_ROWS, change_json, markdown_table, md, outcome_lines, text_lines

VERBS = (
    ("create", "created"),
    ("update", "updated"),
    ("close", "closed"),
    ("reopen", "reopened"),
    ("label", "labelled"),
)
HELD = (
    "{} issue(s) of items no longer in the YAML are not labelled removed: some post-mortem files could not "
    "be read or fail the schema, and the items may be there. Fix those files; the next sync labels what is left."
)
__all__ = ["FORMATS", "MARKDOWN_ROWS", "as_json", "markdown", "result_text", "summary_line", "text"]


def summary_line(plan: Plan) -> str:
    parts = [
        f"{plan.count('create')} to create",
        f"{plan.count('update')} to update",
        f"{plan.count('close')} to close",
    ]
    parts += [f"{plan.count(kind)} to {kind}" for kind in ("reopen", "label") if plan.count(kind)]
    parts += [f"{n} duplicate(s) to close" for n in [plan.count("dedupe")] if n]
    parts.append(f"{plan.unchanged} unchanged")
    notes = [f"{plan.count(kind)} {kind}" for kind in ("drift", "duplicate", "ignored") if plan.count(kind)]
    return "Plan: " + ", ".join(parts) + (f"; {', '.join(notes)}" if notes else "") + "."


def text(plan: Plan, header: str) -> str:
    lines = [header, "", *text_lines(plan.changes)]
    if plan.changes:
        lines.append("")
    if plan.untracked:
        lines.append(f"{plan.untracked} item(s) already done or not doing in the YAML get no issue.")
    if plan.held:
        lines.append(HELD.format(plan.held))
    lines.append(summary_line(plan) if plan.changes else f"No changes. {summary_line(plan)}")
    return "\n".join(lines) + "\n"


def markdown(plan: Plan, header: str, lead: str = "Merging this") -> str:
    verbs = [
        ("create", "creates {} issue{}"),
        ("update", "updates {} issue{}"),
        ("close", "closes {}"),
        ("reopen", "reopens {}"),
        ("label", "labels {} removed item{}"),
        ("dedupe", "closes {} duplicate issue{}"),
    ]
    said = [verb.format(n, "" if n == 1 else "s") for kind, verb in verbs if (n := plan.count(kind))]
    sentence = f"{lead} " + (_join(said) if said else "changes no issue")
    lines = [f"### {md(header)}", "", f"{sentence}; {plan.unchanged} unchanged.", ""]
    lines += markdown_table(plan.changes, " (`pm-pipeline plan` lists all)")
    notes = [f"{plan.count(kind)} {kind}" for kind in ("drift", "duplicate", "ignored") if plan.count(kind)]
    if notes:
        lines += [f"Reported, not changed: {', '.join(notes)}.", ""]
    if plan.held:
        lines += [HELD.format(plan.held), ""]
    return "\n".join(lines)


def as_json(plan: Plan, header: str) -> str:
    data: dict[str, Any] = {
        "header": header,
        "summary": {kind: plan.count(kind) for kind in ORDER}
        | {"unchanged": plan.unchanged, "untracked": plan.untracked},
        "changes": [change_json(change) for change in plan.changes],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


FORMATS: dict[str, Callable[[Plan, str], str]] = {"text": text, "markdown": markdown, "json": as_json}


def result_text(result: Outcome) -> str:
    lines = outcome_lines(result, VERBS)
    if closed := result.count("dedupe"):
        lines.insert(1, f"  closed {closed} duplicate issue(s); the oldest issue of each item is kept")
    return "\n".join(lines) + "\n"


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
