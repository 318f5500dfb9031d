from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from pm_pipeline.cli import cli
from pm_pipeline.rules import ALL_RULES


def test_new_writes_a_valid_skeleton_named_by_date_and_slug(tmp_path: Path) -> None:
    folder = tmp_path / "postmortems"
    result = CliRunner().invoke(cli, [
        "new", "--title", "Checkout failed for EU customers", "--severity", "P2",
        "--started", "2025-03-01T10:00:00+01:00", "--resolved", "2025-03-01T12:30:00Z",
        "--author", "@maria", "--dir", str(folder),
    ])
    assert result.exit_code == 0, result.output
    written = folder / "2025-03-01-checkout-failed-for-eu-customers.yaml"
    text = written.read_text()
    assert "started_at: 2025-03-01T09:00:00Z" in text
    assert "follow_up_review:\n  date: 2025-03-29\n" in text
    check = CliRunner().invoke(cli, ["check", "--format", "text", "--select", "PM0", str(written)])
    assert check.exit_code == 0, check.output


def test_new_prompts_for_what_is_missing_and_asks_again_for_a_time_without_offset(tmp_path: Path) -> None:
    answers = "Search was slow\nP9\nP3\n2025-04-02T08:00\n2025-04-02T08:00Z\n2025-04-02T09:00Z\n@li\n"
    result = CliRunner().invoke(cli, ["new", "--dir", str(tmp_path)], input=answers)
    assert result.exit_code == 0, result.output
    assert "`P9` is not one of P1, P2, P3, P4" in result.output
    assert "`2025-04-02T08:00` has no offset" in result.output
    assert result.output.count("Started at") == 2
    text = (tmp_path / "2025-04-02-search-was-slow.yaml").read_text()
    assert "started_at: 2025-04-02T08:00:00Z" in text


def test_new_reports_each_bad_flag_by_its_name(tmp_path: Path) -> None:
    base = ["new", "--title", "T", "--author", "@a", "--dir", str(tmp_path)]
    bad_start = CliRunner().invoke(cli, [*base, "--severity", "P2", "--started", "yesterday",
                                         "--resolved", "2025-01-01T01:00Z"])
    assert bad_start.exit_code == 2 and "'--started'" in bad_start.output and "--now" not in bad_start.output
    bad_severity = CliRunner().invoke(cli, [*base, "--severity", "P9", "--started", "2025-01-01T00:00Z",
                                            "--resolved", "2025-01-01T01:00Z"])
    assert bad_severity.exit_code == 2 and "`P9` is not one of P1, P2, P3, P4" in bad_severity.output
    backwards = CliRunner().invoke(cli, [*base, "--severity", "P2", "--started", "2025-01-01T02:00Z",
                                         "--resolved", "2025-01-01T01:00Z"])
    assert backwards.exit_code == 2 and "is before --started" in backwards.output
    assert not list(tmp_path.glob("*.yaml"))


def test_new_never_overwrites(tmp_path: Path) -> None:
    args = ["new", "--title", "Twice", "--severity", "P3", "--started", "2025-01-01T00:00Z",
            "--resolved", "2025-01-01T01:00Z", "--author", "@a", "--dir", str(tmp_path)]
    assert CliRunner().invoke(cli, args).exit_code == 0
    again = CliRunner().invoke(cli, args)
    assert again.exit_code == 2 and "exists already" in again.output


def test_rules_lists_every_code() -> None:
    output = CliRunner().invoke(cli, ["rules"]).output
    assert all(rule.code in output for rule in ALL_RULES)


def test_rules_code_prints_its_page() -> None:
    result = CliRunner().invoke(cli, ["rules", "pm002"])
    assert result.exit_code == 0
    assert result.output.startswith("# PM002 yaml-syntax") and "## Use instead" in result.output


def test_unknown_rule_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["rules", "PM999"])
    assert result.exit_code == 2 and "no rule PM999" in result.output
