"""`pm-pipeline history`: deadline and owner slips and the measured publishing time, from git."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TextIO

import click

from pm_pipeline.result import CommandResult

FORMATS = ("text", "json", "markdown")


@dataclass(frozen=True)
class HistoryOptions:
    paths: tuple[Path, ...] = ()
    output_format: str = "text"
    out: Path | None = None
    first_parent: bool = False
    config_path: Path | None = None


def run_history(options: HistoryOptions, now: datetime, out: TextIO | None = None) -> CommandResult:
    from pm_pipeline import history_report
    from pm_pipeline.config import load_config
    from pm_pipeline.errors import UsageError
    from pm_pipeline.history import Revision, build_history
    from pm_pipeline.vcs import file_revisions, read_blobs, top_level

    config = load_config(options.config_path)
    paths = options.paths or (config.root / config.postmortems,)
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path}: no such file or folder")
    cwd = Path.cwd()
    root = top_level(cwd)
    found = file_revisions([str(path) for path in paths], cwd, first_parent=options.first_parent)
    found = [r for r in found if r.path.endswith((".yaml", ".yml"))]
    blobs = read_blobs((r.blob for r in found if r.blob), root)
    revisions = (Revision(r.commit, r.committed_at, r.path, blobs.get(r.blob) if r.blob else None) for r in found)
    history = build_history(revisions, config.publish_sla_hours)
    if options.output_format == "json":
        text = history_report.to_json(history, now)
    else:
        text = (history_report.to_markdown if options.output_format == "markdown" else history_report.to_text)(history)
    (out or sys.stdout).write(text)
    outputs = {
        "reports": str(len(history.reports)),
        "rescheduled": str(sum(1 for i in history.items if i.deadline_moves)),
    }
    if options.out is not None:
        options.out.parent.mkdir(parents=True, exist_ok=True)
        options.out.write_text(history_report.to_json(history, now), encoding="utf-8")
        outputs["history"] = str(options.out.resolve())
    return CommandResult(0, outputs, history_report.to_markdown(history), "history")


@click.command("history")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", default="text", show_default=True, type=click.Choice(FORMATS))
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Also write the JSON document here (the site and the overdue digest read it: history.file).",
)
@click.option("--first-parent", is_flag=True, help="Only the commits of the current branch (when changes landed).")
@click.option("--now", envvar="PM_PIPELINE_NOW", metavar="WHEN", help="Fix the clock (ISO 8601).")
@click.option("--config", "config_path", type=click.Path(path_type=Path), help="pm-pipeline.yml to use.")
def history_command(
    paths: tuple[Path, ...],
    output_format: str,
    out: Path | None,
    first_parent: bool,
    now: str | None,
    config_path: Path | None,
) -> None:
    """Deadline and owner changes of every action item, and the measured time to publish, from `git log`.

    Reads every revision of the post-mortem files (default: the postmortems folder) with one
    `git log` and one `git cat-file`; unreadable revisions are skipped and counted.
    """
    from pm_pipeline.cli import _finish, _session, parse_now

    result = run_history(HistoryOptions(paths, output_format, out, first_parent, config_path), parse_now(now))
    _finish(result, _session().github())
