"""The few errors that stop a command; `error_handler` maps each to a message and an exit code."""


class PmError(Exception):
    """Base: a clean message for the user, never a traceback."""

    exit_code = 2


class UsageError(PmError):
    """Bad options or arguments."""


class ConfigError(PmError):
    """pm-pipeline.yml is invalid."""


class GitHubError(PmError):
    """The GitHub API refused or failed in a way a rerun may fix."""

    exit_code = 1
