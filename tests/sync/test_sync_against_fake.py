"""The real plan/sync code, PyGithub and HTTP against the stateful fake GitHub."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.sync.conftest import PM_ID, REPO, SyncHarness, action_item

KEY1, KEY2, KEY3 = (f"{PM_ID}/AI-00{n}" for n in (1, 2, 3))
HUMAN_TEXT = "Notes from the owner: blocked on the DBA review."


def _one_issue_per_key(harness: SyncHarness, keys: list[str]) -> None:
    found = harness.by_key()
    assert sorted(found) == sorted(keys)
    assert all(len(issues) == 1 for issues in found.values()), {k: [i.number for i in v] for k, v in found.items()}


def test_first_sync_creates_one_issue_per_open_item_with_title_labels_assignee(harness: SyncHarness) -> None:
    harness.write([action_item(1, labels=["observability"]), action_item(2, priority="low")])
    run = harness.sync()
    assert run.code == 0, run.out + run.err
    first, second = harness.issues()
    assert first.title == "[PM-2025-02-09] AI-001: Add an alert on orders-db pool wait time above 100 ms, item 1"
    assert first.labels == ["post-mortem", "priority/high", "observability"]
    assert second.labels == ["post-mortem", "priority/low"]
    assert first.assignees == ["maria-lopez"]
    assert first.body.startswith(f"<!-- pm-pipeline:begin key={KEY1} -->")
    assert f"{harness.fake.base_url}/o/r/blob/main/postmortems/2025-02-09-api-degradation.yaml" in first.body
    assert run.snapshot["items"][KEY1]["number"] == first.number
    assert run.snapshot["items"][KEY1]["state"] == "open"


def test_apply_twice_is_noop_with_zero_writes(harness: SyncHarness) -> None:
    harness.write([action_item(n) for n in (1, 2, 3)])
    assert harness.sync().code == 0
    harness.fake.clear_log()
    again = harness.sync()
    assert again.code == 0
    assert harness.fake.write_count == 0
    assert len(harness.fake.requests) == 2  # one page of issues + who am I
    assert "No changes" in again.out and "3 unchanged" in again.out


def test_more_than_100_managed_issues_are_listed_across_pages(harness: SyncHarness) -> None:
    harness.write([action_item(n) for n in range(1, 151)])
    assert harness.sync(max_writes=200).code == 0
    harness.fake.clear_log()
    again = harness.sync()
    pages = harness.fake.requests_to("GET", "/repos/o/r/issues")
    assert len(pages) == 2 and pages[1].query.get("page") == "2"
    assert harness.fake.write_count == 0 and "150 unchanged" in again.out
    assert len(harness.issues()) == 150


def test_pull_requests_in_the_list_are_ignored(harness: SyncHarness) -> None:
    harness.write([action_item(1)])
    harness.sync()
    marker_body = harness.issues()[0].body
    harness.fake.add_issue(REPO, "A PR quoting the block", marker_body, labels=["post-mortem"],
                           is_pull_request=True, user=harness.fake.login)
    harness.fake.clear_log()
    run = harness.sync()
    assert harness.fake.write_count == 0
    assert "duplicate" not in run.out and "1 unchanged" in run.out


def test_issue_closed_by_a_person_is_reported_as_drift_and_left_closed(harness: SyncHarness) -> None:
    harness.write([action_item(1), action_item(2)])
    harness.sync()
    closed = harness.issues()[0]
    harness.fake.set_state(closed, "closed", "completed")
    harness.fake.clear_log()
    run = harness.sync()
    assert run.code == 0
    assert harness.fake.write_count == 0
    assert "drift" in run.out and f"#{closed.number}" in run.out
    item = run.snapshot["items"][KEY1]
    assert item["state"] == "closed" and item["closed_at"] and "closed on GitHub" in item["drift"]


def test_label_removed_by_a_person_causes_no_duplicate(harness: SyncHarness) -> None:
    harness.write([action_item(1), action_item(2)])
    harness.sync()
    issue = harness.issues()[0]
    issue.labels = [name for name in issue.labels if name != "post-mortem"]
    harness.fake.clear_log()
    run = harness.sync()
    assert run.code == 0
    _one_issue_per_key(harness, [KEY1, KEY2])
    assert len(harness.fake.requests_to("GET", "/search/issues")) == 1
    assert "post-mortem" in harness.issues()[0].labels  # the tool's own label is put back


def test_done_closes_as_completed(harness: SyncHarness) -> None:
    harness.write([action_item(1), action_item(2)])
    harness.sync()
    harness.write([action_item(1, status="done"), action_item(2)])
    run = harness.sync()
    assert run.code == 0
    issue = harness.issues()[0]
    assert (issue.state, issue.state_reason) == ("closed", "completed")
    assert run.snapshot["items"][KEY1]["state"] == "closed"
    assert run.snapshot["items"][KEY1]["state_reason"] == "completed"
    harness.fake.clear_log()
    harness.sync()
    assert harness.fake.write_count == 0


def test_not_doing_closes_as_not_planned_with_the_reason_once(harness: SyncHarness) -> None:
    harness.write([action_item(1)])
    harness.sync()
    harness.write([action_item(1, status="not-doing", reason="Superseded by the pool autoscaler in AI-007")])
    harness.sync()
    issue = harness.issues()[0]
    assert (issue.state, issue.state_reason) == ("closed", "not_planned")
    comments = [c.body for c in issue.comments]
    assert len(comments) == 1 and "Superseded by the pool autoscaler" in comments[0]
    harness.fake.clear_log()
    harness.sync()
    assert harness.fake.write_count == 0


def test_person_reopening_a_done_issue_is_drift_not_fought(harness: SyncHarness) -> None:
    harness.write([action_item(1)])
    harness.sync()
    harness.write([action_item(1, status="done")])
    harness.sync()
    issue = harness.issues()[0]
    harness.fake.set_state(issue, "open", None)
    harness.fake.clear_log()
    run = harness.sync()
    assert harness.fake.write_count == 0 and issue.state == "open"
    assert "reopened on GitHub" in run.out


def test_removed_item_is_labelled_not_closed(harness: SyncHarness) -> None:
    harness.write([action_item(1), action_item(2)])
    harness.sync()
    harness.write([action_item(2)])
    run = harness.sync()
    assert run.code == 0
    removed = harness.issues()[0]
    assert removed.state == "open" and "action-item-removed" in removed.labels
    harness.fake.clear_log()
    harness.sync()
    assert harness.fake.write_count == 0


def test_broken_file_does_not_mark_its_items_removed(harness: SyncHarness) -> None:
    path = harness.write([action_item(1)])
    harness.sync()
    path.write_text(path.read_text(encoding="utf-8").replace("status: published", "status: shipped"), encoding="utf-8")
    harness.fake.clear_log()
    run = harness.sync()
    assert harness.fake.write_count == 0
    assert "does not pass the schema" in run.err


def test_human_text_labels_and_comments_survive_an_update(harness: SyncHarness) -> None:
    harness.write([action_item(1)])
    harness.sync()
    issue = harness.issues()[0]
    issue.body = f"{issue.body}\n\n{HUMAN_TEXT}"
    issue.labels.append("team/db")
    harness.fake.add_comment(REPO, issue.number, "On it.")
    harness.write([action_item(1, action="Alert when orders-db pool wait time exceeds 50 ms", priority="medium",
                               deadline="2025-03-20")])
    run = harness.sync()
    assert run.code == 0
    assert "title, body, labels" in run.out
    assert issue.title.endswith("AI-001: Alert when orders-db pool wait time exceeds 50 ms")
    assert issue.body.endswith(HUMAN_TEXT) and "2025-03-20" in issue.body
    assert sorted(issue.labels) == ["post-mortem", "priority/medium", "team/db"]
    assert [c.body for c in issue.comments] == ["On it."]
    assert issue.assignees == ["maria-lopez"]


def test_a_closed_second_issue_with_one_marker_is_reported_not_touched(harness: SyncHarness) -> None:
    harness.write([action_item(1)])
    harness.sync()
    original = harness.issues()[0]
    copy = harness.fake.add_issue(REPO, original.title, original.body, labels=["post-mortem"], user=harness.fake.login,
                                  state="closed", state_reason="completed")
    harness.fake.clear_log()
    run = harness.sync()
    assert harness.fake.write_count == 0
    assert f"#{copy.number} duplicates #{original.number}" in run.out
    assert run.snapshot["items"][KEY1]["number"] == original.number


def test_marker_on_an_issue_a_person_opened_is_not_trusted(harness: SyncHarness) -> None:
    harness.write([action_item(1)])
    harness.sync()
    original = harness.issues()[0]
    forged = harness.fake.add_issue(REPO, "copied", original.body, labels=["post-mortem"], user="mallory")
    forged.body = original.body.replace("item 1", "something else")
    harness.fake.clear_log()
    run = harness.sync()
    assert harness.fake.write_count == 0
    assert f"#{forged.number} carries this marker but was opened by @mallory" in run.out


def test_actions_token_trusts_the_issues_github_actions_bot_wrote(fake_github, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    fake_github.login = "github-actions[bot]"  # GET /user answers 403, as for GITHUB_TOKEN
    monkeypatch.chdir(tmp_path)
    fake_github.add_repo(REPO)
    harness = SyncHarness(fake_github, tmp_path)
    harness.write([action_item(1)])
    actions = harness.env(GITHUB_ACTIONS="true")
    assert harness.sync(env=actions).code == 0
    fake_github.clear_log()
    run = harness.sync(env=actions)
    assert fake_github.write_count == 0 and "1 unchanged" in run.out
    _one_issue_per_key(harness, [KEY1])


def test_write_budget_stops_with_a_partial_summary_exit_0_and_the_next_run_finishes(harness: SyncHarness) -> None:
    harness.write([action_item(n) for n in range(1, 6)])
    first = harness.sync(max_writes=3)
    assert first.code == 0  # a spent budget is progress, not a failure
    assert "Stopped early: write budget of 3 spent" in first.out and "2 change(s) left" in first.out
    assert "about 1 more run(s)" in first.out and "warning: write budget spent: 2 change(s) left" in first.err
    assert len(harness.issues()) == 3
    assert first.snapshot["items"][f"{PM_ID}/AI-005"]["state"] == "planned"
    assert harness.sync(max_writes=3).code == 0
    assert len(harness.issues()) == 5


def test_actions_outputs_and_step_summary(harness: SyncHarness) -> None:
    harness.write([action_item(1), action_item(2)])
    output, summary = harness.root / "out.txt", harness.root / "summary.md"
    run = harness.run(apply=True, env=harness.env(GITHUB_OUTPUT=str(output), GITHUB_STEP_SUMMARY=str(summary)))
    assert run.code == 0
    lines = output.read_text(encoding="utf-8").splitlines()
    assert lines[:5] == ["created=2", "updated=0", "closed=0", "unchanged=0", "drift=0"]
    assert any(line.startswith("snapshot=") for line in lines)
    plan_path = next(line.split("=", 1)[1] for line in lines if line.startswith("plan="))
    assert "This sync creates 2 issues" in summary.read_text(encoding="utf-8")
    assert "| + | create |" in Path(plan_path).read_text(encoding="utf-8")


def test_sync_refuses_on_pull_request_events(harness: SyncHarness) -> None:
    from pm_pipeline.errors import UsageError

    harness.write([action_item(1)])
    for event in ("pull_request", "pull_request_target"):
        with pytest.raises(UsageError, match="refuses to run"):
            harness.run(apply=True, env=harness.env(GITHUB_EVENT_NAME=event))
    assert harness.fake.requests == []


def test_plan_against_github_makes_no_writes(harness: SyncHarness) -> None:
    harness.write([action_item(1), action_item(2)])
    run = harness.run(apply=False, output_format="json")
    assert harness.fake.write_count == 0 and harness.issues() == []
    assert '"create": 2' in run.out
    assert run.snapshot["source"] == "github" and run.snapshot["items"][KEY1]["state"] == "planned"


def test_a_changed_token_stops_before_writing_until_the_old_identity_is_listed(harness: SyncHarness) -> None:
    from pm_pipeline.tracker.trust import UnknownIdentity

    harness.write([action_item(1)])
    harness.fake.login = "github-actions[bot]"
    harness.sync(env=harness.env(GITHUB_ACTIONS="true"))
    harness.fake.login = "pm-bot"  # now a personal token, which may ask GET /user
    harness.fake.clear_log()
    with pytest.raises(UnknownIdentity, match=r"none was opened by @pm-bot.*@github-actions\[bot\]"):
        harness.sync()
    assert harness.fake.write_count == 0 and len(harness.issues()) == 1
    run = harness.sync(env=harness.env(PM_PIPELINE_TRUSTED_AUTHORS="github-actions[bot]"))
    assert harness.fake.write_count == 0 and "1 unchanged" in run.out


def test_enterprise_api_url_links_the_yaml_on_the_web_host(harness: SyncHarness) -> None:
    harness.write([action_item(1)])
    env = harness.env(GITHUB_API_URL=harness.fake.ghes_base_url)
    assert harness.run(apply=True, env=env).code == 0
    body = harness.issues()[0].body
    assert f"({harness.fake.base_url}/o/r/blob/main/postmortems/" in body and "/api/v3/o/r" not in body


@pytest.mark.parametrize("entry", ["dangling-link", "fifo"])
def test_an_unreadable_entry_means_nothing_is_labelled_removed(harness: SyncHarness, entry: str) -> None:
    harness.write([action_item(1), action_item(2)])
    harness.write([action_item(1)], pm_id="PM-2025-02-20-cache-stampede")
    harness.sync()
    harness.write([action_item(1)])  # AI-002 left this file: it may be in the one that cannot be read
    odd = harness.root / "postmortems" / "2025-03-01-moved-items.yaml"
    if entry == "fifo":
        os.mkfifo(odd)
    else:
        odd.symlink_to(harness.root / "gone.yaml")
    harness.fake.clear_log()
    run = harness.sync()
    assert harness.fake.write_count == 0
    assert all("action-item-removed" not in issue.labels for issue in harness.issues())
    assert "1 issue(s) of items no longer in the YAML are not labelled removed" in run.out
    assert "2025-03-01-moved-items.yaml: skipped" in run.err
    odd.unlink()
    labelled = harness.sync()
    assert labelled.code == 0 and "action-item-removed" in harness.issues()[1].labels
