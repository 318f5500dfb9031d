"""The one place where an error becomes a message and an exit code.

2: usage or configuration (and a path the command cannot use), 1: findings or a GitHub failure,
130: interrupted, 3: a bug in pm-pipeline, with a line asking to report it.
"""

from __future__ import annotations

from dataclasses import dataclass

from pm_pipeline.errors import PmError

USAGE = 2
INTERRUPTED = 130
INTERNAL = 3
REPORT_URL = "https://github.com/pm-pipeline/pm-pipeline/issues"
MAX_MESSAGE = 2000


@dataclass(frozen=True)
class Failure:
    """What the user sees when a command stops early."""

    exit_code: int
    message: str


def describe(error: BaseException) -> Failure:
    """The message and exit code for an error that escaped a command."""
    if isinstance(error, PmError):
        return Failure(error.exit_code, _cap(str(error)))
    if isinstance(error, KeyboardInterrupt):
        return Failure(INTERRUPTED, "interrupted")
    if isinstance(error, OSError):
        return Failure(USAGE, _cap(os_message(error)))
    name = type(error).__name__
    return Failure(
        INTERNAL,
        f"internal error ({name}: {_cap(str(error), 300)}). This is a bug in pm-pipeline; "
        f"please report it at {REPORT_URL} with the command you ran.",
    )


def os_message(error: OSError) -> str:
    """`path: reason` without Python's `[Errno 2]` noise."""
    reason = error.strerror or str(error)
    if error.filename is not None:
        return f"{error.filename}: {reason.lower() if reason[:1].isupper() else reason}"
    return reason


def _cap(text: str, limit: int = MAX_MESSAGE) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
