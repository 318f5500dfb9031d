"""What git says about the change: the files touched since a base revision. An edge: it runs git."""

from __future__ import annotations

import subprocess
from pathlib import Path

from pm_pipeline.errors import UsageError


def changed_since(base: str, cwd: Path) -> frozenset[str]:
    """Resolved paths of files changed since `base` (its merge base with the work tree), untracked included."""
    top = _git(["rev-parse", "--show-toplevel"], cwd).strip()
    tracked = _git(["diff", "--name-only", "-z", "--merge-base", base, "--"], cwd)
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], cwd)
    # diff prints paths relative to the top, ls-files relative to cwd
    paths = [Path(top) / name for name in tracked.split("\0") if name]
    paths += [cwd / name for name in untracked.split("\0") if name]
    return frozenset(str(path.resolve()) for path in paths)


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except OSError as error:
        raise UsageError(f"--changed-from needs git: {error.strerror}") from None
    if done.returncode != 0:
        detail = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"
        raise UsageError(f"--changed-from: git {args[0]} failed: {detail}")
    return done.stdout
