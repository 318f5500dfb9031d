"""`history` output: the JSON file the site and the digest read, text for people, Markdown for job summaries.

Pure. The JSON document (version 1):
`{"version", "generated_at", "publish_sla_hours", "revisions", "broken": [{"path", "commit"}],
"reports": [{"id", "path", "status", "resolved_at", "first_commit_at", "in_review_at", "published_at",
"hours_to_first_commit", "hours_to_in_review", "hours_to_published", "sla_met"}],
"items": [{"key", "postmortem_id", "id", "owner", "first_owner", "deadline", "first_deadline",
"status", "deadline_changes", "days_moved", "owner_changes", "done_at", "done_vs_first_deadline",
"moves": [{"at", "commit", "old", "new", "days"}]}]}`.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pm_pipeline.history import HISTORY_VERSION, History, ItemHistory, ReportHistory

TOP = 10


def to_document(history: History, generated_at: datetime) -> dict[str, Any]:
    return {
        "version": HISTORY_VERSION,
        "generated_at": generated_at,
        "publish_sla_hours": history.publish_sla_hours,
        "revisions": history.revisions,
        "broken": [{"path": path, "commit": commit} for path, commit in history.broken],
        "reports": [_report_row(report, history.publish_sla_hours) for report in history.reports],
        "items": [_item_row(item) for item in history.items],
    }


def to_json(history: History, generated_at: datetime) -> str:
    return json.dumps(to_document(history, generated_at), default=_json_value, ensure_ascii=False, indent=1) + "\n"


def _report_row(report: ReportHistory, sla_hours: float) -> dict[str, Any]:
    published = report.hours_to(report.published_at)
    return {
        "id": report.id,
        "path": report.path,
        "status": report.status,
        "resolved_at": report.resolved_at,
        "first_commit_at": report.first_commit_at,
        "in_review_at": report.in_review_at,
        "published_at": report.published_at,
        "hours_to_first_commit": report.hours_to(report.first_commit_at),
        "hours_to_in_review": report.hours_to(report.in_review_at),
        "hours_to_published": published,
        "sla_met": None if published is None else published <= sla_hours,
    }


def _item_row(item: ItemHistory) -> dict[str, Any]:
    return {
        "key": item.key,
        "postmortem_id": item.postmortem_id,
        "id": item.id,
        "owner": item.owner,
        "first_owner": item.first_owner,
        "deadline": item.deadline,
        "first_deadline": item.first_deadline,
        "status": item.status,
        "deadline_changes": len(item.deadline_moves),
        "days_moved": item.days_moved,
        "owner_changes": len(item.owner_changes),
        "done_at": item.done_at,
        "done_vs_first_deadline": item.done_vs_first_deadline,
        "moves": [
            {"at": m.at, "commit": m.commit, "old": m.old, "new": m.new, "days": m.days} for m in item.deadline_moves
        ],
    }


def _json_value(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__}")


@dataclass(frozen=True)
class Slip:
    """One item's slips as the site and the digest read them back from the history file."""

    key: str
    postmortem_id: str
    id: str
    owner: str
    status: str
    deadline: str
    first_deadline: str
    deadline_changes: int
    days_moved: int
    owner_changes: int


class HistoryFileError(ValueError):
    """The history file is not one `pm-pipeline history --out` wrote."""


def parse_slips(data: Any) -> list[Slip]:
    """The items of a history document; raises HistoryFileError for anything else."""
    if not isinstance(data, dict) or data.get("version") != HISTORY_VERSION or not isinstance(data.get("items"), list):
        raise HistoryFileError("not a version 1 history file (write it with `pm-pipeline history --out FILE`)")
    slips = []
    for row in data["items"]:
        try:
            slips.append(
                Slip(
                    str(row["key"]),
                    str(row["postmortem_id"]),
                    str(row["id"]),
                    str(row.get("owner") or ""),
                    str(row.get("status") or ""),
                    str(row.get("deadline") or ""),
                    str(row.get("first_deadline") or ""),
                    int(row["deadline_changes"]),
                    int(row.get("days_moved") or 0),
                    int(row.get("owner_changes") or 0),
                )
            )
        except (KeyError, TypeError, ValueError) as error:
            raise HistoryFileError(f"an item without {error}") from None
    return slips


