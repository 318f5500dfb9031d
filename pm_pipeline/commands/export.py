"""`pm-pipeline export`: every post-mortem and action item as JSON, NDJSON and CSV files."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TextIO

from pm_pipeline import export
from pm_pipeline.commands.sync import load_postmortems
from pm_pipeline.config import load_config
from pm_pipeline.errors import UsageError
from pm_pipeline.site.status import Snapshot, SnapshotError, parse_snapshot, track

FORMATS = ("json", "ndjson", "csv")


@dataclass(frozen=True)
class ExportOptions:
    paths: tuple[Path, ...] = ()
    out: Path = Path("export")
    formats: tuple[str, ...] = FORMATS
    snapshot: Path | None = None
    config_path: Path | None = None


def run_export(options: ExportOptions, now: datetime, err: TextIO | None = None) -> int:
    err = err or sys.stderr
    config = load_config(options.config_path)
    postmortems, complete = load_postmortems(options.paths, config, now, err)
    snapshot, source = _snapshot(options.snapshot or config.root / config.sync.snapshot, explicit=options.snapshot)
    tracked = track(postmortems, snapshot, now, config.overdue.due_soon_days, config.overdue.exempt_labels)
    incidents = export.incident_rows(postmortems, tracked)
    items = export.action_item_rows(tracked)
    files: dict[str, str] = {}
    if "json" in options.formats:
        files["postmortems.json"] = export.to_json(incidents, items, generated_at=now, status_source=source)
    if "ndjson" in options.formats:
        files["incidents.ndjson"] = export.to_ndjson(incidents)
        files["action_items.ndjson"] = export.to_ndjson(items)
    if "csv" in options.formats:
        files["incidents.csv"] = export.to_csv(incidents, export.INCIDENT_COLUMNS)
        files["action_items.csv"] = export.to_csv(items, export.ACTION_ITEM_COLUMNS)
    options.out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (options.out / name).write_text(text, encoding="utf-8", newline="")
    err.write(
        f"Exported {len(incidents)} post-mortems and {len(items)} action items (status from {source}) "
        f"to {options.out}/: {', '.join(files)}\n"
    )
    return 0 if complete else 1


def _snapshot(path: Path, explicit: Path | None) -> tuple[Snapshot | None, str]:
    if not path.is_file():
        if explicit is not None:
            raise UsageError(f"--snapshot: {path}: no such file")
        return None, "yaml"
    try:
        return parse_snapshot(json.loads(path.read_text(encoding="utf-8"))), f"snapshot {path.name}"
    except (ValueError, SnapshotError) as error:
        raise UsageError(f"{path}: not a sync snapshot: {error}") from None
