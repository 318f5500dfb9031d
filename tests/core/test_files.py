"""The file edge: what it reads, what it refuses, and that nothing in the folder is silently skipped."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.core.helpers import DEMO_NOW, valid_text

VALID_NAME = "2025-02-09-api-degradation.yaml"


def _check(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pm_pipeline", "check", "--format", "text", "--now", DEMO_NOW,
                           *args], capture_output=True, text=True, timeout=120, cwd=cwd, check=False)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "repo" / "postmortems").mkdir(parents=True)
    (tmp_path / "repo" / "postmortems" / VALID_NAME).write_text(valid_text())
    return tmp_path / "repo"


def test_a_link_to_a_file_outside_the_repository_is_refused_and_not_echoed(repo: Path) -> None:
    secret = repo.parent / "secret.txt"
    secret.write_text("hunter2-the-only-value-of-this-file\n")
    (repo / "postmortems" / "2025-03-01-link.yaml").symlink_to(secret)
    done = _check(repo)
    assert done.returncode == 1
    assert "postmortems/2025-03-01-link.yaml:1:1: error PM001 a symbolic link to a file outside the repository" in done.stdout
    assert "hunter2" not in done.stdout + done.stderr


def test_a_link_inside_the_repository_is_read(repo: Path) -> None:
    (repo / "postmortems" / "2025-02-09-api-degradation-copy.yaml").symlink_to(repo / "postmortems" / VALID_NAME)
    done = _check(repo)
    assert " PM001 " not in done.stdout and " PM009 " in done.stdout


@pytest.mark.parametrize("kind", ["dangling", "fifo"])
def test_an_unreadable_entry_is_a_pm001_finding_never_skipped(repo: Path, kind: str) -> None:
    entry = repo / "postmortems" / "2025-03-01-odd.yaml"
    if kind == "dangling":
        entry.symlink_to(repo / "gone.yaml")
    else:
        os.mkfifo(entry)
    done = _check(repo)
    assert done.returncode == 1
    assert "postmortems/2025-03-01-odd.yaml:1:1: error PM001" in done.stdout
    assert "All good" not in done.stdout


def test_a_device_named_on_the_command_line_is_a_finding(repo: Path) -> None:
    done = _check(repo, "/dev/null")
    assert done.returncode == 1 and "/dev/null:1:1: error PM001 a device" in done.stdout


def test_a_file_name_outside_the_documented_shape_is_a_warning(repo: Path) -> None:
    (repo / "postmortems" / VALID_NAME).rename(repo / "postmortems" / "API outage.yaml")
    done = _check(repo)
    assert "error PM013 the file name `API outage.yaml` has characters" in done.stdout


def test_a_file_name_that_is_markup_is_an_error(repo: Path) -> None:
    hostile = 'c"onfocus="window.__pwned=12"autofocus="".yaml'
    (repo / "postmortems" / VALID_NAME).rename(repo / "postmortems" / hostile)
    done = _check(repo)
    assert done.returncode == 1 and " PM013 " in done.stdout


def test_a_lower_case_name_without_a_date_is_a_warning_only(repo: Path) -> None:
    (repo / "postmortems" / VALID_NAME).rename(repo / "postmortems" / "api-degradation.yaml")
    done = _check(repo)
    assert done.returncode == 0
    assert "warning PM012 the file name `api-degradation.yaml` is not `YYYY-MM-DD-slug.yaml`" in done.stdout


@pytest.mark.parametrize("setting", ["sync:\n  snapshot: ../../../x\n", "site:\n  snapshot: /etc/x\n",
                                     "postmortems: ../elsewhere\n"])
def test_paths_in_the_config_stay_inside_the_repository(repo: Path, setting: str) -> None:
    (repo / "pm-pipeline.yml").write_text(setting)
    done = subprocess.run([sys.executable, "-m", "pm_pipeline", "plan", "--now", DEMO_NOW], capture_output=True,
                          text=True, timeout=120, cwd=repo, check=False)
    assert done.returncode == 2, done.stderr
    assert "is outside the repository" in done.stderr and "Traceback" not in done.stderr
    assert not (repo.parent.parent.parent / "x").exists()


def test_a_file_that_is_one_long_value_is_not_echoed_whole(repo: Path) -> None:
    (repo / "postmortems" / "2025-03-01-long.yaml").write_text("x" * 5000 + "\n")
    done = _check(repo)
    assert "x" * 200 not in done.stdout
