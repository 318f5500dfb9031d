"""Detectors: run the patterns over one segment and keep what real evidence supports.

For each pattern whose keywords occur in the segment, every match of its ``act`` is
checked:

1. negation -- "not", "never", "no one", "rather than", "instead of" just before the
   words cancel them ("this was not human error");
2. the subject -- for a ``subject`` pattern the nearest mention of people before the
   words (``people.mentions``), separated from them by at most three adverbs or
   auxiliaries, must be a person; ``we`` never is (hindsight about the team's own
   decisions is explanation, not blame);
3. the level -- ``min(pattern strength, subject strength)``, and a quotation is WEAK.

Precedence, when two findings overlap, is the order of ``PRECEDENCE``: a phrase gets
one finding, of the most specific kind ("Engineers must be more careful" is
fix-the-person, never also person-as-cause).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pm_pipeline.language import people
from pm_pipeline.language.patterns import PATTERNS, Pattern
from pm_pipeline.language.people import NONE, STRONG, WEAK
from pm_pipeline.language.text import Segment

__all__ = ["PRECEDENCE", "Candidate", "detect"]

PRECEDENCE: tuple[str, ...] = ("human-error", "fix-the-person", "counterfactual", "judgement", "person-as-cause")


@dataclass(frozen=True)
class Candidate:
    """A finding before overlap removal; offsets are into the original text."""

    pattern: Pattern
    start: int
    end: int
    strength: int

    @property
    def rank(self) -> int:
        return PRECEDENCE.index(self.pattern.kind)


_I = re.IGNORECASE
_NEGATION_BEFORE = re.compile(
    r"\b(?:not|never|no|none|neither|nor|n['’]t|nobody|without|rather\s+than|instead\s+of|avoid\w*|beyond|"
    r"blam\w+\s+(?:it\s+)?on|label\w*|(?<!-)call(?:ed|ing)|termed|so-called|wonder\w*|whether|"
    r"asked|asking|easy\s+to\s+(?:say|conclude|blame)|tempting\s+to\s+(?:say|conclude|blame))\W+(?:\w+\W+){0,3}$",
    _I,
)
_GAP = re.compile(
    r"(?:\s*,?\s*(?:\w+ly|also|then|just|had|has|have|was|were|did|would|may|might|must|again|later|still|all|both|and|"
    r"then|once|first|quickly|too|who|that|himself|herself|themselves))*\s*,?\s*",
    _I,
)
_COORDINATED = re.compile(r"\s+(?!(?:was|were|is|are|had|has)\b)\w+\b[^.;:!?]{0,60}?\s+and(?:\s+\w+ly)?\s*,?\s*", _I)
_PURPOSE_TO = re.compile(r"\bto\s*$", _I)
_ADVICE_TO = re.compile(
    r"\b(?:(?:needs?|have|has|ought|remember|reminded|asked|told|going|wants?|try|tries|got|learn(?:ed|t)?)\s+"
    r"|(?:important|essential|crucial|vital|necessary|key|wise|advisable|best|better)\s+(?:for\s+\S+(?:\s+\S+)?\s+)?)"
    r"to\s*$",
    _I,
)
_CLAUSE_START = re.compile(r"(?:^|[:;•*\-–—]|\b(?:and|so|please|always|just|simply))\W*$", _I)
# "Human error is not a root cause", "... may not be the most important cause".
_DENIED_AFTER = re.compile(
    r"(?:\W+\w+){0,5}?\s+(?:(?:is|was|are|were|may|might|can|could)\s*(?:not|n['’]t|never)\b"
    r"|(?:played|plays|had|has)\s+no\s+(?:part|role)\b)",
    _I,
)
# Users failing to do something is the impact, not blame: "the users failed to log in".
_IMPACT = re.compile(r"failed\s+to\b", _I)
# Omissions of perception ("did not see the alert") and acts the sentence goes on to explain
# ("... because the page went to e-mail") are weak evidence.
_PERCEPTION = re.compile(
    r"\s*(?:see|notice|hear|realise|realize|spot|catch|detect|understand|anticipate|expect|think)\b", _I
)
_EXPLAINED = re.compile(r"\b(?:because|since|as\s+(?:the|it|they|there)|due\s+to|given\s+that)\b", _I)
_CONDITION = re.compile(r"(?:\bif|^\W*had)\s+(?P<np>[^,;]{1,40}?)\s+(?:had|were|was|been)\b", _I)
_METRIC_AFTER = re.compile(
    r"\s*(?:rates?|counts?|in\s+the|codes?|responses?|messages?|pages?|budgets?|increased|spiked|rose|metrics?|"
    r"logs?|handling|reporting|\()",
    _I,
)
_LAZY_TECH = re.compile(r"\s+(?:load\w*|eval\w*|init\w*|consensus|mode|import\w*|propagation|quantifier)", _I)
_SUBJECT_WINDOW = 90


def detect(segment: Segment, words: frozenset[str]) -> Iterator[Candidate]:
    """Every candidate finding in ``segment``; ``words`` are the segment's words (patterns.words_of)."""
    text = segment.text
    everyone: list[people.Mention] | None = None  # the segment's mentions, found when first needed
    for pattern in PATTERNS:
        if pattern.keywords.isdisjoint(words):
            continue
        for m in pattern.act.finditer(text):
            if _negated(text, m.start()):
                continue
            if pattern.subject:
                judged = _with_subject(pattern, m)
            elif pattern.advice:
                judged = _as_advice(m)
            else:
                if everyone is None and pattern.kind == "judgement":
                    everyone = people.mentions(text)
                judged = _without_subject(pattern, m, everyone)
            if judged is None:
                continue
            start, strength = judged
            if segment.quoted:
                strength = min(strength, WEAK)
            if strength > NONE:
                yield Candidate(pattern, segment.start + start, segment.start + m.end(), strength)


