"""`pm-pipeline history` on generated git repositories: slips, measured publishing, broken revisions, one git log."""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from pm_pipeline import vcs
from pm_pipeline.cli import cli
from tests.insights.factories import Item, Report, random_history, report_yaml
from tests.insights.gitrepo import GitRepo

T0 = datetime(2025, 2, 9, 14, 0, tzinfo=UTC)  # the incident starts; it is resolved 65 minutes later
RESOLVED = T0 + timedelta(minutes=65)
REPORT = Report("api-degradation", T0, ("orders-db",), ("capacity", "testing"), (Item("AI-001"), Item("AI-002")))
NAME = f"postmortems/{REPORT.file_name}"


def text(report: Report) -> str:
    return report_yaml(report)


def with_items(report: Report, *items: Item, status: str = "published") -> Report:
    return replace(report, items=items, status=status)


def run(repo: Path, *args: str) -> tuple[int, str]:
    old = Path.cwd()
    os.chdir(repo)
    try:
        result = CliRunner().invoke(
            cli, ["history", "--now", "2025-06-01T00:00:00Z", *args], env={"GITHUB_ACTIONS": ""}
        )
    finally:
        os.chdir(old)
    return result.exit_code, result.output


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """A report drafted 10 h after the incident, in review at 30 h, published at 40 h; AI-001 moved twice."""
    repo = GitRepo(tmp_path / "repo")
    hours = lambda h: RESOLVED + timedelta(hours=h)  # noqa: E731
    repo.commit({NAME: text(with_items(REPORT, Item("AI-001"), Item("AI-002"), status="draft"))}, hours(10))
    repo.commit({NAME: text(with_items(REPORT, Item("AI-001"), Item("AI-002"), status="in-review"))}, hours(30))
    repo.commit({NAME: "id: [unclosed\n"}, hours(35), "a broken revision")
    repo.commit({NAME: text(with_items(REPORT, Item("AI-001"), Item("AI-002")))}, hours(40))
    moved = Item("AI-001", deadline_days=27)
    repo.commit({NAME: text(with_items(REPORT, moved, Item("AI-002")))}, hours(200))
    moved = Item("AI-001", owner="@chen-wei", deadline_days=41)
    repo.commit({NAME: text(with_items(REPORT, moved, Item("AI-002", "done")))}, hours(300))
    repo.commit({NAME: text(with_items(REPORT, replace(moved, status="done"), Item("AI-002", "done")))}, hours(1000))
    return repo


def test_the_json_document_measures_slips_and_publishing(repo: GitRepo) -> None:
    code, output = run(repo.root, "--format", "json")
    assert code == 0, output
    document = json.loads(output)
    assert document["version"] == 1 and document["revisions"] == 7
    assert [b["path"] for b in document["broken"]] == [NAME]
    (report,) = document["reports"]
    assert report["id"] == REPORT.id
    assert (report["hours_to_first_commit"], report["hours_to_in_review"], report["hours_to_published"]) == (
        10.0,
        30.0,
        40.0,
    )
    assert report["sla_met"] is True
    items = {item["id"]: item for item in document["items"]}
    first = items["AI-001"]
    assert (first["deadline_changes"], first["days_moved"], first["owner_changes"]) == (2, 21, 1)
    assert (first["first_deadline"], first["deadline"]) == ("2025-03-01", "2025-03-22")
    assert [m["days"] for m in first["moves"]] == [7, 14]
    assert (first["first_owner"], first["owner"]) == ("@maria-lopez", "@chen-wei")
    done_day = (RESOLVED + timedelta(hours=1000)).date()
    assert first["done_vs_first_deadline"] == (done_day - datetime(2025, 3, 1).date()).days
    assert items["AI-002"]["deadline_changes"] == 0 and items["AI-002"]["done_at"].startswith("2025-02-22")


