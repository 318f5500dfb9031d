"""The file edge of the check pipeline: find the post-mortem files, read them, fork workers.

Everything here touches the disk; `checker` turns the bytes into findings. A folder entry that
cannot be read (a dangling link, a FIFO, a device, a link out of the repository) is a PM001
finding, never skipped: a sync that did not see a file must not call its items removed.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from pm_pipeline.checker import CheckedFile, Report, check_bytes, report_duplicate_ids
from pm_pipeline.errors import UsageError
from pm_pipeline.findings import Finding
from pm_pipeline.rules.base import Context
from pm_pipeline.rules.selection import RuleSet

YAML_SUFFIXES = (".yaml", ".yml")
PARALLEL_FROM = 200  # files; below this, starting workers costs more than it saves
FILE_NAME = re.compile(r"\d{4}-\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*\.ya?ml")
SAFE_NAME = re.compile(r"[A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Entry:
    """A file to check, or why it cannot be read (then it is reported, not read)."""

    path: Path
    problem: str | None = None


def find_files(paths: Iterable[str | Path], root: Path | None = None) -> list[Path]:
    """The readable YAML files named by paths (folders recursively), sorted, no duplicates."""
    return [entry.path for entry in find_entries(paths, root) if entry.problem is None]


def find_entries(paths: Iterable[str | Path], root: Path | None = None, scope: Path | None = None) -> list[Entry]:
    """Every YAML entry named by paths, sorted; unreadable ones carry their problem.

    With `scope` (the configured post-mortems folder), a folder that holds it (`check .`) yields only
    the YAML inside scope and files named like a post-mortem (`YYYY-MM-DD-slug.yaml`), so workflows,
    `mkdocs.yml` and other YAML are not read as post-mortems. Any other folder yields all its YAML;
    files named explicitly are always checked.
    """
    found: dict[Path, Entry] = {}
    wanted = Path(os.path.abspath(scope)) if scope is not None else None
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            boundary = _boundary(path, root)
            whole = wanted is None or _inside(path, wanted) or not _inside(wanted, Path(os.path.abspath(path)))
            for child in path.rglob("*"):
                if child.suffix not in YAML_SUFFIXES or child.is_dir():
                    continue
                if whole or FILE_NAME.fullmatch(child.name) or _inside(child, wanted):
                    found.setdefault(child, Entry(child, _problem(child, boundary)))
        elif path.exists() or path.is_symlink():
            found.setdefault(path, Entry(path, _problem(path, None)))
        else:
            raise UsageError(f"{path}: no such file or folder")
    return [found[key] for key in sorted(found)]


def _inside(path: Path, folder: Path | None) -> bool:
    return folder is not None and Path(os.path.abspath(path)).is_relative_to(folder)


def _boundary(folder: Path, root: Path | None) -> Path:
    """Links found in a folder must stay in the repository (or in the folder, outside one)."""
    resolved = folder.resolve()
    if root is not None and resolved.is_relative_to(root.resolve()):
        return root.resolve()
    return resolved


def _problem(path: Path, boundary: Path | None) -> str | None:
    try:
        mode = path.stat().st_mode
    except OSError as error:
        if path.is_symlink():
            return "a symbolic link to nothing (dangling); fix or remove the link"
        return f"cannot read: {error.strerror}"
    if not stat.S_ISREG(mode):
        kind = (
            "a FIFO"
            if stat.S_ISFIFO(mode)
            else "a device"
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "not a regular file"
        )
        return f"{kind}, not a post-mortem file; remove it from the folder"
    if boundary is not None and path.is_symlink() and not path.resolve().is_relative_to(boundary):
        return "a symbolic link to a file outside the repository; not read. Copy the file in instead"
    return None


def check_paths(paths: Iterable[str | Path], rules: RuleSet, context: Context, scope: Path | None = None) -> Report:
    """Check every file, keeping each valid file's model (for sync and the site)."""
    files = [check_entry(entry, rules, context) for entry in find_entries(paths, context.config.root, scope)]
    report_duplicate_ids(files, rules)
    return Report(files)


def lint_paths(
    paths: Iterable[str | Path], rules: RuleSet, context: Context, jobs: int, scope: Path | None = None
) -> Report:
    """Findings only (no models), in `jobs` forked processes when there are many files."""
    found = find_entries(paths, context.config.root, scope)
    if jobs > 1 and len(found) >= PARALLEL_FROM:
        # fork: workers inherit the imported modules, rules and schemas and start in
        # milliseconds. Models stay in the workers: pickling them back costs more
        # than the second core saves.
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            files = pool.starmap(_lint_entry, [(entry, rules, context) for entry in found], chunksize=25)
    else:
        files = [_lint_entry(entry, rules, context) for entry in found]
    report_duplicate_ids(files, rules)
    return Report(files)


def _lint_entry(entry: Entry, rules: RuleSet, context: Context) -> CheckedFile:
    return replace(check_entry(entry, rules, context), postmortem=None)


def check_entry(entry: Entry, rules: RuleSet, context: Context) -> CheckedFile:
    name = str(entry.path)
    if entry.problem is not None:
        return _unreadable(name, entry.problem, rules)
    try:
        raw = entry.path.read_bytes()
    except OSError as error:
        return _unreadable(name, f"cannot read: {error.strerror}", rules)
    checked = check_bytes(name, raw, rules, context)
    checked.findings = sorted([*checked.findings, *name_findings(name, rules)])
    return checked


def name_findings(name: str, rules: RuleSet) -> list[Finding]:
    """PM013 for characters that are unsafe in URLs and pages, else PM012 for another shape."""
    base = Path(name).name
    if not SAFE_NAME.fullmatch(base):
        level = rules.level_of("PM013")
        shown = base.encode("unicode_escape").decode("ascii")[:80]
        message = f"the file name `{shown}` has characters other than letters, digits, `.`, `-` and `_`; rename it"
        return [Finding(name, 1, 1, "PM013", level, message)] if level else []
    level = rules.level_of("PM012")
    if level is None or FILE_NAME.fullmatch(base):
        return []
    message = (
        f"the file name `{base}` is not `YYYY-MM-DD-slug.yaml` (the incident's date, lower-case words and hyphens)"
    )
    return [Finding(name, 1, 1, "PM012", level, message)]


def _unreadable(name: str, problem: str, rules: RuleSet) -> CheckedFile:
    level = rules.level_of("PM001")
    return CheckedFile(name, [Finding(name, 1, 1, "PM001", level, problem)] if level else [])


def read_if_present(path: Path) -> bytes | None:
    """A file's bytes, or None when it is missing or unreadable (for files that are optional:
    a snapshot, the history file, an earlier post-mortem read for its facts)."""
    try:
        return path.read_bytes()
    except OSError:
        return None
