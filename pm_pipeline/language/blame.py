"""Find blame-oriented language in post-mortem narrative text.

The engine works sentence by sentence and clause by clause. Quoted text is
masked out (blanked with spaces, so offsets never move) before any pattern
runs. Most detectors are grammatical: a trigger (a verb of harm or omission,
a modal perfect such as "should have tested", a judgement word) only counts
when the subject that precedes it is a person -- an @handle, a personal name,
a pronoun, a role noun ("the engineer", "the on-call") or a named team.
Negation within a few words before the trigger ("not human error", "no one
was careless") cancels a finding.

Speed: every finding needs one of the trigger patterns (``_TRIGGERS``) to
match, so a gate (``_prefilter.Gate``) first checks the words of the text
against words each trigger pattern necessarily contains -- derived from the
patterns' own parse trees, so the gate cannot drift from them. Most narrative
text of a post-mortem is rejected by one set intersection; otherwise only the
sentences, detectors and patterns that may match are run.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from pm_pipeline.language._lexicon import (
    HUMAN_PRONOUNS,
    NEGATORS,
    NON_NAME_WORDS,
    ROLE_NOUNS,
    TECH_NAMES,
)
from pm_pipeline.language._prefilter import Gate

__all__ = ["BlameMatch", "find_blame", "KINDS"]

KINDS: tuple[str, ...] = (
    "person-as-cause",
    "counterfactual",
    "judgement",
    "human-error",
    "fix-the-person",
)


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


@dataclass(frozen=True)
class _Clause:
    """A clause of the masked sentence with its absolute offset."""

    text: str
    offset: int
    sentence: str
    sentence_offset: int
    possible: frozenset[int]  # id() of the trigger patterns that may match in the text


_I = re.IGNORECASE

# --- splitting and masking -------------------------------------------------

_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n+")
_QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”|‘[^’\n]*’|`[^`\n]*`|(?<![\w])'[^'\n]*'(?![\w])")
_CLAUSE_BREAK = re.compile(
    r"[,;:()]|\s[-–—]\s|\b(?:but|while|whereas|because|since|although|though|"
    r"which|so|then|after|before|until|when|whereupon)\b",
    _I,
)
# The same pattern without IGNORECASE, for lower-cased ASCII text: identical
# matches at identical offsets there, and about twice as fast to scan.
_CLAUSE_BREAK_ASCII_LOWER = re.compile(_CLAUSE_BREAK.pattern)
_QUOTE_CHAR = re.compile("[\"“‘`']")
_TOKEN = re.compile(r"@?[\w][\w'’.-]*[\w]|@?\w")

# --- lexical helpers -------------------------------------------------------

_ADVERB_EXTRA = frozenset(
    "also then again just still never once later already even ever "
    "simply apparently evidently mistakenly inadvertently accidentally "
    "unknowingly quickly immediately subsequently".split()
)
_NOT_ADVERB_LY = frozenset("only early family supply apply reply rely daily weekly hourly monthly italy fly".split())
_PREPOSITIONS = frozenset("in on of from for at to with about into onto over under within".split())
_DETERMINERS = frozenset(
    "the a an our their his her my your this that these those one another any some all every each no".split()
)
_NOUN_SUFFIXES = (
    "tion",
    "sion",
    "ment",
    "ness",
    "ity",
    "ing",
    "ance",
    "ence",
    "ure",
    "age",
    "ism",
    "ics",
    "ery",
    "ency",
    "ship",
    "ology",
    "ware",
)
_ES_NAMES = frozenset("james charles agnes frances moses jones".split())
_IRREGULAR_PP = frozenset(
    """
    caught known seen done run read gone taken made sent kept left put set
    told thought brought built found held hit let lost meant met paid said
    shut spent spoken stood understood written given driven chosen fallen
    forgotten gotten got begun spun stuck struck torn woken drawn shown
    withdrawn overseen foreseen undone rerun reread rolled
    """.split()
)


def _strip_possessive(token: str) -> str:
    for suffix in ("'s", "’s", "'", "’"):
        if token.endswith(suffix):
            return token[: -len(suffix)]
    return token


_NAME_SHAPE = re.compile(r"[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?")
_PLAIN_WORD = re.compile(r"[\w'’-]+")
_NEGATION_WORD = re.compile(r"[\w'’]+")

# The per-word predicates below are pure and see the same few hundred words
# over and over; caching them is most of their cost on blame-heavy text.


@lru_cache(maxsize=4096)
def _is_role(word: str) -> bool:
    w = word.lower()
    if w in ROLE_NOUNS:
        return True
    if w.endswith("es") and w[:-2] in ROLE_NOUNS:
        return True
    if w.endswith("s") and w[:-1] in ROLE_NOUNS:
        return True
    # A hyphenated compound of role nouns and numbers ("team-member-1",
    # "release-manager", "sre-2") is a role or an anonymised person.
    parts = w.split("-")
    return (
        len(parts) > 1
        and any(p in ROLE_NOUNS for p in parts)
        and all(p.isdigit() or p in ROLE_NOUNS or (p.endswith("s") and p[:-1] in ROLE_NOUNS) for p in parts)
    )


# Word-initial consonant pairs that English words may start with; a lower-case
# word opening with any other pair ("jsmith", "kpatel", "mjones") is an
# initial-plus-surname chat handle.
_ONSETS = frozenset(
    "bl br ch cl cr dr fl fr gh gl gn gr kl kn kr ph pl pr ps qu rh sc sh sk sl sm sn sp sq st sw "
    "th tr ts tw wh wr".split()
)
_VOWELS = frozenset("aeiou")


@lru_cache(maxsize=4096)
def _is_initial_handle(word: str) -> bool:
    """'jsmith': a lower-case handle made of an initial and a surname."""
    if not (5 <= len(word) <= 12 and word.isalpha() and word.islower() and word.isascii()):
        return False
    if word in TECH_NAMES or word[0] in _VOWELS or word[1] in _VOWELS or word[1] == "y":
        return False
    if word[:2] in _ONSETS:
        return False
    rest = word[1:]
    # The surname part must itself look like a word: a valid start and a vowel.
    return (rest[1] in _VOWELS or rest[:2] in _ONSETS) and any(c in _VOWELS for c in rest[1:])


@lru_cache(maxsize=4096)
def _is_name(word: str) -> bool:
    """A capitalised word that is plausibly a personal name."""
    if not _NAME_SHAPE.fullmatch(word):
        return False
    w = word.lower()
    if w in NON_NAME_WORDS or w in TECH_NAMES or _is_role(w):
        return False
    if w.endswith(_NOUN_SUFFIXES):
        return False
    if w.endswith("es") and w not in _ES_NAMES:
        return False
    return not (w.endswith("s") and len(w) > 2 and w[-2] not in "aeiou")


@lru_cache(maxsize=4096)
def _is_human_word(word: str) -> bool:
    if word.startswith("@") and len(word) > 1:
        return True
    base = _strip_possessive(word)
    return base.lower() in HUMAN_PRONOUNS or _is_role(base) or _is_name(base) or _is_initial_handle(base)


@lru_cache(maxsize=4096)
def _is_adverb(word: str) -> bool:
    w = word.lower()
    if w in _ADVERB_EXTRA:
        return True
    return w.endswith("ly") and len(w) > 4 and w not in _NOT_ADVERB_LY


def _is_past_participle(word: str) -> bool:
    w = word.lower()
    if w in _IRREGULAR_PP:
        return True
    return (
        len(w) > 3
        and w.endswith(("ed", "en", "wn"))
        and w not in ("been", "often", "seven", "even", "token", "when", "then")
    )


# --- subject detection -----------------------------------------------------

_Tok = tuple[str, int]


def _tokens(text: str, offset: int = 0) -> list[_Tok]:
    return [(m.group(), m.start() + offset) for m in _TOKEN.finditer(text)]


def _head_index(toks: list[_Tok]) -> int | None:
    """Index of the head noun of the noun phrase ending ``toks``.

    Trailing adverbs are skipped and one or two trailing prepositional
    phrases ("the engineer on the storage team") are peeled off, so the head
    is the first noun, not the last.
    """
    end = len(toks)
    while end and _is_adverb(toks[end - 1][0]):
        end -= 1
    if not end:
        return None
    head = end - 1
    for _ in range(2):
        window = range(max(0, head - 5), head)
        preps = [i for i in window if toks[i][0].lower() in _PREPOSITIONS and i > 0]
        if not preps:
            break
        cut = preps[-1]
        if toks[cut - 1][0].lower() in _DETERMINERS or toks[cut - 1][0].lower() in NEGATORS:
            break
        if any(_looks_verbal(t) for t, _ in toks[cut + 1 : head + 1]):
            break
        head = cut - 1
    return head


def _looks_verbal(word: str) -> bool:
    w = word.lower()
    if _is_role(w) or w in _DETERMINERS:
        return False
    return w.endswith("ed") or w in _IRREGULAR_PP or w in ("is", "was", "were", "are", "has", "had")


def _np_start(toks: list[_Tok], head: int) -> int:
    i = head
    for _ in range(3):
        if i == 0:
            break
        prev = toks[i - 1][0]
        if prev.lower() in _DETERMINERS:
            return i - 1
        if prev.lower() in _PREPOSITIONS or not _PLAIN_WORD.fullmatch(prev):
            break
        if _is_adverb(prev) or prev.lower() in ("and", "or", "was", "were", "is", "it", "who"):
            break
        if not (_is_role(prev) or prev.islower() or prev.isupper() or prev.endswith(("'s", "’s"))):
            break
        i -= 1
    return i


@dataclass(frozen=True)
class _Subject:
    start: int
    text: str
    possessive: bool

    @property
    def negative(self) -> bool:
        """'nobody ignored the alert' denies the behaviour rather than asserting it."""
        first = self.text.split()[0].lower() if self.text.split() else ""
        return first in ("nobody", "no", "none", "neither")


_AUXILIARIES = frozenset("may might must could would should will shall have has had did does do".split())


def _human_subject(clause: _Clause, end: int, allow_possessive: bool = False) -> _Subject | None:
    """The human subject immediately before clause-relative offset ``end``."""
    toks = _tokens(clause.text[:end], clause.offset)
    if toks and toks[-1][0].lower() in _DETERMINERS:
        return None
    # Hedges and auxiliaries sit between subject and verb: "Jim may have skipped".
    while toks and (toks[-1][0].lower() in _AUXILIARIES or _is_adverb(toks[-1][0])):
        toks = toks[:-1]
    if not toks and clause.offset > clause.sentence_offset:
        return _appositive_subject(clause)
    toks = _without_contact_clause(toks)
    head = _head_index(toks)
    if head is None:
        return None
    word = toks[head][0]
    possessive = False
    lowered = word.lower()
    if lowered == "one" and head > 0 and toks[head - 1][0].lower() == "no":
        lowered = "no one"
    if lowered == "they" and not _has_human_before(clause, toks[head][1]):
        return None
    if lowered not in ("they", "no one") and not _is_human_word(word) and not _is_person_compound(toks, head):
        owners = toks[max(0, head - 2) : head]
        if not (allow_possessive and any(_is_possessive_human(t) for t, _ in owners)):
            return None
        possessive = True
    start = toks[_np_start(toks, head)][1]
    stop = toks[head][1] + len(word)
    text = clause.sentence[start - clause.sentence_offset : stop - clause.sentence_offset]
    return _Subject(start, text, possessive)


_CONTACT_PRONOUNS = frozenset("we i they he she you".split())


def _without_contact_clause(toks: list[_Tok]) -> list[_Tok]:
    """'The contractor we had brought in [deleted]': drop a relative clause without
    'who/that' (a pronoun and a short verb phrase) after a human noun."""
    for i in range(len(toks) - 2, 0, -1):
        if toks[i][0].lower() in _CONTACT_PRONOUNS and len(toks) - i <= 5:
            rest = [t for t, _ in toks[i + 1 :]]
            if _is_human_word(toks[i - 1][0]) and toks[i - 1][0].lower() not in HUMAN_PRONOUNS:
                if any(_is_past_participle(t) or t.lower().endswith("ed") for t in rest):
                    return toks[:i]
    return toks


# Nouns that name a person only after a word for a service role ("support
# agent", "customer service rep"): alone, "the agent" is usually software.
_SERVICE_PERSON = frozenset("agent agents rep reps representative representatives".split())
_SERVICE_WORDS = frozenset("support service customer sales help call human".split())
# Group nouns that name people only after a role word: "the on-call rotation", "the SRE rota".
_ROSTER = frozenset("rotation rota roster shift pool bench".split())


_LABEL = re.compile(r"[A-Z]|\d{1,3}")


def _is_person_compound(toks: list[_Tok], head: int) -> bool:
    if head == 0:
        return False
    word, before = toks[head][0].lower(), toks[head - 1][0]
    # An anonymised person or group: "Team B", "Engineer 2", "engineer X".
    if _LABEL.fullmatch(toks[head][0]) and _is_role(before):
        return True
    if word in _SERVICE_PERSON:
        return before.lower() in _SERVICE_WORDS
    return word in _ROSTER and _is_role(before)


_APPOSITIVE = re.compile(r"^\s*(?P<np>[^,]{1,40}?)\s*,[^,]{1,60},\s*$")


def _appositive_subject(clause: _Clause) -> _Subject | None:
    """'Sven, the release manager, promoted ...': the subject before an appositive."""
    m = _APPOSITIVE.match(clause.sentence[: clause.offset - clause.sentence_offset])
    if not m:
        return None
    toks = _tokens(m.group("np"))
    if not toks or len(toks) > 4:
        return None
    head = _head_index(toks)
    if head is None or not (_is_human_word(toks[head][0]) or _is_person_compound(toks, head)):
        return None
    return _Subject(clause.sentence_offset + m.start("np"), m.group("np"), False)


def _is_possessive_human(token: str) -> bool:
    return token.endswith(("'s", "’s")) and _is_human_word(_strip_possessive(token))


def _has_human_before(clause: _Clause, position: int) -> bool:
    prefix = clause.sentence[: position - clause.sentence_offset]
    return any(_is_human_word(t) and t.lower() not in ("they",) for t, _ in _tokens(prefix))


# --- negation --------------------------------------------------------------

_NEG_PHRASE = re.compile(
    r"\b(?:rather than|instead of|no one|none of|ruled out|rule out|no evidence of|not due to)\b", _I
)
# "We did not conclude: human error, lack of training, or carelessness" -- a
# negated lead-in governs the whole list after the colon.
_NEGATED_LEAD = re.compile(
    r"(?:\b(?:not|never|no|nothing|none|neither|nor)\b|n['’]t\b|\bruled\s+out\b)(?:\s+[\w'’-]+){0,4}\s*:\s*$", _I
)
_LIST_ITEM = re.compile(r"\s*(?:(?:and|or|nor)\s+)?(?:[\w'’-]+\s+){0,4}?[\w'’-]*\s*", _I)


def _negated(clause: _Clause, start: int, window: int = 5) -> bool:
    """True when a negator sits within ``window`` words before ``start``."""
    before = clause.text[:start]
    words = _NEGATION_WORD.findall(before)[-window:]
    for w in reversed(words):
        lw = w.lower()
        if lw in ("and", "or"):
            break
        if lw in NEGATORS or lw.endswith(("n't", "n’t")):
            return True
    tail = " ".join(words)
    return bool(_NEG_PHRASE.search(tail)) or _in_negated_list(clause, start)


# "Human error was ruled out", "carelessness is not the explanation": the
# predicate after the phrase denies it.
_DENIED_AFTER = re.compile(
    r"\s*(?:was|were|is|are|has\s+been|had\s+been|can\s+be|could\s+be)\s+(?:not\b|never\b|n['’]t\b|"
    r"ruled\s+out|excluded|eliminated|dismissed|rejected)",
    _I,
)


# "Human error is inevitable", "we treat human error as a symptom": statements
# about the idea, not claims about this incident.
_GENERIC_AFTER = re.compile(
    r"\s*(?:(?:is|are)\s+(?:\w+ly\s+)?(?:inevitable|normal|expected|unavoidable|universal|natural|a\s+given|"
    r"a\s+symptom|never\s+(?:a|the)\b)|(?:happens|will\s+happen|occurs|will\s+occur)\b|"
    r"as\s+(?:a\s+)?(?:symptom|starting\s+point))",
    _I,
)


def _denied_after(clause: _Clause, end: int) -> bool:
    return _DENIED_AFTER.match(clause.text, end) is not None or _GENERIC_AFTER.match(clause.text, end) is not None


def _in_negated_list(clause: _Clause, start: int) -> bool:
    """The phrase is an item of a list that follows a negated lead-in and a colon."""
    before = clause.sentence[: clause.offset - clause.sentence_offset + start]
    colon = before.rfind(":")
    if colon < 0 or not _NEGATED_LEAD.search(before[: colon + 1]):
        return False
    after = clause.sentence[clause.offset - clause.sentence_offset + start :]
    items = (before[colon + 1 :] + re.split(r"[;.!?]", after, maxsplit=1)[0]).split(",")
    return all(_LIST_ITEM.fullmatch(item) and not any(map(_looks_verbal, item.split())) for item in items)


# --- patterns ----------------------------------------------------------------

_STRONG_HARM = re.compile(
    r"\b(?:caused|broke|brought\s+(?:[\w-]+\s+){0,3}?down|took\s+(?:[\w-]+\s+){0,3}?(?:down|out)|"
    r"knocked\s+(?:[\w-]+\s+){0,3}?(?:out|over)|wiped(?:\s+out)?|destroyed|corrupted|crashed|erased|nuked|"
    r"mis-?typed|mis-?configured|fat-?fingered|botched|messed\s+up|screwed\s+up|blew\s+away|"
    r"leaked|blackholed|mishandled|misjudged|overwrote|clobbered|misread|misinterpreted|mis-?entered|misspelled|"
    r"made\s+(?:a|an|the|another|one)\s+(?:[\w-]+\s+){0,2}?(?:mistake|error|typo|blunder|slip)|"
    r"(?:introduced|triggered|created|started|caused)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:bug|regression|outage|incident|defect|error|issue|problem|failure|vulnerability|leak|loop|deadlock))\b",
    _I,
)
_DESTRUCTIVE = re.compile(
    r"\b(?:deleted|dropped|removed|truncated|disabled|killed|terminated|purged|force-pushed|"
    r"skipped|bypassed|overrode|turned\s+off|shut\s+down|stopped|revoked|detached|unmounted)\b",
    _I,
)
_CHANGE = re.compile(
    r"\b(?:pushed|shipped|merged|deployed|ran|executed|applied|changed|modified|updated|restarted|"
    r"rebooted|committed|approved|enabled|edited|upgraded|rolled\s+out|released|reassigned|"
    r"signed\s+off\s+on|promoted|reconfigured|flipped|toggled|kicked\s+off|typed|entered|pasted|selected|"
    r"clicked|chose|picked|specified)\b",
    _I,
)
# Objects whose destruction is itself the harm ("deleted the production database").
_VALUABLE_OBJECT = re.compile(
    r"\b(?:production|prod|primary|live|entire|database|db|table|data|records?|rows|bucket|volume|"
    r"disk|cluster|index|backups?|snapshots?|directory|namespace|keys?|certificates?|dns|zone|"
    r"repo(?:sitory)?|accounts?|users?|customers?|all)\b",
    _I,
)
# "bad", "broken", "faulty" mark harm when a person ships the thing ("pushed a
# bad config"), but remediation when a person removes it ("removed the bad node").
_QUALITY_CUE = re.compile(r"\b(?:broken|buggy|faulty|bad)\b", _I)
_PROBLEM_OBJECT = re.compile(
    r"\b(?:bad|broken|buggy|faulty|corrupt(?:ed)?|poisoned|runaway|stuck|hung|failing|unhealthy|long-running|rogue|"
    r"malicious|spam(?:my)?|leaked|compromised|offending|problematic|misbehaving|zombie|bogus)\b",
    _I,
)
# Steps taken to contain an incident: "... to stop the corruption", "as a mitigation".
_MITIGATION = re.compile(
    r"\bto\s+(?:stop|prevent|relieve|unblock|mitigate|contain|stem|halt|restore|recover|isolate|protect|shed|"
    r"stabili[sz]e|resolve|fix)\b|\bmitigat\w+|\bremediat\w+|\bwith\s+(?:the\s+)?approval\b|"
    r"\b(?:per|following)\s+the\s+(?:runbook|playbook|procedure|plan)\b|"
    r"\bafter\s+which\s+(?:[\w-]+\s+){0,3}?(?:dropped|recovered|returned|subsided|stabili[sz]ed|improved|"
    r"normali[sz]ed|cleared)\b",
    _I,
)
_HARM_CUE = re.compile(
    r"\b(?:wrong(?:ly)?|incorrect(?:ly)?|inadvertent(?:ly)?|unintended|accidental(?:ly)?|by\s+(?:mistake|accident)|mistakenly|untested|unreviewed|"
    r"broken|buggy|faulty|bad|instead\s+of|against\s+(?:the\s+)?(?:production|prod|primary|live)|"
    r"without\s+(?:any\s+|a\s+)?(?:test|testing|review|approval|checking|telling|warning|notice))\b",
    _I,
)
_CONSEQUENCE = re.compile(
    # "outage" / "incident" alone are usually names ("the incident channel"), so
    # they count only as what something led to.
    r"\b(?:broke|broken|caus\w*|(?:led|leading|resulted|resulting|turned|triggered|triggering|started|starting)\s+"
    r"(?:[\w-]+\s+){0,4}?(?:outage|incident)|data\s+loss|lost|crash\w*|corrupt\w*|"
    r"rejected|is\s+why|(?:result(?:ed|ing)\s+in|led\s+to|leading\s+to)\s+(?:[\w-]+\s+){0,3}?(?:deletion|loss|"
    r"removal|corruption|downtime|disruption|unavailability|errors|failures|outage|incident)|took\s+(?:[\w-]+\s+){0,3}?down|went\s+down|down\s+for|"
    r"far\s+more|more\s+than\s+intended|worse|degrad\w+)\b",
    _I,
)
# Harm stated in a relative clause about what the person acted on: "pushed a
# route map that blackholed traffic", "merged a change that removed the limits
# from every pod", "ran an ALTER TABLE, which blocked writes".
_HARM_VERB = (
    r"(?:caused|broke|crashed|corrupted|destroyed|wiped|erased|overwrote|clobbered|leaked|exposed|"
    r"blackholed|blocked|locked|stalled|froze|saturated|exhausted|overloaded|overwhelmed|starved|"
    r"brought\s+(?:[\w-]+\s+){0,3}?down|took\s+(?:[\w-]+\s+){0,3}?(?:down|out|offline)|"
    r"knocked\s+(?:[\w-]+\s+){0,3}?(?:out|over|offline)|cut\s+off|disabled|deleted|dropped|removed|"
    r"truncated|purged|evicted|killed|terminated)"
)
_RELATIVE_HARM = re.compile(
    r"\b(?:that|which)\s+(?:(?:then|also|immediately|quickly|silently|promptly|in\s+turn|accidentally|"
    r"inadvertently|unintentionally)\s+)?(?P<verb>" + _HARM_VERB + r")\b(?P<rest>[^,;:]*)",
    _I,
)
_MILD_HARM = re.compile(r"(?:disabled|deleted|dropped|removed|truncated|purged|evicted|killed|terminated)$", _I)
_WIDE_SCOPE = re.compile(
    r"\b(?:every|all|entire|whole|production|prod|primary|live|writes|reads|traffic|requests|users?|customers?)\b",
    _I,
)
# Exposure of a secret: "committed an AWS access key to a public repository".
_SECRET_EXPOSED = re.compile(
    r"\b(?:keys?|secrets?|tokens?|passwords?|credentials?)\b(?:\s+[\w-]+){0,6}?\s+(?:to|in|on|into)\s+"
    r"(?:a\s+|the\s+|an\s+)?(?:public|world-readable|open)\b",
    _I,
)
# Objects whose removal is routine: "deleted the stale DNS records".
_ROUTINE_OBJECT = re.compile(
    r"^\s*(?:the\s+|a\s+|an\s+|some\s+|several\s+|all\s+(?:the\s+)?|our\s+|any\s+|\d+\s+)?"
    r"(?:stale|unused|obsolete|orphaned|orphan|old|temporary|temp|expired|deprecated|leftover|redundant|"
    r"duplicate|dangling|abandoned|legacy|test|dummy|scratch)\b"
    r"|\bas\s+(?:planned|intended|expected|designed|scheduled|documented)\b|\bas\s+part\s+of\b",
    _I,
)


# Parts of the rest of a sentence that describe circumstances or the earlier
# state of things rather than an effect of the person's action: subordinate
# clauses ("after the primary crashed"), relative clauses in a past or
# progressive state ("the pods that had crashed", "the job that was deleting
# records") and relative clauses about a problem ("the leak that caused the
# outage"). They are blanked before looking for consequences.
_NOT_AN_EFFECT = re.compile(
    r"\b(?:after|because|since|when|whenever|while|once|until|before|as\s+soon\s+as)\b[^,;]*"
    r"|\b(?:that|which|who)\s+(?:had|has|have|was|were|is|are|been)\b[^,;]*"
    r"|\b(?:bug|leak|issue|problem|regression|outage|incident|error|crash|defect|failure|fault|vulnerability)s?"
    r"\s+(?:that|which)\b[^,;]*",
    _I,
)
_INTENDED = re.compile(
    r"\bas\s+(?:planned|intended|expected|designed|scheduled|documented|agreed)\b|\bas\s+part\s+of\b|"
    r"\b(?:deliberately|intentionally|on\s+purpose|by\s+design)\b",
    _I,
)
_RELATIVE_START = re.compile(r"\b(?:that|which|who)\b", _I)


def _effects(rest: str) -> str:
    """``rest`` with the parts that are not effects of the action blanked (offsets kept)."""
    return _NOT_AN_EFFECT.sub(lambda m: " " * len(m.group()), rest) if _NOT_AN_EFFECT.search(rest) else rest


def _direct_object(rest_of_clause: str) -> str:
    """The clause after the verb up to the first relative pronoun: the object itself."""
    m = _RELATIVE_START.search(rest_of_clause)
    return rest_of_clause[: m.start()] if m else rest_of_clause


def _relative_harm(rest: str) -> bool:
    m = _RELATIVE_HARM.search(rest)
    if not m:
        return False
    if _MILD_HARM.search(m.group("verb")):
        return bool(_WIDE_SCOPE.search(m.group("rest")))
    return True


# A destructive command run by hand: "ran DROP DATABASE on ...", "ran rm -rf on ...".
_DESTRUCTIVE_COMMAND = re.compile(
    r"\b(?:rm\s+-(?:rf|fr|r)\b|drop\s+(?:table|database|schema|index|keyspace)\b|truncate\s+(?:table\s+)?\w|"
    r"delete\s+from\s+\w+(?![^,;]*\bwhere\b)|flushall\b|flushdb\b|terraform\s+destroy\b|"
    r"kubectl\s+delete\b|dd\s+if=)",
    _I,
)
_REMEDY = re.compile(r"\b(?:fix(?:ed)?|resolv\w+|clear\w*|recover\w*|mitigat\w+|restor\w+|address(?:ed|es)?)\b", _I)
_OMISSION = re.compile(
    r"\b(?:(?P<failed>failed)|(?P<forgot>forgot|omitted)|(?P<neglected>neglected))\s+to\b"
    r"|\b(?P<missed>missed|skipped)\s+(?:the|a|an|two|three|several|multiple|every|all)\b"
    r"|\b(?:did\s+not|didn['’]t|never)\s+(?P<verb>check|test|run|review|read|verify|update|follow|"
    r"notify|escalate|drain|validate|monitor|confirm|document|wait|inform|acknowledge|respond|"
    r"rotate|renew|back\s+up|look\s+at|double-check)\b"
    r"|\bnever\s+(?P<past>checked(?!\s+(?:in|out|on))|tested|ran|reviewed|verified|updated|followed|notified|escalated|drained|"
    r"validated|confirmed|documented|acknowledged|rotated|renewed|backed\s+up|double-checked)\b",
    _I,
)
_MODAL_PERFECT = re.compile(
    r"\b(?:should|could|ought\s+to|must)(?:n['’]t|\s+not|\s+never)?(?:\s+(?:\w+ly|also|just))?"
    r"(?:\s+have|['’]ve)\s+(?P<w1>[\w-]+)(?:\s+(?P<w2>[\w-]+))?",
    _I,
)
_BEEN_PREDICATE = re.compile(
    r"(?:more|less|extra|aware|careful|cautious|vigilant|attentive|diligent|thorough|"
    r"paying|checking|watching|monitoring|looking|reading|\w+ful|\w+ive)$",
    _I,
)
_IF_ONLY = re.compile(r"\bif\s+only\b", _I)
_HAD_CONDITIONAL = re.compile(
    r"\b(?:(?P<if>if)\s+(?P<np1>(?:[@\w'’-]+\s+){0,4}?)had|had\s+(?P<np2>(?:[@\w'’-]+\s+){0,3}?[@\w'’-]+))"
    r"(?:\s+not)?\s+(?P<pp>[\w-]+(?:ed|en|wn)|" + "|".join(sorted(_IRREGULAR_PP)) + r")\b",
    _I,
)
_BY_HUMAN = re.compile(
    r"\b(?P<verb>caused|triggered|introduced|broken|started|initiated)\s+by\s+"
    r"(?P<np>(?:the\s+|a\s+|an\s+|our\s+)?(?:[@\w'’-]+\s+){0,2}?[@\w'’-]+)",
    _I,
)
# The passive with the person as agent: "the change was pushed by Kim without any review".
_PASSIVE_DESTRUCTIVE = frozenset(
    "deleted dropped removed truncated disabled killed terminated purged wiped destroyed overwritten".split()
)
_PASSIVE_BY = re.compile(
    r"\b(?:was|were|got|been)\s+(?:\w+ly\s+)?(?P<verb>deleted|dropped|removed|truncated|disabled|killed|terminated|"
    r"purged|wiped|destroyed|overwritten|pushed|shipped|merged|deployed|run|executed|applied|changed|modified|"
    r"updated|restarted|rebooted|committed|approved|enabled|edited|rolled\s+out|released|misconfigured|"
    r"mistyped|promoted)\s+by\s+(?P<np>(?:the\s+|a\s+|an\s+|our\s+)?(?:[@\w'’-]+\s+){0,2}?[@\w'’-]+)",
    _I,
)
_CAUSE_IS_HUMAN = re.compile(
    r"\b(?:root\s+cause|cause|culprit)\s+(?:was|is)\s+(?P<np>(?:the\s+|a\s+|an\s+)?(?:[@\w'’-]+\s+){0,2}?[@\w'’-]+)",
    _I,
)
_FAULT = re.compile(
    r"(?<!git\s)\b(?:at\s+fault|fault\s+of|['’]s\s+fault|to\s+blame|blame\s+(?:lies|falls|rests|on)|blamed|"
    r"responsible\s+for\s+(?:the|this)\s+(?:outage|incident|failure|mistake|data\s+loss))\b",
    _I,
)

_FAULT_OWNER = re.compile(r"\s+(?P<np>(?:the\s+|a\s+|an\s+|our\s+)?(?:[@\w'’-]+\s+){0,2}?[@\w'’-]+)\s*(?=[.,;:]|$)", _I)

_JUDGEMENT_WORD = re.compile(
    r"\b(?:careless(?:ly|ness)?|negligen(?:t|ce|tly)|sloppy|sloppily|sloppiness|laz(?:y|iness)|"
    r"incompeten(?:t|ce)|reckless(?:ly|ness)?|irresponsib(?:le|ly|ility)|inexcusabl[ey]|"
    r"unprofessional|thoughtless(?:ly)?|inattentive|foolish(?:ly)?|stupid(?:ly|ity)?|dumb|idiot\w*|"
    r"cowboy|rubber[- ]stamp\w*|asleep\s+at\s+the\s+wheel|dropped\s+the\s+ball|cut\s+corners|"
    r"half-?hearted(?:ly)?|lackadaisical|complacen(?:t|cy))\b",
    _I,
)
_LAZY_TECH = re.compile(r"\blazy[- ](?:load\w*|eval\w*|init\w*|instantiat\w*|fetch\w*|import\w*)", _I)
_JUDGED_BEHAVIOUR = re.compile(
    r"\b(?:ignored|disregarded|overlooked|brushed\s+off|blindly|shrugged\s+off|"
    r"couldn['’]t\s+be\s+bothered)\b",
    _I,
)
_BOTHER = re.compile(r"\bbother(?:ed)?\s+to\b", _I)
_LAPSE_BY = re.compile(
    r"\b(?:mistake|oversight|blunder|slip|lapse|error|negligence|typo)\s+(?:was\s+made\s+|made\s+)?"
    r"(?:by|of|from|on\s+the\s+part\s+of)\s+"
    r"(?P<np>(?:the\s+|a\s+|an\s+|our\s+)?(?:[@\w'’-]+\s+){0,2}?[@\w'’-]+)",
    _I,
)

_HUMAN_ERROR = re.compile(
    r"\b(?:human|operator|user|engineer|engineering|manual|personnel|people|staff|admin|"
    r"administrator|developer|procedural)[\s-]+(?P<noun>error|mistake|fault|slip)(?P<plural>s)?\b"
    r"|\bpeb[kc]a?c\b|\bpebcak\b|\bid-?10-?t\b",
    _I,
)
_ERROR_BY_HUMAN = re.compile(
    r"\b(?:error|mistake|slip)s?\s+(?:by|of|from)\s+(?:a|an|the)?\s*(?:human|operator|person)\b", _I
)
_CAUSE_WORD = re.compile(
    r"\b(?:caus\w*|due\s+to|because|result\w*|led\s+to|attribut\w+|root|came\s+down|boils?\s+down|blame\w*)\b",
    _I,
)
_ERROR_METRIC_FOLLOW = re.compile(
    r"\s*(?:messages?|pages?|codes?|rates?|handling|responses?|budget|counts?|logs?|in\s+the\s+api)\b", _I
)
_ERROR_PROTECTED = re.compile(
    r"\b(?:resilient|tolerant|robust|protect\w*|guard\w*|prevent\w*|reduce|mitigat\w+|safe|immune|"
    r"regardless|despite|risk|chance|possibility|opportunit\w+|proof|tempt\w*|term|phrase|label|labels|"
    r"labelled|labeled|labelling|labeling|notion|myth|so-called|concept|words?|blaming|calling)\b",
    _I,
)

_HUMAN_NP = r"(?:(?:all|the|our|every|each|any|new|other)\s+)*(?:[@\w'’-]+\s+){0,2}?[@\w'’-]+"
_FIX_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(
        r"\bbe\s+(?:(?:a\s+lot|much|far|even)\s+)?(?:more|extra|very|especially|much\s+more)\s+"
        r"(?:careful|vigilant|attentive|diligent|thorough|cautious|mindful|aware|disciplined)\b",
        _I,
    ),
    re.compile(r"\b(?:take|taking)\s+(?:more|extra|greater|better|special)\s+care\b", _I),
    re.compile(r"\bpay(?:ing)?\s+(?:more|closer|better|extra|careful|greater|special)\s+attention\b", _I),
    re.compile(
        r"\b(?:needs?\s+to|must|should|has\s+to|have\s+to)\s+(?:learn|be\s+(?:re-?)?(?:trained|reminded|"
        r"educated|coached|told|more\s+careful))\b",
        _I,
    ),
    re.compile(
        r"\b(?:try|trying|tries)\s+harder\b|\bthink\s+twice\b|\bdouble[- ]checks?\s+(?:his|her|their|your|our)\b", _I
    ),
    re.compile(
        r"\b(?:refresher|remedial)\s+training\b|\b(?:re-?train(?:ed|ing)?|re-?educat(?:e|ed|ing)|counsel|discipline|"
        r"reprimand(?:ed)?)\b",
        _I,
    ),
    re.compile(r"\bhold\s+" + _HUMAN_NP + r"\s+accountable\b", _I),
    re.compile(r"\bsend\s+(?:a|an)\s+(?:reminder|e-?mail|note|memo|message)\s+to\s+(?:all\s+)?" + _HUMAN_NP, _I),
)
_FIX_WITH_HUMAN = re.compile(
    r"\b(?P<verb>remind|educate|train|coach|warn|tell|ask|instruct|urge|encourage)\s+(?P<np>" + _HUMAN_NP + r")"
    r"(?=\s+(?:to|not|on|about|that|how)\b|\s*[.;]|$)",
    _I,
)
_FIX_ENSURE = re.compile(
    r"\b(?:make\s+sure|ensure|ensuring)\s+(?:that\s+)?(?P<np>(?:all\s+|the\s+|our\s+)?[@\w'’-]+)\s+"
    r"(?:always\s+|never\s+)?(?:(?:read|check|remember|follow|double-check|verify|pay|review|understand|"
    r"know|stop|use|test|think|take|slow)s?|verifies|are|be|is|don['’]t|doesn['’]t)\b",
    _I,
)
_FIX_MODAL = re.compile(
    r"\b(?:must|should|needs?\s+to|will|shall|has\s+to|have\s+to)\s+(?:always\s+)?"
    r"(?:remember\s+to|be\s+(?:more\s+)?(?:careful|vigilant|cautious)|double[- ]check|slow\s+down)\b",
    _I,
)
_PAST_CONTEXT = re.compile(r"\b(?:had|needed|wanted|was|were|tried)\s+to\s*$|\b(?:was|were)\s*$", _I)

# --- messages ---------------------------------------------------------------

_SUGGESTIONS: dict[str, str] = {
    "person-as-cause": (
        "Describe what the system allowed: e.g. 'the deploy pipeline allowed an untested migration to reach production'"
    ),
    "counterfactual": (
        "Describe what was known and visible at the time and which safeguard was missing: "
        "e.g. 'the runbook did not require a staging run before schema migrations'"
    ),
    "judgement": (
        "State the observable facts and the conditions behind them: e.g. 'the disk-space alert "
        "fired 14 times in 2 hours into a channel with no owner'"
    ),
    "human-error": (
        "Name the conditions that made the error possible and undetected: e.g. 'the console "
        "applied the change to every region without a confirmation step'"
    ),
    "fix-the-person": (
        "Change the system instead of the person: add a guardrail, automation or check, e.g. "
        "'make the cleanup script refuse to run against a primary host'"
    ),
}


def _message(kind: str, phrase: str) -> str:
    templates = {
        "person-as-cause": "'{p}' presents a person as the cause of the failure; blameless "
        "reviews explain which conditions let a normal action cause harm.",
        "counterfactual": "'{p}' is a hindsight counterfactual about what a person should have "
        "done; it judges the decision instead of explaining why it made sense at the time.",
        "judgement": "'{p}' judges a person's character or effort rather than describing the "
        "conditions that shaped their actions.",
        "human-error": "'{p}' stops the analysis at a person; it does not explain why the "
        "mistake was possible or why nothing caught it.",
        "fix-the-person": "'{p}' asks people to try harder, which does not stop the failure from recurring.",
    }
    return templates[kind].format(p=phrase)


# --- gate ---------------------------------------------------------------------

# Every pattern a detector scans for (through ``_scan``). A finding needs one
# of them to match, so a text in which none can match has no findings; the gate
# derives each pattern's necessary words from the pattern itself.
_TRIGGERS: tuple[re.Pattern[str], ...] = (
    _STRONG_HARM,
    _DESTRUCTIVE,
    _CHANGE,
    _BY_HUMAN,
    _PASSIVE_BY,
    _CAUSE_IS_HUMAN,
    _FAULT,
    _OMISSION,
    _MODAL_PERFECT,
    _IF_ONLY,
    _HAD_CONDITIONAL,
    _JUDGEMENT_WORD,
    _JUDGED_BEHAVIOUR,
    _BOTHER,
    _LAPSE_BY,
    _HUMAN_ERROR,
    _ERROR_BY_HUMAN,
    *_FIX_PATTERNS,
    _FIX_MODAL,
    _FIX_WITH_HUMAN,
    _FIX_ENSURE,
)
_GATE = Gate(_TRIGGERS)
_possible = _GATE.possible
_ALL_TRIGGERS = frozenset(map(id, _TRIGGERS))


def _scan(clause: _Clause, pattern: re.Pattern[str]) -> Iterable[re.Match[str]]:
    """Matches of a trigger pattern in the clause, skipped when the gate ruled it out."""
    if id(pattern) in clause.possible:
        return pattern.finditer(clause.text)
    if id(pattern) not in _ALL_TRIGGERS:
        raise LookupError(f"detector pattern {pattern.pattern[:40]!r}... is not in _TRIGGERS")
    return ()


# --- detectors ----------------------------------------------------------------

_Found = tuple[str, int, int]  # kind, absolute start, absolute end
_Detector = Callable[[_Clause], Iterator[_Found]]


def _abs(clause: _Clause, start: int, end: int) -> tuple[int, int]:
    return clause.offset + start, clause.offset + end


def _np_is_human(np: str) -> bool:
    toks = _tokens(np.strip())
    if not toks:
        return False
    head = _head_index(toks)
    return head is not None and (
        _is_human_word(toks[head][0]) or _is_possessive_human(toks[head][0]) or _is_person_compound(toks, head)
    )


def _error_cue(after_subject: str, destructive: bool) -> bool:
    """A harm cue after the subject; quality words ("bad", "broken") do not count
    for a destructive verb: removing the bad thing is remediation, shipping it is harm."""
    return any(not destructive or not _QUALITY_CUE.fullmatch(cue.group()) for cue in _HARM_CUE.finditer(after_subject))


def _detect_harm(clause: _Clause) -> Iterator[_Found]:
    for m in _scan(clause, _STRONG_HARM):
        subj = _human_subject(clause, m.start(), allow_possessive=True)
        if subj and not subj.negative and not _negated(clause, m.start()):
            yield "person-as-cause", subj.start, clause.offset + m.end()
    for pattern in (_DESTRUCTIVE, _CHANGE):
        for m in _scan(clause, pattern):
            subj = _human_subject(clause, m.start())
            if not subj or subj.negative or _negated(clause, m.start()):
                continue
            after_subject = clause.text[subj.start + len(subj.text) - clause.offset :]
            rest_of_clause = clause.text[m.end() :]
            rest_of_sentence = clause.sentence[clause.offset + m.end() - clause.sentence_offset :]
            if _error_cue(after_subject, destructive=pattern is _DESTRUCTIVE):
                yield "person-as-cause", subj.start, clause.offset + m.end()
                continue
            if _INTENDED.search(rest_of_sentence) or _MITIGATION.search(clause.sentence):
                continue
            if pattern is _DESTRUCTIVE and _PROBLEM_OBJECT.search(_direct_object(rest_of_clause)):
                continue
            effects = _effects(rest_of_sentence)
            obj = _direct_object(rest_of_clause)
            cue = (
                _SECRET_EXPOSED.search(rest_of_clause)
                or (
                    (pattern is _DESTRUCTIVE or _DESTRUCTIVE_COMMAND.search(obj))
                    and _VALUABLE_OBJECT.search(obj)
                    and not _ROUTINE_OBJECT.search(rest_of_sentence)
                )
                or (not _REMEDY.search(rest_of_sentence) and (_CONSEQUENCE.search(effects) or _relative_harm(effects)))
            )
            if cue:
                yield "person-as-cause", subj.start, clause.offset + m.end()
    for m in _scan(clause, _PASSIVE_BY):
        if not _np_is_human(m.group("np")) or _negated(clause, m.start()):
            continue
        # Cues only (the trigger was gated): the clause, the subject before, the sentence after.
        whole_clause = clause.text
        before, after = whole_clause[: m.start()], clause.sentence[clause.offset + m.end() - clause.sentence_offset :]
        if _INTENDED.search(clause.sentence) or _REMEDY.search(after):
            continue
        destructive = m.group("verb").lower() in _PASSIVE_DESTRUCTIVE
        if (
            _HARM_CUE.search(whole_clause)
            or (destructive and _VALUABLE_OBJECT.search(before) and not _ROUTINE_OBJECT.search(before))
            or _CONSEQUENCE.search(_effects(after))
            or _relative_harm(_effects(after))
        ):
            yield ("person-as-cause", *_abs(clause, m.start(), m.end("np")))
    for pattern in (_BY_HUMAN, _CAUSE_IS_HUMAN):
        for m in _scan(clause, pattern):
            if _np_is_human(m.group("np")) and not _negated(clause, m.start()):
                yield ("person-as-cause", *_abs(clause, m.start(), m.end("np")))
    for m in _scan(clause, _FAULT):
        if _negated(clause, m.start()):
            continue
        if _has_human_before(clause, clause.offset + m.start() + 1):
            yield ("person-as-cause", *_abs(clause, m.start(), m.end()))
            continue
        # "the fault of the release engineer": the person follows.
        owner = _FAULT_OWNER.match(clause.text, m.end()) if m.group().lower().endswith("of") else None
        if owner and _np_is_human(owner.group("np")):
            yield ("person-as-cause", *_abs(clause, m.start(), owner.end("np")))


def _detect_omission(clause: _Clause) -> Iterator[_Found]:
    for m in _scan(clause, _OMISSION):
        subj = _human_subject(clause, m.start())
        if not subj or subj.negative or _negated(clause, m.start()):
            continue
        if m.group("past") and _INTENDED.search(clause.sentence):  # "we never checked them in, by design"
            continue
        kind = "counterfactual" if m.group("failed") else "person-as-cause"
        if m.group("neglected"):
            kind = "judgement"
        yield kind, subj.start, clause.offset + m.end()


def _detect_modal(clause: _Clause) -> Iterator[_Found]:
    for m in _scan(clause, _MODAL_PERFECT):
        w1, w2 = m.group("w1"), m.group("w2") or ""
        if w1.lower() == "been":
            if not w2 or _is_past_participle(w2) or not _BEEN_PREDICATE.search(w2):
                continue
        elif not _is_past_participle(w1):
            continue
        subj = _human_subject(clause, m.start())
        if subj and not subj.negative and not _negated(clause, subj.start - clause.offset):
            end = m.end("w2") if w1.lower() == "been" else m.end("w1")
            yield "counterfactual", subj.start, clause.offset + end
    for m in _scan(clause, _IF_ONLY):
        if not _negated(clause, m.start()):
            yield ("counterfactual", *_abs(clause, m.start(), m.end()))
    for m in _scan(clause, _HAD_CONDITIONAL):
        np = m.group("np1") if m.group("if") else m.group("np2")
        pp = m.group("pp")
        if np and pp.lower() != "been" and _is_past_participle(pp) and _np_is_human(np):
            yield ("counterfactual", *_abs(clause, m.start(), m.end()))


def _detect_judgement(clause: _Clause) -> Iterator[_Found]:
    text = clause.text
    for m in _scan(clause, _JUDGEMENT_WORD):
        if _LAZY_TECH.match(text, m.start()) or _negated(clause, m.start()) or _denied_after(clause, m.end()):
            continue
        yield ("judgement", *_abs(clause, m.start(), m.end()))
    for m in _scan(clause, _JUDGED_BEHAVIOUR):
        subj = _human_subject(clause, m.start())
        if subj and not subj.negative and not _negated(clause, subj.start - clause.offset):
            yield "judgement", subj.start, clause.offset + m.end()
    for m in _scan(clause, _BOTHER):
        if _negated(clause, m.start(), window=3):
            yield ("judgement", *_abs(clause, m.start(), m.end()))
    for m in _scan(clause, _LAPSE_BY):
        if _np_is_human(m.group("np")) and not _negated(clause, m.start()):
            yield ("judgement", *_abs(clause, m.start(), m.end("np")))


def _detect_human_error(clause: _Clause) -> Iterator[_Found]:
    text = clause.text
    for pattern in (_HUMAN_ERROR, _ERROR_BY_HUMAN):
        for m in _scan(clause, pattern):
            if _negated(clause, m.start()) or _ERROR_PROTECTED.search(text[: m.start()]):
                continue
            plural = pattern is _HUMAN_ERROR and m.group("plural")
            if plural and not _CAUSE_WORD.search(clause.sentence):
                continue
            if _ERROR_METRIC_FOLLOW.match(text, m.end()) or _denied_after(clause, m.end()):
                continue
            yield ("human-error", *_abs(clause, m.start(), m.end()))


def _detect_fix_the_person(clause: _Clause) -> Iterator[_Found]:
    text = clause.text
    for pattern in _FIX_PATTERNS + (_FIX_MODAL,):
        for m in _scan(clause, pattern):
            if _PAST_CONTEXT.search(text[: m.start()]) or _negated(clause, m.start()):
                continue
            yield ("fix-the-person", *_abs(clause, m.start(), m.end()))
    for m in _scan(clause, _FIX_WITH_HUMAN):
        if _np_is_human(m.group("np")) and _is_imperative(text, m.start()):
            yield ("fix-the-person", *_abs(clause, m.start(), m.end("np")))
    for m in _scan(clause, _FIX_ENSURE):
        if _np_is_human(m.group("np")):
            yield ("fix-the-person", *_abs(clause, m.start(), m.end()))


def _is_imperative(text: str, start: int) -> bool:
    """The verb at ``start`` opens the clause or follows a modal / 'to'."""
    before = text[:start].strip().lower()
    if not before or before.endswith(("action item", "todo", "ai", "-", "*")):
        return True
    last = before.split()[-1]
    return last in ("to", "will", "should", "must", "shall", "we", "please", "and")


_DETECTORS: tuple[_Detector, ...] = (
    _detect_human_error,
    _detect_fix_the_person,
    _detect_modal,
    _detect_judgement,
    _detect_omission,
    _detect_harm,
)


class _Recorder(frozenset):  # type: ignore[type-arg]
    """A 'possible' set that is always empty but remembers what was asked."""

    def __init__(self, *args: object) -> None:
        super().__init__()
        self.asked: set[int] = set()

    def __contains__(self, item: object) -> bool:
        self.asked.add(item)  # type: ignore[arg-type]
        return False


def _patterns_scanned(detector: _Detector) -> frozenset[int]:
    """``id()`` of the trigger patterns ``detector`` scans, observed by running it.

    Every detector asks ``_scan`` about all of its patterns whatever the text, so
    a detector can be skipped when none of them is possible.
    """
    recorder = _Recorder()
    for _ in detector(_Clause("", 0, "", 0, recorder)):
        pass
    if not recorder.asked:
        raise LookupError(f"{detector.__name__} scans no trigger pattern through _scan")
    return frozenset(recorder.asked)


_DETECTOR_PATTERNS: tuple[tuple[_Detector, frozenset[int]], ...] = tuple((d, _patterns_scanned(d)) for d in _DETECTORS)


# --- driver -------------------------------------------------------------------


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for m in _SENTENCE_BREAK.finditer(text):
        if m.start() > start:
            yield start, m.start()
        start = m.end()
    if start < len(text):
        yield start, len(text)


def _mask_quotes(sentence: str) -> str:
    if _QUOTE_CHAR.search(sentence) is None:  # every quoted span starts with one
        return sentence
    return _QUOTED.sub(lambda m: " " * len(m.group()), sentence)


def _clauses(masked: str, offset: int, possible: frozenset[int]) -> Iterator[_Clause]:
    start = 0
    breaks = _CLAUSE_BREAK_ASCII_LOWER.finditer(masked.lower()) if masked.isascii() else _CLAUSE_BREAK.finditer(masked)
    for m in breaks:
        if m.start() > start:
            yield _Clause(masked[start : m.start()], offset + start, masked, offset, possible)
        # Clause-opening words ("which broke", "because Bob ...") stay with their clause.
        start = m.start() if m.group()[0].isalpha() else m.end()
    if start < len(masked):
        yield _Clause(masked[start:], offset + start, masked, offset, possible)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not text[start].strip():
        start += 1
    while end > start and not text[end - 1].strip():
        end -= 1
    return start, end


def find_blame(text: str) -> list[BlameMatch]:
    """Return blame-oriented phrases in ``text``, ordered by position.

    Offsets are character offsets into ``text`` itself, so callers can map
    them to line/column.
    """
    possible = _possible(text)
    return _find(text, possible, gate_sentences=True) if possible else []


def _find_ungated(text: str) -> list[BlameMatch]:
    """The engine with every trigger pattern scanned everywhere (the reference for tests)."""
    return _find(text, _ALL_TRIGGERS, gate_sentences=False)


def _find(text: str, possible: frozenset[int], gate_sentences: bool) -> list[BlameMatch]:
    """The engine proper; only the trigger patterns in ``possible`` are scanned.

    With ``gate_sentences`` each sentence is gated again on its own, so the
    sentences of a long text that cannot match anything are skipped.
    """
    found: dict[tuple[int, int], str] = {}
    for s_start, s_end in _sentences(text):
        sentence = text[s_start:s_end]
        here = _possible(sentence) if gate_sentences and s_end - s_start < len(text) else possible
        if not here:
            continue
        detectors = [d for d, ids in _DETECTOR_PATTERNS if not ids.isdisjoint(here)]
        masked = _mask_quotes(sentence)
        for clause in _clauses(masked, s_start, here):
            for detector in detectors:
                for kind, start, end in detector(clause):
                    span = _trim(text, start, end)
                    if span[1] > span[0] and not _overlaps(found, span):
                        found[span] = kind
    return [_build(text, kind, span) for span, kind in sorted(found.items())]


def _overlaps(found: dict[tuple[int, int], str], span: tuple[int, int]) -> bool:
    start, end = span
    for s, e in found:
        if s < end and start < e:
            return True
    return False


def _build(text: str, kind: str, span: tuple[int, int]) -> BlameMatch:
    phrase = text[span[0] : span[1]]
    return BlameMatch(kind, span[0], span[1], phrase, _message(kind, phrase), _SUGGESTIONS[kind])
