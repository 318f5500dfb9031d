"""From an agenda to ordered changes. Apply carries them out and never re-decides.

Order: the digest first (under a tight write budget it is the most useful single write), then
each item, most overdue first: label removals, label additions, then its tier comment; last,
labels left on issues whose item is gone from the YAML.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pm_pipeline.config import OverdueSettings
from pm_pipeline.overdue.changes import AddLabel, CreateDigest, OverdueChange, PostComment, RemoveLabel, UpdateDigest
from pm_pipeline.overdue.comments import mentioned, tier_comment
from pm_pipeline.overdue.digest import normalise_body, render_digest
from pm_pipeline.overdue.find import Agenda, IssueState, TrackedItem
from pm_pipeline.overdue.links import Links
from pm_pipeline.tracker.trust import NOBODY, Trust
from pm_pipeline.tracking import ItemState

__all__ = [
    "AddLabel",
    "Change",
    "CreateDigest",
    "ObservedDigest",
    "Plan",
    "PostComment",
    "RemoveLabel",
    "UpdateDigest",
    "make_plan",
]


@dataclass(frozen=True)
class ObservedDigest:
    number: int
    title: str
    body: str
    state: str
    url: str = ""


Change = OverdueChange


@dataclass(frozen=True)
class Plan:
    """The changes of one run, in the order apply performs them; each is one write."""

    agenda: Agenda
    changes: tuple[Change, ...]
    digest_body: str

    def count(self, kind: str) -> int:
        return sum(1 for change in self.changes if change.action == kind)

    @property
    def is_empty(self) -> bool:
        return not self.changes


def make_plan(
    agenda: Agenda,
    digest: ObservedDigest | None,
    settings: OverdueSettings,
    links: Links,
    digest_labels: tuple[str, ...] = (),
    *,
    digest_known: bool = True,
    trust: Trust = NOBODY,
) -> Plan:
    """The changes for an agenda; `digest_known` False (no tracker read) plans no digest write."""
    body = render_digest(agenda, links)
    changes: list[Change] = []
    if digest_known:
        changes += _digest_changes(digest, body, settings.digest_title, digest_labels, trust)
    for tracked in sorted(agenda.items, key=_urgency):
        changes += _item_changes(tracked, settings, links, trust)
    for orphan in agenda.orphans:
        changes += _label_changes(orphan, frozenset(), settings)
    return Plan(agenda, tuple(changes), body)


def _urgency(tracked: TrackedItem) -> tuple[int, str]:
    return (-tracked.days_overdue, tracked.key)


def _digest_changes(
    digest: ObservedDigest | None, body: str, title: str, labels: tuple[str, ...], trust: Trust
) -> Iterator[Change]:
    if digest is None:
        yield CreateDigest(title, body, labels, trust)
    elif normalise_body(digest.body) != normalise_body(body) or digest.title != title:
        yield UpdateDigest(digest.number, title, body, reopen=digest.state != "open")


def _item_changes(tracked: TrackedItem, settings: OverdueSettings, links: Links, trust: Trust) -> Iterator[Change]:
    if tracked.issue is None:
        return
    wanted = {ItemState.OVERDUE: settings.overdue_label, ItemState.DUE_SOON: settings.due_soon_label}
    label = wanted.get(tracked.state) if tracked.chased else None
    yield from _label_changes(tracked.issue, frozenset({label} if label else ()), settings)
    if tracked.comment_tier is not None:
        tier = tracked.comment_tier
        yield PostComment(
            tracked.issue.number,
            tracked.key,
            tier,
            mentioned(tracked, tier),
            tier_comment(tracked, tier, settings, links),
            tracked.item.deadline,
            trust,
        )


def _label_changes(issue: IssueState, wanted: frozenset[str], settings: OverdueSettings) -> Iterator[Change]:
    managed = (settings.overdue_label, settings.due_soon_label)
    for label in managed:
        if label not in wanted and issue.has_label(label):
            yield RemoveLabel(issue.number, issue.key, label)
    for label in managed:
        if label in wanted and not issue.has_label(label):
            yield AddLabel(issue.number, issue.key, label)
