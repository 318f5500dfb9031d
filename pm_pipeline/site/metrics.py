"""The numbers people ask for: time to detect and to resolve (median, p90) per month and per severity,
and action-item completion per team and per quarter. Pure: post-mortems and tracked items in, rows out.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from pm_pipeline.model import PostMortem
from pm_pipeline.site.status import ItemState, TrackedItem


@dataclass(frozen=True)
class Durations:
    """Minutes to detect and to resolve over a group of incidents."""

    label: str
    count: int
    detect_median: float
    detect_p90: float
    resolve_median: float
    resolve_p90: float
    first_day: date  # the group's first day, for the period filter


@dataclass(frozen=True)
class Completion:
    """Action items of a group by outcome; `rate` is done / (done + open), not-doing left out."""

    label: str
    done: int
    open: int
    not_doing: int
    overdue: int

    @property
    def total(self) -> int:
        return self.done + self.open + self.not_doing

    @property
    def rate(self) -> float | None:
        decided = self.done + self.open
        return self.done / decided if decided else None


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest rank: the p90 of ten values is the ninth smallest."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * fraction // 1))
    return ordered[int(rank) - 1]


def _durations(label: str, incidents: Sequence[PostMortem], first_day: date) -> Durations:
    detect = [(p.incident.detected_at - p.incident.started_at).total_seconds() / 60 for p in incidents]
    resolve = [(p.incident.resolved_at - p.incident.started_at).total_seconds() / 60 for p in incidents]
    return Durations(
        label,
        len(incidents),
        statistics.median(detect),
        percentile(detect, 0.9),
        statistics.median(resolve),
        percentile(resolve, 0.9),
        first_day,
    )


def durations_by_month(incidents: Iterable[PostMortem]) -> list[Durations]:
    """One row per calendar month (UTC) with incidents, oldest first."""
    months: dict[str, list[PostMortem]] = defaultdict(list)
    for p in incidents:
        months[p.incident.started_at.strftime("%Y-%m")].append(p)
    return [_durations(m, months[m], date(int(m[:4]), int(m[5:]), 1)) for m in sorted(months)]


def durations_by_severity(incidents: Iterable[PostMortem], severities: Sequence[str]) -> list[Durations]:
    groups: dict[str, list[PostMortem]] = defaultdict(list)
    for p in incidents:
        groups[p.severity].append(p)
    order = [s for s in severities if s in groups] + sorted(set(groups) - set(severities))
    return [_durations(s, groups[s], min(p.incident.started_at.date() for p in groups[s])) for s in order]


def quarter_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def completion_by(items: Iterable[TrackedItem], key: Callable[[TrackedItem], str]) -> list[Completion]:
    tallies: dict[str, dict[ItemState, int]] = defaultdict(lambda: defaultdict(int))
    for t in items:
        tallies[key(t)][t.state] += 1
    return [
        Completion(
            label,
            tally[ItemState.DONE],
            tally[ItemState.OPEN] + tally[ItemState.DUE_SOON] + tally[ItemState.OVERDUE] + tally[ItemState.EXEMPT],
            tally[ItemState.NOT_DOING],
            tally[ItemState.OVERDUE],
        )
        for label, tally in tallies.items()
    ]


def completion_by_quarter(items: Iterable[TrackedItem]) -> list[Completion]:
    """Items by the quarter their deadline falls in, oldest first."""
    return sorted(completion_by(items, lambda t: quarter_of(t.item.deadline)), key=lambda c: c.label)


def completion_by_team(items: Iterable[TrackedItem], team_of: Callable[[str], str]) -> list[Completion]:
    """Items by their owner's team, lowest completion first (teams with nothing decided last)."""
    rows = completion_by(items, lambda t: team_of(t.item.owner))
    return sorted(rows, key=lambda c: (c.rate is None, c.rate or 0.0, c.label))
