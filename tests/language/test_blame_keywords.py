"""The keywords declared next to each blame pattern are complete: the gate never hides a finding.

find_blame skips a text (and each pattern) whose words share nothing with the declared
keywords. For that to be safe, every text a pattern's regex matches must contain one of
its keywords. Checked on every labelled text (real corpus and synthetic sets), on the
frozen texts (bundled and generated post-mortems), and on generated text.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.language_quality import LOCKED
from pm_pipeline.language import blame
from pm_pipeline.language.patterns import PATTERNS, words_of

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "data"


def _texts() -> list[str]:
    texts = [c["text"] for c in json.loads((HERE / "data" / "blame_frozen.json").read_text(encoding="utf-8"))]
    for path in sorted((HERE / "corpus").glob("*/*/*.yaml")):
        if path.parts[-3] in LOCKED:
            continue  # a locked holdout's texts never reach a test's failure message
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts += [r["text"] for r in (data.get("sentences") or []) + (data.get("action_items") or [])]
    for path in sorted(DATA.glob("*.yaml")):
        texts += [r["text"] for r in yaml.safe_load(path.read_text(encoding="utf-8"))]
    return texts


TEXTS = _texts()


def _violations(text: str) -> list[str]:
    words = words_of(text)
    return [p.name for p in PATTERNS if p.act.search(text) and p.keywords.isdisjoint(words)]


def test_every_pattern_declares_lower_case_letter_keywords() -> None:
    for pattern in PATTERNS:
        assert pattern.keywords and all(k.isalpha() and k.islower() for k in pattern.keywords), pattern.name


def test_keywords_are_complete_on_every_labelled_and_frozen_text() -> None:
    assert len(TEXTS) > 5000
    bad = [(text, names) for text in TEXTS if (names := _violations(text))]
    assert bad == []


def test_every_pattern_matches_something_it_is_there_for() -> None:
    matched = {p.name for text in TEXTS for p in PATTERNS if p.act.search(text)}
    assert matched == {p.name for p in PATTERNS}


def test_the_gate_rejects_text_without_any_keyword() -> None:
    assert blame.ALL_KEYWORDS.isdisjoint(words_of("Latency rose at 14:05; the replica recovered by 14:40."))
    assert blame.find_blame("Latency rose at 14:05; the replica recovered by 14:40.") == []


VOCABULARY = sorted({w for p in PATTERNS for w in p.keywords} | {"the", "engineer", "Bob", "@alice", "we", "to", "a"})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY + ["-", "'", ",", ".", "carefully", "have", "by"]), max_size=14))
def test_keywords_are_complete_on_generated_word_salad(words: list[str]) -> None:
    assert _violations(" ".join(words)) == []
