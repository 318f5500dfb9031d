"""Recurrence: a new incident repeats a service and a factor category whose fixes were closed.

Pure: records in, recurrences out. An earlier post-mortem counts when it started before the new
one, within `recurrence.window_days`, shares what `recurrence.match` asks for (a service and a
factor category, only a service, or only a category) and every one of its action items *for that
category* is done or not doing. An item is for a category when its `labels` name the category;
a post-mortem that labels none of its items with one of its categories is taken to address all
its categories with all its items. The check (PM601), the post-mortem pages and the recurrence
page all read `find_recurrences`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from pm_pipeline.model import PostMortem, parse_timestamp
from pm_pipeline.settings import RecurrenceSettings

CLOSED = ("done", "not-doing")
SHOWN_ITEMS = 3


@dataclass(frozen=True)
class ItemFacts:
    id: str
    status: str
    labels: tuple[str, ...] = ()
    closed_on: date | None = None
    """When its issue was closed (from the sync snapshot), if known."""


@dataclass(frozen=True)
class Record:
    """What recurrence needs to know of one post-mortem; small, so `check` workers can send it back."""

    id: str
    path: str
    started_at: datetime
    services: tuple[str, ...]
    categories: tuple[str, ...]
    items: tuple[ItemFacts, ...]
    positions: Mapping[str, tuple[int, int]] = field(default_factory=dict, compare=False)
    """Line and column of each category's first factor, and of `incident.services` under ``""``."""

    def items_for(self, category: str | None) -> tuple[ItemFacts, ...]:
        """The items that address `category` (None: all of them)."""
        if category is None:
            return self.items
        labelled = [item for item in self.items if set(item.labels) & set(self.categories)]
        if not labelled:
            return self.items
        return tuple(item for item in labelled if category in item.labels)


@dataclass(frozen=True)
class Recurrence:
    """`later` repeats `earlier` on `services` and `category` (None when matching by service only)."""

    later: Record
    earlier: Record
    services: tuple[str, ...]
    category: str | None
    closed: tuple[ItemFacts, ...]

    @property
    def days_between(self) -> int:
        return (self.later.started_at - self.earlier.started_at).days

    @property
    def position(self) -> tuple[int, int]:
        where = self.later.positions
        return where.get(self.category or "", where.get("", (1, 1)))


def record_of(
    pm: PostMortem,
    positions: Mapping[str, tuple[int, int]] | None = None,
    closed_on: Mapping[tuple[str, str], date] | None = None,
) -> Record:
    closed_on = closed_on or {}
    return Record(
        id=pm.id,
        path=pm.source_path,
        started_at=pm.incident.started_at,
        services=tuple(dict.fromkeys(pm.incident.services)),
        categories=tuple(dict.fromkeys(f.category for f in pm.contributing_factors.factors)),
        items=tuple(
            ItemFacts(item.id, item.status, item.labels, closed_on.get((pm.id, item.id))) for item in pm.action_items
        ),
        positions=positions or {},
    )


def record_from_data(data: Any, path: str) -> Record | None:
    """A record from the parsed sections of a file that was not checked (only read for its facts).

    Tolerant: anything unexpected gives None, and the file simply takes no part.
    """
    try:
        incident, factors = data["incident"], data["contributing_factors"]["factors"]
        items = tuple(
            ItemFacts(str(item["id"]), str(item.get("status", "open")), tuple(str(x) for x in item.get("labels") or ()))
            for item in data.get("action_items") or ()
        )
        return Record(
            id=str(data["id"]),
            path=path,
            started_at=parse_timestamp(incident["started_at"]),
            services=tuple(dict.fromkeys(str(s) for s in incident["services"])),
            categories=tuple(dict.fromkeys(str(f["category"]) for f in factors)),
            items=items,
        )
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError):
        return None


def with_closed_dates(record: Record, closed_on: Mapping[tuple[str, str], date]) -> Record:
    items = tuple(replace(item, closed_on=closed_on.get((record.id, item.id), item.closed_on)) for item in record.items)
    return replace(record, items=items)


