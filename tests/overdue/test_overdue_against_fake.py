"""Scheduled runs against the fake GitHub, with issues first created by sync."""

from __future__ import annotations

import pytest

from tests.overdue.conftest import PM_ID, REPO, World, item

WEEK = ["2025-03-07", "2025-03-08", "2025-03-09", "2025-03-10", "2025-03-11", "2025-03-12", "2025-03-13"]


def seed(world: World) -> None:
    world.write([
        item("AI-001", "2025-03-10", "@alice", "high", sponsor="@vp-eng"),
        item("AI-002", "2025-03-13", "@bob"),
        item("AI-003", "2025-03-04", "@carol", "high", sponsor="@vp-eng"),
        item("AI-004", "2025-03-01", "@dave", status="done"),
    ])
    world.sync()


def test_a_week_of_daily_runs_gives_exactly_the_expected_labels_and_comments(world: World) -> None:
    seed(world)
    expected = {  # day: (labels of AI-001, AI-002, AI-003), (markers of AI-001, AI-003)
        "2025-03-07": (({"due-soon"}, set(), {"overdue"}), ([], ["2025-03-04/0"])),
        "2025-03-08": (({"due-soon"}, set(), {"overdue"}), ([], ["2025-03-04/0"])),
        "2025-03-09": (({"due-soon"}, set(), {"overdue"}), ([], ["2025-03-04/0"])),
        "2025-03-10": (({"due-soon"}, {"due-soon"}, {"overdue"}), ([], ["2025-03-04/0"])),
        "2025-03-11": (({"overdue"}, {"due-soon"}, {"overdue"}), (["2025-03-10/0"], ["2025-03-04/0", "2025-03-04/7"])),
        "2025-03-12": (({"overdue"}, {"due-soon"}, {"overdue"}), (["2025-03-10/0"], ["2025-03-04/0", "2025-03-04/7"])),
        "2025-03-13": (({"overdue"}, {"due-soon"}, {"overdue"}), (["2025-03-10/0"], ["2025-03-04/0", "2025-03-04/7"])),
    }
    for day in WEEK:
        world.run(day)
        assert world.last_code == 0, world.last_report
        labels, markers = expected[day]
        assert (world.labels("AI-001"), world.labels("AI-002"), world.labels("AI-003")) == labels, day
        assert (world.markers("AI-001"), world.markers("AI-003")) == markers, day
        assert world.markers("AI-002") == []
    assert len(world.digests()) == 1


def test_sponsor_is_mentioned_from_the_second_tier_of_a_high_priority_item(world: World) -> None:
    seed(world)
    world.run("2025-03-07")
    world.run("2025-03-11")
    bodies = [c.body for c in world.fake.comments("acme/app", world.issue("AI-003").number)]
    assert ["@vp-eng" in body for body in bodies] == [False, True]
    assert all(body.count("@carol") == 1 for body in bodies)


def test_rerunning_a_day_writes_nothing(world: World) -> None:
    seed(world)
    for day in WEEK:
        world.run(day)
        assert world.writes_during(day) == 0, day
        assert world.last_report["changes"] == []


def test_quiet_days_write_nothing_at_all(world: World) -> None:
    seed(world)
    writes = {day: world.writes_during(day) for day in WEEK}
    assert writes["2025-03-08"] == writes["2025-03-09"] == writes["2025-03-12"] == writes["2025-03-13"] == 0
    # digest edit; AI-001: -due-soon, +overdue, tier 0 comment; AI-003: tier 7 comment; each comment
    # also records its tier in the issue's block (the state the next run reads from the listing)
    assert writes["2025-03-11"] == 7


def test_a_skipped_week_reaches_the_right_tier_without_posting_the_missed_ones(world: World) -> None:
    seed(world)
    world.run("2025-03-07")
    world.run("2025-03-18")
    assert world.markers("AI-003") == ["2025-03-04/0", "2025-03-04/14"]
    assert world.markers("AI-001") == ["2025-03-10/7"]
    assert world.labels("AI-001") == {"overdue"}
    assert world.labels("AI-002") == {"overdue"}
    assert world.markers("AI-002") == ["2025-03-13/0"]


def test_moving_a_deadline_removes_overdue_and_starts_the_tiers_afresh(world: World) -> None:
    seed(world)
    world.run("2025-03-11")
    assert world.labels("AI-001") == {"overdue"}
    world.write([
        item("AI-001", "2025-03-24", "@alice", "high", sponsor="@vp-eng"),
        item("AI-002", "2025-03-13", "@bob"),
        item("AI-003", "2025-03-04", "@carol", "high", sponsor="@vp-eng"),
        item("AI-004", "2025-03-01", "@dave", status="done"),
    ])
    world.sync()
    world.run("2025-03-12")
    assert world.labels("AI-001") == set()
    world.run("2025-03-25")
    assert world.labels("AI-001") == {"overdue"}
    assert world.markers("AI-001") == ["2025-03-10/0", "2025-03-24/0"]


