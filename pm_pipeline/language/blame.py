"""Find blame-oriented language in post-mortem narrative text (the PM1xx engine).

How it reads, module by module (each is small; start here):

* ``text``      -- splits a text into sentences and long quotations (``Segment``);
* ``people``    -- what a person, a role and a team are (shared with PM201 and PM502);
* ``patterns``  -- the families of blameful phrasing, each with its keywords, its reason
  and its rewrite (``pattern_type`` says what a pattern is, ``advice_patterns`` holds the
  fix-the-person families, ``pattern_parts`` the regex parts they share);
* ``detectors`` -- runs the patterns on a segment, checks negation and the subject, sets
  the level, and gives precedence between kinds;
* this module  -- the public ``find_blame`` and ``BlameMatch``: gate, segments, overlap
  removal.

Levels: each match carries ``strong``. Strong evidence (a named person, a handle or a
role as the subject of a harmful act, "human error" as a cause, "be more careful") is a
blocking error; weak evidence (the writer about themself, "the user", a quotation, a
judgement word with no person near it, an action merely followed by harm) is a warning.
The PM1xx rules map ``strong`` to the level (rules/blame.py).

Deterministic, no model and nothing loaded at run time: plain regular expressions on
word lists. Speed: a text whose words share nothing with any pattern's declared keywords
is rejected by one set intersection.
"""

from __future__ import annotations

from dataclasses import dataclass

from pm_pipeline.language.detectors import PRECEDENCE, Candidate, detect
from pm_pipeline.language.patterns import PATTERNS, words_of
from pm_pipeline.language.people import STRONG
from pm_pipeline.language.text import segments

__all__ = ["KINDS", "BlameMatch", "advice_to_people", "find_blame"]

KINDS: tuple[str, ...] = (
    "person-as-cause",
    "counterfactual",
    "judgement",
    "human-error",
    "fix-the-person",
)
assert set(KINDS) == set(PRECEDENCE) == {p.kind for p in PATTERNS}

ALL_KEYWORDS: frozenset[str] = frozenset().union(*(p.keywords for p in PATTERNS))


@dataclass(frozen=True)
class BlameMatch:
    """One blame-oriented phrase; ``text[start:end] == phrase``."""

    kind: str
    start: int
    end: int
    phrase: str
    message: str
    suggestion: str
    strong: bool = True
    """Strong evidence: the rule reports an error; weak evidence: a warning."""

    @property
    def blocking(self) -> bool:
        return self.strong


def find_blame(text: str) -> list[BlameMatch]:
    """Blame-oriented phrases in ``text``, ordered by position; offsets index ``text``."""
    words_in_text = words_of(text)
    if ALL_KEYWORDS.isdisjoint(words_in_text):
        return []
    kept: list[Candidate] = []
    for segment in segments(text):
        words = words_in_text if segment.text is text else words_of(segment.text)
        if ALL_KEYWORDS.isdisjoint(words):
            continue
        found = sorted(detect(segment, words), key=lambda c: (c.rank, -c.strength, c.start))
        for candidate in found:
            if not any(c.start < candidate.end and candidate.start < c.end for c in kept):
                kept.append(candidate)
    return [_build(text, c) for c in sorted(kept, key=lambda c: c.start)]


def _build(text: str, candidate: Candidate) -> BlameMatch:
    start, end = candidate.start, candidate.end
    while start < end and not text[start].strip():
        start += 1
    while end > start and not text[end - 1].strip():
        end -= 1
    phrase = text[start:end]
    pattern = candidate.pattern
    return BlameMatch(
        pattern.kind,
        start,
        end,
        phrase,
        f"'{phrase}' {pattern.why}",
        pattern.rewrite,
        candidate.strength >= STRONG,
    )


def advice_to_people(text: str) -> BlameMatch | None:
    """The fix-the-person finding in ``text`` ("Engineers must be more careful"), if any.

    For PM201: an action item that only asks people to behave better is PM105's finding
    (with its rewrite); PM201 should not report the same phrase again.
    """
    return next((m for m in find_blame(text) if m.kind == "fix-the-person"), None)