def test_text_names_the_most_rescheduled_item_and_the_skipped_revision(repo: GitRepo) -> None:
    code, output = run(repo.root)
    assert code == 0
    assert "1 items rescheduled, 2 deadline changes; 1 owner changes." in output
    assert f"  {REPORT.id}/AI-001 (@chen-wei): deadline moved 2x, 2025-03-01 -> 2025-03-22 (+21 days)" in output
    assert "1 of 1 published within 48 h" in output
    assert f"skipped: {NAME} at " in output and "does not parse as a post-mortem" in output


def test_markdown_goes_to_the_job_summary_and_out_writes_the_file(repo: GitRepo, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    old = Path.cwd()
    os.chdir(repo.root)
    try:
        result = CliRunner().invoke(
            cli,
            ["history", "--format", "markdown", "--out", "pm-history.json", "--now", "2025-06-01T00:00:00Z"],
            env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)},
        )
    finally:
        os.chdir(old)
    assert result.exit_code == 0, result.output
    assert (
        "### Most rescheduled items" in result.output and f"| `{REPORT.id}/AI-001` | `@chen-wei` | 2 |" in result.output
    )
    assert "## Post-mortem history" in summary.read_text()
    assert json.loads((repo.root / "pm-history.json").read_text())["items"][0]["key"] == f"{REPORT.id}/AI-001"


def test_a_renamed_file_keeps_its_history(repo: GitRepo) -> None:
    current = (repo.root / NAME).read_text()
    repo.commit({NAME: None, "postmortems/renamed.yaml": current}, RESOLVED + timedelta(hours=1100))
    document = json.loads(run(repo.root, "--format", "json")[1])
    (report,) = document["reports"]
    assert report["path"] == "postmortems/renamed.yaml" and report["hours_to_first_commit"] == 10.0


def test_outside_a_git_repository_is_a_clean_error(tmp_path: Path) -> None:
    (tmp_path / "postmortems").mkdir()
    code, output = run(tmp_path)
    assert code == 2 and "history: git rev-parse failed" in output and "Traceback" not in output


def test_one_git_log_for_every_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = GitRepo(tmp_path / "many")
    reports = random_history(40, 3)
    for day, chunk in enumerate(range(0, 40, 10)):
        batch = {f"postmortems/{r.file_name}": text(r) for r in reports[chunk : chunk + 10]}
        repo.commit(batch, T0 + timedelta(days=day))
    for day, report in enumerate(reports):
        moved = replace(report, items=tuple(replace(i, deadline_days=i.deadline_days + 7) for i in report.items))
        repo.commit({f"postmortems/{report.file_name}": text(moved)}, T0 + timedelta(days=10 + day))
    calls: list[list[str]] = []
    real = subprocess.run

    def counting(command: list[str], *args: object, **kwargs: object) -> object:
        calls.append(command)
        return real(command, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(vcs.subprocess, "run", counting)
    code, output = run(repo.root, "--format", "json")
    assert code == 0
    document = json.loads(output)
    assert len(document["reports"]) == 40 and document["revisions"] == 80
    assert all(item["deadline_changes"] == 1 and item["days_moved"] == 7 for item in document["items"])
    assert [command[1:2] if command[1] != "-c" else command[3:4] for command in calls] == [
        ["rev-parse"],
        ["log"],
        ["cat-file"],
    ]


def test_the_cut_parse_reads_what_the_whole_file_says(monkeypatch: pytest.MonkeyPatch) -> None:
    """history parses only id, status, incident and action_items; it must agree with a whole parse."""
    import random

    from benchmarks.generate import postmortem_yaml
    from pm_pipeline import history

    rng = random.Random(4)
    texts = [report_yaml(r).encode() for r in random_history(30, 4)]
    texts += [postmortem_yaml(i, rng)[1].encode() for i in range(30)]
    texts.append(
        b"# comment\nid: PM-x\nstatus: draft\naction_items:\n  - {id: AI-1, owner: bob, deadline: 2025-01-02}\n"
    )
    cut = [history.state_of(text, "f.yaml") for text in texts]
    monkeypatch.setattr(history, "_wanted_part", lambda content: None)
    assert cut == [history.state_of(text, "f.yaml") for text in texts]
    assert all(state is not None and state.items for state in cut)
