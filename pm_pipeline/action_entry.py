"""The GitHub Action's one step: run one pm-pipeline command, configured only by the environment.

`action.yml` passes each input through `env:` (never through `${{ }}` inside a script), the
runner provides `GITHUB_*` and `RUNNER_*`. This module turns them into one command line, runs it,
and writes every declared output and a job summary, whatever the command wrote itself.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pm_pipeline.errors import PmError

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

COUNT_OUTPUTS = (
    "errors",
    "warnings",
    "created",
    "updated",
    "closed",
    "unchanged",
    "drift",
    "overdue",
    "due-soon",
    "comments",
)
PATH_OUTPUTS = ("sarif", "plan", "snapshot")
OUTPUTS = (*COUNT_OUTPUTS, *PATH_OUTPUTS)
RENAMED = {"plan-path": "plan", "snapshot-path": "snapshot"}
"""Outputs the commands write under another name."""

FORMATS: dict[str, tuple[str, ...]] = {
    "check": ("auto", "text", "github", "json", "sarif"),
    "plan": ("text", "markdown", "json"),
    "sync": ("text", "markdown", "json"),
    "overdue": ("text", "markdown", "json"),
    "site": (),
}
COMMANDS = tuple(FORMATS)
SNAPSHOT_ENV = "PM_PIPELINE_SNAPSHOT"
NOW_ENV = "PM_PIPELINE_NOW"
TRUE = ("true", "1", "yes")


class InputError(Exception):
    """An input the action cannot use; shown as an error annotation."""


@dataclass(frozen=True)
class Invocation:
    """What one action step runs: command lines in order; the last one decides the exit code."""

    runs: tuple[tuple[str, ...], ...]
    outputs: dict[str, str]
    env: dict[str, str] = field(default_factory=dict)


def build(env: Mapping[str, str], python: str = sys.executable, snapshot: Path | None = None) -> Invocation:
    """The command lines and known outputs for the inputs in env.

    `snapshot` is the status snapshot an earlier sync step wrote, if any: the site step hands it
    to the MkDocs plugin through $PM_PIPELINE_SNAPSHOT.
    """
    command = _input(env, "command") or "check"
    if command not in COMMANDS:
        raise InputError(f"command: `{command}` is not one of {', '.join(COMMANDS)}")
    choices = FORMATS[command]
    output_format = _input(env, "format") or (choices[0] if choices else "")
    if output_format and output_format not in choices:
        allowed = f"one of {', '.join(choices)}" if choices else "used"
        raise InputError(f"format: `{output_format}` is not {allowed} with command {command}")
    dry_run = _input(env, "dry-run").lower() in TRUE
    temp = Path(env.get("RUNNER_TEMP") or tempfile.gettempdir())
    cli = (python, "-m", "pm_pipeline")
    common = _option("--config", _input(env, "config")) + _option("--now", _input(env, "now"))
    paths = tuple(_input(env, "path").split())

    if command == "check":
        sarif = temp / "pm-pipeline.sarif"
        change = _option("--changed-from", _input(env, "changed-from"))
        quiet = (*cli, "check", "--format", "sarif", "--output", str(sarif), *change, *common, *paths)
        loud = (*cli, "check", "--format", output_format, *change, *common, *paths)
        return Invocation((quiet, loud), {"sarif": str(sarif)})
    if command == "site":
        env_for_site = {SNAPSHOT_ENV: str(snapshot)} if snapshot else {}
        if _input(env, "now"):
            env_for_site[NOW_ENV] = _input(env, "now")
        return Invocation(((python, "-m", "mkdocs", "build", "--strict"),), {}, env_for_site)

    remote = ("--repo", _required(env, "GITHUB_REPOSITORY"), *_option("--api-url", _input(env, "api-url")))
    max_writes = _input(env, "max-writes")
    if max_writes and not max_writes.isdigit():
        raise InputError(f"max-writes: `{max_writes}` is not a whole number")
    budget = _option("--max-writes", max_writes)
    if command == "overdue":
        apply = () if dry_run else ("--apply",)
        return Invocation(
            ((*cli, "overdue", *remote, "--format", output_format, *budget, *apply, *common, *paths),), {}
        )
    verb = "plan" if command == "plan" or dry_run else "sync"
    return Invocation(((*cli, verb, *remote, "--format", output_format, *budget, *common, *paths),), {})


def parse_outputs(text: str) -> dict[str, str]:
    """`name=value` and `name<<DELIMITER` blocks, as the runner reads $GITHUB_OUTPUT."""
    outputs: dict[str, str] = {}
    lines = iter(text.splitlines())
    for line in lines:
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            body: list[str] = []
            for inner in lines:
                if inner == delimiter:
                    break
                body.append(inner)
            outputs[name] = "\n".join(body)
        elif "=" in line:
            name, value = line.split("=", 1)
            outputs[name] = value
    return outputs


def format_outputs(outputs: Mapping[str, str]) -> str:
    lines = []
    for name in OUTPUTS:
        value = outputs.get(name, "0" if name in COUNT_OUTPUTS else "")
        if "\n" in value:
            delimiter = f"ghadelimiter_{uuid.uuid4()}"
            lines += [f"{name}<<{delimiter}", value, delimiter]
        else:
            lines.append(f"{name}={value}")
    return "\n".join(lines) + "\n"


def fallback_summary(command: str, code: int, outputs: Mapping[str, str]) -> str:
    """Written when the command itself wrote no job summary."""
    verdict = "passed" if code == 0 else f"failed (exit code {code}; the log says why)"
    lines = [f"## pm-pipeline {command}", "", f"`pm-pipeline {command}` {verdict}.", ""]
    counts = [(name, outputs[name]) for name in COUNT_OUTPUTS if outputs.get(name, "0") != "0"]
    if counts:
        lines += ["| output | value |", "|---|---|", *(f"| {name} | {value} |" for name, value in counts), ""]
    return "\n".join(lines)


def run(env: Mapping[str, str]) -> int:
    """Run the invocation with a private $GITHUB_OUTPUT, then publish the declared outputs."""
    command = _input(env, "command") or "check"
    try:
        invocation = build(env, snapshot=_written_snapshot(env) if command == "site" else None)
    except (InputError, PmError) as error:
        message = str(error).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        print(f"::error title=pm-pipeline action::{message}")
        _append(env.get("GITHUB_STEP_SUMMARY"), f"## pm-pipeline {command}\n\nInput error: {error}\n")
        return 2
    summary = env.get("GITHUB_STEP_SUMMARY")
    summary_size = _size(summary)
    with tempfile.TemporaryDirectory(prefix="pm-pipeline-") as scratch:
        private_output = Path(scratch) / "output"
        private_output.touch()
        child_env = {**env, **invocation.env, "GITHUB_OUTPUT": str(private_output), "NO_MKDOCS_2_WARNING": "1"}
        code = 0
        for argv in invocation.runs:
            code = _execute(argv, child_env)
        written = parse_outputs(private_output.read_text(encoding="utf-8"))
    outputs = {**invocation.outputs, **{RENAMED.get(name, name): value for name, value in written.items()}}
    outputs.update({name: str(Path(outputs[name]).resolve()) for name in PATH_OUTPUTS if outputs.get(name)})
    if command == "check":
        outputs.update(_sarif_counts(Path(outputs["sarif"])))
    _append(env.get("GITHUB_OUTPUT"), format_outputs(outputs))
    if _size(summary) == summary_size:
        _append(summary, fallback_summary(command, code, outputs))
    return code


def _written_snapshot(env: Mapping[str, str]) -> Path | None:
    from pm_pipeline.config import load_config

    config_path = _input(env, "config")
    config = load_config(Path(config_path) if config_path else None)
    path = config.root / config.sync.snapshot
    return path.resolve() if path.is_file() else None


def _execute(argv: Sequence[str], env: Mapping[str, str]) -> int:
    print(f"::debug::running {' '.join(argv[1:])}", flush=True)
    return subprocess.run(argv, env=dict(env), check=False).returncode


def _sarif_counts(path: Path) -> dict[str, str]:
    import json

    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    levels = [result.get("level") for run in document.get("runs", []) for result in run.get("results", [])]
    return {"errors": str(levels.count("error")), "warnings": str(levels.count("warning"))}


def _input(env: Mapping[str, str], name: str) -> str:
    return env.get(INPUTS[name], "").strip()


def _required(env: Mapping[str, str], name: str) -> str:
    value = env.get(name, "").strip()
    if not value:
        raise InputError(f"${name} is not set; run this inside GitHub Actions or set it")
    return value


def _option(flag: str, value: str) -> tuple[str, ...]:
    return (flag, value) if value else ()


def _size(path: str | None) -> int:
    return os.path.getsize(path) if path and os.path.exists(path) else 0


def _append(path: str | None, text: str) -> None:
    if path:
        with open(path, "a", encoding="utf-8") as stream:
            stream.write(text)


def main() -> None:
    sys.exit(run(os.environ))


if __name__ == "__main__":
    main()
