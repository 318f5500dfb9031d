"""A team with an old archive adopts the checks in one pull request: today's findings baselined."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pm_pipeline.cli import cli
from tests.core.helpers import BUNDLED, DEMO_NOW, valid_text

GOOD = "Alert when orders-db p95 query time exceeds 500 ms for 5 minutes"


@pytest.fixture
def archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """200 old reports, each with the same two problems: a vague action and a blameful summary."""
    folder = tmp_path / "postmortems"
    folder.mkdir()
    text = valid_text().replace(GOOD, "Improve monitoring")
    text = text.replace("summary: >\n", "summary: >\n  Bob forgot to add the index, which caused the outage.\n", 1)
    for number in range(200):
        day = f"2024-{1 + number // 28:02d}-{1 + number % 28:02d}"
        (folder / f"{day}-old-{number}.yaml").write_text(
            text.replace("PM-2025-02-09-api-degradation", f"PM-{day}-old-{number}")
        )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", "--format", "text", "--now", DEMO_NOW, *args])
    return result.exit_code, result.output


def test_an_archive_fails_then_passes_once_baselined(archive: Path) -> None:
    assert _check()[0] == 1
    code, _ = _check("--write-baseline")
    assert code == 0
    code, output = _check()
    assert code == 0 and "400 baselined" in output
    entries = json.loads((archive / "pm-pipeline-baseline.json").read_text())["entries"]
    assert {entry["code"] for entry in entries} == {"PM201", "PM101"} and len(entries) == 400


def test_a_new_finding_fails_although_the_file_is_baselined(archive: Path) -> None:
    _check("--write-baseline")
    victim = sorted((archive / "postmortems").glob("*.yaml"))[7]
    text = victim.read_text()
    assert text.count("what_went_well:\n") == 1
    victim.write_text(text.replace("what_went_well:\n", "what_went_well:\n  - The on-call engineer was careless.\n"))
    code, output = _check()
    assert code == 1 and victim.name in output


def test_edits_elsewhere_in_the_file_keep_the_baseline_valid(archive: Path) -> None:
    _check("--write-baseline")
    for path in (archive / "postmortems").glob("*.yaml"):
        path.write_text("# moved every line down\n\n" + path.read_text())
    code, output = _check()
    assert code == 0 and "PM093" not in output


def test_a_fixed_finding_makes_its_entry_stale_and_rewriting_shrinks_the_file(archive: Path) -> None:
    _check("--write-baseline")
    fixed = sorted((archive / "postmortems").glob("*.yaml"))[0]
    fixed.write_text(fixed.read_text().replace("Improve monitoring", GOOD))
    code, output = _check()
    assert code == 0 and "PM093" in output and fixed.name in output and "pm-pipeline-baseline.json:" in output
    assert _check("--strict")[0] == 1
    _check("--write-baseline")
    assert len(json.loads((archive / "pm-pipeline-baseline.json").read_text())["entries"]) == 399
    assert "PM093" not in _check()[1]


def test_no_baseline_shows_everything_and_a_broken_baseline_is_a_clean_error(archive: Path) -> None:
    _check("--write-baseline")
    assert _check("--no-baseline")[0] == 1
    (archive / "pm-pipeline-baseline.json").write_text("{not json")
    code, output = _check()
    assert code == 2 and "not a pm-pipeline baseline" in output and "Traceback" not in output


def test_reminders_are_never_baselined(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(BUNDLED, tmp_path / "postmortems")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", "--format", "text", "--now", "2028-01-01", "--write-baseline"])
    assert result.exit_code == 0
    assert json.loads((tmp_path / "pm-pipeline-baseline.json").read_text())["entries"] == []
