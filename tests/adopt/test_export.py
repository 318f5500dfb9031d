"""`pm-pipeline export`: every post-mortem and action item, in JSON, NDJSON and CSV, round-tripping."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from pm_pipeline.cli import cli
from pm_pipeline.export import ACTION_ITEM_COLUMNS, INCIDENT_COLUMNS
from tests.core.helpers import BUNDLED, DEMO_NOW


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(BUNDLED, tmp_path / "postmortems")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _export(*args: str) -> str:
    result = CliRunner().invoke(cli, ["export", "--now", DEMO_NOW, "--out", "out", *args])
    assert result.exit_code == 0, result.output
    return result.output


def _yaml_items() -> dict[str, dict[str, object]]:
    items = {}
    for path in BUNDLED.glob("*.yaml"):
        data = yaml.safe_load(path.read_text())
        for item in data["action_items"]:
            items[f"{data['id']}/{item['id']}"] = item
    return items


def test_csv_and_json_carry_every_action_item_with_its_fields(repo: Path) -> None:
    _export()
    expected = _yaml_items()
    with (repo / "out" / "action_items.csv").open(newline="") as stream:
        rows = {row["key"]: row for row in csv.DictReader(stream)}
    document = json.loads((repo / "out" / "postmortems.json").read_text())
    as_json = {row["key"]: row for row in document["action_items"]}
    assert set(rows) == set(as_json) == set(expected)
    for key, item in expected.items():
        assert rows[key]["action"] == as_json[key]["action"] == item["action"]
        assert rows[key]["owner"] == as_json[key]["owner"] and rows[key]["owner"].lstrip("@") == str(
            item["owner"]
        ).lstrip("@")
        assert rows[key]["deadline"] == as_json[key]["deadline"] == str(item["deadline"])
        assert rows[key]["yaml_status"] == item["status"]


def test_column_names_are_the_documented_ones(repo: Path) -> None:
    _export()
    for name, columns in (("incidents.csv", INCIDENT_COLUMNS), ("action_items.csv", ACTION_ITEM_COLUMNS)):
        header = (repo / "out" / name).read_text().splitlines()[0].split(",")
        assert tuple(header) == columns
    guide = (Path(__file__).resolve().parents[2] / "docs" / "guide" / "export.md").read_text()
    assert all(f"`{column}`" in guide for column in (*INCIDENT_COLUMNS, *ACTION_ITEM_COLUMNS))


def test_ndjson_has_one_object_a_line_per_incident_and_item(repo: Path) -> None:
    _export("--format", "ndjson")
    incidents = [json.loads(line) for line in (repo / "out" / "incidents.ndjson").read_text().splitlines()]
    items = (repo / "out" / "action_items.ndjson").read_text().splitlines()
    assert len(incidents) == len(list(BUNDLED.glob("*.yaml"))) and len(items) == len(_yaml_items())
    assert not (repo / "out" / "incidents.csv").exists()
    api = next(row for row in incidents if row["id"] == "PM-2025-02-09-api-degradation")
    assert api["minutes_to_detect"] > 0 and api["action_items"] == 6


def test_status_comes_from_the_snapshot_when_there_is_one(repo: Path) -> None:
    snapshot = {
        "version": 1,
        "generated_at": "2026-11-27T12:00:00Z",
        "source": "github",
        "items": {
            "PM-2025-02-09-api-degradation/AI-002": {
                "number": 41,
                "url": "https://github.com/a/b/issues/41",
                "state": "closed",
                "state_reason": "completed",
                "closed_at": "2025-03-01T10:00:00Z",
                "labels": [],
            }
        },
    }
    (repo / "pm-status.json").write_text(json.dumps(snapshot))
    _export("--format", "json")
    document = json.loads((repo / "out" / "postmortems.json").read_text())
    row = next(r for r in document["action_items"] if r["key"] == "PM-2025-02-09-api-degradation/AI-002")
    assert (row["state"], row["issue_number"], row["issue_state"], row["yaml_status"]) == (
        "done",
        41,
        "completed",
        "open",
    )
    assert document["status_source"] == "snapshot pm-status.json"


def test_a_formula_in_a_text_cannot_run_in_a_spreadsheet(repo: Path) -> None:
    path = repo / "postmortems" / "2025-02-09-api-degradation.yaml"
    text = path.read_text()
    good = "Alert when orders-db p95 query time exceeds 500 ms for 5 minutes"
    path.write_text(text.replace(good, '=HYPERLINK(""https://example.com"",""x"") alert on p95 > 500 ms'))
    _export("--format", "csv")
    rows = list(csv.DictReader(io.StringIO((repo / "out" / "action_items.csv").read_text())))
    (row,) = [r for r in rows if "HYPERLINK" in r["action"]]
    assert row["action"].startswith("'=") and all(not r["owner"].startswith("'") for r in rows)
