"""The text of an escalation comment: who is asked, about what, and what they can do."""

from __future__ import annotations

from pm_pipeline.config import OverdueSettings
from pm_pipeline.overdue.find import TrackedItem
from pm_pipeline.overdue.links import Links
from pm_pipeline.overdue.text import inline, link
from pm_pipeline.tracker.markers import TierMarker

HIGH = "high"


def mentioned(tracked: TrackedItem, tier: int) -> tuple[str, ...]:
    """Tier 0 asks the owner; later tiers also ask the sponsor of a high-priority item."""
    item = tracked.item
    if tier > 0 and item.priority == HIGH and item.sponsor and item.sponsor != item.owner:
        return (item.owner, item.sponsor)
    return (item.owner,)


def tier_comment(tracked: TrackedItem, tier: int, settings: OverdueSettings, links: Links) -> str:
    item, pm = tracked.item, tracked.postmortem
    marker = TierMarker(tracked.key, item.deadline, tier).render()
    people = mentioned(tracked, tier)
    days = tracked.days_overdue
    when = f"{days} day{'s' if days != 1 else ''} past its deadline ({item.deadline.isoformat()})"
    source = link(inline(pm.id), links.postmortem(pm))
    exempt = " or ".join(f"`{label}`" for label in settings.exempt_labels)
    lines = [
        marker,
        f"{item.owner}, this {item.priority}-priority action item from {source} is {when}:",
        "",
        f"> {inline(item.action, 1000)}",
        "",
    ]
    if len(people) > 1:
        ask = f"{people[1]}, as sponsor of this high-priority item: please help unblock it or agree a new deadline."
        lines += [ask, ""]
    lines.append(
        "Finish it and set `status: done` in the post-mortem, or move its `deadline` there if the "
        "plan changed (reminders start again from the new date)"
        + (f", or label this issue {exempt} if it cannot move for now." if exempt else ".")
    )
    step = "first reminder" if tier == 0 else f"escalation at {tier} days overdue"
    lines += ["", f"<sub>pm-pipeline: {step}; each step is posted once.</sub>"]
    return "\n".join(lines) + "\n"
