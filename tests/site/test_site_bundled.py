"""The repository's own site (mkdocs.yml + the bundled post-mortems) in Chromium, at the demo clock.

The expected numbers come from reading the YAML here, not from the site's code.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import pytest
import yaml

from tests.core.helpers import DEMO_NOW
from tests.site.browser import browser, page, screenshot, search, serve  # noqa: F401
from tests.site.site_helpers import REPO

pytestmark = pytest.mark.browser
TODAY = datetime.fromisoformat(DEMO_NOW.replace("Z", "+00:00")).date()


def bundled() -> list[dict[str, Any]]:
    return [yaml.safe_load(path.read_text()) for path in sorted((REPO / "postmortems").glob("*.yaml"))]


def expected_state(item: dict[str, Any]) -> str:
    if item["status"] != "open":
        return item["status"]
    deadline = item["deadline"] if isinstance(item["deadline"], date) else date.fromisoformat(item["deadline"])
    days = (deadline - TODAY).days
    return "overdue" if days < 0 else "due-soon" if days <= 3 else "open"


def expected_items() -> dict[str, str]:
    return {f"{pm['id']}/{item['id']}": expected_state(item) for pm in bundled() for item in pm["action_items"]}


@pytest.fixture(scope="module")
def bundled_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("bundled") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PM_PIPELINE_NOW": DEMO_NOW}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO / "mkdocs.yml"),
                             "-d", str(site)], cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    with serve(site) as url:
        yield url


def card(page: Any, name: str) -> int:
    return int(page.locator(f'[data-metric="{name}"] .pm-card__value').inner_text())


def test_dashboard_totals_are_what_the_yaml_says(page: Any, bundled_url: str) -> None:
    states = Counter(expected_items().values())
    page.goto(bundled_url)
    assert card(page, "incidents") == len(bundled())
    assert card(page, "open") == states["open"] + states["due-soon"] + states["overdue"]
    assert card(page, "overdue") == states["overdue"]
    assert card(page, "due-soon") == states["due-soon"]
    assert card(page, "done") == states["done"]
    assert card(page, "not-doing") == states["not-doing"]
    assert page.locator(".pm-chart svg.pm-chart__svg").count() == 4
    note = page.locator("#chart-burndown .pm-chart__note").inner_text()
    assert note == f"Now: {card(page, 'open')} open, {card(page, 'overdue')} overdue."  # at the demo clock
    screenshot(page, "dashboard.png")
    page.locator('a[data-metric="overdue"]').click()
    page.wait_for_url("**/indexes/overdue/")


def test_every_overdue_item_is_listed_with_its_owner(page: Any, bundled_url: str) -> None:
    overdue = {key for key, state in expected_items().items() if state == "overdue"}
    owners = {f"{pm['id']}/{item['id']}": "@" + item["owner"].lstrip("@") for pm in bundled() for item in pm["action_items"]}
    page.goto(bundled_url + "indexes/overdue/")
    rows = page.locator("#overdue-list tbody tr")
    listed = {str(rows.nth(i).get_attribute("data-item")): rows.nth(i).inner_text() for i in range(rows.count())}
    assert set(listed) == overdue
    for key, text in listed.items():
        assert owners[key] in text
    page.goto(bundled_url)
    shown = page.locator("#overdue-list tbody tr")
    assert shown.count() == min(len(overdue), 15)


def test_a_postmortem_page_shows_its_timeline_and_action_items(page: Any, bundled_url: str) -> None:
    pm = max(bundled(), key=lambda data: len(data["timeline"]))
    page.goto(bundled_url + f"postmortems/{pm['id']}/")
    assert page.locator("h1").first.inner_text() == pm["title"]
    assert page.locator(".pm-timeline > li").count() == len(pm["timeline"])
    assert page.locator(".pm-actions tbody tr").count() == len(pm["action_items"])
    badges = page.locator(".pm-actions .pm-state").all_inner_texts()
    expected = [expected_state(item).replace("-", " ").capitalize() for item in pm["action_items"]]
    assert [b.strip() for b in badges] == expected
    screenshot(page, "postmortem.png")


def rare_timeline_word() -> tuple[str, str]:
    """A word in one post-mortem's timeline that no other post-mortem uses, and that post-mortem's title."""
    texts = {pm["title"]: yaml.safe_dump(pm).lower() for pm in bundled()}
    for pm in bundled():
        for event in pm["timeline"]:
            for word in sorted(set(re.findall(r"[a-z]{7,}", event["event"].lower()))):
                if sum(word in text for text in texts.values()) == 1:
                    return word, pm["title"]
    raise AssertionError("no timeline word is unique to one post-mortem")


def test_search_finds_a_postmortem_by_a_timeline_word(page: Any, bundled_url: str) -> None:
    word, title = rare_timeline_word()
    page.goto(bundled_url)
    search(page, word)
    page.locator(".md-search-result__item", has_text=title).first.wait_for(timeout=15_000)


def test_no_request_leaves_localhost(page: Any, bundled_url: str) -> None:
    page.goto(bundled_url)
    hrefs = page.locator(".md-content a[href]").evaluate_all("els => els.map(e => e.href.split('#')[0])")
    pages = sorted({str(href) for href in hrefs if str(href).startswith(bundled_url)})
    assert len(pages) > 5, pages
    for url in pages:
        page.goto(url)
        page.wait_for_load_state("networkidle")
    search(page, "incident")
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)


def test_nav_does_not_list_postmortems(page: Any, bundled_url: str) -> None:
    page.goto(bundled_url)
    nav = page.locator("nav.md-nav--primary").first.inner_text()
    assert "Overdue action items" in nav and "By service" in nav
    assert not any(pm["title"] in nav for pm in bundled())
