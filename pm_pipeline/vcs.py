"""What git says: files changed since a base revision, every revision of the post-mortems. An edge: it runs git."""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
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


@dataclass(frozen=True)
class FileRevision:
    """One commit's version of one file: `blob` is None when the commit deleted it."""

    commit: str
    committed_at: datetime
    path: str
    blob: str | None


def file_revisions(paths: Sequence[str], cwd: Path, *, first_parent: bool = False) -> list[FileRevision]:
    """Every revision of the files under `paths`, oldest first, from one `git log` for all of them."""
    args = ["-c", "core.quotepath=off", "log", "--reverse", "--no-renames", "--no-abbrev", "--raw", "-z"]
    args += ["--format=%x1e%H%x1f%cI"]
    if first_parent:
        args += ["--first-parent", "--diff-merges=first-parent"]
    out = _run(["git", *args, "--", *paths], cwd, "history").decode("utf-8", errors="surrogateescape")
    revisions = []
    for chunk in out.split("\x1e"):
        if not chunk:
            continue
        header, _, body = chunk.partition("\0")
        commit, _, when = header.partition("\x1f")
        committed_at = datetime.fromisoformat(when.strip())
        tokens = body.lstrip("\n").split("\0")
        for meta, path in zip(tokens[0::2], tokens[1::2], strict=False):
            fields = meta.split()
            if len(fields) < 5 or not meta.startswith(":"):
                continue
            blob = None if fields[4].startswith("D") or set(fields[3]) == {"0"} else fields[3]
            revisions.append(FileRevision(commit, committed_at, path, blob))
    return revisions


def read_blobs(blobs: Iterable[str], cwd: Path) -> dict[str, bytes]:
    """The contents of many blobs from one `git cat-file --batch`."""
    wanted = list(dict.fromkeys(blobs))
    if not wanted:
        return {}
    out = _run(["git", "cat-file", "--batch"], cwd, "history", ("\n".join(wanted) + "\n").encode())
    contents: dict[str, bytes] = {}
    position = 0
    for blob in wanted:
        end = out.index(b"\n", position)
        header = out[position:end].split()
        position = end + 1
        if len(header) < 3 or header[1] == b"missing":
            continue
        size = int(header[2])
        contents[blob] = out[position : position + size]
        position += size + 1
    return contents


def top_level(cwd: Path) -> Path:
    return Path(_run(["git", "rev-parse", "--show-toplevel"], cwd, "history").decode().strip())


def _run(command: list[str], cwd: Path, what: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(command, cwd=cwd, input=stdin, capture_output=True, check=False)
    except OSError as error:
        raise UsageError(f"{what} needs git: {error.strerror}") from None
    if done.returncode != 0:
        detail = done.stderr.decode(errors="replace").strip().splitlines()
        raise UsageError(
            f"{what}: git {command[1 if command[1] != '-c' else 3]} failed: {detail[-1] if detail else done.returncode}"
        )
    return done.stdout
