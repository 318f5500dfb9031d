"""Deadline slips on the site: `history --out` in a generated repository, then a real `mkdocs build --strict`."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.insights.factories import Item, Report, report_yaml
from tests.insights.gitrepo import GitRepo
from tests.insights.test_recurrence_site import page, text_of
from tests.site.site_helpers import MKDOCS_YML, mkdocs_build

T0 = datetime(2025, 2, 9, 14, 0, tzinfo=UTC)
NOW = datetime(2025, 9, 1, tzinfo=UTC)
TEAMS = """\
      teams:
        Platform: ["@maria-lopez"]
        Payments: ["@chen-wei"]
"""


def project(root: Path) -> GitRepo:
    """Two reports: AI-001 of the first moved three times, AI-002 once and handed to @chen-wei."""
    repo = GitRepo(root)
    first = Report("api-degradation", T0, ("orders-db",), ("capacity", "testing"), ())
    second = Report("search-lag", T0 + timedelta(days=3), ("search",), ("deploy", "config"), (Item("AI-001"),))
    for step in range(4):
        items = (
            Item("AI-001", deadline_days=20 + 5 * step),
            Item("AI-002", owner="@chen-wei" if step else "@maria-lopez", deadline_days=20 + 3 * min(step, 1)),
        )
        repo.commit(
            {
                f"postmortems/{first.file_name}": report_yaml(replace(first, items=items)),
                f"postmortems/{second.file_name}": report_yaml(second),
            },
            T0 + timedelta(days=4 + step),
        )
    (root / "docs").mkdir()
    return repo


def build(root: Path, plugin_options: str = "") -> Path:
    config = MKDOCS_YML.replace(
        "plugins: [search, postmortems]", "plugins:\n  - search\n  - postmortems:\n" + plugin_options
    )
    if not plugin_options:
        config = MKDOCS_YML
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = mkdocs_build(root, now=NOW)
    assert result.returncode == 0, result.stderr
    return root / "site"


def cells_of(markup: str) -> str:
    """The text with a space where each tag was (so table cells stay apart)."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def history(root: Path) -> None:
    command = [sys.executable, "-m", "pm_pipeline", "history", "--out", "pm-history.json"]
    subprocess.run(command, cwd=root, check=True, capture_output=True)


def test_the_slips_page_counts_per_team_and_lists_the_most_rescheduled(tmp_path: Path) -> None:
    repo = project(tmp_path / "repo")
    history(repo.root)
    site = build(repo.root, TEAMS)
    markup = page(site, "indexes/slips")
    words = cells_of(markup)
    # Platform: AI-001 (3 moves, +15 d) and the second report's AI-001 (never moved);
    # Payments: AI-002 (1 move, +3 d, one owner change)
    assert "Platform 2 1 3 0 +15" in words, words
    assert "Payments 1 1 1 1 +3" in words
    most = words[words.index("Most rescheduled items") :]
    assert most.index("PM-2025-02-09-api-degradation/AI-001") < most.index("PM-2025-02-09-api-degradation/AI-002")
    assert "2025-03-01 2025-03-16 (+15 d)" in most
    assert 'href="../../postmortems/PM-2025-02-09-api-degradation/#item-ai-001"' in markup
    assert "Deadline slips" in page(site, "")


def test_without_a_history_file_the_page_says_how_to_make_one(tmp_path: Path) -> None:
    repo = project(tmp_path / "repo")
    site = build(repo.root)
    assert "No history file yet. Run pm-pipeline history --out pm-history.json" in text_of(page(site, "indexes/slips"))


def test_a_broken_history_file_is_a_warning_that_fails_strict(tmp_path: Path) -> None:
    repo = project(tmp_path / "repo")
    (repo.root / "pm-history.json").write_text(json.dumps({"version": 1}), encoding="utf-8")
    (repo.root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    result = mkdocs_build(repo.root, now=NOW)
    assert result.returncode == 1 and "pm-history.json: not a version 1 history file" in result.stderr
    assert "Traceback" not in result.stderr
