"""Adopting the checks on an existing archive: today's findings recorded, only new ones reported.

A finding is identified by its file, its code and a fingerprint of the text of its line (white
space folded), never by its line number: editing another part of the file keeps the entry valid.
The same finding on several identical lines is counted. Pure: the caller reads the files.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pm_pipeline.errors import UsageError
from pm_pipeline.findings import Finding, Level

BASELINE_VERSION = 1
DEFAULT_NAME = "pm-pipeline-baseline.json"
STALE_CODE = "PM093"
EXCERPT_CHARS = 80

LinesOf = Callable[[str], Sequence[str]]
"""The lines of the file a finding names (empty when it cannot be read)."""


@dataclass(frozen=True, order=True)
class Entry:
    path: str
    code: str
    fingerprint: str
    count: int
    excerpt: str


@dataclass(frozen=True)
class Filtered:
    findings: list[Finding]
    baselined: int
    stale: list[Finding]


def fingerprint(code: str, line: str) -> str:
    return hashlib.sha256(f"{code}\0{' '.join(line.split())}".encode()).hexdigest()[:16]


def make_baseline(findings: Iterable[Finding], lines_of: LinesOf, relative: Callable[[str], str]) -> list[Entry]:
    """One entry per (file, code, fingerprint) of today's errors and warnings."""
    counts: Counter[tuple[str, str, str]] = Counter()
    excerpts: dict[tuple[str, str, str], str] = {}
    for finding in findings:
        if finding.level is Level.REMINDER or finding.code == STALE_CODE:
            continue
        line = _line(finding, lines_of)
        key = (relative(finding.path), finding.code, fingerprint(finding.code, line))
        counts[key] += 1
        excerpts.setdefault(key, " ".join(line.split())[:EXCERPT_CHARS])
    return sorted(Entry(*key, count, excerpts[key]) for key, count in counts.items())


def apply_baseline(
    findings: Iterable[Finding],
    entries: Sequence[Entry],
    lines_of: LinesOf,
    relative: Callable[[str], str],
    *,
    baseline_path: str,
    checked: Callable[[str], bool],
) -> Filtered:
    """Findings the baseline does not hold, how many it held, and PM093 for entries that match nothing.

    `checked(path)` tells whether this run looked at an entry's file at all: entries of files
    outside the run are neither used nor stale.
    """
    left = {(entry.path, entry.code, entry.fingerprint): entry.count for entry in entries}
    kept, held = [], 0
    for finding in findings:
        key = (relative(finding.path), finding.code, fingerprint(finding.code, _line(finding, lines_of)))
        if finding.level is not Level.REMINDER and left.get(key, 0) > 0:
            left[key] -= 1
            held += 1
        else:
            kept.append(finding)
    stale = [
        Finding(
            baseline_path, line, 1, STALE_CODE, Level.WARNING,
            f"{entry.path}: {left[(entry.path, entry.code, entry.fingerprint)]} of {entry.count} baselined "
            f"{entry.code} finding(s) no longer occur (`{entry.excerpt}`); run `pm-pipeline check "
            "--write-baseline` and commit the smaller file",
        )
        for line, entry in enumerate(entries, start=4)
        if left[(entry.path, entry.code, entry.fingerprint)] > 0 and checked(entry.path)
    ]  # fmt: skip
    return Filtered(kept, held, stale)


def dump_baseline(entries: Sequence[Entry]) -> str:
    """JSON with one entry a line, so a stale entry's finding points at its own line (4 onwards)."""
    rows = ",\n".join("    " + json.dumps(entry.__dict__, ensure_ascii=False) for entry in entries)
    body = f"\n{rows}\n  " if rows else ""
    return f'{{\n  "version": {BASELINE_VERSION},\n  "about": "pm-pipeline check --write-baseline",\n' \
           f'  "entries": [{body}]\n}}\n'  # fmt: skip


def parse_baseline(text: str, name: str) -> list[Entry]:
    try:
        data: Any = json.loads(text)
    except ValueError as error:
        raise UsageError(f"{name}: not a pm-pipeline baseline: {error}") from None
    if (
        not isinstance(data, dict)
        or data.get("version") != BASELINE_VERSION
        or not isinstance(data.get("entries"), list)
    ):
        raise UsageError(
            f"{name}: not a version {BASELINE_VERSION} pm-pipeline baseline; write it again with --write-baseline"
        )
    entries = []
    for index, raw in enumerate(data["entries"]):
        try:
            entries.append(
                Entry(
                    str(raw["path"]),
                    str(raw["code"]),
                    str(raw["fingerprint"]),
                    int(raw["count"]),
                    str(raw.get("excerpt", "")),
                )
            )
        except (KeyError, TypeError, ValueError):
            raise UsageError(f"{name}: entries[{index}] needs path, code, fingerprint and count") from None
    return entries


def _line(finding: Finding, lines_of: LinesOf) -> str:
    lines = lines_of(finding.path)
    return lines[finding.line - 1] if 0 < finding.line <= len(lines) else ""
