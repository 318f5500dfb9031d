"""Detectors: run the patterns over one segment and keep what real evidence supports.

A segment about blame culture ("distinguish reckless behaviour from honest mistakes") gives
nothing. For each pattern whose keywords occur in the segment (an index from keyword to
patterns), every match of its ``act`` is checked:

1. negation -- "not", "never", "no one", "rather than", "instead of" just before the
   words cancel them ("this was not human error");
2. the subject -- for a ``subject`` pattern the nearest mention of people before the
   words (``people.mentions``; people inside a parenthesis are an aside), separated from
   them only by asides (a prepositional phrase, a parenthesis, a relative clause, a name,
   a comma-enclosed aside) and then adverbs or auxiliaries, must be a person; ``we``
   never is (hindsight about the team's own decisions is explanation, not blame);
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
    r"\b(?:not|never|no|none|neither|nor|n['’]t|nobody|without|rather\s+than|instead\s+of|avoid(?:s|ed|ing)?\b|beyond|"
    r"blam\w+\s+(?:it\s+)?on|label\w*|(?<!-)call(?:ed|ing)|termed|so-called|wonder\w*|whether|"
    r"asked|asking|(?:view|notion|concept|idea|myth)\s+of|easy\s+to\s+(?:say|conclude|blame)|tempting\s+to\s+(?:say|conclude|blame))\W+(?:\w+\W+){0,3}$",
    _I,
)
_GAP = (
    r"(?:\s*,?\s*(?:\w+ly|also|then|just|had|has|have|was|were|did|would|may|might|must|again|later|still|all|both|and|"
    r"then|once|first|quickly|too|who|that|himself|herself|themselves))*\s*,?\s*"
)
# "Bob ran X and forgot to ...", "I copied X but forgot to ...": one subject, two verbs (never across a
# subordinate clause: "the engineer determined that a component misbehaved and didn't start").
_COORDINATED = re.compile(
    r"\s+(?!(?:was|were|is|are|had|has)\b)\w+\b"
    r"(?:(?!\b(?:that|which|when|because|since|while|if|where|so)\b)[^.;:!?]){0,60}?"
    r"\s+(?:and|but)(?:\s+\w+ly)?\s*,?\s*",
    _I,
)
_PURPOSE_TO = re.compile(r"\bto\s*$", _I)
_ADVICE_TO = re.compile(
    r"\b(?:(?:needs?|have|has|ought|remember|reminded|asked|told|going|wants?|try|tries|got|learn(?:ed|t)?)\s+"
    r"|(?:important|essential|crucial|vital|necessary|key|wise|advisable|best|better)\s+(?:for\s+\S+(?:\s+\S+)?\s+)?"
    r"|(?:thing|key|lesson)\s+(?:is|was)\s+)"
    r"to\s*$",
    _I,
)
_CLAUSE_START = re.compile(r"(?:^|[:;•*\-–—]|\b(?:and|so|please|always|just|simply))\W*$", _I)
# "Human error is not a root cause", "... may not be the most important cause".
_DENIED_AFTER = re.compile(
    r"(?:\W+\w+){0,5}?\s+(?:(?:is|was|are|were|may|might|can|could)\s*(?:not|n['’]t|never)\b"
    r"|(?:played|plays|had|has)\s+no\s+(?:part|role)\b|(?:is|was|were|been)\s+(?:ruled\s+out|excluded))",
    _I,
)
# Users failing to do something is the impact, not blame: "the users failed to log in".
_IMPACT = re.compile(r"failed\s+to\b", _I)
# Omissions of perception ("did not see the alert") and acts the sentence goes on to explain
# ("... because the page went to e-mail") are weak evidence.
_PERCEPTION = re.compile(
    r"\s*(?:see|notice|hear|realise|realize|spot|catch|detect|understand|anticipate|expect|think)\b", _I
)
_EXPLAINED = re.compile(r"\b(?:because|since|as\s+(?:the|it|they|there)|due\s+to|given\s+that|but)\b", _I)
# What "could have" depended on, named after it: a means the system lacked ("... with better tracing").
_GIVEN_A_MEANS = re.compile(r"\b(?:with|given)\s+(?:better|more|a|an|proper|improved|clearer)\b", _I)
_CONDITION = re.compile(r"(?:\bif|^\W*had)\s+(?P<np>[^,;]{1,40}?)\s+(?:had|were|was|been)\b", _I)
_METRIC_AFTER = re.compile(
    r"\s*(?:rates?|counts?|codes?|responses?|messages?|pages?|budgets?|increased|spiked|rose|metrics?|"
    r"logs?|handling|reporting|\()",
    _I,
)
_IN_THE = re.compile(r"\s+in\s+the\b", _I)  # "user errors in the logs": a metric; "a manual error in the file": a cause
_LAZY_TECH = re.compile(r"\s+(?:load\w*|eval\w*|init\w*|consensus|mode|import\w*|propagation|quantifier)", _I)
_SUBJECT_WINDOW = 140
# After the subject: a prepositional phrase ("The author of the PR failed to"), a non-restrictive
# relative clause ("Alex, who was on call, ignored") or an appositive name.
_SUBJECT_PP = (
    r"\s+(?:of|from|on|in)\s+(?:the\s+|our\s+|a\s+)?(?:[\w-]+\s+){0,1}[\w-]+(?=\s)|\s*,\s*who\b[^,.;]{1,50},"
    r"|\s+(?:responsible|in\s+charge|on\s+(?:call|duty|shift))\b"  # "the engineer responsible did not ..."
    r"|\s*\([^()]{1,60}\)"  # a parenthesis: "The team (especially @a and @b) never wrote ..."
    r"|\s*,\s*(?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?),"  # an appositive name: "Our on-call engineer, Dana, restarted"
    # an aside: "An engineer on the platform team, unfamiliar with the system, ran ..."
    r"|\s*,\s*(?!(?:and|but|or|which|so|then|that|because|while|when|if)\b)(?-i:[a-z])[^,.;]{0,90},"
    r"|\s+who\s+[^,.;]{1,50}?(?=\s)"  # a restrictive relative clause: "the engineer who ran the upgrade did not"
)
# Between a subject and its verb: any of those, then auxiliaries and adverbs.
_BETWEEN = re.compile(rf"(?:{_SUBJECT_PP})*{_GAP}", _I)
_PARENTHESIS = re.compile(r"\([^()]*\)")
# Predicates only a person can be the subject of: they make an unknown capitalised subject a name.
_HUMAN_ONLY = re.compile(
    r"(?:accidentally|inadvertently|mistakenly|carelessly|unintentionally|forg[eo]t|neglected|overlooked|misread"
    r"|misunderstood|made\s|rushed|panicked|mistyped|fat-fingered|misjudged)",
    _I,
)
_FLAW_IN = re.compile(r"\b(?:bug|flaw|defect|issue|problem|regression|typo)\s+(?:in|with)\s+$", _I)
# A role's possessive names the person only before an act of theirs: "the engineer's typo", not
# "the operator's retry loop" (a Kubernetes operator) or "the user's browser cache".
_ROLE_POSSESSIVE = re.compile(
    r"['’]s(?=\s+(?:[\w-]+\s+)?(?:change|typo|mistake|error|decision|command|deploy|deployment|commit|push|"
    r"config|configuration|migration|action|oversight|initiative|choice|call)s?\b)",
    _I,
)
_PASSIVE_NEVER = re.compile(r"never\b", _I)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|is|are|been|be|being|got|get)\s+$", _I)
_RECURRENCE = re.compile(r"\bnot\s+(?:for\s+)?the\s+(?:first|only)\s+time\b", _I)
_HINDSIGHT = re.compile(r"been\b", _I)
_HAD = re.compile(r"\bhad\b", _I)
_HYPOTHETICAL = re.compile(
    r"\b(?:if|unless|whenever|suppose|imagine|(?:cases?|situations?|times?)\s+(?:where|when))\s+$", _I
)
_CONCESSIVE = re.compile(r"\b(?:while|although|though|even\s+if)\b[^,;]*$", _I)
_EXTRA_PERSON = re.compile(r"(?:a\s+second|an\s+additional|an\s+extra|a\s+dedicated)\b", _I)
_ABOUT_CULTURE = re.compile(r"\b(?:distinguish\w*|punish\w*|just\s+culture|blameless\w*|old\s+view)\b", _I)
_IF_WITHOUT_HAD = re.compile(r"if\b(?![^,;]*\bhad\b)", _I)


# The patterns each declared keyword wakes (indexes into PATTERNS): a segment runs only those.
_WOKEN_BY: dict[str, list[int]] = {}
for _index, _pattern in enumerate(PATTERNS):
    for _keyword in _pattern.keywords:
        _WOKEN_BY.setdefault(_keyword, []).append(_index)
KEYWORDS: frozenset[str] = frozenset(_WOKEN_BY)


def _woken(words: frozenset[str]) -> list[Pattern]:
    """The patterns whose keywords ``words`` contain, in PATTERNS order."""
    indexes: set[int] = set()
    for word in words & KEYWORDS:
        indexes.update(_WOKEN_BY[word])
    return [PATTERNS[i] for i in sorted(indexes)]


def detect(segment: Segment, words: frozenset[str]) -> Iterator[Candidate]:
    """Every candidate finding in ``segment``; ``words`` are the segment's words (patterns.words_of)."""
    text = segment.text
    if _ABOUT_CULTURE.search(text):
        return  # "distinguish reckless behaviour from honest mistakes": a text about blame, not blame
    everyone: list[people.Mention] | None = None  # the segment's mentions, found when first needed
    for pattern in _woken(words):
        for m in pattern.act.finditer(text):
            if _negated(text, m.start()):
                continue
            if pattern.subject:
                judged = _with_subject(pattern, m)
            elif pattern.advice:
                judged = _as_advice(pattern, m)
            else:
                if everyone is None and pattern.kind == "judgement":
                    everyone = people.mentions(text)
                judged = _without_subject(pattern, m, everyone)
            if judged is None and pattern.subject and _fragment(segment, m, pattern):
                judged = m.start(), WEAK  # a quoted phrase on its own: "Forgot to", "Should have known"
            if judged is None:
                continue
            start, strength = judged
            if segment.quoted:
                strength = min(strength, WEAK)
            if strength > NONE:
                yield Candidate(pattern, segment.start + start, segment.start + m.end(), strength)


