"""`pm-pipeline import`: the runbook's template and Google's template become valid post-mortems."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from pm_pipeline.cli import cli
from pm_pipeline.importer.mapping import import_markdown

TEMPLATES = Path(__file__).parent / "data" / "templates"


def _import(tmp_path: Path, *names: str) -> tuple[int, str, list[Path]]:
    sources = []
    for name in names:
        shutil.copy(TEMPLATES / name, tmp_path / name)
        sources.append(str(tmp_path / name))
    result = CliRunner().invoke(
        cli, ["import", "--now", "2026-12-04", "--out", str(tmp_path / "postmortems"), *sources]
    )
    return result.exit_code, result.output, sorted((tmp_path / "postmortems").glob("*.yaml"))


def _schema_findings(output: str) -> list[str]:
    return [line for line in output.splitlines() if " PM0" in line]


def test_the_runbook_template_imports_with_every_section_in_its_field(tmp_path: Path) -> None:
    code, output, [path] = _import(tmp_path, "runbook-template.md")
    data = yaml.safe_load(path.read_text())
    assert code == 0 and _schema_findings(output) == []
    assert path.name == "2025-02-09-post-mortem-orders-api-latency-after.yaml"
    assert data["severity"] == "P2" and data["authors"] == ["@maria-lopez", "@chen-wei"]
    assert [item["action"] for item in data["action_items"]] == [
        "Add an index on orders.customer_ref",
        "Run the load test against a production-sized snapshot before each release",
        "Alert when the orders-db connection pool is above 90% for 5 minutes",
    ]
    assert [(i["owner"], i["deadline"], i["priority"]) for i in data["action_items"]][0] == (
        "@maria-lopez",
        "2025-02-12",
        "high",
    )
    assert (
        len(data["timeline"]) == 5
        and data["timeline"][1]["event"] == "APIErrorRateHigh alert fires and pages the on-call."
    )
    assert data["incident"]["started_at"] == "2025-02-09T10:05:00Z"
    assert data["incident"]["resolved_at"] == "2025-02-09T11:40:00Z"  # start + 1h 35m
    assert data["contributing_factors"]["immediate_causes"] == ["A new query on an unindexed column."]
    assert len(data["contributing_factors"]["systemic_issues"]) == 2
    assert data["what_went_well"][1] == "The rollback runbook worked the first time."
    assert "Load tests on small data hide full table scans." in data["lessons_learned"]
    assert "# imported: guessed" in path.read_text()


def test_the_google_template_imports_its_action_items_timeline_and_lessons(tmp_path: Path) -> None:
    code, output, [path] = _import(tmp_path, "google-template.md")
    data = yaml.safe_load(path.read_text())
    assert code == 0 and _schema_findings(output) == []
    assert len(data["action_items"]) == 9 and len(data["timeline"]) == 17
    done = [item["id"] for item in data["action_items"] if item["status"] == "done"]
    assert done == ["AI-001", "AI-005", "AI-008"]
    assert data["root_cause"].startswith("Cascading failure due to combination")
    assert data["contributing_factors"]["immediate_causes"] == ["Latent bug triggered by sudden increase in traffic."]
    assert len(data["where_we_got_lucky"]) == 3 and len(data["what_went_wrong"]) == 2
    assert {note["heading"].lower() for note in data["notes"]} >= {"detection", "resolution"}
    assert data["timeline"][0]["event"].startswith("News reports that a new Shakespearean sonnet")


def test_text_is_copied_verbatim(tmp_path: Path) -> None:
    source = (TEMPLATES / "google-template.md").read_text()
    imported = import_markdown(source, "google-template.md")
    texts = [
        imported.data["summary"],
        *(i["action"] for i in imported.data["action_items"]),
        *(e["event"] for e in imported.data["timeline"]),
        *imported.data["where_we_got_lucky"],
    ]
    assert all(text in source for text in texts)


def test_a_report_without_any_date_is_refused_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "x.md").write_text("# Something broke\n\nIt broke. We fixed it.\n")
    result = CliRunner().invoke(cli, ["import", "--out", str(tmp_path / "out"), str(tmp_path / "x.md")])
    assert result.exit_code == 1 and "no date of the incident" in result.output and "Traceback" not in result.output


def test_an_existing_file_is_never_overwritten_without_force(tmp_path: Path) -> None:
    _import(tmp_path, "runbook-template.md")
    code, output, _ = _import(tmp_path, "runbook-template.md")
    assert code == 1 and "--force" in output


@pytest.mark.parametrize("name", ["runbook-template.md", "google-template.md"])
def test_baseline_then_check_passes_on_the_imported_archive_and_fails_on_a_new_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    _import(tmp_path, name)
    monkeypatch.chdir(tmp_path)
    run = CliRunner()
    assert run.invoke(cli, ["check", "--now", "2026-12-04", "--format", "text"]).exit_code == 1
    assert run.invoke(cli, ["check", "--now", "2026-12-04", "--write-baseline"]).exit_code == 0
    assert run.invoke(cli, ["check", "--now", "2026-12-04", "--format", "text"]).exit_code == 0
    [path] = (tmp_path / "postmortems").glob("*.yaml")
    path.write_text(
        path.read_text().replace(
            "\naction_items:\n",
            "\naction_items:\n- id: AI-099\n  action: Improve monitoring\n"
            "  owner: '@a'\n  deadline: '2026-12-10'\n  priority: low\n  type: detect\n"
            "  status: open\n",
            1,
        )
    )
    assert run.invoke(cli, ["check", "--now", "2026-12-04", "--format", "text"]).exit_code == 1


def test_the_runbook_template_imports_with_only_findings_true_of_its_content(tmp_path: Path) -> None:
    code, output, [path] = _import(tmp_path, "runbook-template.md")
    data = yaml.safe_load(path.read_text())
    codes = set(re.findall(r"\.yaml:\d+:\d+: \w+ (PM\d+) ", output))
    # It says "Status: Published" but names no reviewer and no publication time; it cites no logs or
    # metrics; two high-priority items have no sponsor; its follow-up review (four weeks on) is past.
    assert data["status"] == "published" and "reviewers" not in data and "evidence" not in data
    assert codes == {"PM305", "PM306", "PM505", "PM207", "PM304"}
    assert "reminder PM304" in output and code == 0
