"""find_blame must return exactly the frozen outputs (speed work may not change results).

The fixture holds every text of the four labelled corpora, every string value of
the bundled post-mortems and of 100 generated post-mortems (seed 1), with the
find_blame output recorded before the engine was optimised.
Regenerate only on purpose: python -m tests.language.freeze_blame
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from pm_pipeline.language.blame import find_blame

FIXTURE = Path(__file__).resolve().parent / "data" / "blame_frozen.json"


def _cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return cases


def test_frozen_fixture_covers_all_sources() -> None:
    sources = {c["source"] for c in _cases()}
    assert sources == {
        "blame_corpus.yaml", "blame_holdout.yaml", "blame_eval2.yaml",
        "action_corpus.yaml", "action_holdout.yaml", "action_eval2.yaml",
        "postmortems", "generated-100-seed-1",
    }
    assert sum(bool(c["matches"]) for c in _cases()) >= 100


def test_find_blame_output_is_unchanged_on_every_frozen_text() -> None:
    changed = [
        (c["source"], c["text"], c["matches"], [asdict(m) for m in find_blame(c["text"])])
        for c in _cases()
    ]
    changed = [row for row in changed if row[2] != row[3]]
    assert not changed, f"{len(changed)} texts changed; first: {changed[0]}"