Judged = tuple[int, int]  # (start of the phrase, strength)
_GENERIC = frozenset({"anyone", "anybody"})
_NOBODY = frozenset({"no one", "nobody"})
_NOBODY_WORDS = frozenset({"nobody", "noone", "no-one", "none", "anybody", "anyone"})
_FRAGMENT_WORDS = 5


def _fragment(segment: Segment, m: re.Match[str], pattern: Pattern) -> bool:
    """Only the blameful words, with no subject: a guide's list of phrasings ("Forgot to", "Should have known").

    A quotation, or a bare list item whose words only a person can be said of.
    """
    alone = not m.string[: m.start()].strip(" \t\"'“”‘’•*-") and len(m.string.split()) <= _FRAGMENT_WORDS
    return alone and (segment.quoted or pattern.kind == "counterfactual" or _HUMAN_ONLY.match(m.group()) is not None)


def _with_subject(pattern: Pattern, m: re.Match[str]) -> Judged | None:
    """A subject pattern: the phrase runs from its person to the end of the words."""
    text = m.string
    could = pattern.name == "should-have" and m.group().lower().startswith("could")
    if could and (_system_condition(text) or _GIVEN_A_MEANS.search(text, m.end())):
        return None  # "if the alert had fired, the on-call could have acted", "... with better tracing"
    if _PASSIVE_NEVER.match(m.group()) and _PASSIVE_BEFORE.search(text, 0, m.start()):
        return None  # "the on-call was never paged": something not done to a person
    subject = _subject(text, m.start(), pattern.coordinated)
    if subject is None and (_HUMAN_ONLY.match(m.group()) or pattern.name == "bad-act"):
        subject = people.bare_name_before(text, m.start())  # "Priyanka forgot to ...": an unknown first name
    if subject is None or _negated(text, subject.start):
        return None
    if pattern.name == "possessive-cause" and _FLAW_IN.search(text, 0, subject.start):
        return None  # "a bug in Alice's script deleted ...": the bug is the subject
    if _HYPOTHETICAL.search(text, 0, subject.start):
        return None  # "If someone deployed a change that broke things, ...": a supposition, not a report
    said_of = text[subject.start : subject.end].lower()
    if said_of in _GENERIC or said_of.startswith("any ") or (pattern.kind == "counterfactual" and said_of in _NOBODY):
        return None  # "anyone could have made the same mistake", "no one could have known": exculpation
    if pattern.kind == "counterfactual" and _EXTRA_PERSON.match(said_of):
        return None  # "a second administrator could have caught it": a person the team lacked, not one to blame
    if subject.kind == "user" and (pattern.kind == "counterfactual" or _IMPACT.match(text, m.start())):
        return None  # users are mostly customers: "the users failed to log in" is impact
    strength = min(pattern.strength, subject.strength)
    if could and _EXPLAINED.search(text, m.end()):
        strength = min(strength, WEAK)  # "the on-call could have escalated, but the policy was unclear"
    if pattern.kind == "person-as-cause":
        perceived, explained = _PERCEPTION.match(text, m.end()), _EXPLAINED.search(text, m.end())
        if perceived and explained and subject.kind == "team" and subject.strength < STRONG:
            return None  # "the team didn't notice it because they don't read logs": the writers explaining
        if perceived or explained:
            strength = min(strength, WEAK)
    return subject.start, strength


