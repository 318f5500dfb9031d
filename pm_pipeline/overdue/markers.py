"""Hidden markers the follow-up job writes, so it can recognise its own comments and digest.

A tier comment carries `<!-- pm-pipeline:overdue key=PM-id/AI-id deadline=YYYY-MM-DD tier=N -->`.
The deadline is part of the identity: moving an item's deadline makes the old markers irrelevant
and the reminders start afresh. `tier` is the tier's threshold in days overdue (0, 7, 14 by
default), not its position, so adding or removing a tier in the config never re-posts one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

DIGEST_MARKER = "<!-- pm-pipeline:digest -->"
_TIER = re.compile(
    r"<!-- pm-pipeline:overdue key=(?P<key>\S+) deadline=(?P<deadline>\d{4}-\d{2}-\d{2}) tier=(?P<tier>\d+) -->"
)


@dataclass(frozen=True, order=True)
class TierMarker:
    """One escalation comment already posted: item, the deadline it was about, and its tier."""

    key: str
    deadline: date
    tier: int

    def render(self) -> str:
        return f"<!-- pm-pipeline:overdue key={self.key} deadline={self.deadline.isoformat()} tier={self.tier} -->"


def parse_tier_markers(texts: Iterable[str]) -> frozenset[TierMarker]:
    """Every well-formed tier marker in these comment bodies; anything else is ignored."""
    found: set[TierMarker] = set()
    for text in texts:
        for match in _TIER.finditer(text or ""):
            try:
                deadline = date.fromisoformat(match["deadline"])
            except ValueError:
                continue
            found.add(TierMarker(match["key"], deadline, int(match["tier"])))
    return frozenset(found)


def is_digest(body: str | None) -> bool:
    return DIGEST_MARKER in (body or "")
