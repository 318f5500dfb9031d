"""The history-file edge: reads what `pm-pipeline history --out` wrote (history.file) for the digest and the site."""

from __future__ import annotations

import json
from pathlib import Path

from pm_pipeline.files import read_if_present
from pm_pipeline.history_report import HistoryFileError, Slip, parse_slips
from pm_pipeline.settings import Config


def read_slips(config: Config, path: Path | None = None) -> tuple[list[Slip] | None, str | None]:
    """The items of the history file, or None with a reason when there is none or it cannot be read."""
    target = path or config.root / config.history.file
    if not target.is_file():
        return None, None
    raw = read_if_present(target)
    if raw is None:
        return None, f"{target.name}: cannot read the history file"
    try:
        return parse_slips(json.loads(raw)), None
    except (ValueError, HistoryFileError) as error:
        return None, f"{target.name}: {error}"
