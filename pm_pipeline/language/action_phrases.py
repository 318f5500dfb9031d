"""Phrases that decide an action item's kind before its words are read.

A placeholder ("TBD", "Tracked in Jira"), an exploration ("find a way to",
"take a closer look", "map out a path on how to"), ongoing attention ("keep an
eye on"), an intention ("we have plans to improve on this"), a direction
("work towards", "be faster at", "make X more robust"), staffing without a
number ("more people"), a rule of behaviour ("Avoid ...", "Don't ..."), and the
words that make a finding about monitoring or tests.
"""

from __future__ import annotations

import re

from pm_pipeline.language.action_words import DIRECTION_VERBS, EXPLORE_VERBS, QUANTITY_VERBS

__all__ = [
    "ATTITUDE",
    "EXPLORE_PHRASE",
    "HOW_TO",
    "INTENTION",
    "MAKE_COMPARATIVE",
    "MONITORING_WORDS",
    "MORE_PEOPLE",
    "ONGOING_PHRASE",
    "PLACEHOLDER",
    "PROGRESS",
    "REASSURANCE",
    "TEST_WORDS",
    "TOWARDS",
]

_I = re.IGNORECASE

PLACEHOLDER = re.compile(
    r"^\W*(?:tbd|tbc|tba|todo|n/?a|none|pending(?:\s+\w+)?|to\s+be\s+(?:determined|decided|confirmed|defined)|"
    r"action\s+item\s+pending|see\s+above|-+|\?+|ongoing|in\s+progress|more\s+(?:details|info\w*)\s+to\s+come|"
    r"(?:action\s+items?\s+(?:are|is|will\s+be)\s+)?(?:being\s+)?tracked(?:\s+(?:internally|separately|elsewhere))?|"
    r"(?:see|tracked\s+in|track\s+in)\s+(?:the\s+|an?\s+)?(?:internal\s+|separate\s+)?(?:ticket|jira|issue|tracker|doc)\w*|"
    r"(?:we\s+)?will\s+update(?:\s+(?:with|when)\s+[\w\s]{0,30})?)\W*$|"
    # "TODO", "TBD: add link": a marker with next to nothing after it ("TODO a ZFS exporter ..." is an item).
    r"^\W*(?:TBD|TODO)\b\W*(?:\w+\W*){0,2}$",
    _I,
)
EXPLORE_PHRASE = re.compile(
    r"^(?:\W*(?:we\s+)?(?:should|need\s+to|will|must)?\s*)?(?:"
    r"find\s+(?:a|an|the|some)\s+(?:better\s+|good\s+|simple\s+|easy\s+)?(?:way|path|solution|approach|means|option)s?|"
    r"figure\s+out\s+(?:if|whether|how|a\s+way|ways)|something\s+about|some\s+kind\s+of|"
    r"identify\s+(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,2}?(?:ways?|options?|solutions?|patterns?|approach(?:es)?)\b|think\s+(?:about|through)|"
    r"look\s+(?:at|for)\s+(?:ways|options|alternatives)|gain\s+(?:more\s+|additional\s+|better\s+)?\w+|"
    r"(?:we\s+)?(?:should\s+)?(?:set\s+up|implement|add)\s+some\s+kind\s+of|"
    r"(?:check|talk|speak|sync(?:\s+up)?|align|chat|meet|work|follow(?:\s+|-)up)\s+with|reach\s+out\s+to|talk\s+to|"
    r"work(?:ing)?\s+on\s+(?:\w+\s+)?(?:issues|problems|things|improvements|it|this))\b",
    _I,
)
ONGOING_PHRASE = re.compile(
    r"\b(?:keep\s+an\s+eye|continue\s+to|stay\s+on\s+top|keep\s+(?:track|watching)|check\s+in\s+(?:next|later|again|with)|"
    r"close(?:r)?\s+(?:monitoring|watch|eye)|circle\s+back|touch\s+base|follow[\s-]up\s*$|monitor\s+(?:the\s+)?(?:situation|it|things|closely))\b",
    _I,
)
AMOUNT_VERBS = "|".join(sorted(DIRECTION_VERBS | QUANTITY_VERBS | EXPLORE_VERBS))
# An intention rather than an action: "we have plans to improve on this", "X could do much better".
INTENTION = re.compile(
    rf"\b(?:(?:plans?|ideas?|hopes?|hoping|intend|intends|aim|aims|would\s+like)\s+to\s+(?:\w+ly\s+)?(?:{AMOUNT_VERBS})\w*|"
    r"could\s+do\s+(?:much\s+|a\s+lot\s+|far\s+|a\s+bit\s+)?better|"
    r"(?:try|trying|tries)\s+(?:hard|harder|our\s+best|their\s+best)\s+to|do\s+(?:our|my|their)\s+best\s+to|strive\s+to|(?:improve|work)\s+on\s+(?:this|that|it)\b)",
    _I,
)
# Finding a way rather than taking one: "Started mapping out a path on how to ...".
HOW_TO = re.compile(
    r"\btake\s+a\s+(?:closer\s+|deeper\s+|good\s+|hard\s+|second\s+|quick\s+)?look\b|"
    r"\bget\s+to\s+the\s+bottom\s+of\b|"
    r"^\W*how\s+(?:do|can|should|could|might)\s+we\b|"
    r"\blook\w*\s+(?:at|into)\s+(?:how\s+(?:we|to)|ways|options)\b|"
    r"\b(?:path|plan|way|approach|strategy|roadmap|ideas?)\s+(?:on\s+|for\s+|of\s+)?how\s+to\b|\bmap(?:s|ping|ped)?\s+out\b",
    _I,
)
TOWARDS = re.compile(
    r"(?:work|strive|aim|push|move)\s+(?:towards?|for)\b|double\s+down\b|focus\s+(?:more\s+)?on\b|"
    r"(?:spend|invest|put)\s+(?:more|extra|additional)\s+(?:time|effort|energy|resources)\b|(?:beef|step|level|ramp)\s+up\b|"
    r"(?:be|get)\s+(?:\w+\s+)?(?:faster|quicker|better|more|less)\b",
    _I,
)
MORE_PEOPLE = re.compile(r"\bmore\s+(?:people|engineers|folks|staff|hands|eyes|headcount)\b", _I)
# A rule of behaviour rather than a change: "Avoid making risky changes", "Don't deploy broken code".
ATTITUDE = re.compile(r"^\W*(?:always\s+|please\s+)?(?:avoid|don'?t|do\s+not|never|stop)\b", _I)
MAKE_COMPARATIVE = re.compile(
    r"\bmake\s+(?:[\w-]+\s+){0,5}?(?:more|less|safer|faster|better|easier|simpler|stronger|clearer|smoother|quicker|harder)\b",
    _I,
)
MONITORING_WORDS = re.compile(
    r"\b(?:monitor\w*|alert\w*|observab\w+|dashboards?|logging|metrics|paging|visibility|detection)\b", _I
)
TEST_WORDS = re.compile(r"\b(?:tests?|testing|coverage|flak\w+)\b", _I)
# A promise about the outcome with no change: "This should not happen anymore", "We won't let this happen again".
REASSURANCE = re.compile(
    r"^\W*(?:(?:this|it|that|things|such\s+\w+|similar\s+\w+|the\s+(?:issue|problem|incident|outage))\s+"
    r"(?:will|should|must|shall|won'?t|shouldn'?t|can'?t|cannot)\s+(?:not\s+|no\s+longer\s+|never\s+)?"
    r"(?:happen|occur|recur|break|be\s+an?\s+(?:issue|problem))|"
    r"we\s+(?:will\s+not|won'?t|will\s+never)\s+let\s+(?:this|it|that)\s+happen)"
    r"(?:\s+(?:again|anymore|any\s+more|in\s+(?:the\s+)?future|like\s+this|to\s+us))*\W*$",
    _I,
)
# A progress statement: "We are working with our provider to ...", "Our engineers are looking into it".
PROGRESS = re.compile(
    r"^\W*(?:we|we're|the\s+team|our\s+(?:[\w-]+\s+)?(?:team|teams|engineers?)|engineers?)\s+"
    r"(?:are\s+|is\s+|'re\s+)?(?:actively\s+|currently\s+|still\s+|now\s+)?(?:working|looking)\b",
    _I,
)
