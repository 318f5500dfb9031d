"""Deadline slips on the site, as values: per team, and the most rescheduled items. No HTML, no I/O.

The slips come from the history file (`pm-pipeline history --out`, history.file); the plugin reads it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pm_pipeline.history_report import Slip

SLIPS = ("indexes/slips.md", "Deadline slips")
MOST_SHOWN = 25


@dataclass(frozen=True)
class TeamSlips:
    team: str
    items: int
    rescheduled: int
    deadline_changes: int
    owner_changes: int
    days_moved: int


def slips_by_team(slips: Sequence[Slip], team_of: Callable[[str], str]) -> list[TeamSlips]:
    """One row per team (owner handles outside every team count as "no team"), most changes first."""
    rows: dict[str, list[Slip]] = {}
    for slip in slips:
        rows.setdefault(team_of(slip.owner) if slip.owner else "no owner", []).append(slip)
    teams = [
        TeamSlips(
            team,
            len(mine),
            sum(1 for s in mine if s.deadline_changes),
            sum(s.deadline_changes for s in mine),
            sum(s.owner_changes for s in mine),
            sum(s.days_moved for s in mine),
        )
        for team, mine in rows.items()
    ]
    return sorted(teams, key=lambda t: (-t.deadline_changes, t.team))


def most_rescheduled(slips: Sequence[Slip], limit: int = MOST_SHOWN) -> list[Slip]:
    moved = [slip for slip in slips if slip.deadline_changes]
    return sorted(moved, key=lambda s: (-s.deadline_changes, -s.days_moved, s.key))[:limit]
