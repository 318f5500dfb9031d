"""A team repository as `pm-pipeline init` makes it: a fresh git repository, then init."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from pm_pipeline.cli import cli

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SHA = "0123456789abcdef0123456789abcdef01234567"
ACTION = "pm-pipeline/pm-pipeline"


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=repo, capture_output=True, text=True, check=True,
    )
    return done.stdout


def init_repo(repo: Path, *extra: str) -> str:
    """git init, then `pm-pipeline init` (pinned to SHA); returns init's output."""
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "-q", "-b", "main")
    result = CliRunner().invoke(cli, ["init", str(repo), "--action-ref", SHA, *extra])
    assert result.exit_code == 0, result.output
    return result.output


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a person's shell: the venv on PATH, no NO_MKDOCS_2_WARNING."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NO_MKDOCS", "PM_PIPELINE", "GITHUB_"))}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env.update(extra)
    return env
