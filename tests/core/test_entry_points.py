"""The ways users start `check`: pre-commit, the console script, a lean import graph."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import yaml

from tests.core.helpers import API_DEGRADATION, ROOT


def test_pre_commit_hook_runs_check_on_postmortems(tmp_path: Path) -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "pm-pipeline-check")
    assert hook["language"] == "python"
    bad = tmp_path / "2025-01-01-bad.yaml"
    bad.write_text("owner: @bob\n")
    command = [sys.executable, "-m", "pm_pipeline", *shlex.split(hook["entry"])[1:]]
    good = subprocess.run([*command, str(API_DEGRADATION)], capture_output=True, text=True)
    failing = subprocess.run([*command, str(bad)], capture_output=True, text=True)
    assert good.returncode == 0, good.stdout + good.stderr
    assert failing.returncode == 1 and f"{bad}:1:8: error PM002" in failing.stdout


def test_check_does_not_import_github_or_jinja() -> None:
    probe = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from pm_pipeline.cli import cli\n"
        f"CliRunner().invoke(cli, ['check', '--format', 'text', {str(API_DEGRADATION)!r}])\n"
        "print(sorted(m for m in ('github', 'jinja2', 'mkdocs') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
