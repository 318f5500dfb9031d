"""`pm-pipeline check` through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pm_pipeline.cli import cli
from tests.core.helpers import BUNDLED, DEMO_NOW, line_of, valid_text

NOW = DEMO_NOW


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", "--now", NOW, *args], env={"GITHUB_ACTIONS": "", **(env or {})})
    return result.exit_code, result.output


def write(tmp_path: Path, text: str, name: str = "2025-02-09-api.yaml") -> Path:
    target = tmp_path / name
    target.write_text(text, encoding="utf-8")
    return target


def test_bundled_postmortems_pass() -> None:
    code, output = run("--format", "text", "--now", DEMO_NOW, str(BUNDLED))
    assert code == 0, output
    assert "All good: 6 post-mortems checked." in output


def test_schema_error_lands_on_the_deadline_line(tmp_path: Path) -> None:
    text = valid_text().replace("deadline: 2025-03-07", "deadline: 2025-13-07")
    target = write(tmp_path, text)
    code, output = run("--format", "text", str(target))
    assert code == 1
    line = line_of(text, "deadline: 2025-13-07")
    assert f"{target}:{line}:15: error PM010 action_items[2].deadline: `2025-13-07` is not a date" in output


def test_unknown_key_suggests_the_known_one(tmp_path: Path) -> None:
    text = valid_text().replace("  services:", "  servces:")
    target = write(tmp_path, text)
    code, output = run("--format", "text", str(target))
    assert code == 1
    assert f":{line_of(text, 'servces')}:3: error PM010 unknown key `servces` in incident; did you mean `services`?" \
        in output


def test_timestamp_without_offset_is_rejected(tmp_path: Path) -> None:
    text = valid_text().replace("started_at: 2025-02-09T10:05:23Z", "started_at: 2025-02-09T10:05:23")
    code, output = run("--format", "text", str(write(tmp_path, text)))
    assert code == 1 and "has no offset" in output and "2025-02-09T10:05:23Z if it is UTC" in output


def test_json_format_lists_findings(tmp_path: Path) -> None:
    target = write(tmp_path, "id: a\nid: b\n")
    code, output = run("--format", "json", str(target))
    document = json.loads(output)
    assert code == 1
    assert document["errors"] == 1
    assert document["findings"][0] == {
        "path": str(target), "line": 2, "column": 1, "code": "PM003", "level": "error",
        "message": "duplicate key `id` (first at line 1); YAML would silently keep only the last",
    }


def test_auto_format_uses_annotations_inside_actions(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    target = write(tmp_path, "id: a\nid: b\n")
    code, output = run(str(target), env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert code == 1
    assert f"::error file={target},line=2,col=1,title=PM003::duplicate key" in output
    assert output.startswith(f"::group::{target}")
    assert "| `" + str(target) + "` | 2:1 | error | PM003 |" in summary.read_text()


def test_output_option_writes_the_report_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "report.sarif"
    code, _ = run("--format", "sarif", "--output", str(out), "--now", DEMO_NOW, str(BUNDLED))
    assert code == 0
    assert json.loads(out.read_text())["version"] == "2.1.0"


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


@pytest.mark.parametrize("now", ["yesterday", "2025-13-01"])
def test_bad_now_is_a_usage_error(now: str) -> None:
    result = CliRunner().invoke(cli, ["check", "--now", now, str(BUNDLED)])
    assert result.exit_code == 2 and "--now" in result.output


def test_unknown_config_key_is_a_configuration_error(tmp_path: Path) -> None:
    config = tmp_path / "pm-pipeline.yml"
    config.write_text("publish_sla_hour: 48\n")
    result = CliRunner().invoke(cli, ["check", "--config", str(config), str(BUNDLED)])
    assert result.exit_code == 2
    assert "pm-pipeline.yml:1:1: unknown key `publish_sla_hour`; did you mean `publish_sla_hours`?" in result.output


def test_unknown_rule_option_is_a_configuration_error(tmp_path: Path) -> None:
    config = tmp_path / "pm-pipeline.yml"
    config.write_text("rules:\n  PM010:\n    bogus: 1\n")
    result = CliRunner().invoke(cli, ["check", "--config", str(config), str(BUNDLED)])
    assert result.exit_code == 2 and "unknown key `bogus` in rules.PM010" in result.output


def test_ignore_prefix_silences_codes(tmp_path: Path) -> None:
    target = write(tmp_path, "id: a\nid: b\n")
    code, output = run("--format", "text", "--ignore", "PM0", str(target))
    assert code == 0, output


def test_strict_fails_on_warnings(tmp_path: Path) -> None:
    config = tmp_path / "pm-pipeline.yml"
    config.write_text("rules:\n  PM003:\n    level: warning\n")
    target = write(tmp_path, "id: a\nid: b\n")
    assert run("--config", str(config), "--format", "text", str(target))[0] == 0
    assert run("--config", str(config), "--format", "text", "--strict", str(target))[0] == 1


def test_duplicate_postmortem_ids_across_files(tmp_path: Path) -> None:
    write(tmp_path, valid_text(), "2025-02-09-a.yaml")
    write(tmp_path, valid_text(), "2025-02-09-b.yaml")
    code, output = run("--format", "text", str(tmp_path))
    assert code == 1
    assert f"2025-02-09-b.yaml:{line_of(valid_text(), 'id: PM-')}:5: error PM009" in output


def test_empty_postmortem_is_a_finding(tmp_path: Path) -> None:
    code, output = run("--format", "text", str(write(tmp_path, "# nothing yet\n")))
    assert code == 1 and "2025-02-09-api.yaml:1:1: error PM010 the file is empty" in output


def test_empty_config_file_means_defaults(tmp_path: Path) -> None:
    config = tmp_path / "pm-pipeline.yml"
    config.write_text("# defaults for now\n")
    result = CliRunner().invoke(cli, ["check", "--config", str(config), "--now", NOW, str(BUNDLED)])
    assert result.exit_code == 0, result.output
