"""How an action item is voiced, read before its words: report prose, advice, questions, list pieces.

Real post-mortems often write their action list as prose, and the voice alone says
much about whether a reviewer can tell when the item is done:

* commitment in report voice: "We are looking at disabling X", "We have plans on better
  support for Y", "We're working on making X more resilient", "We will conduct a
  comprehensive review of Z", "We'll evaluate ways to improve", "In the future we intend to
  ...", "We continue to reduce ...", "A proposal has been made to ...", "Work on moving to
  ...": effort or intention, with no change that is finished at a known point. A number,
  identifier or date in the first sentence ("We are looking into moving cron jobs to
  CronJobs by 2025-06-30") is the checkable part, so it rescues the item.
* advice to a class of people: "Package maintainers should avoid ...", "Users should enable
  ...": the people are the subject, not the change; the rest is judged as the item
  ("enable npm two-factor authentication" is specific, "be careful with ..." is not).
* a yes/no question ("Is the backup job slowing the disk?"): a hypothesis to check, which
  names what it checks; it is not judged as a change.
* pieces of a list: an item that starts with "of" continues the item above, and an item
  that ends in "including" or "such as" is a heading whose content is on sub-bullets; either
  way the item names no change by itself.
* a quality with no measure: "Add comprehensive test coverage", "Gather more accurate ETAs",
  "Insure we have adequate spares": the adjective is the whole change unless a scope ("to
  cover ...", "i.e. ...") or a number says what it means.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from pm_pipeline.language.action_evidence import hard_evidence, has_deliverable
from pm_pipeline.language.action_person import fix_the_person
from pm_pipeline.language.people import PEOPLE_AUDIENCE

__all__ = ["advice_rest", "commitment", "list_piece", "question", "effort_only", "unmeasured_quality", "voiced"]

_I = re.IGNORECASE

_LEAD = (
    r"(?:^|[,;]\s+(?:and\s+|but\s+)?)\W*(?:(?:moving|going)\s+forward|longer[\s-]term|in\s+the\s+(?:long\s+term|longer\s+term|future)|"
    r"as\s+detailed\s+below|additionally|also|further(?:more)?|next|finally)?\W*"
)
_SUBJECT = r"(?:we|i|the\s+team|our\s+(?:[\w-]+\s+)?team)"
_AUX = r"(?:\s*(?:'|’)(?:re|ll|ve|m)|\s+(?:are|am|is|have|has|had|will|shall))?"
_ADVERBS = r"(?:\s+(?:also|now|actively|currently|still|been|already|further|continuously|going\s+to))*"
# Frames that need "we" (or a team) as subject: plans, intentions, work under way.
_WITH_SUBJECT = (
    r"looking\s+(?:at|into)|plan(?:s|ning)?\s+(?:on|for|to)|intend(?:s|ing)?\s+to|aim(?:s|ing)?\s+to|"
    r"working\s+(?:on|towards?)|exploring|experimenting|prioriti[sz]ing|continu(?:e|es|ing)\s+to|"
    r"evaluat(?:e|ing)\s+(?:ways|options|how|whether)|"
    r"(?:conduct|undertake|do|perform)(?:ing)?\s+(?:a|an)\s+(?:complete|comprehensive|thorough|full|detailed|deep(?:er)?|wider)\b"
)
COMMITMENT = re.compile(
    _LEAD
    + r"(?:"
    + _SUBJECT
    + _AUX
    + _ADVERBS
    + r"\s+(?P<frame>"
    + _WITH_SUBJECT
    + r")|(?P<effort>work(?:ing)?\s+on|push(?:ing)?\s+forward\s+(?:with|on)|make\s+progress\s+on)\b|"
    + r"(?P<proposal>an?\s+proposal\s+(?:has\s+been|was)\s+made))",
    _I,
)


def commitment(text: str) -> str | None:
    """The effort or intention frame ("We are looking at", "Work on") when nothing checkable follows."""
    sentence = _first(text)
    m = COMMITMENT.search(sentence)
    if m is None or hard_evidence(sentence) or has_deliverable(sentence):
        return None
    return m.group(0).strip(" ,")


# Who the advice is for (people.PEOPLE_AUDIENCE, after at most two words), then the modal.
_ADVICE = re.compile(
    rf"^\W*(?P<who>(?:[\w-]+\s+){{0,2}}?{PEOPLE_AUDIENCE}(?:\s+(?:and|or|&)\s+{PEOPLE_AUDIENCE})?)\s+"
    r"(?:should|must|need\s+to|ought\s+to|have\s+to)\s+(?:always\s+|also\s+)?(?P<rest>\w.*)",
    _I,
)
_MODAL_WORDS = ("should", "must", "need", "ought", "have")
# "Document that operators should ...": the advice sits inside a clause; the item is the documenting.
_SUBORDINATE = re.compile(r"\b(?:that|which|who|to|so|when|if|unless)\b", _I)


# A rule of behaviour or a state of mind asked of people: nothing a team can finish.
_BEHAVIOUR = re.compile(r"^(?:avoid|refrain|never|not|be|stay|remain|remember|take\s+care|think)\b", _I)


def advice_rest(text: str) -> str | None:
    """ "Package maintainers should enable npm 2FA" -> "enable npm 2FA": the advice, without its audience."""
    lowered = text.lower()
    if not any(modal in lowered for modal in _MODAL_WORDS):
        return None  # no modal, no advice (a substring test spares the audience regex)
    m = _ADVICE.match(text)
    return m.group("rest") if m and not _SUBORDINATE.search(m.group("who")) else None


_QUESTION = re.compile(
    r"^\W*(?:is|are|was|were|does|did|has|have|could|can|why|whether)\s+(?!not\b|n't\b)(?:\w+\s+){2,}", _I
)
_NOT_QUESTION = re.compile(r"^\W*(?:have|has)\s+(?:a|an|the|more|better|someone|somebody)\b|^\W*can't\b", _I)


def question(text: str) -> bool:
    """ "Is taking velero backups disturbing EBS I/O?": a question to answer, not a change to judge."""
    return bool(_QUESTION.match(text)) and not _NOT_QUESTION.match(text)


_OF = re.compile(r"^\W*of\s+\w", _I)
_DANGLING = re.compile(r"\b(?:including|such\s+as|e\.g\.?|for\s+example)\s*[:,]?$", _I)


def list_piece(text: str) -> bool:
    """ "Of outages, maintenance, etc.", "Redesign core services, including": the change is elsewhere."""
    stripped = text.strip()
    return bool(_OF.match(stripped) or _DANGLING.search(stripped[-24:]))


_QUALITY = re.compile(
    r"\b(?:more\s+|better\s+)?(?:comprehensive|adequate|sufficient|appropriate|thorough|broader|wider|"
    r"more\s+accurate|more\s+complete|more\s+extensive)\b",
    _I,
)
_SCOPE = re.compile(
    r"\b(?:to\s+cover|covering|that\s+covers?|i\.e\.?|e\.g\.?|such\s+as|namely|including|mimicking)\b|:\s*\w", _I
)


# Speed with no measure, anywhere in the first sentence: "notify customers in a timely manner".
_TIMELY = re.compile(r"\bin\s+a\s+timely\s+(?:manner|fashion|way)\b|\bas\s+soon\s+as\s+possible\b|\basap\b", _I)


def unmeasured_quality(text: str) -> str | None:
    """ "Add comprehensive PACT test coverage", "... in a timely manner": a quality with no scope or number."""
    head = " ".join(text.split()[:5])
    lowered = text.lower()
    timely = "timely" in lowered or "as soon" in lowered or "asap" in lowered
    m = _QUALITY.search(head) or (_TIMELY.search(_first(text)) if timely else None)
    if m is None or _SCOPE.search(text) or hard_evidence(text):
        return None
    return m.group(0)


_SENTENCE_BREAK = re.compile(r"(?<=[.!;])\s")


def _first(text: str) -> str:
    stripped = text.strip()
    m = _SENTENCE_BREAK.search(stripped)
    return stripped[: m.start()] if m else stripped


# Effort spent rather than a change made: "use this engineering time to improve X", "develop some ideas
# around X"; what the time or the ideas produce is not said.
_EFFORT = re.compile(
    r"\b(?:use|spend|dedicate|invest|allocate|put)\w*\s+(?:this|the|our|more|extra|additional|some)?\s*"
    r"(?:[\w-]+\s+)?(?:time|effort|energy|resources|capacity)\s+(?:to|on|towards?|in)\s+"
    r"(?:improv|enhanc|strengthen|increas|boost|better|bolster)\w*|"
    r"\b(?:develop|gather|collect|come\s+up\s+with|put\s+together|share)\s+(?:some\s+|more\s+|a\s+few\s+)?"
    r"(?:thoughts|ideas|thinking)\b|"
    r"\b(?:determine|decide|work\s+out|understand|discuss)\s+how\s+(?:to|we)\b",
    _I,
)


def effort_only(text: str) -> str | None:
    """The effort frame ("use this time to improve", "develop some ideas") when the sentence has no number."""
    lowered = text.lower()
    if not any(w in lowered for w in ("time", "effort", "energy", "resource", "capacity", "thought", "idea", "how")):
        return None
    sentence = _first(text)
    m = _EFFORT.search(sentence)
    return None if m is None or hard_evidence(sentence) else m.group(0)


V = TypeVar("V")


def voiced(text: str, judge: Callable[[str], V | None], warn: Callable[[str, str], V]) -> V | None:
    """Judge ``text`` with ``judge``, read through its voice; ``warn(category, phrase)`` makes a warning.

    A question is not judged, advice is judged without its audience, and an item the words
    alone let pass is still vague when its voice is effort, a list piece or an unmeasured quality.
    """
    if question(text):
        return None
    rest = advice_rest(text)
    if rest is not None and fix_the_person(text):
        rest = None  # "All engineers should read the escalation guide": fix-the-person, judged whole
    verdict = judge(text if rest is None else rest)
    if verdict is not None:
        return verdict
    if rest is not None and _BEHAVIOUR.match(rest) and not hard_evidence(_first(rest)):
        return warn("person", text)  # "Users should avoid reusing passwords": advice, not a change
    if (phrase := commitment(text)) is not None:
        return warn("commitment", phrase)
    if (phrase := effort_only(text)) is not None:
        return warn("direction", phrase)
    if list_piece(text):
        return warn("fragment", text)
    if (phrase := unmeasured_quality(text)) is not None:
        return warn("quality", phrase)
    return None
