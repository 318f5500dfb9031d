"""Schema-valid values that used to crash: each is a located PM010 finding in check, plan, overdue and the site."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.core.helpers import DEMO_NOW, line_of, valid_text

STARTED = "started_at: 2025-02-09T10:05:23Z"
REQUESTS = "failed_requests: 40000"
REVENUE = "revenue_usd: 5000"

HOSTILE_VALUES: dict[str, tuple[str, str, str]] = {
    "year-0000": (STARTED, "started_at: 0000-02-09T10:05:23Z", "not a time pm-pipeline can compute with"),
    "past-9999-in-utc": (STARTED, "started_at: 9999-12-31T23:59:59-01:00", "not a time pm-pipeline can compute with"),
    "before-year-1-in-utc": (STARTED, "started_at: 0001-01-01T00:00:00+01:00", "not a time pm-pipeline can"),
    "leap-second": (STARTED, "started_at: 2016-12-31T23:59:60Z", "is a leap second"),
    "5000-digit-integer": (REQUESTS, "failed_requests: " + "9" * 5000, "is too large a number"),
    "5000-digit-hex": (REQUESTS, "failed_requests: 0x" + "f" * 5000, "is too large a number"),
    "infinite-revenue": (REVENUE, "revenue_usd: .inf", "`.inf` is not a number a report can use"),
    "nan-revenue": (REVENUE, "revenue_usd: .nan", "`.nan` is not a number a report can use"),
    "deadline-year-0000": ("deadline: 2025-02-21", "deadline: 0000-02-21", "not a date pm-pipeline can"),
}


def hostile_text(name: str) -> str:
    old, new, _ = HOSTILE_VALUES[name]
    text = valid_text()
    assert old in text
    return text.replace(old, new, 1)


def _cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    return subprocess.run([sys.executable, "-m", "pm_pipeline", *args, "--now", DEMO_NOW], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(params=sorted(HOSTILE_VALUES))
def hostile(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Path]:
    (tmp_path / "postmortems").mkdir()
    (tmp_path / "postmortems" / "2025-02-09-hostile.yaml").write_text(hostile_text(request.param))
    return request.param, tmp_path


def test_check_reports_a_located_pm010(hostile: tuple[str, Path]) -> None:
    name, root = hostile
    done = _cli(root, "check", "--format", "text")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    line = line_of(hostile_text(name), HOSTILE_VALUES[name][1][:30])
    expected = f"postmortems/2025-02-09-hostile.yaml:{line}:"
    hits = [row for row in done.stdout.splitlines() if row.startswith(expected) and " PM010 " in row]
    assert hits and HOSTILE_VALUES[name][2] in hits[0], done.stdout
    assert len(done.stdout) < 2000


@pytest.mark.parametrize("command", [("plan",), ("overdue",)])
def test_plan_and_overdue_skip_the_file_without_a_traceback(hostile: tuple[str, Path], command: tuple[str]) -> None:
    _, root = hostile
    done = _cli(root, *command)
    # plan has nothing to plan when its only file is skipped, and says so with exit 1
    assert "Traceback" not in done.stderr and done.returncode == (1 if command == ("plan",) else 0), done.stderr
    assert "2025-02-09-hostile.yaml" in done.stderr


def test_now_outside_the_calendar_is_a_usage_error(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "pm_pipeline", "check", "--now", "9999-12-31T23:59:59-01:00"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2 and "Traceback" not in done.stderr and "--now" in done.stderr


@pytest.mark.parametrize("name", ["5000-digit-hex", "past-9999-in-utc", "leap-second", "nan-revenue"])
def test_the_site_build_logs_the_finding_and_does_not_crash(name: str, tmp_path: Path) -> None:
    from tests.site.site_helpers import mkdocs_build, write_project

    root = write_project(tmp_path, [], raw_files={"postmortems/2025-02-09-hostile.yaml": hostile_text(name)})
    done = mkdocs_build(root, strict=False)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-2000:]
    assert "PM010" in done.stderr


CONTROL_TEXT = "summary: >\n"


@pytest.mark.parametrize("char", ["\x0c", "\x0b", "\x00"])
def test_a_control_character_is_reported_at_its_byte(char: str, tmp_path: Path) -> None:
    text = valid_text().replace("  For 30 minutes", "  For 30" + char + " minutes", 1)
    target = tmp_path / "2025-02-09-x.yaml"
    target.write_text(text)
    done = _cli(tmp_path, "check", "--format", "text", str(target))
    lines = text.split("\n")  # as an editor counts; str.splitlines breaks at FF and VT too
    line = next(number for number, row in enumerate(lines, start=1) if "For 30" in row)
    column = lines[line - 1].index(char) + 1
    assert f"{target}:{line}:{column}: error PM002 U+{ord(char):04X}" in done.stdout, done.stdout


@pytest.mark.parametrize("separator", ["\u2028", "\x85", "\u2029"])
def test_unusual_line_breaks_do_not_shift_line_numbers(separator: str, tmp_path: Path) -> None:
    text = valid_text().replace("title: API service", f'title: "API{separator}service', 1)
    text = text.replace("pool exhaustion\n", 'pool exhaustion"\n', 1)
    vague = "    action: Add db_pool_active_connections"
    text = text.replace(vague, "    action: Improve monitoring", 1)
    text = text.replace("Improve monitoring and db_pool_wait_seconds to the public-api Grafana dashboard", "Improve monitoring")
    target = tmp_path / "2025-02-09-x.yaml"
    target.write_bytes(text.encode())
    done = _cli(tmp_path, "check", "--format", "text", str(target))
    editor_line = next(n for n, row in enumerate(text.split("\n"), start=1) if row.startswith("    action: Improve"))
    assert f"{target}:{editor_line}:" in done.stdout and " PM201 " in done.stdout, done.stdout


def test_the_plugin_accepts_now_as_a_yaml_datetime(tmp_path: Path) -> None:
    from tests.site.site_helpers import mkdocs_build, write_project

    root = write_project(tmp_path, [], raw_files={"postmortems/2025-02-09-api-degradation.yaml": valid_text()})
    config = (root / "mkdocs.yml").read_text().replace(
        "plugins: [search, postmortems]", "plugins: [search, {postmortems: {now: 2025-03-11T12:00:00Z}}]")
    (root / "mkdocs.yml").write_text(config)
    done = mkdocs_build(root, strict=False)
    assert done.returncode == 0, done.stderr[-2000:]


def test_a_plugin_error_names_the_config_relative_to_the_project(tmp_path: Path) -> None:
    from tests.site.site_helpers import mkdocs_build, write_project

    root = write_project(tmp_path, [], raw_files={"pm-pipeline.yml": "publish_sla_hours: soon\n"})
    done = mkdocs_build(root)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "pm-pipeline.yml:1:" in done.stderr and str(tmp_path) not in done.stderr
