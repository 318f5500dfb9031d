"""Creates whose outcome is unknown, and two syncs at once, end with one open issue per item."""

from __future__ import annotations

import threading
from typing import Any

from pm_pipeline.tracker.github import GitHubStore
from pm_pipeline.tracker.policy import RetryPolicy, WriteBudget
from pm_pipeline.tracker.store import IssueStore, ObservedIssue
from tests.sync.conftest import REPO, Run, SyncHarness, action_item


def test_a_create_that_lands_after_the_client_timeout_is_found_not_repeated(harness: SyncHarness) -> None:
    harness.write([action_item(1)])
    harness.timeout, harness.real_sleep, harness.settle = 1, True, (0.5, 1.0, 2.0, 4.0)
    harness.fake.listing_lag = 1  # and the listing shows it one read late
    harness.fake.inject("late-create", delay=2.0)
    run = harness.sync()
    assert run.code == 0, run.out + run.err
    assert len(harness.issues()) == 1 and len(harness.fake.requests_to("POST", "/repos/o/r/issues")) == 1
    assert "recovered" in run.out and harness.sleeps[:2] == [0.5, 1.0]
    harness.fake.clear_log()
    assert harness.sync().code == 0 and harness.fake.write_count == 0


class _RacingStore(GitHubStore):
    """Waits at its first create until the other run has listed too: both plan the same creates."""

    def __init__(self, barrier: threading.Barrier, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._barrier: threading.Barrier | None = barrier

    def create_issue(self, *args: Any, **kwargs: Any) -> ObservedIssue:
        if self._barrier is not None:
            barrier, self._barrier = self._barrier, None
            barrier.wait(timeout=20)
        return super().create_issue(*args, **kwargs)


def test_two_syncs_started_at_once_converge_to_one_open_issue_per_item(harness: SyncHarness) -> None:
    harness.write([action_item(n) for n in range(1, 11)])
    barrier = threading.Barrier(2)

    def store(repo: str, token: str, api_url: str, budget: WriteBudget) -> IssueStore:
        return _RacingStore(barrier, repo, token, api_url=api_url, budget=budget,
                            retry=RetryPolicy(sleep=harness.sleeps.append), timeout=5, write_interval=0)

    harness.store = store  # type: ignore[method-assign]
    runs: list[Run] = []
    threads = [threading.Thread(target=lambda n=n: runs.append(harness.sync(snapshot_name=f"status-{n}.json")))
               for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(runs) == 2 and all(run.code == 0 for run in runs), [run.out + run.err for run in runs]
    assert len(harness.fake.requests_to("POST", "/repos/o/r/issues")) == 20  # the race really happened
    for key, issues in harness.by_key().items():
        oldest, newer = sorted(issues, key=lambda issue: issue.number)
        assert (oldest.state, newer.state, newer.state_reason) == ("open", "closed", "duplicate"), key
        comments = [c.body for c in harness.fake.comments(REPO, newer.number)]
        assert len(comments) == 1 and f"Duplicate of #{oldest.number}" in comments[0]
    harness.fake.clear_log()
    again = harness.sync()
    assert again.code == 0 and harness.fake.write_count == 0, again.out
    assert "No changes" in again.out and "duplicates #" not in again.out


def test_an_owner_who_cannot_be_assigned_costs_one_write_per_create(harness: SyncHarness) -> None:
    harness.fake.assignable = {"someone-else"}
    harness.write([action_item(n) for n in (1, 2, 3)] + [action_item(4, owner="@someone-else")])
    run = harness.sync()
    assert run.code == 0, run.out + run.err
    assert harness.fake.write_count == 4  # one create each, no refused create first
    assert len(harness.fake.requests_to("GET", "/assignees/maria-lopez")) == 1  # asked once per owner and run
    assert [issue.assignees for issue in harness.issues()] == [[], [], [], ["someone-else"]]
    assert all("@maria-lopez: this action item is yours" in issue.body for issue in harness.issues()[:3])


def test_a_duplicate_found_later_is_closed_as_a_duplicate_with_a_comment(harness: SyncHarness) -> None:
    harness.write([action_item(1)])
    harness.sync()
    original = harness.issues()[0]
    copy = harness.fake.add_issue(REPO, original.title, original.body, labels=["post-mortem"], user=harness.fake.login)
    harness.fake.clear_log()
    run = harness.sync()
    assert run.code == 0 and harness.fake.write_count == 2  # the comment, the close
    assert f"#{copy.number} duplicates #{original.number}" in run.out
    assert (copy.state, copy.state_reason, original.state) == ("closed", "duplicate", "open")
    assert f"Duplicate of #{original.number}" in harness.fake.comments(REPO, copy.number)[0].body
    assert run.snapshot["items"][f"{original.body.split('key=')[1].split(' ')[0]}"]["number"] == original.number
    harness.fake.clear_log()
    assert harness.sync().code == 0 and harness.fake.write_count == 0


def test_a_lost_create_answer_is_found_when_the_listing_shows_it_two_reads_late(harness: SyncHarness) -> None:
    harness.write([action_item(1), action_item(2)])
    harness.fake.listing_lag = 2
    harness.fake.inject("502-after-create")
    run = harness.sync()
    assert run.code == 0, run.out + run.err
    assert harness.sleeps == [2.0, 4.0]  # looked at once, after 2 s and after 4 more: found
    assert len(harness.fake.requests_to("POST", "/repos/o/r/issues")) == 2
    assert {key: len(issues) for key, issues in harness.by_key().items()} == {
        key: 1 for key in harness.by_key()
    } and len(harness.by_key()) == 2
