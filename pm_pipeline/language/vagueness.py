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
  ("monitoring", "issues", "proper", "similar incidents", "the issue that
  caused the outage" name nothing), or, after a verb that produces a
  deliverable, a compound of common nouns ("Document config change procedure",
  "Added config validation"; not one ending in an umbrella noun such as
  "systems" or "step"), or a subject that names a thing ("Upload safety checks
  should not allow ...").

Before that, whole-item families (``action_phrases``): a placeholder or a
pointer ("TBD", "Tracked in Jira"), a promise about the outcome ("This should
not happen anymore"), advice to people ("exercise more caution", "train humans
not to ...", ``action_person``), an intention ("we have plans to improve on
this"), a rule of behaviour with nothing named ("Avoid risky changes", a
warning). An owner, due date or priority is never evidence. A vague first
sentence that a later one spells out with a number ("Improve monitoring.
Specifically, add an alert on p99 > 500 ms") is specific, and so is a direction
whose purpose clause carries a measurable target. "Continue using X" is judged as "use X"; alternatives
joined by "or" cannot make an item specific; an end state in a purpose clause
("... to ensure the on-call is paged when ...") does; so does a completed
change of amount ("We have increased the frequency of incremental backups").

A link or ticket id is never evidence by itself: "Improve X (link)" is vague.
The finding is an ERROR only on strong evidence (a short item whose object
names nothing, a direction on a generic object, a placeholder); otherwise it is
a WARNING.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from pm_pipeline.language.action_evidence import SCHEDULE, UNITS, compound, hard_evidence, has_deliverable, named_words
from pm_pipeline.language.action_families import (
    cadence_without_schedule,
    end_state,
    knowledge_only,
    measure_head,
    monitoring_signal,
    scope_named,
)
from pm_pipeline.language.action_messages import REASONS, SUGGESTIONS
from pm_pipeline.language.action_person import fix_the_person
from pm_pipeline.language.action_phrases import (
    ATTITUDE,
    EXPLORE_PHRASE,
    HOW_TO,
    INTENTION,
    MAKE_COMPARATIVE,
    MONITORING_WORDS,
    MORE_PEOPLE,
    ONGOING_PHRASE,
    PLACEHOLDER,
    PROGRESS,
    REASSURANCE,
    TEST_WORDS,
    TOWARDS,
)
from pm_pipeline.language.action_text import (
    VERBS,
    Clause,
    Core,
    clauses,
    core_of,
    first_sentence,
    follow_on,
    lemma,
    words,
)
from pm_pipeline.language.action_voice import voiced
from pm_pipeline.language.action_words import (
    CONCRETE_VERBS,
    DELIVERABLE_VERBS,
    DIRECTION_ADVERBS,
    DIRECTION_VERBS,
    EXPLORE_VERBS,
    GENERIC_MODIFIERS,
    GENERIC_NOUNS,
    ONGOING_VERBS,
    QUANTITY_VERBS,
    STOPWORDS,
    TALK_VERBS,
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
_TO_VERB = re.compile(r"\bto\s+(?=(\w+))", _I)


_TALK_WITH = re.compile(
    r"^\W*(?:coordinate|communicate|discuss|check|talk|speak|sync|align|chat|meet|work)\w*\s+with\b", _I
)


_VIA = re.compile(r"\b(?:via|through|using)\s+(?P<rest>.+)", _I)


def _via_channel(text: str) -> bool:
    """ "Communicate planned maintenance to customers via the status page": talk through a named channel."""
    m = _VIA.search(text)
    return bool(m and named_words(words(m.group("rest"))))


def _delegated_change(text: str) -> bool:
    """ "Work with the DBA team to add an index on orders.user_id": the conversation serves a named change.

    Talking with someone needs the change to name a thing; other explorations ("find a way to add
    ...") need hard evidence too.
    """
    talk = bool(_TALK_WITH.search(text))
    for m in _TO_VERB.finditer(text):
        verb = lemma(m.group(1))
        if verb in CONCRETE_VERBS and verb not in TALK_VERBS:
            rest = text[m.end() :]
            if (talk or hard_evidence(rest)) and named_words(words(rest)[1:]):
                return True
    return False


_BY_GERUND = re.compile(r"\bby\s+(\w+ing)\b", _I)


def _by_method(text: str) -> bool:
    """ "Improve search latency by adding an index on the orders table": the method is the change."""
    for m in _BY_GERUND.finditer(text):
        if lemma(m.group(1)) in CONCRETE_VERBS and named_words(words(text[m.end() :])):
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
_UNMEASURED = frozenset("big large huge small long risky unnecessary complex dangerous excessive".split())
_CLOSING = frozenset("fix resolve close".split())
_ISSUE_REF = re.compile(r"https?://\S+/(?:issues|pull|browse|tickets?)/\S+|(?<![\w&])#\d+\b|\b[A-Z][A-Z0-9]+-\d+\b")
_MAKING_VERBS = frozenset("need add implement use have do set write build put create introduce invest".split())
_COMPARATIVES = frozenset(
    "better more bigger larger faster smaller stronger safer simpler easier clearer quicker".split()
)
_NOW_BETTER = re.compile(
    r"\b(?:is|are|was|were)\s+(?:now\s+)?(?:much\s+)?(?:more\s+\w+|easier|better|faster|safer|simpler|clearer)\b", _I
)
_OPTIONS = frozenset("possibilities possibility options option ways way alternatives ideas approaches".split())


def _first_noun(obj: list[str]) -> str:
    for w in obj:
        if w not in STOPWORDS and w not in GENERIC_MODIFIERS:
            return w
    return ""


def _category(verbs: tuple[str, ...], obj_words: tuple[str, ...], text: str, passive: bool, past: bool = False) -> str:
    obj = [w.lower() for w in obj_words]
    first = _first_modifier(obj)
    if TOWARDS.match(" ".join((*verbs, *obj_words)).strip()):
        return "direction"  # "Work towards a more reliable platform", "Double down on quality"
    if MORE_PEOPLE.search(" ".join(obj_words)):
        return "direction"  # "Have more people on call": staffing without a number
    if knowledge_only(verbs, obj_words, text):
        return "knowledge"  # "Increase helm knowledge in the team": what people know is no deliverable
    if cadence_without_schedule(obj_words, text):
        return "cadence"  # "Conduct regular audits of all certificates": recurring, but how often?
    if verbs and set(verbs) <= TALK_VERBS and not past:
        return "explore"  # "Large migrations need to be coordinated": talking, not changing
    if verbs == ("explore",) and _first_noun(obj) not in _OPTIONS and not MAKE_COMPARATIVE.search(text):
        return "concrete"  # "Explore binary diff states and era files": an investigation of named things
    if any(v in EXPLORE_VERBS for v in verbs) and not any(v in CONCRETE_VERBS for v in verbs):
        return "explore"
    if set(verbs) & _INVESTIGATE and _first_noun(obj) in _OPTIONS:
        return "explore"  # "Investigate further possibilities of ...", "Research options for ..."
    if any(v in ONGOING_VERBS for v in verbs) or ONGOING_PHRASE.search(" ".join((*verbs, *obj_words))):
        return "ongoing"
    if any(v in DIRECTION_VERBS for v in verbs) or MAKE_COMPARATIVE.search(" ".join((*verbs, *obj_words))):
        return "direction"
    if verbs == ("",) and (first in _COMPARATIVES or first in ("improved", "enhanced", "further", "")):
        return "direction"
    if verbs == ("",) and _NOW_BETTER.search(text):
        return "direction"  # "Our documentation is now easier to locate": a quality, not the change
    if passive and first in ("better", "more", "improved", "additional"):
        return "direction"
    if obj and (obj[0] in DIRECTION_ADVERBS or obj[-1] in ("better", "gracefully", "often", "regularly")):
        return "direction"
    if obj and obj[-1] in DIRECTION_ADVERBS and len(named_words(obj[:-1])) <= 1:
        return "direction"  # "Roll back faster", "Respond to pages quicker": an adverb is the whole change
    if any(a == "more" and b in DIRECTION_ADVERBS for a, b in zip(obj, obj[1:], strict=False)):
        return "direction"
    if first in _COMPARATIVES and verbs != ("",) and not (past and named_words(obj_words)):
        return "direction"  # "Develop a better workflow"; not "We added more pre-checks to the EKS upgrade guide"
    if set(verbs) & QUANTITY_VERBS and (first == "frequency" or measure_head(obj_words)):
        if not hard_evidence(text):
            return "quantity"  # "Reduce build times", "Increase cadence for DR tests": which way, not how far
    return "concrete"


def _refine(category: str, text: str) -> str:
    if category in ("direction", "generic", "ongoing"):
        if MONITORING_WORDS.search(text):
            return "monitoring"
        if TEST_WORDS.search(text):
            return "tests"
    return category


def _verdict(category: str, phrase: str, level: Severity) -> Vagueness:
    shown = phrase.strip() or "(empty)"
    if len(shown) > 60:
        shown = shown[:57].rstrip() + "..."
    return Vagueness(f"'{shown}' {REASONS[category]}.", SUGGESTIONS[category], level, shown, category)


def _continued(clause: Clause) -> Clause:
    """ "Continue using GitHub for public repositories" is judged as "use GitHub for public repositories"."""
    rest = list(clause.object_words)
    if clause.verbs[-1:] not in (("continue",), ("keep",)) or not rest:
        return clause
    if rest[0].lower() == "to":
        rest = rest[1:]
    gerund = rest and (rest[0].lower().endswith("ing") or clause.verbs[-1] == "continue")
    if gerund and lemma(rest[0]) in VERBS and lemma(rest[0]) not in ("continue", "keep"):
        return Clause((lemma(rest[0]),), tuple(rest[1:]), clause.alternative)
    if clause.verbs[-1] == "continue" and rest[0].lower() in ("the", "our", "this"):
        # "Continue the migration of cron jobs to CronJobs": finishing a named piece of work.
        return Clause(("finish",), tuple(rest), clause.alternative)
    return clause


def _judge_clause(clause: Clause, core: Core, first: bool, sentence: str, issue_ref: bool) -> Vagueness | None:
    text = core.text
    clause = _continued(clause)
    head = core.head.lower()
    past = head.endswith("ed") and lemma(head) != head and not core.passive  # "Added", not "need"
    category = _category(clause.verbs, clause.object_words, text, core.passive, past)
    if first and (EXPLORE_PHRASE.search(text) or HOW_TO.search(text)):
        category = "explore"
    named = named_words(clause.object_words)
    short = len(words(text)) <= 6
    if category in ("knowledge", "cadence"):
        return _verdict(category, text, "error" if short or not named else "warning")
    if category in ("direction", "ongoing") and monitoring_signal(sentence):
        return None  # "Enhanced monitoring for consensus block time spikes": the signal is named
    if category == "direction":
        if hard_evidence(text) or SCHEDULE.search(text) or UNITS.search(text) or _by_method(text):
            return None
        level: Severity = "error" if not named or short else "warning"
        return _verdict(_refine("direction", text), text, level)
    if category == "explore":
        if has_deliverable(text, schedule=False) or _delegated_change(text):
            return None
        if set(clause.verbs) <= TALK_VERBS and (hard_evidence(text) or _via_channel(text)):
            return None
        return _verdict("explore", text, "error" if not named and short else "warning")
    if category == "ongoing":
        if has_deliverable(text):
            return None
        # "Monitor certificate expiry" names what is watched: weaker evidence than "Monitor the situation".
        return _verdict(_refine("ongoing", text), text, "error" if short and not named else "warning")
    if category == "quantity":
        if core.head.lower().endswith("ed") or _by_method(text) or (clause.verbs == ("expand",) and scope_named(text)):
            return None  # done ("We have increased ..."), a method ("by routing ..."), a scope ("to the payment flow")
        return _verdict("quantity", text, "error" if short and not named else "warning")
    if (named or core.linked) and monitoring_signal(sentence) is False and not hard_evidence(sentence):
        # "Develop alerts for distributed consensus issues": a class of problems, not a signal.
        return _verdict("monitoring", text, "warning")
    if named or (set(clause.verbs) & DELIVERABLE_VERBS and compound(clause.object_words)):
        return None
    if issue_ref and set(clause.verbs) & _CLOSING and not named_words(core.object_words):
        return None  # "<issue link> - Research and fix the issue": the link names it, closing it is checkable
    kind = "investigate" if set(clause.verbs) & _INVESTIGATE else "generic"
    if kind == "generic" and set(clause.verbs) & QUANTITY_VERBS:
        kind = "quantity"
    # "Add dashboards to the runbook": two things joined by a deliverable verb is weaker evidence.
    joined = (
        set(clause.verbs) & DELIVERABLE_VERBS and len({w.lower() for w in clause.object_words} & GENERIC_NOUNS) >= 2
    )
    kind = _refine(kind, text)
    topic = clause.verbs == ("",) and kind == "generic"  # "Database backup": maybe a heading, weaker evidence
    return _verdict(kind, text, "error" if short and not joined and not topic else "warning")


_SPECIFICALLY = re.compile(r"^\W*(?:specifically|concretely|in\s+particular|namely|i\.e\.?|e\.g\.?)\W+", _I)
_HINDSIGHT = re.compile(r"\b(?:could|would|should|might|must)\s+have\b", _I)
_WEAK_VERBS = frozenset("ensure make need have do keep use follow avoid".split())


_AMOUNTS = frozenset(("direction", "quantity", "monitoring", "tests"))
# A measurable target: "> 30 s", "under 2 minutes", "99.9%", "500 ms".
_TARGET = re.compile(
    r"[<>]=?\s*\d|\b\d+(?:\.\d+)?\s*(?:%|ms|s|secs?|seconds?|minutes?|mins?|hours?|h|[kmgt]i?b|rps|qps|x)(?!\w)", _I
)


def _spelled_out(text: str) -> bool:
    """ "Improve monitoring. Specifically, add an alert on p99 > 500 ms": a later sentence names the change."""
    for sentence in follow_on(text)[:3]:
        sentence = _SPECIFICALLY.sub("", sentence)
        if _HINDSIGHT.search(sentence) or not hard_evidence(sentence):
            continue
        verb = core_of(sentence).verb
        if verb in CONCRETE_VERBS and verb not in _WEAK_VERBS and _judge(sentence) is None:
            return True
    return False


def judge_action(text: str) -> Vagueness | None:
    """Return why ``text`` is vague, or None when it is specific enough."""
    return voiced(text, _judge_words, lambda category, phrase: _verdict(category, phrase, "warning"))


def _judge_words(text: str) -> Vagueness | None:
    verdict = _judge(text)
    if verdict is not None and verdict.category != "person" and _spelled_out(text):
        return None
    if verdict is not None and verdict.category in _AMOUNTS and _TARGET.search(first_sentence(text)):
        return None  # "Improve monitoring to detect replica lag > 30 s": the target is in the purpose
    return verdict


def _judge(text: str) -> Vagueness | None:
    stripped = text.strip()
    if not stripped or PLACEHOLDER.search(stripped):
        return _verdict("placeholder", stripped, "error")
    if REASSURANCE.search(stripped):
        return _verdict("generic", stripped, "error")
    person = fix_the_person(stripped)
    if person is not None:
        return _verdict("person", person, "error")
    core = core_of(stripped)
    if not words(core.text):
        return _verdict("placeholder", stripped, "error")
    attitude = ATTITUDE.search(core.text)
    if attitude and not hard_evidence(core.text) and not _by_method(core.text):
        rest = words(core.text[attitude.end() :])
        things = [w for w in named_words(rest) if lemma(w) not in VERBS]
        # "Avoid big pull requests": a size or risk with no number says nothing checkable.
        if len(things) <= 1 or {w.lower() for w in rest} & _UNMEASURED:
            return _verdict("ongoing", core.text, "warning")
    progress = PROGRESS.search(stripped)
    if progress and not hard_evidence(stripped):
        rest = words(first_sentence(stripped)[progress.end() :])
        if not [w for w in named_words(rest) if lemma(w) not in VERBS]:
            return _verdict("explore", core.text, "warning")  # "We are working with our provider to ..."
    intention = INTENTION.search(stripped)
    if intention and not hard_evidence(core.text):
        return _verdict("direction", intention.group(0), "warning")
    parts = clauses(core)
    sentence = first_sentence(stripped)
    ref = bool(_ISSUE_REF.search(stripped))
    verdicts = [_judge_clause(clause, core, i == 0, sentence, ref) for i, clause in enumerate(parts)]
    if any(v is None and not c.alternative for v, c in zip(verdicts, parts, strict=True)):
        return None
    if end_state(stripped):
        return None
    first = verdicts[0]
    assert first is not None
    if first.level == "error" and any(v is not None and v.level == "warning" for v in verdicts):
        return Vagueness(first.reason, first.suggestion, "warning", first.phrase, first.category)
    return first
