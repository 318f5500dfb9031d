"""Who needs chasing today: overdue and due-soon action items, late drafts, follow-up reviews.

Pure: post-mortems, the observed issues and `now` in, an `Agenda` out. Everything is computed
from dates, never from how many runs happened, so a late or skipped schedule lands on the same
answer as a punctual one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime

from pm_pipeline import process, tracking
from pm_pipeline.config import Config, OverdueSettings
from pm_pipeline.model import ActionItem, PostMortem
from pm_pipeline.overdue.slips import Rescheduled
from pm_pipeline.sync.desired import previous_keys  # keys of the item before a rename
from pm_pipeline.tracker.markers import TierMarker, item_key
from pm_pipeline.tracking import ItemState

PUBLISHED = "published"


@dataclass(frozen=True)
class IssueState:
    """A managed issue as listed from GitHub, reduced to what the follow-up job needs.

    `markers` holds the tier markers found in its comments; `markers_known` is False when the
    comments were not fetched (they are fetched only for items that may need a comment).
    """

    number: int
    key: str
    state: str
    labels: frozenset[str] = frozenset()
    url: str = ""
    markers: frozenset[TierMarker] = frozenset()
    markers_known: bool = True
    state_reason: str | None = None
    closed_at: datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.state == "open"

    @property
    def closed_as_not_planned(self) -> bool:
        return self.state_reason == "not_planned"

    def has_label(self, name: str) -> bool:
        return name.lower() in {label.lower() for label in self.labels}


TrackedItem = tracking.TrackedItem[IssueState]


@dataclass(frozen=True)
class LateDraft:
    """A post-mortem not yet published after the publish SLA; `escalated` past the escalation days."""

    postmortem: PostMortem
    due_at: datetime
    days_late: int
    escalated: bool
    escalation_days: float = 7


@dataclass(frozen=True)
class ReviewDue:
    """A follow-up review that is due within the due-soon window (`missed` False) or was missed."""

    postmortem: PostMortem
    date: date
    missed: bool


@dataclass(frozen=True)
class Agenda:
    """Everything the follow-up job found, in a stable order."""

    today: date
    items: tuple[TrackedItem, ...]
    late_drafts: tuple[LateDraft, ...] = ()
    reviews: tuple[ReviewDue, ...] = ()
    orphans: tuple[IssueState, ...] = ()
    complete: bool = True  # False when some post-mortem files could not be read
    rescheduled: tuple[Rescheduled, ...] = ()  # open items moved again and again (history.file)

    def chased_in(self, state: ItemState) -> tuple[TrackedItem, ...]:
        """Items the job chases (open in the tracker and the YAML) that are in `state`."""
        return tuple(item for item in self.items if item.chased and item.state is state)

    @property
    def overdue(self) -> tuple[TrackedItem, ...]:
        return self.chased_in(ItemState.OVERDUE)

    @property
    def due_soon(self) -> tuple[TrackedItem, ...]:
        return self.chased_in(ItemState.DUE_SOON)

    @property
    def exempt(self) -> tuple[TrackedItem, ...]:
        return self.chased_in(ItemState.EXEMPT)

    def needing_comments(self) -> tuple[str, ...]:
        """Keys of items whose issue comments must be read before the comment decision can be made."""
        return tuple(
            item.key
            for item in self.overdue
            if item.issue is not None and item.tier is not None and not item.issue.markers_known
        )


def find_overdue(
    postmortems: Iterable[PostMortem],
    issues: Mapping[str, IssueState],
    now: datetime,
    config: Config,
    *,
    complete: bool = True,
) -> Agenda:
    """The agenda for `now` (UTC): issues are keyed by `item_key`.

    With `complete` False (a file failed to load) issues of post-mortems not given are left
    alone instead of being treated as items removed from the YAML.
    """
    today = now.date()
    settings = config.overdue
    pms = sorted(postmortems, key=lambda pm: pm.id)
    items = tuple(
        _track(pm, item, _issue_of(pm, item, issues), today, settings) for pm in pms for item in pm.action_items
    )
    known = {item.key for item in items} | {
        key for pm in pms for item in pm.action_items for key in previous_keys(pm, item)
    }
    loaded = {pm.id for pm in pms}
    orphans = tuple(
        issue for key, issue in sorted(issues.items()) if key not in known and (complete or key.split("/")[0] in loaded)
    )
    return Agenda(
        today=today,
        items=items,
        late_drafts=tuple(d for pm in pms if (d := _late_draft(pm, now, config)) is not None),
        reviews=tuple(r for pm in pms if (r := _review(pm, today, settings)) is not None),
        orphans=orphans,
        complete=complete,
    )


def reached_tier(days_overdue: int, tiers: Iterable[int]) -> int | None:
    """The highest tier threshold reached by an item `days_overdue` days past its deadline."""
    if days_overdue <= 0:
        return None
    reached = [tier for tier in tiers if tier <= days_overdue]
    return max(reached) if reached else None


def _issue_of(pm: PostMortem, item: ActionItem, issues: Mapping[str, IssueState]) -> IssueState | None:
    """The item's issue under its key or, until a sync moves the marker, a key it had before."""
    for key in (item_key(pm.id, item.id), *previous_keys(pm, item)):
        if key in issues:
            return issues[key]
    return None


def tier_to_comment(
    key: str, deadline: date, tier: int | None, issue: IssueState, aliases: tuple[str, ...] = ()
) -> int | None:
    """The tier to post now, if any: comments made under a key the item had before count too."""
    if tier is None or not issue.markers_known:
        return None
    keys = {key, *aliases}
    posted = [m.tier for m in issue.markers if m.key in keys and m.deadline == deadline]
    return None if posted and max(posted) >= tier else tier


def _track(
    pm: PostMortem, item: ActionItem, issue: IssueState | None, today: date, settings: OverdueSettings
) -> TrackedItem:
    tracked = tracking.track(pm, item, issue, today, settings.due_soon_days, settings.exempt_labels)
    if not (tracked.chased and tracked.state is ItemState.OVERDUE):
        return tracked
    tier = reached_tier(tracked.days_overdue, settings.tiers)
    aliases = previous_keys(pm, item)
    comment = tier_to_comment(tracked.key, item.deadline, tier, issue, aliases) if issue is not None else None
    return replace(tracked, tier=tier, comment_tier=comment)


def _late_draft(pm: PostMortem, now: datetime, config: Config) -> LateDraft | None:
    policy = config.process
    late = process.late_draft(pm, now, policy)
    if late is None:
        return None
    return LateDraft(pm, late.due_at, late.late_by.days, late.escalated, policy.draft_escalation_days)


def _review(pm: PostMortem, today: date, settings: OverdueSettings) -> ReviewDue | None:
    review = pm.follow_up_review
    if review.done or (review.date - today).days > settings.due_soon_days:
        return None
    return ReviewDue(pm, review.date, missed=review.date < today)
