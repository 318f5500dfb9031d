"""The workflows as a team meets them, played locally against a git repository and the fake GitHub.

A pull request adds a post-mortem with a vague action item: the check fails with an annotation on
that line. The fix passes and the job summary shows the issue plan. The merge's publish run creates
the issues and builds the site. A scheduled run a month later labels the overdue items.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.action.localrunner import ROOT, JobResult, LocalRunner
from tests.fakegithub import FakeGitHub

WORKFLOWS = ROOT / ".github" / "workflows"
REPOSITORY = "acme/payments"
DEMO = ROOT / "postmortems" / "2025-02-09-api-degradation.yaml"
FILE = "postmortems/2025-02-09-api-degradation.yaml"
GOOD_ACTION = "Alert when orders-db p95 query time exceeds 500 ms for 5 minutes"
VAGUE_ACTION = "Improve monitoring"
OPEN_ITEMS = 5  # AI-002 .. AI-006; AI-001 is done
MKDOCS_YML = """\
site_name: Payments post-mortems
theme:
  name: material
  font: false
plugins:
  - search
  - postmortems:
      snapshot: !ENV [PM_PIPELINE_SNAPSHOT]
"""


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The team's repository: the copied workflows, mkdocs.yml, and an empty postmortems folder on main."""
    repo = tmp_path / "payments"
    (repo / ".github").mkdir(parents=True)
    shutil.copytree(WORKFLOWS, repo / ".github" / "workflows")
    (repo / "mkdocs.yml").write_text(MKDOCS_YML)
    (repo / "docs").mkdir()
    (repo / "docs" / "index.md").write_text("# Payments post-mortems\n")
    (repo / "postmortems").mkdir()
    (repo / "postmortems" / ".gitkeep").write_text("")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "add", "-A")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "Start")
    return repo


def _commit(repo: Path, text: str, message: str) -> None:
    (repo / FILE).write_text(text)
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", message)


def _postmortem(action: str) -> str:
    text = DEMO.read_text()
    assert GOOD_ACTION in text
    return text.replace(GOOD_ACTION, action)


def _line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if needle in line)


def _pull_request(head_repo: str = REPOSITORY) -> dict[str, Any]:
    return {"pull_request": {"number": 7, "head": {"repo": {"full_name": head_repo}}},
            "repository": {"full_name": REPOSITORY, "default_branch": "main"}}


def _runner(repo: Path, tmp_path: Path, fake: FakeGitHub, event_name: str, event: dict[str, Any],
            now: str, ref_name: str = "main") -> LocalRunner:
    temp = tmp_path / f"runner-{event_name}-{now}"
    temp.mkdir()
    return LocalRunner(workspace=repo, temp=temp, event_name=event_name, event=event, repository=REPOSITORY,
                       api_url=fake.base_url, ref_name=ref_name, machine_env={"PM_PIPELINE_NOW": now, "PM_PIPELINE_WRITE_INTERVAL": "0"})


def _play(runner: LocalRunner, workflow: str, inputs: dict[str, Any] | None = None) -> dict[str, JobResult]:
    return runner.run(WORKFLOWS / workflow, inputs)


def test_pr_with_vague_action_fails_with_an_annotation_on_its_line(repo: Path, tmp_path: Path,
                                                                   fake_github: FakeGitHub) -> None:
    fake_github.add_repo(REPOSITORY)
    text = _postmortem(VAGUE_ACTION)
    _commit(repo, text, "Add the API degradation post-mortem")

    jobs = _play(_runner(repo, tmp_path, fake_github, "pull_request", _pull_request(), "2025-02-11"), "pr-check.yml")

    check = jobs["check"]
    assert check.status == "failure"
    vague = [a for a in check.annotations if a.title == "PM201"]
    assert [(a.level, a.file, a.line) for a in vague] == [("error", FILE, _line_of(text, VAGUE_ACTION))]
    assert check.step("check").outputs["errors"] == "1"
    assert check.step("plan").outcome == "skipped"
    assert "PM201" in check.summary and "| file | line |" in check.summary
    scanning = jobs["code-scanning"]
    assert scanning.status == "success"
    (settings,) = [w for name, w in scanning.external if name.endswith("upload-sarif")]
    sarif = json.loads(Path(settings["sarif_file"]).read_text())
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["PM201"]
    assert fake_github.write_count == 0


