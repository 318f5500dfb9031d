from __future__ import annotations

import copy
import re
from dataclasses import replace
from typing import Any

import pytest

from pm_pipeline.model import Evidence, PostMortem
from pm_pipeline.site.render import Page, SiteInput, SiteOptions, relative_url, render_site, safe_link, url_of
from pm_pipeline.site.status import IssueStatus, Snapshot, StatusSource, track
from tests.site.site_helpers import NOW, cache_outage_data, demo_data, model

SCRIPT = "<script>alert('x')</script>"
IMG = '<img src=x onerror="alert(1)">'


def render(postmortems: list[PostMortem], snapshot: Snapshot | None = None, **options: Any) -> dict[str, Page]:
    site = SiteInput(postmortems, track(postmortems, snapshot, NOW), StatusSource("yaml"), NOW,
                     {p.id: f"postmortems/{p.id}.yaml" for p in postmortems})
    return {page.path: page for page in render_site(site, SiteOptions(**options))}


def poison(value: Any) -> Any:
    """Every free-text string in the data gets a script and an onerror image appended."""
    if isinstance(value, dict):
        return {k: v if k in SAFE_KEYS else poison(v) for k, v in value.items()}
    if isinstance(value, list):
        return [poison(v) for v in value]
    return f"{value} {SCRIPT} {IMG}" if isinstance(value, str) else value


SAFE_KEYS = {"id", "severity", "status", "authors", "reviewers", "reviewed_on", "published_at", "started_at",
             "detected_at", "mitigated_at", "resolved_at", "services", "at", "kind", "category", "owner",
             "deadline", "priority", "type", "sponsor", "date", "link"}


def test_script_and_onerror_in_any_field_render_as_text() -> None:
    pages = render([model(poison(demo_data()))])
    for page in pages.values():
        assert "<script" not in page.html, page.path
        assert "<img" not in page.html, page.path
    body = pages["postmortems/PM-2025-02-09-api-degradation.md"].html
    # title, summary, a timeline event, a factor, an action, a lesson: all visible as text
    assert body.count("&lt;script&gt;") >= 20
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in body


def test_title_is_escaped_in_front_matter_for_the_theme() -> None:
    data = demo_data()
    data["title"] = "</title><script>alert(1)</script>"
    page = render([model(data)])["postmortems/PM-2025-02-09-api-degradation.md"]
    front = page.front_matter.split("---")[1]
    assert "<" not in front and "&lt;/title&gt;" in front


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "//evil.test/x",
                                 "ftp://host/file", "https://ok.test/a b", " javascript:alert(1)"])
def test_only_http_links_are_linked(url: str) -> None:
    assert safe_link(url) is None
    pm = model(demo_data())
    pm = replace(pm, evidence=(Evidence("logs", "bad link", url),))
    body = render([pm])["postmortems/PM-2025-02-09-api-degradation.md"].html
    assert not re.search(r'href="\s*(?i:javascript|data|ftp)', body)
    assert "bad link" in body


def test_evidence_https_link_is_linked() -> None:
    body = render([model(demo_data())])["postmortems/PM-2025-02-09-api-degradation.md"].html
    assert 'href="https://example.pagerduty.com/incidents/Q1ABC23"' in body


def test_issue_link_comes_from_the_snapshot_and_must_be_http() -> None:
    pm = model(demo_data())
    snapshot = Snapshot(None, {(pm.id, "AI-002"): IssueStatus(7, "https://github.com/o/r/issues/7", "open"),
                               (pm.id, "AI-003"): IssueStatus(8, "javascript:alert(1)", "open")})
    pages = render([pm], snapshot)
    for page in (pages["index.md"], pages["postmortems/PM-2025-02-09-api-degradation.md"]):
        assert 'href="https://github.com/o/r/issues/7">#7</a>' in page.html
        assert "javascript:" not in page.html


