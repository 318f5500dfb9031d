"""Shared test inputs: the bundled post-mortem and ways to edit it as text."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "postmortems"
API_DEGRADATION = BUNDLED / "2025-02-09-api-degradation.yaml"


def valid_text() -> str:
    return API_DEGRADATION.read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line containing needle."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")