def find_recurrences(records: Iterable[Record], settings: RecurrenceSettings) -> list[Recurrence]:
    """Every (later, earlier, category) recurrence, later incidents first, nearest earlier ones first."""
    ordered = sorted(records, key=lambda r: (r.started_at, r.id))
    by_key: dict[str, list[Record]] = defaultdict(list)
    starts: dict[str, list[datetime]] = defaultdict(list)  # by_key's start times, ascending
    window = timedelta(days=settings.window_days)
    found: list[Recurrence] = []
    for later in ordered:
        seen: set[str] = set()
        for key, _ in _keys(later, settings.match):
            first = bisect_left(starts[key], later.started_at - window)  # the earliest one inside the window
            for earlier in by_key[key][first:]:
                if earlier.id in seen or earlier.id == later.id:
                    continue
                seen.add(earlier.id)
                found += _between(later, earlier, settings.match)
        for key, category in _keys(later, settings.match):
            if _closed(later.items_for(category)):
                by_key[key].append(later)  # only a post-mortem whose fix for this key was closed can recur
                starts[key].append(later.started_at)
    found.sort(
        key=lambda r: (-r.later.started_at.timestamp(), r.later.id, -r.earlier.started_at.timestamp(), r.earlier.id)
    )
    return found


def _keys(record: Record, match: str) -> Sequence[tuple[str, str | None]]:
    """The keys an earlier report is found by, each with the category its items must have closed
    (None when matching by service: then all its items)."""
    if match == "service":
        return [(f"s:{s}", None) for s in record.services]
    return [(f"c:{c}", c) for c in record.categories]


def _between(later: Record, earlier: Record, match: str) -> list[Recurrence]:
    services = tuple(s for s in later.services if s in earlier.services)
    if match != "category" and not services:
        return []
    if match == "service":
        closed = _closed(earlier.items_for(None))
        return [Recurrence(later, earlier, services, None, closed)] if closed else []
    found = []
    for category in later.categories:
        if category not in earlier.categories:
            continue
        closed = _closed(earlier.items_for(category))
        if closed:
            found.append(Recurrence(later, earlier, services, category, closed))
    return found


def _closed(items: Sequence[ItemFacts]) -> tuple[ItemFacts, ...]:
    """The items when every one is done or not doing (the fix was closed), else nothing."""
    if not items or any(item.status not in CLOSED for item in items):
        return ()
    return tuple(items)


def describe(recurrence: Recurrence) -> str:
    """ "PM-2025-02-09 had a capacity factor on orders-db; AI-004 was closed on 2025-03-20; did the fix hold?" """
    earlier = recurrence.earlier
    what = f"a {recurrence.category} factor" if recurrence.category else "an incident"
    where = f" on {_join(recurrence.services)}" if recurrence.services else ""
    return f"{earlier.id} had {what}{where}; {item_phrases(recurrence.closed)}; did the fix hold?"


def item_phrases(items: Sequence[ItemFacts]) -> str:
    shown = [_item_phrase(item) for item in items[:SHOWN_ITEMS]]
    if len(items) > SHOWN_ITEMS:
        shown.append(f"{len(items) - SHOWN_ITEMS} more closed")
    return ", ".join(shown)


def _item_phrase(item: ItemFacts) -> str:
    if item.status == "not-doing":
        return f"{item.id} was closed as not doing" + (f" on {item.closed_on}" if item.closed_on else "")
    return f"{item.id} was closed on {item.closed_on}" if item.closed_on else f"{item.id} is done"


def _join(values: Sequence[str]) -> str:
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " and " + values[-1]


def group_by_topic(recurrences: Iterable[Recurrence]) -> dict[tuple[str, str], list[Recurrence]]:
    """(service, category or "") -> its recurrences, oldest first: the recurrence view's rows."""
    groups: dict[tuple[str, str], list[Recurrence]] = defaultdict(list)
    for recurrence in recurrences:
        for service in recurrence.services or ("",):
            groups[(service, recurrence.category or "")].append(recurrence)
    return {
        key: sorted(value, key=lambda r: (r.later.started_at, r.earlier.started_at))
        for key, value in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    }