def _as_advice(pattern: Pattern, m: re.Match[str]) -> Judged | None:
    start = m.start() + (m.group()[:1] in ":;•–—")  # "Lesson learned: read the spec carefully"
    advice = _advice(m.string, start)
    return None if advice is None else (start, min(advice, pattern.strength))


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
    window = _RECURRENCE.sub(" ", text[max(0, at - 60) : at])  # "not the first time that X ..." asserts X
    return _NEGATION_BEFORE.search(window) is not None


def _subject(text: str, at: int, coordinated: bool = False) -> people.Mention | None:
    """The person the words at ``at`` are said of: the nearest mention just before them.

    With ``coordinated`` the mention may also be the subject of an earlier verb joined by
    "and" ("The reviewer focused on X and didn't notice Y"); that evidence is weak.
    """
    window_start = max(0, at - _SUBJECT_WINDOW)
    # people inside a parenthesis are an aside: "The team (especially @kim) never wrote ..." is the team
    found = people.mentions(_PARENTHESIS.sub(lambda p: " " * len(p.group()), text[window_start:at]))
    if not found:
        return None
    last = found[-1]
    strength = last.strength
    gap_start = window_start + last.end
    # "The author of the PR failed to ...", "Dave from infra ...", "the member who ran it did not ..."
    if not _BETWEEN.fullmatch(text, gap_start, at):
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
    if found[-1].kind == "we":
        # "had we been more disciplined": hindsight about the team's own decisions is not blame;
        # "we will fix this by being less stupid" is advice to people, if to ourselves: weak
        return None if _HINDSIGHT.match(text, at) or _HAD.search(before[-_SUBJECT_WINDOW:]) else WEAK
    return STRONG if found[-1].strength == STRONG else WEAK


