"""Findings: what a check reports, as values with a location."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Level(enum.Enum):
    ERROR = "error"
    WARNING = "warning"

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
