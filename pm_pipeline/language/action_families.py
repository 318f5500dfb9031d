"""Families of action-item wording that real post-mortems share, each judged by one general rule.

* cadence: "Conduct regular audits of all certificates", "Regular monitoring of the relayer":
  "regular", "periodic" or "routine" promises recurring work without saying how often, so nobody
  can tell whether it is happening; a schedule ("quarterly") makes it specific.
* knowledge: "Increase helm knowledge in the team", "Improve awareness of X": what people know is
  not a deliverable; a course, document or date is.
* monitoring signal: "Enhanced monitoring for consensus block time spikes", "Improve monitoring to
  detect pool exhaustion", "peer connection stability monitoring" name the signal watched, which is
  what a reviewer checks; "alerts for distributed consensus issues" and "catch errors like this"
  name a class of problems, not a signal.
* measure: "Reduce build times", "Increase cadence for disaster recovery tests": moving a measure
  without a target says which way, not how far.
* anaphora: "problems like this", "such issues", "similar incidents" point back at the incident and
  name nothing new.
"""

from __future__ import annotations

import re

from pm_pipeline.language.action_evidence import SCHEDULE, hard_evidence, named_words
from pm_pipeline.language.action_text import VERBS as _VERBS
from pm_pipeline.language.action_text import lemma, words
from pm_pipeline.language.action_words import GENERIC_MODIFIERS
from pm_pipeline.language.people import PEOPLE_OBJECT

__all__ = [
    "ANAPHORA",
    "cadence_without_schedule",
    "end_state",
    "scope_named",
    "knowledge_only",
    "measure_head",
    "monitoring_signal",
]

_I = re.IGNORECASE

_CADENCE_WORDS = frozenset("regular regularly periodic periodically routine routinely recurring frequent".split())
_NOT_CADENCE = re.compile(r"\bregular\s+expressions?\b|\bregularly\s+scheduled\b", _I)
_ARTICLES = frozenset("a an the some our their its".split())


def cadence_without_schedule(object_words: tuple[str, ...], text: str) -> bool:
    """The work is qualified as recurring ("regular audits", "... regularly") but no cadence is given."""
    obj = [w.lower() for w in object_words if w.lower() not in _ARTICLES]
    lead = [w.lower() for w in words(text[:40])[:1]]  # "Periodic reviews of X": the subject, before the verb
    if not obj and not lead:
        return False
    recurring = bool(set(obj[:1] + obj[-1:] + lead) & _CADENCE_WORDS) and not _NOT_CADENCE.search(text)
    return recurring and not SCHEDULE.search(text) and not hard_evidence(text)


_KNOWLEDGE = frozenset(
    "knowledge awareness understanding skills skill expertise familiarity know-how competence literacy".split()
)
_GROW_VERBS = frozenset(
    "increase improve raise build spread grow gain deepen broaden enhance strengthen boost foster develop".split()
)


_TRAINING_VERBS = frozenset("train teach coach upskill mentor educate".split())
_PEOPLE_FIRST = re.compile(rf"^(?:more\s+|new\s+|existing\s+|our\s+|all\s+)*{PEOPLE_OBJECT}", _I)
# What a training produces that someone can check happened.
_TRAINING_DELIVERABLE = re.compile(
    r"\b(?:sessions?|course|workshops?|program(?:me)?s?|drills?|exercises?|game\s*days?|runbooks?|documents?|"
    r"guides?|curriculum|certification|walkthroughs?|tabletops?|rotations?|shadow\w*|pairing)\b",
    _I,
)


def knowledge_only(verbs: tuple[str, ...], object_words: tuple[str, ...], text: str) -> bool:
    """What people know is the object: "Increase helm knowledge in the team", "Train the team on X".

    Training people counts when it names no session, course, drill or document and no number
    ("Train 3 backend engineers for on-call" is specific).
    """
    if set(verbs) & _GROW_VERBS and _head_noun(object_words) in _KNOWLEDGE:
        return not hard_evidence(text)
    if set(verbs) & _TRAINING_VERBS and not _TRAINING_DELIVERABLE.search(text):
        return bool(_PEOPLE_FIRST.match(" ".join(object_words))) and not hard_evidence(text)
    return False


