"""A pull request adding a post-mortem that repeats an earlier one, replayed with the PR workflow.

The archive on main holds an incident with a capacity factor on orders-db whose item is done;
the pull request adds a new capacity incident on orders-db. The check passes with a PM601
warning annotation on the new report's factor, in the job summary and in the SARIF upload;
the earlier report, untouched, gets nothing that blocks.
"""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.action.test_journeys import REPOSITORY, _play, _pull_request, _runner, repo  # noqa: F401
from tests.fakegithub import FakeGitHub
from tests.insights.factories import Item, Report, report_yaml, write

T0 = datetime(2025, 2, 9, 14, 0, tzinfo=UTC)
FIRST = Report("api-degradation", T0, ("orders-db", "public-api"), ("capacity", "testing"), (Item("AI-004", "done"),))
SECOND = Report(
    "orders-timeouts", T0 + timedelta(days=40), ("orders-db",), ("monitoring", "capacity"), (Item("AI-001"),)
)


def _commit(repo: Path, message: str) -> None:
    for args in (["add", "-A"], ["commit", "-qm", message]):
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=repo, check=True)


def test_pr_adding_a_recurring_incident_gets_a_warning_annotation(
    repo: Path,  # noqa: F811
    tmp_path: Path,
    fake_github: FakeGitHub,
) -> None:
    fake_github.add_repo(REPOSITORY)
    write(repo / "postmortems", FIRST)
    _commit(repo, "The February incident")
    write(repo / "postmortems", SECOND)
    _commit(repo, "Add the March incident")

    event = _pull_request()
    jobs = _play(_runner(repo, tmp_path, fake_github, "pull_request", event, "2025-03-25"), "pr-check.yml")

    check = jobs["check"]
    assert check.status == "success", [step.log for step in check.steps]
    line = next(n for n, text in enumerate(report_yaml(SECOND).splitlines(), 1) if "category: capacity" in text)
    recurring = [a for a in check.annotations if a.title == "PM601"]
    assert [(a.level, a.file, a.line) for a in recurring] == [("warning", f"postmortems/{SECOND.file_name}", line)]
    assert recurring[0].message == (
        "PM-2025-02-09-api-degradation had a capacity factor on orders-db; AI-004 is done; did the fix hold?"
    )
    assert check.step("check").outputs["warnings"] == "1"
    assert "PM601" in check.summary and "did the fix hold?" in check.summary
    (settings,) = [w for name, w in jobs["code-scanning"].external if name.endswith("upload-sarif")]
    sarif = json.loads(Path(settings["sarif_file"]).read_text())
    results = sarif["runs"][0]["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [("PM601", "warning")]
