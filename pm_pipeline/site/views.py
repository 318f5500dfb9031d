"""The site's numbers as values: counts, breakdowns, groupings, the publishing SLA. No HTML, no I/O.

Everything here is computed once per build from the post-mortems, their tracked
action items and `now`; the renderer only formats what these functions return.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from pm_pipeline import process
from pm_pipeline.findings import Finding
from pm_pipeline.history_report import Slip
from pm_pipeline.model import PostMortem
from pm_pipeline.org import Origin
from pm_pipeline.settings import RecurrenceSettings
from pm_pipeline.site.status import ItemState, StatusSource, TrackedItem
from pm_pipeline.site.urls import DASHBOARD, DETAIL_FOLDERS, INDEXES, slug

NO_TEAM = "no team"


@dataclass(frozen=True)
class SiteOptions:
    severities: tuple[str, ...] = ("P1", "P2", "P3", "P4")
    publish_sla_hours: float = 48
    due_soon_days: int = 3
    directory_urls: bool = True
    edit_url: str | None = None
    dashboard: str = DASHBOARD
    title: str = "Post-mortems"
    # Team name -> owner handles; owners in none of them are in NO_TEAM.
    teams: Mapping[str, Sequence[str]] = field(default_factory=dict)
    recurrence: RecurrenceSettings = RecurrenceSettings()
    history_file: str = "pm-history.json"


@dataclass(frozen=True)
class SiteInput:
    postmortems: Sequence[PostMortem]
    tracked: Sequence[TrackedItem]
    source: StatusSource
    now: datetime
    yaml_paths: Mapping[str, str] = field(default_factory=dict)
    problems: Mapping[str, Sequence[Finding]] = field(default_factory=dict)
    skipped: Sequence[Finding] = ()
    slips: Sequence[Slip] | None = None
    """Action items' deadline and owner changes from the history file; None when there is none."""
    origins: Mapping[str, Origin] = field(default_factory=dict)
    """On an organisation site: the repository of each post-mortem (keyed by its prefixed id)."""


@dataclass(frozen=True)
class Counts:
    open: int = 0
    due_soon: int = 0
    overdue: int = 0
    done: int = 0
    not_doing: int = 0

    @property
    def total(self) -> int:
        return self.open + self.done + self.not_doing

    @property
    def closed(self) -> int:
        return self.done + self.not_doing

    @classmethod
    def of(cls, items: Iterable[TrackedItem]) -> Counts:
        tally = Counter(item.state for item in items)
        return cls(
            open=sum(n for s, n in tally.items() if s.is_open),
            due_soon=tally[ItemState.DUE_SOON],
            overdue=tally[ItemState.OVERDUE],
            done=tally[ItemState.DONE],
            not_doing=tally[ItemState.NOT_DOING],
        )


NO_ITEMS = Counts()


@dataclass(frozen=True)
class Row:
    """One line of a breakdown table: `target` is the source path it links to ("" for none)."""

    key: str
    target: str
    counts: Counts
    badge: str = ""
    anchor: str = ""


@dataclass(frozen=True)
class Sla:
    state: str  # met, missed, pending
    deadline: datetime


def publish_sla(pm: PostMortem, hours: float, now: datetime) -> Sla:
    publication = process.publication(pm, now, process.ProcessPolicy(publish_sla_hours=hours))
    return Sla(publication.state, publication.due_at)


def unique_slugs(keys: Iterable[str], prefix: str = "") -> dict[str, str]:
    """A distinct slug per key, in sorted order, `-2`, `-3` added where two keys slug alike."""
    used: set[str] = set()
    result: dict[str, str] = {}
    for key in sorted(set(keys)):
        base = prefix + slug(key)
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        used.add(candidate)
        result[key] = candidate
    return result


def by_days_late(items: Iterable[TrackedItem]) -> list[TrackedItem]:
    return sorted((t for t in items if t.state is ItemState.OVERDUE), key=lambda t: (-t.days_late, t.item.owner))


