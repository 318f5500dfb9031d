"""`pm-pipeline init` and `pm-pipeline new`: a repository ready in one command, and a skeleton to fill."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from pm_pipeline.errors import UsageError
from pm_pipeline.release import RELEASE_TAG


class Moment(click.ParamType[datetime, Any]):
    """An ISO 8601 date-time with an offset (`Z` or `+01:00`), as the file format wants it."""

    name = "date-time"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> datetime:
        if isinstance(value, datetime):
            return value
        text = str(value).strip()
        try:
            moment = datetime.fromisoformat(text)
        except (ValueError, OverflowError):
            self.fail(f"`{text}` is not an ISO 8601 date-time; write e.g. 2025-02-09T10:05:23Z", param, ctx)
        if moment.tzinfo is None and ":" not in text:
            self.fail(f"`{text}` is a date; add the time and offset, e.g. {text}T10:05:00Z", param, ctx)
        if moment.tzinfo is None:
            self.fail(f"`{text}` has no offset; add Z for UTC (e.g. {text}Z) or the offset, e.g. +01:00", param, ctx)
        return moment.astimezone(UTC)


class Severity(click.ParamType[str, Any]):
    """One of the severities of pm-pipeline.yml (P1-P4 by default)."""

    name = "severity"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from pm_pipeline.config import load_config

        allowed = load_config().severities
        if str(value) not in allowed:
            self.fail(f"`{value}` is not one of {', '.join(allowed)} (severities in pm-pipeline.yml)", param, ctx)
        return str(value)


def _user_handle() -> str:
    from pm_pipeline.cli import user_handle

    return user_handle()


@click.command()
@click.option("--title", prompt=True, help="One line that says what happened.")
@click.option("--severity", prompt=True, default="P3", show_default=True, type=Severity(), help="P1 (worst) to P4.")
@click.option(
    "--started",
    prompt="Started at (ISO 8601 with offset, e.g. 2025-02-09T10:05:00Z)",
    type=Moment(),
    help="When impact began (ISO 8601 with an offset).",
)
@click.option(
    "--resolved",
    prompt="Resolved at (ISO 8601 with offset)",
    type=Moment(),
    help="When it was resolved (ISO 8601 with an offset).",
)
@click.option("--author", prompt=True, default=lambda: _user_handle(), help="Your handle.")
@click.option("--slug", default="", help="File-name slug (default: from the title).")
@click.option("--dir", "folder", type=click.Path(path_type=Path), default=Path("postmortems"), show_default=True)
def new(title: str, severity: str, started: datetime, resolved: datetime, author: str, slug: str, folder: Path) -> None:
    """Write a new post-mortem skeleton named by date and slug."""
    from pm_pipeline.commands.init import schema_for
    from pm_pipeline.scaffold import NewPostmortem, write_skeleton

    if resolved < started:
        raise UsageError(
            f"--resolved: {resolved:%Y-%m-%dT%H:%M:%SZ} is before --started ({started:%Y-%m-%dT%H:%M:%SZ}); "
            "an incident is resolved after it starts"
        )
    skeleton = NewPostmortem(title, severity, started, resolved, author, slug)
    schema_ref, schema_written = schema_for(folder)
    try:
        path = write_skeleton(skeleton, folder, schema_ref)
    except FileExistsError:
        raise UsageError(f"{folder / skeleton.file_name} exists already; pick another --slug") from None
    if schema_written is not None:
        click.echo(f"Wrote {schema_written} (the schema your editor reads; `pm-pipeline init` keeps it current).")
    click.echo(f"Wrote {path}. Fill in the TODOs, then run: pm-pipeline check {path}")


@click.command()
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path), default=Path("."))
@click.option(
    "--action-ref",
    metavar="REF",
    help=f"The commit (or tag) the workflows and pre-commit pin (default: the commit of {RELEASE_TAG}).",
)
def init(directory: Path, action_ref: str | None) -> None:
    """Make DIRECTORY (default: here) ready: config, an example, site, workflows, pre-commit, schema.

    Safe to rerun: a file you changed is never overwritten; it says what it wrote and what it left."""
    from pm_pipeline.commands.init import init_repository
    from pm_pipeline.starter import EXAMPLE_NAME, default_action_ref

    ref = action_ref or default_action_ref()
    directory.mkdir(parents=True, exist_ok=True)
    report = init_repository(directory, ref)
    for line in report.lines():
        click.echo(line)
    click.echo(
        f"{len(report.written)} written, {len(report.updated)} updated, {len(report.unchanged)} unchanged, "
        f"{len(report.left)} left as they are."
    )
    if ref == RELEASE_TAG:
        click.echo(
            f"note: the workflows pin the tag {RELEASE_TAG}; replace it with the tag's commit "
            f"(`git ls-remote https://github.com/pm-pipeline/pm-pipeline {RELEASE_TAG}`) or rerun with --action-ref",
            err=True,
        )
    if any(name.endswith(EXAMPLE_NAME) for name in report.written):
        click.echo(
            f"The example {EXAMPLE_NAME} shows every field; publishing opens issues for its open action "
            "items, so delete or replace it before the first merge."
        )
    click.echo("Next: pm-pipeline new, then pm-pipeline check.")
