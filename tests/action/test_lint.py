"""zizmor and actionlint report nothing on the action and the workflows, and the house rules hold."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def _uses_lines(path: Path) -> list[str]:
    lines = path.read_text().splitlines()
    return [line.split("uses:", 1)[1].strip() for line in lines if re.match(r"^\s*(- )?uses:", line)]


def test_there_are_five_workflows() -> None:
    assert [p.name for p in WORKFLOWS] == ["ci.yml", "org-site.yml", "overdue.yml", "pr-check.yml", "publish.yml"]


def test_zizmor_reports_nothing() -> None:
    done = subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--format", "json", "action.yml", ".github/workflows/",
         ".github/dependabot.yml"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert (done.returncode, json.loads(done.stdout)) == (0, []), done.stderr


def test_actionlint_reports_nothing() -> None:
    done = subprocess.run([str(BIN / "actionlint"), "-no-color"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


@pytest.mark.parametrize("path", [ROOT / "action.yml", *WORKFLOWS], ids=lambda p: p.name)
def test_every_remote_action_is_pinned_to_a_commit_with_its_version(path: Path) -> None:
    remote = [uses for uses in _uses_lines(path) if not uses.startswith("./")]
    assert remote, "expected at least one pinned action"
    assert [uses for uses in remote if not PINNED.match(uses)] == []


def test_each_action_is_pinned_to_one_commit_everywhere() -> None:
    commits: dict[str, set[str]] = {}
    for path in [ROOT / "action.yml", *WORKFLOWS]:
        for uses in _uses_lines(path):
            if not uses.startswith("./"):
                name, rest = uses.split("@", 1)
                commits.setdefault(name, set()).add(rest)
    assert {name: refs for name, refs in commits.items() if len(refs) > 1} == {}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_grants_nothing_and_each_job_only_what_it_needs(path: Path) -> None:
    workflow = yaml.safe_load(path.read_text())
    assert workflow["permissions"] == {}
    for job_id, job in workflow["jobs"].items():
        grants = job.get("permissions")
        assert isinstance(grants, dict) and grants, f"{job_id} declares no permissions"
        assert set(grants.values()) <= {"read", "write"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_checkout_keeps_no_credentials(path: Path) -> None:
    workflow = yaml.safe_load(path.read_text())
    checkouts = [
        step for job in workflow["jobs"].values() for step in job.get("steps", [])
        if step.get("uses", "").startswith("actions/checkout@")
    ]
    assert checkouts and all(step["with"]["persist-credentials"] is False for step in checkouts)


def test_no_expression_is_expanded_inside_a_script() -> None:
    scripts = []
    for path in [ROOT / "action.yml", *WORKFLOWS]:
        document = yaml.safe_load(path.read_text())
        jobs = document.get("jobs", {"action": document.get("runs", {})})
        scripts += [step["run"] for job in jobs.values() for step in job.get("steps", []) if "run" in step]
    assert len(scripts) >= 4 and [script for script in scripts if "${{" in script] == []


def test_each_issue_writer_has_its_own_group_that_never_cancels() -> None:
    """GitHub keeps one pending run per group and cancels the older one: an overdue run queued in
    the publish group would drop a pending publish. A publish is replaced only by a newer publish."""
    groups = []
    for path in WORKFLOWS:
        for job in yaml.safe_load(path.read_text())["jobs"].values():
            if job["permissions"].get("issues") == "write":
                groups.append((job["concurrency"]["group"], job["concurrency"]["cancel-in-progress"]))
    assert sorted(groups) == [("post-mortem-overdue", False), ("post-mortem-publish", False)]


def test_scheduled_run_is_off_the_hour_and_can_be_started_by_hand() -> None:
    triggers = yaml.safe_load((ROOT / ".github/workflows/overdue.yml").read_text())[True]
    minute = triggers["schedule"][0]["cron"].split()[0]
    assert minute not in ("0", "00", "*") and "workflow_dispatch" in triggers
