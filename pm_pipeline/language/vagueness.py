"""Judge whether a post-mortem action item is specific enough to act on.

An item is accepted only on POSITIVE evidence of specificity: a named
component or identifier, a number or threshold, a file or path, a ticket or
URL, a schedule, or a recognisable end state. Length is never a signal.

Evidence comes in two strengths. Strong evidence (numbers, identifiers,
paths, tickets, code) rescues an item built on a direction-only verb
("improve", "reduce"); weak evidence (a tool name, an acronym, a proper
noun, a schedule, an end-state phrase) is enough for an item built on a
concrete verb ("add", "enable", "replace") but not for a direction-only one:
"Improve Kafka reliability" names a system yet still says nothing about what
changes.

Investigations and ongoing attention ("investigate", "look into", "consider",
"review", "follow up", "monitor") need more: a deliverable. A number or a
system name only names the symptom ("Look into 5xx errors"); the item is
specific when it says what it produces or by when -- a ticket or URL, a
deadline, the method, an alert threshold, or a concrete change joined to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pm_pipeline.language._lexicon import NON_NAME_WORDS, TECH_NAMES

__all__ = ["Vagueness", "judge_action"]


@dataclass(frozen=True)
class Vagueness:
    """Why an action item is vague, and a concrete pattern to rewrite it."""

    reason: str
    suggestion: str


_I = re.IGNORECASE

# --- evidence of specificity -----------------------------------------------------

_TICKET = re.compile(r"\b[A-Z][A-Z0-9]+-\d+\b|(?<![\w&])#\d+\b")
_URL = re.compile(r"\bhttps?://\S+", _I)
_STRONG_EVIDENCE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("a number", re.compile(r"\d")),
    ("a ticket", _TICKET),
    ("a URL", _URL),
    ("a path", re.compile(r"(?<![\w<])(?:\.{0,2}/)?[\w.*-]+/[\w./*-]*(?<!/s)\b|(?<!\w)/[\w.*-]+")),
    (
        "a file",
        re.compile(r"\b[\w-]+\.(?:py|sh|md|ya?ml|json|conf|cfg|ini|toml|tf|go|rb|js|ts|java|sql|txt|rs|xml|env)\b", _I),
    ),
    ("an identifier", re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b|\b[a-z][\w-]*\.[a-z][\w.-]*\b", _I)),
    ("an identifier", re.compile(r"\b[a-z]+[A-Z]\w*\b|\b[A-Z][a-z0-9]+[A-Z]\w*\b")),
    ("code", re.compile(r"`[^`]+`|\b\w+\(\)|(?<!\w)--[a-z][\w-]*|\b\w+\s*[=<>]=?\s*\w+|[<>]=?")),
    (
        "a service name",
        re.compile(
            r"\b[a-z][a-z0-9]*(?:-[a-z0-9]+)*-(?:api|svc|service|gate|worker|consumer|proxy|manager|console|"
            r"db|cluster|platform|server|queue|cache|job|bot|cli|exporter|operator|controller|agent)\b",
            _I,
        ),
    ),
)

_COMMON_HYPHENATED = frozenset(
    """
    follow-up follow-ups on-call long-term short-term end-to-end real-time well-known
    high-level low-level cross-team re-run per-service per-tenant hand-edited
    two-person log-based customer-facing post-mortem in-depth up-to-date
    day-to-day one-off self-serve opt-in built-in third-party multi-region so-called
    non-critical root-cause double-check re-evaluate co-ordinate go-forward
    """.split()
)
_GENERIC_ACRONYMS = frozenset(
    "API APIS DB DBS UI UX QA TBD TODO NA FYI ASAP ETA RCA SRE SRES IT PR PRS OK US AM PM AI TBC TBA".split()
)
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,}s?\b")
_HYPHENATED = re.compile(r"\b[a-z][a-z0-9]*(?:-[a-z0-9*]+)+\b", _I)
_CAPITALISED = re.compile(r"(?<=[\w,)] )[A-Z][a-z]+\b")
_SCHEDULE = re.compile(
    r"\b(?:hourly|daily|nightly|weekly|fortnightly|monthly|quarterly|every\s+(?:day|night|week|month|deploy|release|hour))\b",
    _I,
)
_END_STATE = re.compile(
    r"\b(?:(?:alert|page|notify|fail|block|reject|escalate)\w*\s+(?:[\w-]+\s+){0,6}?(?:when|if|whenever|unless|on|after)\b"
    r"|fails?\s+the\s+build|refuses?\s+to|so\s+that|enforced\s+by|verified\s+by|"
    r"that\s+(?:checks|prints|shows|asserts|kills|diffs|verifies|fails|blocks|rejects|requires|pages|alerts))\b",
    _I,
)
_WORD = re.compile(r"[A-Za-z][\w'-]*")

# --- evidence of a deliverable (for investigations and ongoing attention) ----------------
#
# "Investigate 5xx spike" or "Look into the 429s from the Stripe API" name a
# symptom, not an outcome: a number or a system name does not say when the
# investigation is done. Such items are specific only when they name what
# they produce or by when: a ticket or URL to record it in, a deadline, the
# method ("by running the aws-nuke report"), or a concrete change joined to
# the investigation ("... and remove s3:* from the CI role").

_DEADLINE = re.compile(
    r"\b(?:by|before|until|no\s+later\s+than|due(?:\s+(?:by|on|date))?:?|deadline:?|eta:?)\s+(?:the\s+)?(?:\d|(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|end\s+of\b|eo[dwmq]\b|q[1-4]\b|next\s+\w+|"
    r"the\s+next\s+\w+|tomorrow\b)",
    _I,
)
# Monitoring with a threshold is a change with an end state: "... with a PagerDuty alert at 85%".
_ALERT_THRESHOLD = re.compile(r"\b(?:alert|alarm|page|paging|notify|warn)\w*\b[^.;]*?(?:\d|[<>])", _I)
_METHOD = re.compile(r"\bby\s+(?:running|using|replaying|querying|diffing|comparing|load-testing|bisecting)\b", _I)
_RECORD = re.compile(
    r"\b(?:write\s+up|record|publish|file|document|present|share)\s+(?:[\w-]+\s+){0,4}?(?:in|to|on|as)\s+"
    r"(?:[A-Z][A-Z0-9]+-\d+|an?\s+(?:ADR|RFC|ticket|issue|design\s+doc))",
)
_COORDINATED_CHANGE = re.compile(
    r"\s+(?:and|then)\s+(?=(?:set|remove|add|delete|drop|disable|enable|rotate|fix|replace|raise|lower|pin|revoke|"
    r"migrate|create|configure|increase|decrease|cap|limit|move|switch|turn|upgrade|downgrade|roll|block|require|"
    r"write|file|record|document|open|deploy|ship|merge|patch|tag|alert|page|schedule)\b)",
    _I,
)
_NUMBER_WORD_TARGET = re.compile(
    r"\b(?:to|at|under|below|above|than|of|within)\s+(?:a\s+single|one|two|three|four|five|six|seven|eight|"
    r"nine|ten|twelve|twenty|zero|half|a\s+third|a\s+quarter)\b",
    _I,
)
_DOC_DESTINATION = re.compile(
    r"\b(?:in|to|into)\s+(?:the|our|a)\s+(?:[\w-]+\s+)?(?:runbooks?|playbooks?|wiki|readme|handbook|"
    r"onboarding\s+guide)\b",
    _I,
)

# --- signs of vagueness ------------------------------------------------------------

_PLACEHOLDER = re.compile(
    r"^\W*(?:tbd|tbc|tba|todo|n/?a|none|pending(?:\s+\w+)?|to\s+be\s+(?:determined|decided|confirmed|defined)|"
    r"action\s+item\s+pending|see\s+above|-+|\?+)\W*$|\bTBD\b|\bTODO\b",
    _I,
)
_FIX_PERSON = re.compile(
    r"\bbe\s+(?:more\s+|extra\s+|very\s+)?(?:careful|vigilant|cautious|mindful|attentive|diligent)\b|"
    r"\b(?:take|taking)\s+(?:more|extra|greater)\s+care\b|\bpay\s+(?:more|closer|better)\s+attention\b|"
    r"\bdouble[- ]check\b|\b(?:remind|educate|retrain|re-train|train|coach)\s+(?:the\s+|all\s+)?"
    r"(?:team|engineers?|developers?|people|everyone|staff|on-?call)\b|\btraining\b|\btry\s+harder\b|"
    r"\bthink\s+twice\b",
    _I,
)
_CATEGORIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "investigate",
        re.compile(
            r"\b(?:look(?:ing)?\s+(?:into|at)|investigat\w+|explor\w+|consider\w*|evaluat\w+|assess\w*|"
            r"figur\w+\s+out|think\s+about|discuss\w*|review\w*|revisit\w*|audit\w*|research\w*|analy[sz]e\b|"
            r"understand|dig\s+into|root[- ]cause\s+analysis)\b",
            _I,
        ),
    ),
    (
        "ongoing",
        re.compile(
            r"\b(?:follow(?:ing)?[- ]up|monitor(?:ing)?\s+(?:the\s+)?(?:situation|it|things|closely)|"
            r"^\W*(?:continue\s+to\s+)?monitor\b|keep\s+an\s+eye|continue\s+to|keep\s+(?:track|watching)|"
            r"check\s+in\s+(?:next|later|again|with|on|after|tomorrow|weekly|regularly)|sync\s+(?:up\s+)?with|work\s+(?:on|with)|coordinat\w+|communicat\w+|"
            r"touch\s+base|circle\s+back|stay\s+on\s+top|"
            r"^\W*(?:check\s+with|talk\s+(?:to|with)|reach\s+out|chat\s+with|align\s+with|loop\s+in))\b",
            _I,
        ),
    ),
    (
        "quantity",
        re.compile(
            r"^\W*(?:reduce|increase|decrease|lower|raise|limit|scale(?:\s+up|\s+out|\s+down)?|"
            r"speed\s+up|shorten|tighten|loosen|minimi[sz]e|maximi[sz]e)\b",
            _I,
        ),
    ),
    (
        "direction",
        re.compile(
            r"\b(?:improv\w+|enhanc\w+|better|strengthen\w*|harden\w*|stabili[sz]\w+|optimi[sz]\w+|"
            r"refactor\w*|rewrite|re-?architect\w*|clean\s+up|address\w*|tun(?:e|ing)|clarif\w+|"
            r"prevent\w*|make\s+sure|ensure\s+(?:this|it|that|we|everything|things|better)|"
            r"never\s+happens?\s+again|(?:doesn't|does\s+not|don't)\s+happen\s+again|from\s+happening\s+again|"
            r"more\s+(?:\w+\s+)?(?:robust|resilient|reliable|stable|secure|scalable|efficient|actionable|"
            r"thorough|careful|visible|observable|maintainable)|"
            r"make\s+(?:[\w-]+\s+){0,3}?(?:safer|faster|better|easier|simpler|stronger|clearer|cleaner|"
            r"smoother|quicker|robust|resilient|reliable|stable|secure|scalable|more|less)|"
            r"proper(?:ly)?|best\s+practices?|going\s+forward|as\s+needed|where\s+possible|"
            r"(?:add|write|more|better)\s+(?:some\s+|more\s+)?(?:tests?|testing|logging|monitoring|alerts?|"
            r"alerting|dashboards?|metrics|docs|documentation|checks|safeguards|guardrails|retries))\b",
            _I,
        ),
    ),
)
_VAGUE_NOUNS = frozenset(
    """
    monitoring alerting alert alerts observability tests test testing logging logs log
    dashboards dashboard docs documentation doc safeguards safeguard guardrails guardrail
    retries retry metrics checks check coverage process processes procedure procedures
    things thing stuff issue issues problem problems bug bugs it this that everything
    something anything code config configuration infrastructure infra system systems
    service services resources permissions dependencies servers server runbook runbooks
    steps step situation options option alternatives performance reliability stability
    quality security capacity planning ownership culture errors error handling
    improvements improvement flakiness tooling tools fix fixes changes change place
    work team teams approach strategy
    """.split()
)
_VAGUE_ADJECTIVES = frozenset(
    "more better some proper flaky old manual relevant overall general various several any all other".split()
)
_STOPWORDS = frozenset(
    """
    a an the to of for in on at by with from into onto and or but so as our we us
    it its this that these those be is are was were will should must can could
    there here when then than up out about via per each every all any some no not
    make do does did have has had get gets set
    """.split()
)
_VERBISH_START = re.compile(r"^\W*[a-z]+", _I)

# --- messages ------------------------------------------------------------------------

_SUGGESTIONS: dict[str, str] = {
    "placeholder": "Replace the placeholder with the change itself, e.g. 'Add index on orders.user_id (OPS-123)'.",
    "person": "Change a tool, default or check instead, e.g. 'Make scripts/cleanup.sh refuse to run when the target host is a primary'.",
    "investigate": "State the question and the artefact it produces, e.g. 'Find why orders-db replication lags during backups and record the cause and fix in OPS-123 by 2024-06-01'.",
    "ongoing": "Replace ongoing attention with a change that has an end state, e.g. 'Alert when checkout-api 5xx rate > 2% for 5 min'.",
    "quantity": "Give the target value and where it applies, e.g. 'Reduce the DNS TTL for api.example.com to 60 s'.",
    "monitoring": "Say what is measured, on which system and when it alerts, e.g. 'Alert when p99 latency of checkout-api > 500 ms for 5 min'.",
    "tests": "Name the behaviour under test and where it runs, e.g. 'Add an integration test that kills the leader and asserts failover within 30 s'.",
    "direction": "Name the component and a checkable end state, e.g. 'Add a 2 s timeout and circuit breaker to cart-service calls to pricing-service'.",
    "generic": "Name the system, the concrete change and how to verify it, e.g. 'Enable deletion protection on the orders RDS instance'.",
}
_REASONS: dict[str, str] = {
    "placeholder": "is a placeholder, not an action: nobody can start or finish it",
    "person": "relies on people being more careful, which does not stop the failure from recurring",
    "investigate": "is an investigation with no named target or deliverable",
    "ongoing": "asks for ongoing attention rather than a change with an end state",
    "quantity": "says which way to move a value but gives no target",
    "monitoring": "names no metric, threshold or system",
    "tests": "names no test, code path or failure mode to cover",
    "direction": "states a direction, not a change",
    "generic": "names no system, metric, threshold, file or ticket, so there is no way to tell when it is done",
}
_MONITORING_WORDS = re.compile(r"\b(?:monitor\w*|alert\w*|observab\w+|dashboards?|logging|metrics|paging)\b", _I)
_TEST_WORDS = re.compile(r"\b(?:tests?|testing|coverage|flak\w+)\b", _I)


def _strong_evidence(text: str) -> str | None:
    for label, pattern in _STRONG_EVIDENCE:
        if pattern.search(text):
            return label
    return None


def _weak_evidence(text: str) -> str | None:
    words = [w.lower().strip("'") for w in _WORD.findall(text)]
    if any(w in TECH_NAMES for w in words):
        return "a named tool"
    if any(a not in _GENERIC_ACRONYMS and a.rstrip("s") not in _GENERIC_ACRONYMS for a in _ACRONYM.findall(text)):
        return "an acronym"
    if any(h.lower() not in _COMMON_HYPHENATED for h in _HYPHENATED.findall(text)):
        return "a hyphenated name"
    if any(c.lower() not in NON_NAME_WORDS for c in _CAPITALISED.findall(text)):
        return "a proper noun"
    if _SCHEDULE.search(text):
        return "a schedule"
    if _END_STATE.search(text):
        return "an end state"
    return None


def _has_deliverable(text: str) -> bool:
    """An investigation or follow-up that names its output, deadline or method."""
    if _TICKET.search(text) or _URL.search(text):
        return True
    if _DEADLINE.search(text) or _METHOD.search(text) or _RECORD.search(text) or _ALERT_THRESHOLD.search(text):
        return True
    # A concrete change joined to the investigation, specific on its own terms:
    # "Review the pool size and set max connections from the capacity model".
    for m in _COORDINATED_CHANGE.finditer(text):
        if judge_action(text[m.end() :]) is None:
            return True
    return False


def _content_words(text: str) -> list[str]:
    words = [w.lower() for w in _WORD.findall(text)]
    return [w for w in words[1:] if w not in _STOPWORDS and w not in _VAGUE_NOUNS and w not in _VAGUE_ADJECTIVES]


def _vague_category(text: str) -> str | None:
    for category, pattern in _CATEGORIES:
        if pattern.search(text):
            return category
    return None


def _refine(category: str, text: str) -> str:
    """Pick the most helpful message for a vague item."""
    if category in ("direction", "generic", "ongoing"):
        if _MONITORING_WORDS.search(text):
            return "monitoring"
        if _TEST_WORDS.search(text):
            return "tests"
    return category


def _verdict(category: str, text: str) -> Vagueness:
    shown = text.strip()
    if len(shown) > 60:
        shown = shown[:57].rstrip() + "..."
    return Vagueness(f"'{shown}' {_REASONS[category]}.", _SUGGESTIONS[category])


def judge_action(text: str) -> Vagueness | None:
    """Return why ``text`` is vague, or None when it is specific enough."""
    stripped = text.strip()
    if not stripped or _PLACEHOLDER.search(stripped):
        return _verdict("placeholder", stripped or "(empty)")
    if _FIX_PERSON.search(stripped):
        return _verdict("person", stripped)
    strong = _strong_evidence(stripped)
    category = _vague_category(stripped)
    if category in ("investigate", "ongoing"):
        return None if _has_deliverable(stripped) else _verdict(_refine(category, stripped), stripped)
    if category is not None:
        if category == "quantity" and _NUMBER_WORD_TARGET.search(stripped):
            return None
        return None if strong else _verdict(_refine(category, stripped), stripped)
    if strong or _weak_evidence(stripped):
        return None
    # A concrete change with a descriptive object ("Enable deletion protection
    # on the production database instances") is specific without any markup.
    content = _content_words(stripped)
    if len(content) >= 3:
        return None
    # "Document the failover procedure in the runbook": a named topic recorded in a named place.
    destination = _DOC_DESTINATION.search(stripped)
    if destination and _content_words(stripped[: destination.start()]):
        return None
    return _verdict(_refine("generic", stripped), stripped)
