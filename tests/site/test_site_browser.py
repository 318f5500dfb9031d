"""The built site in Debian's Chromium, served from 127.0.0.1; nothing may be fetched from elsewhere."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from site_helpers import REPO, TIMELINE_WORD, cache_outage_data, demo_data, mkdocs_build, write_project

pytestmark = pytest.mark.browser
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
OUTAGE = "postmortems/PM-2025-03-01-cache-outage/"
DEMO = "postmortems/PM-2025-02-09-api-degradation/"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = write_project(tmp_path_factory.mktemp("browser") / "project", [demo_data(), cache_outage_data()])
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    handler = functools.partial(_QuietHandler, directory=str(root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()
    playwright.stop()


def guard(context: Any) -> list[str]:
    """Route every request of the context: anything not for 127.0.0.1 is aborted and recorded."""
    foreign: list[str] = []

    def local(url: str) -> bool:
        return url.startswith(("data:", "blob:", "about:")) or urlsplit(url).hostname == "127.0.0.1"

    def route(route: Any) -> None:
        if local(route.request.url):
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    context.on("request", lambda request: None if local(request.url) or request.url in foreign
               else foreign.append(request.url))
    return foreign


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A page that fails its test if any request leaves 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    foreign = guard(context)
    page = context.new_page()
    yield page
    context.close()
    assert foreign == [], f"requests left 127.0.0.1: {foreign}"


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
    assert page.locator("#chart-incidents svg rect").count() == 2
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "dashboard.png"), full_page=True)


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
    timeline = page.locator(".pm-timeline tbody tr")
    assert timeline.count() == 5
    assert "2025-03-01 08:10:00" in timeline.nth(2).inner_text()
    assert TIMELINE_WORD in timeline.nth(2).inner_text()
    states = [s.strip() for s in page.locator(".pm-actions .pm-state").all_inner_texts()]
    assert states == ["Not doing", "Done", "Overdue"]
    page.goto(site_url + DEMO)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "postmortem.png"), full_page=True)


def test_search_finds_a_postmortem_by_a_timeline_word(page: Any, site_url: str) -> None:
    page.goto(site_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(TIMELINE_WORD, delay=20)
    result = page.locator(".md-search-result__item", has_text="Checkout latency from cache node loss").first
    result.wait_for(timeout=15_000)
    assert OUTAGE in str(result.locator("a").first.get_attribute("href"))


def test_no_request_leaves_localhost_on_any_page(page: Any, site_url: str) -> None:
    for path in ("", "postmortems/", "indexes/services/", "indexes/severities/", "indexes/owners/",
                 "indexes/factors/", DEMO, OUTAGE):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.is_visible()
