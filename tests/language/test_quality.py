"""Precision/recall gates for the language engine on the labelled dev corpora."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from pm_pipeline.language.blame import find_blame
from pm_pipeline.language.vagueness import judge_action

DATA = Path(__file__).resolve().parents[1] / "data"
MIN_PRECISION = 0.95
MIN_RECALL = 0.90


def load(name: str) -> list[dict[str, Any]]:
    rows = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    assert isinstance(rows, list)
    return rows


def precision_recall(
    rows: list[dict[str, Any]], positive_label: str, predict: Callable[[str], bool]
) -> tuple[float, float, list[str]]:
    tp = fp = fn = 0
    errors: list[str] = []
    for row in rows:
        gold = row["label"] == positive_label
        pred = predict(row["text"])
        tp += gold and pred
        fp += pred and not gold
        fn += gold and not pred
        if gold != pred:
            errors.append(("FN: " if gold else "FP: ") + row["text"])
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, errors


def test_blame_corpus_is_large_and_balanced() -> None:
    rows = load("blame_corpus.yaml")
    positives = [r for r in rows if r["label"] == "blame"]
    assert len(rows) >= 170
    assert 0.4 <= len(positives) / len(rows) <= 0.6
    assert all(r.get("kind") for r in positives)
    assert all(r["label"] in ("blame", "ok") for r in rows)


def test_action_corpus_is_large_and_balanced() -> None:
    rows = load("action_corpus.yaml")
    vague = [r for r in rows if r["label"] == "vague"]
    assert len(rows) >= 170
    assert 0.4 <= len(vague) / len(rows) <= 0.6
    assert all(r["label"] in ("vague", "ok") for r in rows)


def test_blame_precision_and_recall_meet_the_gate() -> None:
    p, r, errors = precision_recall(load("blame_corpus.yaml"), "blame", lambda t: bool(find_blame(t)))
    assert p >= MIN_PRECISION and r >= MIN_RECALL, (p, r, errors)


def test_action_precision_and_recall_meet_the_gate() -> None:
    p, r, errors = precision_recall(
        load("action_corpus.yaml"), "vague", lambda t: judge_action(t) is not None
    )
    assert p >= MIN_PRECISION and r >= MIN_RECALL, (p, r, errors)


def test_blame_eval2_precision_and_recall_meet_the_gate() -> None:
    # eval2 is an independent, real-world-style set (tests/data/blame_eval2.yaml),
    # held to the same thresholds as the product target.
    p, r, errors = precision_recall(load("blame_eval2.yaml"), "blame", lambda t: bool(find_blame(t)))
    assert p >= MIN_PRECISION and r >= MIN_RECALL, (p, r, errors)


def test_action_eval2_precision_and_recall_meet_the_gate() -> None:
    p, r, errors = precision_recall(
        load("action_eval2.yaml"), "vague", lambda t: judge_action(t) is not None
    )
    assert p >= MIN_PRECISION and r >= MIN_RECALL, (p, r, errors)


@pytest.mark.parametrize("name", ["blame_eval2.yaml", "action_eval2.yaml"])
def test_eval2_corpora_are_large_and_balanced(name: str) -> None:
    rows = load(name)
    positive = "blame" if name.startswith("blame") else "vague"
    share = sum(r["label"] == positive for r in rows) / len(rows)
    assert len(rows) >= 100 and 0.4 <= share <= 0.6
    assert all(r.get("kind") for r in rows if r["label"] == "blame")


@pytest.mark.parametrize("name", ["blame_holdout.yaml", "action_holdout.yaml", "blame_eval3.yaml", "action_eval3.yaml"])
def test_holdout_files_load(name: str) -> None:
    # Scores on the holdout are reported by the benchmark, not gated, so the
    # rules are never tuned against them.
    assert len(load(name)) >= 40


def test_find_blame_is_fast_on_a_paragraph() -> None:
    paragraph = (
        "At 14:05 @alice acknowledged the page and opened an incident channel. The on-call "
        "engineer paged the DBA, who promoted the replica to primary at 14:20. The health "
        "check failed to detect the hung worker, and the alert should have fired earlier. "
        "Bob rolled back the deploy at 14:31 and error rates recovered by 14:40."
    )
    find_blame(paragraph)
    runs = 200
    began = time.perf_counter()
    for _ in range(runs):
        find_blame(paragraph)
    per_call = (time.perf_counter() - began) / runs
    assert per_call < 0.005  # generous for slow CI; typically ~0.3-0.5 ms
