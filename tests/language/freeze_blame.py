"""Regenerate the frozen find_blame outputs used by test_blame_frozen.py.

Run from the repository root:  python -m tests.language.freeze_blame

Only rerun this on purpose, when a change to the engine is meant to change
results; the point of the fixture is that speed work must not.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import yaml

from benchmarks.generate import generate
from pm_pipeline.language.blame import find_blame

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).resolve().parent / "data" / "blame_frozen.json"
CORPORA = (
    "blame_corpus.yaml",
    "blame_holdout.yaml",
    "blame_eval2.yaml",
    "action_corpus.yaml",
    "action_holdout.yaml",
    "action_eval2.yaml",
)


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def collect_texts() -> dict[str, list[str]]:
    """Source label -> texts (deduplicated, first-seen order)."""
    sources: dict[str, list[str]] = {}
    for name in CORPORA:
        rows = yaml.safe_load((ROOT / "tests" / "data" / name).read_text(encoding="utf-8"))
        sources[name] = [r["text"] for r in rows]
    bundled = sorted((ROOT / "postmortems").glob("*.yaml"))
    sources["postmortems"] = [s for p in bundled for s in _strings(yaml.safe_load(p.read_bytes()))]
    with tempfile.TemporaryDirectory() as scratch:
        paths = generate(100, Path(scratch), seed=1)
        sources["generated-100-seed-1"] = [s for p in paths for s in _strings(yaml.safe_load(p.read_bytes()))]
    return {k: list(dict.fromkeys(v)) for k, v in sources.items()}


def main() -> None:
    cases = [
        {"source": source, "text": text, "matches": [asdict(m) for m in find_blame(text)]}
        for source, texts in collect_texts().items()
        for text in texts
    ]
    FIXTURE.parent.mkdir(exist_ok=True)
    FIXTURE.write_text(json.dumps(cases, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(cases)} texts, {sum(bool(c['matches']) for c in cases)} with findings -> {FIXTURE}")


if __name__ == "__main__":
    main()
