"""The organisation site's edge: read each repository's checkout (its config, post-mortems, snapshot).

A repository whose checkout is missing, or whose files fail their checks, is logged as a warning
(so `mkdocs build --strict` fails) and the rest of the site still builds.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from pathlib import Path

from pm_pipeline.config import load_config
from pm_pipeline.errors import PmError
from pm_pipeline.files import check_paths, read_if_present
from pm_pipeline.org import Part, Repository, merge
from pm_pipeline.rules.base import Context
from pm_pipeline.rules.selection import select_rules
from pm_pipeline.site.status import Snapshot, SnapshotError, StatusSource, parse_snapshot, track
from pm_pipeline.site.views import SiteInput

Log = logging.Logger | logging.LoggerAdapter[logging.Logger]


def read_repository(repository: Repository, root: Path, now: datetime, log: Log) -> Part | None:
    folder = root / repository.path
    if not folder.is_dir():
        log.warning(f"repositories: {repository.name}: {repository.path} is not a folder (check it out first)")
        return None
    try:
        config = load_config(None, folder)
    except PmError as error:
        log.warning(f"repositories: {repository.name}: {error}")
        return None
    postmortems = folder / config.postmortems
    if not postmortems.is_dir():
        log.warning(f"repositories: {repository.name}: no {config.postmortems} folder")
        return None
    report = check_paths([postmortems], select_rules(config), Context(now, config))
    for file in report.files:
        for finding in file.findings:
            if finding.is_error:
                shown = Path(finding.path).resolve().relative_to(root.resolve()).as_posix()
                log.warning(f"{shown}:{finding.line}:{finding.column}: {finding.code} {finding.message}")
    valid = report.postmortems
    yaml_paths = {pm.id: Path(pm.source_path).resolve().relative_to(folder.resolve()).as_posix() for pm in valid}
    return Part(repository, valid, _snapshot(folder, config.site.snapshot or config.sync.snapshot, log), yaml_paths)


def _snapshot(folder: Path, name: str, log: Log) -> Snapshot | None:
    path = folder / name
    if not path.is_file():
        return None
    try:
        return parse_snapshot(json.loads(read_if_present(path) or b""))
    except (ValueError, SnapshotError) as error:
        log.warning(f"{path}: not a sync snapshot ({error}); status comes from the YAML")
        return None


def org_site_input(
    repositories: list[Repository], root: Path, now: datetime, due_soon_days: int, log: Log
) -> SiteInput:
    parts = [part for repo in repositories if (part := read_repository(repo, root, now, log)) is not None]
    postmortems, snapshot, origins = merge(parts)
    tracked = track(postmortems, snapshot, now, due_soon_days)
    source = (
        StatusSource("snapshot", "the repositories' snapshots", snapshot.taken_at) if snapshot else StatusSource("yaml")
    )
    yaml_paths = {pm_id: f"{origin.repository.name}: {origin.yaml_path}" for pm_id, origin in origins.items()}
    return SiteInput(postmortems, tracked, source, now, yaml_paths, origins=origins)
