"""What a command hands back to the CLI: its exit code, its Actions outputs and its job summary."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class CommandResult:
    exit_code: int
    outputs: Mapping[str, str] = field(default_factory=dict)
    """Counts and paths under the names action.yml declares (`created`, `plan`, `sarif`, ...)."""
    summary: str = ""
    """Markdown for the job summary; empty means the command has none of its own."""
    command: str = ""
