"""One error handler: every error a command raises is a clean message and its exit code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pm_pipeline.cli import cli
from pm_pipeline.error_handler import INTERNAL, INTERRUPTED, describe
from pm_pipeline.errors import ConfigError, GitHubError
from tests.core.helpers import BUNDLED, DEMO_NOW


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pm_pipeline", *args], capture_output=True, text=True,
                          timeout=120, cwd=cwd, check=False)


def test_check_output_to_a_missing_folder_is_a_clean_usage_error() -> None:
    done = _run("check", "--now", DEMO_NOW, "--output", "/nonexistent/x", str(BUNDLED))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.strip() == "pm-pipeline: /nonexistent/x: no such file or directory"


def test_plan_snapshot_under_proc_is_a_clean_usage_error(tmp_path: Path) -> None:
    done = _run("plan", "--now", DEMO_NOW, "--snapshot", "/proc/x/y", str(BUNDLED), cwd=tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "pm-pipeline: /proc/x" in done.stderr


def test_a_bug_is_exit_3_with_a_request_to_report_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import pm_pipeline.commands.check as check_command

    def broken(*args: object, **kwargs: object) -> int:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(check_command, "run_check", broken)
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == INTERNAL
    assert "Traceback" not in result.output
    assert "internal error (ZeroDivisionError: boom)" in result.output and "please report it" in result.output


def test_ctrl_c_is_exit_130(monkeypatch: pytest.MonkeyPatch) -> None:
    import pm_pipeline.commands.check as check_command

    def interrupted(*args: object, **kwargs: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(check_command, "run_check", interrupted)
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == INTERRUPTED
    assert result.output.strip() == "pm-pipeline: interrupted"


def test_pm_errors_keep_their_codes_and_os_errors_lose_the_errno_noise() -> None:
    assert describe(ConfigError("bad")).exit_code == 2
    assert describe(GitHubError("502")).exit_code == 1
    failure = describe(FileNotFoundError(2, "No such file or directory", "/x/y"))
    assert (failure.exit_code, failure.message) == (2, "/x/y: no such file or directory")


def test_usage_errors_stay_clicks(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["check", "--format", "nope"])
    assert result.exit_code == 2 and "Invalid value" in result.output