Judged = tuple[int, int]  # (start of the phrase, strength)


def _with_subject(pattern: Pattern, m: re.Match[str]) -> Judged | None:
    """A subject pattern: the phrase runs from its person to the end of the words."""
    text = m.string
    if pattern.name == "should-have" and m.group().lower().startswith("could") and _system_condition(text):
        return None  # "if the alert had fired, the on-call could have acted": about the system
    subject = _subject(text, m.start(), pattern.coordinated)
    if subject is None or _negated(text, subject.start):
        return None
    if subject.kind == "user" and (pattern.kind == "counterfactual" or _IMPACT.match(text, m.start())):
        return None  # users are mostly customers: "the users failed to log in" is impact
    strength = min(pattern.strength, subject.strength)
    if pattern.kind == "person-as-cause" and (_PERCEPTION.match(text, m.end()) or _EXPLAINED.search(text, m.end())):
        strength = min(strength, WEAK)
    return subject.start, strength


def _as_advice(m: re.Match[str]) -> Judged | None:
    start = m.start() + (m.group()[:1] in ":;•–—")  # "Lesson learned: read the spec carefully"
    advice = _advice(m.string, start)
    return None if advice is None else (start, advice)


def _without_subject(pattern: Pattern, m: re.Match[str], everyone: list[people.Mention] | None) -> Judged | None:
    checked = _check(pattern, m)
    if checked is None:
        return None
    if pattern.kind == "judgement" and everyone is not None:
        if everyone and all(p.kind == "we" for p in everyone):
            return None  # "we were all just as stupid": the writers about themselves
        if not any(p.strength == STRONG for p in everyone):
            checked = min(checked, WEAK)
    return m.start(), min(pattern.strength, checked)


def _system_condition(text: str) -> bool:
    """The sentence has a condition whose subject is not a person ("if the alert had fired")."""
    condition = _CONDITION.search(text)
    return condition is not None and not people.is_person_phrase(condition.group("np"))


def _negated(text: str, at: int) -> bool:
    return _NEGATION_BEFORE.search(text[max(0, at - 60) : at]) is not None


def _subject(text: str, at: int, coordinated: bool = False) -> people.Mention | None:
    """The person the words at ``at`` are said of: the nearest mention just before them.

    With ``coordinated`` the mention may also be the subject of an earlier verb joined by
    "and" ("The reviewer focused on X and didn't notice Y"); that evidence is weak.
    """
    window_start = max(0, at - _SUBJECT_WINDOW)
    found = people.mentions(text[window_start:at])
    if not found:
        return None
    last = found[-1]
    strength = last.strength
    if not _GAP.fullmatch(text, window_start + last.end, at):
        if not (coordinated and _COORDINATED.fullmatch(text, window_start + last.end, at)):
            return None
        strength = min(strength, WEAK)
    return people.Mention(last.kind, strength, window_start + last.start, window_start + last.end)


def _advice(text: str, at: int) -> int | None:
    """How strong advice words ("be more careful") at ``at`` are, or None when they are not advice."""
    before = text[:at]
    if _PURPOSE_TO.search(before) and not _ADVICE_TO.search(before):
        return None  # "just to be careful", "it is up to the user to be vigilant"
    found = people.mentions(before[-_SUBJECT_WINDOW:])
    if not found:
        return STRONG if _CLAUSE_START.search(before) else WEAK
    return STRONG if found[-1].strength == STRONG else WEAK


def _check(pattern: Pattern, m: re.Match[str]) -> int | None:
    """The strength a subject-less pattern's match supports, or None when it is not blame."""
    if pattern.kind == "human-error" and (
        _METRIC_AFTER.match(m.string, m.end()) or _DENIED_AFTER.match(m.string, m.end())
    ):
        return None
    groups = m.groupdict()
    if "by" in groups:
        mention = people.starts_with_person(groups["by"] or "", people.WEAK)
        return mention.strength if mention else None
    if "who2" in groups:
        mention = people.classify(groups["who2"] or "")
        return mention.strength if mention and mention.kind != "user" else None
    if pattern.name == "judgement-word" and _LAZY_TECH.match(m.string, m.end()):
        return None
    return pattern.strength
