from __future__ import annotations

from datetime import UTC, date, datetime

from pm_pipeline.config import Config
from pm_pipeline.overdue.digest import render_digest
from pm_pipeline.overdue.find import IssueState, find_overdue
from pm_pipeline.overdue.links import Links
from pm_pipeline.tracker.markers import TierMarker, parse_tier_markers
from pm_pipeline.overdue.plan import (
    AddLabel,
    CreateDigest,
    ObservedDigest,
    Plan,
    PostComment,
    RemoveLabel,
    UpdateDigest,
    make_plan,
)
from tests.overdue.factories import action, postmortem

PM = "PM-2025-02-01-db"
CONFIG = Config()
LINKS = Links("https://github.com/acme/app")


def plan_for(items: list[dict[str, object]], issues: dict[str, IssueState], day: str,
             digest: ObservedDigest | None = None) -> Plan:
    now = datetime.fromisoformat(day).replace(tzinfo=UTC)
    agenda = find_overdue([postmortem(PM, items, source_path="postmortems/db.yaml")], issues, now, CONFIG)
    return make_plan(agenda, digest, CONFIG.overdue, LINKS)


def state(item: str, number: int, *labels: str, open_: bool = True,
          markers: frozenset[TierMarker] = frozenset()) -> dict[str, IssueState]:
    key = f"{PM}/{item}"
    return {key: IssueState(number, key, "open" if open_ else "closed", frozenset(labels), markers=markers)}


def item_changes(plan: Plan) -> list[object]:
    return [c for c in plan.changes if not isinstance(c, (CreateDigest, UpdateDigest))]


def test_first_overdue_day_labels_and_mentions_the_owner() -> None:
    plan = plan_for([action(owner="@alice")], state("AI-001", 4), "2025-03-02")
    label, comment = item_changes(plan)
    assert label == AddLabel(4, f"{PM}/AI-001", "overdue")
    assert isinstance(comment, PostComment)
    assert (comment.tier, comment.mentions) == (0, ("@alice",))
    assert parse_tier_markers([comment.body]) == {TierMarker(f"{PM}/AI-001", date(2025, 3, 1), 0)}
    assert comment.body.count("@alice") == 1


def test_due_soon_becomes_overdue_by_swapping_the_labels() -> None:
    plan = plan_for([action()], state("AI-001", 4, "due-soon"), "2025-03-02")
    assert item_changes(plan)[:2] == [RemoveLabel(4, f"{PM}/AI-001", "due-soon"),
                                      AddLabel(4, f"{PM}/AI-001", "overdue")]


def test_later_tier_mentions_the_sponsor_of_a_high_priority_item() -> None:
    items = [action(priority="high", owner="@alice", sponsor="@vp")]
    posted = frozenset({TierMarker(f"{PM}/AI-001", date(2025, 3, 1), 0)})
    plan = plan_for(items, state("AI-001", 4, "overdue", markers=posted), "2025-03-08")
    (comment,) = item_changes(plan)
    assert isinstance(comment, PostComment)
    assert (comment.tier, comment.mentions) == (7, ("@alice", "@vp"))
    assert "@vp" in comment.body


def test_tier_zero_never_mentions_the_sponsor() -> None:
    plan = plan_for([action(priority="high", sponsor="@vp")], state("AI-001", 4), "2025-03-02")
    (comment,) = [c for c in plan.changes if isinstance(c, PostComment)]
    assert comment.mentions == ("@alice",)
    assert "@vp" not in comment.body


def test_later_tier_of_medium_priority_mentions_only_the_owner() -> None:
    posted = frozenset({TierMarker(f"{PM}/AI-001", date(2025, 3, 1), 0)})
    plan = plan_for([action(sponsor="@vp")], state("AI-001", 4, "overdue", markers=posted), "2025-03-08")
    (comment,) = item_changes(plan)
    assert isinstance(comment, PostComment) and comment.mentions == ("@alice",)


def test_done_item_loses_its_overdue_label_and_gets_no_comment() -> None:
    plan = plan_for([action(status="done")], state("AI-001", 4, "overdue"), "2025-03-20")
    assert item_changes(plan) == [RemoveLabel(4, f"{PM}/AI-001", "overdue")]


def test_moved_deadline_removes_overdue() -> None:
    plan = plan_for([action(deadline="2025-04-30")], state("AI-001", 4, "overdue"), "2025-03-20")
    assert item_changes(plan) == [RemoveLabel(4, f"{PM}/AI-001", "overdue")]


def test_closed_issue_loses_both_labels() -> None:
    plan = plan_for([action()], state("AI-001", 4, "overdue", "due-soon", open_=False), "2025-03-20")
    assert item_changes(plan) == [RemoveLabel(4, f"{PM}/AI-001", "overdue"),
                                  RemoveLabel(4, f"{PM}/AI-001", "due-soon")]


def test_a_done_item_whose_issue_a_person_reopened_loses_its_overdue_label() -> None:
    plan = plan_for([action(status="done")], state("AI-001", 4, "overdue"), "2025-06-01")
    assert item_changes(plan) == [RemoveLabel(4, f"{PM}/AI-001", "overdue")]


def test_exempt_issue_loses_its_label_and_gets_no_comment() -> None:
    plan = plan_for([action()], state("AI-001", 4, "overdue", "blocked"), "2025-03-20")
    assert item_changes(plan) == [RemoveLabel(4, f"{PM}/AI-001", "overdue")]


def test_label_on_an_issue_whose_item_left_the_yaml_is_removed() -> None:
    issues = {**state("AI-001", 4), **state("AI-099", 5, "overdue")}
    plan = plan_for([action(deadline="2025-12-01")], issues, "2025-03-20")
    assert item_changes(plan) == [RemoveLabel(5, f"{PM}/AI-099", "overdue")]


def test_settled_state_plans_nothing() -> None:
    posted = frozenset({TierMarker(f"{PM}/AI-001", date(2025, 3, 1), 7)})
    issues = state("AI-001", 4, "overdue", markers=posted)
    first = plan_for([action()], issues, "2025-03-10")
    digest = ObservedDigest(40, CONFIG.overdue.digest_title, first.digest_body.replace("\n", "\r\n"), "open")
    assert plan_for([action()], issues, "2025-03-10", digest).changes == ()


def test_digest_is_created_first_then_updated_only_when_the_body_changes() -> None:
    plan = plan_for([action()], state("AI-001", 4), "2025-03-02")
    assert isinstance(plan.changes[0], CreateDigest)
    stale = ObservedDigest(40, CONFIG.overdue.digest_title, "old", "closed")
    (update,) = [c for c in plan_for([action()], state("AI-001", 4), "2025-03-02", stale).changes
                 if isinstance(c, UpdateDigest)]
    assert (update.issue, update.reopen) == (40, True)


def test_most_overdue_items_come_first() -> None:
    items = [action("AI-001", "2025-03-05"), action("AI-002", "2025-02-01")]
    plan = plan_for(items, {**state("AI-001", 4), **state("AI-002", 5)}, "2025-03-10")
    assert [c.issue for c in item_changes(plan) if isinstance(c, AddLabel)] == [5, 4]


def test_digest_body_of_the_plan_is_the_rendered_digest() -> None:
    plan = plan_for([action()], state("AI-001", 4), "2025-03-02")
    assert plan.digest_body == render_digest(plan.agenda, LINKS)
