"""The real `pm-pipeline overdue` process against the fake GitHub."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.overdue.conftest import REPO, World, item


def pm_pipeline(world: World, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pm_pipeline", "overdue", "--repo", REPO, "--api-url", world.fake.base_url,
               "--config", str(world.config_path), *args, str(world.folder)]
    environ = {key: value for key, value in os.environ.items() if not key.startswith("GITHUB_")}
    environ |= {"GITHUB_TOKEN": "token", "GITHUB_ACTIONS": "true", "PM_PIPELINE_WRITE_INTERVAL": "0", **(env or {})}
    return subprocess.run(command, capture_output=True, text=True, env=environ, timeout=60, check=False)


def test_cli_applies_writes_outputs_and_job_summary(world: World, tmp_path: Path) -> None:
    world.write([item("AI-001", "2025-03-04", "@carol", "high", sponsor="@vp-eng"),
                 item("AI-002", "2025-03-13", "@bob")])
    world.sync()
    outputs, summary = tmp_path / "out.txt", tmp_path / "summary.md"
    env = {"GITHUB_OUTPUT": str(outputs), "GITHUB_STEP_SUMMARY": str(summary)}
    done = pm_pipeline(world, "--apply", "--now", "2025-03-11T06:00:00Z", env=env)
    assert done.returncode == 0, done.stderr
    assert "+ comment " in done.stdout and " tier 7 mentions" in done.stdout and "Applied 4 of 4 changes." in done.stdout
    assert outputs.read_text().splitlines() == ["overdue=1", "due-soon=1", "comments=1"]
    assert summary.read_text().startswith("## pm-pipeline overdue: 2025-03-11")
    assert world.markers("AI-001") == ["2025-03-04/7"]
    again = pm_pipeline(world, "--apply", "--now", "2025-03-11T06:00:00Z", "--format", "json")
    assert again.returncode == 0 and json.loads(again.stdout)["changes"] == []


def test_cli_report_only_never_writes(world: World) -> None:
    world.write([item("AI-001", "2025-03-04")])
    world.sync()
    before = world.fake.write_count
    done = pm_pipeline(world, "--now", "2025-03-11", "--format", "markdown")
    assert done.returncode == 0, done.stderr
    assert "rerun with --apply" in done.stdout
    assert world.fake.write_count == before


def test_cli_refuses_apply_on_a_pull_request_with_a_clean_message(world: World) -> None:
    world.write([item("AI-001", "2025-03-04")])
    done = pm_pipeline(world, "--apply", "--now", "2025-03-11", env={"GITHUB_EVENT_NAME": "pull_request"})
    assert done.returncode == 2
    assert "refused on a pull_request event" in done.stderr and "Traceback" not in done.stderr
    assert world.fake.write_count == 0


def test_cli_apply_without_a_token_is_a_usage_error(world: World) -> None:
    world.write([item("AI-001", "2025-03-04")])
    done = pm_pipeline(world, "--apply", "--now", "2025-03-11", env={"GITHUB_TOKEN": ""})
    assert done.returncode == 2 and "GITHUB_TOKEN" in done.stderr