def _check(pattern: Pattern, m: re.Match[str]) -> int | None:
    """The strength a subject-less pattern's match supports, or None when it is not blame."""
    if (pattern.kind == "human-error" or pattern.name == "persons-mistake") and (
        _METRIC_AFTER.match(m.string, m.end())
        or _DENIED_AFTER.match(m.string, m.end())
        or (m.group()[:4].lower() == "user" and _IN_THE.match(m.string, m.end()))
    ):
        return None
    groups = m.groupdict()
    if pattern.kind == "human-error" and _CONCESSIVE.search(m.string, 0, m.start()):
        return WEAK  # "While it can be attributed to human error, it is incorrect to focus on ..."
    if "asked" in groups:
        return _asked(groups["asked"] or "")
    if groups.get("pronoun") or groups.get("onme") or groups.get("part"):
        return WEAK  # "this was totally my fault" (a negated "not his fault" never gets here)
    if groups.get("whose") or groups.get("of"):
        if _HYPOTHETICAL.search(m.string, 0, m.start()):
            return None  # "in the cases where someone's mistake did contribute ...": a supposition
        if (groups.get("whose") or "").lower() in _NOBODY_WORDS:
            return None  # "it's nobody's fault"
        mention = people.classify(groups.get("whose") or groups["of"])
        return mention.strength if mention and mention.kind not in ("user", "we") else None
    if "by" in groups:
        by = groups["by"] or ""
        mention = people.starts_with_person(by, people.WEAK)
        if mention is None and by[:1].islower() and _ROLE_POSSESSIVE.search(by):
            # "the engineer's typo" names the engineer (a name's "Marius's fuzzer" is a tool: see people)
            mention = people.starts_with_person(_ROLE_POSSESSIVE.sub("", by, count=1), people.WEAK)
        return mention.strength if mention else None
    if "who2" in groups:
        if pattern.name == "had-they" and _IF_WITHOUT_HAD.match(m.group()):
            return None  # "if someone deployed a change ...": a plain condition, not a counterfactual
        if (groups["who2"] or "").lower() in _NOBODY_WORDS:
            return None  # "it was nobody's fault", "had anyone known"
        mention = people.classify(groups["who2"] or "")
        if mention and mention.kind == "team" and mention.strength < STRONG:
            return None  # "if the team had known ...": the writers' hindsight about their own decisions, like "we"
        return mention.strength if mention and mention.kind != "user" else None
    if pattern.name == "judgement-word" and _LAZY_TECH.match(m.string, m.end()):
        return None
    return pattern.strength


def _asked(asked: str) -> int | None:
    """How strongly "why didn't <asked> ..." puts the fault on a person."""
    if asked.lower() in _GENERIC | _NOBODY:
        return None  # "why didn't anyone catch this?" asks about the process, not a person
    if asked.lower() in ("you", "he", "she", "i"):
        return WEAK
    mention = people.classify(asked)
    return WEAK if mention and mention.strength == STRONG else None