def test_pages_are_dashboard_indexes_and_one_per_postmortem() -> None:
    pages = render([model(demo_data()), model(cache_outage_data())])
    assert sorted(p for p in pages if not p.startswith(("owners/", "services/"))) == [
        "index.md", "indexes/factors.md", "indexes/metrics.md", "indexes/overdue.md", "indexes/owners.md",
        "indexes/recurrence.md", "indexes/services.md",
        "indexes/severities.md", "indexes/slips.md", "postmortems/PM-2025-02-09-api-degradation.md",
        "postmortems/PM-2025-03-01-cache-outage.md", "postmortems/index.md"]
    assert {"owners/noor-db.md", "owners/sam-k.md", "services/redis-cache.md", "services/public-api.md"} <= set(pages)
    assert [p.path for p in pages.values() if not p.in_nav and p.path.startswith("postmortems/")] == [
        "postmortems/PM-2025-03-01-cache-outage.md", "postmortems/PM-2025-02-09-api-degradation.md"]
    assert all(not p.in_nav for p in pages.values() if p.path.startswith(("owners/", "services/")))


def metric(body: str, name: str) -> int:
    found = re.search(rf'data-metric="{name}"><span class="pm-card__value">(\d+)<', body)
    assert found, name
    return int(found.group(1))


def test_dashboard_totals_match_the_data() -> None:
    body = render([model(demo_data()), model(cache_outage_data())])["index.md"].html
    got = {name: metric(body, name) for name in ("incidents", "open", "overdue", "due-soon", "done", "not-doing")}
    assert got == {"incidents": 2, "open": 6, "overdue": 3, "due-soon": 1, "done": 2, "not-doing": 1}


def test_dashboard_overdue_list_is_sorted_by_days_late_with_owner() -> None:
    body = render([model(demo_data()), model(cache_outage_data())])["index.md"].html
    overdue = body.split('id="overdue-list"')[1].split("</table>")[0]
    rows = re.findall(r'data-item="([^"]+)"[^>]*>\s*<td class="pm-num" data-label="Days late"><span class="pm-late">(\d+)</span>', overdue)
    assert rows == [("PM-2025-02-09-api-degradation/AI-002", "11"), ("PM-2025-02-09-api-degradation/AI-003", "4"),
                    ("PM-2025-03-01-cache-outage/AI-003", "2")]
    assert "@noor-db" in overdue


def test_postmortem_page_has_every_section_and_utc_timeline() -> None:
    data = demo_data()
    data["timeline"][0]["at"] = "2025-02-09T11:05:23+01:00"
    body = render([model(data)])["postmortems/PM-2025-02-09-api-degradation.md"].html
    page = render([model(data)])["postmortems/PM-2025-02-09-api-degradation.md"]
    assert [(h.level, h.title) for h in page.toc] == [
        (2, "Summary"), (2, "Action items"), (2, "Impact"), (2, "Root cause"), (2, "Timeline"),
        (2, "Contributing factors"), (3, "Five whys"), (2, "What went well, what went wrong, where we got lucky"),
        (2, "Lessons learned"), (2, "Evidence and data gaps"), (2, "Follow-up review")]
    assert '<h2 id="timeline">Timeline<a class="headerlink" href="#timeline"' in body
    assert "2025-02-09 10:05:23" in body
    assert "SLA met" in body
    assert 'href="../../services/public-api/"' in body


def test_sla_missed_when_published_after_the_window() -> None:
    data = copy.deepcopy(demo_data())
    data["published_at"] = "2025-02-12T11:40:01Z"
    body = render([model(data)], publish_sla_hours=24)["postmortems/PM-2025-02-09-api-degradation.md"].html
    assert "SLA missed" in body


def test_edit_link_points_at_the_yaml() -> None:
    page = render([model(demo_data())], edit_url="https://github.com/o/r/edit/main/")[
        "postmortems/PM-2025-02-09-api-degradation.md"]
    assert page.edit_url == "https://github.com/o/r/edit/main/postmortems/PM-2025-02-09-api-degradation.yaml"
    assert f'href="{page.edit_url}"' in page.html


