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

from pm_pipeline.language.people import PEOPLE_OBJECT, classify

__all__ = ["fix_the_person"]

_I = re.IGNORECASE
# Behaviour asked of whoever the subject is.
_BEHAVIOUR = re.compile(
    r"\b(?:be\s+(?:more\s+|extra\s+|very\s+|much\s+more\s+)?(?:careful|vigilant|cautious|mindful|attentive|diligent)|"
    r"(?:take|taking)\s+(?:more|extra|greater)\s+care|pay\s+(?:more|closer|better)\s+attention|"
    r"remember\s+to|try\s+harder|think\s+twice|do\s+what\s+(?:you|we|they)\s+should|stay\s+calm)\b",
    _I,
)
# Advice aimed at people as the object: "Remind engineers to ...", "Retrain the on-call".
_TRAIN = re.compile(rf"\b(?:remind|educate|retrain|re-train|coach|discipline)\s+{PEOPLE_OBJECT}", _I)
_SUBJECT = re.compile(
    r"^\W*(?P<subject>.*?)\s*(?:will|'ll|should|must|shall|needs?\s+to|has\s+to|have\s+to|is\s+to|are\s+to|to)\s*$",
    _I,
)
_LEAD_IN = re.compile(r"^\W*(?:next\s+time|in\s+future|in\s+the\s+future|going\s+forward|always|please)?[\s,]*$", _I)


def _aimed_at_people(before: str) -> bool:
    """The words before the advice are empty (an imperative) or a subject that is people."""
    if _LEAD_IN.match(before):
        return True
    m = _SUBJECT.match(before)
    if m is None:
        return False
    subject = m.group("subject").strip(" ,")
    if not subject or _LEAD_IN.match(subject):
        return True
    mention = classify(subject)
    return mention is not None


def fix_the_person(text: str) -> str | None:
    """The advice phrase when ``text`` asks people to behave better rather than changing a system."""
    trained = _TRAIN.search(text)
    if trained and _aimed_at_people(text[: trained.start()]):
        return trained.group(0)
    behaviour = _BEHAVIOUR.search(text)
    if behaviour and _aimed_at_people(text[: behaviour.start()]):
        return behaviour.group(0)
    return None
