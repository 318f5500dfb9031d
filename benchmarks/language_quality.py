"""Print precision/recall/F1 of the language engine on the dev, holdout and eval2 corpora.

Run from the repository root:  python benchmarks/language_quality.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from pm_pipeline.language.blame import KINDS, find_blame  # noqa: E402
from pm_pipeline.language.vagueness import judge_action  # noqa: E402

DATA = ROOT / "tests" / "data"


def load(name: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    return rows


def prf(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P={p:.3f} R={r:.3f} F1={f:.3f} (tp={tp} fp={fp} fn={fn})"


def blame_report(name: str, verbose: bool) -> None:
    rows = load(name)
    tp = fp = fn = 0
    per_kind = {k: [0, 0, 0] for k in KINDS}  # tp, fp, fn
    misses: list[str] = []
    for row in rows:
        found = find_blame(row["text"])
        gold, pred = row["label"] == "blame", bool(found)
        tp, fp, fn = tp + (gold and pred), fp + (pred and not gold), fn + (gold and not pred)
        if gold != pred:
            misses.append(("  FN " if gold else "  FP ") + row["text"])
        for kind in {m.kind for m in found}:
            # A kind's prediction is right when the sentence is blame of any kind.
            per_kind[kind][0 if gold else 1] += 1
        if gold and not pred:
            per_kind[row["kind"]][2] += 1
    print(f"{name}: {len(rows)} sentences, overall {prf(tp, fp, fn)}")
    for kind, (ktp, kfp, kfn) in per_kind.items():
        labelled = sum(1 for r in rows if r.get("kind") == kind)
        print(f"  {kind:16} n={labelled:3}  {prf(ktp, kfp, kfn)}")
    if verbose:
        print("\n".join(misses))


def action_report(name: str, verbose: bool) -> None:
    rows = load(name)
    tp = fp = fn = 0
    misses: list[str] = []
    for row in rows:
        gold, pred = row["label"] == "vague", judge_action(row["text"]) is not None
        tp, fp, fn = tp + (gold and pred), fp + (pred and not gold), fn + (gold and not pred)
        if gold != pred:
            misses.append(("  FN " if gold else "  FP ") + row["text"])
    print(f"{name}: {len(rows)} items, overall {prf(tp, fp, fn)}")
    if verbose:
        print("\n".join(misses))


def timing() -> None:
    paragraph = (
        "At 14:05 @alice acknowledged the page and opened an incident channel. The on-call "
        "engineer paged the DBA, who promoted the replica to primary at 14:20. The health "
        "check failed to detect the hung worker, and the alert should have fired earlier. "
        "Bob rolled back the deploy at 14:31 and error rates recovered by 14:40."
    )[:300]
    runs = 2000
    began = time.perf_counter()
    for _ in range(runs):
        find_blame(paragraph)
    blame_us = (time.perf_counter() - began) / runs * 1e6
    began = time.perf_counter()
    for _ in range(runs):
        judge_action("Alert when p99 latency of checkout-api > 500 ms for 5 min")
    action_us = (time.perf_counter() - began) / runs * 1e6
    print(
        f"timing: find_blame {blame_us:.0f} us per {len(paragraph)}-char paragraph; judge_action {action_us:.0f} us per item"
    )


def main() -> None:
    verbose = "-v" in sys.argv
    print("== dev ==")
    blame_report("blame_corpus.yaml", verbose)
    action_report("action_corpus.yaml", verbose)
    print("== holdout (not used for tuning; see README note in the report) ==")
    blame_report("blame_holdout.yaml", verbose)
    action_report("action_holdout.yaml", verbose)
    print("== eval2 (independent, real-world style; written before tuning) ==")
    blame_report("blame_eval2.yaml", verbose)
    action_report("action_eval2.yaml", verbose)
    print("== eval3 (blind check written after the eval2 tuning; first-run scores in the commit log) ==")
    blame_report("blame_eval3.yaml", verbose)
    action_report("action_eval3.yaml", verbose)
    timing()


if __name__ == "__main__":
    main()
