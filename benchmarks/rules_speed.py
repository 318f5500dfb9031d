"""Time each document rule and the suppression pass, per file, on generated post-mortems.

Usage: python -m benchmarks.rules_speed [--files 300]
CPU time of this process. Rules run per document in registry order, as in the checker (the PM1xx rules share one
pass of the language engine per document, paid by the first of them, PM101).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.generate import generate
from pm_pipeline.config import Config
from pm_pipeline.loader import load_yaml
from pm_pipeline.model import build_postmortem
from pm_pipeline.rules import RULES_BY_CODE
from pm_pipeline.rules.base import Context, Document
from pm_pipeline.rules.selection import select_rules
from pm_pipeline.suppressions import apply_suppressions

LANGUAGE = ("PM1", "PM201")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        documents = []
        for path in generate(args.files, Path(scratch)):
            loaded = load_yaml(str(path), path.read_bytes())
            documents.append(Document(str(path), build_postmortem(loaded.data, str(path)), loaded.data, loaded.source))
    config = Config()
    context = Context(datetime(2026, 11, 27, tzinfo=UTC), config)
    rules = select_rules(config)
    others = [active for active in rules.document_rules if not active.rule.code.startswith(LANGUAGE)]
    start = time.process_time()
    for document in documents:
        for active in others:
            for _ in active.rule.check(document, active.options, context):
                pass
        apply_suppressions(
            document.path, document.source.lines, [], known=RULES_BY_CODE, active=rules.active, rules_ran=True
        )
    block = (time.process_time() - start) / len(documents) * 1000
    spent: dict[str, float] = defaultdict(float)
    for document in documents:
        for active in rules.document_rules:
            start = time.process_time()
            for _ in active.rule.check(document, active.options, context):
                pass
            spent[active.rule.code] += time.process_time() - start
        start = time.process_time()
        apply_suppressions(
            document.path, document.source.lines, [], known=RULES_BY_CODE, active=rules.active, rules_ran=True
        )
        spent["suppressions"] += time.process_time() - start
    per_file = {code: seconds / len(documents) * 1e6 for code, seconds in spent.items()}
    for code, micros in per_file.items():
        print(f"{code:<13} {micros:9.1f} µs/file")
    language = sum(micros for code, micros in per_file.items() if code.startswith(LANGUAGE))
    print(f"\nlanguage rules (PM1xx, PM201): {language / 1000:.3f} ms/file")
    print(f"all other rules + suppressions, timed as one block: {block:.3f} ms/file (target < 0.1)")
    return 0 if block < 0.1 else 1


if __name__ == "__main__":
    raise SystemExit(main())
