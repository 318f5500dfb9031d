"""The release procedure's one script: after `git tag`, the tag's commit lands in pm_pipeline/release.py,
and `init` then pins workflows and pre-commit to that commit."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from pm_pipeline import __version__
from tests.init.helpers import ROOT, git


def test_record_release_writes_the_tags_commit(tmp_path: Path) -> None:
    copy = tmp_path / "pm-pipeline"
    (copy / "scripts").mkdir(parents=True)
    (copy / "pm_pipeline").mkdir()
    shutil.copy(ROOT / "scripts" / "record-release", copy / "scripts" / "record-release")
    for name in ("__init__.py", "release.py"):
        shutil.copy(ROOT / "pm_pipeline" / name, copy / "pm_pipeline" / name)
    git(copy, "init", "-q")
    git(copy, "add", "-A")
    git(copy, "commit", "-qm", "Release")
    script = [sys.executable, str(copy / "scripts" / "record-release")]
    untagged = subprocess.run(script, cwd=copy, capture_output=True, text=True, check=False)
    assert untagged.returncode == 1 and f"no tag v{__version__}" in untagged.stderr
    git(copy, "tag", "-a", f"v{__version__}", "-m", "release")
    commit = git(copy, "rev-parse", "HEAD").strip()

    done = subprocess.run(script, cwd=copy, capture_output=True, text=True, check=False)

    assert done.returncode == 0, done.stderr
    assert f'RELEASE_COMMIT: str | None = "{commit}"' in (copy / "pm_pipeline" / "release.py").read_text()


def test_unreleased_checkout_pins_the_tag_and_says_how_to_pin_the_commit(tmp_path: Path) -> None:
    from pm_pipeline import release

    if release.RELEASE_COMMIT is not None:  # a released package pins the commit: the other branch of init
        assert len(release.RELEASE_COMMIT) == 40
        return
    from click.testing import CliRunner

    from pm_pipeline.cli import cli

    result = CliRunner().invoke(cli, ["init", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert f"pm-pipeline/pm-pipeline@v{__version__}" in (tmp_path / ".github/workflows/publish.yml").read_text()
    assert "replace it with the tag's commit" in result.output
