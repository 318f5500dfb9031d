"""Every post-mortem and action item as flat rows (CSV, NDJSON) and one JSON document.

Pure: post-mortems and tracked states in, text out. Column names are stable and documented in
docs/guide/export.md; a new column is only ever added at the end, never renamed.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from pm_pipeline.model import PostMortem
from pm_pipeline.site.status import TrackedItem

EXPORT_VERSION = 1
LIST_SEPARATOR = ";"  # how a list is written in one CSV cell

INCIDENT_COLUMNS = (
    "id", "title", "severity", "status", "services", "started_at", "detected_at", "mitigated_at",
    "resolved_at", "published_at", "minutes_to_detect", "minutes_to_resolve", "hours_to_publish",
    "authors", "reviewers", "factor_categories", "action_items", "action_items_open",
    "action_items_overdue", "action_items_done", "action_items_not_doing", "follow_up_review_date",
    "follow_up_review_done", "customers_affected", "failed_requests", "revenue_usd", "data_loss",
    "source_path",
)  # fmt: skip
ACTION_ITEM_COLUMNS = (
    "key", "postmortem_id", "id", "action", "owner", "sponsor", "deadline", "priority", "type",
    "labels", "yaml_status", "state", "days_late", "reason", "issue_number", "issue_url",
    "issue_state", "issue_closed_at", "drift", "severity", "services", "incident_resolved_at",
    "source_path",
)  # fmt: skip


def incident_rows(postmortems: Sequence[PostMortem], tracked: Sequence[TrackedItem]) -> list[dict[str, Any]]:
    states: dict[str, list[str]] = {}
    for entry in tracked:
        states.setdefault(entry.postmortem.id, []).append(entry.state.value)
    rows = []
    for pm in postmortems:
        incident, mine = pm.incident, states.get(pm.id, [])
        rows.append(
            {
                "id": pm.id,
                "title": pm.title,
                "severity": pm.severity,
                "status": pm.status,
                "services": list(incident.services),
                "started_at": incident.started_at,
                "detected_at": incident.detected_at,
                "mitigated_at": incident.mitigated_at,
                "resolved_at": incident.resolved_at,
                "published_at": pm.published_at,
                "minutes_to_detect": _minutes(incident.detected_at - incident.started_at),
                "minutes_to_resolve": _minutes(incident.resolved_at - incident.started_at),
                "hours_to_publish": (
                    round((pm.published_at - incident.resolved_at).total_seconds() / 3600, 1)
                    if pm.published_at
                    else None
                ),
                "authors": list(pm.authors),
                "reviewers": list(pm.reviewers),
                "factor_categories": sorted({factor.category for factor in pm.contributing_factors.factors}),
                "action_items": len(pm.action_items),
                "action_items_open": sum(state in ("open", "due-soon", "overdue") for state in mine),
                "action_items_overdue": mine.count("overdue"),
                "action_items_done": mine.count("done"),
                "action_items_not_doing": mine.count("not-doing"),
                "follow_up_review_date": pm.follow_up_review.date,
                "follow_up_review_done": pm.follow_up_review.done,
                "customers_affected": pm.impact.customers_affected,
                "failed_requests": pm.impact.failed_requests,
                "revenue_usd": pm.impact.revenue_usd,
                "data_loss": pm.impact.data_loss,
                "source_path": pm.source_path,
            }
        )
    return rows


def action_item_rows(tracked: Sequence[TrackedItem]) -> list[dict[str, Any]]:
    rows = []
    for entry in tracked:
        pm, item, issue = entry.postmortem, entry.item, entry.issue
        rows.append(
            {
                "key": entry.key,
                "postmortem_id": pm.id,
                "id": item.id,
                "action": item.action,
                "owner": item.owner,
                "sponsor": item.sponsor,
                "deadline": item.deadline,
                "priority": item.priority,
                "type": item.type,
                "labels": list(item.labels),
                "yaml_status": item.status,
                "state": entry.state.value,
                "days_late": entry.days_late,
                "reason": item.reason,
                "issue_number": issue.number if issue else None,
                "issue_url": issue.url if issue else None,
                "issue_state": (issue.state_reason or issue.state) if issue else None,
                "issue_closed_at": issue.closed_at if issue else None,
                "drift": issue.drift if issue else None,
                "severity": pm.severity,
                "services": list(pm.incident.services),
                "incident_resolved_at": pm.incident.resolved_at,
                "source_path": pm.source_path,
            }
        )
    return rows


def to_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """RFC 4180 CSV: dates in ISO 8601, lists joined with `;`, empty cells for nothing."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row[column]) for column in columns])
    return out.getvalue()


def to_ndjson(rows: Iterable[Mapping[str, Any]]) -> str:
    return "".join(json.dumps(row, default=_json_value, ensure_ascii=False) + "\n" for row in rows)


def to_json(
    incidents: Sequence[Mapping[str, Any]],
    items: Sequence[Mapping[str, Any]],
    *,
    generated_at: datetime,
    status_source: str,
) -> str:
    document = {
        "version": EXPORT_VERSION,
        "generated_at": generated_at,
        "status_source": status_source,
        "incidents": list(incidents),
        "action_items": list(items),
    }
    return json.dumps(document, default=_json_value, ensure_ascii=False, indent=2) + "\n"


def _minutes(delta: timedelta) -> int:
    return round(delta.total_seconds() / 60)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return _defused(LIST_SEPARATOR.join(str(part) for part in value))
    if isinstance(value, datetime | date):
        return _json_value(value)
    return _defused(str(value))


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_HANDLES = re.compile(r"@[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?(;@[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?)*")


def _defused(text: str) -> str:
    """A text a spreadsheet would run as a formula gets a leading `'` (OWASP CSV injection).

    Handles (`@alice`, `@org/team`) are left as they are: they are data people filter on, and
    a spreadsheet shows at worst an error for one, never runs it.
    """
    if text.startswith(_FORMULA_START) and not _HANDLES.fullmatch(text):
        return "'" + text
    return text


def _json_value(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot export {type(value).__name__}")
