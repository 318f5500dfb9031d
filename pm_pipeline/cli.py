"""The `pm-pipeline` command: thin commands over the core, one place for errors."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from pm_pipeline import __version__
from pm_pipeline.actions_io import publish
from pm_pipeline.commands.history import history_command
from pm_pipeline.error_handler import describe
from pm_pipeline.errors import UsageError
from pm_pipeline.github_context import GitHubContext
from pm_pipeline.result import CommandResult

NOW_ENV = "PM_PIPELINE_NOW"


def parse_now(value: str | None) -> datetime:
    """`--now` / $PM_PIPELINE_NOW: an ISO 8601 date or date-time; naive means UTC."""
    if not value:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(value)
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    except (ValueError, OverflowError):
        raise UsageError(f"--now: `{value}` is not an ISO 8601 date or date-time") from None


now_option = click.option("--now", envvar=NOW_ENV, metavar="WHEN", help=f"Fix the clock (ISO 8601; also ${NOW_ENV}).")
config_option = click.option("--config", "config_path", type=click.Path(path_type=Path), help="pm-pipeline.yml to use.")


@dataclass
class Session:
    """What one run of the CLI reads from its process: the environment, once; the action's declared outputs."""

    env: Mapping[str, str]
    declared_outputs: tuple[str, ...] | None = None
    published: bool = False

    def github(self, repository: str | None = None, api_url: str | None = None) -> GitHubContext:
        return GitHubContext.from_env(self.env, repository, api_url)


def _session() -> Session:
    ctx = click.get_current_context()
    root = ctx.find_root()
    if not isinstance(root.obj, Session):
        root.obj = Session(os.environ)
    return root.obj


def _finish(result: CommandResult, github: GitHubContext) -> None:
    """The end of every reporting command: Actions outputs and summary (one writer), then the exit code."""
    session = _session()
    publish(result, github, session.declared_outputs)
    session.published = True
    click.get_current_context().exit(result.exit_code)


class PmGroup(click.Group):
    """Every error a command raises goes through `error_handler`: a clean message and its exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except Exception as error:
            failure = describe(error)
        except KeyboardInterrupt as error:
            failure = describe(error)
        click.echo(f"pm-pipeline: {failure.message}", err=True)
        ctx.exit(failure.exit_code)


@click.group(cls=PmGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pm-pipeline")
def cli() -> None:
    """Blameless post-mortems as code: check, plan, sync, publish."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    default="auto",
    show_default=True,
    type=click.Choice(["auto", "text", "github", "json", "sarif"]),
    help="Output format.",
)
@click.option("--output", "-o", type=click.Path(path_type=Path), help="Write the report to a file.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--select", multiple=True, metavar="CODE", help="Only these codes or prefixes (PM1, PM201).")
@click.option("--ignore", multiple=True, metavar="CODE", help="Skip these codes or prefixes.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Worker processes for 200 files or more; 0 means one per CPU.",
)
@click.option(
    "--changed-from",
    metavar="REV",
    help="The change is what differs from REV (e.g. HEAD^1 in a pull request's merge commit); "
    "late drafts and missed reviews elsewhere are reminders, never failures.",
)
@click.option(
    "--baseline",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Findings recorded here are not reported (default: pm-pipeline-baseline.json, if present).",
)
@click.option("--write-baseline", is_flag=True, help="Record today's findings in the baseline file and pass.")
@click.option("--no-baseline", is_flag=True, help="Report every finding, baselined or not.")
@click.option(
    "--sarif-output",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Also write a SARIF report to FILE (for code scanning), whatever --format is.",
)
@now_option
@config_option
def check(
    paths: tuple[Path, ...],
    output_format: str,
    output: Path | None,
    strict: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    jobs: int,
    changed_from: str | None,
    baseline: Path | None,
    write_baseline: bool,
    no_baseline: bool,
    sarif_output: Path | None,
    now: str | None,
    config_path: Path | None,
) -> None:
    """Check post-mortems (default: the postmortems/ folder).

    A finding that exists only because time passed (a draft past its SLA, a missed follow-up
    review) blocks only when its file is part of the change: a file named on the command line
    or changed since --changed-from. Anywhere else it is a reminder: shown, never failing.
    """
    from pm_pipeline.commands.check import CheckOptions, run_check

    workers = jobs or len(os.sched_getaffinity(0))
    options = CheckOptions(
        paths,
        output_format,
        output,
        strict,
        select,
        ignore,
        config_path,
        workers,
        changed_from,
        baseline,
        write_baseline,
        not no_baseline,
        sarif_output,
    )
    github = _session().github()
    _finish(run_check(options, parse_now(now), github), github)


@cli.command()
@click.argument("code", required=False)
def rules(code: str | None) -> None:
    """Show the documentation of one rule, or list them all."""
    from pm_pipeline.rules import ALL_RULES, RULES_BY_CODE
    from pm_pipeline.rules.docs import page_of, summary_of

    if code is None:
        for rule in ALL_RULES:
            click.echo(f"{rule.code}  {rule.name:<28} {rule.level.value:<8} {summary_of(rule)}")
        return
    chosen = RULES_BY_CODE.get(code.upper())
    if chosen is None:
        raise UsageError(f"no rule {code}; `pm-pipeline rules` lists them")
    click.echo(page_of(chosen))


