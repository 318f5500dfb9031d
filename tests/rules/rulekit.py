"""Helpers for rule tests: edit the base post-mortem, check it, find lines."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pm_pipeline.checker import check_bytes
from pm_pipeline.config import Config
from pm_pipeline.findings import Finding
from pm_pipeline.rules.base import Context
from pm_pipeline.rules.selection import select_rules

BASE = (Path(__file__).parent / "data" / "base.yaml").read_text(encoding="utf-8")
NOW = datetime(2025, 6, 1, tzinfo=UTC)


def edit(text: str, *replacements: tuple[str, str]) -> str:
    for old, new in replacements:
        assert text.count(old) == 1, f"expected exactly one {old!r} in the document"
        text = text.replace(old, new)
    return text


def line_of(text: str, needle: str) -> int:
    hits = [number for number, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(hits) == 1, f"{needle!r} is on lines {hits}"
    return hits[0]


def check_text(text: str, now: datetime = NOW, config: Config | None = None, *, in_change: bool = True) -> list[Finding]:
    """Findings of one file; by default the file is part of the change, as when it is named to `check`."""
    config = config or Config()
    changed = frozenset({str(Path("pm.yaml").resolve())}) if in_change else frozenset()
    return check_bytes("pm.yaml", text.encode(), select_rules(config), Context(now, config, changed)).findings


def located(findings: list[Finding]) -> list[tuple[str, int]]:
    return [(finding.code, finding.line) for finding in findings]
