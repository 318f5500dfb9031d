"""Judge whether a post-mortem action item says what will change, so someone can tell when it is done.

The item is first reduced to its core clause (``action_text.core_of``): links,
ticket ids, owner tags, a short heading, the subject and modal, a purpose
clause ("... to prevent ...") and follow-on sentences are set aside, and the
head verb is read in its base form, so "Implementing X", "Implemented X",
"We will implement X" and "X should be implemented" are judged alike.

Then the kind of head verb decides what evidence is needed:

* a direction ("improve", "optimise", "make X more robust", "communicate
  better") needs hard evidence: a number, identifier, file or code;
* exploring ("consider", "discuss", "find a way to", "something about")
  needs a deliverable joined to it ("... and design a proxy for X");
* ongoing attention ("monitor", "keep an eye on", "continue to") needs a
  threshold, schedule or deadline;
* every other verb ("add", "document", "investigate", "review and update",
  "reduce") needs an object that names something: a word that is not generic
  ("monitoring", "issues", "proper", "similar incidents" name nothing).

A link or ticket id is never evidence by itself: "Improve X (link)" is vague.
The finding is an ERROR only on strong evidence (a short item whose object
names nothing, a direction on a generic object, a placeholder); otherwise it is
a WARNING.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from pm_pipeline.language.action_messages import REASONS, SUGGESTIONS
from pm_pipeline.language.action_person import fix_the_person
from pm_pipeline.language.action_text import Clause, Core, clauses, core_of, lemma, words
from pm_pipeline.language.action_words import (
    CONCRETE_VERBS,
    DIRECTION_ADVERBS,
    DIRECTION_VERBS,
    EXPLORE_VERBS,
    GENERIC_MODIFIERS,
    GENERIC_NOUNS,
    ONGOING_VERBS,
    QUANTITY_VERBS,
    STOPWORDS,
)

__all__ = ["Vagueness", "judge_action"]

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Vagueness:
    """Why an action item is vague, the phrase it is about, and a concrete pattern to rewrite it."""

    reason: str
    suggestion: str
    level: Severity = "error"
    phrase: str = ""
    category: str = "generic"


_I = re.IGNORECASE

# --- evidence ------------------------------------------------------------------------

_HARD_EVIDENCE = re.compile(
    r"\d|`[^`]+`|\b\w+\(\)|(?<!\w)--[a-z][\w-]*|[<>]=?|\b[a-z0-9]+_[a-z0-9_]+\b|\b[a-z][\w-]+\.[a-z][\w.-]*[a-z0-9]\b|"
    r"\b[a-z]+[A-Z]\w*\b|\b[\w-]+\.(?:py|sh|md|ya?ml|json|conf|cfg|ini|toml|tf|go|rb|js|ts|sql|txt|rs|xml|env)\b|"
    r"\b(?:from|to|at|under|below|above|within|of)\s+(?:one|two|three|four|five|six|seven|eight|nine|ten|"
    r"twelve|twenty|zero|half|a\s+single)\b"
)
_DATE = re.compile(r"\d{4}-\d\d-\d\d|\d{1,2}:\d\d|\d{1,2}/\d{1,2}(?:/\d{2,4})?")
_DOMAIN = re.compile(r"\.(?:org|com|io|net|dev|app)$")
_UNITS = re.compile(r"\bin\s+(?:seconds|minutes|hours|days|milliseconds|ms|bytes|[kmg]i?b|percent)\b", _I)
_SCHEDULE = re.compile(
    r"\b(?:hourly|daily|nightly|weekly|fortnightly|monthly|quarterly|yearly|annually|"
    r"every\s+(?:day|night|week|month|quarter|deploy|release|hour|sprint))\b",
    _I,
)
_DEADLINE = re.compile(
    r"\b(?:by|before|until|due)\s+(?:the\s+)?(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|"
    r"end\s+of\b|q[1-4]\b|next\s+(?:week|month|quarter|sprint|release))",
    _I,
)
_THRESHOLD = re.compile(r"\b(?:alert|alarm|page|paging|notify|warn)\w*\b[^.;]*?(?:\d|[<>]|\bwhen\b|\bif\b)", _I)
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]+s?\b")
_GENERIC_ACRONYMS = frozenset("API APIS DB DBS UI UX QA TBD TODO NA FYI ASAP ETA RCA SRE IT PR PRS OK AM PM AI".split())
_PLACEHOLDER = re.compile(
    r"^\W*(?:tbd|tbc|tba|todo|n/?a|none|pending(?:\s+\w+)?|to\s+be\s+(?:determined|decided|confirmed|defined)|"
    r"action\s+item\s+pending|see\s+above|-+|\?+)\W*$|^\W*(?:TBD|TODO)\b",
    _I,
)
_EXPLORE_PHRASE = re.compile(
    r"^(?:\W*(?:we\s+)?(?:should|need\s+to|will|must)?\s*)?(?:"
    r"find\s+(?:a|an|the|some)\s+(?:better\s+|good\s+|simple\s+|easy\s+)?(?:way|path|solution|approach|means|option)s?|"
    r"figure\s+out\s+(?:if|whether|how|a\s+way|ways)|something\s+about|some\s+kind\s+of|"
    r"identify\s+(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,2}?(?:ways?|options?|solutions?|patterns?|approach(?:es)?)\b|think\s+(?:about|through)|"
    r"look\s+(?:at|for)\s+(?:ways|options|alternatives)|gain\s+(?:more\s+|additional\s+|better\s+)?\w+|"
    r"(?:we\s+)?(?:should\s+)?(?:set\s+up|implement|add)\s+some\s+kind\s+of|"
    r"(?:check|talk|speak|sync(?:\s+up)?|align|chat|meet|work|follow(?:\s+|-)up)\s+with|reach\s+out\s+to|talk\s+to|"
    r"work(?:ing)?\s+on\s+(?:\w+\s+)?(?:issues|problems|things|improvements|it|this))\b",
    _I,
)
_ONGOING_PHRASE = re.compile(
    r"\b(?:keep\s+an\s+eye|continue\s+to|stay\s+on\s+top|keep\s+(?:track|watching)|check\s+in\s+(?:next|later|again|with)|"
    r"circle\s+back|touch\s+base|follow[\s-]up\s*$|monitor\s+(?:the\s+)?(?:situation|it|things|closely)|going\s+forward)\b",
    _I,
)
_MAKE_COMPARATIVE = re.compile(
    r"\bmake\s+(?:[\w-]+\s+){0,5}?(?:more|less|safer|faster|better|easier|simpler|stronger|clearer|smoother|quicker)\b",
    _I,
)
_MONITORING_WORDS = re.compile(
    r"\b(?:monitor\w*|alert\w*|observab\w+|dashboards?|logging|metrics|paging|visibility)\b", _I
)
_TEST_WORDS = re.compile(r"\b(?:tests?|testing|coverage|flak\w+)\b", _I)


def _named_words(tokens: tuple[str, ...] | list[str]) -> list[str]:
    """Words of ``tokens`` that name something: not a function word, generic noun or generic modifier."""
    named: list[str] = []
    for token in tokens:
        low = token.lower().strip("'")
        if low in STOPWORDS or low in GENERIC_NOUNS or low in GENERIC_MODIFIERS:
            continue
        if low.endswith("s") and (low[:-1] in GENERIC_NOUNS or low[:-2] in GENERIC_NOUNS):
            continue
        if low in ("happened", "wrong", "went", "root", "cause", "causes", "reason", "reasons", "again"):
            continue
        if _DATE.fullmatch(low):
            continue
        named.append(token)
    return named


def _hard_evidence(text: str) -> bool:
    return any(not _DOMAIN.search(m.group(0)) for m in _HARD_EVIDENCE.finditer(text))


def _has_deliverable(text: str) -> bool:
    """A date, threshold or schedule that closes an exploration or ongoing attention."""
    return bool(_DEADLINE.search(text) or _THRESHOLD.search(text) or _SCHEDULE.search(text))


_TO_VERB = re.compile(r"\bto\s+(?=(\w+))", _I)


def _delegated_change(text: str) -> bool:
    """ "Work with the DBA team to add an index on orders.user_id": the conversation serves a named change."""
    for m in _TO_VERB.finditer(text):
        verb = lemma(m.group(1))
        if verb in CONCRETE_VERBS and verb not in ("communicate", "coordinate", "discuss"):
            rest = text[m.end() :]
            if _hard_evidence(rest) and _named_words(words(rest)[1:]):
                return True
    return False


_BY_GERUND = re.compile(r"\bby\s+(\w+ing)\b", _I)


def _by_method(text: str) -> bool:
    """ "Improve search latency by adding an index on the orders table": the method is the change."""
    for m in _BY_GERUND.finditer(text):
        if lemma(m.group(1)) in CONCRETE_VERBS and _named_words(words(text[m.end() :])):
            return True
    return False


def _first_modifier(obj: list[str]) -> str:
    for w in obj:
        if w not in ("a", "an", "the", "some", "our", "its", "their"):
            return w
    return ""


_INVESTIGATE = frozenset(
    "investigate look research diagnose review audit identify find figure evaluate assess analyze examine study".split()
)
_COMPARATIVES = frozenset("better more bigger larger faster smaller stronger safer simpler easier".split())
_NOW_BETTER = re.compile(
    r"\b(?:is|are|was|were)\s+(?:now\s+)?(?:much\s+)?(?:more\s+\w+|easier|better|faster|safer|simpler|clearer)\b", _I
)
_OPTIONS = frozenset("possibilities possibility options option ways way alternatives ideas approaches".split())


def _first_noun(obj: list[str]) -> str:
    for w in obj:
        if w not in STOPWORDS and w not in GENERIC_MODIFIERS:
            return w
    return ""


def _category(verbs: tuple[str, ...], obj_words: tuple[str, ...], text: str, passive: bool) -> str:
    obj = [w.lower() for w in obj_words]
    first = _first_modifier(obj)
    if any(v in EXPLORE_VERBS for v in verbs) and not any(v in CONCRETE_VERBS for v in verbs):
        return "explore"
    if set(verbs) & _INVESTIGATE and _first_noun(obj) in _OPTIONS:
        return "explore"  # "Investigate further possibilities of ...", "Research options for ..."
    if any(v in ONGOING_VERBS for v in verbs) or _ONGOING_PHRASE.search(" ".join((*verbs, *obj_words))):
        return "ongoing"
    if any(v in DIRECTION_VERBS for v in verbs) or _MAKE_COMPARATIVE.search(" ".join((*verbs, *obj_words))):
        return "direction"
    if verbs == ("",) and (first in _COMPARATIVES or first in ("improved", "enhanced", "regular", "further", "")):
        return "direction"
    if verbs == ("",) and _NOW_BETTER.search(text):
        return "direction"  # "Our documentation is now easier to locate": a quality, not the change
    if passive and first in ("better", "more", "improved", "regular", "additional"):
        return "direction"
    if obj and (obj[0] in DIRECTION_ADVERBS or obj[-1] in ("better", "gracefully", "often", "regularly")):
        return "direction"
    if any(a == "more" and b in DIRECTION_ADVERBS for a, b in zip(obj, obj[1:], strict=False)):
        return "direction"
    if first in _COMPARATIVES and set(verbs) & {"need", "add", "implement", "use", "have", "do", "set", "write"}:
        return "direction"
    if set(verbs) & QUANTITY_VERBS and first in ("frequency", "number", "amount") and not _hard_evidence(text):
        return "quantity"
    return "concrete"


def _refine(category: str, text: str) -> str:
    if category in ("direction", "generic", "ongoing"):
        if _MONITORING_WORDS.search(text):
            return "monitoring"
        if _TEST_WORDS.search(text):
            return "tests"
    return category


def _verdict(category: str, phrase: str, level: Severity) -> Vagueness:
    shown = phrase.strip() or "(empty)"
    if len(shown) > 60:
        shown = shown[:57].rstrip() + "..."
    return Vagueness(f"'{shown}' {REASONS[category]}.", SUGGESTIONS[category], level, shown, category)


def _short(core: Core) -> bool:
    return len(words(core.text)) <= 6


_SO_THAT_END_STATE = re.compile(
    r"\bso\s+that\b(?P<rest>.*\b(?:when|whenever|if|unless|before|after|within|until)\b.*)", _I
)


def _judge_clause(clause: Clause, core: Core, first: bool) -> Vagueness | None:
    text = core.text
    category = _category(clause.verbs, clause.object_words, text, core.passive)
    if first and _EXPLORE_PHRASE.search(text):
        category = "explore"
    named = _named_words(clause.object_words)
    short = len(words(text)) <= 6
    if category == "direction":
        if _hard_evidence(text) or _SCHEDULE.search(text) or _UNITS.search(text) or _by_method(text):
            return None
        level: Severity = "error" if not named or short else "warning"
        return _verdict(_refine("direction", text), text, level)
    if category == "explore":
        if _has_deliverable(text) or _delegated_change(text):
            return None
        return _verdict("explore", text, "error" if not named and short else "warning")
    if category == "ongoing":
        if _has_deliverable(text):
            return None
        return _verdict(_refine("ongoing", text), text, "error" if short else "warning")
    if category == "quantity":
        return _verdict("quantity", text, "warning")
    if named:
        return None
    kind = "investigate" if set(clause.verbs) & _INVESTIGATE else "generic"
    if kind == "generic" and set(clause.verbs) & QUANTITY_VERBS:
        kind = "quantity"
    return _verdict(_refine(kind, text), text, "error" if short else "warning")


def judge_action(text: str) -> Vagueness | None:
    """Return why ``text`` is vague, or None when it is specific enough."""
    stripped = text.strip()
    if not stripped or _PLACEHOLDER.search(stripped):
        return _verdict("placeholder", stripped, "error")
    person = fix_the_person(stripped)
    if person is not None:
        return _verdict("person", person, "error")
    core = core_of(stripped)
    if not words(core.text):
        return _verdict("placeholder", stripped, "error")
    verdicts = [_judge_clause(clause, core, i == 0) for i, clause in enumerate(clauses(core))]
    if any(v is None for v in verdicts):
        return None
    end_state = _SO_THAT_END_STATE.search(stripped)
    if end_state and _named_words(words(end_state.group("rest"))):
        return None  # "Fix X so that user pods are not cleaned up when the hub restarts"
    first = verdicts[0]
    assert first is not None
    if first.level == "error" and any(v is not None and v.level == "warning" for v in verdicts):
        return Vagueness(first.reason, first.suggestion, "warning", first.phrase, first.category)
    return first
