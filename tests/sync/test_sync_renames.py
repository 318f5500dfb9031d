"""`renamed_from`: a renamed action item, a renamed post-mortem and an item moved to another
post-mortem keep their issue (number, comments, history); the marker moves to the new key."""

from __future__ import annotations

from tests.sync.conftest import PM_ID, REPO, SyncHarness, action_item

NEW_PM = "PM-2025-02-09-orders-db-pool-exhaustion"
OTHER_PM = "PM-2025-02-20-cache-stampede"


def _keys(harness: SyncHarness) -> dict[str, list[int]]:
    return {key: [issue.number for issue in issues] for key, issues in harness.by_key().items()}


def _rename_postmortem(harness: SyncHarness, items: list[dict[str, object]]) -> None:
    (harness.root / "postmortems" / f"{PM_ID.removeprefix('PM-')}.yaml").unlink()
    path = harness.write(items, pm_id=NEW_PM)
    text = path.read_text(encoding="utf-8").replace(f"id: {NEW_PM}\n", f"id: {NEW_PM}\nrenamed_from: {PM_ID}\n", 1)
    path.write_text(text, encoding="utf-8")


def _noop(harness: SyncHarness) -> None:
    harness.fake.clear_log()
    assert harness.sync().code == 0
    assert harness.fake.write_count == 0


def test_a_renamed_item_keeps_its_issue_and_comments(harness: SyncHarness) -> None:
    harness.write([action_item(1), action_item(2)])
    harness.sync()
    harness.fake.add_comment(REPO, 1, "Halfway there.")
    harness.write([action_item(7, renamed_from="AI-001"), action_item(2)])
    harness.fake.clear_log()
    run = harness.sync()
    assert run.code == 0, run.out + run.err
    assert "renamed from " + f"{PM_ID}/AI-001" in run.out
    assert harness.fake.requests_to("POST", "/issues") == []
    assert _keys(harness) == {f"{PM_ID}/AI-007": [1], f"{PM_ID}/AI-002": [2]}
    issue = harness.fake.issue(REPO, 1)
    assert issue.title.startswith("[PM-2025-02-09] AI-007:") and "action-item-removed" not in issue.labels
    assert [c.body for c in issue.comments] == ["Halfway there."]
    assert run.snapshot["items"][f"{PM_ID}/AI-007"]["number"] == 1
    _noop(harness)


def test_a_renamed_postmortem_keeps_every_issue(harness: SyncHarness) -> None:
    harness.write([action_item(1), action_item(2)])
    harness.sync()
    _rename_postmortem(harness, [action_item(1), action_item(2)])
    run = harness.sync()
    assert run.code == 0, run.out + run.err
    assert _keys(harness) == {f"{NEW_PM}/AI-001": [1], f"{NEW_PM}/AI-002": [2]}
    assert all("action-item-removed" not in issue.labels for issue in harness.issues())
    _noop(harness)


def test_an_item_moved_to_another_postmortem_keeps_its_issue(harness: SyncHarness) -> None:
    harness.write([action_item(1), action_item(2)])
    harness.sync()
    harness.write([action_item(1)])
    harness.write([action_item(1, renamed_from=f"{PM_ID}/AI-002")], pm_id=OTHER_PM)
    run = harness.sync()
    assert run.code == 0, run.out + run.err
    assert _keys(harness) == {f"{PM_ID}/AI-001": [1], f"{OTHER_PM}/AI-001": [2]}
    assert all("action-item-removed" not in issue.labels for issue in harness.issues())
    _noop(harness)


def test_an_old_id_still_in_use_is_not_taken_from_its_item(harness: SyncHarness) -> None:
    harness.write([action_item(1)])
    harness.sync()
    harness.write([action_item(1), action_item(2, renamed_from="AI-001")])
    assert harness.sync().code == 0
    assert _keys(harness) == {f"{PM_ID}/AI-001": [1], f"{PM_ID}/AI-002": [2]}
