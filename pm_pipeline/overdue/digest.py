"""The digest issue: one page for the weekly review, rewritten only when its content changes.

The body lists overdue and due-soon items by owner and priority, drafts past the publish SLA,
follow-up reviews due or missed, and exempt items, with links. It holds no timestamps or day
counts, so it changes only when an item moves between lists, not every day. People are named
in code spans, never @-mentioned: the escalation comments are what notify people.
A body longer than GitHub's limit is cut at whole lines with a line saying how much was left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby

from pm_pipeline.overdue.find import Agenda, LateDraft, ReviewDue, TrackedItem
from pm_pipeline.overdue.links import Links
from pm_pipeline.overdue.slips import rescheduled_lines
from pm_pipeline.overdue.text import inline, link, quiet_handle
from pm_pipeline.tracker.markers import DIGEST_MARKER

GITHUB_BODY_LIMIT = 65_536
PRIORITY_RANK = {"high": 0, "medium": 1, "low": 2}
TABLE_HEAD = ("| Priority | Action item | Deadline | Issue |", "|---|---|---|---|")


@dataclass(frozen=True)
class _Line:
    text: str
    is_entry: bool = False


def render_digest(agenda: Agenda, links: Links, limit: int = GITHUB_BODY_LIMIT) -> str:
    """The digest body for this agenda, at most `limit` UTF-8 bytes."""
    head = [DIGEST_MARKER, _INTRO, "", _totals(agenda), ""]
    if not agenda.complete:
        head += [_INCOMPLETE, ""]
    return _fit(head, list(_sections(agenda, links)), limit)


def normalise_body(body: str | None) -> str:
    """A body as compared for changes: GitHub may hand back CRLF and trailing blanks."""
    lines = (body or "").replace("\r\n", "\n").replace("\r", "\n").strip().split("\n")
    return "\n".join(line.rstrip() for line in lines)


_INTRO = (
    "Open action items from the post-mortems, for the weekly review. pm-pipeline keeps this issue "
    "current from the post-mortem YAML; edits here are overwritten on the next change."
)


_INCOMPLETE = (
    "> [!WARNING]\n> Some post-mortem files do not pass the schema, so their action items are missing "
    "here. Run `pm-pipeline check` to see why."
)


def _totals(agenda: Agenda) -> str:
    missed = sum(1 for review in agenda.reviews if review.missed)
    parts = [
        _count(len(agenda.overdue), "overdue item"),
        _count(len(agenda.due_soon), "item due soon", "items due soon"),
        _count(len(agenda.late_drafts), "draft past the publish SLA", "drafts past the publish SLA"),
        _count(missed, "follow-up review missed", "follow-up reviews missed"),
        _count(len(agenda.reviews) - missed, "follow-up review due", "follow-up reviews due"),
        _count(len(agenda.exempt), "blocked or on-hold item", "blocked or on-hold items"),
    ]
    shown = parts[:2] + [part for part in parts[2:] if not part.startswith("0 ")]
    return " · ".join(f"**{part}**" for part in shown)


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def _sections(agenda: Agenda, links: Links) -> Iterator[_Line]:
    yield from _items_section("Overdue", agenda.overdue, links)
    yield from _items_section("Due soon", agenda.due_soon, links)
    yield from _drafts_section(agenda.late_drafts, links)
    yield from _reviews_section(agenda.reviews, links)
    yield from (_Line(text, entry) for text, entry in rescheduled_lines(agenda.rescheduled, agenda.items, links))
    yield from _items_section("Blocked or on hold (not chased)", agenda.exempt, links)


def _items_section(title: str, items: Iterable[TrackedItem], links: Links) -> Iterator[_Line]:
    ordered = sorted(
        items, key=lambda t: (t.item.owner.lower(), PRIORITY_RANK.get(t.item.priority, 9), t.item.deadline, t.key)
    )
    if not ordered:
        return
    yield _Line(f"## {title} ({len(ordered):,})")
    yield _Line("")
    for _owner, group in groupby(ordered, key=lambda t: t.item.owner.lower()):
        rows = list(group)
        yield _Line(f"### {quiet_handle(rows[0].item.owner)} ({len(rows):,})")
        yield _Line("")
        yield from (_Line(text) for text in TABLE_HEAD)
        for tracked in rows:
            yield _Line(_item_row(tracked, links), is_entry=True)
        yield _Line("")


def _item_row(tracked: TrackedItem, links: Links) -> str:
    item, pm = tracked.item, tracked.postmortem
    source = link(inline(pm.id), links.postmortem(pm))
    issue = f"#{tracked.issue.number}" if tracked.issue is not None else "not synced"
    what = f"{inline(item.id)} {inline(item.action)} ({source})"
    return f"| {item.priority} | {what} | {item.deadline.isoformat()} | {issue} |"


def _drafts_section(drafts: Iterable[LateDraft], links: Links) -> Iterator[_Line]:
    ordered = sorted(drafts, key=lambda d: (d.due_at, d.postmortem.id))
    if not ordered:
        return
    yield _Line(f"## Drafts past the publish SLA ({len(ordered):,})")
    yield _Line("")
    for draft in ordered:
        pm = draft.postmortem
        flag = f" **More than {draft.escalation_days:g} days since the incident: escalate.**" if draft.escalated else ""
        text = (
            f"- {link(inline(pm.id), links.postmortem(pm))} {inline(pm.title)} ({pm.status}, "
            f"authors {', '.join(quiet_handle(a) for a in pm.authors)}): due "
            f"{draft.due_at.strftime('%Y-%m-%d %H:%M')} UTC.{flag}"
        )
        yield _Line(text, is_entry=True)
    yield _Line("")


def _reviews_section(reviews: Iterable[ReviewDue], links: Links) -> Iterator[_Line]:
    ordered = sorted(reviews, key=lambda r: (not r.missed, r.date, r.postmortem.id))
    if not ordered:
        return
    yield _Line(f"## Follow-up reviews ({len(ordered):,})")
    yield _Line("")
    for review in ordered:
        pm = review.postmortem
        state = "**missed**, was due" if review.missed else "due"
        yield _Line(
            f"- {link(inline(pm.id), links.postmortem(pm))} {inline(pm.title)}: {state} "
            f"{review.date.isoformat()}; set `follow_up_review.done: true` once held.",
            is_entry=True,
        )
    yield _Line("")


def _fit(head: list[str], lines: list[_Line], limit: int) -> str:
    """Head, then as many whole lines as fit; entries left out are counted in a last line."""
    total_entries = sum(1 for line in lines if line.is_entry)
    reserve = len(_truncation_line(total_entries).encode()) + 2
    out = list(head)
    size = len("\n".join(out).encode()) + 1
    pending: list[str] = []
    shown = 0
    for line in lines:
        if not line.is_entry:
            pending.append(line.text)
            continue
        block = [*pending, line.text]
        cost = sum(len(text.encode()) + 1 for text in block)
        if size + cost + reserve > limit:
            break
        out += block
        size += cost
        pending = []
        shown += 1
    else:
        out += pending
    if shown < total_entries:
        out += ["", _truncation_line(total_entries - shown)]
    return normalise_body("\n".join(out)) + "\n"


def _truncation_line(hidden: int) -> str:
    return f"… and {hidden:,} more items not shown (GitHub limits an issue body to 65,536 characters)."