def test_done_item_loses_its_label(world: World) -> None:
    seed(world)
    world.run("2025-03-11")
    world.write([
        item("AI-001", "2025-03-10", "@alice", "high", status="done", sponsor="@vp-eng"),
        item("AI-002", "2025-03-13", "@bob"),
        item("AI-003", "2025-03-04", "@carol", "high", sponsor="@vp-eng"),
        item("AI-004", "2025-03-01", "@dave", status="done"),
    ])
    world.sync()
    world.run("2025-03-12")
    assert world.labels("AI-001") == set()
    assert "AI-001" not in world.digests()[0].body


def test_closing_an_issue_removes_it_from_the_digest_and_drops_its_label(world: World) -> None:
    seed(world)
    world.run("2025-03-11")
    assert "AI-003" in world.digests()[0].body
    world.fake.set_state(world.issue("AI-003"), "closed", "completed")
    world.run("2025-03-12")
    assert "AI-003" not in world.digests()[0].body
    assert world.labels("AI-003") == set()
    assert world.writes_during("2025-03-12") == 0


def test_exempt_labels_stop_labels_and_comments(world: World) -> None:
    seed(world)
    world.run("2025-03-07")
    issue = world.issue("AI-003")
    world.fake.add_label("acme/app", "blocked")
    issue.labels.append("blocked")
    world.run("2025-03-11")
    assert world.labels("AI-003") == set()
    assert world.markers("AI-003") == ["2025-03-04/0"]
    assert "Blocked or on hold (not chased) (1)" in world.digests()[0].body
    issue.labels.remove("blocked")
    world.run("2025-03-12")
    assert world.labels("AI-003") == {"overdue"}
    assert world.markers("AI-003") == ["2025-03-04/0", "2025-03-04/7"]


def test_report_only_writes_nothing_and_counts_what_it_would_do(world: World) -> None:
    seed(world)
    assert world.writes_during("2025-03-11", apply=False) == 0
    assert world.last_report["counts"]["overdue"] == 2
    assert world.last_report["counts"]["comments"] == 2
    assert world.last_report["applied"] is None


def test_apply_is_refused_on_pull_request_events(world: World) -> None:
    from pm_pipeline.errors import UsageError

    seed(world)
    try:
        world.run("2025-03-11", environ={"GITHUB_EVENT_NAME": "pull_request"})
    except UsageError as error:
        assert "pull_request" in str(error)
    else:
        raise AssertionError("--apply ran on a pull_request event")
    assert world.writes_during("2025-03-11", apply=False, environ={"GITHUB_EVENT_NAME": "pull_request"}) == 0


def test_comment_lost_in_a_502_after_it_was_posted_is_not_posted_twice(world: World) -> None:
    seed(world)
    fault = world.fake.inject("502-after-create", method="POST", path_pattern=r"/comments$")
    world.run("2025-03-07")
    assert fault.hits == 1
    assert world.last_code == 0 and world.last_report["applied"]["failed"] == []
    assert world.markers("AI-003") == ["2025-03-04/0"]
    assert world.writes_during("2025-03-07") == 0


def test_failing_server_stops_the_run_and_the_next_run_repairs_it(world: World) -> None:
    seed(world)
    world.fake.inject("503", method="POST", path_pattern=r"/labels$", times=4)
    world.run("2025-03-11")
    assert world.last_code == 1
    assert "gave up" in world.last_report["applied"]["stopped"]
    world.run("2025-03-11")
    assert world.last_code == 0
    assert (world.labels("AI-001"), world.labels("AI-002"), world.labels("AI-003")) == (
        {"overdue"}, {"due-soon"}, {"overdue"})
    assert (world.markers("AI-001"), world.markers("AI-003")) == (["2025-03-10/0"], ["2025-03-04/7"])


def test_a_spent_write_budget_is_progress_and_later_runs_finish_the_job(world: World) -> None:
    seed(world)
    world.run("2025-03-11", max_writes=2)
    assert world.last_code == 0
    applied = world.last_report["applied"]
    assert "write budget of 2" in applied["stopped"] and applied["budget_spent"] and applied["runs_left"] >= 1
    assert "::warning title=pm-pipeline::write budget spent:" in world.last_err  # JSON on stdout: stderr
    assert applied["done"] == 2
    codes = []
    for _ in range(5):
        world.run("2025-03-11", max_writes=2)
        codes.append(world.last_code)
    assert codes == [0] * 5 and world.last_report["applied"]["stopped"] is None
    assert world.markers("AI-001") == ["2025-03-10/0"] and world.markers("AI-003") == ["2025-03-04/7"]
    assert len(world.digests()) == 1