@pytest.mark.parametrize(("here", "there", "directory", "expected"), [
    ("index.md", "postmortems/PM-1.md", True, "postmortems/PM-1/"),
    ("postmortems/PM-1.md", "index.md", True, "../../"),
    ("postmortems/PM-1.md", "indexes/owners.md", True, "../../indexes/owners/"),
    ("postmortems/index.md", "postmortems/PM-1.md", True, "../postmortems/PM-1/"),
    ("postmortems/PM-1.md", "indexes/owners.md", False, "../indexes/owners.html"),
    ("index.md", "index.md", True, "./"),
])
def test_relative_urls_follow_mkdocs_layout(here: str, there: str, directory: bool, expected: str) -> None:
    assert relative_url(here, there, directory) == expected


def test_url_of_index_pages() -> None:
    assert url_of("index.md", True) == ""
    assert url_of("postmortems/index.md", True) == "postmortems/"
    assert url_of("postmortems/index.md", False) == "postmortems/index.html"


def test_no_postmortems_yet_renders_empty_pages() -> None:
    pages = render([])
    assert "No action item is overdue." in pages["index.md"].html
    assert pages["index.md"].html.count(">No data yet<") == 4


def test_two_warnings_are_not_called_failed_checks() -> None:
    from pm_pipeline.findings import Finding, Level

    pm = model(demo_data())
    warnings = [Finding("postmortems/x.yaml", 3, 1, "PM201", Level.WARNING, "vague"),
                Finding("postmortems/x.yaml", 9, 1, "PM202", Level.WARNING, "blame")]
    site = SiteInput([pm], track([pm], None, NOW), StatusSource("yaml"), NOW, problems={pm.id: warnings})
    body = {p.path: p for p in render_site(site, SiteOptions())}[f"postmortems/{pm.id}.md"].html
    assert "passes its checks with 2 warnings" in body and "fails" not in body
    site = replace(site, problems={pm.id: [*warnings, Finding("x", 1, 1, "PM010", Level.ERROR, "bad")]})
    body = {p.path: p for p in render_site(site, SiteOptions())}[f"postmortems/{pm.id}.md"].html
    assert "fails 1 check and has 2 warnings" in body


def test_each_action_item_row_has_its_own_anchor_and_lists_link_to_it() -> None:
    pages = render([model(demo_data()), model(cache_outage_data())])
    body = pages["postmortems/PM-2025-03-01-cache-outage.md"].html
    assert '<tr data-item="AI-003" id="item-ai-003">' in body
    assert 'href="../../postmortems/PM-2025-03-01-cache-outage/#item-ai-003"' in pages["indexes/overdue.md"].html


def test_draft_gets_a_banner_and_the_strip_counts_items() -> None:
    data = demo_data()
    data["status"] = "draft"
    data.pop("published_at", None)
    body = render([model(data)])["postmortems/PM-2025-02-09-api-degradation.md"].html
    assert "Draft: not final" in body
    assert re.search(r'class="pm-strip".*?<strong>\d+</strong> open', body, re.S)


def test_generated_lists_stay_out_of_search_and_postmortems_stay_in() -> None:
    pages = render([model(demo_data())])
    assert "search: {exclude: true}" in pages["indexes/overdue.md"].front_matter
    assert "search: {exclude: true}" in pages["owners/sam-k.md"].front_matter if "owners/sam-k.md" in pages else True
    assert "search" not in pages["postmortems/PM-2025-02-09-api-degradation.md"].front_matter