def test_pr_from_a_fork_skips_code_scanning(repo: Path, tmp_path: Path, fake_github: FakeGitHub) -> None:
    fake_github.add_repo(REPOSITORY)
    _commit(repo, _postmortem(VAGUE_ACTION), "Add the API degradation post-mortem")

    event = _pull_request(head_repo="someone/payments")
    jobs = _play(_runner(repo, tmp_path, fake_github, "pull_request", event, "2025-02-11"), "pr-check.yml")

    assert (jobs["check"].status, jobs["code-scanning"].status) == ("failure", "skipped")


def test_fixed_pr_passes_and_the_summary_shows_the_plan(repo: Path, tmp_path: Path, fake_github: FakeGitHub) -> None:
    fake_github.add_repo(REPOSITORY)
    _commit(repo, _postmortem(VAGUE_ACTION), "Add the API degradation post-mortem")
    _commit(repo, _postmortem(GOOD_ACTION), "Make AI-005 specific")

    jobs = _play(_runner(repo, tmp_path, fake_github, "pull_request", _pull_request(), "2025-02-11"), "pr-check.yml")

    check = jobs["check"]
    assert check.status == "success", [step.log for step in check.steps]
    assert check.annotations == [] or all(a.level != "error" for a in check.annotations)
    plan = check.step("plan").outputs
    assert plan["created"] == str(OPEN_ITEMS)
    assert Path(plan["plan"]).read_text().strip()
    assert "All good" in check.summary
    assert f"{OPEN_ITEMS}" in check.summary.split("All good", 1)[1]
    assert fake_github.write_count == 0


def test_publish_creates_the_issues_and_builds_the_site(repo: Path, tmp_path: Path, fake_github: FakeGitHub) -> None:
    fake_github.add_repo(REPOSITORY)
    _commit(repo, _postmortem(GOOD_ACTION), "Add the API degradation post-mortem")
    event = {"repository": {"full_name": REPOSITORY, "default_branch": "main"}}

    jobs = _play(_runner(repo, tmp_path, fake_github, "push", event, "2025-02-12"), "publish.yml")

    sync = jobs["sync"]
    assert sync.status == "success", [step.log for step in sync.steps]
    assert sync.step("sync").outputs["created"] == str(OPEN_ITEMS)
    titles = [issue.title for issue in fake_github.issues(REPOSITORY) if issue.state == "open"]
    assert len(titles) == OPEN_ITEMS
    assert Path(sync.step("sync").outputs["snapshot"]).is_file()
    assert (repo / "site" / "index.html").is_file()
    history = Path(sync.step("history").outputs["history"])
    assert history == (repo / "pm-history.json").resolve() and history.is_file()
    slips = next((repo / "site").rglob("slips*/index.html"), None) or next((repo / "site").rglob("slips.html"))
    assert "No history file yet" not in slips.read_text()  # the site step read what the history step wrote
    linked = [page for page in (repo / "site").rglob("*.html") if 'class="pm-issue"' in page.read_text()]
    assert linked, "the site shows no issue links: the sync snapshot did not reach the plugin"
    pages = [settings for name, settings in sync.external if name == "actions/upload-pages-artifact"]
    assert pages == [{"path": "site/"}]
    assert jobs["deploy"].status == "success"
    assert [name for name, _ in jobs["deploy"].external] == ["actions/deploy-pages"]


def test_publishing_again_with_nothing_changed_writes_nothing(repo: Path, tmp_path: Path,
                                                              fake_github: FakeGitHub) -> None:
    fake_github.add_repo(REPOSITORY)
    _commit(repo, _postmortem(GOOD_ACTION), "Add the API degradation post-mortem")
    event = {"repository": {"full_name": REPOSITORY, "default_branch": "main"}}
    _play(_runner(repo, tmp_path, fake_github, "push", event, "2025-02-12"), "publish.yml")
    writes = fake_github.write_count

    again = _play(_runner(repo, tmp_path, fake_github, "push", event, "2025-02-13"), "publish.yml")

    assert again["sync"].status == "success"
    assert (again["sync"].step("sync").outputs["created"], fake_github.write_count) == ("0", writes)


