"""Every fault ends, after at most one more run, with one issue per action item and no human text lost."""

from __future__ import annotations

import pytest

from pm_pipeline.errors import GitHubError
from tests.sync.conftest import PM_ID, REPO, SyncHarness, action_item

HUMAN_TEXT = "Owner's notes: waiting for the DBA review."
KEYS = [f"{PM_ID}/AI-00{n}" for n in range(1, 6)]


def _prepare(harness: SyncHarness) -> int:
    """Three items synced, a person's text on the first issue, then the YAML edits one item and adds two."""
    harness.write([action_item(n) for n in (1, 2, 3)])
    assert harness.sync().code == 0
    first = harness.issues()[0]
    first.body = f"{first.body}\n\n{HUMAN_TEXT}"
    harness.write([action_item(1, action="Page the on-call when orders-db pool wait exceeds 50 ms"),
                   *(action_item(n) for n in (2, 3, 4, 5))])
    return first.number


def _converged(harness: SyncHarness, first_number: int) -> None:
    found = harness.by_key()
    assert sorted(found) == KEYS
    assert {key: len(issues) for key, issues in found.items()} == {key: 1 for key in KEYS}
    first = harness.fake.issue(REPO, first_number)
    assert first.body.endswith(HUMAN_TEXT) and "Page the on-call" in first.body
    harness.fake.clear_log()
    assert harness.sync().code == 0 and harness.fake.write_count == 0


@pytest.mark.parametrize(("fault", "method", "path", "sleeps"), [
    ("502-after-create", "POST", r"/issues$", []),
    ("502", "POST", r"/issues$", [2.0, 4.0, 8.0, 16.0]),  # looked for before creating again
    ("secondary-limit", "POST", r"/issues$", [1.0]),
    ("429", "POST", r"/issues$", [60.0]),
    ("reset", "POST", r"/issues$", []),
    ("timeout", "POST", r"/issues$", []),
    ("reset", "PATCH", r"/issues/\d+$", [2.0]),
    ("503", "GET", r"/issues$", [2.0]),
])
def test_fault_converges_without_duplicates_or_lost_text(harness: SyncHarness, fault: str, method: str,
                                                         path: str, sleeps: list[float]) -> None:
    first_number = _prepare(harness)
    harness.sleeps.clear()
    harness.fake.inject(fault, method=method, path_pattern=path)
    run = harness.sync()
    assert run.code == 0, run.out + run.err
    assert harness.sleeps == sleeps
    _converged(harness, first_number)


def test_create_that_failed_but_happened_is_found_not_repeated(harness: SyncHarness) -> None:
    first_number = _prepare(harness)
    harness.fake.clear_log()
    harness.fake.inject("502-after-create")
    run = harness.sync()
    assert "recovered" in run.out
    assert len(harness.fake.requests_to("POST", "/repos/o/r/issues")) == 2  # AI-004 once, AI-005 once
    _converged(harness, first_number)


def test_primary_limit_near_reset_is_waited_out(harness: SyncHarness) -> None:
    first_number = _prepare(harness)
    harness.sleeps.clear()
    harness.fake.inject("primary-exhausted", retry_after=5)
    assert harness.sync().code == 0
    assert len(harness.sleeps) == 1 and 4 <= harness.sleeps[0] <= 7
    _converged(harness, first_number)


def test_primary_limit_at_zero_stops_the_run_and_the_next_run_finishes(harness: SyncHarness) -> None:
    first_number = _prepare(harness)
    harness.fake.set_rate_limit(0, reset_in=3600)
    harness.fake.clear_log()
    with pytest.raises(GitHubError, match="rate limit exhausted; resets in"):
        harness.sync()
    assert harness.fake.write_count == 0
    harness.fake.set_rate_limit(5000)
    assert harness.sync().code == 0
    _converged(harness, first_number)


def test_primary_limit_exhausted_mid_run_stops_with_partial_summary(harness: SyncHarness) -> None:
    first_number = _prepare(harness)
    harness.fake.inject("primary-exhausted", method="POST", path_pattern=r"/issues$", retry_after=3600)
    run = harness.sync()
    assert run.code == 1
    assert "Stopped early" in run.out and "rerun after that" in run.out
    _ = harness.sync()
    _converged(harness, first_number)


def test_server_failing_on_every_create_stops_and_the_next_run_finishes(harness: SyncHarness) -> None:
    first_number = _prepare(harness)
    harness.fake.inject("502", method="POST", path_pattern=r"/issues$", times=100)
    run = harness.sync()
    assert run.code == 1 and "failed twice" in run.out
    harness.fake.clear_faults()
    assert harness.sync().code == 0
    _converged(harness, first_number)


def test_persistent_secondary_limit_gives_up_after_capped_retries(harness: SyncHarness) -> None:
    first_number = _prepare(harness)
    harness.sleeps.clear()
    harness.fake.inject("secondary-limit", method="PATCH", path_pattern=r"/issues/\d+$", times=100, retry_after=600)
    run = harness.sync()
    assert run.code == 1 and "gave up after 4 attempts" in run.out
    assert harness.sleeps == [60.0, 60.0, 60.0]  # Retry-After capped at the policy's max delay
    harness.fake.clear_faults()
    assert harness.sync().code == 0
    _converged(harness, first_number)


def _not_doing(harness: SyncHarness) -> None:
    harness.write([action_item(1)])
    assert harness.sync().code == 0
    harness.write([action_item(1, status="not-doing", reason="Replaced by the pool autoscaler")])


def test_reason_comment_that_failed_but_happened_is_not_posted_twice(harness: SyncHarness) -> None:
    _not_doing(harness)
    harness.fake.inject("502-after-create", path_pattern=r"/comments$")
    assert harness.sync().code == 0
    issue = harness.issues()[0]
    assert issue.state_reason == "not_planned" and len(issue.comments) == 1


def test_close_that_kept_failing_after_the_comment_comments_once_in_all(harness: SyncHarness) -> None:
    _not_doing(harness)
    harness.fake.inject("502", method="PATCH", path_pattern=r"/issues/\d+$", times=100)
    assert harness.sync().code == 1
    harness.fake.clear_faults()
    assert harness.sync().code == 0
    issue = harness.issues()[0]
    assert issue.state == "closed" and len(issue.comments) == 1
