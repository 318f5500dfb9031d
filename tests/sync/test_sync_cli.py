"""`pm-pipeline plan` and `pm-pipeline sync` as users run them: the installed command, real processes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.fakegithub import FakeGitHub
from tests.sync.conftest import REPO, action_item, postmortem_text

ROOT = Path(__file__).resolve().parents[2]


def _cli(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "PM_PIPELINE_"))}
    return subprocess.run([sys.executable, "-m", "pm_pipeline", *args], cwd=cwd, env={**clean, **env},
                          capture_output=True, text=True, timeout=120, check=False)


def test_plan_offline_works_on_the_bundled_postmortems(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "postmortems", tmp_path / "postmortems")
    quiet = _cli(["plan", "--now", "2025-03-01"], tmp_path)
    assert quiet.returncode == 0 and not (tmp_path / "pm-status.json").exists(), "plan writes only when asked"
    assert "No snapshot written" in quiet.stderr
    result = _cli(["plan", "--now", "2025-03-01", "--snapshot", "pm-status.json"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "planning offline against an empty tracker" in result.stderr
    assert "+ create" in result.stdout and "to create" in result.stdout
    snapshot = json.loads((tmp_path / "pm-status.json").read_text(encoding="utf-8"))
    assert snapshot["source"] == "offline" and snapshot["repository"] is None
    assert snapshot["generated_at"] == "2025-03-01T00:00:00Z"
    assert snapshot["items"] and all(item["state"] == "planned" and item["number"] is None
                                     for item in snapshot["items"].values())


def test_plan_markdown_says_what_merging_does(tmp_path: Path) -> None:
    (tmp_path / "postmortems").mkdir()
    (tmp_path / "postmortems" / "a.yaml").write_text(postmortem_text([action_item(1), action_item(2)]), "utf-8")
    result = _cli(["plan", "--format", "markdown", "--snapshot", "out/status.json"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Merging this creates 2 issues; 0 unchanged." in result.stdout
    assert (tmp_path / "out" / "status.json").exists()


def test_sync_refuses_to_run_on_pull_request_events(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "postmortems", tmp_path / "postmortems")
    result = _cli(["sync"], tmp_path, GITHUB_EVENT_NAME="pull_request", GITHUB_TOKEN="t", GITHUB_REPOSITORY=REPO)
    assert result.returncode == 2
    assert "refuses to run on a pull_request event" in result.stderr and "Traceback" not in result.stderr


def test_sync_without_a_token_says_what_is_missing(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "postmortems", tmp_path / "postmortems")
    result = _cli(["sync", "--repo", REPO], tmp_path)
    assert result.returncode == 2 and "needs $GITHUB_TOKEN" in result.stderr


def test_sync_through_the_cli_creates_then_is_a_noop(fake_github: FakeGitHub, tmp_path: Path) -> None:
    fake_github.add_repo(REPO)
    (tmp_path / "postmortems").mkdir()
    (tmp_path / "postmortems" / "a.yaml").write_text(postmortem_text([action_item(1)]), "utf-8")
    env = {"GITHUB_TOKEN": "secret-token-value", "PM_PIPELINE_WRITE_INTERVAL": "0"}
    args = ["sync", "--repo", REPO, "--api-url", fake_github.base_url]
    first = _cli(args, tmp_path, **env)
    assert first.returncode == 0, first.stderr
    assert "1 created" in first.stdout and "secret-token-value" not in first.stdout + first.stderr
    second = _cli([*args, "--format", "json"], tmp_path, **env)
    assert second.returncode == 0 and json.loads(second.stdout)["summary"]["unchanged"] == 1
    assert len(fake_github.issues(REPO)) == 1


def test_sync_that_cannot_learn_its_identity_stops_with_a_clean_message(tmp_path: Path) -> None:
    (tmp_path / "postmortems").mkdir()
    (tmp_path / "postmortems" / "a.yaml").write_text(postmortem_text([action_item(1)]), "utf-8")
    with FakeGitHub() as fake:
        fake.add_repo(REPO)
        env = {"GITHUB_TOKEN": "t", "GITHUB_REPOSITORY": REPO, "GITHUB_API_URL": fake.base_url,
               "PM_PIPELINE_WRITE_INTERVAL": "0"}
        assert _cli(["sync", "--now", "2025-03-01"], tmp_path, **env).returncode == 0
        fake.user_forbidden = True
        fake.clear_log()
        stopped = _cli(["sync", "--now", "2025-03-01"], tmp_path, **env)
        assert stopped.returncode == 2 and "Traceback" not in stopped.stderr
        assert "PM_PIPELINE_IDENTITY" in stopped.stderr and fake.write_count == 0
        assert _cli(["sync", "--now", "2025-03-01"], tmp_path, PM_PIPELINE_IDENTITY="pm-bot", **env).returncode == 0
        assert len(fake.issues(REPO)) == 1
