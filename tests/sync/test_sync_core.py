"""The pure core: block markers, desired issues, plans."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from pm_pipeline.config import Config
from pm_pipeline.model import ActionItem
from pm_pipeline.tracker.markers import Applied, find_block, splice
from pm_pipeline.sync.desired import (
    DesiredIssue,
    Links,
    desired_issue,
    issue_title,
    shorten,
)
from pm_pipeline.sync.plan import Close, Drift, Reopen, Update, make_plan
from pm_pipeline.tracker.store import ObservedIssue
from tests.sync.conftest import PM_ID

ITEM = ActionItem("AI-001", "Add connection pool metrics", "@alice", date(2025, 3, 1), "high", "detect", "open")


def _pm():  # type: ignore[no-untyped-def]
    from pm_pipeline.files import check_paths
    from pm_pipeline.rules.base import Context
    from pm_pipeline.rules.selection import select_rules
    from tests.sync.conftest import DEMO

    config = Config()
    report = check_paths([DEMO], select_rules(config, ("PM0",)), Context(datetime.now(UTC), config))
    return report.postmortems[0]


def _desired(item: ActionItem = ITEM) -> DesiredIssue:
    return desired_issue(_pm(), item, Config(), Links("https://pm.example/", "https://github.com/o/r/blob/main"))


def _issue(desired: DesiredIssue, **changes: object) -> ObservedIssue:
    issue = ObservedIssue(7, "https://github.com/o/r/issues/7", desired.title, desired.block, "open", None,
                          datetime(2025, 3, 1, tzinfo=UTC), None, desired.labels, ("alice",), "bot")
    return replace(issue, **changes)  # type: ignore[arg-type]


def _plan(desired: DesiredIssue, issue: ObservedIssue):  # type: ignore[no-untyped-def]
    return make_plan([desired], [issue], trusted=lambda _: True, removed_label="action-item-removed")


def test_title_uses_the_date_of_the_postmortem_id_and_shortens_long_actions() -> None:
    assert issue_title(PM_ID, ITEM) == "[PM-2025-02-09] AI-001: Add connection pool metrics"
    long = replace(ITEM, action="Add " + "very " * 40 + "long metrics")
    title = issue_title(PM_ID, long)
    assert title.endswith("very…") and len(title) <= 24 + 80
    assert shorten("one  two\nthree", 80) == "one two three"


def test_block_links_the_site_page_and_the_yaml_and_names_every_field() -> None:
    block = _desired(replace(ITEM, sponsor="@vp-eng", labels=("db",))).block
    assert f"(https://pm.example/postmortems/{PM_ID}/)" in block
    assert "(https://github.com/o/r/blob/main/" in block
    for text in ("@alice", "2025-03-01", "| Priority | high |", "| Type | detect |", "@vp-eng"):
        assert text in block


def test_user_text_cannot_forge_or_close_the_block() -> None:
    sneaky = replace(ITEM, action="x <!-- pm-pipeline:end --> | y")
    desired = _desired(sneaky)
    found = find_block(desired.block + "\n\nafter")
    assert found is not None and found.text == desired.block and found.key == f"{PM_ID}/AI-001"


def test_splice_keeps_text_before_and_after_the_block() -> None:
    desired = _desired()
    body = f"Before.\n\n{desired.block}\n\nAfter."
    assert splice(body, "NEW") == "Before.\n\nNEW\n\nAfter."
    assert splice("Only a person's text", desired.block).endswith("Only a person's text")


def test_only_labels_the_tool_put_on_are_removed() -> None:
    old = _desired()
    new = _desired(replace(ITEM, priority="low"))
    issue = _issue(old, labels=("post-mortem", "priority/high", "team/db", "priority/urgent"))
    (change,) = _plan(new, issue).changes
    assert isinstance(change, Update)
    assert change.add_labels == ("priority/low",) and change.remove_labels == ("priority/high",)


def test_yaml_status_change_closes_but_a_persons_close_is_drift() -> None:
    open_item = _desired()
    done = _desired(replace(ITEM, status="done"))
    (close,) = _plan(done, _issue(open_item)).changes
    assert isinstance(close, Close) and close.state_reason == "completed"
    (drift,) = _plan(open_item, _issue(open_item, state="closed")).changes
    assert isinstance(drift, Drift) and drift.state == "closed"


def test_yaml_back_to_open_reopens_an_issue_the_tool_closed() -> None:
    done = _desired(replace(ITEM, status="done"))
    (change,) = _plan(_desired(), _issue(done, state="closed", state_reason="completed")).changes
    assert isinstance(change, Reopen)


def test_applied_record_survives_a_round_trip() -> None:
    desired = _desired(replace(ITEM, labels=("a--b",)))
    found = find_block(desired.block)
    assert found is not None and found.applied == Applied("open", ("post-mortem", "priority/high", "a--b"))
    assert "a--b" not in desired.block.split("pm-pipeline:applied")[1]


def test_unchanged_issue_plans_nothing() -> None:
    desired = _desired()
    plan = _plan(desired, _issue(desired))
    assert plan.changes == () and plan.unchanged == 1


def test_pygithub_is_imported_by_the_github_store_only() -> None:
    import re
    import subprocess
    import sys
    from pathlib import Path

    package = Path(__file__).resolve().parents[2] / "pm_pipeline"
    importers = sorted(str(path.relative_to(package)) for path in package.rglob("*.py")
                       if re.search(r"^\s*(import github|from github\b)", path.read_text(encoding="utf-8"), re.MULTILINE))
    assert importers == ["tracker/github.py"]
    probe = "import sys, pm_pipeline.cli, pm_pipeline.commands.sync; print('github' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False).stdout.strip() == "False"


def test_block_whose_end_line_a_person_deleted_still_names_its_item_and_keeps_later_text() -> None:
    desired = _desired()
    broken = desired.block.replace("\n<!-- pm-pipeline:end -->", "") + "\n\nA person's notes."
    found = find_block(broken)
    assert found is not None and found.key == f"{PM_ID}/AI-001"
    assert splice(broken, desired.block) == desired.block + "\n\nA person's notes."


def test_markdown_plan_is_capped_for_the_job_summary() -> None:
    from pm_pipeline.sync.render import MARKDOWN_ROWS, markdown

    items = [_desired(replace(ITEM, id=f"AI-{n:03d}")) for n in range(1, MARKDOWN_ROWS + 6)]
    plan = make_plan(items, [], trusted=lambda _: True, removed_label="x")
    text = markdown(plan, "h")
    assert f"Merging this creates {MARKDOWN_ROWS + 5} issues" in text
    assert text.count("| + | create |") == MARKDOWN_ROWS and "and 5 more" in text
