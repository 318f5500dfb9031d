"""`path:line:col: level CODE message`, one line each, then a count."""

from __future__ import annotations

from typing import TextIO

from pm_pipeline.checker import Report
from pm_pipeline.findings import Level


def report(result: Report, out: TextIO) -> None:
    for finding in result.findings:
        out.write(f"{finding.path}:{finding.line}:{finding.column}: {finding.level} {finding.code} {finding.message}\n")
    out.write(summary_line(result) + "\n")


def summary_line(result: Report) -> str:
    errors, warnings = result.count(Level.ERROR), result.count(Level.WARNING)
    files = len(result.files)
    reminders = result.count(Level.REMINDER)
    about = "lateness or recurrence" if any(f.code.startswith("PM6") for f in result.findings) else "lateness"
    asides = [f"{_plural(reminders, 'reminder')} of {about}, not blocking"] if reminders else []
    if result.baselined:
        asides.append(f"{result.baselined} baselined")
    aside = f" ({'; '.join(asides)})" if asides else ""
    if not errors and not warnings:
        return f"All good: {files} post-mortem{'s' if files != 1 else ''} checked{aside}."
    return f"Found {_plural(errors, 'error')} and {_plural(warnings, 'warning')} in {_plural(files, 'file')}{aside}."


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