def most_rescheduled(items: Sequence[ItemHistory], limit: int = TOP) -> list[ItemHistory]:
    moved = [item for item in items if item.deadline_moves]
    return sorted(moved, key=lambda i: (-len(i.deadline_moves), -i.days_moved, i.key))[:limit]


def summary_numbers(history: History) -> Mapping[str, Any]:
    published = [h for r in history.reports if (h := r.hours_to(r.published_at)) is not None]
    first = [h for r in history.reports if (h := r.hours_to(r.first_commit_at)) is not None]
    done = [d for i in history.items if (d := i.done_vs_first_deadline) is not None]
    return {
        "reports": len(history.reports),
        "items": len(history.items),
        "items_rescheduled": sum(1 for i in history.items if i.deadline_moves),
        "deadline_changes": sum(len(i.deadline_moves) for i in history.items),
        "owner_changes": sum(len(i.owner_changes) for i in history.items),
        "median_hours_to_first_commit": _median(first),
        "median_hours_to_published": _median(published),
        "published_within_sla": sum(1 for h in published if h <= history.publish_sla_hours),
        "published": len(published),
        "done": len(done),
        "done_late": sum(1 for d in done if d > 0),
        "median_days_done_vs_first_deadline": _median([float(d) for d in done]),
    }


def _median(values: Sequence[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def to_text(history: History) -> str:
    n = summary_numbers(history)
    lines = [
        f"{n['reports']} post-mortems, {n['items']} action items, {history.revisions} file revisions"
        + (f" ({len(history.broken)} unreadable, skipped)" if history.broken else "")
        + ".",
        f"Deadlines: {n['items_rescheduled']} items rescheduled, {n['deadline_changes']} deadline changes; "
        f"{n['owner_changes']} owner changes.",
        f"Done: {n['done']} items, {n['done_late']} after their first deadline "
        f"(median {_shown(n['median_days_done_vs_first_deadline'], 'days')} from the first deadline).",
        f"Publishing, measured from git: median {_shown(n['median_hours_to_first_commit'], 'h')} to the first commit, "
        f"{_shown(n['median_hours_to_published'], 'h')} to `published`; {n['published_within_sla']} of "
        f"{n['published']} published within {history.publish_sla_hours:g} h.",
    ]
    top = most_rescheduled(history.items)
    if top:
        lines += ["", "Most rescheduled items:"]
        lines += [
            f"  {item.key} ({item.owner or 'no owner'}): deadline moved {len(item.deadline_moves)}x, "
            f"{item.first_deadline} -> {item.deadline} ({item.days_moved:+d} days)"
            + (f", owner changed {len(item.owner_changes)}x" if item.owner_changes else "")
            for item in top
        ]
    for path, commit in history.broken[:TOP]:
        lines.append(f"skipped: {path} at {commit[:12]} does not parse as a post-mortem")
    return "\n".join(lines) + "\n"


def to_markdown(history: History) -> str:
    n = summary_numbers(history)
    lines = [
        "## Post-mortem history",
        "",
        f"{n['reports']} post-mortems, {n['items']} action items, {history.revisions} file revisions.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| items rescheduled | {n['items_rescheduled']} ({n['deadline_changes']} deadline changes) |",
        f"| owner changes | {n['owner_changes']} |",
        f"| done after the first deadline | {n['done_late']} of {n['done']} |",
        f"| median hours to the first commit | {_shown(n['median_hours_to_first_commit'], '')} |",
        f"| median hours to `published` | {_shown(n['median_hours_to_published'], '')} |",
        f"| published within {history.publish_sla_hours:g} h | {n['published_within_sla']} of {n['published']} |",
    ]
    top = most_rescheduled(history.items)
    if top:
        lines += ["", "### Most rescheduled items", "", "| item | owner | moves | first -> now |", "|---|---|---|---|"]
        lines += [
            f"| `{item.key}` | `{item.owner or ''}` | {len(item.deadline_moves)} | "
            f"{item.first_deadline} -> {item.deadline} ({item.days_moved:+d} d) |"
            for item in top
        ]
    return "\n".join(lines) + "\n"


def _shown(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    return f"{value:g} {unit}".strip()
