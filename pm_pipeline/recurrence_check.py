"""PM601 in `check`: the cross-report pass after every file was checked. An edge: it reads files.

The files checked bring their recurrence records back from the workers. When the check was
given only some files (pre-commit names the staged ones), the other post-mortems of the folder
are read too (for their facts only: four sections, no rules), but only those whose file name
dates them inside the window (a recurrence is about an earlier incident) and whose text names one
of the services (or categories) at all. Closed dates come from the sync snapshot when there is one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

from pm_pipeline.checker import RECURRENCE_CODE, CheckedFile, Report, check_bytes
from pm_pipeline.files import find_entries, read_if_present
from pm_pipeline.findings import Finding, Level
from pm_pipeline.history import cut_top_level
from pm_pipeline.loader import load_yaml
from pm_pipeline.recurrence import Record, describe, find_recurrences, record_from_data, with_closed_dates
from pm_pipeline.rules.base import Context
from pm_pipeline.rules.selection import ActiveRule, RuleSet
from pm_pipeline.settings import Config
from pm_pipeline.suppressions import UNUSED, parse_suppressions

_DATED = re.compile(r"(\d{4}-\d{2}-\d{2})-")


def add_recurrence_findings(report: Report, rules: RuleSet, context: Context) -> Report:
    """The report with PM601 findings (and unused PM601 suppressions) added to its files."""
    active = rules.active.get(RECURRENCE_CODE)
    if active is None:
        return report
    mine = [file.record for file in report.files if file.record is not None]
    if not mine:
        return report
    config = context.config
    others = _other_records(report.files, mine, config, active, context)
    closed_on = read_closed_dates(config)
    records = [with_closed_dates(record, closed_on) for record in [*mine, *others]] if closed_on else [*mine, *others]
    found: dict[str, list[Finding]] = {}
    checked = {record.path for record in mine}
    for recurrence in find_recurrences(records, config.recurrence):
        path = recurrence.later.path
        if path not in checked:
            continue
        level = active.level if context.is_changed(path) else Level.REMINDER
        found.setdefault(path, []).append(
            Finding(path, *recurrence.position, RECURRENCE_CODE, level, describe(recurrence))
        )
    files = [_with_findings(file, found.get(file.path, [])) for file in report.files]
    return Report(files, report.extra, report.baselined)


def _with_findings(file: CheckedFile, findings: list[Finding]) -> CheckedFile:
    if file.record is None or (not findings and not file.mentions_cross_codes):
        return file
    raw = read_if_present(Path(file.path))
    try:
        lines = raw.decode("utf-8").splitlines() if raw is not None else None
    except UnicodeDecodeError:
        lines = None
    if lines is None:
        return replace(file, findings=sorted([*file.findings, *findings]))
    kept, problems = [], []
    suppressions = [s for s in parse_suppressions(lines) if s.reason and RECURRENCE_CODE in s.codes]
    for finding in findings:
        holder = next((s for s in suppressions if finding.line in s.lines), None)
        if holder is None:
            kept.append(finding)
        else:
            holder.used.add(RECURRENCE_CODE)
    for suppression in suppressions:
        if RECURRENCE_CODE not in suppression.used:
            problems.append(
                Finding(
                    file.path,
                    suppression.line,
                    suppression.column,
                    UNUSED,
                    Level.WARNING,
                    f"`# pm: ignore {RECURRENCE_CODE}` suppresses nothing on line {suppression.lines.start}; remove it",
                )
            )
    return replace(file, findings=sorted([*file.findings, *kept, *problems]))


def _other_records(
    files: list[CheckedFile], mine: list[Record], config: Config, active: ActiveRule, context: Context
) -> list[Record]:
    """Records of the folder's post-mortems that were not checked and may be earlier incidents."""
    folder = config.root / config.postmortems
    if not folder.is_dir():
        return []
    seen = {str(Path(file.path).resolve()) for file in files}
    earliest = min(record.started_at for record in mine) - timedelta(days=config.recurrence.window_days + 1)
    latest = max(record.started_at for record in mine) + timedelta(days=1)
    only_records = RuleSet({RECURRENCE_CODE: active})
    # A file that names none of the services (or, matching by category, none of the categories)
    # cannot be an earlier incident of these: skip it before parsing (a bytes search, in C).
    by_service = config.recurrence.match != "category"
    needles = {(value.encode()) for record in mine for value in (record.services if by_service else record.categories)}
    records = []
    for entry in find_entries([folder], config.root):
        if entry.problem is not None or str(entry.path.resolve()) in seen:
            continue
        if not _may_be_earlier(entry.path.name, earliest, latest):
            continue
        raw = read_if_present(entry.path)
        if raw is None or not any(needle in raw for needle in needles):
            continue
        record = _facts(str(entry.path), raw) or check_bytes(str(entry.path), raw, only_records, context).record
        if record is not None:
            records.append(record)
    return records


_SECTIONS = frozenset((b"id", b"incident", b"contributing_factors", b"action_items"))


def _facts(name: str, raw: bytes) -> Record | None:
    """The record of a file read only for its facts: its four sections, parsed alone (None: check it whole)."""
    part = cut_top_level(raw, _SECTIONS)
    if part is None:
        return None
    loaded = load_yaml(name, part)
    return None if loaded.findings else record_from_data(loaded.data, name)


def _may_be_earlier(name: str, earliest: datetime, latest: datetime) -> bool:
    match = _DATED.match(name)
    if match is None:
        return True
    try:
        day = date.fromisoformat(match[1])
    except ValueError:
        return True
    return earliest.date() <= day <= latest.date()


def read_closed_dates(config: Config) -> dict[tuple[str, str], date]:
    """(post-mortem id, item id) -> the day its issue was closed, from the sync snapshot if readable."""
    name = config.site.snapshot or config.sync.snapshot
    path = config.root / name
    raw = read_if_present(path)
    try:
        data = json.loads(raw) if raw is not None else None
    except ValueError:
        return {}
    return dict(_closed_dates(data.get("items") if isinstance(data, dict) else None))


def _closed_dates(items: object) -> Iterable[tuple[tuple[str, str], date]]:
    if not isinstance(items, dict):
        return
    for key, value in items.items():
        if not isinstance(key, str) or "/" not in key or not isinstance(value, dict):
            continue
        closed = value.get("closed_at")
        if not isinstance(closed, str):
            continue
        try:
            day = datetime.fromisoformat(closed.replace("Z", "+00:00")).date()
        except ValueError:
            continue
        pm_id, _, item_id = key.rpartition("/")
        yield (pm_id, item_id), day
