"""Reporters turn a Report into text; the registry also feeds `--format`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from pm_pipeline.checker import Report
from pm_pipeline.reporters import github, json_report, sarif, text

Reporter = Callable[[Report, TextIO], None]

REPORTERS: dict[str, Reporter] = {
    "text": text.report,
    "github": github.report,
    "json": json_report.report,
    "sarif": sarif.report,
}
FORMAT_CHOICES = ("auto", *REPORTERS)


def pick(name: str, in_actions: bool) -> Reporter:
    """The reporter for a --format value; `auto` means GitHub annotations inside Actions."""
    if name == "auto":
        name = "github" if in_actions else "text"
    return REPORTERS[name]
