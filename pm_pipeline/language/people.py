"""What a person, a role and a team are, for every language rule (PM1xx, PM201, PM502).

A *mention* of people is one of:

* ``handle``  -- ``@alice``, ``@sre-team``, or a user name with the at sign after it
  (``dylan@``, the way many companies write internal user names); never an e-mail address;
* ``name``    -- a known first name, capitalised (``Bob``, ``Maria Lopez``), or a role
  with a letter (``Engineer A``); a capitalised word we do not know as a name is NOT a
  person (real reports are full of product names: "Kintsugi", "Majora");
* ``role``    -- a role noun with its determiner: "the engineer", "an operator",
  "the on-call", "a Sourcegraph engineer", "Engineer" opening a clause, "the DBA";
* ``team``    -- a named or described group: "the QA team", "members of the team",
  "multiple people", "engineers";
* ``someone`` -- someone, somebody, no one, nobody, anyone;
* ``third``   -- he, she (a person already named);
* ``self``    -- I, me: the writer about themself;
* ``we``      -- we, us, our team: the organisation speaking of its own decisions.

``strength`` tells how sure we are that the mention is a person that a sentence can
blame: ``STRONG`` (handle, name, role, named team, someone, he/she), ``WEAK`` (I; "the
user", who may be a customer; "the team" alone, often the writers themselves), ``NONE``
for ``we``: hindsight about the team's own decisions is how a report explains itself,
not blame (the labelling guide's rule).

Public API (used by rules.blame, rules.analysis PM502 and language.vagueness PM201):

* ``mentions(text)`` -- every mention in ``text`` as ``Mention`` (kind, strength, span);
* ``classify(phrase)`` -- the ``Mention`` a whole phrase is, or None;
* ``is_person_phrase(phrase)`` -- True when ``phrase`` names people (not ``we``);
* ``starts_with_person(text)`` -- the mention a text opens with (after "because"), or None;
* ``PEOPLE_OBJECT`` -- regex source for people as the object of advice
  ("remind engineers", "retrain the on-call", "train staff");
* ``PEOPLE_AUDIENCE`` -- regex source for people addressed by advice ("Package maintainers should").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pm_pipeline.language._lexicon import FIRST_NAMES, NON_NAME_WORDS, ROLE_WORDS, TEAM_WORDS, TECH_NAMES

__all__ = [
    "NONE",
    "PEOPLE_AUDIENCE",
    "PEOPLE_OBJECT",
    "STRONG",
    "WEAK",
    "Mention",
    "bare_name_before",
    "classify",
    "is_person_phrase",
    "mentions",
    "starts_with_person",
]

STRONG, WEAK, NONE = 2, 1, 0


@dataclass(frozen=True)
class Mention:
    """People named in a text: ``text[start:end]`` is the phrase."""

    kind: str  # handle | name | role | team | user | someone | third | self | we
    strength: int  # STRONG, WEAK or NONE (see the module docstring)
    start: int
    end: int


def _alternation(words: frozenset[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


_ROLE = rf"(?:{_alternation(ROLE_WORDS)})(?:e?s)?"
_TEAM = rf"(?:{_alternation(TEAM_WORDS)})"
_DET = r"(?:the|a|an|one|our|their|another|this|that|each|every|any|some|two|several|multiple|various|many|most|few)"
_MODIFIER = r"(?:[\w-]+\s+){0,2}?"

# The named groups say which kind of mention matched; classify() reads them.
PERSON = (
    r"(?:(?P<handle>(?<![\w.])@[A-Za-z0-9][\w-]*(?!\.\w)|(?<![\w.@-])[a-z][\w-]*[a-z0-9]@(?![\w.@-]))"
    rf"|(?P<letter>(?-i:\b(?:[Ee]ngineer|[Dd]eveloper|[Oo]perator|[Pp]erson|[Uu]ser)\s+[A-Z])\b|\[(?:name|person|engineer|developer)\])"
    rf"|(?P<team>\b(?:(?:members?|some|all|most|one|none)\s+of\s+(?:the|our)\s+(?:[\w-]+\s+)?{_TEAM}"
    rf"|(?:the|a|an|that|this)\s+[\w-]+\s+{_TEAM}|{_DET}\s+(?:people|folks|engineers|developers|operators))\b(?![-]))"
    rf"|(?P<bareteam>\b(?:the|that|this)\s+team\b(?![-’'])(?!\s+members?\b))"
    rf"|(?P<user>\b(?:the|a)\s+users?\b(?![-’']))"
    rf"|(?P<role>(?<![-/.])\b(?:{_DET}\s+{_MODIFIER})?{_ROLE}(?:\s+{_ROLE})?\b(?![-’']))"
    r"|(?P<someone>\b(?:someone|somebody|no\s+one|nobody|anyone|anybody)\b)"
    r"|(?P<third>\b(?:he|she)\b)"
    r"|(?P<self>(?-i:\bI\b)|\bme\b)"
    r"|(?P<we>\b(?:we|us|our\s+team)\b)"
    # Last: any capitalised word; _mention keeps it only when it is a known first name.
    r"|(?P<name>(?-i:\b[A-Z][a-z]+\b)))"
)
_PERSON_RE = re.compile(PERSON, re.IGNORECASE)
_KIND_STRENGTH = {
    "handle": ("handle", STRONG),
    "name": ("name", STRONG),
    "letter": ("name", STRONG),
    "team": ("team", STRONG),
    "bareteam": ("team", WEAK),
    "user": ("user", WEAK),
    "role": ("role", STRONG),
    "someone": ("someone", STRONG),
    "third": ("third", STRONG),
    "self": ("self", WEAK),
    "we": ("we", NONE),
}
# Nouns after a role word that make it a thing, not a person: "the engineering team's tool".
_THING_AFTER = re.compile(
    r"\s*(?:-|['’]s?\s+)?(?:tools?|scripts?|pipelines?|services?|dashboards?|accounts?|pages?|rotations?|runbooks?|"
    r"alerts?|process|guides?|docs|console|portal|schedule|handoff|shifts?|queue|channel|laptops?|machines?|"
    r"credentials|tokens?|access|permissions?|environments?|workflow|checklist|tooling|experience|"
    r"mode|agent|api|interface|group|role|id|name|data|ui|error|errors|request|requests|traffic|sessions?|"
    r"panel|branch|server|cluster|box|build|instance|database|db|keys?|certificate|setup|config|configuration)\b",
    re.IGNORECASE,
)


# Modifiers that make a role someone outside the organisation (a customer, a partner, a
# third-party operator of a network node): blaming them is not blaming staff, so weak.
_OUTSIDE = re.compile(
    r"\b(?:node|nodes|validator|validators|external|third-party|community|partner|partners|customer|customers|"
    r"client|clients|vendor|vendors|exchange|exchanges|pool|relay|relayer|miner|miners|staking|user|users)\b",
    re.IGNORECASE,
)
_OUTSIDE_BEFORE = re.compile(_OUTSIDE.pattern + r"\s+$", re.IGNORECASE)
_SURNAME = re.compile(r"\s+(?:[A-Z][a-z]+|[A-Z])\b")
_NAME_AFTER_ROLE = re.compile(r"\s+(?-i:[A-Z][a-z]+)\b(?!['’])")
_PERSONS_THING = re.compile(r"['’]s\s+(?:fuzzer|tool|script|bot|test|library|project|repo)", re.IGNORECASE)


def _mention(m: re.Match[str], offset: int = 0) -> Mention | None:
    group = m.lastgroup
    if group is None:
        return None
    kind, strength = _KIND_STRENGTH[group]
    end = m.end()
    if kind in ("role", "team") and _THING_AFTER.match(m.string, end):
        return None
    if kind == "role" and (_OUTSIDE.search(m.group()) or _OUTSIDE_BEFORE.search(m.string, 0, m.start())):
        strength = WEAK  # "node operators", "a partner's engineer": people outside the organisation
    if kind == "role":
        named = _NAME_AFTER_ROLE.match(m.string, end)  # "our SRE Tomasz": the role and the name are one mention
        end = named.end() if named else end
    if group == "name":
        if m.group() not in FIRST_NAMES:
            return None
        surname = _SURNAME.match(m.string, end)
        end = surname.end() if surname else end
        if _PERSONS_THING.match(m.string, end):
            return None  # "Marius's fuzzer" is a tool
    return Mention(kind, strength, m.start() + offset, end + offset)


def mentions(text: str) -> list[Mention]:
    """Every mention of people in ``text``, in order."""
    found = []
    for m in _PERSON_RE.finditer(text):
        mention = _mention(m)
        if mention is not None:
            found.append(mention)
    return found


@lru_cache(maxsize=4096)
def classify(phrase: str) -> Mention | None:
    """The mention ``phrase`` is as a whole ("the on-call engineer", "@bob"), or None."""
    stripped = phrase.strip()
    m = _PERSON_RE.match(stripped)
    mention = _mention(m) if m else None
    return mention if mention is not None and mention.end == len(stripped) else None


def is_person_phrase(phrase: str) -> bool:
    """True when ``phrase`` as a whole names people other than the writer's own team."""
    mention = classify(phrase)
    return mention is not None and mention.strength > NONE


