"""The issue's acceptance test, through the real CLI, and the bundled post-mortems."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from pm_pipeline.cli import cli
from tests.core.helpers import DEMO_NOW
from tests.rules.rulekit import BASE, edit, line_of

ROOT = Path(__file__).parents[2]


def test_seeded_post_mortem_fails_with_exactly_the_three_findings(tmp_path: Path) -> None:
    text = edit(
        BASE,
        ("published_at: 2025-02-10T16:30:00Z", "published_at: 2025-02-11T23:40:00Z"),  # 60 hours after resolved_at
        ("  For 30 minutes the public API", "  @bob caused the outage. For 30 minutes the public API"),
        ("action: Add load-test scenarios for every new query pattern in the k6 suite, run before each release",
         "action: Improve testing"),
    )
    path = tmp_path / "2025-02-09-api-degradation.yaml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--format", "text", "--now", DEMO_NOW, str(path)])
    assert result.exit_code == 1
    reported = [line.split(" ", 3)[:3] for line in result.output.splitlines() if line.startswith(str(path))]
    assert [(place.split(":")[1], code) for place, _, code in reported] == [
        (str(line_of(text, "published_at:")), "PM301"),
        (str(line_of(text, "@bob caused")), "PM101"),
        (str(line_of(text, "Improve testing")), "PM201"),
    ]


def test_bundled_post_mortems_pass() -> None:
    result = CliRunner().invoke(cli, ["check", "--format", "text", "--strict", "--now", DEMO_NOW,
                                      str(ROOT / "postmortems")])
    assert result.exit_code == 0, result.output
