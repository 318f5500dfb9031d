"""The workflows `pm-pipeline init` writes, played locally in the team's repository against the fake GitHub.

The pinned `uses: pm-pipeline/pm-pipeline@<sha>` is played as this checkout's action.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.action.localrunner import JobResult, LocalRunner
from tests.fakegithub import FakeGitHub
from tests.init.helpers import ACTION, git, init_repo

REPOSITORY = "acme/payments"
EXAMPLE = "postmortems/2025-02-09-api-degradation.yaml"
GOOD_ACTION = "Alert when orders-db p95 query time exceeds 500 ms for 5 minutes"
REPO_EVENT = {"repository": {"full_name": REPOSITORY, "default_branch": "main"}}


def _play(repo: Path, tmp_path: Path, fake: FakeGitHub, workflow: str, event_name: str, event: dict[str, Any],
          now: str) -> dict[str, JobResult]:
    temp = tmp_path / f"runner-{workflow}-{now}"
    temp.mkdir()
    runner = LocalRunner(workspace=repo, temp=temp, event_name=event_name, event=event, repository=REPOSITORY,
                         api_url=fake.base_url, action_name=ACTION,
                         machine_env={"PM_PIPELINE_NOW": now, "PM_PIPELINE_WRITE_INTERVAL": "0"})
    return runner.run(repo / ".github" / "workflows" / workflow)


def test_pr_check_publish_and_overdue_in_a_repository_made_by_init(tmp_path: Path, fake_github: FakeGitHub) -> None:
    fake_github.add_repo(REPOSITORY)
    repo = tmp_path / "payments"
    init_repo(repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "pm-pipeline init")
    example = repo / EXAMPLE
    text = example.read_text()
    assert GOOD_ACTION in text
    example.write_text(text.replace(GOOD_ACTION, "Improve monitoring"))
    git(repo, "commit", "-qam", "A vague action")
    pull_request = {"pull_request": {"number": 7, "head": {"repo": {"full_name": REPOSITORY}}}, **REPO_EVENT}

    checked = _play(repo, tmp_path, fake_github, "pr-check.yml", "pull_request", pull_request, "2025-02-11")

    assert checked["check"].status == "failure"
    assert [(a.title, a.file) for a in checked["check"].annotations if a.level == "error"] == [("PM201", EXAMPLE)]

    example.write_text(text)
    git(repo, "commit", "-qam", "Make the action specific")
    published = _play(repo, tmp_path, fake_github, "publish.yml", "push", REPO_EVENT, "2025-02-12")

    assert published["sync"].status == "success", [step.log for step in published["sync"].steps]
    assert published["sync"].step("sync").outputs["created"] == "5"
    assert (repo / "site" / "index.html").is_file()
    assert published["deploy"].status == "success"

    schedule = {"schedule": "17 8 * * 1-5", **REPO_EVENT}
    late = _play(repo, tmp_path, fake_github, "overdue.yml", "schedule", schedule, "2025-03-25T08:17:00Z")

    assert late["overdue"].status == "success"
    assert late["overdue"].step("overdue").outputs["overdue"] == "4"