def _sync_options(command: Any) -> Any:
    options = [
        click.argument("paths", nargs=-1, type=click.Path(path_type=Path)),
        click.option("--repo", metavar="OWNER/NAME", help="Repository of the issues (default: $GITHUB_REPOSITORY)."),
        click.option(
            "--api-url", metavar="URL", help="GitHub API URL (default: $GITHUB_API_URL, else https://api.github.com)."
        ),
        click.option(
            "--format",
            "output_format",
            default="text",
            show_default=True,
            type=click.Choice(["text", "markdown", "json"]),
            help="How to print the plan.",
        ),
        click.option(
            "--max-writes", type=int, metavar="N", help="Most writes in this run (default: sync.max_writes, 50)."
        ),
        click.option(
            "--snapshot",
            type=click.Path(path_type=Path),
            metavar="PATH",
            help="Where to write the status snapshot (default: sync.snapshot).",
        ),
        now_option,
        config_option,
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _run_sync(
    apply: bool,
    paths: tuple[Path, ...],
    repo: str | None,
    api_url: str | None,
    output_format: str,
    max_writes: int | None,
    snapshot: Path | None,
    now: str | None,
    config_path: Path | None,
) -> None:
    from pm_pipeline.commands.sync import SyncOptions, run_plan

    options = SyncOptions(paths, output_format, max_writes, snapshot, config_path, repo, api_url)
    github = _session().github(repo, api_url)
    _finish(run_plan(options, parse_now(now), apply=apply, github=github), github)


@cli.command("import")
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("postmortems"),
    show_default=True,
    help="Folder to write the YAML files into.",
)
@click.option("--force", is_flag=True, help="Replace a YAML file that already exists.")
@now_option
@config_option
def import_command(
    sources: tuple[Path, ...], out: Path, force: bool, now: str | None, config_path: Path | None
) -> None:
    """Convert Markdown post-mortems (the runbook's template, Google's, free-form) into YAML.

    Text is copied verbatim. Sections that map to no field are kept under `notes`; every guessed
    value carries a `# imported: guessed ...` comment; both are listed on stderr. Then the rules
    run on the new files and their findings are printed. Exit 1 if a file could not be imported.
    """
    from pm_pipeline.commands.importing import ImportOptions, run_import

    sys.exit(run_import(ImportOptions(sources, out, force, config_path), parse_now(now)))


@cli.command("export")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("export"),
    show_default=True,
    help="Folder to write the files into.",
)
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(["json", "ndjson", "csv"]),
    help="Only these formats (repeatable; default: all three).",
)
@click.option(
    "--snapshot",
    type=click.Path(path_type=Path),
    metavar="PATH",
    help="Issue status from this sync snapshot (default: sync.snapshot, when it exists).",
)
@now_option
@config_option
def export_command(
    paths: tuple[Path, ...],
    out: Path,
    formats: tuple[str, ...],
    snapshot: Path | None,
    now: str | None,
    config_path: Path | None,
) -> None:
    """Write every post-mortem and action item as JSON, NDJSON and CSV (for DuckDB, pandas, sheets).

    Files: postmortems.json (both tables), incidents.{csv,ndjson}, action_items.{csv,ndjson}.
    Column names are stable: docs/guide/export.md. Exit 1 if a file was skipped for schema errors.
    """
    from pm_pipeline.commands.export import FORMATS, ExportOptions, run_export

    options = ExportOptions(paths, out, formats or FORMATS, snapshot, config_path)
    sys.exit(run_export(options, parse_now(now)))


@cli.command()
@_sync_options
def plan(**options: Any) -> None:
    """Show what a sync would do. The token comes from $GITHUB_TOKEN; without one, plan offline."""
    _run_sync(False, **options)


@cli.command()
@_sync_options
def sync(**options: Any) -> None:
    """Create, update and close issues for action items. Token from $GITHUB_TOKEN; never on PR events."""
    _run_sync(True, **options)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--apply", "apply_changes", is_flag=True, help="Make the changes (default: report only).")
@click.option("--repo", metavar="OWNER/NAME", help="Repository of the issues (default: $GITHUB_REPOSITORY).")
@click.option(
    "--api-url", metavar="URL", help="GitHub API URL (default: $GITHUB_API_URL, else https://api.github.com)."
)
@click.option(
    "--format",
    "output_format",
    default="text",
    show_default=True,
    type=click.Choice(["text", "markdown", "json"]),
    help="Report format.",
)
@click.option("--max-writes", type=int, metavar="N", help="Most writes in this run (default: sync.max_writes, 50).")
@now_option
@config_option
def overdue(
    paths: tuple[Path, ...],
    apply_changes: bool,
    repo: str | None,
    api_url: str | None,
    output_format: str,
    max_writes: int | None,
    now: str | None,
    config_path: Path | None,
) -> None:
    """Chase overdue action items: labels, one comment per escalation tier, the digest issue.

    Reports only unless --apply. Token from $GITHUB_TOKEN; --apply never runs on PR events.
    """
    from pm_pipeline.commands.overdue import OverdueOptions, run_overdue

    options = OverdueOptions(paths, repo, api_url, apply_changes, max_writes, output_format, config_path)
    github = _session().github(repo, api_url)
    _finish(run_overdue(options, parse_now(now), github), github)


def user_handle() -> str:
    """`new`'s default author: the login name from the environment, as a handle."""
    return "@" + _session().env.get("USER", "you")


from pm_pipeline.commands.authoring import init, new  # noqa: E402

cli.add_command(init)
cli.add_command(new)
cli.add_command(history_command)


def main() -> None:
    cli(prog_name="pm-pipeline")
