"""Plans and apply results as text (Terraform-like), Markdown (job summary, PR) and JSON. Pure."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from pm_pipeline.sync.apply import ApplyResult
from pm_pipeline.sync.plan import (
    Change,
    Close,
    Create,
    Drift,
    Duplicate,
    Ignored,
    LabelRemoved,
    Plan,
    Update,
)

MARKDOWN_ROWS = 200  # a job summary holds at most 1 MiB
SYMBOL = {
    "create": "+",
    "update": "~",
    "close": "-",
    "reopen": "^",
    "label": "#",
    "drift": "!",
    "duplicate": "!",
    "ignored": "?",
}


def describe(change: Change) -> str:
    """One line saying what the change does and why."""
    if isinstance(change, Create):
        return f'"{change.title}"'
    if isinstance(change, Close):
        how = "as completed" if change.state_reason == "completed" else "as not planned"
        how += f" ({change.reason})" if change.reason else ""
        extra = f"; also {', '.join(change.fields)}" if change.fields else ""
        return f"#{change.number} {how}{extra}{_was(change)}"
    if isinstance(change, Update):
        return f"#{change.number} {', '.join(change.fields)}{_label_delta(change)}{_was(change)}"
    if isinstance(change, LabelRemoved):
        return f"#{change.number} removed from the YAML: add label {change.label!r}, left open"
    if isinstance(change, Drift):
        return f"#{change.number} {change.note}"
    if isinstance(change, Duplicate):
        return f"#{change.number} duplicates #{change.kept} (the oldest is kept); close it by hand"
    if isinstance(change, Ignored):
        return f"#{change.number} carries this marker but was opened by @{change.author}, not pm-pipeline"
    return ""


def summary_line(plan: Plan) -> str:
    parts = [
        f"{plan.count('create')} to create",
        f"{plan.count('update')} to update",
        f"{plan.count('close')} to close",
    ]
    parts += [f"{plan.count(kind)} to {kind}" for kind in ("reopen", "label") if plan.count(kind)]
    parts.append(f"{plan.unchanged} unchanged")
    notes = [f"{plan.count(kind)} {kind}" for kind in ("drift", "duplicate", "ignored") if plan.count(kind)]
    return "Plan: " + ", ".join(parts) + (f"; {', '.join(notes)}" if notes else "") + "."


def text(plan: Plan, header: str) -> str:
    lines = [header, ""]
    for change in plan.changes:
        lines.append(f"  {SYMBOL[change.action]} {change.action:<9} {change.key}  {describe(change)}")
    if plan.changes:
        lines.append("")
    if plan.untracked:
        lines.append(f"{plan.untracked} item(s) already done or not doing in the YAML get no issue.")
    lines.append(summary_line(plan) if plan.changes else f"No changes. {summary_line(plan)}")
    return "\n".join(lines) + "\n"


def markdown(plan: Plan, header: str, lead: str = "Merging this") -> str:
    verbs = [
        ("create", "creates {} issue{}"),
        ("update", "updates {} issue{}"),
        ("close", "closes {}"),
        ("reopen", "reopens {}"),
        ("label", "labels {} removed item{}"),
    ]
    said = [verb.format(n, "" if n == 1 else "s") for kind, verb in verbs if (n := plan.count(kind))]
    sentence = f"{lead} " + (_join(said) if said else "changes no issue")
    lines = [f"### {_md(header)}", "", f"{sentence}; {plan.unchanged} unchanged.", ""]
    if plan.changes:
        lines += ["| | action | item | what |", "|---|---|---|---|"]
        shown = plan.changes[:MARKDOWN_ROWS]
        lines += [f"| {SYMBOL[c.action]} | {c.action} | `{c.key}` | {_md(describe(c))} |" for c in shown]
        if len(plan.changes) > MARKDOWN_ROWS:
            lines.append(f"| | | | and {len(plan.changes) - MARKDOWN_ROWS} more (`pm-pipeline plan` lists all) |")
        lines.append("")
    notes = [f"{plan.count(kind)} {kind}" for kind in ("drift", "duplicate", "ignored") if plan.count(kind)]
    if notes:
        lines += [f"Reported, not changed: {', '.join(notes)}.", ""]
    return "\n".join(lines)


def as_json(plan: Plan, header: str) -> str:
    data: dict[str, Any] = {
        "header": header,
        "summary": {kind: plan.count(kind) for kind in SYMBOL}
        | {"unchanged": plan.unchanged, "untracked": plan.untracked},
        "changes": [_change_json(change) for change in plan.changes],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


FORMATS: dict[str, Callable[[Plan, str], str]] = {"text": text, "markdown": markdown, "json": as_json}


def result_text(result: ApplyResult) -> str:
    counts = ", ".join(
        f"{result.count(kind)} {word}"
        for kind, word in (
            ("create", "created"),
            ("update", "updated"),
            ("close", "closed"),
            ("reopen", "reopened"),
            ("label", "labelled"),
        )
    )
    lines = [f"Applied: {counts}; {result.writes} write(s)."]
    lines += [
        f"  recovered {key}: the create had failed but the issue existed; not created again" for key in result.recovered
    ]
    lines += [f"  failed {change.action} {change.key}: {error}" for change, error in result.failed]
    if result.stopped:
        lines.append(f"Stopped early: {result.stopped}. {result.skipped} change(s) left for the next run.")
    return "\n".join(lines) + "\n"


def _change_json(change: Change) -> dict[str, Any]:
    data: dict[str, Any] = {"action": change.action, "key": change.key}
    for name in ("number", "url", "title", "state_reason", "reason", "kept", "author", "note", "label", "renamed_from"):
        value = getattr(change, name, None)
        if value is not None:
            data[name] = value
    if isinstance(change, Update):
        data["fields"] = list(change.fields)
        data["add_labels"], data["remove_labels"] = list(change.add_labels), list(change.remove_labels)
    if isinstance(change, Create):
        data["labels"], data["assignees"] = list(change.labels), list(change.assignees)
    return data


def _label_delta(change: Update) -> str:
    delta = [f"+{name}" for name in change.add_labels] + [f"-{name}" for name in change.remove_labels]
    return f" ({', '.join(delta)})" if delta else ""


def _was(change: Update) -> str:
    return f"; renamed from {change.renamed_from}, the issue keeps its history" if change.renamed_from else ""


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _md(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
