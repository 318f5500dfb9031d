"""PM601 through the real `check` CLI: one named file sees the folder, levels, suppressions, config, git."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from pm_pipeline.cli import cli
from tests.insights.factories import Item, Report, random_history, report_yaml, write

NOW = "2025-06-01T00:00:00Z"
T0 = datetime(2025, 2, 9, 14, 0, tzinfo=UTC)
FIRST = Report("api-degradation", T0, ("orders-db", "public-api"), ("capacity", "testing"), (Item("AI-004", "done"),))
SECOND = Report(
    "orders-timeouts", T0 + timedelta(days=50), ("orders-db",), ("monitoring", "capacity"), (Item("AI-001"),)
)


def check(repo: Path, *args: str) -> tuple[int, str]:
    old = Path.cwd()
    os.chdir(repo)
    try:
        result = CliRunner().invoke(cli, ["check", "--now", NOW, "--format", "text", *args], env={"GITHUB_ACTIONS": ""})
    finally:
        os.chdir(old)
    return result.exit_code, result.output


def line_of(report: Report, needle: str) -> int:
    return next(n for n, line in enumerate(report_yaml(report).splitlines(), 1) if needle in line)


def test_one_named_file_sees_the_earlier_report_in_the_folder(tmp_path: Path) -> None:
    write(tmp_path / "postmortems", FIRST, SECOND)
    code, output = check(tmp_path, f"postmortems/{SECOND.file_name}")
    line = line_of(SECOND, "category: capacity")
    assert code == 0, output
    assert (
        f"postmortems/{SECOND.file_name}:{line}:17: warning PM601 PM-2025-02-09-api-degradation had a capacity "
        "factor on orders-db; AI-004 is done; did the fix hold?"
    ) in output
    assert "Found 0 errors and 1 warning in 1 file." in output
    assert check(tmp_path, "--strict", f"postmortems/{SECOND.file_name}")[0] == 1


def test_the_snapshot_gives_the_day_the_issue_was_closed(tmp_path: Path) -> None:
    write(tmp_path / "postmortems", FIRST, SECOND)
    issue = {
        "number": 4,
        "url": "https://github.com/o/r/issues/4",
        "state": "closed",
        "state_reason": "completed",
        "closed_at": "2025-03-20T10:00:00Z",
        "labels": [],
        "drift": None,
    }
    snapshot = {"version": 1, "generated_at": "2025-04-01T00:00:00Z", "source": "github", "repository": "o/r"}
    snapshot["items"] = {f"{FIRST.id}/AI-004": issue}
    (tmp_path / "pm-status.json").write_text(json.dumps(snapshot), encoding="utf-8")
    _, output = check(tmp_path, f"postmortems/{SECOND.file_name}")
    assert "had a capacity factor on orders-db; AI-004 was closed on 2025-03-20; did the fix hold?" in output


def test_the_whole_folder_without_a_change_gives_reminders(tmp_path: Path) -> None:
    write(tmp_path / "postmortems", FIRST, SECOND)
    code, output = check(tmp_path, "postmortems")
    assert code == 0 and "reminder PM601" in output and "warning PM601" not in output
    assert "1 reminder of lateness or recurrence, not blocking" in output
    assert check(tmp_path, "--strict", "postmortems")[0] == 0


def test_a_suppression_with_a_reason_silences_it_and_an_unused_one_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "postmortems"
    write(folder, FIRST, SECOND)
    target = folder / SECOND.file_name
    text = target.read_text(encoding="utf-8").replace(
        "- category: capacity", "- category: capacity  # pm: ignore PM601 -- AI-004 raised the pool; a new query path"
    )
    target.write_text(text, encoding="utf-8")
    code, output = check(tmp_path, str(target.relative_to(tmp_path)))
    assert "PM601" not in output and "All good" in output, output
    (folder / FIRST.file_name).unlink()
    code, output = check(tmp_path, str(target.relative_to(tmp_path)))
    assert "warning PM090 `# pm: ignore PM601` suppresses nothing" in output


def test_match_and_window_come_from_pm_pipeline_yml(tmp_path: Path) -> None:
    other_service = Report("checkout-down", T0 + timedelta(days=10), ("checkout",), ("capacity",), (Item("AI-001"),))
    write(tmp_path / "postmortems", FIRST, other_service)
    assert "PM601" not in check(tmp_path, f"postmortems/{other_service.file_name}")[1]
    (tmp_path / "pm-pipeline.yml").write_text("recurrence: {match: category, window_days: 30}\n", encoding="utf-8")
    assert "had a capacity factor; AI-004 is done" in check(tmp_path, f"postmortems/{other_service.file_name}")[1]
    (tmp_path / "pm-pipeline.yml").write_text("recurrence: {match: category, window_days: 5}\n", encoding="utf-8")
    assert "PM601" not in check(tmp_path, f"postmortems/{other_service.file_name}")[1]
    (tmp_path / "pm-pipeline.yml").write_text("recurrence: {match: sometimes}\n", encoding="utf-8")
    code, output = check(tmp_path, "postmortems")
    assert code == 2 and "pm-pipeline.yml:1:" in output and "Traceback" not in output


def test_the_rule_can_be_made_an_error_or_turned_off(tmp_path: Path) -> None:
    write(tmp_path / "postmortems", FIRST, SECOND)
    (tmp_path / "pm-pipeline.yml").write_text("rules: {PM601: {level: error}}\n", encoding="utf-8")
    code, output = check(tmp_path, f"postmortems/{SECOND.file_name}")
    assert code == 1 and "error PM601" in output
    assert "PM601" not in check(tmp_path, "--ignore", "PM6", f"postmortems/{SECOND.file_name}")[1]


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=repo, check=True,
                   capture_output=True)  # fmt: skip


def test_changed_from_warns_on_the_added_report_only(tmp_path: Path) -> None:
    history = random_history(30, 5)
    git(tmp_path, "init", "-q", "-b", "main")
    write(tmp_path / "postmortems", *history)
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "archive")
    newest = max(history, key=lambda r: r.start)
    added = Report("repeat", newest.start + timedelta(days=3), newest.services, newest.categories, (Item("AI-001"),))
    baseline_output = check(tmp_path, "postmortems")[1]
    write(tmp_path / "postmortems", added)
    code, output = check(tmp_path, "--changed-from", "HEAD", "postmortems")
    warnings = [line for line in output.splitlines() if " warning PM601 " in line]
    assert warnings and all(line.startswith(f"postmortems/{added.file_name}:") for line in warnings), output
    reminders = [line for line in output.splitlines() if " reminder PM601 " in line]
    assert reminders == [line for line in baseline_output.splitlines() if " reminder PM601 " in line]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_workers_bring_the_records_back(tmp_path: Path, jobs: str) -> None:
    write(tmp_path / "postmortems", *random_history(220, 7))
    code, output = check(tmp_path, "--jobs", jobs, "postmortems")
    assert code == 0 and output.count("reminder PM601") > 10


def test_one_file_alone_finds_what_the_whole_folder_finds(tmp_path: Path) -> None:
    """Checking one file reads the others for their facts only; the recurrences must be the same."""
    history = random_history(40, 9)
    write(tmp_path / "postmortems", *history)
    whole = check(tmp_path, "postmortems")[1].splitlines()
    compared = 0
    for report in sorted(history, key=lambda r: r.start)[-5:]:
        name = f"postmortems/{report.file_name}"
        alone = [line.replace(" warning ", " reminder ") for line in check(tmp_path, name)[1].splitlines()]
        expected = [line for line in whole if line.startswith(name + ":") and "PM601" in line]
        assert [line for line in alone if "PM601" in line] == expected
        compared += len(expected)
    assert compared >= 3
