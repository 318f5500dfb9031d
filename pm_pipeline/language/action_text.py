"""Reduce a real action item to its core clause: the verb that leads it and what it acts on.

Real items are written many ways: "[Owner] Heading: what we did (link)",
"We will implement ...", "Implementing ...", "Transitioned to ...",
"X should be implemented to ensure ...". The core is found by removing what
carries no action (links, ticket ids, status marks, owner tags, a short
heading, the subject and modal, a purpose clause, the sentences that follow
the first) and then reading the head verb in its base form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pm_pipeline.language.action_words import (
    CONCRETE_VERBS,
    DIRECTION_VERBS,
    EXPLORE_VERBS,
    GENERIC_NOUNS,
    INVESTIGATE_VERBS,
    ONGOING_VERBS,
    QUANTITY_VERBS,
)

__all__ = ["Clause", "Core", "VERBS", "clauses", "core_of", "first_sentence", "follow_on", "lemma", "words"]

VERBS: frozenset[str] = (
    DIRECTION_VERBS | EXPLORE_VERBS | INVESTIGATE_VERBS | ONGOING_VERBS | QUANTITY_VERBS | CONCRETE_VERBS
)

_I = re.IGNORECASE
_MD_LINK = re.compile(r"\[([^\]]*)\]\s*(?:\([^)]*\)|\[[^\]]*\])")
_URL = re.compile(r"\bhttps?://[^\s)\]>]+|\bwww\.[^\s)\]>]+", _I)
_LINK_WORDS = re.compile(
    r"\(\s*(?:see\s+)?(?:link(?:\s+to\s+(?:issue|pr|ticket))?|issues?|pr|pull\s+request|ticket|done|in\s+progress|"
    r"complete[d]?|wip|ongoing|planned|\s*)\s*\)|"
    r"(?:\bsee\s+)?\b(?:issue|ticket)\s+(?:here|for\s+[\w\s]{0,30}?here)\b\.?|"
    r"\s(?:issue|pr)\s*\.?\s*$|(?<![\w&])#\d+\b|\b[A-Z][A-Z0-9]+-\d+\b",
    _I,
)
_CHECKBOX = re.compile(r"^\s*(?:[-*+]\s+)?\[[ xX]?\]\s*")
# A ticket id or status word that leads the item: "KM485 - Discuss ...", "TODO: ...", "TODO a exporter ...".
_LEAD_MARK = re.compile(
    r"^\s*(?:(?P<ticket>[A-Z]{1,8}-?\d+)\s*[-–—:]\s*|(?i:todo|fixme)\b\s*[-–—:]?\s*|(?i:done|wip)\s*[-–—:]\s*)(?=\w)"
)
_LEAD_IN = re.compile(
    r"^\s*(?:(?:our|the)\s+(?:\w+\s+)?(?:priority|goal|focus|aim|intention)\s+(?:is|will\s+be)\s+to\b|going\s+forward|"
    r"(?:it\s+)?(?:would|'d)\s+be\s+(?:\w+\s+)?(?:nice|good|great|ideal|helpful|useful|better)\s+to(?:\s+have)?\b|from\s+now\s+on|in\s+(?:the\s+)?future|moving\s+forward|"
    r"(?:on|at)\s+an?\s+(?:higher|high|broader|organi[sz]ational|team)\s+level|potentially|possibly|maybe|perhaps|"
    r"(?:over|in|during|within)\s+the\s+(?:coming|next|following)\s+(?:few\s+)?(?:days|weeks|months|quarters?))\s*,?\s*",
    _I,
)
_LIST_MARK = re.compile(r"^\s*(?:\d{1,2}[.)]|[a-h][.)]|[-*•+])\s+")
_OWNER_TAG = re.compile(r"^\s*\[[^\]]{1,40}\]\s*")
_QUOTES = "\"'“”‘’«»"
_HEADING = re.compile(r"^([^:.!?(]{1,60}?):\s+(?!//)")
_META_PAREN = re.compile(r"\s*[(\[]\s*(?:owner|assignee|due|eta|deadline|priority|status)\b[^)\]]*[)\]]", _I)
_SENTENCE_END = re.compile(r"[.!?]+[\"”']?\s+(?=[A-Z\"“*(\[])")
_ABBREVIATIONS = ("e.g", "i.e", "vs", "etc", "approx", "incl")
# The lookahead (the first letter of every alternative, or the spaces before "which") spares the
# nine lookbehinds at every other position: the same matches, found several times faster.
_PURPOSE = re.compile(
    r"(?:,\s*)?(?=[itswf]|\s+which)(?<!time\s)(?<!ability\s)(?<!going\s)(?<!want\s)(?<!wants\s)(?<!plan\s)(?<!plans\s)(?<!need\s)(?<!needs\s)"
    r"\b(?:(?:in\s+order\s+|so\s+as\s+)?to\s+(?:help\s+|better\s+|further\s+)?(?:prevent|ensure|avoid|improve|detect|"
    r"allow|enable|make\s+sure|catch|protect|guarantee|stop|mitigate|address|preserve|maintain|safeguard|"
    r"reduce\s+the\s+(?:risk|chance|likelihood))|"
    r"to\s+help|so\s+(?:that|we|it|they)|in\s+case|which\s+(?:will|would|should|can|is|was)|(?<=,)\s*which|for\s+(?:the\s+)?possible\s+case)\b",
    _I,
)
_WORD = re.compile(r"[A-Za-z0-9][\w'/+.&-]*")
_MODALS = frozenset("will 'll should must shall need needs can could would to want wants plan plans going".split())
_SUBJECT_WORDS = frozenset(
    """
    we i you they team the our it this he she also likely probably then now still have has had already are is am
    we've we're we'll i've i'll they've they'll
    """.split()
)
_AUXILIARIES = frozenset("have has had are is were was will should must".split())
_DETERMINERS = frozenset("the a an our this these those their its".split())
_SKIP_AFTER_MODAL = frozenset("to be also need needs now then first likely probably further not".split())


@dataclass(frozen=True)
class Core:
    """The action part of an item: its head verb (base form, "" for a noun phrase) and object words."""

    text: str
    """The core clause as written (for quoting)."""
    verb: str
    object_words: tuple[str, ...]
    """The words after the head verb, as written (original case)."""
    linked: bool
    """The item carried a link or ticket id (which is not, by itself, specificity)."""
    passive: bool = False
    head: str = ""
    """The head verb as written ("Implementing", "Transitioned")."""


@dataclass(frozen=True)
class Clause:
    """One coordinated clause of the core: "Review and update the SLAs" is one clause with two verbs."""

    verbs: tuple[str, ...]
    object_words: tuple[str, ...]
    alternative: bool = False
    """Joined by "or": an option offered, which cannot make the item specific by itself."""


_JOINERS = frozenset(("and", "&", "then", "or"))
_PREPOSITIONS = frozenset("in for on at across of to with from within during by".split())


def clauses(core: Core) -> list[Clause]:
    """Split the core at "and <verb>": "Investigate X and implement Y" is two clauses, "Review and update X" one."""
    result: list[Clause] = []
    verbs = [core.verb]
    current: list[str] = []
    alternative = False
    tokens = list(core.object_words)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if token.lower() in _JOINERS and nxt:
            j = i + 1
            while j < len(tokens) and tokens[j].lower() in ("will", "also", "then", "to", "we", "should"):
                j += 1
            after = tokens[j + 1].lower() if j + 1 < len(tokens) else ""
            gerund = tokens[j].lower().endswith("ing")
            # "improving our monitoring and alerting (in ...)": a gerund with no object is a noun.
            gerund_noun = gerund and tokens[j].lower() in GENERIC_NOUNS and (not after or after in _PREPOSITIONS)
            gerund_list = (gerund and not core.head.lower().endswith("ing") and current) or gerund_noun
            if j < len(tokens) and lemma(tokens[j]) in VERBS and not tokens[j][:1].isupper() and not gerund_list:
                if current:
                    result.append(Clause(tuple(verbs), tuple(current), alternative))
                    verbs, current = [], []
                alternative = token.lower() == "or"
                verbs.append(lemma(tokens[j]))
                i = j + 1
                continue
        current.append(token)
        i += 1
    result.append(Clause(tuple(verbs), tuple(current), alternative))
    return result


def words(text: str) -> list[str]:
    # A typographic apostrophe is an apostrophe: "I’ll improve X" has the subject and modal "I'll".
    return [w.rstrip(".'/&-") for w in _WORD.findall(text.replace("’", "'"))]


_IRREGULAR = {
    "made": "make",
    "taken": "take",
    "took": "take",
    "done": "do",
    "did": "do",
    "built": "build",
    "written": "write",
    "wrote": "write",
    "kept": "keep",
    "sent": "send",
    "put": "put",
    "set": "set",
    "ran": "run",
    "run": "run",
    "begun": "begin",
    "began": "begin",
    "got": "get",
    "gotten": "get",
}


def lemma(word: str) -> str:
    """The base form of a verb in VERBS, or the word lower-cased."""
    w = word.lower().replace("'", "")
    if w in VERBS:
        return w
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w.startswith("re-") and lemma(w[3:]) in VERBS:
        return lemma(w[3:])  # re-evaluate, re-run
    if w.startswith("re") and len(w) > 5 and w[2:] not in ("ad", "st") and lemma(w[2:]) in VERBS:
        return lemma(w[2:])  # redesign, rework, reconfigure
    candidates: list[str] = []
    if w.endswith("ing"):
        stem = w[:-3]
        candidates += [stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem]
    if w.endswith("ied"):
        candidates.append(w[:-3] + "y")
    if w.endswith("ed"):
        stem = w[:-2]
        candidates += [stem, w[:-1], stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem]
    if w.endswith("es"):
        candidates.append(w[:-2])
    if w.endswith("s"):
        candidates.append(w[:-1])
    for c in candidates:
        if c in VERBS:
            return c
    return w


@lru_cache(maxsize=8)  # one item is cleaned 2-3 times in a row; a larger cache would flatter benchmarks
def _clean(text: str) -> tuple[str, bool]:
    """Links, marks, owner tags and lead-ins removed; whether a link was there (cached: called 2-3x per item)."""
    text, links = _MD_LINK.subn(r"\1", text)
    text, urls = _URL.subn(" ", text)
    text, marks = _LINK_WORDS.subn(" ", text)
    linked = bool(links or urls or marks)
    text = _META_PAREN.sub(" ", text)
    text = _LIST_MARK.sub("", text)
    text = _CHECKBOX.sub("", text)
    mark = _LEAD_MARK.match(text)
    if mark:
        linked = linked or bool(mark.group("ticket"))
        text = text[mark.end() :]
    text = _OWNER_TAG.sub("", text)
    text = _LEAD_IN.sub("", text)
    text = text.replace("**", "").replace("\\*", "")
    text = re.sub(r"\(\s*[,;:]?\s*\)", " ", text)
    text = re.sub(r"\s+", " ", text).strip(" \t-–—:;,")
    return text.strip(_QUOTES + " "), linked


def follow_on(text: str) -> list[str]:
    """The sentences after the first, links and status marks removed ("Improve X. Specifically, add ...")."""
    cleaned, _ = _clean(text)
    cleaned = _drop_heading(cleaned)
    out: list[str] = []
    start = -1
    for m in _SENTENCE_END.finditer(cleaned):
        if cleaned[: m.start()].lower().endswith(_ABBREVIATIONS):
            continue
        if start >= 0:
            out.append(cleaned[start : m.start()].strip())
        start = m.end()
    if start >= 0:
        out.append(cleaned[start:].strip())
    return [sentence for sentence in out if sentence]


def _first_sentence(text: str) -> str:
    for m in _SENTENCE_END.finditer(text):
        if not text[: m.start()].lower().endswith(_ABBREVIATIONS):
            return text[: m.start()].strip()
    return text.strip()


def _drop_heading(text: str) -> str:
    m = _HEADING.match(text)
    if not m:
        return text
    heading, rest = m.group(1), text[m.end() :].strip()
    if len(heading.split()) > 6 or not rest:
        return text if not rest else text
    return rest


_EXAMPLE = re.compile(r"\s*\((?:i\.e|e\.g|for\s+example|for\s+instance|eg|ie)\b[^)]*\)?|,\s*which\b.*$", _I)


def _drop_purpose(text: str) -> str:
    text = _EXAMPLE.sub("", text)
    m = _PURPOSE.search(text)
    if m and len(text[: m.start()].split()) >= 2:
        return text[: m.start()].rstrip(" ,;")
    return text


def _head(tokens: list[str]) -> tuple[int, bool]:
    """Index of the head verb in ``tokens`` (-1 for none) and whether the clause is passive."""
    lowered = [t.lower() for t in tokens]
    # Subject and modal: "We need to ...", "The team will ...", "Hypha to ...".
    for i, t in enumerate(lowered[:10]):
        if t in _MODALS or t.endswith("'ll"):
            if (t == "to" and (not 1 <= i <= 3 or lowered[0] in VERBS)) or (i > 4 and lowered[i - 1] != "and"):
                continue
            if t in ("need", "needs", "want", "wants", "plan", "plans") and (
                i + 1 >= len(lowered) or lowered[i + 1] != "to"
            ):
                return i, False  # "We need a better way ..." / "We likely need a bigger X"
            j = i + 1
            passive = False
            while j < len(lowered) and lowered[j] in _SKIP_AFTER_MODAL:
                passive = passive or lowered[j] == "be"
                j += 1
            if j < len(lowered) and lemma(lowered[j]) in VERBS:
                if passive and lowered[j].endswith(("ed", "en", "wn")):
                    return j, True
                return j, False
            break
    # "Changes have been made ...": a plural noun before an auxiliary is a subject, not an imperative.
    noun_subject = len(lowered) > 1 and lowered[0].endswith("s") and lowered[1] in _AUXILIARIES
    if lowered and lemma(lowered[0]) in VERBS and not noun_subject:
        return 0, False
    # A short subject without a modal: "ICL check how to ...", "Clients enable ...".
    for i in (1, 2, 3, 4):
        if (
            i < len(lowered)
            and lemma(lowered[i]) in VERBS
            and lowered[i - 1] not in _DETERMINERS  # "Allowlist the monitoring IPs": a noun after "the"
            and all(t in _SUBJECT_WORDS or tokens[k][:1].isupper() or "+" in t for k, t in enumerate(lowered[:i]))
        ):
            return i, False
    # A noun phrase followed by a passive: "Back-up systems should be implemented ...".
    for i, t in enumerate(lowered):
        if t in ("be", "been", "is", "are", "was", "were") and i + 1 < len(lowered):
            j = i + 2 if lowered[i + 1] == "being" and i + 2 < len(lowered) else i + 1  # "is being worked on"
            if lemma(lowered[j]) in VERBS and (lowered[j].endswith(("ed", "en", "wn")) or lowered[j] in _IRREGULAR):
                return j, True
    return -1, False


def first_sentence(text: str) -> str:
    """The first sentence with its purpose clause, links and status marks removed."""
    cleaned, _ = _clean(text)
    return _first_sentence(_drop_heading(cleaned)) if cleaned else ""


def core_of(text: str) -> Core:
    """The core clause of an action item."""
    cleaned, linked = _clean(text)
    core = _drop_purpose(_first_sentence(_drop_heading(cleaned))) if cleaned else ""
    if not words(core):
        # Only a heading survived ("Uptime and alerting issue: <link>").
        core = _drop_purpose(_first_sentence(_HEADING.sub(r"\1 ", cleaned))).rstrip(": ")
    tokens = words(core)
    index, passive = _head(tokens)
    if index < 0:
        return Core(core, "", tuple(tokens), linked)
    # "Started work on migrating X": the work is the gerund that follows.
    if lemma(tokens[index]) in ("start", "begin", "began", "begun") and index + 1 < len(tokens):
        if tokens[index + 1].lower() in ("work", "working"):
            index += 1
    # "Look into increasing the pool size", "Look at improving X": the gerund is the action.
    if (
        index + 2 < len(tokens)
        and lemma(tokens[index]) not in DIRECTION_VERBS  # "Focus on getting X ready" stays a direction
        and tokens[index + 1].lower() in ("into", "at", "on")
        and tokens[index + 2].lower().endswith("ing")
    ):
        if lemma(tokens[index + 2]) in VERBS:
            index += 2
    if passive:
        subject = [t for t in tokens[:index] if t.lower() not in _MODALS and t.lower() not in _SKIP_AFTER_MODAL]
        subject = [t for t in subject if t.lower() not in ("is", "are", "was", "were", "been", "be")]
        return Core(core, lemma(tokens[index]), tuple(subject + tokens[index + 1 :]), linked, True, tokens[index])
    # "Monitoring target safety checks should not allow ...": a subject that names a thing is part of the object.
    subject = [t for t in tokens[:index] if t.lower() not in _MODALS | _SKIP_AFTER_MODAL | _SUBJECT_WORDS]
    plain = (
        index >= 2
        and tokens[index - 1].lower() != "and"
        and tokens[0].lower() not in VERBS  # not an imperative: "Evaluate whether we need ..."
        and not any(t.lower().endswith("ed") or t.lower() in ("whether", "if", "how") for t in subject)
    )
    before = subject if len(subject) >= 2 and plain else []
    return Core(core, lemma(tokens[index]), tuple(before + tokens[index + 1 :]), linked, False, tokens[index])
