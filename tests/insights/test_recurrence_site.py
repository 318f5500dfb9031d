"""The recurrence insight on the site, through a real `mkdocs build --strict` of a generated history."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.insights.factories import Item, Report, random_history, report_yaml, write
from tests.site.site_helpers import MKDOCS_YML, mkdocs_build

T0 = datetime(2025, 2, 9, 14, 0, tzinfo=UTC)
NOW = datetime(2025, 9, 1, tzinfo=UTC)
FIRST = Report("api-degradation", T0, ("orders-db", "public-api"), ("capacity", "testing"), (Item("AI-004", "done"),))
SECOND = Report(
    "orders-timeouts", T0 + timedelta(days=40), ("orders-db",), ("capacity", "deploy"), (Item("AI-001", "done"),)
)
THIRD = Report("orders-again", T0 + timedelta(days=90), ("orders-db",), ("capacity", "deploy"), (Item("AI-001"),))


def build(root: Path, *reports: Report, titles: dict[str, str] | None = None, config: str = "") -> Path:
    write(root / "postmortems", *reports)
    for report in reports:
        if titles and report.id in titles:
            path = root / "postmortems" / report.file_name
            text = report_yaml(report).replace('title: "Errors on', f'title: "{titles[report.id]} Errors on', 1)
            path.write_text(text, encoding="utf-8")
    (root / "docs").mkdir(exist_ok=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    if config:
        (root / "pm-pipeline.yml").write_text(config, encoding="utf-8")
    result = mkdocs_build(root, now=NOW)
    assert result.returncode == 0, result.stderr
    return root / "site"


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def text_of(markup: str) -> str:
    body = markup[markup.index("<h1") :] if "<h1" in markup else markup
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", body)))


def test_both_post_mortem_pages_show_the_recurrence(tmp_path: Path) -> None:
    site = build(tmp_path, FIRST, SECOND, THIRD)
    later = page(site, f"postmortems/{SECOND.id}")
    assert 'id="recurring"' in later
    words = text_of(later)
    assert "This incident repeats earlier ones whose fixes were closed: did the fix hold?" in words
    assert "Errors on orders-db (2025-02-09, 40 days earlier): a capacity factor on orders-db; AI-004 done." in words
    assert f'href="../../postmortems/{FIRST.id}/#item-ai-004"' in later
    earlier = text_of(page(site, f"postmortems/{FIRST.id}"))
    assert "Repeated later, after this report's items were closed" in earlier
    assert "(2025-03-21, 40 days later): a capacity factor on orders-db, after AI-004." in earlier
    assert "(2025-05-10, 90 days later)" in earlier
    # THIRD repeats both; SECOND's item is done, so THIRD repeats SECOND too, on two categories
    third = text_of(page(site, f"postmortems/{THIRD.id}"))
    assert "(2025-03-21, 50 days earlier): capacity and deploy factors on orders-db; AI-001 done." in third
    assert "(2025-02-09, 90 days earlier): a capacity factor on orders-db; AI-004 done." in third
    assert "(2025-05-10, 50 days later): capacity and deploy factors on orders-db, after AI-001." in text_of(
        page(site, f"postmortems/{SECOND.id}")
    )


def test_a_report_that_repeats_nothing_has_no_recurring_section(tmp_path: Path) -> None:
    other = Report("search-lag", T0 + timedelta(days=5), ("search",), ("deploy", "testing"), (Item("AI-001", "done"),))
    site = build(tmp_path, FIRST, other)
    assert 'id="recurring"' not in page(site, f"postmortems/{other.id}")
    assert "No incident repeats an earlier one" in text_of(page(site, "indexes/recurrence"))


def test_the_recurrence_page_lists_topics_with_the_closed_items_between(tmp_path: Path) -> None:
    site = build(tmp_path, FIRST, SECOND, THIRD)
    markup = page(site, "indexes/recurrence")
    words = text_of(markup)
    assert "orders-db · capacity" in words
    chain = words[words.index("orders-db · capacity", words.index("Days")) :]
    assert chain.index("2025-02-09") < chain.index("2025-03-21") < chain.index("2025-05-10")
    assert f"Closed before it: {FIRST.id} AI-004 done" in chain
    assert f"{SECOND.id} AI-001 done" in chain
    assert 'href="indexes/recurrence/"' in page(site, "")


def test_user_text_is_escaped_in_the_recurring_section(tmp_path: Path) -> None:
    site = build(tmp_path, FIRST, SECOND, titles={FIRST.id: "<script>alert(1)</script>"})
    later = page(site, f"postmortems/{SECOND.id}")
    assert "<script>alert(1)" not in later and "&lt;script&gt;alert(1)&lt;/script&gt;" in later


def test_match_by_category_from_the_config_reaches_the_site(tmp_path: Path) -> None:
    other = Report("checkout-down", T0 + timedelta(days=10), ("checkout",), ("capacity", "config"), (Item("AI-001"),))
    site = build(tmp_path, FIRST, other, config="recurrence: {match: category}\n")
    words = text_of(page(site, "indexes/recurrence"))
    assert "any service · capacity" in words and "Matching: a factor category" in words


def test_a_generated_history_builds_with_topics(tmp_path: Path) -> None:
    site = build(tmp_path, *random_history(80, 11))
    words = text_of(page(site, "indexes/recurrence"))
    assert words.count("Closed before it:") > 5
