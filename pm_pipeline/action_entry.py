"""The GitHub Action's one step: run one pm-pipeline command in this process, configured only by the environment.

`action.yml` passes each input through `env:` (never through `${{ }}` inside a script), the
runner provides `GITHUB_*` and `RUNNER_*`. This module checks the inputs, turns them into the
arguments of the same CLI users run, and runs it in-process; the CLI's one Actions writer
(`actions_io`) writes every declared output and the job summary. `site` runs MkDocs' own CLI
in-process the same way.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click

from pm_pipeline.actions_io import OUTPUTS, annotation_error, format_outputs, parse_outputs, publish
from pm_pipeline.error_handler import describe
from pm_pipeline.github_context import GitHubContext
from pm_pipeline.result import CommandResult

if TYPE_CHECKING:
    from pm_pipeline.settings import Config

INPUTS: dict[str, str] = {
    "command": "PM_COMMAND",
    "path": "PM_PATH",
    "github-token": "GITHUB_TOKEN",
    "api-url": "PM_API_URL",
    "config": "PM_CONFIG",
    "format": "PM_FORMAT",
    "max-writes": "PM_MAX_WRITES",
    "dry-run": "PM_DRY_RUN",
    "now": "PM_NOW",
    "changed-from": "PM_CHANGED_FROM",
}
"""Action input -> the environment variable action.yml sets from it."""

COMMANDS = ("check", "plan", "sync", "overdue", "history", "site")
SNAPSHOT_ENV = "PM_PIPELINE_SNAPSHOT"
NOW_ENV = "PM_PIPELINE_NOW"
TRUE = ("true", "1", "yes")

__all__ = ["INPUTS", "OUTPUTS", "InputError", "Invocation", "build", "format_outputs", "parse_outputs", "run"]


class InputError(Exception):
    """An input the action cannot use; shown as an error annotation."""


@dataclass(frozen=True)
class Invocation:
    """What one action step runs: pm-pipeline's arguments (or MkDocs' for `site`) and the environment it adds."""

    command: str
    argv: tuple[str, ...]
    env: dict[str, str] = field(default_factory=dict)


def formats(command: str) -> tuple[str, ...]:
    """The --format choices of a CLI command, read from the CLI itself (no second list)."""
    from pm_pipeline.cli import cli

    if command == "site":
        return ()
    verb = "plan" if command == "sync" else command
    for param in cli.commands[verb].params:
        if param.name == "output_format" and isinstance(param.type, click.Choice):
            return tuple(str(choice) for choice in param.type.choices)
    return ()


def build(env: Mapping[str, str], snapshot: Path | None = None, history_file: Path | None = None) -> Invocation:
    """The arguments for the inputs in env.

    `snapshot` is the status snapshot an earlier sync step wrote, if any: the site step hands it
    to the MkDocs plugin through $PM_PIPELINE_SNAPSHOT. `history_file` is where the history step
    writes its document (`history.file` of pm-pipeline.yml), for the site and the digest to read.
    """
    command = _input(env, "command") or "check"
    if command not in COMMANDS:
        raise InputError(f"command: `{command}` is not one of {', '.join(COMMANDS)}")
    choices = formats(command)
    output_format = _input(env, "format") or (choices[0] if choices else "")
    if output_format and output_format not in choices:
        allowed = f"one of {', '.join(choices)}" if choices else "used"
        raise InputError(f"format: `{output_format}` is not {allowed} with command {command}")
    dry_run = _input(env, "dry-run").lower() in TRUE
    common = _option("--config", _input(env, "config")) + _option("--now", _input(env, "now"))
    paths = tuple(_input(env, "path").split())

    if command == "check":
        sarif = Path(env.get("RUNNER_TEMP") or tempfile.gettempdir()) / "pm-pipeline.sarif"
        change = _option("--changed-from", _input(env, "changed-from"))
        argv = ("check", "--format", output_format, "--sarif-output", str(sarif), *change, *common, *paths)
        return Invocation(command, argv)
    if command == "history":
        out = ("--out", str(history_file)) if history_file else ()
        return Invocation(command, ("history", "--format", output_format, *out, *common, *paths))
    if command == "site":
        env_for_site = {SNAPSHOT_ENV: str(snapshot)} if snapshot else {}
        if _input(env, "now"):
            env_for_site[NOW_ENV] = _input(env, "now")
        return Invocation(command, ("build", "--strict"), env_for_site)

    remote = ("--repo", _required(env, "GITHUB_REPOSITORY"), *_option("--api-url", _input(env, "api-url")))
    max_writes = _input(env, "max-writes")
    if max_writes and not max_writes.isdigit():
        raise InputError(f"max-writes: `{max_writes}` is not a whole number")
    budget = _option("--max-writes", max_writes)
    if command == "overdue":
        apply = () if dry_run else ("--apply",)
        return Invocation(command, ("overdue", *remote, "--format", output_format, *budget, *apply, *common, *paths))
    verb = "plan" if command == "plan" or dry_run else "sync"
    return Invocation(command, (verb, *remote, "--format", output_format, *budget, *common, *paths))


def run(env: Mapping[str, str]) -> int:
    """Run the invocation in-process; the CLI writes the declared outputs and the summary."""
    from pm_pipeline.cli import Session

    command = _input(env, "command") or "check"
    github = GitHubContext(output_file=env.get("GITHUB_OUTPUT") or None, summary_file=env.get("GITHUB_STEP_SUMMARY"))
    try:
        invocation = build(
            env,
            snapshot=_written_snapshot(env) if command == "site" else None,
            history_file=_history_file(env) if command == "history" else None,
        )
    except Exception as error:  # an input error, or a pm-pipeline.yml the site step cannot read
        print(
            annotation_error(
                "pm-pipeline action", describe(error).message if not isinstance(error, InputError) else str(error)
            ),
            flush=True,
        )
        publish(CommandResult(2, {}, f"## pm-pipeline {command}\n\nInput error: {error}\n", command), github, OUTPUTS)
        return 2
    print(f"::debug::running {' '.join(invocation.argv)}", flush=True)
    if command == "site":
        code = _build_site(invocation)
        publish(CommandResult(code, {}, "", command), github, OUTPUTS)
        return code
    from pm_pipeline.cli import cli

    session = Session(env, declared_outputs=OUTPUTS)
    try:
        code = cli.main(list(invocation.argv), prog_name="pm-pipeline", standalone_mode=False, obj=session)
    except click.ClickException as error:  # bad arguments: click's own message and exit code
        error.show()
        code = error.exit_code
    if not session.published:  # the command stopped before it had a result: still every output, and why
        publish(CommandResult(int(code or 0), {}, "", command), github, OUTPUTS)
    return int(code or 0)


def _build_site(invocation: Invocation) -> int:
    """`mkdocs build --strict` through MkDocs' own CLI, in this process."""
    from mkdocs.__main__ import cli as mkdocs_cli

    os.environ.update({**invocation.env, "NO_MKDOCS_2_WARNING": "1"})
    try:
        mkdocs_cli.main(list(invocation.argv), prog_name="mkdocs", standalone_mode=False)
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except Exception as error:
        failure = describe(error)
        print(f"pm-pipeline: {failure.message}", file=sys.stderr)
        return failure.exit_code
    return 0


def _written_snapshot(env: Mapping[str, str]) -> Path | None:
    config = _config(env)
    path = config.root / config.sync.snapshot
    return path.resolve() if path.is_file() else None


def _history_file(env: Mapping[str, str]) -> Path:
    config = _config(env)
    return (config.root / config.history.file).resolve()


def _config(env: Mapping[str, str]) -> Config:
    from pm_pipeline.config import load_config

    config_path = _input(env, "config")
    return load_config(Path(config_path) if config_path else None)


def _input(env: Mapping[str, str], name: str) -> str:
    return env.get(INPUTS[name], "").strip()


def _required(env: Mapping[str, str], name: str) -> str:
    value = env.get(name, "").strip()
    if not value:
        raise InputError(f"${name} is not set; run this inside GitHub Actions or set it")
    return value


def _option(flag: str, value: str) -> tuple[str, ...]:
    return (flag, value) if value else ()


def main() -> None:
    sys.exit(run(os.environ))


if __name__ == "__main__":
    main()
