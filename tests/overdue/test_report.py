from __future__ import annotations

import io
import json
from datetime import UTC, datetime

from pm_pipeline.config import Config
from pm_pipeline.overdue.find import IssueState, find_overdue
from pm_pipeline.overdue.links import Links
from pm_pipeline.tracker.change import Failed, Outcome
from pm_pipeline.overdue.plan import Plan, make_plan
from pm_pipeline.overdue.report import REPORTERS, counts
from tests.overdue.factories import action, postmortem

KEY = "PM-2025-02-01-db/AI-001"


def sample_plan() -> Plan:
    pm = postmortem(items=[action(priority="high", sponsor="@vp"), action("AI-002", "2025-03-12", owner="@bob")])
    issues = {KEY: IssueState(4, KEY, "open")}
    agenda = find_overdue([pm], issues, datetime(2025, 3, 10, tzinfo=UTC), Config())
    return make_plan(agenda, None, Config().overdue, Links())


def render(name: str, plan: Plan, outcome: Outcome | None = None) -> str:
    stream = io.StringIO()
    REPORTERS[name](plan, outcome, stream)
    return stream.getvalue()


def test_text_report_prints_the_plan_like_a_diff() -> None:
    out = render("text", sample_plan())
    assert "+ add-label PM-2025-02-01-db/AI-001  #4 label overdue" in out
    assert "+ comment   PM-2025-02-01-db/AI-001  #4 tier 7 mentions @alice @vp" in out
    assert "Report only: rerun with --apply" in out


def test_json_report_has_counts_items_and_changes() -> None:
    data = json.loads(render("json", sample_plan()))
    assert data["counts"]["overdue"] == 1 and data["counts"]["due-soon"] == 1 and data["counts"]["comments"] == 1
    assert [c["action"] for c in data["changes"]] == ["create-digest", "add-label", "comment"]
    assert data["items"][0]["tier"] == 7 and data["applied"] is None


def test_markdown_report_carries_the_digest_and_the_outcome() -> None:
    plan = sample_plan()
    outcome = Outcome(list(plan.changes[:1]), [Failed(plan.changes[1], "422 no")], "write budget of 2 spent", True, 1)
    out = render("markdown", plan, outcome)
    assert out.startswith("## pm-pipeline overdue: 2025-03-10")
    assert "<details><summary>Digest</summary>" in out and "## Overdue (1)" in out
    assert "1 failed" in out and "Stopped early: write budget of 2 spent" in out


def test_counts_report_comments_posted_once_applied() -> None:
    plan = sample_plan()
    assert counts(plan, Outcome()).get("comments") == 0
    assert counts(plan, None)["comments"] == 1
