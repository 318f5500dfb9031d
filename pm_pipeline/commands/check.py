"""`pm-pipeline check`: load the config, run the pipeline, report, exit code."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pm_pipeline.config import load_config
from pm_pipeline.files import lint_paths
from pm_pipeline.findings import Level
from pm_pipeline.reporters import github, pick
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


def changed_files(options: CheckOptions) -> frozenset[str]:
    """The change: files named on the command line, and those changed since --changed-from."""
    named = frozenset(str(path.resolve()) for path in options.paths if path.is_file())
    if options.changed_from is None:
        return named
    return named | changed_since(options.changed_from, Path.cwd())


def run_check(options: CheckOptions, now: datetime) -> int:
    config = load_config(options.config_path)
    rules = select_rules(config, options.select, options.ignore)
    paths = options.paths or (config.root / config.postmortems,)
    report = lint_paths(paths, rules, Context(now, config, changed_files(options)), options.jobs)
    reporter = pick(options.output_format, os.environ)
    if options.output is None:
        reporter(report, sys.stdout)
    else:
        with options.output.open("w", encoding="utf-8") as stream:
            reporter(report, stream)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary and reporter is github.report:
        with open(summary, "a", encoding="utf-8") as stream:
            stream.write(github.step_summary(report))
    failed = report.count(Level.ERROR) or (options.strict and report.count(Level.WARNING))
    return 1 if failed else 0