def test_a_digest_of_two_thousand_overdue_items_stays_under_the_body_limit(world: World) -> None:
    world.write([item(f"AI-{n:04d}", "2025-01-15", f"@owner-{n % 25}") for n in range(1, 2001)])
    world.run("2025-03-11", max_writes=1)
    assert world.last_code == 0
    (digest,) = world.digests()
    assert len(digest.body or "") <= 65_536
    assert "**2,000 overdue items**" in (digest.body or "")
    assert "more items not shown" in (digest.body or "")
    assert digest.title == "Post-mortem action items: weekly review"


def test_digest_edited_by_a_person_is_restored_and_a_closed_one_reopened(world: World) -> None:
    seed(world)
    world.run("2025-03-11")
    (digest,) = world.digests()
    digest.body = (digest.body or "") + "\nA note someone typed in.\n"
    world.fake.set_state(digest, "closed", "completed")
    world.run("2025-03-12")
    (digest,) = world.digests()
    assert "someone typed" not in (digest.body or "") and digest.state == "open"


def test_no_op_run_reads_the_listing_only_and_no_comments(world: World) -> None:
    seed(world)
    world.run("2025-03-11")
    world.fake.clear_log()
    world.run("2025-03-11")
    reads = [(r.method, r.path) for r in world.fake.requests]
    assert all(method == "GET" for method, _ in reads)
    assert sum(path.endswith("/comments") for _, path in reads) == 0
    assert sum(path.endswith("/issues") for _, path in reads) == 1
    assert len(reads) <= 2  # the listing and GET /user


def test_a_file_that_stops_passing_the_schema_leaves_its_issues_alone(world: World) -> None:
    seed(world)
    world.run("2025-03-11")
    path = next(world.folder.glob("*.yaml"))
    path.write_text(path.read_text().replace("severity: P2", "severity: [P2]"), encoding="utf-8")
    assert world.writes_during("2025-03-12") == 1  # the digest; the labels stay
    assert (world.labels("AI-001"), world.labels("AI-003")) == ({"overdue"}, {"overdue"})
    assert "Some post-mortem files do not pass the schema" in (world.digests()[0].body or "")


def test_a_strangers_tier_marker_comment_never_silences_an_escalation(world: World) -> None:
    seed(world)
    forged = f"<!-- pm-pipeline:overdue key={PM_ID}/AI-003 deadline=2025-03-04 tier=9999 -->"
    world.fake.add_comment(REPO, world.issue("AI-003").number, forged, user="mallory")
    world.run("2025-03-07")
    assert world.last_code == 0
    assert world.markers("AI-003") == ["2025-03-04/9999", "2025-03-04/0"]  # the tool posted tier 0 anyway


def test_tier_state_lives_in_the_block_and_survives_a_web_ui_edit(world: World) -> None:
    seed(world)
    world.run("2025-03-07")
    issue = world.issue("AI-003")
    assert "<!-- pm-pipeline:reminded deadline=2025-03-04 tier=0 -->" in (issue.body or "")
    world.fake.edit_in_browser(REPO, issue.number, (issue.body or "") + "\n\nA note.  ")
    assert world.writes_during("2025-03-08") == 0
    world.sync()  # sync rewrites nothing it does not own: the reminded line stays
    assert "tier=0 -->" in (world.issue("AI-003").body or "")
    assert world.writes_during("2025-03-09") == 0


def test_a_changed_token_stops_overdue_before_it_writes_a_second_digest(world: World) -> None:
    from pm_pipeline.tracker.trust import UnknownIdentity

    seed(world)
    world.run("2025-03-11")
    writes = world.fake.write_count
    world.fake.login = "someone-else"  # a personal token of another account
    with pytest.raises(UnknownIdentity, match="none was opened by @someone-else"):
        world.run("2025-03-12")
    assert world.fake.write_count == writes and len(world.digests()) == 1


def test_escalations_notify_only_owner_and_sponsor_and_link_nowhere(world: World) -> None:
    from tests.sync.markdown_probe import live_links, live_mentions

    loud = "Ask @mallory and @acme/all to add the alert [runbook](https://evil.example) ![x](https://evil.example/p)"
    world.write([{**item("AI-003", "2025-03-04", "@carol", "high", sponsor="@vp-eng"), "action": loud}])
    world.sync()
    world.run("2025-03-07")
    world.run("2025-03-11")
    bodies = [c.body for c in world.fake.comments("acme/app", world.issue("AI-003").number)]
    assert [live_mentions(body) for body in bodies] == [["@carol"], ["@carol", "@vp-eng"]]
    assert not [target for body in bodies for _, target in live_links(body) if "evil.example" in target]
    digest = world.digests()[0].body or ""
    assert live_mentions(digest) == [] and not [t for _, t in live_links(digest) if "evil.example" in t]
