"""`pm-pipeline init`: the starter files written into a repository, safely and again.

`.pm-pipeline/manifest.json` records the SHA-256 of every file as init wrote it. On a rerun a
file is rewritten only when it still has the recorded hash (nobody changed it); a file a person
changed, or one that existed before init and differs, is left alone and named. A file init
wrote and a person deleted stays deleted. `.gitignore` only ever gains missing lines.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from pm_pipeline import __version__
from pm_pipeline.starter import (
    MANIFEST,
    POSTMORTEM_SCHEMA,
    gitignore_additions,
    schema_texts,
    starter_files,
)

EXECUTABLE = ("scripts/site",)


@dataclass
class InitReport:
    written: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    left: list[tuple[str, str]] = field(default_factory=list)
    """(path, why) of files init did not touch."""

    def lines(self) -> list[str]:
        out = [f"wrote     {path}" for path in self.written]
        out += [f"updated   {path}" for path in self.updated]
        out += [f"unchanged {path}" for path in self.unchanged]
        out += [f"left      {path}: {why}" for path, why in self.left]
        return out


def packaged(*parts: str) -> str:
    """A file shipped in the package: the schemas, the example and the workflows."""
    return resources.files("pm_pipeline").joinpath(*parts).read_text(encoding="utf-8")


def digest(text: str) -> str:
    import hashlib  # OpenSSL costs ~5 ms to load; `check` imports this module for stale_schema only

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_manifest(root: Path) -> dict[str, str]:
    try:
        data = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}


def init_repository(root: Path, action_ref: str) -> InitReport:
    report = InitReport()
    recorded = read_manifest(root)
    manifest: dict[str, str] = {}
    for name, text in starter_files(packaged, action_ref, _postmortems_folder(root)).items():
        _place(root, name, text, recorded, manifest, report)
    _gitignore(root, report)
    _write_manifest(root, manifest)
    return report


def _postmortems_folder(root: Path) -> str:
    """The folder an existing pm-pipeline.yml names (a broken one is the user's to fix: the default)."""
    from pm_pipeline.config import load_config
    from pm_pipeline.errors import ConfigError

    try:
        return load_config(root=root).postmortems
    except ConfigError:
        return "postmortems"


def _place(
    root: Path, name: str, text: str, recorded: dict[str, str], manifest: dict[str, str], report: InitReport
) -> None:
    target = root / name
    wanted = digest(text)
    if not target.exists():
        if name in recorded:
            report.left.append((name, "deleted since init wrote it; not recreated"))
            manifest[name] = recorded[name]
            return
        _write(target, text, executable=name in EXECUTABLE)
        report.written.append(name)
        manifest[name] = wanted
        return
    current = digest(target.read_text(encoding="utf-8", errors="replace"))
    if current == wanted:
        report.unchanged.append(name)
        manifest[name] = wanted
    elif recorded.get(name) == current:
        _write(target, text, executable=name in EXECUTABLE)
        report.updated.append(name)
        manifest[name] = wanted
    else:
        why = "changed since init wrote it" if name in recorded else "exists and was not written by init"
        report.left.append((name, f"{why}; kept as it is"))
        if name in recorded:
            manifest[name] = recorded[name]


def _gitignore(root: Path, report: InitReport) -> None:
    path = root / ".gitignore"
    existing = path.read_text(encoding="utf-8") if path.exists() else ""
    missing = gitignore_additions(existing)
    if not missing:
        report.unchanged.append(".gitignore")
        return
    prefix = "" if not existing or existing.endswith("\n") else "\n"
    header = "# pm-pipeline: the built site and the issue-status snapshot\n"
    path.write_text(existing + prefix + header + "".join(f"{line}\n" for line in missing), encoding="utf-8")
    (report.updated if existing else report.written).append(".gitignore")


def _write_manifest(root: Path, manifest: dict[str, str]) -> None:
    data = {"written_by": f"pm-pipeline {__version__}", "files": dict(sorted(manifest.items()))}
    _write(root / MANIFEST, json.dumps(data, indent=2) + "\n")


def _write(path: Path, text: str, executable: bool = False) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if executable:
        path.chmod(path.stat().st_mode | 0o111)


def project_root(start: Path) -> Path:
    """The nearest folder at or above start holding pm-pipeline.yml or .git; else the working
    directory when start is inside it, else start's parent (the folder around `postmortems/`)."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "pm-pipeline.yml").exists() or (folder / ".git").exists():
            return folder
    here = Path.cwd().resolve()
    return here if start.is_relative_to(here) else start.parent


def schema_for(folder: Path) -> tuple[str, Path | None]:
    """The modeline target for a post-mortem in folder (relative), and the schema copy it had to write, if any.

    The repository's `.pm-pipeline/` copy; in pm-pipeline's own repository, `schemas/`.
    """
    root = project_root(folder)
    copy = root / POSTMORTEM_SCHEMA
    own = root / "schemas" / "postmortem.schema.json"
    written = None
    if not copy.exists() and own.exists():
        copy = own
    elif not copy.exists():
        _write(copy, schema_texts(packaged)[POSTMORTEM_SCHEMA])
        written = copy
    folder.mkdir(parents=True, exist_ok=True)
    return Path(os.path.relpath(copy, folder.resolve())).as_posix(), written


def stale_schema(root: Path) -> str | None:
    """A note when the repository's schema copy is not this version's schema."""
    for name, text in schema_texts(packaged).items():
        path = root / name
        if path.exists() and path.read_text(encoding="utf-8", errors="replace") != text:
            return (
                f"note: {name} is not the schema of pm-pipeline {__version__}: editors check against an old "
                "copy; run `pm-pipeline init` to update it"
            )
    return None
