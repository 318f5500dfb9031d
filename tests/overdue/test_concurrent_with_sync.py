"""Issue 10 item 3: sync and `overdue --apply` are safe to run at the same time.

Each test lets one job read the tracker, then runs the other job in full before the first one
makes its first write (the worst interleaving: every observation of the first job is stale).
Sync owns the block's fields, its `applied` line and the labels it put on; the overdue job owns
the `overdue`/`due-soon` labels, its comments and the block's `reminded` line. Neither may undo
the other, and a rerun of both makes no write.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from pm_pipeline.cli import parse_now
from pm_pipeline.commands.overdue import OverdueOptions, run_overdue
from pm_pipeline.commands.sync import SyncOptions, run_plan
from pm_pipeline.github_context import GitHubContext
from pm_pipeline.tracker.github import GitHubStore
from pm_pipeline.tracker.policy import RetryPolicy, WriteBudget
from pm_pipeline.tracker.store import IssueStore
from tests.overdue.conftest import REPO, World, item

DAY = "2025-03-11"


class BeforeFirstWrite(GitHubStore):
    """The real store, running `other` once when the job starts carrying out its plan (its first
    call after the listing). A body write re-reads the issue right before it patches it; only
    those two requests, milliseconds apart, stay unguarded (GitHub has no conditional PATCH):
    a collision there is repaired by the next run of the job whose write was lost."""

    def __init__(self, other: Callable[[], None], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._other: Callable[[], None] | None = other

    def _first(self) -> None:
        if self._other is not None:
            other, self._other = self._other, None
            other()

    def get_issue(self, number: int) -> Any:
        self._first()
        return super().get_issue(number)

    def list_comments(self, number: int) -> Any:
        self._first()
        return super().list_comments(number)

    def create_issue(self, *args: Any, **kwargs: Any) -> Any:
        self._first()
        return super().create_issue(*args, **kwargs)

    def edit_issue(self, *args: Any, **kwargs: Any) -> Any:
        self._first()
        return super().edit_issue(*args, **kwargs)

    def add_labels(self, *args: Any, **kwargs: Any) -> Any:
        self._first()
        return super().add_labels(*args, **kwargs)

    def remove_label(self, *args: Any, **kwargs: Any) -> Any:
        self._first()
        return super().remove_label(*args, **kwargs)

    def create_comment(self, *args: Any, **kwargs: Any) -> Any:
        self._first()
        return super().create_comment(*args, **kwargs)


def _factory(other: Callable[[], None] | None) -> Callable[[str, str, str, WriteBudget], IssueStore]:
    def make(repo: str, token: str, api_url: str, budget: WriteBudget) -> IssueStore:
        args = (repo, token)
        kwargs = {"api_url": api_url, "budget": budget, "retry": RetryPolicy(sleep=lambda _: None),
                  "write_interval": 0}
        if other is None:
            return GitHubStore(*args, **kwargs)  # type: ignore[arg-type]
        return BeforeFirstWrite(other, *args, **kwargs)

    return make


def _github(world: World) -> GitHubContext:
    return GitHubContext.from_env({"GITHUB_TOKEN": "t", "GITHUB_ACTIONS": "true"}, REPO, world.fake.base_url)


def _sync(world: World, other: Callable[[], None] | None = None) -> int:
    options = SyncOptions((world.folder,), "json", 500, world.root / "pm-status.json", world.config_path, REPO,
                          world.fake.base_url)
    return run_plan(options, parse_now(f"{DAY}T05:00:00Z"), apply=True, github=_github(world),
                    store_factory=_factory(other), out=io.StringIO(), err=io.StringIO()).exit_code


def _overdue(world: World, other: Callable[[], None] | None = None) -> int:
    options = OverdueOptions((world.folder,), REPO, world.fake.base_url, True, 500, "json", world.config_path)
    return run_overdue(options, parse_now(f"{DAY}T06:00:00Z"), _github(world), io.StringIO(), io.StringIO(),
                       _factory(other)).exit_code


def _seed(world: World) -> None:
    world.write([item("AI-001", "2025-03-04", "@carol", "high", sponsor="@vp-eng"),
                 item("AI-002", "2025-03-20", "@bob")])
    world.sync()
    # Then the YAML changes in ways sync must carry: a new action text and a new priority.
    world.write([item("AI-001", "2025-03-04", "@carol", "medium"),
                 {**item("AI-002", "2025-03-20", "@bob"), "action": "Page the on-call when the pool waits"}])


def _check_both_kept(world: World) -> None:
    first, second = world.issue("AI-001"), world.issue("AI-002")
    assert "priority/medium" in first.labels and "priority/high" not in first.labels  # sync's labels
    assert "overdue" in first.labels  # the overdue job's label
    assert "| Priority | medium |" in (first.body or "")  # sync's block
    assert "<!-- pm-pipeline:reminded deadline=2025-03-04 tier=7 -->" in (first.body or "")  # overdue's state
    assert "Page the on-call when the pool waits" in (second.body or "")
    assert world.markers("AI-001") == ["2025-03-04/7"]  # one comment, never two


def _rerun_writes_nothing(world: World) -> None:
    before = world.fake.write_count
    assert _sync(world) == 0 and _overdue(world) == 0
    assert world.fake.write_count == before


def test_overdue_runs_between_the_reads_and_the_writes_of_sync(world: World) -> None:
    _seed(world)
    codes: list[int] = []
    assert _sync(world, other=lambda: codes.append(_overdue(world))) == 0
    assert codes == [0]
    _check_both_kept(world)
    _rerun_writes_nothing(world)


def test_sync_runs_between_the_reads_and_the_writes_of_overdue(world: World) -> None:
    _seed(world)
    codes: list[int] = []
    assert _overdue(world, other=lambda: codes.append(_sync(world))) == 0
    assert codes == [0]
    _check_both_kept(world)
    _rerun_writes_nothing(world)
