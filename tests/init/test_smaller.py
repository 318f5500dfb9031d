"""Issue 17's smaller items: SARIF help text, `check .` in a team repository, `plan` that writes only when asked."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pm_pipeline.checker import Report
from pm_pipeline.reporters import sarif
from tests.init.helpers import clean_env, init_repo


def test_sarif_help_markdown_is_not_indented_into_code_blocks() -> None:
    rules = sarif.build(Report([]))["runs"][0]["tool"]["driver"]["rules"]
    vague = next(rule for rule in rules if rule["id"] == "PM201")
    markdown = vague["help"]["markdown"]
    assert "\n## Why it matters\n" in markdown
    outside_fences = markdown.split("```")[::2]
    assert not [line for part in outside_fences for line in part.splitlines() if line.startswith("    ")]


def _pm(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pm_pipeline", *args], cwd=cwd, env=clean_env(),
                          capture_output=True, text=True, timeout=120, check=False)


def test_check_dot_reads_only_postmortems(tmp_path: Path) -> None:
    repo = tmp_path / "team"
    init_repo(repo)
    (repo / "notes").mkdir()
    (repo / "notes" / "2025-05-01-stray-draft.yaml").write_text("id: x\n")
    done = _pm(["check", "--format", "text", "."], repo)
    assert ".github" not in done.stdout and "mkdocs.yml" not in done.stdout, done.stdout
    assert "notes/2025-05-01-stray-draft.yaml" in done.stdout, "a file named like a post-mortem is still read"
    assert "in 2 files" in done.stdout, done.stdout  # the example and the stray draft
    (repo / "postmortems" / "Draft notes.yaml").write_text("id: y\n")
    inside = _pm(["check", "--format", "text", "postmortems"], repo)
    assert "Draft notes.yaml" in inside.stdout, "inside the post-mortems folder every YAML file is checked"
    named = _pm(["check", "--format", "text", ".github/workflows/publish.yml"], repo)
    assert "PM010" in named.stdout, "a file named on the command line is always checked"


def test_plan_with_every_file_skipped_says_so_and_fails(tmp_path: Path) -> None:
    (tmp_path / "postmortems").mkdir()
    (tmp_path / "postmortems" / "2025-01-01-bad.yaml").write_text("id: 1\n")
    done = _pm(["plan"], tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "no post-mortem passes the schema" in done.stderr
    assert "No changes" not in done.stdout
    assert not (tmp_path / "pm-status.json").exists()
    assert os.listdir(tmp_path) == ["postmortems"]