_PREPOSITION = frozenset("for of on in at across to with from within during by about around between".split())


def _head_noun(object_words: tuple[str, ...]) -> str:
    """The last word before the first preposition: "build times" in "build times for CI" -> "times"."""
    head = ""
    for w in object_words:
        low = w.lower()
        if low in _PREPOSITION or low in ("and", "or", ","):
            break
        head = low
    return head


# Counts that are outcomes rather than capacity: reducing them needs a target.
_OUTCOMES = frozenset(
    """
    requests errors alerts pages incidents tickets retries failures calls queries builds deploys deployments
    messages events steps clicks logs restarts timeouts crashes
    """.split()
)
_MEASURES = frozenset(
    """
    time times latency latencies duration durations cost costs usage load noise overhead toil
    frequency cadence number amount delay delays lag wait waits footprint churn set scope range coverage breadth
    """.split()
)


def measure_head(object_words: tuple[str, ...]) -> bool:
    """The object is a measure ("build times", "cadence for DR tests"): moving it needs a target.

    The size or number of a named resource ("Increase size of edge proxy VMs", "increase the number of
    placeholder pods") is a capacity change, not a measure.
    """
    head = _head_noun(object_words)
    if head in ("number", "amount", "count"):
        # "increase the number of placeholder pods on GKE": a capacity knob on a named thing.
        lowered = [w.lower() for w in object_words]
        after = list(object_words[lowered.index(head) + 1 :])
        counted = _head_noun(tuple(after[1:]))
        if after[:1] == ["of"] and named_words(after[1:4]) and counted not in _OUTCOMES:
            return False  # not "the number of HTTP requests": an outcome, which needs a target
    return head in _MEASURES


_TO_WHAT = re.compile(r"\bto\s+(?P<what>[^.;,(]{1,50})", _I)
_NO_SCOPE = frozenset(
    "acceptable reasonable normal minimum maximum minimal optimal expected desired usual sane".split()
)


def scope_named(text: str) -> bool:
    """A measure moved onto a named scope: "Expand test coverage to the payment flow"."""
    m = _TO_WHAT.search(text)
    if m is None:
        return False
    what = words(m.group("what"))
    if what and lemma(what[0]) in _VERBS:
        return False  # "to improve ...": a purpose, not a scope
    return bool(named_words(what)) and not {w.lower() for w in what} & _NO_SCOPE


ANAPHORA = re.compile(
    r"\b(?:(?:issues|problems|errors|incidents|failures|outages|bugs|things|cases)\s+like\s+(?:this|these|that|it)|"
    r"(?:such|similar|these|those)\s+(?:issues|problems|errors|incidents|failures|outages|bugs|cases|events|mistakes)|"
    r"this\s+(?:kind|type|sort|class)\s+of)\b",
    _I,
)
_MONITOR_NOUN = re.compile(
    r"\b(?:monitoring|alerting|alerts?|alarms?|detection|observability|dashboards?|visibility|checks?|probes?|"
    r"logging|metrics|tracing)\b",
    _I,
)
# Where the signal is named: "monitoring for X", "alerts on X", "to detect X", "to include X".
_SIGNAL_AFTER = re.compile(
    r"\b(?:monitoring|alerting|alerts?|alarms?|detection|dashboards?|visibility|probes?|logging|metrics|tracing)\s+"
    r"(?:for|on|to\s+(?:detect|include|cover|catch|track|alert\s+on|notice|flag|show|capture|record|expose))\s+"
    r"(?P<signal>(?:(?!\b(?:to|so|which|that|when|before|and)\b)[^.;,(])+)",
    _I,
)
_PROBLEM_CLASS = frozenset(
    "issues issue problems problem incidents incident outages bugs anomalies things cases situations".split()
)
_SYSTEMS = frozenset(
    """
    service services system systems server servers infrastructure platform cluster clusters application
    applications app apps stack environment environments host hosts node nodes machine machines
    instance instances vm vms region regions
    """.split()
)
_COMPARATIVE = re.compile(r"\b(?:better|more)\b", _I)
_NOT_A_SIGNAL = frozenset(
    "specific certain relevant important critical key all any various anything everything something unusual "
    "abnormal suspicious unexpected weird strange".split()
)


