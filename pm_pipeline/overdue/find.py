"""Who needs chasing today: overdue and due-soon action items, late drafts, follow-up reviews.

Pure: post-mortems, the observed issues and `now` in, an `Agenda` out. Everything is computed
from dates, never from how many runs happened, so a late or skipped schedule lands on the same
answer as a punctual one.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from pm_pipeline import process
from pm_pipeline.config import Config, OverdueSettings
from pm_pipeline.model import ActionItem, PostMortem
from pm_pipeline.overdue.slips import Rescheduled
from pm_pipeline.sync.desired import previous_keys  # keys of the item before a rename
from pm_pipeline.tracker.markers import TierMarker, item_key

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

    @property
    def is_open(self) -> bool:
        return self.state == "open"

    def has_label(self, name: str) -> bool:
        return name.lower() in {label.lower() for label in self.labels}


class Status(enum.Enum):
    OVERDUE = "overdue"
    DUE_SOON = "due-soon"
    ON_TRACK = "on-track"
    EXEMPT = "exempt"
    DONE = "done"
    CLOSED = "closed"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class TrackedItem:
    """One action item's follow-up state today.

    `tier` is the highest escalation tier reached (threshold in days overdue), or None.
    `comment_tier` is the tier to comment now: the reached tier, unless a comment for it or a
    higher tier about the same deadline exists. Earlier tiers that were never posted (the job
    did not run for a week) are not posted late: one comment at the tier reached is enough.
    """

    key: str
    postmortem: PostMortem
    item: ActionItem
    status: Status
    days_overdue: int
    issue: IssueState | None = None
    tier: int | None = None
    comment_tier: int | None = None

    @property
    def days_left(self) -> int:
        return -self.days_overdue


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

    def with_status(self, *statuses: Status) -> tuple[TrackedItem, ...]:
        return tuple(item for item in self.items if item.status in statuses)

    @property
    def overdue(self) -> tuple[TrackedItem, ...]:
        return self.with_status(Status.OVERDUE)

    @property
    def due_soon(self) -> tuple[TrackedItem, ...]:
        return self.with_status(Status.DUE_SOON)

    @property
    def exempt(self) -> tuple[TrackedItem, ...]:
        return self.with_status(Status.EXEMPT)

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
    key = item_key(pm.id, item.id)
    days_overdue = process.days_overdue(item, today)
    status = _status(item, issue, today, settings)
    if status is not Status.OVERDUE:
        return TrackedItem(key, pm, item, status, days_overdue, issue)
    tier = reached_tier(days_overdue, settings.tiers)
    aliases = previous_keys(pm, item)
    comment = tier_to_comment(key, item.deadline, tier, issue, aliases) if issue is not None else None
    return TrackedItem(key, pm, item, status, days_overdue, issue, tier, comment)


def _status(item: ActionItem, issue: IssueState | None, today: date, settings: OverdueSettings) -> Status:
    if not item.is_open:
        return Status.DONE
    if issue is not None and not issue.is_open:
        return Status.CLOSED
    labels = issue.labels if issue is not None else ()
    window = process.open_item_state(item, today, settings.due_soon_days, labels, settings.exempt_labels)
    return {"on-track": Status.ON_TRACK, "exempt": Status.EXEMPT, "overdue": Status.OVERDUE}.get(
        window, Status.DUE_SOON
    )


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
