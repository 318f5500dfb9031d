"""The one writer of GitHub Actions outputs ($GITHUB_OUTPUT) and the job summary ($GITHUB_STEP_SUMMARY)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping

from pm_pipeline.github_context import GitHubContext
from pm_pipeline.result import CommandResult

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
    "rescheduled",
)
PATH_OUTPUTS = ("sarif", "plan", "snapshot", "history")
OUTPUTS = (*COUNT_OUTPUTS, *PATH_OUTPUTS)
"""Every output action.yml declares, in its order."""


def publish(result: CommandResult, github: GitHubContext, declared: Iterable[str] | None = None) -> None:
    """Append the result's outputs and summary to the files Actions named (nothing outside Actions).

    With `declared` (the action), every declared output is written: counts a command does not
    produce are 0, paths are empty. Without it (the CLI in a user's own step), only the result's own.
    """
    if github.output_file:
        names = list(declared) if declared is not None else list(result.outputs)
        values = {name: result.outputs.get(name, "0" if name in COUNT_OUTPUTS else "") for name in names}
        _append(github.output_file, format_outputs(values))
    if github.summary_file:
        _append(github.summary_file, result.summary or fallback_summary(result))


def format_outputs(outputs: Mapping[str, str]) -> str:
    """`name=value` lines, a heredoc block for a value with a line break (as the runner reads them)."""
    lines = []
    for name, value in outputs.items():
        if "\n" in value:
            delimiter = f"ghadelimiter_{uuid.uuid4()}"
            lines += [f"{name}<<{delimiter}", value, delimiter]
        else:
            lines.append(f"{name}={value}")
    return "\n".join(lines) + "\n"


def parse_outputs(text: str) -> dict[str, str]:
    """`name=value` and `name<<DELIMITER` blocks, as the runner reads $GITHUB_OUTPUT (for tests and tools)."""
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


def fallback_summary(result: CommandResult) -> str:
    """For a command without a summary of its own: the verdict and the non-zero counts."""
    command = result.command or "run"
    code = result.exit_code
    verdict = "passed" if code == 0 else f"failed (exit code {code}; the log says why)"
    lines = [f"## pm-pipeline {command}", "", f"`pm-pipeline {command}` {verdict}.", ""]
    counts = [(name, result.outputs[name]) for name in COUNT_OUTPUTS if result.outputs.get(name, "0") != "0"]
    if counts:
        lines += ["| output | value |", "|---|---|", *(f"| {name} | {value} |" for name, value in counts), ""]
    return "\n".join(lines)


def annotation_error(title: str, message: str) -> str:
    """A `::error` workflow command, escaped as actions/toolkit does."""
    escaped = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::error title={title}::{escaped}"


def annotation_warning(title: str, message: str) -> str:
    """A `::warning` workflow command, escaped as actions/toolkit does."""
    escaped = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::warning title={title}::{escaped}"


def _append(path: str, text: str) -> None:
    with open(path, "a", encoding="utf-8") as stream:
        stream.write(text)
