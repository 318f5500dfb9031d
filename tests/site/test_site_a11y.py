"""Every page of the repository's own site in Chromium: no horizontal overflow at 360, 390 and 1440 px
(and no table that scrolls sideways on the site's own pages), no axe-core WCAG 2.2 AA violation in light
and dark mode at desktop and phone width, screenshots for review; and a hostile file name that runs nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.core.helpers import DEMO_NOW
from tests.site.axe import axe_script, violations
from tests.site.browser import SCREENSHOTS, browser, guard, serve  # noqa: F401
from tests.site.site_helpers import REPO, demo_data, mkdocs_build, write_project

pytestmark = pytest.mark.browser
SMALL_PHONE, PHONE = {"width": 360, "height": 740}, {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
PM_PAGE = "postmortems/PM-2025-02-09-api-degradation/"


@pytest.fixture(scope="module")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    site = tmp_path_factory.mktemp("a11y") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PM_PIPELINE_NOW": DEMO_NOW}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO / "mkdocs.yml"),
                             "-d", str(site)], cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    pages = sorted(str(p.parent.relative_to(site)) + "/" for p in site.rglob("index.html"))
    pages = ["" if p == "./" else p for p in pages]
    with serve(site) as url:
        yield url, pages


def overflow(page: Any) -> int:
    """How many CSS pixels the page is wider than the viewport (0 when it fits)."""
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


SIDEWAYS = """() => [...document.querySelectorAll('.md-content *')]
  .filter(e => e.clientWidth > 1 && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible'
          && !e.closest('pre, details:not([open])'))
  .map(e => `${e.tagName.toLowerCase()}.${e.className} (${e.scrollWidth} px in ${e.clientWidth} px)`)"""


def scrolling_boxes(page: Any) -> list[str]:
    """Visible boxes in the page's content that scroll sideways (code blocks aside): tables that did not fit."""
    return list(page.evaluate(SIDEWAYS))


def set_scheme(page: Any, scheme: str) -> None:
    page.evaluate("s => { for (const el of document.querySelectorAll('[data-md-color-scheme]'))"
                  " el.setAttribute('data-md-color-scheme', s); }", scheme)
    page.wait_for_timeout(50)


def open_page(browser: Any, viewport: dict[str, int]) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport=viewport, reduced_motion="reduce")
    foreign = guard(context)
    return context, context.new_page(), foreign


def test_no_page_is_wider_than_a_phone_or_a_desktop(browser: Any, bundled_site: tuple[str, list[str]]) -> None:
    url, pages = bundled_site
    assert len(pages) > 30
    wide: list[str] = []
    for viewport in (SMALL_PHONE, PHONE, DESKTOP):
        context, page, foreign = open_page(browser, viewport)
        for path in pages:
            page.goto(url + path)
            if (extra := overflow(page)) > 0:
                wide.append(f"{path} at {viewport['width']} px: {extra} px too wide")
            if not path.startswith("guide/"):  # the guide's Markdown tables may scroll; the site's own may not
                wide += [f"{path} at {viewport['width']} px: {box}" for box in scrolling_boxes(page)]
        context.close()
        assert foreign == []
    assert wide == []


def test_tables_are_cards_and_charts_one_column_on_a_phone(browser: Any, bundled_site: tuple[str, list[str]]) -> None:
    url, _ = bundled_site
    context, page, foreign = open_page(browser, SMALL_PHONE)
    page.goto(url)
    charts = page.locator(".pm-chart").evaluate_all("els => els.map(e => e.getBoundingClientRect().left)")
    assert len(set(charts)) == 1 and len(charts) == 4
    row = page.locator("#overdue-list tbody tr").first
    assert row.evaluate("r => getComputedStyle(r).display") == "flex"
    assert page.locator("#overdue-list thead").evaluate("h => h.getBoundingClientRect().height") <= 1
    item, state = row.locator("td.pm-cell-key").bounding_box(), row.locator("td.pm-cell-state").bounding_box()
    action = row.locator("td.pm-cell-main").bounding_box()
    assert abs(item["y"] - state["y"]) < 8 < action["y"] - item["y"]  # id and status on one line, the action below
    page.goto(url + PM_PAGE)
    entry = page.locator(".pm-timeline > li").first
    assert entry.evaluate("li => getComputedStyle(li).display") == "list-item"
    context.close()
    assert foreign == []


