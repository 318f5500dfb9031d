"""The "fix the person" family of action items: advice to people instead of a change to the system.

"Engineers must be more careful", "I'll be more careful next time", "Remind
the team to double-check", "Next time, do what you should". Such an item is
vague (nothing changes, so nothing can be checked), and it is also blame; the
PM201 rule yields it to PM105 when the blame engine reports the same phrase.

Who counts as a person is the people module's answer (``language.people``),
the same one PM1xx and PM502 use: the advice is fix-the-person when it is an
imperative, or when its subject is people ("Engineers", "Sarah", "the
on-call", "I", "we"), not when a thing is asked to be careful ("The deploy
script must be careful to ...").
"""

from __future__ import annotations

import re

from pm_pipeline.language.action_evidence import named_words
from pm_pipeline.language.action_text import words
from pm_pipeline.language.people import PEOPLE_OBJECT, classify

__all__ = ["fix_the_person"]

_I = re.IGNORECASE
# Behaviour asked of whoever the subject is.
_BEHAVIOUR = re.compile(
    r"\b(?:be\s+(?:more\s+|extra\s+|very\s+|much\s+more\s+)?(?:careful|vigilant|cautious|mindful|attentive|diligent)|"
    r"(?:take|taking)\s+(?:more|extra|greater)\s+care|pay\s+(?:more\s+|closer\s+|better\s+)?attention|"
    r"remember\s+to|try\s+harder|think\s+twice|do\s+what\s+(?:you|we|they)\s+should|"
    r"read\s+(?:[\w-]+\s+){1,4}?(?:carefully|thoroughly|first\b|before\s+\w+ing)|think\s+before|slow\s+down|"
    r"double[\s-]check\W*$|"
    r"(?:stay|remain)\s+(?:calm|vigilant|alert|focused|careful)\b|keep\s+calm|"
    r"(?:exercise|use|show)\s+(?:more\s+|extra\s+|greater\s+|better\s+)?(?:caution|care|judg(?:e)?ment|discipline)|"
    r"learn\s+(?:the\s+)?(?:proper|correct|right|appropriate)\b|double[\s-]check\s+(?:their|your|our|his|her|before|everything)\b)\b",
    _I,
)
# Advice aimed at people as the object: "Remind engineers to ...", "Retrain the on-call".
_TRAIN = re.compile(
    rf"\b(?:(?:remind|educate|retrain|re-train|coach|discipline)\s+{PEOPLE_OBJECT}|"
    rf"train\s+{PEOPLE_OBJECT}\s+(?:not\s+)?to\b|"
    rf"(?:make\s+sure|ensure)\s+(?:that\s+)?(?:the\s+|an?\s+|every\s+|each\s+)?{PEOPLE_OBJECT}\s+(?:always\s+)?"
    r"(?:checks?|verif(?:y|ies)|reads?|knows?|understands?|follows?|remembers?|double-checks?|tests?|reviews?|confirms?)\b)",
    _I,
)
_SUBJECT = re.compile(
    r"^\W*(?P<subject>.*?)\s*(?:will|'ll|should|must|shall|needs?\s+to|has\s+to|have\s+to|is\s+to|are\s+to|to)\s*$",
    _I,
)
_LEAD_IN = re.compile(
    r"^\W*(?:next\s+time|in\s+future|in\s+the\s+future|going\s+forward|always|please|to)?[\s,]*(?:always\s+|try\s+to\s*)?$",
    _I,
)
# Google's convention for a person in a post-mortem: "sydneythree@".
_HANDLE = re.compile(r"^@?[a-z][\w.-]*@$", _I)


def _aimed_at_people(before: str) -> bool:
    """The words before the advice are empty (an imperative) or a subject that is people."""
    if _LEAD_IN.match(before):
        return True
    m = _SUBJECT.match(before)
    if m is None:
        return False
    subject = m.group("subject").strip(" ,")
    if not subject or _LEAD_IN.match(subject) or _HANDLE.match(subject):
        return True
    mention = classify(subject)
    return mention is not None


# A duty of personal conduct put on people: "Everyone should read the incident process doc".
_DUTY = re.compile(
    r"^\W*(?P<subject>[\w@ .'-]{1,40}?)\s+(?:should|must|need\s+to|needs\s+to|have\s+to|has\s+to)\s+(?:always\s+)?"
    r"(?:read|follow|know|learn|understand|remember|double[\s-]check)\b",
    _I,
)
_EVERYONE = re.compile(r"^(?:everyone|everybody|all\s+(?:staff|engineers|developers))$", _I)


def _duty(text: str) -> str | None:
    m = _DUTY.search(text)
    if m is None:
        return None
    subject = m.group("subject").strip()
    mention = classify(subject)
    strong = mention is not None and mention.kind in ("role", "name", "handle")
    if named_words(words(text[m.end() :])):
        return None  # "Operators must follow the two-person rule for database wipes": a named rule
    return m.group(0).strip() if strong or _EVERYONE.match(subject) else None


def fix_the_person(text: str) -> str | None:
    """The advice phrase when ``text`` asks people to behave better rather than changing a system."""
    trained = _TRAIN.search(text)
    if trained and _aimed_at_people(text[: trained.start()]):
        return trained.group(0)
    behaviour = _BEHAVIOUR.search(text)
    if behaviour and _aimed_at_people(text[: behaviour.start()]):
        return behaviour.group(0)
    return _duty(text)
