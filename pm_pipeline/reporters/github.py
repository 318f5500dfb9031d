"""GitHub Actions workflow commands (annotations), grouped by file.

Escaping follows actions/toolkit `command.ts`: the message escapes %, CR and LF;
property values also escape `:` and `,`.
"""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from pm_pipeline.checker import Report
from pm_pipeline.findings import Finding, Level
from pm_pipeline.reporters.text import summary_line

ANNOTATION = {Level.ERROR: "error", Level.WARNING: "warning", Level.REMINDER: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def report(result: Report, out: TextIO) -> None:
    for path, findings in groupby(result.findings, key=lambda finding: finding.path):
        out.write(f"::group::{escape_data(path)}\n")
        for finding in findings:
            properties = ",".join(
                f"{key}={escape_property(value)}"
                for key, value in (
                    ("file", finding.path),
                    ("line", str(finding.line)),
                    ("col", str(finding.column)),
                    ("title", f"{finding.code}"),
                )
            )
            out.write(f"::{ANNOTATION[finding.level]} {properties}::{escape_data(finding.message)}\n")
        out.write("::endgroup::\n")
    out.write(summary_line(result) + "\n")


def step_summary(result: Report) -> str:
    """Markdown for $GITHUB_STEP_SUMMARY: the findings, then the reminders of lateness apart."""
    lines = ["## Post-mortem check", "", summary_line(result), ""]
    blocking = [f for f in result.findings if f.level is not Level.REMINDER]
    reminders = [f for f in result.findings if f.level is Level.REMINDER]
    if blocking:
        lines += _table(blocking)
    if reminders:
        lines += [
            "### Reminders (not blocking)",
            "",
            "Late reports, missed reviews and recurrences in files this change does not touch. "
            "The overdue job and the site chase them.",
            "",
        ]
        lines += _table(reminders)
    return "\n".join(lines) + "\n"


def _table(findings: list[Finding]) -> list[str]:
    rows = [f"| `{f.path}` | {f.line}:{f.column} | {f.level} | {f.code} | {_cell(f.message)} |" for f in findings]
    return ["| file | line | level | code | message |", "|---|---|---|---|---|", *rows, ""]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
