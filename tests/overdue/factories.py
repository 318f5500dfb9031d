"""Small post-mortems for the follow-up tests, built through the real model builder."""

from __future__ import annotations

from typing import Any

from pm_pipeline.model import PostMortem, build_postmortem


def action(item_id: str = "AI-001", deadline: str = "2025-03-01", *, owner: str = "@alice",
           priority: str = "medium", status: str = "open", sponsor: str | None = None,
           text: str = "Add an alert on orders-db p95 query time above 500 ms") -> dict[str, Any]:
    data: dict[str, Any] = {"id": item_id, "action": text, "owner": owner, "deadline": deadline,
                            "priority": priority, "type": "detect", "status": status}
    if sponsor:
        data["sponsor"] = sponsor
    return data


def postmortem(pm_id: str = "PM-2025-02-01-db", items: list[dict[str, Any]] | None = None, *,
               status: str = "published", resolved_at: str = "2025-02-01T12:00:00Z",
               review_date: str = "2025-03-01", review_done: bool = True,
               source_path: str = "") -> PostMortem:
    data: dict[str, Any] = {
        "id": pm_id,
        "title": f"Incident {pm_id}",
        "severity": "P2",
        "status": status,
        "authors": ["@author"],
        "incident": {"started_at": "2025-02-01T10:00:00Z", "detected_at": "2025-02-01T10:05:00Z",
                     "resolved_at": resolved_at, "services": ["api"]},
        "summary": "Summary.",
        "impact": {"data_loss": False},
        "root_cause": "Root cause.",
        "timeline": [],
        "contributing_factors": {"factors": [{"category": "monitoring", "description": "No alert."}]},
        "action_items": items if items is not None else [action()],
        "follow_up_review": {"date": review_date, "done": review_done},
    }
    if status == "published":
        data["published_at"] = "2025-02-02T12:00:00Z"
    return build_postmortem(data, source_path)
