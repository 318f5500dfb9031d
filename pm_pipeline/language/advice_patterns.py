"""The fix-the-person blame patterns: advice aimed at people's behaviour instead of the system.

"Engineers must be more careful", "stay calm", "read the specification carefully",
"retrain the on-call". Listed apart from the other families (``patterns``) because they
are advice, judged by whom they are said to (``detectors._advice``), not by a subject.
"""

from __future__ import annotations

from pm_pipeline.language.pattern_parts import DOC_WORDS, DOCS
from pm_pipeline.language.pattern_type import Pattern
from pm_pipeline.language.pattern_type import pattern as _p
from pm_pipeline.language.people import PEOPLE_OBJECT, WEAK

__all__ = ["FIX_THE_PERSON"]

FIX_THE_PERSON: tuple[Pattern, ...] = (
    _p(
        "be-careful",
        "fix-the-person",
        r"\b(?:be|been|being|stay|staying|remain|get|act|keep|keeping)\s+(?:more\s+|extra\s+|very\s+|less\s+|a\s+bit\s+more\s+)?"
        r"(?:careful|cautious|vigilant|diligent|calm|stupid|careless|sloppy|disciplined)\b"
        r"|\b(?:exercise|use|show|take)\s+(?:more|extra|greater|additional)\s+(?:caution|care|diligence)\b"
        r"|\b(?:don['’]t|do\s+not|never)\s+(?:panic|rush)\b|\btake\s+(?:your|their|our)\s+time\b|\bslow\s+down\b"
        r"|\b(?:review|check|test|read|verify|inspect|examine)(?:ing)?\s+(?:[\w-]+\s+){0,3}?more\s+"
        r"(?:thoroughly|carefully|closely|diligently|attentively)\b",
        "careful cautious vigilant diligent calm stupid careless sloppy disciplined caution care diligence "
        "thoroughly carefully closely diligently attentively panic rush time slow",
        "asks people to behave better instead of changing the system.",
        "Name a change to the system: a guard, a check, an alert or an automated step.",
        subject=False,
        advice=True,
    ),
    _p(
        "pay-attention",
        "fix-the-person",
        r"\b(?:pay|paying)\s+(?:more|closer|better|extra|careful|close)\s+attention\b"
        r"|\b(?:take|taking)\s+(?:more|extra|greater)\s+care\b"
        r"|\btry\s+harder\b|\bthink\s+twice\b|\bbad\s+apples?\b|\bdo\s+(?:a\s+)?better\s+job\b",
        "pay paying take taking try think apple apples job",
        "asks people to behave better instead of changing the system.",
        "Name a change to the system: a guard, a check, an alert or an automated step.",
        subject=False,
    ),
    _p(
        "advice-modal",
        "fix-the-person",
        r"\b(?:must|should|needs?\s+to|has\s+to|have\s+to|will|ll|always)\s+(?:always\s+)?"
        r"(?:remember\s+to|double[- ]check|learn\s+(?:how|to|about|the|proper|our|more)|be\s+reminded"
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
        "read-the-docs",
        "fix-the-person",
        rf"(?:should|must|needs?\s+to|ha(?:ve|s)\s+to|ought\s+to)\s+(?:always\s+|carefully\s+)?(?:read|follow|consult|study)"
        rf"\s+{DOCS}",
        DOC_WORDS,
        "asks people to read or follow the documents better instead of changing the system.",
        "Make the document's rule part of the tool: a check, a confirmation, or a guard that enforces it.",
        strength=WEAK,
    ),
    _p(
        "lesson-read",
        "fix-the-person",
        r"(?:\balways|\bnext\s+time,?|\bin\s+(?:the\s+)?future,?|\bremember\s+to|\b(?:make|be)\s+sure\s+to)\s+(?:always\s+)?"
        rf"(?:read|follow|consult|study)\s+{DOCS}",
        DOC_WORDS,
        "asks people to read or follow the documents better instead of changing the system.",
        "Make the document's rule part of the tool: a check, a confirmation, or a guard that enforces it.",
        subject=False,
        advice=True,
        strength=WEAK,
    ),
    _p(
        "discipline",
        "fix-the-person",
        rf"\b(?:retrain|re-train|re-educate|reeducate|discipline|reprimand|punish|fire|sack|dismiss|remind|counsel)\s+"
        rf"{PEOPLE_OBJECT}"
        rf"|\b(?:tell|ask|make\s+sure|hold)\s+{PEOPLE_OBJECT}\s+(?:to\s+(?:stop|be|always|never|remember|double)|"
        r"accountable|read|follow|double[- ]checks?|remembers?|checks|verifies|tests|reviews|reads|follows)\b"
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
        rf"\b(?:train|educate|coach)\s+{PEOPLE_OBJECT}(?!\s+that\b)|\b(?:additional|more|mandatory|extra)\s+training\b"
        r"|\b(?:be|get)\s+(?:re-?)?trained\s+(?:on|in|to)\b",
        "train educate coach training trained retrained",
        "may aim the fix at people instead of the system.",
        "Say what system change goes with the training (a guard, a check, a clearer tool), or name "
        "the specific gap in the documentation.",
        subject=False,
        strength=WEAK,
    ),
)
