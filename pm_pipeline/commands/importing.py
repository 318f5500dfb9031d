"""`pm-pipeline import`: Markdown post-mortems into YAML files, then the findings the rules report."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TextIO

from pm_pipeline.config import load_config
from pm_pipeline.files import check_paths
from pm_pipeline.importer.emit import to_yaml
from pm_pipeline.importer.mapping import ImportFailed, import_markdown
from pm_pipeline.reporters import text as text_reporter
from pm_pipeline.rules.base import Context
from pm_pipeline.rules.selection import select_rules


@dataclass(frozen=True)
class ImportOptions:
    sources: tuple[Path, ...]
    out: Path = Path("postmortems")
    force: bool = False
    config_path: Path | None = None


def run_import(options: ImportOptions, now: datetime, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    written: list[Path] = []
    failed = 0
    options.out.mkdir(parents=True, exist_ok=True)
    for source in options.sources:
        try:
            imported = import_markdown(source.read_text(encoding="utf-8", errors="replace"), source.name)
        except ImportFailed as error:
            err.write(f"{source}: not imported: {error}\n")
            failed += 1
            continue
        target = options.out / imported.name
        if target.exists() and not options.force:
            err.write(f"{source}: not imported: {target} exists (--force replaces it)\n")
            failed += 1
            continue
        target.write_text(to_yaml(imported, source.name), encoding="utf-8")
        written.append(target)
        actions, events = len(imported.data["action_items"]), len(imported.data["timeline"])
        err.write(f"{source} -> {target}: {actions} action items, {events} timeline events, "
                  f"{len(imported.guesses)} guessed values (marked `# imported: guessed`)\n")  # fmt: skip
        err.writelines(f"  not mapped: {what}\n" for what in imported.unmapped)
    if written:
        config = load_config(options.config_path)
        report = check_paths(written, select_rules(config), Context(now, config))
        out.write("Findings in the imported files (true of their content, or of a guess to review):\n")
        text_reporter.report(report, out)
    return 1 if failed else 0