def _names_signal(phrase_words: list[str]) -> bool:
    named = [w for w in named_words(phrase_words) if w.lower() not in _NOT_A_SIGNAL]
    if not named or (phrase_words and phrase_words[0].lower() in _NOT_A_SIGNAL):
        return False
    last = _head_noun(tuple(phrase_words)) or phrase_words[-1].lower()
    return last not in _PROBLEM_CLASS


def monitoring_signal(text: str) -> bool | None:
    """Whether monitoring named in ``text`` says what signal it watches; None when unknown or not about monitoring.

    True when the signal follows the monitoring word ("monitoring for consensus block time spikes",
    "monitoring to detect pool exhaustion") or is a compound before it ("peer connection stability
    monitoring"). False when what follows is a class of problems ("alerts for distributed consensus
    issues"), an anaphora ("for issues like this") or a placeholder ("for specific queries").
    A system after the word ("monitoring for the payment service") names where, not what: unknown.
    """
    noun = _MONITOR_NOUN.search(text)
    if noun is None:
        return None
    after = _SIGNAL_AFTER.search(text)
    if after is not None:
        signal = after.group("signal")
        phrase = words(signal)
        head = _head_noun(tuple(phrase)) or (phrase[-1].lower() if phrase else "")
        if signal.lstrip()[:1] in "[<":
            return None  # "Add monitoring for [specific metric]": a guide's template slot stands for a name
        if ANAPHORA.search(signal) or head in _PROBLEM_CLASS or (phrase and phrase[0].lower() in _NOT_A_SIGNAL):
            return False
        if head not in _SYSTEMS and [w for w in named_words(phrase) if w.lower() not in _NOT_A_SIGNAL]:
            # "Add better alerts for disk space": a quality of the alerts (better, more), not a threshold.
            return None if _COMPARATIVE.search(text) else True
    before = words(text[: noun.start()])
    compound: list[str] = []
    for w in reversed(before):
        if w.lower() in _PREPOSITION or w.lower() in _ARTICLES or w.lower() in ("and", "or"):
            break
        compound.insert(0, w)
    # "Enhanced peer connection stability monitoring": the words right before the noun, not the verb.
    while compound and (lemma(compound[0]) in _VERBS or compound[0].lower() in GENERIC_MODIFIERS):
        compound.pop(0)
    if _COMPARATIVE.search(text):
        return None  # "better CPU load alerting": a quality of the monitoring, not a signal to check
    return len([w for w in named_words(compound) if w.lower() not in _NOT_A_SIGNAL]) >= 2 or None


_SO_THAT_END_STATE = re.compile(r"\b(?:so\s+that|to\s+(?:ensure|make\s+sure|guarantee)(?:\s+that)?)\b(?P<rest>.*)", _I)
# What makes a purpose clause a checkable end state: a condition, or a system that pages, blocks or runs.
_CHECKABLE = re.compile(
    r"\b(?:when|whenever|if|unless|before|after|within|until|pages?|alerts?|notif(?:y|ies)|blocks?|rejects?|"
    r"refuses?|fails?|runs?|keeps?|stays?)\b",
    _I,
)


def end_state(text: str) -> bool:
    """ "Fix X so that user pods are not cleaned up when the hub restarts": the purpose is checkable."""
    m = _SO_THAT_END_STATE.search(text)
    if m is None:
        return False
    rest = m.group("rest")
    if ANAPHORA.search(rest):
        return False  # "... so that we can catch errors like this before ...": names nothing new
    return bool(named_words(words(rest)) and (_CHECKABLE.search(rest) or hard_evidence(rest)))