_LEAD = re.compile(r"[^\w@]*(?:(?:because|since|as|that)\s+(?:of\s+)?)?", re.IGNORECASE)


def starts_with_person(text: str, min_strength: int = STRONG) -> Mention | None:
    """The mention ``text`` opens with ("Because the engineer ...", "@dave ran ..."), or None.

    Only mentions of at least ``min_strength`` count ("The team lacked ..." is weak).
    """
    lead = _LEAD.match(text)
    at = lead.end() if lead else 0
    m = _PERSON_RE.match(text, at)
    if m is None:
        return None
    mention = _mention(m)
    return mention if mention is not None and mention.strength >= min_strength else None


PEOPLE_OBJECT = (
    rf"(?:(?:the|all|our|every|each|new|individual)\s+)?(?:[\w-]+\s+)??(?:{_ROLE}|{_TEAM}|people|staff|everyone|everybody"
    r"|folks|@[\w-]+|him|her|them)\b"
)
# People addressed by advice in an action list ("Package maintainers should ...", "Users must ..."):
# anyone PEOPLE_OBJECT names, and users, customers and contributors, whom advice also addresses.
PEOPLE_AUDIENCE = rf"(?:{PEOPLE_OBJECT}|(?:[\w-]+\s+)??(?:users|customers|contributors)\b)"