def test_edit_url_percent_encodes_a_hostile_file_name() -> None:
    pm = model(demo_data())
    site = SiteInput([pm], track([pm], None, NOW), StatusSource("yaml"), NOW,
                     {pm.id: 'postmortems/c"onfocus="x()"autofocus="".yaml'})
    page = {p.path: p for p in render_site(site, SiteOptions(edit_url="https://github.com/o/r/edit/main/"))}[
        f"postmortems/{pm.id}.md"]
    assert page.edit_url == "https://github.com/o/r/edit/main/postmortems/c%22onfocus%3D%22x%28%29%22autofocus%3D%22%22.yaml"


def test_metrics_page_has_medians_and_p90_per_month_and_severity_and_completion() -> None:
    pages = render([model(demo_data()), model(cache_outage_data())])
    body = pages["indexes/metrics.md"].html
    assert '<table data-pm-table data-date-label="Month">' in body
    # cache outage: detected after 4 min, resolved after 90 min; the demo after 1 min and 95 min
    assert re.search(r'<tr data-date="2025-03-01">\s*<td[^>]*>2025-03</td>\s*<td[^>]*>1</td>\s*<td[^>]*>4 min</td>', body)
    assert 'aria-label="Time to resolve per month. Latest month 2025-03' in body
    assert "Action-item completion per owner" in body  # no teams configured
    teams = render([model(demo_data())], teams={"Data": ["@jordan-oncall"]})["indexes/metrics.md"].html
    assert "Action-item completion per team" in teams and "<td class=\"pm-cell-key\" data-label=\"Team\">Data</td>" in teams


def test_issue_state_is_shown_and_a_missing_issue_is_explained() -> None:
    pm = model(demo_data())
    snapshot = Snapshot(None, {
        (pm.id, "AI-002"): IssueStatus(7, "https://github.com/o/r/issues/7", "open", drift="closed in the YAML"),
        (pm.id, "AI-003"): IssueStatus(8, "https://github.com/o/r/issues/8", "closed", "completed"),
        (pm.id, "AI-004"): IssueStatus(9, "https://github.com/o/r/issues/9", "closed", "not_planned")})
    site = SiteInput([pm], track([pm], snapshot, NOW), StatusSource("snapshot", "pm-status.json"), NOW)
    body = {p.path: p for p in render_site(site, SiteOptions())}["postmortems/PM-2025-02-09-api-degradation.md"].html
    assert re.search(r'>#7</a> <span class="pm-issue-state pm-issue-state--open">open</span>', body)
    assert re.search(r'>#8</a> <span class="pm-issue-state pm-issue-state--closed">closed</span>', body)
    assert re.search(r'>#9</a> <span class="pm-issue-state pm-issue-state--not-planned">not planned</span>', body)
    assert '<span class="pm-badge pm-drift" title="the issue and the YAML disagree">Drift: closed in the YAML</span>' \
        in body
    assert '<span class="pm-muted pm-issue-none">no issue</span>' in body  # AI-001 is not in the snapshot
    no_sync = render([pm])["postmortems/PM-2025-02-09-api-degradation.md"].html
    assert no_sync.count('<span class="pm-muted pm-issue-none">not synced yet</span>') == len(pm.action_items)


def test_the_strips_overdue_count_links_to_the_first_overdue_row() -> None:
    body = render([model(cache_outage_data())])["postmortems/PM-2025-03-01-cache-outage.md"].html
    assert re.search(r'<a href="#item-ai-003"><strong>1</strong> overdue</a>', body)


def test_owner_page_lists_open_items_apart_from_done_and_not_doing() -> None:
    outage = cache_outage_data()
    outage["action_items"][2]["owner"] = "@sam-k"
    body = render([model(outage)])["owners/sam-k.md"].html
    open_part, closed_part = body.split('id="closed-items"')
    assert re.findall(r'data-state="([^"]+)"', open_part) == ["Overdue"]
    states = re.findall(r'data-state="([^"]+)"', closed_part.split('id="incidents"')[0])
    assert sorted(states) == ["Done", "Not doing"]  # the cache outage's AI-001 and AI-002