def test_dashboard_cards_fill_even_rows_on_a_desktop(browser: Any, bundled_site: tuple[str, list[str]]) -> None:
    url, _ = bundled_site
    context, page, foreign = open_page(browser, DESKTOP)
    page.goto(url)
    tops = page.locator(".pm-cards > .pm-card").evaluate_all(
        "els => els.map(e => Math.round(e.getBoundingClientRect().top))")
    rows = sorted(Counter(tops).values())
    assert len(tops) == 8 and rows == [4, 4]  # not 6 + 2
    context.close()
    assert foreign == []


SHARDS = 4  # axe takes 1-2 s a page: four shards let pytest-xdist spread them


@pytest.mark.parametrize("width", sorted(VIEWPORTS))
@pytest.mark.parametrize("shard", range(SHARDS))
def test_axe_finds_no_violation_on_any_page_light_and_dark(browser: Any, bundled_site: tuple[str, list[str]],
                                                           shard: int, width: str) -> None:
    url, pages = bundled_site
    script = axe_script()
    found: list[str] = []
    context, page, foreign = open_page(browser, VIEWPORTS[width])
    for path in pages[shard::SHARDS]:
        page.goto(url + path)
        for scheme in ("default", "slate"):
            set_scheme(page, scheme)
            found += [f"{path or '/'} [{scheme}] {v}" for v in violations(page, script)]
    context.close()
    assert foreign == []
    assert found == [], f"{len(found)} violations:\n" + "\n".join(found[:60])


@pytest.mark.parametrize(("name", "path"), [("dashboard", ""), ("postmortem", PM_PAGE)])
def test_screenshots_for_review(browser: Any, bundled_site: tuple[str, list[str]], name: str, path: str) -> None:
    url, _ = bundled_site
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        context, page, foreign = open_page(browser, viewport)
        page.goto(url + path)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)
        context.close()
        assert foreign == []
    assert (SCREENSHOTS / f"{name}-phone.png").stat().st_size > 10_000


HOSTILE = 'c"onfocus="window.__pwned=12"autofocus="".yaml'


def test_a_file_name_with_quotes_runs_nothing_through_the_edit_button(browser: Any, tmp_path: Path) -> None:
    root = write_project(tmp_path / "project", [], "", {f"postmortems/{HOSTILE}": (
        REPO / "postmortems" / "2025-02-09-api-degradation.yaml").read_text()})
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text().replace(
        "features: [search.highlight]", "features: [search.highlight, content.action.edit]").replace(
        "plugins: [search, postmortems]",
        "plugins: [search, {postmortems: {edit_url: 'https://github.com/example/app/edit/main/'}}]"))
    result = mkdocs_build(root, strict=False)
    assert result.returncode == 0, result.stderr
    html = (root / "site" / PM_PAGE / "index.html").read_text()
    assert 'c%22onfocus%3D%22window.__pwned%3D12%22autofocus%3D%22%22.yaml' in html
    assert 'onfocus="window' not in html
    with serve(root / "site") as url:
        context, page, foreign = open_page(browser, DESKTOP)
        page.goto(url + PM_PAGE)
        page.locator("a.md-content__button").first.focus()
        page.wait_for_timeout(200)
        pwned = page.evaluate("window.__pwned")
        context.close()
    assert pwned is None
    assert foreign == []
    assert demo_data()["id"] == "PM-2025-02-09-api-degradation"
