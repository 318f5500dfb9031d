"""Evidence that an action item names something: words that name a thing, identifiers, numbers, dates.

"Monitoring", "issues", "proper" and "similar incidents" name nothing; a word
outside the generic lists, a compound of common nouns ("config change
procedure"), a number, a file, a flag or an identifier does.
"""

from __future__ import annotations

import re

from pm_pipeline.language.action_words import GENERIC_MODIFIERS, GENERIC_NOUNS, STOPWORDS

__all__ = ["compound", "has_deliverable", "hard_evidence", "named_words", "DATE", "SCHEDULE", "UNITS"]

_I = re.IGNORECASE

# --- evidence ------------------------------------------------------------------------

_HARD_EVIDENCE = re.compile(
    r"\d|`[^`]+`|\b\w+\(\)|(?<!\w)--[a-z][\w-]*|[<>]=?|\b[a-z0-9]+_[a-z0-9_]+\b|\b[a-z][\w-]+\.[a-z][\w.-]*[a-z0-9]\b|"
    r"\b[a-z]+[A-Z]\w*\b|\b[\w-]+\.(?:py|sh|md|ya?ml|json|conf|cfg|ini|toml|tf|go|rb|js|ts|sql|txt|rs|xml|env)\b|"
    r"\b(?:from|to|at|under|below|above|within|of)\s+(?:one|two|three|four|five|six|seven|eight|nine|ten|"
    r"twelve|twenty|zero|half|a\s+single)\b"
)
DATE = re.compile(r"\d{4}-\d\d-\d\d|\d{1,2}:\d\d|\d{1,2}/\d{1,2}(?:/\d{2,4})?")
_DOMAIN = re.compile(r"\.(?:org|com|io|net|dev|app)$")
UNITS = re.compile(r"\bin\s+(?:seconds|minutes|hours|days|milliseconds|ms|bytes|[kmg]i?b|percent)\b", _I)
SCHEDULE = re.compile(
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

_NAME_NOTHING = frozenset(
    """
    happened happens wrong went root cause causes caused causing led triggered reason reasons again tbd tbc todo
    learned know knows notice see find someone somebody anyone customers users makes sense
    identified discussed mentioned listed above below found outlined raised described
    caught handled addressed resolved fixed prevented avoided detected mitigated detect recover resolve mitigate
    closely eye eyes preventing avoiding catching detecting happening recurring occurring
    """.split()
)


def named_words(tokens: tuple[str, ...] | list[str]) -> list[str]:
    """Words of ``tokens`` that name something: not a function word, generic noun or generic modifier."""
    named: list[str] = []
    for index, token in enumerate(tokens):
        if token == "A" and index > 0:
            named.append(token)  # "Write runbook for A procedure": a letter naming a procedure
            continue
        low = token.lower().strip("'")
        if low in STOPWORDS or low in GENERIC_NOUNS or low in GENERIC_MODIFIERS:
            continue
        if low.endswith("s") and (low[:-1] in GENERIC_NOUNS or low[:-2] in GENERIC_NOUNS):
            continue
        if low in _NAME_NOTHING:
            continue
        if DATE.fullmatch(low):
            continue
        named.append(token)
    return named


# Umbrella nouns: a compound that ends in one still names nothing ("back-up systems", "communication step").
_UMBRELLA = frozenset(
    """
    system systems service services thing things stuff issue issues problem problems improvement improvements
    measure measures mechanism mechanisms solution solutions change changes tool tools tooling step steps
    area areas aspect aspects part parts piece pieces work efforts effort practices practice suite suites
    """.split()
)


def compound(tokens: tuple[str, ...]) -> bool:
    """Two common nouns side by side name one thing: "config change procedure", "regression tests"."""
    run = 0
    for token in tokens:
        low = token.lower()
        if low in GENERIC_NOUNS and low not in _NAME_NOTHING:
            run += 1
            if run >= 2 and low not in _UMBRELLA:
                return True
        else:
            run = 0
    return False


# Tracking metadata is not evidence of what changes: an owner, a due date, a priority.
_METADATA = re.compile(
    r"\b(?:owner|assignee|assigned\s+to)\s*[:=]?\s*@?[\w.-]+|"
    r"\b(?:due|by|before|until|eta|deadline)\s*[:=]?\s*(?:date\s*[:=]?\s*)?(?:\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}(?:/\d{2,4})?|"
    r"q[1-4](?:\s+\d{4})?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{4})?|"
    r"end\s+of\s+\w+)|\b(?:p[0-4]|sev[0-4])\b|\b\d{4}-\d\d-\d\d\b",
    _I,
)


def hard_evidence(text: str) -> bool:
    """A number, identifier, file, flag or code in ``text``, not counting an owner, due date or priority."""
    text = _METADATA.sub(" ", text)
    return any(not _DOMAIN.search(m.group(0)) for m in _HARD_EVIDENCE.finditer(text))


def has_deliverable(text: str, schedule: bool = True) -> bool:
    """A date, threshold or (for ongoing attention) schedule that closes an exploration or ongoing attention.

    A schedule does not close an exploration: "Discuss in the weekly ops meeting" is still talk.
    """
    return bool(_DEADLINE.search(text) or _THRESHOLD.search(text) or (schedule and SCHEDULE.search(text)))
