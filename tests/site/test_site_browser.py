"""The built site in Debian's Chromium, served from 127.0.0.1; nothing may be fetched from elsewhere.

These run on a small project whose numbers are known; test_site_bundled.py runs on the bundled data.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.site.browser import browser, guard, page, screenshot, search, serve  # noqa: F401
from tests.site.site_helpers import TIMELINE_WORD, cache_outage_data, demo_data, mkdocs_build, write_project

pytestmark = pytest.mark.browser
OUTAGE = "postmortems/PM-2025-03-01-cache-outage/"
DEMO = "postmortems/PM-2025-02-09-api-degradation/"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = write_project(tmp_path_factory.mktemp("browser") / "project", [demo_data(), cache_outage_data()])
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    with serve(root / "site") as url:
        yield url


def test_guard_catches_a_request_to_another_host(browser: Any, site_url: str) -> None:
    context = browser.new_context()
    foreign = guard(context)
    page = context.new_page()
    page.goto(site_url)
    page.evaluate("fetch('http://example.invalid/x').catch(() => null)")
    page.wait_for_timeout(300)
    context.close()
    assert set(foreign) == {"http://example.invalid/x"}


def card(page: Any, name: str) -> str:
    return str(page.locator(f'[data-metric="{name}"] .pm-card__value').inner_text()).strip()


def test_dashboard_shows_the_numbers_the_data_implies(page: Any, site_url: str) -> None:
    page.goto(site_url)
    got = {name: card(page, name) for name in ("incidents", "open", "overdue", "due-soon", "done", "not-doing")}
    assert got == {"incidents": "2", "open": "6", "overdue": "3", "due-soon": "1", "done": "2", "not-doing": "1"}
    owners = page.locator('[data-breakdown="owner"] tr[data-key="@noor-db"] [data-col="overdue"]')
    assert owners.inner_text().strip() == "1"
    assert page.locator("#chart-incidents svg.pm-chart__svg rect:has(title)").count() == 2
    screenshot(page, "known-dashboard.png")


def test_overdue_item_appears_in_the_overdue_list(page: Any, site_url: str) -> None:
    page.goto(site_url)
    row = page.locator('#overdue-list tr[data-item="PM-2025-03-01-cache-outage/AI-003"]')
    assert row.is_visible()
    text = row.inner_text()
    assert "@noor-db" in text and "2025-03-09" in text and "Alert when cache hit ratio" in text
    assert row.locator(".pm-late").inner_text().strip() == "2"
    assert page.locator("#overdue-list tbody tr").count() == 3


def test_postmortem_page_shows_timeline_and_action_items(page: Any, site_url: str) -> None:
    page.goto(site_url)
    page.locator(f'a[href$="{OUTAGE}"]').first.click()
    page.wait_for_url(f"**/{OUTAGE}")
    assert page.locator("h1").first.inner_text() == "Checkout latency from cache node loss"
    timeline = page.locator(".pm-timeline > li")
    assert timeline.count() == 5
    assert "2025-03-01 08:10:00" in timeline.nth(2).inner_text()
    assert TIMELINE_WORD in timeline.nth(2).inner_text()
    states = [s.strip() for s in page.locator(".pm-actions .pm-state").all_inner_texts()]
    assert states == ["Not doing", "Done", "Overdue"]
    screenshot(page, "known-postmortem.png")


def test_search_finds_a_postmortem_by_a_timeline_word(page: Any, site_url: str) -> None:
    page.goto(site_url)
    search(page, TIMELINE_WORD)
    result = page.locator(".md-search-result__item", has_text="Checkout latency from cache node loss").first
    result.wait_for(timeout=15_000)
    assert OUTAGE in str(result.locator("a").first.get_attribute("href"))


def test_no_request_leaves_localhost_on_any_page(page: Any, site_url: str) -> None:
    for path in ("", "postmortems/", "indexes/services/", "indexes/severities/", "indexes/owners/",
                 "indexes/factors/", "indexes/overdue/", DEMO, OUTAGE):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.is_visible()