def test_publish_from_another_branch_writes_nothing(repo: Path, tmp_path: Path, fake_github: FakeGitHub) -> None:
    fake_github.add_repo(REPOSITORY)
    _commit(repo, _postmortem(GOOD_ACTION), "Add the API degradation post-mortem")
    event = {"repository": {"full_name": REPOSITORY, "default_branch": "main"}}

    runner = _runner(repo, tmp_path, fake_github, "push", event, "2025-02-12", ref_name="feature")
    jobs = _play(runner, "publish.yml")

    assert (jobs["sync"].status, jobs["deploy"].status) == ("skipped", "skipped")
    assert fake_github.write_count == 0


def test_scheduled_run_a_month_later_labels_overdue_items(repo: Path, tmp_path: Path,
                                                          fake_github: FakeGitHub) -> None:
    fake_github.add_repo(REPOSITORY)
    _commit(repo, _postmortem(GOOD_ACTION), "Add the API degradation post-mortem")
    event = {"repository": {"full_name": REPOSITORY, "default_branch": "main"}}
    publish = _play(_runner(repo, tmp_path, fake_github, "push", event, "2025-02-12"), "publish.yml")
    assert publish["sync"].status == "success"

    schedule = {"schedule": "17 8 * * 1-5", "repository": event["repository"]}
    jobs = _play(_runner(repo, tmp_path, fake_github, "schedule", schedule, "2025-03-25T08:17:00Z"), "overdue.yml")

    overdue = jobs["overdue"]
    assert overdue.status == "success", [step.log for step in overdue.steps]
    labelled = sorted(issue.title for issue in fake_github.issues(REPOSITORY) if "overdue" in issue.label_keys)
    late = ("AI-002", "AI-003", "AI-004", "AI-005")  # deadlines 2025-02-28 .. 2025-03-21
    assert len(labelled) == len(late) and all(any(item in title for title in labelled) for item in late)
    assert overdue.step("overdue").outputs["overdue"] == str(len(late))
    assert "weekly review" in overdue.summary
    owner_pinged = [c.body for issue in fake_github.issues(REPOSITORY) if "AI-004" in issue.title for c in issue.comments]
    assert len(owner_pinged) == 1 and "@priya-sre" in owner_pinged[0]
    writes = fake_github.write_count

    rerun = _play(_runner(repo, tmp_path, fake_github, "schedule", schedule, "2025-03-25T09:17:00Z"), "overdue.yml")

    assert rerun["overdue"].status == "success" and fake_github.write_count == writes


def test_manual_dry_run_of_the_overdue_job_changes_nothing(repo: Path, tmp_path: Path,
                                                            fake_github: FakeGitHub) -> None:
    fake_github.add_repo(REPOSITORY)
    _commit(repo, _postmortem(GOOD_ACTION), "Add the API degradation post-mortem")
    event = {"repository": {"full_name": REPOSITORY, "default_branch": "main"}}
    assert _play(_runner(repo, tmp_path, fake_github, "push", event, "2025-02-12"), "publish.yml")["sync"].status == "success"
    writes = fake_github.write_count

    dispatch = {"inputs": {"dry-run": True}, "repository": event["repository"]}
    runner = _runner(repo, tmp_path, fake_github, "workflow_dispatch", dispatch, "2025-03-25T10:00:00Z")
    jobs = _play(runner, "overdue.yml", inputs={"dry-run": True})

    assert jobs["overdue"].status == "success"
    assert jobs["overdue"].step("overdue").outputs["overdue"] == "4"
    assert fake_github.write_count == writes


def test_a_publish_whose_sync_spends_its_budget_still_builds_and_deploys(repo: Path, tmp_path: Path,
                                                                          fake_github: FakeGitHub) -> None:
    fake_github.add_repo(REPOSITORY)
    (repo / "pm-pipeline.yml").write_text("sync:\n  max_writes: 2\n")
    _commit(repo, _postmortem(GOOD_ACTION), "Add the API degradation post-mortem, with a tight write budget")
    event = {"repository": {"full_name": REPOSITORY, "default_branch": "main"}}

    jobs = _play(_runner(repo, tmp_path, fake_github, "push", event, "2025-02-12"), "publish.yml")

    sync = jobs["sync"]
    assert sync.status == "success", [step.log for step in sync.steps]
    assert sync.step("sync").outputs["created"] == "2" and len(fake_github.issues(REPOSITORY)) == 2
    assert any(a.level == "warning" and a.message.startswith("write budget spent: 3 change(s) left")
               for a in sync.annotations), sync.annotations
    assert (repo / "site" / "index.html").is_file() and jobs["deploy"].status == "success"
