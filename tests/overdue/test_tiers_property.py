"""Whatever days the schedule happens to run, each tier is posted at most once, never out of
order, and the last run always leaves the tier reached on that day posted."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from pm_pipeline.config import Config, OverdueSettings
from pm_pipeline.overdue.find import IssueState, find_overdue, reached_tier
from pm_pipeline.tracker.markers import TierMarker
from tests.overdue.factories import action, postmortem

KEY = "PM-2025-02-01-db/AI-001"
DEADLINE = date(2025, 3, 1)
PM = postmortem(items=[action(deadline=DEADLINE.isoformat())])


def run_schedule(days: list[int], tiers: tuple[int, ...]) -> list[tuple[int, int]]:
    """(day, tier) of each comment posted when the job runs on these days after the deadline."""
    config = Config(overdue=OverdueSettings(tiers=tiers))
    posted: set[TierMarker] = set()
    comments = []
    for day in days:
        issue = IssueState(1, KEY, "open", markers=frozenset(posted))
        now = datetime.combine(DEADLINE + timedelta(days=day), datetime.min.time(), UTC)
        tracked = find_overdue([PM], {KEY: issue}, now, config).items[0]
        if tracked.comment_tier is not None:
            posted.add(TierMarker(KEY, DEADLINE, tracked.comment_tier))
            comments.append((day, tracked.comment_tier))
    return comments


@settings(max_examples=300, deadline=None)
@given(days=st.lists(st.integers(-5, 40), unique=True, max_size=25).map(sorted),
       tiers=st.lists(st.integers(0, 30), min_size=1, max_size=4, unique=True).map(lambda t: tuple(sorted(t))))
def test_any_schedule_posts_each_tier_once_in_order_and_ends_on_the_reached_tier(
        days: list[int], tiers: tuple[int, ...]) -> None:
    comments = run_schedule(days, tiers)
    posted = [tier for _, tier in comments]
    assert posted == sorted(set(posted))
    assert all(tier == reached_tier(day, tiers) for day, tier in comments)
    last_reached = reached_tier(days[-1], tiers) if days else None
    assert (max(posted) if posted else None) == last_reached


def test_daily_schedule_posts_every_tier_on_its_day() -> None:
    assert run_schedule(list(range(-3, 20)), (0, 7, 14)) == [(1, 0), (7, 7), (14, 14)]
