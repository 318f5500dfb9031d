"""The one executor, with the in-memory store: order, budget, stops, failures, uncertain writes;
and sync's observe and apply end to end without HTTP."""

from __future__ import annotations

from datetime import date

from pm_pipeline.overdue.changes import AddLabel, PostComment
from pm_pipeline.sync.changes import Create, Update
from pm_pipeline.sync.observe import observe
from pm_pipeline.tracker.executor import execute
from pm_pipeline.tracker.markers import begin_marker, find_block
from pm_pipeline.tracker.policy import WriteBudget
from pm_pipeline.tracker.store import Rejected, UncertainWrite
from pm_pipeline.tracker.trust import Trust
from tests.tracker.memory import MemoryStore

KEY = "PM-2025-01-01-db/AI-001"
BLOCK = f"{begin_marker(KEY)}\nbody\n<!-- pm-pipeline:end -->"
ME = Trust("pm-bot")


def _raise(error: Exception):  # type: ignore[no-untyped-def]
    def go() -> None:
        raise error

    return go


def test_changes_run_in_order_and_their_issues_are_kept() -> None:
    store = MemoryStore()
    outcome = execute([Create(KEY, "t", BLOCK, ("post-mortem",), (), "post-mortem", ME)], store)
    assert outcome.complete and outcome.writes == 1 and outcome.issues[KEY].number == 1
    assert store.calls == ["create_issue"]


def test_a_change_starts_only_if_the_budget_pays_its_whole_cost() -> None:
    store = MemoryStore(budget_=WriteBudget(3))
    store.add(BLOCK)
    comment = PostComment(1, KEY, 0, ("@a",), "hi", date(2025, 1, 1), ME)  # costs 2
    outcome = execute([AddLabel(1, KEY, "overdue"), AddLabel(1, KEY, "x"), comment], store)
    assert outcome.budget_spent and outcome.ok and not outcome.complete
    assert [c.action for c in outcome.done] == ["add-label", "add-label"] and outcome.skipped == 1
    assert outcome.left_writes == 2 and outcome.runs_left == 1 and store.comments == {}


def test_a_rejected_change_fails_alone_and_the_run_goes_on() -> None:
    store = MemoryStore()
    store.add(BLOCK)
    store.fail["add_labels"] = _raise(Rejected("422", 422))
    outcome = execute([AddLabel(1, KEY, "a"), AddLabel(1, KEY, "b")], store)
    assert len(outcome.failed) == 1 and len(outcome.done) == 1 and not outcome.ok


def test_an_uncertain_create_that_landed_is_recovered_not_repeated() -> None:
    store = MemoryStore()
    store.fail["create_issue"] = _raise(UncertainWrite("502 after sending"))
    outcome = execute([Create(KEY, "t", BLOCK, ("post-mortem",), (), "post-mortem", ME)], store)
    assert outcome.recovered == [KEY] and len(store.issues) == 1 and outcome.complete


def test_a_create_uncertain_twice_stops_the_run() -> None:
    store = MemoryStore()
    store.fail["create_issue"] = _raise(UncertainWrite("502"))
    first = Create(KEY, "t", BLOCK, ("post-mortem",), (), "post-mortem", Trust("someone-else"))
    store.fail["recent_issues"] = lambda: store.fail.__setitem__("create_issue", _raise(UncertainWrite("502")))
    outcome = execute([first, AddLabel(1, KEY, "x")], store)
    assert outcome.stopped and "failed twice" in outcome.stopped and not outcome.budget_spent
    assert outcome.skipped == 2


def test_update_rereads_the_body_and_keeps_what_another_job_wrote() -> None:
    store = MemoryStore()
    issue = store.add(BLOCK)
    reminded = BLOCK.replace("<!-- pm-pipeline:end -->",
                             "<!-- pm-pipeline:reminded deadline=2025-01-01 tier=7 -->\n<!-- pm-pipeline:end -->")
    store.edit_issue(1, body=reminded)  # the overdue job wrote after our listing
    new_block = BLOCK.replace("body", "new body")
    execute([Update(KEY, 1, issue.url, body=new_block, block=new_block)], store)
    found = find_block(store.issues[1].body)
    assert found is not None and "new body" in found.text and found.reminded is not None


def test_post_comment_skips_a_comment_its_identity_already_posted_and_records_the_tier() -> None:
    store = MemoryStore()
    store.add(BLOCK)
    store.create_comment(1, f"<!-- pm-pipeline:overdue key={KEY} deadline=2025-01-01 tier=7 -->")
    store.create_comment(1, f"<!-- pm-pipeline:overdue key={KEY} deadline=2025-01-01 tier=14 -->", author="mallory")
    before = store.budget.used
    execute([PostComment(1, KEY, 7, ("@a",), "hi", date(2025, 1, 1), ME)], store)
    assert len(store.comments[1]) == 2 and store.budget.used - before == 1  # the tier line only
    execute([PostComment(1, KEY, 14, ("@a",), "tier 14", date(2025, 1, 1), ME)], store)
    assert store.comments[1][-1].body == "tier 14"  # mallory's marker does not count
    block = find_block(store.issues[1].body)
    assert block is not None and block.reminded is not None and block.reminded.tier == 14


def test_observe_lists_once_and_searches_only_when_an_open_item_is_missing() -> None:
    from tests.sync.test_sync_core import _desired

    store = MemoryStore()
    wanted = _desired()
    first = observe(store, [wanted], "post-mortem", ME)
    assert store.calls == ["list_issues", "search_body"] and first.searched
    store.calls.clear()
    store.add(wanted.block)
    again = observe(store, [wanted], "post-mortem", ME)
    assert store.calls == ["list_issues"] and not again.searched and len(again.issues) == 1
