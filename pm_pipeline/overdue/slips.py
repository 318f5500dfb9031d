"""The digest's "Rescheduled again and again" section: open items whose deadline moved more than N times.

The moves come from `pm-pipeline history --out FILE` (history.file); the digest only lists the
open items of its agenda that the file says moved more than `history.digest_moves` times. No file,
no section. Pure: the command reads the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from pm_pipeline.overdue.links import Links
from pm_pipeline.overdue.text import inline, link, quiet_handle


@dataclass(frozen=True)
class Rescheduled:
    key: str
    moves: int
    first_deadline: str
    deadline: str


def pick_rescheduled(slips: Iterable[Rescheduled], open_keys: Iterable[str], more_than: int) -> tuple[Rescheduled, ...]:
    keys = set(open_keys)
    chosen = [slip for slip in slips if slip.key in keys and slip.moves > more_than]
    return tuple(sorted(chosen, key=lambda s: (-s.moves, s.key)))


def rescheduled_lines(
    rescheduled: Sequence[Rescheduled], items: Iterable[object], links: Links
) -> Iterator[tuple[str, bool]]:
    """(line, is_entry) for the digest; `items` are the agenda's tracked items (for owners and links)."""
    if not rescheduled:
        return
    by_key = {getattr(item, "key", None): item for item in items}
    yield f"## Rescheduled again and again ({len(rescheduled):,})", False
    yield "", False
    yield "Open items whose deadline moved more than the threshold, from the git history.", False
    yield "", False
    for slip in rescheduled:
        tracked = by_key.get(slip.key)
        pm = getattr(tracked, "postmortem", None)
        item = getattr(tracked, "item", None)
        where = link(inline(slip.key), links.postmortem(pm)) if pm is not None else inline(slip.key)
        owner = f" ({quiet_handle(item.owner)})" if item is not None else ""
        yield (
            f"- {where}{owner}: deadline moved {slip.moves} times, "
            f"{inline(slip.first_deadline)} → {inline(slip.deadline)}.",
            True,
        )
    yield "", False