# A capitalised word that opens a clause, with no determiner and no other capitalised word
# before it: the grammatical slot of a first name ("... and Priyanka forgot to ...").
_BARE_NAME_BEFORE = re.compile(
    r"(?:^|[:;,.(•*—–-]\s*|\b(?:and|but|then|when|after|before|because|so)\s+)(?-i:(?P<word>[A-Z][a-z]{2,}))\s*$",
    re.IGNORECASE,
)


_NOUN_SUFFIX = re.compile(r"(?:er|or|ers|ors|tion|sion|ment|ing|ness|ity|ure|ics|age|ance|ence|ism|ist|bot|ctl|d)$")


def bare_name_before(text: str, at: int) -> Mention | None:
    """A capitalised word just before ``at`` in a name's slot, as a WEAK name; None otherwise.

    Only for words that only a person can be the subject of ("forgot", "accidentally"): we
    cannot tell an unknown first name from a product name ("Nomad restarted ..."), so the
    predicate has to say it is a person, and the evidence stays weak. Known tools, words
    that commonly open sentences and known first names (found by ``mentions``) are excluded.
    """
    m = _BARE_NAME_BEFORE.search(text, 0, at)
    if m is None:
        return None
    word = m.group("word")
    if word.lower() in TECH_NAMES or word.lower() in NON_NAME_WORDS or _NOUN_SUFFIX.search(word):
        return None  # a tool, a sentence opener, or a common noun ("Autoscaler", "Automation")
    return Mention("name", WEAK, m.start("word"), m.end("word"))
