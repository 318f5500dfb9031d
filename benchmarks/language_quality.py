"""Precision and recall of the language rules, per rule and per set.

Run from the repository root::

    python benchmarks/language_quality.py                 # corpus dev + the old synthetic sets
    python benchmarks/language_quality.py --set dev       # one set (repeat --set for several)
    python benchmarks/language_quality.py --set dev --misses   # also print every miss

Sets:

* ``dev``      -- tests/language/corpus/dev: real published post-mortems and guides (tuning).
* ``holdout``  -- tests/language/corpus/holdout: other organisations, scored once at the end of
  round 1 (first-run numbers in README); spent since, now used for development with dev.
* ``holdout2`` -- tests/language/corpus/holdout2: new organisations, scored once blind in round 2
  (first-run numbers in README); spent since, development data for round 3.
* ``holdout3`` -- tests/language/corpus/holdout3: new organisations, collected blind in round 3,
  scored once at its end (first-run numbers in README); spent since, development data for round 4.
* ``holdout4`` -- tests/language/corpus/holdout4: new organisations, collected blind in round 4 and
  locked; scored once at the end of round 4. Its texts are never printed, even with --misses.
* ``synthetic`` -- the older hand-written sets in tests/data/*.yaml (secondary).

Blame is scored per sentence: a sentence is predicted blame when the engine finds any
match in it, whatever its level (errors and warnings both count). Per kind: recall is
"labelled sentences of this kind that get any finding", precision is "sentences with a
finding of this kind that are labelled blame (of any kind)". For real reports the script
also counts reports with at least one false blame ERROR (a sentence labelled ok, or a
specific action item, that gets a blocking finding): the issue's "1 in 20" target.
Vague action is scored per action item through
``pm_pipeline.language.vagueness.judge_action``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from pm_pipeline.language.blame import KINDS, find_blame  # noqa: E402
from pm_pipeline.language.vagueness import judge_action  # noqa: E402

DATA = ROOT / "tests" / "data"
CORPUS = ROOT / "tests" / "language" / "corpus"
CORPUS_SETS = ("dev", "holdout", "holdout2", "holdout3", "holdout4")
SETS = (*CORPUS_SETS, "synthetic")
LOCKED = ("holdout4",)  # sets whose texts are never printed (holdout3 is spent: scored once in round 3)
DEFAULT_SETS = ("dev", "synthetic")
SYNTHETIC = {
    "blame": ("blame_corpus.yaml", "blame_holdout.yaml", "blame_eval2.yaml", "blame_eval3.yaml"),
    "action": ("action_corpus.yaml", "action_holdout.yaml", "action_eval2.yaml", "action_eval3.yaml"),
}
CORPUS_KIND = {"person-cause": "person-as-cause"}  # the labelling guide's names -> the engine's


@dataclass
class Row:
    text: str
    gold: bool
    kind: str | None = None  # blame kind (engine naming) of a positive
    report: str = ""  # file the text comes from (real corpus only)
    real: bool = False  # from a real incident report (not a guide, not synthetic)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, gold: bool, pred: bool, text: str, note: str = "") -> None:
        self.tp += gold and pred
        self.fp += pred and not gold
        self.fn += gold and not pred
        if gold != pred:
            self.misses.append(f"  {'FN' if gold else 'FP'} {note}{text}")

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def line(self) -> str:
        return f"P={self.precision:.3f} R={self.recall:.3f} (tp={self.tp} fp={self.fp} fn={self.fn})"


def corpus_rows(part: str) -> tuple[list[Row], list[Row]]:
    """(sentences, action items) of one part of the real corpus."""
    sentences: list[Row] = []
    items: list[Row] = []
    for path in sorted((CORPUS / part).glob("*/*.yaml")):
        data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        name = f"{path.parent.name}/{path.stem}"
        real = data.get("kind") == "report"
        for r in data.get("sentences") or []:
            kind = CORPUS_KIND.get(r.get("kind", ""), r.get("kind"))
            sentences.append(Row(r["text"], r["label"] == "blame", kind, name, real))
        for r in data.get("action_items") or []:
            items.append(Row(r["text"], r["label"] == "vague", None, name, real))
    return sentences, items


def synthetic_rows(kind: str) -> list[tuple[str, list[Row]]]:
    out = []
    positive = "blame" if kind == "blame" else "vague"
    for name in SYNTHETIC[kind]:
        rows = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
        out.append((name, [Row(r["text"], r["label"] == positive, r.get("kind")) for r in rows]))
    return out


def blame_score(rows: Iterable[Row]) -> tuple[Score, dict[str, Score], Score]:
    """Overall, per kind, and errors only (warnings dropped)."""
    overall, errors_only = Score(), Score()
    per_kind = {k: Score() for k in KINDS}
    for row in rows:
        found = find_blame(row.text)
        kinds = sorted({m.kind for m in found})
        note = f"[{','.join(kinds) or row.kind}] " if found or row.kind else ""
        overall.add(row.gold, bool(found), row.text, note)
        errors_only.add(row.gold, any(m.blocking for m in found), row.text)
        for kind in kinds:
            per_kind[kind].tp += row.gold
            per_kind[kind].fp += not row.gold
        if row.gold and not found and row.kind in per_kind:
            per_kind[row.kind].fn += 1
    return overall, per_kind, errors_only


def print_blame(name: str, rows: list[Row], misses: bool) -> Score:
    overall, per_kind, errors_only = blame_score(rows)
    positives = sum(r.gold for r in rows)
    print(f"blame  {name}: {len(rows)} sentences, {positives} blame: {overall.line()}")
    print(f"  errors only (warnings dropped)  {errors_only.line()}")
    for kind, score in per_kind.items():
        labelled = sum(1 for r in rows if r.gold and r.kind == kind)
        print(f"  {kind:16} n={labelled:3}  {score.line()}")
    if misses:
        print("\n".join(overall.misses))
    return overall


def print_action(name: str, rows: list[Row], misses: bool) -> Score:
    """Both levels count as a prediction; also errors only, and real reports with a false PM201 error."""
    score, errors_only = Score(), Score()
    false_error: dict[str, list[str]] = {}
    for row in rows:
        verdict = judge_action(row.text)
        score.add(row.gold, verdict is not None, row.text, f"[{verdict.level}] " if verdict else "")
        blocking = verdict is not None and verdict.level == "error"
        errors_only.add(row.gold, blocking, row.text)
        if blocking and row.real and not row.gold:
            false_error.setdefault(row.report, []).append(row.text)
    print(f"vague  {name}: {len(rows)} items, {sum(r.gold for r in rows)} vague: {score.line()}")
    print(f"  errors only (warnings dropped)  {errors_only.line()}")
    reports = {r.report for r in rows if r.real}
    print(f"  real reports with >=1 false PM201 ERROR: {len(false_error)} of {len(reports)} with action items")
    if misses:
        print("\n".join(score.misses))
        for report, texts in sorted(false_error.items()):
            print("\n".join(f"    false error {report}: {text}" for text in texts))
    return score


def false_error_reports(sentences: list[Row], items: list[Row], misses: bool) -> None:
    """Real reports with at least one false blocking blame finding."""
    reports = {r.report for r in sentences + items if r.real}
    bad: dict[str, list[str]] = {}
    for row in sentences:
        if row.real and not row.gold and any(m.blocking for m in find_blame(row.text)):
            bad.setdefault(row.report, []).append(row.text)
    for row in items:
        if row.real and not row.gold and any(m.blocking for m in find_blame(row.text)):
            bad.setdefault(row.report, []).append("(action item) " + row.text)
    share = len(bad) / len(reports) if reports else 0.0
    print(f"  real reports with >=1 false blame ERROR: {len(bad)} of {len(reports)} ({share:.1%})")
    if misses:
        for report, texts in sorted(bad.items()):
            for text in texts:
                print(f"    {report}: {text}")


def timing() -> None:
    paragraph = (
        "At 14:05 @alice acknowledged the page and opened an incident channel. The on-call "
        "engineer paged the DBA, who promoted the replica to primary at 14:20. The health "
        "check failed to detect the hung worker, and the alert should have fired earlier. "
        "Bob rolled back the deploy at 14:31 and error rates recovered by 14:40."
    )
    runs = 2000
    began = time.perf_counter()
    for _ in range(runs):
        find_blame(paragraph)
    blame_us = (time.perf_counter() - began) / runs * 1e6
    began = time.perf_counter()
    for _ in range(runs):
        judge_action("Alert when p99 latency of checkout-api > 500 ms for 5 min")
    action_us = (time.perf_counter() - began) / runs * 1e6
    print(f"timing: find_blame {blame_us:.0f} us per {len(paragraph)}-char paragraph;", end=" ")
    print(f"judge_action {action_us:.0f} us per item")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", dest="sets", action="append", choices=SETS, help="set to score (repeatable)")
    parser.add_argument("--rule", choices=("blame", "vague", "both"), default="both")
    parser.add_argument("--misses", "-v", action="store_true", help="print every false positive and negative")
    parser.add_argument("--timing", action="store_true", help="also time the engine")
    args = parser.parse_args(argv)
    chosen = args.sets or list(DEFAULT_SETS)
    for name in chosen:
        print(f"== {name} ==")
        if name in CORPUS_SETS:
            if not (CORPUS / name).is_dir():
                print(f"  tests/language/corpus/{name} is not there")
                continue
            sentences, items = corpus_rows(name)
            misses = args.misses and name not in LOCKED  # the locked holdout's texts are never printed
            if args.misses and not misses:
                print(f"  (--misses is ignored for {name}: its texts are never printed)")
            reports = {r.report for r in sentences + items}
            print(f"  {len(reports)} files, {len({r.split('/')[0] for r in reports})} organisations")
            if args.rule in ("blame", "both"):
                print_blame(f"corpus {name}", sentences, misses)
                false_error_reports(sentences, items, misses)
            if args.rule in ("vague", "both"):
                print_action(f"corpus {name}", items, misses)
        else:
            if args.rule in ("blame", "both"):
                for file, rows in synthetic_rows("blame"):
                    print_blame(file, rows, args.misses)
            if args.rule in ("vague", "both"):
                for file, rows in synthetic_rows("action"):
                    print_action(file, rows, args.misses)
    if args.timing:
        timing()


if __name__ == "__main__":
    main()
