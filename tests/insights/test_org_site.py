"""The organisation site: several temporary git repositories, checked out side by side, one `mkdocs build --strict`."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.insights.factories import Item, Report, random_history
from tests.insights.gitrepo import GitRepo
from tests.insights.test_history_site import cells_of
from tests.insights.test_recurrence_site import page
from tests.site.site_helpers import mkdocs_build

T0 = datetime(2025, 2, 9, 14, 0, tzinfo=UTC)
NOW = datetime(2025, 9, 1, tzinfo=UTC)
SHARED = Report("api-degradation", T0, ("orders-db",), ("capacity", "testing"), (Item("AI-004", "done"),))
LATER = Report("orders-timeouts", T0 + timedelta(days=30), ("orders-db",), ("capacity", "deploy"), (Item("AI-001"),))


def team_repository(root: Path, *reports: Report) -> GitRepo:
    from tests.insights.factories import report_yaml

    repo = GitRepo(root)
    repo.commit({f"postmortems/{r.file_name}": report_yaml(r) for r in reports}, T0 + timedelta(days=40))
    return repo


def org_project(root: Path, repositories: dict[str, GitRepo], extra: str = "") -> Path:
    """The organisation repository: each team repository cloned into repos/<name>, as the workflow's checkouts."""
    (root / "docs").mkdir(parents=True)
    listed = ""
    for name, repo in repositories.items():
        subprocess.run(["git", "clone", "-q", str(repo.root), str(root / "repos" / name)], check=True)
        listed += f"        - {{name: {name}, path: repos/{name}, url: 'https://github.com/acme/{name}'}}\n"
    (root / "mkdocs.yml").write_text(
        "site_name: Acme post-mortems\ntheme: {name: material, font: false}\n"
        f"plugins:\n  - search\n  - postmortems:\n      repositories:\n{listed}{extra}",
        encoding="utf-8",
    )
    return root


def test_one_site_with_a_section_per_repository(tmp_path: Path) -> None:
    teams = {
        "payments": team_repository(tmp_path / "payments", SHARED, *random_history(6, 1)),
        "search": team_repository(tmp_path / "search", SHARED, LATER),
        "identity": team_repository(tmp_path / "identity", *random_history(4, 2)),
    }
    root = org_project(tmp_path / "org", teams)
    result = mkdocs_build(root, now=NOW)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    overview = cells_of(page(site, "repositories"))
    for name, count in (("payments", 7), ("search", 2), ("identity", 4)):
        assert f"{name} {count} " in overview, overview
        assert f"https://github.com/acme/{name}" in overview
    # the same id in two repositories: two pages, each linking back to its own repository
    for name in ("payments", "search"):
        markup = page(site, f"postmortems/{name}/{SHARED.id}")
        assert f'href="https://github.com/acme/{name}/edit/main/postmortems/{SHARED.file_name}"' in markup
    assert "orders-timeouts" in page(site, "repositories/search") and "orders-timeouts" not in page(
        site, "repositories/identity"
    )
    # insights across repositories: the search incident repeats the payments one
    recurring = cells_of(page(site, f"postmortems/search/{LATER.id}"))
    assert "This incident repeats earlier ones" in recurring
    assert 'href="repositories/"' in page(site, "")
    assert "All 13 post-mortems" in cells_of(page(site, ""))


def test_a_missing_checkout_fails_a_strict_build_and_names_it(tmp_path: Path) -> None:
    root = org_project(tmp_path / "org", {"payments": team_repository(tmp_path / "payments", SHARED)})
    text = (root / "mkdocs.yml").read_text() + "        - {name: search, path: repos/search}\n"
    (root / "mkdocs.yml").write_text(text)
    result = mkdocs_build(root, now=NOW)
    assert result.returncode == 1 and "repositories: search: repos/search is not a folder" in result.stderr
    assert mkdocs_build(root, strict=False, now=NOW).returncode == 0


def test_a_bad_repository_entry_is_a_clean_error(tmp_path: Path) -> None:
    root = org_project(tmp_path / "org", {"payments": team_repository(tmp_path / "payments", SHARED)})
    text = (root / "mkdocs.yml").read_text() + "        - {name: '../Bad', path: repos/x}\n"
    (root / "mkdocs.yml").write_text(text)
    result = mkdocs_build(root, now=NOW)
    assert result.returncode == 1 and "repositories[1].name: lower-case letters" in result.stderr
    assert "Traceback" not in result.stderr
