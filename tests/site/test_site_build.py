"""The real `mkdocs build --strict` with the plugin on temporary projects."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from tests.site.site_helpers import MKDOCS_YML, TIMELINE_WORD, BuildProject, cache_outage_data, demo_data, mkdocs_build

DEMO_PAGE = "postmortems/PM-2025-02-09-api-degradation/index.html"


def test_strict_build_makes_every_page(build_project: BuildProject) -> None:
    site, result = build_project([demo_data(), cache_outage_data()])
    assert result.returncode == 0, result.stderr
    for page in ("index.html", "postmortems/index.html", "indexes/services/index.html", "indexes/severities/index.html",
                 "indexes/owners/index.html", "indexes/factors/index.html", "indexes/overdue/index.html", DEMO_PAGE,
                 "postmortems/PM-2025-03-01-cache-outage/index.html", "assets/pm-pipeline/pm.css"):
        assert (site / page).is_file(), page
    assert "assets/pm-pipeline/pm.css" in (site / "index.html").read_text()
    assert not list((site.parent / "docs").rglob("*.md")), "generated pages are never written to docs/"


def test_postmortem_pages_stay_out_of_the_nav(build_project: BuildProject) -> None:
    site, result = build_project([demo_data(), cache_outage_data()])
    assert result.returncode == 0, result.stderr
    html = (site / "indexes/owners/index.html").read_text()
    nav = html.split('<nav class="md-nav md-nav--primary"')[1].split("</nav>")[0]
    assert "By owner" in nav and "All post-mortems" in nav
    assert "PM-2025" not in nav


def test_failing_postmortem_fails_strict_with_file_line_and_reason(build_project: BuildProject) -> None:
    broken = demo_data()
    del broken["summary"]
    broken["id"] = "PM-2025-02-10-broken"
    site, result = build_project([demo_data(), broken])
    assert result.returncode != 0
    assert re.search(r"WARNING .*postmortems/2025-02-10-broken\.yaml:\d+:\d+: PM\d{3} .*summary", result.stderr), result.stderr


def test_failing_postmortem_does_not_break_a_normal_build(build_project: BuildProject) -> None:
    broken = demo_data()
    broken["id"] = "PM-2025-02-10-broken"
    broken["incident"]["started_at"] = "yesterday"
    site, result = build_project([demo_data(), broken], strict=False)
    assert result.returncode == 0, result.stderr
    assert "2025-02-10-broken.yaml" in result.stderr
    assert (site / DEMO_PAGE).is_file()
    assert "kept files off this site" in (site / "index.html").read_text()


def test_escaping_survives_the_theme(build_project: BuildProject) -> None:
    data = demo_data()
    data["title"] = "</title><script>alert(1)</script> outage"
    data["summary"] = 'Summary with <img src=x onerror="alert(2)"> inside it, long enough.'
    data["timeline"][0]["event"] = "<script>alert(3)</script>"
    site, result = build_project([data], strict=False)
    assert result.returncode == 0, result.stderr
    for page in (DEMO_PAGE, "index.html", "postmortems/index.html"):
        html = (site / page).read_text()
        assert "<script>alert" not in html, page
        assert "<img src=x" not in html, page
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in (site / DEMO_PAGE).read_text()


def test_search_index_holds_timeline_and_factor_words(build_project: BuildProject) -> None:
    site, result = build_project([demo_data(), cache_outage_data()])
    assert result.returncode == 0, result.stderr
    docs = json.loads((site / "search/search_index.json").read_text())["docs"]
    in_outage = " ".join(d["text"] for d in docs if d["location"].startswith("postmortems/PM-2025-03-01-cache-outage/"))
    assert TIMELINE_WORD in in_outage
    assert "Load tests replayed last quarter" in " ".join(d["text"] for d in docs)


def test_status_comes_from_the_snapshot_when_configured(build_project: BuildProject) -> None:
    snapshot = {"version": 1, "generated_at": "2025-03-11T06:00:00Z", "source": "github", "repository": "example/app",
                "items": {"PM-2025-02-09-api-degradation/AI-002": {
                    "number": 42, "url": "https://github.com/example/app/issues/42", "state": "closed",
                    "state_reason": "completed", "closed_at": "2025-03-02T09:00:00Z", "labels": ["post-mortem"],
                    "drift": None}}}
    site, result = build_project([demo_data()], extra_config="    \n", raw_files={
        "pm-status.json": json.dumps(snapshot), "pm-pipeline.yml": "site:\n  snapshot: pm-status.json\n"})
    assert result.returncode == 0, result.stderr
    html = (site / "index.html").read_text()
    assert "from the sync snapshot <code>pm-status.json</code>, taken 2025-03-11 06:00 UTC" in html
    assert re.search(r'data-metric="overdue"><span class="pm-card__value">1<', html)
    assert 'href="https://github.com/example/app/issues/42">#42</a>' in (site / DEMO_PAGE).read_text()


def test_edit_link_defaults_to_repo_url_and_edit_uri(build_project: BuildProject) -> None:
    site, result = build_project([demo_data()], extra_config=(
        "repo_url: https://github.com/example/app\nedit_uri: edit/main/docs/\n"))
    assert result.returncode == 0, result.stderr
    html = (site / DEMO_PAGE).read_text()
    assert 'href="https://github.com/example/app/edit/main/postmortems/2025-02-09-api-degradation.yaml"' in html


def test_docs_index_keeps_home_and_dashboard_moves(build_project: BuildProject) -> None:
    site, result = build_project([demo_data()], raw_files={"docs/index.md": "# Guide\n\nHello.\n"})
    assert result.returncode == 0, result.stderr
    assert "Hello." in (site / "index.html").read_text()
    assert 'data-metric="incidents"' in (site / "dashboard/index.html").read_text()


def test_templates_dir_overrides_a_bundled_template(build_project: BuildProject) -> None:
    override = "<h1>{{ title }}</h1>\n\n<p class=\"custom\">Team dashboard: {{ incidents | length }} incidents</p>\n"
    site, result = build_project([demo_data()], extra_config="", raw_files={"overrides/pm/dashboard.html": override})
    assert result.returncode == 0
    (site.parent / "mkdocs.yml").write_text((site.parent / "mkdocs.yml").read_text().replace(
        "plugins: [search, postmortems]", "plugins: [search, {postmortems: {templates_dir: overrides/pm}}]"))
    result = mkdocs_build(site.parent)
    assert result.returncode == 0, result.stderr
    assert "Team dashboard: 1 incidents" in (site / "index.html").read_text()


def test_missing_postmortems_folder_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML)
    result = mkdocs_build(tmp_path)
    assert result.returncode != 0
    assert "postmortems: no such folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_pm_pipeline_config_is_a_clear_error(build_project: BuildProject) -> None:
    site, result = build_project([demo_data()], raw_files={"pm-pipeline.yml": "publish_sla_hours: soon\n"})
    assert result.returncode != 0
    assert "pm-pipeline.yml" in result.stderr and "publish_sla_hours" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_now_is_a_clear_error(build_project: BuildProject) -> None:
    site, result = build_project([demo_data()], extra_config="", raw_files={})
    (site.parent / "mkdocs.yml").write_text((site.parent / "mkdocs.yml").read_text().replace(
        "plugins: [search, postmortems]", "plugins: [search, {postmortems: {now: next tuesday}}]"))
    result = mkdocs_build(site.parent)
    assert result.returncode != 0
    assert "`next tuesday` is not an ISO 8601" in result.stderr
    assert "Traceback" not in result.stderr


def broken_links(site: Path) -> list[str]:
    """Relative links in generated pages whose target file does not exist."""
    broken, checked = [], 0
    for html_file in site.rglob("*.html"):
        content = html_file.read_text()
        if "pm-" not in content:
            continue
        for href in re.findall(r'href="([^"#:/][^"#:]*)(?:#[^"]*)?"', content):
            checked += 1
            target = (html_file.parent / href).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{html_file.relative_to(site)} -> {href}")
    assert checked > 50, "too few links checked to mean anything"
    return broken


def test_every_generated_link_resolves(build_project: BuildProject) -> None:
    site, result = build_project([demo_data(), cache_outage_data()])
    assert result.returncode == 0, result.stderr
    assert broken_links(site) == []


def test_links_resolve_without_directory_urls(build_project: BuildProject) -> None:
    site, result = build_project([demo_data(), cache_outage_data()], extra_config="use_directory_urls: false\n")
    assert result.returncode == 0, result.stderr
    assert (site / "postmortems/PM-2025-02-09-api-degradation.html").is_file()
    assert broken_links(site) == []


def test_malformed_snapshot_warns_and_falls_back_to_yaml(build_project: BuildProject) -> None:
    site, result = build_project([demo_data()], strict=False, raw_files={
        "pm-status.json": "{not json", "pm-pipeline.yml": "site:\n  snapshot: pm-status.json\n"})
    assert result.returncode == 0, result.stderr
    assert re.search(r"WARNING .*pm-status\.json: not a sync snapshot", result.stderr), result.stderr
    assert "from the post-mortem YAML files" in (site / "index.html").read_text()


def test_duplicate_ids_fail_strict_and_publish_one_page(build_project: BuildProject) -> None:
    twin = demo_data()
    twin["title"] = "Same id, another file"
    site, result = build_project([demo_data()], strict=False, raw_files={
        "postmortems/2025-02-09-api-degradation-copy.yaml": yaml.safe_dump(twin)})
    assert result.returncode == 0, result.stderr
    assert "PM009" in result.stderr
    assert len(list((site / "postmortems").glob("PM-*/index.html"))) == 1


def test_configured_snapshot_not_written_yet_is_not_a_warning(build_project: BuildProject) -> None:
    site, result = build_project([demo_data()], raw_files={"pm-pipeline.yml": "site:\n  snapshot: pm-status.json\n"})
    assert result.returncode == 0, result.stderr
    assert "from the post-mortem YAML files" in (site / "index.html").read_text()


def test_emoji_in_a_title_reaches_the_page_title_and_the_search_index(build_project: BuildProject) -> None:
    data = demo_data()
    data["title"] = "Pager storm \U0001F692 on the public API"
    site, result = build_project([data], strict=False)
    assert result.returncode == 0, result.stderr
    html = (site / DEMO_PAGE).read_text(encoding="utf-8")
    assert "<title>Pager storm \U0001F692 on the public API" in html
    docs = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    assert any("\U0001F692" in d["title"] for d in docs)
