"""`pm-pipeline check`: load the config, run the pipeline, report, exit code."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TextIO

from pm_pipeline.baseline import DEFAULT_NAME, STALE_CODE, apply_baseline, dump_baseline, make_baseline, parse_baseline
from pm_pipeline.checker import Report
from pm_pipeline.commands.init import stale_schema
from pm_pipeline.config import load_config
from pm_pipeline.errors import UsageError
from pm_pipeline.files import lint_paths
from pm_pipeline.findings import Level
from pm_pipeline.github_context import GitHubContext
from pm_pipeline.recurrence_check import add_recurrence_findings
from pm_pipeline.reporters import github as github_reporter
from pm_pipeline.reporters import pick, sarif
from pm_pipeline.result import CommandResult
from pm_pipeline.rules.base import Context
from pm_pipeline.rules.selection import select_rules
from pm_pipeline.vcs import changed_since


@dataclass(frozen=True)
class CheckOptions:
    paths: tuple[Path, ...]
    output_format: str
    output: Path | None
    strict: bool
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    config_path: Path | None
    jobs: int = 1
    changed_from: str | None = None
    baseline: Path | None = None
    write_baseline: bool = False
    use_baseline: bool = True
    sarif_output: Path | None = None
    """Also write a SARIF report here (the action uploads it to code scanning)."""


def changed_files(options: CheckOptions) -> frozenset[str]:
    """The change: files named on the command line, and those changed since --changed-from."""
    named = frozenset(str(path.resolve()) for path in options.paths if path.is_file())
    if options.changed_from is None:
        return named
    return named | changed_since(options.changed_from, Path.cwd())


def write_baseline(report: Report, path: Path, root: Path) -> Report:
    """Record today's findings; the report left has none of them (so the run passes)."""
    lines_of, relative = _reader(root)
    entries = make_baseline(report.findings, lines_of, relative)
    path.write_text(dump_baseline(entries), encoding="utf-8")
    held = sum(entry.count for entry in entries)
    sys.stderr.write(f"Wrote {path}: {held} finding(s) in {len({e.path for e in entries})} file(s) baselined.\n")
    return filter_by_baseline(report, path, root, stale_level=None)


def filter_by_baseline(report: Report, path: Path, root: Path, stale_level: Level | None) -> Report:
    try:
        entries = parse_baseline(path.read_text(encoding="utf-8"), str(path))
    except FileNotFoundError:
        raise UsageError(f"--baseline: {path}: no such file (write it with --write-baseline)") from None
    lines_of, relative = _reader(root)
    checked = {relative(file.path) for file in report.files}
    filtered = apply_baseline(
        report.findings, entries, lines_of, relative, baseline_path=_shown(path), checked=checked.__contains__
    )
    kept = {id(finding) for finding in filtered.findings}
    files = [replace(file, findings=[f for f in file.findings if id(f) in kept]) for file in report.files]
    stale = [replace(f, level=stale_level) for f in filtered.stale] if stale_level is not None else []
    return Report(files, [*(f for f in report.extra if id(f) in kept), *stale], report.baselined + filtered.baselined)


def _reader(root: Path) -> tuple[Callable[[str], Sequence[str]], Callable[[str], str]]:
    @functools.cache
    def lines_of(name: str) -> Sequence[str]:
        try:
            return Path(name).read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return ()

    def relative(name: str) -> str:
        candidate = Path(name).resolve()
        return candidate.relative_to(root.resolve()).as_posix() if candidate.is_relative_to(root.resolve()) else name

    return lines_of, relative


def _shown(path: Path) -> str:
    return path.resolve().relative_to(Path.cwd()).as_posix() if path.resolve().is_relative_to(Path.cwd()) else str(path)


def run_check(options: CheckOptions, now: datetime, github: GitHubContext, out: TextIO | None = None) -> CommandResult:
    config = load_config(options.config_path)
    rules = select_rules(config, options.select, options.ignore)
    stale = stale_schema(config.root)
    if stale:
        sys.stderr.write(stale + "\n")
    paths = options.paths or (config.root / config.postmortems,)
    context = Context(now, config, changed_files(options))
    report = lint_paths(paths, rules, context, options.jobs, scope=config.root / config.postmortems)
    report = add_recurrence_findings(report, rules, context)
    baseline_path = options.baseline or config.root / DEFAULT_NAME
    if options.write_baseline:
        report = write_baseline(report, baseline_path, config.root)
    elif options.use_baseline and (options.baseline is not None or baseline_path.is_file()):
        report = filter_by_baseline(report, baseline_path, config.root, stale_level=rules.level_of(STALE_CODE))
    reporter = pick(options.output_format, github.in_actions)
    if options.output is None:
        reporter(report, out or sys.stdout)
    else:
        with options.output.open("w", encoding="utf-8") as stream:
            reporter(report, stream)
    outputs = {"errors": str(report.count(Level.ERROR)), "warnings": str(report.count(Level.WARNING))}
    if options.sarif_output is not None:
        with options.sarif_output.open("w", encoding="utf-8") as stream:
            sarif.report(report, stream)
        outputs["sarif"] = str(options.sarif_output.resolve())
    failed = report.count(Level.ERROR) or (options.strict and report.count(Level.WARNING))
    return CommandResult(1 if failed else 0, outputs, github_reporter.step_summary(report), "check")
