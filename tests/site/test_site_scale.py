"""A 500-incident site (benchmarks/generate.py): size limits, and the table script on the long lists in Chromium."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from benchmarks.generate import generate
from tests.site.browser import browser, guard, serve  # noqa: F401
from tests.site.site_helpers import MKDOCS_YML, mkdocs_build

INCIDENTS = 500
PAGE_LIMIT = 400_000
INDEX_LIMIT = 1_500_000


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("scale")
    generate(INCIDENTS, root / "postmortems", seed=INCIDENTS)
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text(MKDOCS_YML)
    result = mkdocs_build(root, strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return root / "site"


def test_no_page_reaches_400_kb_and_the_search_index_stays_under_1_5_mb(big_site: Path) -> None:
    sizes = {str(p.relative_to(big_site)): p.stat().st_size for p in big_site.rglob("*.html")}
    assert len(sizes) > INCIDENTS
    largest = max(sizes, key=sizes.__getitem__)
    assert sizes[largest] < PAGE_LIMIT, f"{largest}: {sizes[largest]:,} bytes"
    index = big_site / "search" / "search_index.json"
    assert index.stat().st_size < INDEX_LIMIT, f"search index: {index.stat().st_size:,} bytes"


def test_generated_lists_are_not_in_the_search_index(big_site: Path) -> None:
    docs = json.loads((big_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    locations = {d["location"].split("#")[0] for d in docs}
    assert not {loc for loc in locations if loc.startswith(("indexes/", "owners/", "services/"))}
    assert "postmortems/" not in locations and "" not in locations
    assert sum(1 for loc in locations if loc.startswith("postmortems/PM-")) == INCIDENTS


def test_downloads_hold_every_row(big_site: Path) -> None:
    incidents = (big_site / "downloads" / "incidents.csv").read_text(encoding="utf-8").strip().splitlines()
    assert len(incidents) == INCIDENTS + 1
    assert incidents[1].endswith(".yaml") and ",postmortems/" in incidents[1]
    items = json.loads((big_site / "downloads" / "action-items.json").read_text(encoding="utf-8"))["action_items"]
    overdue = json.loads((big_site / "downloads" / "overdue.json").read_text(encoding="utf-8"))["action_items"]
    assert overdue == [i for i in sorted(items, key=lambda r: (-r["days_late"], r["owner"])) if i["state"] == "overdue"]


@pytest.fixture
def big_url(big_site: Path) -> Iterator[str]:
    with serve(big_site) as url:
        yield url


@pytest.mark.browser
def test_overdue_list_filters_sorts_and_pages_every_item_in_the_browser(browser: Any, big_site: Path,
                                                                        big_url: str) -> None:
    overdue = json.loads((big_site / "downloads" / "overdue.json").read_text(encoding="utf-8"))["action_items"]
    owner = overdue[0]["owner"]
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    foreign = guard(context)
    page = context.new_page()
    page.goto(big_url + "indexes/overdue/")
    status = page.locator("#overdue-list ~ .pm-pager .pm-pager__status, .pm-pager__status").first
    status.wait_for()
    page.wait_for_function("document.querySelector('.pm-pager__status').textContent.includes('"
                           f"of {len(overdue):,}')")
    assert page.locator("#overdue-list tbody tr").count() == 50
    page.get_by_label("Owner").select_option(owner)
    mine = [i for i in overdue if i["owner"] == owner]
    assert f"of {len(mine):,} (filtered from {len(overdue):,})" in status.inner_text()
    page.get_by_label("Rows per page").select_option("0")
    assert page.locator("#overdue-list tbody tr").count() == len(mine)
    page.locator("#overdue-list th button", has_text="Deadline").click()
    deadlines = page.locator("#overdue-list tbody td[data-label='Deadline']").all_inner_texts()
    assert deadlines == sorted(deadlines)
    href = page.locator("#overdue-list tbody tr a").first.get_attribute("href")
    assert href is not None and href.startswith("../../postmortems/PM-")
    page.goto(big_url + "postmortems/?severity=P1")
    page.wait_for_function("document.querySelector('.pm-pager__status') &&"
                           " document.querySelector('.pm-pager__status').textContent.includes('filtered')")
    severities = set(page.locator("#incident-list tbody tr").evaluate_all("rows => rows.map(r => r.dataset.severity)"))
    assert severities == {"P1"}
    page.goto(big_url + "indexes/factors/")
    more = page.locator(".pm-more a").first
    factor = str(more.get_attribute("href")).split("?factor=")[1]
    more.click()
    page.wait_for_function("document.querySelector('.pm-pager__status') &&"
                           " document.querySelector('.pm-pager__status').textContent.includes('filtered')")
    page.get_by_label("Rows per page").select_option("0")
    factors = page.locator("#incident-list tbody tr").evaluate_all("rows => rows.map(r => r.dataset.factor)")
    assert len(factors) > 25 and all(factor in f.split("|") for f in factors)
    context.close()
    assert foreign == []


def test_cards_have_thousands_separators_and_the_burn_down_note_agrees(big_site: Path) -> None:
    items = json.loads((big_site / "downloads" / "action-items.json").read_text(encoding="utf-8"))["action_items"]
    open_items = sum(1 for i in items if i["state"] in ("open", "due-soon", "overdue"))
    overdue = sum(1 for i in items if i["state"] == "overdue")
    assert overdue >= 1_000  # so the separator shows
    html = (big_site / "index.html").read_text(encoding="utf-8")
    assert f'data-metric="open"><span class="pm-card__value">{open_items:,}<' in html
    assert f'href="indexes/overdue/" data-metric="overdue"><span class="pm-card__value">{overdue:,}<' in html
    assert f"Now: {open_items:,} open, {overdue:,} overdue." in html


@pytest.mark.browser
def test_without_javascript_the_long_lists_show_their_first_rows_and_the_csv(browser: Any, big_site: Path,
                                                                           big_url: str) -> None:
    overdue = json.loads((big_site / "downloads" / "overdue.json").read_text(encoding="utf-8"))["action_items"]
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    foreign = guard(context)
    page = context.new_page()
    page.goto(big_url + "indexes/overdue/")
    assert page.locator("#overdue-list tbody tr").count() == 100
    note = page.locator("#overdue-list-partial")
    assert f"Showing the first 100 of {len(overdue):,} overdue items" in note.inner_text()
    assert note.locator("a").get_attribute("href") == "../../downloads/overdue.csv"
    assert page.locator(".pm-tools").count() == 0
    first = page.locator("#overdue-list tbody tr").first
    assert first.get_attribute("data-item") == overdue[0]["key"]
    context.close()
    assert foreign == []
