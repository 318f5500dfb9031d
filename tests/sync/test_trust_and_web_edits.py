"""Issue 12 items 3 and 6 against the fake GitHub: whose markers count, and bodies a person edited
in the web UI (CRLF line ends, trailing blanks, the block moved, text typed inside it)."""

from __future__ import annotations

import pytest

from pm_pipeline.tracker.trust import UnknownIdentity
from tests.sync.conftest import PM_ID, REPO, SyncHarness, action_item

KEY1, KEY2 = f"{PM_ID}/AI-001", f"{PM_ID}/AI-002"


def _one_issue_per_key(harness: SyncHarness, keys: list[str]) -> None:
    found = harness.by_key()
    assert sorted(found) == sorted(keys) and all(len(issues) == 1 for issues in found.values()), found


def test_personal_token_whose_user_lookup_is_refused_never_duplicates(harness: SyncHarness) -> None:
    harness.write([action_item(n) for n in (1, 2, 3)])
    assert harness.sync().code == 0
    harness.fake.user_forbidden = True  # GET /user answers 403 from now on
    harness.fake.clear_log()
    with pytest.raises(UnknownIdentity, match=r"GET /user was refused.*PM_PIPELINE_IDENTITY"):
        harness.sync()
    assert harness.fake.write_count == 0 and len(harness.issues()) == 3
    run = harness.sync(env=harness.env(PM_PIPELINE_IDENTITY="pm-bot"))
    assert run.code == 0 and harness.fake.write_count == 0 and "3 unchanged" in run.out


def test_refused_user_lookup_on_an_empty_tracker_still_creates_once(harness: SyncHarness) -> None:
    harness.fake.user_forbidden = True
    harness.write([action_item(1)])
    assert harness.sync().code == 0
    assert len(harness.issues()) == 1  # nothing to confuse yet: nothing carries a marker


def test_a_bot_that_opens_an_issue_with_a_copied_marker_is_not_trusted(harness: SyncHarness) -> None:
    harness.fake.login = "github-actions[bot]"
    actions = harness.env(GITHUB_ACTIONS="true")
    harness.write([action_item(1)])
    harness.sync(env=actions)
    original = harness.issues()[0]
    forged_body = (original.body or "").replace("AI-001", "AI-002")
    forged = harness.fake.add_issue(REPO, "taken over", forged_body, labels=["post-mortem"], user="evil-app[bot]")
    harness.write([action_item(1), action_item(2)])
    run = harness.sync(env=actions)
    assert run.code == 0
    assert f"#{forged.number} carries this marker but was opened by @evil-app[bot]" in run.out
    assert harness.fake.issue(REPO, forged.number).body == forged_body  # never edited
    ours = [it for it in harness.by_key()[KEY2] if it.user == "github-actions[bot]"]
    assert len(ours) == 1 and run.snapshot["items"][KEY2]["number"] == ours[0].number


def test_body_edited_in_the_web_ui_keeps_its_issue_and_the_human_text(harness: SyncHarness) -> None:
    harness.write([action_item(1)])
    harness.sync()
    (issue,) = harness.issues()
    block = issue.body or ""
    lines = block.split("\n")
    lines[0] += "  "  # trailing blanks after the begin marker
    lines.insert(2, "Owner is on leave until May; Bob covers.")  # typed inside the block
    edited = "Context first, written by a person.\n\n" + "\n".join(lines) + "\n\nNotes after the block."
    harness.fake.edit_in_browser(REPO, issue.number, edited)
    assert "\r\n" in (harness.fake.issue(REPO, issue.number).body or "")

    run = harness.sync()
    assert run.code == 0 and "create" not in run.out.split("Plan:")[1].split(",")[0].replace("0 to create", "")
    _one_issue_per_key(harness, [KEY1])
    body = harness.fake.issue(REPO, issue.number).body or ""
    for text in ("Context first, written by a person.", "Owner is on leave until May; Bob covers.",
                 "Notes after the block."):
        assert text in body
    harness.fake.clear_log()
    again = harness.sync()
    assert harness.fake.write_count == 0 and "1 unchanged" in again.out


def test_a_crlf_body_with_no_real_change_costs_no_write(harness: SyncHarness) -> None:
    harness.write([action_item(1)])
    harness.sync()
    (issue,) = harness.issues()
    harness.fake.edit_in_browser(REPO, issue.number, (issue.body or "") + "\n")
    harness.fake.clear_log()
    run = harness.sync()
    assert harness.fake.write_count == 0 and "1 unchanged" in run.out
    _one_issue_per_key(harness, [KEY1])


def test_a_strangers_unlabelled_issue_with_a_marker_cannot_stop_a_first_sync(harness: SyncHarness) -> None:
    harness.write([action_item(1)])
    planted = harness.fake.add_issue(REPO, "bait", f"<!-- pm-pipeline:begin key={KEY1} -->\nManaged by pm-pipeline",
                                     user="mallory")
    run = harness.sync()
    assert run.code == 0 and f"#{planted.number} carries this marker but was opened by @mallory" in run.out
    ours = [it for it in harness.by_key()[KEY1] if it.user == "pm-bot"]
    assert len(ours) == 1
