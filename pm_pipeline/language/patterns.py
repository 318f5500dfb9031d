"""The blame patterns: what each one looks for, why it is blame, and what to write instead.

Each ``Pattern`` is one family of blameful phrasing. ``act`` is the regex of the words
themselves; when ``subject`` is true the words only count when a person (see
``language.people``) is their subject, just before them. ``keywords`` are declared here,
next to the regex: every text the regex can match contains at least one of them as a
whole word (lower case, letters only), so the engine skips a pattern -- and most text --
with one set intersection. ``tests/language/test_blame_keywords.py`` proves the keywords
complete on every labelled text and on generated text.

``strength`` is the evidence the words give on their own: ``STRONG`` phrasing is an
error, ``WEAK`` a warning. A finding is never stronger than its subject (``people``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pm_pipeline.language.people import PEOPLE_OBJECT, STRONG, WEAK

__all__ = ["PATTERNS", "Pattern", "words_of"]

_I = re.IGNORECASE


@dataclass(frozen=True)
class Pattern:
    """One family of blameful phrasing."""

    name: str
    kind: str  # one of blame.KINDS
    act: re.Pattern[str]
    keywords: frozenset[str]
    why: str
    rewrite: str
    subject: bool = True
    strength: int = STRONG
    advice: bool = False
    """Advice words: strong when imperative or said of a named person, weak when said of ourselves."""
    coordinated: bool = False
    """The subject may sit before a coordinated verb: "Bob ran X and forgot to ..." (then weak)."""


_WORD = re.compile(r"[a-z]+")


def words_of(text: str) -> frozenset[str]:
    """The lower-case letter runs of ``text``: what pattern keywords are checked against."""
    return frozenset(_WORD.findall(text.lower()))


def _p(name: str, kind: str, act: str, keywords: str, why: str, rewrite: str, **extra: object) -> Pattern:
    if extra.get("subject", True) and not act.startswith("['"):
        act = rf"\b(?:{act})"  # the words of a subject pattern start a word: "dismissed" is not "missed"
    return Pattern(name, kind, re.compile(act, _I), frozenset(keywords.split()), why, rewrite, **extra)  # type: ignore[arg-type]


_NOT_AFTER_DID = (
    r"(?!\s+(?:know|realise|realize|have|need|get|receive|want|expect|mean|intend|exist|apply|affect|occur|happen)\b)"
)
_MISTAKE = (
    r"(?:[\w-]+\s+)?(?:mistakes?|errors?|typos?|blunders?"
    r"|(?:incorrect|wrong|bad|faulty)\s+(?:assumptions?|call|decision|choice))"
)
_NOT_PROCESS = (
    r"(?!\s+(?:process|channel|call|bridge|response|review|room|doc|document|ticket|commander|report|management)\b)"
)
_HARM_OBJECT = r"(?:outage|incident|downtime|failure|problem|issue|breakage|regression|data\s+loss|the\s+bug|a\s+bug)"
_BAD = (
    r"(?:wrong|bad|faulty|incorrect|untested|broken|buggy|unreviewed"
    r"|without\s+(?:a\s+|any\s+|proper\s+)?(?:review|approval|testing|tests|checking|a\s+backup|telling|asking))\b"
)
# Words between the act and "bad" that make it a remedy: "deployed a fix for the broken parser".
_NOT_A_REMEDY = (
    r"(?!(?:fix|fixes|fixed|patch\w*|revert\w*|rollback|roll-back|replac\w+|workaround|correct\w*|repair\w*|for|of)\b)"
)
_ACT_VERB = (
    r"(?:pushed|deployed|ran|typed|merged|selected|committed|shipped|applied|used|entered|chose|terminated|"
    r"revoked|signed\s+off\s+on|picked|executed|released|changed|modified|configured|set|edited|"
    r"copied|uploaded|installed|upgraded|approved|migrated|wrote|issued|sent|updated)"
)
_NEUTRAL = (
    r"(?:uncovered|discovered|found|noticed|identified|fixed|observed|reported|confirmed|detected|investigated|"
    r"determined|resolved|mitigated|realized|realised|learned|saw|escalated|paged|alerted|warned|flagged)\b"
)
_PARTICIPLE = (
    r"(?!(?:received|needed|wanted|expected|been|had|got|gotten|allowed|required|notified|paged|alerted|informed)\b)"
    r"(?:\w+ed|known|run|done|caught|seen|taken|made|told|read|spotted|written|given|gone|chosen|"
    r"thought|sent|set|put|kept|understood|built|found|asked|noticed|stopped|waited)"
)

PATTERNS: tuple[Pattern, ...] = (
    # --- human-error: a person's error named as a cause ---------------------------------
    _p(
        "human-error",
        "human-error",
        r"\b(?:human|operator|user|engineer|manual|personnel|staff|people|pilot)\s+(?:error|mistake|fault|misunderstanding|oversight)s?\b"
        r"|\b(?:pebkac|pebcak)\b",
        "error errors mistake mistakes fault faults misunderstanding misunderstandings oversight oversights "
        "pebkac pebcak",
        "names human error as a cause; the analysis stops where it should start.",
        "Describe what made the action possible and why nothing caught it, e.g. "
        "'the deploy tool accepted a production target without confirmation'.",
        subject=False,
    ),
    # --- fix-the-person: advice aimed at people's behaviour ------------------------------
    _p(
        "be-careful",
        "fix-the-person",
        r"\b(?:be|been|being|stay|staying|remain|get|act|keep|keeping)\s+(?:more\s+|extra\s+|very\s+|less\s+|a\s+bit\s+more\s+)?"
        r"(?:careful|cautious|vigilant|diligent|calm|stupid|careless|sloppy|disciplined)\b",
        "careful cautious vigilant diligent calm stupid careless sloppy disciplined",
        "asks people to behave better instead of changing the system.",
        "Name a change to the system: a guard, a check, an alert or an automated step.",
        subject=False,
        advice=True,
    ),
    _p(
        "pay-attention",
        "fix-the-person",
        r"\b(?:pay|paying)\s+(?:more|closer|better|extra)\s+attention\b|\b(?:take|taking)\s+(?:more|extra|greater)\s+care\b"
        r"|\btry\s+harder\b|\bthink\s+twice\b|\bbad\s+apples?\b",
        "pay paying take taking try think apple apples",
        "asks people to behave better instead of changing the system.",
        "Name a change to the system: a guard, a check, an alert or an automated step.",
        subject=False,
    ),
    _p(
        "advice-modal",
        "fix-the-person",
        r"\b(?:must|should|needs?\s+to|has\s+to|have\s+to|will|ll|always)\s+(?:always\s+)?"
        r"(?:remember\s+to|double[- ]check|learn\s+(?:how|to|about)|be\s+reminded"
        r"|read\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:more\s+)?carefully)",
        "remember double learn reminded carefully",
        "asks people to remember or check harder instead of changing the system.",
        "Make the check automatic or part of the tool, e.g. a pre-deploy check or a confirmation step.",
    ),
    _p(
        "read-carefully",
        "fix-the-person",
        r"(?:^|[:;•–—]|\b(?:learn(?:ed|t)?|needs?|have|has|ought|important|essential|remember|reminded|tr(?:y|ies))\s+to\b)"
        r"\W*(?:always\s+)?(?:read|check|review|follow|verify)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+"
        r"(?:more\s+)?carefully\b"
        r"|(?:^|[:;•–—])\W*(?:always\s+)?(?:remember\s+to|double[- ]check)\b",
        "carefully remember double",
        "asks people to read or check harder instead of changing the system.",
        "Make the check automatic or part of the tool, e.g. a pre-deploy check or a confirmation step.",
        subject=False,
        advice=True,
    ),
    _p(
        "discipline",
        "fix-the-person",
        rf"\b(?:retrain|re-train|re-educate|reeducate|discipline|reprimand|punish|fire|sack|dismiss|remind|counsel)\s+"
        rf"{PEOPLE_OBJECT}"
        rf"|\b(?:tell|ask|make\s+sure|hold)\s+{PEOPLE_OBJECT}\s+(?:to\s+(?:stop|be|always|never|remember|double)|"
        r"accountable|read|follow|double[- ]checks?|remembers?)\b"
        r"|\bsend\s+(?:a\s+)?reminders?\s+to\b"
        r"|\b(?:be|been|being|get|got)\s+(?:re-?trained|re-?educated|disciplined|reprimanded|counsell?ed)\b",
        "retrain re train educate reeducate discipline reprimand punish fire sack dismiss remind counsel tell ask "
        "sure hold reminder reminders trained retrained educated counseled counselled disciplined reprimanded",
        "aims the fix at a person instead of at the system.",
        "Name the system change that makes the mistake hard to make or easy to catch.",
        subject=False,
    ),
    _p(
        "train",
        "fix-the-person",
        rf"\b(?:train|educate|coach)\s+{PEOPLE_OBJECT}|\b(?:additional|more|mandatory|extra)\s+training\b",
        "train educate coach training",
        "may aim the fix at people instead of the system.",
        "Say what system change goes with the training (a guard, a check, a clearer tool), or name "
        "the specific gap in the documentation.",
        subject=False,
        strength=WEAK,
    ),
    # --- counterfactual: what a person should have done ----------------------------------
    _p(
        "should-have",
        "counterfactual",
        rf"\b(?:should|could|ought\s+to|must)(?:n['’]t|\s+not)?(?:\s+\w+ly)?(?:\s+have|['’]ve)\s+(?:\w+ly\s+)?"
        rf"(?!been\b|had\b){_PARTICIPLE}\b",
        "should could ought must shouldn couldn mustn",
        "judges with hindsight what a person should have done.",
        "Describe what the person knew and saw at the time, and what made the action look right.",
    ),
    _p(
        "had-they",
        "counterfactual",
        rf"\b(?:if\s+(?:only\s+)?|had\s+)(?P<who2>[^,;]{{1,40}}?)\s+(?:had\s+)?(?:not\s+)?(?:\w+ly\s+)?{_PARTICIPLE}\b",
        "if had",
        "judges with hindsight what a person should have done.",
        "Describe what the person knew and saw at the time, and what would have made the risk visible.",
        subject=False,
    ),
    # --- judgement of a person -----------------------------------------------------------
    _p(
        "judgement-word",
        "judgement",
        r"\b(?:careless(?:ly|ness)?|negligen(?:t|tly|ce)|sloppy|sloppiness|lazy|laziness|reckless(?:ly|ness)?"
        r"|incompeten(?:t|ce)|inexcusabl[ey]|complacen(?:t|cy)|rubber-stamped|blindly|clueless|irresponsibl[ey]|stupid(?:ity)?|dropped\s+the\s+ball|asleep\s+at\s+the\s+wheel"
        r"|(?:didn['’]?t|did\s+not|not)\s+(?:pay(?:ing)?\s+attention|bother(?:ing)?\s+to)"
        r"|lack\s+of\s+(?:diligence|care|attention|discipline|ownership))\b(?![-_]\w)",
        "careless carelessly carelessness negligent negligently negligence sloppy sloppiness lazy laziness "
        "reckless recklessly recklessness incompetent incompetence clueless irresponsible irresponsibly stupid "
        "stupidity dropped asleep pay paying bother bothering lack inexcusable inexcusably complacent complacency "
        "rubber blindly",
        "judges a person instead of describing what happened.",
        "Describe the action and the conditions around it (time pressure, missing safeguards).",
        subject=False,
    ),
    _p(
        "rushed",
        "judgement",
        r"(?:rushed|panicked|ignored|was\s+careless|were\s+careless)\b",
        "rushed panicked ignored careless",
        "judges a person instead of describing what happened.",
        "Describe the action and the conditions around it (time pressure, alert volume).",
    ),
    # --- person-as-cause: a person as the subject of the harmful act ---------------------
    _p(
        "careless-act",
        "person-as-cause",
        r"(?:accidentally|inadvertently|mistakenly|carelessly|wrongly|erroneously|unintentionally)\b",
        "accidentally inadvertently mistakenly carelessly wrongly erroneously unintentionally",
        "makes a person the cause of the failure.",
        "Make the change or the system the subject, e.g. 'a change to X was deployed that ...', "
        "and say why the system allowed it.",
        coordinated=True,
    ),
    _p(
        "omission",
        "person-as-cause",
        rf"(?:forg[eo]t\s+(?:to|about)|neglected\s+to|failed\s+to|didn['’]?t{_NOT_AFTER_DID}|did\s+not{_NOT_AFTER_DID}"
        r"|missed|overlooked|skipped|bypassed|misconfigured|misread|misunderstood|made\s+(?:a|an|the|this|that)\s+(?:\w+\s+)?"
        + _MISTAKE
        + r")\b",
        "forget forgot neglected failed didn did missed overlooked skipped bypassed misconfigured misread "
        "misunderstood made",
        "makes a person's omission the cause of the failure.",
        "Say what the system did not do: which step was manual, which check was missing, what hid the signal.",
        coordinated=True,
    ),
    _p(
        "caused",
        "person-as-cause",
        rf"(?:caused|broke|introduced)\s+(?:the|an?|this|that)\s+(?:\w+\s+)?{_HARM_OBJECT}\b{_NOT_PROCESS}"
        r"|(?:broke|corrupted|destroyed|leaked|mistyped|fat-fingered|misjudged|knocked\s+out|took\s+out|blackholed)\b",
        "caused broke introduced corrupted destroyed leaked mistyped fat misjudged knocked took blackholed",
        "makes a person the cause of the failure.",
        "Make the change or the system the subject and say why it was possible.",
    ),
    _p(
        "bad-act",
        "person-as-cause",
        rf"{_ACT_VERB}\b(?:\s+{_NOT_A_REMEDY}[\w'’/.-]+){{0,6}}?\s+{_BAD}"
        r"|(?:restarted|rebooted|deleted|removed|dropped|killed|stopped|drained|rolled\s+back|failed\s+over)"
        r"(?:\s+[\w'’/.-]+){0,5}?\s+(?:wrong|incorrect)\b",
        "wrong bad faulty incorrect untested broken buggy unreviewed without",
        "makes a person's action the cause of the failure.",
        "Make the change the subject ('the wrong binary was deployed to ...') and say why nothing stopped it.",
    ),
    _p(
        "against-production",
        "person-as-cause",
        rf"{_ACT_VERB}\b(?:\s+[\w'’/.-]+){{0,6}}?\s+against\s+(?:the\s+)?(?:prod|production|live)\b",
        "against",
        "may present a person's action as the cause of the failure.",
        "Make the change the subject and say why production was reachable for it.",
        strength=WEAK,
    ),
    _p(
        "possessive-cause",
        "person-as-cause",
        r"['’]s\s+(?:[\w-]+\s+){0,2}?(?:deploy|deployment|change|typo|mistake|error|commit|push|script|config|migration|"
        r"fault|oversight|command)\s+(?:[\w/.-]+\s+){0,6}?(?:broke|destroyed|caused|knocked|took|brought|corrupted|"
        r"deleted|wiped|blackholed|triggered|led|removed|disabled)\b",
        "broke destroyed caused knocked took brought corrupted deleted wiped blackholed triggered led removed disabled",
        "makes a person the cause of the failure through 'their' change.",
        "Make the change the subject ('the firewall change removed ...') and say why it could.",
    ),
    _p(
        "error-by",
        "human-error",
        r"\b(?:mistakes?|errors?|oversights?|slips?)\s+(?:made\s+)?(?:by|on\s+the\s+part\s+of)\s+"
        r"(?P<by>\S+(?:\s+(?!(?:may|might|is|was|were|are|had|has|could|would|will|can)\b)\S+){0,3})",
        "mistake mistakes error errors oversight oversights slip slips",
        "names a person's error as a cause; the analysis stops where it should start.",
        "Describe what made the action possible and why nothing caught it.",
        subject=False,
    ),
    _p(
        "destroyed",
        "person-as-cause",
        r"(?:deleted|dropped|wiped|truncated|destroyed|erased|overwrote|purged|took\s+down|brought\s+down)\s+"
        r"(?:the\s+|a\s+|an\s+|all\s+|our\s+)?(?:[\w-]+\s+){0,3}?"
        r"(?:production|prod|database|db|data|tables?|cluster|bucket|backups?|directory|site|service|volume|disk|"
        r"logs|records|files|keys|accounts)\b",
        "deleted dropped wiped truncated destroyed erased overwrote purged took brought",
        "may present a person as the cause of the loss.",
        "Make the change the subject ('the production table was dropped by a migration') and say why it was possible.",
        strength=WEAK,
        coordinated=True,
    ),
    _p(
        "act-then-harm",
        "person-as-cause",
        rf"(?!{_NEUTRAL})(?:\w+ed|ran|set|put|sent|wrote)\b[^.;:]{{0,80}}?,?\s+(?:which|and\s+this|and\s+that|causing|leading\s+to|resulting\s+in)"
        r"\s+(?:\w+\s+){0,2}?(?:caused|broke|crashed|blocked|corrupted|took\s+down|brought\s+down"
        rf"|(?:led\s+to|resulted\s+in|triggered)\s+(?:\w+\s+){{0,3}}?(?:{_HARM_OBJECT}|errors|data\s+loss))\b{_NOT_PROCESS}",
        "caused broke crashed blocked corrupted took brought led resulted triggered",
        "presents a person's action as the cause of the failure.",
        "Make the change the subject and say why it could cause harm and why nothing caught it.",
        strength=WEAK,
    ),
    _p(
        "caused-by",
        "person-as-cause",
        r"\b(?:caused|triggered|introduced|broken)\s+\[?by\s+(?P<by>\S+(?:\s+\S+){0,3})",
        "caused triggered introduced broken",
        "makes a person the cause of the failure.",
        "Make the change or the system the subject and say why it was possible.",
        subject=False,
    ),
)
