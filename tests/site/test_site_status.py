from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from pm_pipeline.site.status import IssueStatus, SnapshotError, TrackedItem, parse_snapshot, track
from pm_pipeline.tracking import ItemState, item_state
from tests.site.site_helpers import NOW, cache_outage_data, demo_data, model


def states(tracked: list[TrackedItem], pm_id: str) -> dict[str, ItemState]:
    return {t.item.id: t.state for t in tracked if t.postmortem.id == pm_id}


def test_yaml_states_split_open_items_by_deadline() -> None:
    tracked = track([model(demo_data()), model(cache_outage_data())], None, NOW, due_soon_days=3)
    assert states(tracked, "PM-2025-02-09-api-degradation") == {
        "AI-001": ItemState.DONE, "AI-002": ItemState.OVERDUE, "AI-003": ItemState.OVERDUE,
        "AI-004": ItemState.OPEN, "AI-005": ItemState.DUE_SOON, "AI-006": ItemState.OPEN}
    assert states(tracked, "PM-2025-03-01-cache-outage") == {
        "AI-001": ItemState.NOT_DOING, "AI-002": ItemState.DONE, "AI-003": ItemState.OVERDUE}


def test_days_late_counts_whole_days_after_the_deadline() -> None:
    tracked = track([model(demo_data())], None, NOW)
    late = {t.item.id: t.days_late for t in tracked if t.state is ItemState.OVERDUE}
    assert late == {"AI-002": 11, "AI-003": 4}


def test_item_due_today_is_due_soon_not_overdue() -> None:
    item = model(demo_data()).action_items[1]
    assert item_state(item, None, item.deadline, 3) is ItemState.DUE_SOON


def test_snapshot_state_overrides_yaml() -> None:
    pm = "PM-2025-02-09-api-degradation"
    snapshot = parse_snapshot(_snapshot({
        f"{pm}/AI-002": {"number": 12, "url": "https://github.com/o/r/issues/12", "state": "closed",
                         "state_reason": "completed", "closed_at": "2025-03-01T09:00:00Z"},
        f"{pm}/AI-004": {"number": 14, "url": "https://github.com/o/r/issues/14", "state": "closed",
                         "state_reason": "not_planned"},
        f"{pm}/AI-001": {"number": 11, "url": "https://github.com/o/r/issues/11", "state": "open"},
    }))
    tracked = track([model(demo_data())], snapshot, NOW)
    got = states(tracked, "PM-2025-02-09-api-degradation")
    assert (got["AI-002"], got["AI-004"], got["AI-001"], got["AI-003"]) == (
        ItemState.DONE, ItemState.NOT_DOING, ItemState.OVERDUE, ItemState.OVERDUE)  # AI-001 reopened, past its deadline
    closed = next(t for t in tracked if t.item.id == "AI-002")
    assert closed.closed_at == datetime(2025, 3, 1, 9, tzinfo=UTC)
    assert closed.issue is not None and closed.issue.number == 12


def _snapshot(items: object, **fields: object) -> dict[str, object]:
    return {"version": 1, "generated_at": "2025-03-11T06:00:00Z", "source": "github", "repository": "o/r",
            "items": items, **fields}


def test_snapshot_items_are_keyed_by_postmortem_and_item() -> None:
    snapshot = parse_snapshot(_snapshot({"PM-1/AI-001": {"number": 3, "url": None, "state": "open", "labels": ["x"]},
                                         "PM-1/AI-002": {"number": None, "url": None, "state": "planned"}}))
    assert snapshot.issues == {("PM-1", "AI-001"): IssueStatus(3, None, "open", labels=("x",))}
    assert list(snapshot.planned) == [("PM-1", "AI-002")]


@pytest.mark.parametrize("bad", [
    [], _snapshot(3), _snapshot([]), _snapshot({"PM-1/AI-1": {"state": "weird"}}),
    _snapshot({"no-slash": {"state": "open"}}), _snapshot({"PM-1/AI-1": {"state": "open", "number": "12"}}),
    _snapshot({"PM-1/AI-1": {"state": "open", "labels": [{"name": "x"}]}}),
    _snapshot({}, generated_at="yesterday"), _snapshot({}, version=2), _snapshot({}, source="gitlab"),
    {"generated_at": "2025-03-11T06:00:00Z", "items": {}},  # no version: not written by sync
])
def test_malformed_snapshot_is_a_clear_error(bad: object) -> None:
    with pytest.raises(SnapshotError):
        parse_snapshot(bad)


def test_open_item_without_snapshot_entry_uses_yaml() -> None:
    snapshot = parse_snapshot(_snapshot({}))
    tracked = track([model(demo_data())], snapshot, datetime(2025, 2, 1, tzinfo=UTC))
    assert states(tracked, "PM-2025-02-09-api-degradation")["AI-001"] is ItemState.DONE
    assert date(2025, 2, 1) < model(demo_data()).action_items[1].deadline


def test_reads_the_snapshot_that_sync_writes() -> None:
    from pm_pipeline.config import Config
    from pm_pipeline.sync.desired import Links, desired_issues
    from pm_pipeline.sync.changes import Drift
    from pm_pipeline.sync.snapshot import dump_snapshot, make_snapshot
    from pm_pipeline.tracker.store import ObservedIssue

    pm = model(demo_data())
    desired = desired_issues([pm], Config(), Links())
    closed_by_person = ObservedIssue(
        number=5, url="https://github.com/o/r/issues/5", title="t", body="", state="closed",
        state_reason="completed", created_at=datetime(2025, 2, 11, tzinfo=UTC),
        closed_at=datetime(2025, 2, 20, tzinfo=UTC), labels=("post-mortem",), assignees=(), author="bot")
    key = f"{pm.id}/AI-002"
    written = make_snapshot(desired, {key: closed_by_person},
                            {key: Drift(key, 5, closed_by_person.url, "closed", "closed by a person")},
                            now=NOW, repository="o/r", offline=False)
    snapshot = parse_snapshot(json.loads(dump_snapshot(written)))
    assert snapshot.taken_at == NOW
    assert snapshot.issues[(pm.id, "AI-002")].drift == "closed by a person"
    tracked = {t.item.id: t for t in track([pm], snapshot, NOW)}
    assert tracked["AI-002"].state is ItemState.DONE  # the site shows what the tracker says
    assert tracked["AI-003"].issue is None and tracked["AI-003"].state is ItemState.OVERDUE  # planned: from the YAML


def test_offline_snapshot_is_marked_offline() -> None:
    assert parse_snapshot(_snapshot({}, source="offline")).offline


def test_an_item_blocked_on_github_is_exempt_on_the_site_as_in_the_overdue_job() -> None:
    from pm_pipeline.overdue.find import IssueState, find_overdue
    from pm_pipeline.settings import Config

    pm = model(demo_data())
    key = f"{pm.id}/AI-002"
    snapshot = parse_snapshot(_snapshot({key: {"number": 12, "url": None, "state": "open", "labels": ["Blocked"]}}))
    site = {t.item.id: t.state for t in track([pm], snapshot, NOW, 3, ("blocked", "on-hold"))}
    agenda = find_overdue([pm], {key: IssueState(12, key, "open", frozenset({"Blocked"}))}, NOW, Config())
    job = {t.item.id: t.state for t in agenda.items}
    assert site == job  # one state rule for both
    assert site["AI-002"] is ItemState.EXEMPT and site["AI-003"] is ItemState.OVERDUE
    assert ItemState.EXEMPT.is_open and ItemState.EXEMPT.label == "Blocked or on hold"
