from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from pm_pipeline.config import Config, OverdueSettings
from pm_pipeline.overdue.find import IssueState, find_overdue, reached_tier
from pm_pipeline.tracker.markers import TierMarker
from pm_pipeline.tracking import ItemState
from tests.overdue.factories import action, postmortem

KEY = "PM-2025-02-01-db/AI-001"
CONFIG = Config()


def at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(hour=6, tzinfo=UTC)


def issue(*labels: str, state: str = "open", markers: frozenset[TierMarker] = frozenset(),
          known: bool = True, number: int = 7) -> dict[str, IssueState]:
    return {KEY: IssueState(number, KEY, state, frozenset(labels), markers=markers, markers_known=known)}


def only(pm_items: list[dict[str, object]] | None = None, issues: dict[str, IssueState] | None = None,
         day: str = "2025-03-02", config: Config = CONFIG):  # type: ignore[no-untyped-def]
    agenda = find_overdue([postmortem(items=pm_items)], issues or {}, at(day), config)
    return agenda.items[0]


@pytest.mark.parametrize(("days", "tier"), [(-3, None), (0, None), (1, 0), (6, 0), (7, 7), (13, 7), (14, 14), (90, 14)])
def test_reached_tier_is_the_highest_threshold_passed(days: int, tier: int | None) -> None:
    assert reached_tier(days, (0, 7, 14)) == tier


def test_item_is_overdue_the_day_after_its_deadline() -> None:
    assert only(day="2025-03-01").state is ItemState.DUE_SOON
    tracked = only(day="2025-03-02")
    assert (tracked.state, tracked.days_overdue, tracked.tier) == (ItemState.OVERDUE, 1, 0)


@pytest.mark.parametrize(("day", "status"), [("2025-02-25", ItemState.OPEN), ("2025-02-26", ItemState.DUE_SOON),
                                             ("2025-03-01", ItemState.DUE_SOON)])
def test_due_soon_window_is_due_soon_days_before_the_deadline(day: str, status: ItemState) -> None:
    assert only(day=day).state is status


def test_due_soon_window_follows_the_config() -> None:
    config = Config(overdue=OverdueSettings(due_soon_days=7))
    assert only(day="2025-02-22", config=config).state is ItemState.DUE_SOON


def test_done_and_not_doing_items_are_never_chased() -> None:
    assert only([action(status="done")], day="2025-06-01").state is ItemState.DONE
    assert only([action(status="not-doing")], day="2025-06-01").state is ItemState.NOT_DOING


def test_closed_issue_is_not_chased_even_if_the_yaml_says_open() -> None:
    tracked = only(issues=issue(state="closed"), day="2025-06-01")
    assert tracked.state is ItemState.DONE and not tracked.chased


def test_a_done_item_whose_issue_a_person_reopened_shows_open_but_is_not_chased() -> None:
    agenda = find_overdue([postmortem(items=[action(status="done")])], issue("overdue"), at("2025-06-01"), CONFIG)
    tracked = agenda.items[0]
    assert tracked.state is ItemState.OVERDUE and not tracked.chased  # the site shows the tracker; sync reports drift
    assert agenda.overdue == () and tracked.comment_tier is None


@pytest.mark.parametrize("label", ["blocked", "On-Hold"])
def test_exempt_labels_stop_the_chase_case_insensitively(label: str) -> None:
    tracked = only(issues=issue(label), day="2025-06-01")
    assert tracked.state is ItemState.EXEMPT
    assert tracked.comment_tier is None


def test_exempt_labels_follow_the_config() -> None:
    config = Config(overdue=OverdueSettings(exempt_labels=("waiting",)))
    assert only(issues=issue("blocked"), day="2025-06-01", config=config).state is ItemState.OVERDUE
    assert only(issues=issue("waiting"), day="2025-06-01", config=config).state is ItemState.EXEMPT


def test_reached_tier_is_commented_when_no_marker_exists() -> None:
    assert only(issues=issue(), day="2025-03-09").comment_tier == 7


def test_skipped_days_post_only_the_tier_reached_not_the_missed_ones() -> None:
    tracked = only(issues=issue(), day="2025-03-20")
    assert (tracked.tier, tracked.comment_tier) == (14, 14)


def test_posted_tier_is_not_posted_again() -> None:
    posted = frozenset({TierMarker(KEY, date(2025, 3, 1), 7)})
    assert only(issues=issue(markers=posted), day="2025-03-12").comment_tier is None


