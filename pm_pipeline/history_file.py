"""The history-file edge: reads what `pm-pipeline history --out` wrote (history.file) for the digest and the site."""

from __future__ import annotations

import json
from pathlib import Path

from pm_pipeline.history_report import HistoryFileError, Slip, parse_slips
from pm_pipeline.settings import Config


def read_slips(config: Config, path: Path | None = None) -> tuple[list[Slip] | None, str | None]:
    """The items of the history file, or None with a reason when there is none or it cannot be read."""
    target = path or config.root / config.history.file
    if not target.is_file():
        return None, None
    try:
        return parse_slips(json.loads(target.read_text(encoding="utf-8"))), None
    except OSError as error:
        return None, f"{target.name}: cannot read the history file ({error.strerror})"
    except (ValueError, HistoryFileError) as error:
        return None, f"{target.name}: {error}"
