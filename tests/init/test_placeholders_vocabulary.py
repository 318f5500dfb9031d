"""Issue 17, items 3 and 4: the skeleton's placeholders fail review; vocabularies come from pm-pipeline.yml."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from pm_pipeline.cli import cli

NEW = [
    "new",
    "--title",
    "Checkout failed",
    "--severity",
    "P2",
    "--started",
    "2025-03-01T10:00:00Z",
    "--resolved",
    "2025-03-01T11:00:00Z",
    "--author",
    "@maria",
]


def _skeleton(tmp_path: Path) -> Path:
    result = CliRunner().invoke(cli, [*NEW, "--dir", str(tmp_path / "postmortems")])
    assert result.exit_code == 0, result.output
    return tmp_path / "postmortems" / "2025-03-01-checkout-failed.yaml"


def _findings(path: Path, *extra: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(cli, ["check", "--format", "json", "--now", "2025-03-02T00:00:00Z", *extra, str(path)])
    findings: list[dict[str, object]] = json.loads(result.output)["findings"]
    return findings


def test_published_skeleton_reports_every_placeholder(tmp_path: Path) -> None:
    path = _skeleton(tmp_path)
    assert not [f for f in _findings(path) if f["code"] == "PM307"], "a draft may hold placeholders"
    path.write_text(path.read_text().replace("status: draft", "status: published"))
    text = path.read_text().splitlines()
    flagged = "\n".join(text[int(str(f["line"])) - 1] for f in _findings(path) if f["code"] == "PM307")
    for needle in ("TODO: two or three", "TODO: the technical cause", "services: [TODO-service]", "category: todo"):
        assert needle in flagged, flagged


def test_severity_outside_the_configured_list_is_reported(tmp_path: Path) -> None:
    path = _skeleton(tmp_path)
    path.write_text(path.read_text().replace("severity: P2", "severity: critical"))
    (finding,) = [f for f in _findings(path) if f["code"] == "PM015"]
    assert "P1, P2, P3, P4" in str(finding["message"])


def test_factor_categories_and_services_are_checked_when_listed(tmp_path: Path) -> None:
    path = _skeleton(tmp_path)
    config = tmp_path / "pm-pipeline.yml"
    config.write_text("factor_categories: [monitoring, testing]\nservices: [checkout-api]\n")
    messages = [str(f["message"]) for f in _findings(path, "--config", str(config)) if f["code"] == "PM015"]
    assert any("`todo` is not in `factor_categories`" in m for m in messages), messages
    assert any("`TODO-service` is not in `services`" in m for m in messages), messages
