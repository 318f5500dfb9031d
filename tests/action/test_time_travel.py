"""The bundled post-mortems a day, a month and a year after the newest incident, nothing committed.

Time passing must not break a pipeline: publish checks, syncs, builds and deploys every time; a pull
request that adds a fresh report passes although older drafts are late; a pull request that edits
a late draft is told so on that file.
"""

from __future__ import annotations

import re
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from tests.action.localrunner import ROOT
from tests.action.test_journeys import MKDOCS_YML, REPOSITORY, _git, _play, _runner
from tests.fakegithub import FakeGitHub

BUNDLED = sorted((ROOT / "postmortems").glob("*.yaml"))
DRAFT = next(path for path in BUNDLED if "\nstatus: draft\n" in path.read_text())
TEMPLATE = ROOT / "postmortems" / "2025-02-09-api-degradation.yaml"
DATE = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")
EVENT = {"repository": {"full_name": REPOSITORY, "default_branch": "main"}}


def _newest_incident() -> date:
    return max(
        date.fromisoformat(d)
        for path in BUNDLED
        for d in re.findall(r"resolved_at: (\d{4}-\d{2}-\d{2})", path.read_text())
    )


def _shifted(text: str, days: int) -> str:
    """The report with every date moved by `days`: the same story, told as if it had just happened."""
    return DATE.sub(lambda m: (date.fromisoformat(m[1]) + timedelta(days=days)).isoformat(), text)


def _commit_all(repo: Path, message: str) -> None:
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", message)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """A team repository holding the bundled post-mortems on main."""
    repo = tmp_path / "payments"
    shutil.copytree(ROOT / ".github" / "workflows", repo / ".github" / "workflows")
    (repo / "mkdocs.yml").write_text(MKDOCS_YML)
    (repo / "docs").mkdir()
    (repo / "docs" / "index.md").write_text("# Payments post-mortems\n")
    (repo / "postmortems").mkdir()
    for path in BUNDLED:
        shutil.copy(path, repo / "postmortems" / path.name)
    _git(repo, "init", "-q", "-b", "main")
    _commit_all(repo, "The archive")
    return repo


def _clock(days_after: int) -> str:
    moment = datetime.combine(_newest_incident() + timedelta(days=days_after), datetime.min.time(), UTC)
    return moment.replace(hour=12).isoformat().replace("+00:00", "Z")


def _pull_request() -> dict[str, object]:
    return {"pull_request": {"number": 9, "head": {"repo": {"full_name": REPOSITORY}}}, **EVENT}


@pytest.mark.parametrize("days_after", [1, 30, 400])
def test_publish_succeeds_and_deploys_however_late_the_drafts_are(
    archive: Path, tmp_path: Path, fake_github: FakeGitHub, days_after: int
) -> None:
    fake_github.add_repo(REPOSITORY)

    jobs = _play(_runner(archive, tmp_path, fake_github, "push", EVENT, _clock(days_after)), "publish.yml")

    assert jobs["sync"].status == "success", [step.log for step in jobs["sync"].steps]
    assert jobs["deploy"].status == "success"
    assert (archive / "site" / "index.html").is_file()
    if days_after >= 30:
        reminders = [a for a in jobs["sync"].annotations if a.title == "PM302"]
        assert reminders and {a.level for a in reminders} == {"notice"}


@pytest.mark.parametrize("days_after", [1, 30, 400])
def test_a_pull_request_adding_a_fresh_report_passes(
    archive: Path, tmp_path: Path, fake_github: FakeGitHub, days_after: int
) -> None:
    fake_github.add_repo(REPOSITORY)
    incident = date.fromisoformat(TEMPLATE.name[:10])
    shift = (_newest_incident() + timedelta(days=days_after - 3) - incident).days
    fresh = archive / "postmortems" / _shifted(TEMPLATE.name, shift)
    fresh.write_text(_shifted(TEMPLATE.read_text(), shift))
    _commit_all(archive, "A fresh post-mortem")

    jobs = _play(
        _runner(archive, tmp_path, fake_github, "pull_request", _pull_request(), _clock(days_after)), "pr-check.yml"
    )

    check = jobs["check"]
    assert check.status == "success", [step.log for step in check.steps]
    assert not [a for a in check.annotations if a.level == "error"]
    if days_after >= 30:
        assert "Reminders (not blocking)" in check.summary and DRAFT.name in check.summary


@pytest.mark.parametrize(("days_after", "blocked"), [(1, False), (30, True), (400, True)])
def test_a_pull_request_editing_a_late_draft_shows_its_lateness_on_that_file(
    archive: Path, tmp_path: Path, fake_github: FakeGitHub, days_after: int, blocked: bool
) -> None:
    fake_github.add_repo(REPOSITORY)
    draft = archive / "postmortems" / DRAFT.name
    draft.write_text(draft.read_text().replace("\ntitle: ", "\ntitle: Edited ", 1))
    _commit_all(archive, "Edit the draft")

    jobs = _play(
        _runner(archive, tmp_path, fake_github, "pull_request", _pull_request(), _clock(days_after)), "pr-check.yml"
    )

    edited = f"postmortems/{DRAFT.name}"
    late = [a.level for a in jobs["check"].annotations if a.title == "PM302" and a.file == edited]
    elsewhere = {a.level for a in jobs["check"].annotations if a.title in {"PM302", "PM304"} and a.file != edited}
    assert elsewhere <= {"notice"}
    if blocked:
        assert jobs["check"].status == "failure" and late == ["error"]
    else:
        assert jobs["check"].status == "success" and late == []
