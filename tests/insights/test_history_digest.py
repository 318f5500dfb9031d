"""The overdue digest lists open items moved more than history.digest_moves times, from the history file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.insights.factories import Item, Report, report_yaml
from tests.insights.gitrepo import GitRepo

T0 = datetime(2025, 2, 9, 14, 0, tzinfo=UTC)
REPORT = Report("api-degradation", T0, ("orders-db",), ("capacity", "testing"), ())
NAME = f"postmortems/{REPORT.file_name}"


def invoke(root: Path, *args: str) -> str:
    """A real process: `overdue` binds its output stream at import time."""
    environ = {key: value for key, value in os.environ.items() if not key.startswith("GITHUB_")}
    command = [sys.executable, "-m", "pm_pipeline", *args, "--now", "2025-06-01T00:00:00Z"]
    done = subprocess.run(command, cwd=root, env=environ, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout + done.stderr


def history_repo(root: Path, moves: int) -> GitRepo:
    """AI-001 moved `moves` times (a week each), AI-002 (done) moved as often, AI-003 never."""
    repo = GitRepo(root)
    for step in range(moves + 1):
        items = (
            Item("AI-001", deadline_days=20 + 7 * step),
            Item("AI-002", "done", deadline_days=20 + 7 * step),
            Item("AI-003"),
        )
        repo.commit({NAME: report_yaml(replace(REPORT, items=items))}, T0 + timedelta(days=2 + step))
    return repo


def test_the_digest_lists_open_items_moved_more_than_n_times(tmp_path: Path) -> None:
    repo = history_repo(tmp_path / "repo", moves=3)
    (repo.root / "pm-pipeline.yml").write_text("history: {digest_moves: 2}\n", encoding="utf-8")
    invoke(repo.root, "history", "--out", "pm-history.json")
    output = invoke(repo.root, "overdue", "--format", "markdown")
    assert "## Rescheduled again and again (1)" in output
    assert f"- {REPORT.id}/AI-001 (`@maria-lopez`): deadline moved 3 times, 2025-03-01 → 2025-03-22." in output
    assert "AI-002 (" not in output.split("Rescheduled again and again", 1)[1]  # done: not chased
    (repo.root / "pm-pipeline.yml").write_text("history: {digest_moves: 3}\n", encoding="utf-8")
    assert "Rescheduled again and again" not in invoke(repo.root, "overdue", "--format", "markdown")


def test_no_history_file_no_section_and_a_broken_one_is_named(tmp_path: Path) -> None:
    repo = history_repo(tmp_path / "repo", moves=3)
    assert "Rescheduled again and again" not in invoke(repo.root, "overdue", "--format", "markdown")
    (repo.root / "pm-history.json").write_text(json.dumps({"version": 9}), encoding="utf-8")
    assert "pm-history.json: not a version 1 history file" in invoke(repo.root, "overdue")
