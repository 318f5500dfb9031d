"""Repository settings as frozen values (pm-pipeline.yml's sections), with their defaults.

No I/O: `config` is the edge that reads the file. Rules see only their own options and the
shared `process` policy, never another section.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pm_pipeline.process import ProcessPolicy


@dataclass(frozen=True)
class SyncSettings:
    site_url: str | None = None
    branch: str = "main"
    label: str = "post-mortem"
    priority_label_prefix: str = "priority/"
    removed_label: str = "action-item-removed"
    max_writes: int = 50
    snapshot: str = "pm-status.json"


@dataclass(frozen=True)
class OverdueSettings:
    due_soon_days: int = 3
    tiers: tuple[int, ...] = (0, 7, 14)
    exempt_labels: tuple[str, ...] = ("blocked", "on-hold")
    overdue_label: str = "overdue"
    due_soon_label: str = "due-soon"
    digest_title: str = "Post-mortem action items: weekly review"
    draft_escalation_days: float = 7


@dataclass(frozen=True)
class SiteSettings:
    title: str = "Post-mortems"
    snapshot: str | None = None


@dataclass(frozen=True)
class RecurrenceSettings:
    """When a new incident repeats an earlier one (PM601, the post-mortem pages, the recurrence page)."""

    window_days: int = 365
    match: str = "both"  # "both" (a service and a factor category), "service" or "category"


@dataclass(frozen=True)
class HistorySettings:
    """Where `pm-pipeline history --out` writes for the site and the digest, and what the digest lists."""

    file: str = "pm-history.json"
    digest_moves: int = 2  # the digest lists open items whose deadline moved more than this many times


@dataclass(frozen=True)
class Vocabulary:
    """The values pm-pipeline.yml allows; an empty tuple allows any value."""

    severities: tuple[str, ...] = ("P1", "P2", "P3", "P4")
    factor_categories: tuple[str, ...] = ()
    services: tuple[str, ...] = ()


@dataclass(frozen=True)
class Config:
    postmortems: str = "postmortems"
    severities: tuple[str, ...] = ("P1", "P2", "P3", "P4")
    factor_categories: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    publish_sla_hours: float = 48
    deadline_days: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    rules: Mapping[str, Any] = field(default_factory=dict)
    sync: SyncSettings = SyncSettings()
    overdue: OverdueSettings = OverdueSettings()
    site: SiteSettings = SiteSettings()
    recurrence: RecurrenceSettings = RecurrenceSettings()
    history: HistorySettings = HistorySettings()
    root: Path = Path(".")

    @property
    def process(self) -> ProcessPolicy:
        """The process settings rules, the overdue job and the site share (`process`)."""
        return ProcessPolicy(
            publish_sla_hours=self.publish_sla_hours,
            draft_escalation_days=self.overdue.draft_escalation_days,
            due_soon_days=self.overdue.due_soon_days,
            deadline_days=self.deadline_days,
        )

    @property
    def vocabulary(self) -> Vocabulary:
        """The severities, factor categories and services values must come from (PM015)."""
        return Vocabulary(self.severities, self.factor_categories, self.services)

    def deadline_window(self, severity: str, priority: str) -> int:
        """Longest allowed days from the incident to a deadline of this priority."""
        return self.process.deadline_window(severity, priority)


class FrozenMap(dict[str, Any]):
    """A read-only mapping that pickles (settings travel to `check --jobs` workers)."""

    def _refuse(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("settings are read-only")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _refuse

    def __reduce__(self) -> tuple[Any, ...]:
        return FrozenMap, (dict(self),)
