"""Many files are checked in worker processes with the same findings as one process."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from benchmarks.generate import generate
from pm_pipeline.files import PARALLEL_FROM, lint_paths
from pm_pipeline.config import Config
from pm_pipeline.rules.base import Context
from pm_pipeline.rules.selection import select_rules
from tests.core.helpers import valid_text


def test_workers_report_what_one_process_reports(tmp_path: Path) -> None:
    generate(PARALLEL_FROM, tmp_path, seed=7)
    (tmp_path / "2025-02-09-copy-a.yaml").write_text(valid_text())
    (tmp_path / "2025-02-09-copy-b.yaml").write_text(valid_text())  # PM009 across files
    (tmp_path / "broken.yaml").write_text("id: a\nid: b\n")
    rules = select_rules(Config())
    context = Context(datetime(2026, 11, 27, tzinfo=UTC), Config())
    serial = lint_paths([tmp_path], rules, context, jobs=1)
    parallel = lint_paths([tmp_path], rules, context, jobs=2)
    assert parallel.findings == serial.findings
    assert {f.code for f in serial.findings} >= {"PM003", "PM009"}
    assert len(parallel.files) == PARALLEL_FROM + 3