def test_a_higher_tier_posted_suppresses_lower_ones() -> None:
    posted = frozenset({TierMarker(KEY, date(2025, 3, 1), 14)})
    config = Config(overdue=OverdueSettings(tiers=(0, 3, 7, 14)))
    assert only(issues=issue(markers=posted), day="2025-03-20", config=config).comment_tier is None


def test_markers_for_an_old_deadline_do_not_count_after_it_moves() -> None:
    posted = frozenset({TierMarker(KEY, date(2025, 2, 1), 0), TierMarker(KEY, date(2025, 2, 1), 7)})
    assert only(issues=issue(markers=posted), day="2025-03-02").comment_tier == 0


def test_markers_of_another_item_do_not_count() -> None:
    posted = frozenset({TierMarker("PM-other/AI-001", date(2025, 3, 1), 0)})
    assert only(issues=issue(markers=posted), day="2025-03-02").comment_tier == 0


def test_unknown_comments_mean_no_decision_yet_and_ask_to_read_them() -> None:
    agenda = find_overdue([postmortem()], issue(known=False), at("2025-03-02"), CONFIG)
    assert agenda.items[0].comment_tier is None
    assert agenda.needing_comments() == (KEY,)


def test_items_without_an_issue_are_listed_but_get_no_comment() -> None:
    tracked = only(day="2025-03-09")
    assert (tracked.state, tracked.issue, tracked.comment_tier) == (ItemState.OVERDUE, None, None)


def test_issue_whose_item_left_the_yaml_is_an_orphan() -> None:
    stray = {"PM-gone/AI-009": IssueState(9, "PM-gone/AI-009", "open", frozenset({"overdue"}))}
    agenda = find_overdue([postmortem()], stray, at("2025-03-02"), CONFIG)
    assert [orphan.number for orphan in agenda.orphans] == [9]


def test_draft_past_the_publish_sla_is_late_and_escalated_after_seven_days() -> None:
    draft = postmortem(status="draft", resolved_at="2025-02-01T12:00:00Z")
    on_time = find_overdue([draft], {}, datetime(2025, 2, 3, 11, tzinfo=UTC), CONFIG)
    late = find_overdue([draft], {}, datetime(2025, 2, 3, 13, tzinfo=UTC), CONFIG)
    very_late = find_overdue([draft], {}, datetime(2025, 2, 8, 13, tzinfo=UTC), CONFIG)
    assert on_time.late_drafts == ()
    assert [d.escalated for d in late.late_drafts] == [False]
    assert [d.escalated for d in very_late.late_drafts] == [True]


def test_published_post_mortem_is_never_a_late_draft() -> None:
    agenda = find_overdue([postmortem()], {}, at("2025-06-01"), CONFIG)
    assert agenda.late_drafts == ()


def test_follow_up_review_due_soon_then_missed_then_gone_once_done() -> None:
    pending = postmortem(review_date="2025-03-01", review_done=False)
    assert find_overdue([pending], {}, at("2025-02-25"), CONFIG).reviews == ()
    assert [r.missed for r in find_overdue([pending], {}, at("2025-02-27"), CONFIG).reviews] == [False]
    assert [r.missed for r in find_overdue([pending], {}, at("2025-03-02"), CONFIG).reviews] == [True]
    held = postmortem(review_date="2025-03-01", review_done=True)
    assert find_overdue([held], {}, at("2025-03-02"), CONFIG).reviews == ()


def test_issues_of_unread_post_mortems_are_not_orphans_when_loading_was_incomplete() -> None:
    stray = {"PM-gone/AI-009": IssueState(9, "PM-gone/AI-009", "open", frozenset({"overdue"}))}
    agenda = find_overdue([postmortem()], stray, at("2025-03-02"), CONFIG, complete=False)
    assert agenda.orphans == ()


def test_a_renamed_item_is_chased_on_its_old_issue_and_its_old_markers_count() -> None:
    posted = frozenset({TierMarker(KEY, date(2025, 3, 1), 7)})
    renamed = [{**action("AI-005"), "renamed_from": "AI-001", "deadline": "2025-03-01"}]
    agenda = find_overdue([postmortem(items=renamed)], issue(markers=posted), at("2025-03-12"), CONFIG)
    (tracked,) = agenda.items
    assert tracked.key == "PM-2025-02-01-db/AI-005" and tracked.issue is not None and tracked.issue.number == 7
    assert tracked.comment_tier is None and agenda.orphans == ()
