"""The insights on the site, as values: recurrences per post-mortem and per topic. No HTML, no I/O."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from pm_pipeline.model import PostMortem
from pm_pipeline.recurrence import ItemFacts, Recurrence, find_recurrences, group_by_topic, record_of
from pm_pipeline.settings import RecurrenceSettings
from pm_pipeline.site.status import TrackedItem

RECURRENCE = ("indexes/recurrence.md", "Recurring incidents")
TOPICS_SHOWN = 40  # topics with their chains on the page; the table lists them all
CHAIN_SHOWN = 12  # most recent incidents of a chain


@dataclass(frozen=True)
class Topic:
    """A service and a factor category (or only one of them) that failed more than once."""

    service: str
    category: str
    incidents: tuple[PostMortem, ...]
    """Oldest first."""
    recurrences: tuple[Recurrence, ...]

    @property
    def days(self) -> int:
        return (self.incidents[-1].incident.started_at - self.incidents[0].incident.started_at).days

    @property
    def shown(self) -> tuple[PostMortem, ...]:
        return self.incidents[-CHAIN_SHOWN:]

    def closed_before(self, pm: PostMortem) -> Recurrence | None:
        """The nearest earlier incident of this topic that `pm` repeats: the items closed between them."""
        mine = [r for r in self.recurrences if r.later.id == pm.id]
        return max(mine, key=lambda r: (r.earlier.started_at, r.earlier.id)) if mine else None


@dataclass(frozen=True)
class Pair:
    """One earlier/later pair of incidents with every category they share (a recurrence per category)."""

    recurrences: tuple[Recurrence, ...]

    @property
    def first(self) -> Recurrence:
        return self.recurrences[0]

    @property
    def what(self) -> str:
        """ "a capacity factor on orders-db", "capacity and deploy factors on orders-db" """
        categories = [r.category for r in self.recurrences if r.category]
        if len(categories) == 1:
            kinds = f"a {categories[0]} factor"
        else:
            kinds = ", ".join(categories[:-1]) + f" and {categories[-1]} factors" if categories else ""
        where = f" on {', '.join(self.first.services)}" if self.first.services else ""
        return (kinds if categories else "an incident") + where

    @property
    def closed(self) -> tuple[ItemFacts, ...]:
        seen: dict[str, ItemFacts] = {}
        for recurrence in self.recurrences:
            for item in recurrence.closed:
                seen.setdefault(item.id, item)
        return tuple(seen.values())


def _pairs(recurrences: Sequence[Recurrence], other: str) -> list[Pair]:
    grouped: dict[str, list[Recurrence]] = {}
    for recurrence in recurrences:
        grouped.setdefault(getattr(recurrence, other).id, []).append(recurrence)
    return [Pair(tuple(group)) for group in grouped.values()]


class RecurrenceView:
    """Every recurrence among the site's post-mortems, looked up per post-mortem and per topic."""

    def __init__(
        self, postmortems: Sequence[PostMortem], tracked: Sequence[TrackedItem], settings: RecurrenceSettings
    ) -> None:
        self.settings = settings
        closed_on: dict[tuple[str, str], date] = {}
        for entry in tracked:
            if entry.closed_at is not None:
                closed_on[(entry.postmortem.id, entry.item.id)] = entry.closed_at.date()
        self.by_id = {pm.id: pm for pm in postmortems}
        self.all = find_recurrences([record_of(pm, closed_on=closed_on) for pm in postmortems], settings)
        self._repeats: dict[str, list[Recurrence]] = defaultdict(list)
        self._repeated_by: dict[str, list[Recurrence]] = defaultdict(list)
        for recurrence in self.all:
            self._repeats[recurrence.later.id].append(recurrence)
            self._repeated_by[recurrence.earlier.id].append(recurrence)

    def repeats(self, pm: PostMortem) -> list[Pair]:
        """Earlier incidents this one repeats, nearest first, one entry per earlier incident."""
        return _pairs(self._repeats.get(pm.id, []), "earlier")

    def repeated_by(self, pm: PostMortem) -> list[Pair]:
        """Later incidents that repeated this one after its fixes were closed, oldest first."""
        ordered = sorted(self._repeated_by.get(pm.id, []), key=lambda r: (r.later.started_at, r.later.id))
        return _pairs(ordered, "later")

    def postmortem(self, pm_id: str) -> PostMortem | None:
        return self.by_id.get(pm_id)

    def topics(self) -> list[Topic]:
        """Topics with more than one incident, most incidents first."""
        topics = []
        for (service, category), recurrences in group_by_topic(self.all).items():
            ids = {r.later.id for r in recurrences} | {r.earlier.id for r in recurrences}
            incidents = sorted((self.by_id[i] for i in ids), key=lambda p: (p.incident.started_at, p.id))
            topics.append(Topic(service, category, tuple(incidents), tuple(recurrences)))
        return sorted(topics, key=lambda t: (-len(t.incidents), t.service, t.category))
