"""Recurrence, pure: which earlier incidents a post-mortem repeats, on generated histories."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from pm_pipeline.loader import load_yaml
from pm_pipeline.model import build_postmortem
from pm_pipeline.recurrence import Record, describe, find_recurrences, group_by_topic, record_of, with_closed_dates
from pm_pipeline.settings import RecurrenceSettings
from tests.insights.factories import Item, Report, random_history, report_yaml

T0 = datetime(2025, 2, 9, 14, 0, tzinfo=UTC)


def record(report: Report) -> Record:
    loaded = load_yaml(report.file_name, report_yaml(report).encode())
    assert loaded.data is not None and not loaded.findings
    return record_of(build_postmortem(loaded.data, report.file_name))


def earlier(
    *items: Item, services: tuple[str, ...] = ("orders-db",), categories: tuple[str, ...] = ("capacity", "testing")
) -> Report:
    return Report("api-degradation", T0, services, categories, items)


def later(
    days: int = 40, services: tuple[str, ...] = ("orders-db",), categories: tuple[str, ...] = ("capacity",)
) -> Report:
    return Report("orders-timeouts", T0 + timedelta(days=days), services, categories, (Item("AI-001"),))


def test_closed_fix_on_shared_service_and_category_recurs_with_the_message() -> None:
    first = with_closed_dates(
        record(earlier(Item("AI-004", "done"))), {("PM-2025-02-09-api-degradation", "AI-004"): date(2025, 3, 20)}
    )
    found = find_recurrences([first, record(later())], RecurrenceSettings())
    assert [(r.later.id, r.earlier.id, r.category, r.services) for r in found] == [
        ("PM-2025-03-21-orders-timeouts", "PM-2025-02-09-api-degradation", "capacity", ("orders-db",))
    ]
    assert describe(found[0]) == (
        "PM-2025-02-09-api-degradation had a capacity factor on orders-db; "
        "AI-004 was closed on 2025-03-20; did the fix hold?"
    )


def test_an_open_item_for_the_category_means_the_fix_is_not_closed_yet() -> None:
    first = record(earlier(Item("AI-004", "done"), Item("AI-005", "open")))
    assert find_recurrences([first, record(later())], RecurrenceSettings()) == []


def test_labels_choose_the_items_for_a_category() -> None:
    # AI-005 (testing) is open, AI-004 (capacity) is done: capacity recurs, testing does not
    first = record(earlier(Item("AI-004", "done", ("capacity",)), Item("AI-005", "open", ("testing",))))
    found = find_recurrences([first, record(later(categories=("capacity", "testing")))], RecurrenceSettings())
    assert [(r.category, [i.id for i in r.closed]) for r in found] == [("capacity", ["AI-004"])]


def test_not_doing_counts_as_closed_and_says_so() -> None:
    first = record(earlier(Item("AI-004", "not-doing")))
    (found,) = find_recurrences([first, record(later())], RecurrenceSettings())
    assert "AI-004 was closed as not doing" in describe(found)


def test_a_report_without_action_items_closed_nothing() -> None:
    assert find_recurrences([record(earlier()), record(later())], RecurrenceSettings()) == []


@pytest.mark.parametrize(
    ("days", "window", "recurs"), [(40, 365, True), (400, 365, False), (400, 500, True), (40, 30, False)]
)
def test_the_window_bounds_how_far_back(days: int, window: int, recurs: bool) -> None:
    first = record(earlier(Item("AI-004", "done")))
    found = find_recurrences([first, record(later(days))], RecurrenceSettings(window_days=window))
    assert bool(found) is recurs


def test_matching_by_service_or_by_category_alone() -> None:
    first = record(earlier(Item("AI-004", "done")))
    other_service = record(later(services=("checkout",)))
    other_category = record(later(categories=("deploy",)))
    assert find_recurrences([first, other_service], RecurrenceSettings()) == []
    assert find_recurrences([first, other_category], RecurrenceSettings()) == []
    (by_category,) = find_recurrences([first, other_service], RecurrenceSettings(match="category"))
    assert by_category.services == () and by_category.category == "capacity"
    (by_service,) = find_recurrences([first, other_category], RecurrenceSettings(match="service"))
    assert by_service.category is None and describe(by_service).startswith(
        "PM-2025-02-09-api-degradation had an incident on orders-db; AI-004 is done"
    )


def test_a_later_incident_is_never_the_earlier_one() -> None:
    first = record(earlier(Item("AI-004", "done")))
    second = record(
        Report("orders-timeouts", T0 - timedelta(days=5), ("orders-db",), ("capacity",), (Item("AI-001", "done"),))
    )
    found = find_recurrences([first, second], RecurrenceSettings())
    assert [(r.later.id, r.earlier.id) for r in found] == [
        ("PM-2025-02-09-api-degradation", "PM-2025-02-04-orders-timeouts")
    ]


def _brute_force(records: list[Record], settings: RecurrenceSettings) -> set[tuple[str, str, str]]:
    """The definition, written the slow and obvious way."""
    found = set()
    for new in records:
        for old in records:
            gap = new.started_at - old.started_at
            if (old.started_at, old.id) >= (new.started_at, new.id) or gap > timedelta(days=settings.window_days):
                continue
            shared_services = set(new.services) & set(old.services)
            if settings.match != "category" and not shared_services:
                continue
            if settings.match == "service":
                if old.items and all(i.status in ("done", "not-doing") for i in old.items):
                    found.add((new.id, old.id, ""))
                continue
            any_labelled = any(set(i.labels) & set(old.categories) for i in old.items)
            for category in set(new.categories) & set(old.categories):
                items = [i for i in old.items if category in i.labels] if any_labelled else list(old.items)
                if items and all(i.status in ("done", "not-doing") for i in items):
                    found.add((new.id, old.id, category))
    return found


@pytest.mark.parametrize("match", ["both", "service", "category"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_histories_agree_with_the_definition(match: str, seed: int) -> None:
    records = [record(report) for report in random_history(60, seed)]
    settings = RecurrenceSettings(window_days=180, match=match)
    found = find_recurrences(records, settings)
    assert {(r.later.id, r.earlier.id, r.category or "") for r in found} == _brute_force(records, settings)
    assert len(found) == len({(r.later.id, r.earlier.id, r.category) for r in found})
    assert found, "the generated history should hold some recurrences"


def test_topics_group_services_and_categories_with_more_than_one_incident() -> None:
    records = [record(report) for report in random_history(60, 1)]
    groups = group_by_topic(find_recurrences(records, RecurrenceSettings()))
    sizes = [len(value) for value in groups.values()]
    assert sizes == sorted(sizes, reverse=True)
    for (service, category), recurrences in groups.items():
        assert all(service in r.services and r.category == category for r in recurrences)