class SiteModel:
    """Lookups every page needs: items per post-mortem, severity order, anchors, team and page of each key."""

    def __init__(self, site: SiteInput, options: SiteOptions) -> None:
        self.site, self.options = site, options
        self.postmortems = sorted(site.postmortems, key=lambda p: p.incident.started_at, reverse=True)
        self.items_by_pm: dict[str, list[TrackedItem]] = defaultdict(list)
        for tracked in site.tracked:
            self.items_by_pm[tracked.postmortem.id].append(tracked)
        self.pm_counts = {pm_id: Counts.of(items) for pm_id, items in self.items_by_pm.items()}
        self.severities = list(options.severities) + sorted(
            {p.severity for p in self.postmortems} - set(options.severities)
        )
        self.team_of_owner = {owner: team for team, owners in options.teams.items() for owner in owners}
        keys = {
            "service": {s for p in self.postmortems for s in p.incident.services},
            "severity": set(self.severities),
            "owner": {t.item.owner for t in site.tracked},
            "factor": {f.category for p in self.postmortems for f in p.contributing_factors.factors},
        }
        self.anchors = {kind: unique_slugs(keys[kind], kind + "-") for kind in INDEXES}
        self._groups: dict[str, tuple[list[str], dict[str, list[PostMortem]]]] = {}
        self._items_by: dict[str, dict[str, list[TrackedItem]]] = {}
        self.detail_paths = {
            kind: {key: f"{folder}/{name}.md" for key, name in unique_slugs(keys[kind]).items()}
            for kind, folder in DETAIL_FOLDERS.items()
        }

    def items_of(self, pm: PostMortem) -> list[TrackedItem]:
        return self.items_by_pm.get(pm.id, [])

    def counts_of(self, pm: PostMortem) -> Counts:
        return self.pm_counts.get(pm.id, NO_ITEMS)

    def team(self, owner: str) -> str:
        return self.team_of_owner.get(owner, NO_TEAM)

    def severity_rank(self, severity: str) -> int:
        """1 for the most severe configured level, up to 6 (unknown levels share the last colour)."""
        index = self.severities.index(severity) if severity in self.severities else len(self.severities)
        return min(index + 1, 6)

    def overdue(self) -> list[TrackedItem]:
        return by_days_late(self.site.tracked)

    def breakdowns(self) -> list[tuple[str, list[Row]]]:
        """Action-item counts by priority, severity, service, team (when configured) and owner."""
        by: dict[str, dict[str, list[TrackedItem]]] = {
            k: defaultdict(list) for k in ("priority", "owner", "service", "severity", "team")
        }
        for item in self.site.tracked:
            by["priority"][item.item.priority].append(item)
            by["owner"][item.item.owner].append(item)
            by["severity"][item.postmortem.severity].append(item)
            by["team"][self.team(item.item.owner)].append(item)
            for service in item.postmortem.incident.services:
                by["service"][service].append(item)
        counts = {kind: {key: Counts.of(items) for key, items in groups.items()} for kind, groups in by.items()}

        def ordered(kind: str) -> list[str]:
            return sorted(by[kind], key=lambda k: (-counts[kind][k].overdue, -counts[kind][k].open, k))

        def linked(kind: str, keys: Iterable[str]) -> list[Row]:
            paths = self.detail_paths.get(kind, {})
            return [
                Row(
                    key,
                    paths.get(key, INDEXES[kind][0]),
                    counts[kind][key],
                    f"pm-sev pm-sev--{self.severity_rank(key)}" if kind == "severity" else "",
                    "" if key in paths else self.anchors[kind].get(key, ""),
                )
                for key in keys
            ]

        result = [
            (
                "Priority",
                [
                    Row(p, "", counts["priority"][p], f"pm-prio-badge pm-prio--{p}")
                    for p in ("high", "medium", "low")
                    if p in by["priority"]
                ],
            ),
            ("Severity", linked("severity", [s for s in self.severities if s in by["severity"]])),
            ("Service", linked("service", ordered("service"))),
        ]
        if self.options.teams:
            result.append(("Team", [Row(t, "", counts["team"][t]) for t in ordered("team")]))
        result.append(("Owner", linked("owner", ordered("owner"))))
        return result

    def durations(self) -> tuple[list[float], list[float]]:
        """Minutes to detect and to resolve, one per incident, newest first."""
        ttd = [(p.incident.detected_at - p.incident.started_at).total_seconds() / 60 for p in self.postmortems]
        ttr = [(p.incident.resolved_at - p.incident.started_at).total_seconds() / 60 for p in self.postmortems]
        return ttd, ttr

    def closed_at(self, tracked: TrackedItem) -> datetime | None:
        """Close time for the burn-down; without a snapshot a closed item counts as closed on its deadline."""
        if tracked.state.is_open:
            return None
        if tracked.closed_at is not None:
            return tracked.closed_at
        deadline = datetime.combine(tracked.item.deadline, datetime.min.time(), tzinfo=self.site.now.tzinfo)
        return max(min(deadline, self.site.now), tracked.opened_at)

    def groups(self, kind: str) -> tuple[list[str], dict[str, list[PostMortem]]]:
        """Post-mortems grouped by service, severity or factor category, biggest group first."""
        if kind not in self._groups:
            self._groups[kind] = self._group(kind)
        return self._groups[kind]

    def _group(self, kind: str) -> tuple[list[str], dict[str, list[PostMortem]]]:
        groups: dict[str, list[PostMortem]] = defaultdict(list)
        for p in self.postmortems:
            if kind == "service":
                keys: Iterable[str] = p.incident.services
            elif kind == "severity":
                keys = (p.severity,)
            else:
                keys = dict.fromkeys(f.category for f in p.contributing_factors.factors)
            for key in keys:
                groups[key].append(p)
        if kind == "severity":
            return [s for s in self.severities if s in groups], groups
        return sorted(groups, key=lambda k: (-len(groups[k]), k)), groups

    def items_by(self, kind: str) -> dict[str, list[TrackedItem]]:
        """Tracked items per owner or per service, by deadline."""
        if kind in self._items_by:
            return self._items_by[kind]
        result: dict[str, list[TrackedItem]] = defaultdict(list)
        self._items_by[kind] = result
        for t in sorted(self.site.tracked, key=lambda t: (t.item.deadline, t.postmortem.id, t.item.id)):
            for key in (t.item.owner,) if kind == "owner" else t.postmortem.incident.services:
                result[key].append(t)
        return result


def median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None
