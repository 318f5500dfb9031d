"""Findings: what a check reports, as values with a location."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Level(enum.Enum):
    """How much a finding weighs: an error blocks the merge, a warning annotates, a reminder never fails.

    A reminder is a clock finding (a late draft, a missed review) about a file the change did not
    touch: it is shown, and chased by the overdue job and the site, but it gates nothing.
    """

    ERROR = "error"
    WARNING = "warning"
    REMINDER = "reminder"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in one file, at a 1-based line and column."""

    path: str
    line: int
    column: int
    code: str
    level: Level
    message: str

    @property
    def is_error(self) -> bool:
        return self.level is Level.ERROR
