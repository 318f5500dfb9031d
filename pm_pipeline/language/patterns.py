"""The blame patterns, in order: what each family looks for, why it is blame, and what to write instead.

A ``Pattern`` (``pattern_type``) is one family of blameful phrasing with its declared
keywords; the regex parts the families share are in ``pattern_parts``, the
fix-the-person families in ``advice_patterns``.
"""

from __future__ import annotations

from pm_pipeline.language.advice_patterns import FIX_THE_PERSON
from pm_pipeline.language.pattern_parts import (
    ACT_VERB,
    BAD,
    HARM_NOUN,
    HARM_OBJECT,
    MISTAKE,
    NEUTRAL,
    NEVER_DID,
    NOT_A_REMEDY,
    NOT_AFTER_DID,
    NOT_PROCESS,
    PARTICIPLE,
)
from pm_pipeline.language.pattern_type import Pattern, words_of
from pm_pipeline.language.pattern_type import pattern as _p
from pm_pipeline.language.people import WEAK

__all__ = ["PATTERNS", "Pattern", "words_of"]

PATTERNS: tuple[Pattern, ...] = (
    # --- human-error: a person's error named as a cause ---------------------------------
    _p(
        "human-error",
        "human-error",
        r"\b(?:human|operator|user|engineer|developer|programmer|admin|administrator|sysadmin|dba|sre|intern|employee|manual|personnel|staff|people|pilot)\s+(?:error|mistake|fault|misunderstanding|oversight)s?\b"
        r"|\b(?:pebkac|pebcak)\b",
        "error errors mistake mistakes fault faults misunderstanding misunderstandings oversight oversights "
        "pebkac pebcak",
        "names human error as a cause; the analysis stops where it should start.",
        "Describe what made the action possible and why nothing caught it, e.g. "
        "'the deploy tool accepted a production target without confirmation'.",
        subject=False,
    ),
    *FIX_THE_PERSON,
    # --- counterfactual: what a person should have done ----------------------------------
    _p(
        "should-have",
        "counterfactual",
        rf"\b(?:should|could|ought\s+to|must)(?:n['’]t|\s+not)?(?:\s+\w+ly)?(?:\s+have|['’]ve)\s+(?:\w+ly\s+)?"
        rf"(?!been\b|had\b){PARTICIPLE}\b",
        "should could ought must shouldn couldn mustn",
        "judges with hindsight what a person should have done.",
        "Describe what the person knew and saw at the time, and what made the action look right.",
    ),
    _p(
        "supposed-to",
        "counterfactual",
        r"(?:was|were)\s+(?:supposed|expected|meant)\s+to\s+(?!be\b|have\b|receive\b|get\b)\w+",
        "supposed expected meant",
        "says with hindsight what a person was supposed to do.",
        "Describe what the person knew and saw at the time, and what made the step easy to miss.",
        strength=WEAK,
    ),
    _p(
        "had-they",
        "counterfactual",
        rf"\b(?:if\s+(?:only\s+)?|had\s+)(?P<who2>[^,;]{{1,40}}?)\s+(?:had\s+)?(?:not\s+)?(?:\w+ly\s+)?{PARTICIPLE}\b",
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
        r"|incompeten(?:t|ce)|stupidly|hast(?:y|ily)|idiot(?:ic|s)?|silly|dumb|overzealous|overconfiden(?:t|ce)|arrogan(?:t|ce)|inexperienced|unqualified|foolish(?:ly)?|inexcusabl[ey]|complacen(?:t|cy)|rubber-stamped|blindly|clueless|irresponsibl[ey]|stupid(?:ity)?|dropped\s+the\s+ball|asleep\s+at\s+the\s+wheel"
        r"|(?:didn['’]?t|did\s+not|not)\s+(?:pay(?:ing)?\s+attention|bother(?:ing)?\s+to)"
        r"|(?:nobody|no\s+one|never)\s+bothered\s+to|couldn['’]?t\s+be\s+bothered"
        r"|lack\s+of\s+(?:diligence|care|attention|discipline|ownership))\b(?![-_]\w)",
        "careless carelessly carelessness negligent negligently negligence sloppy sloppiness lazy laziness "
        "reckless recklessly recklessness incompetent incompetence clueless irresponsible irresponsibly "
        "stupid stupidity stupidly hasty hastily idiot idiotic idiots silly dumb overzealous overconfident "
        "overconfidence arrogant arrogance inexperienced unqualified foolish foolishly dropped asleep pay "
        "paying bother bothering lack inexcusable inexcusably complacent complacency rubber blindly bothered",
        "judges a person instead of describing what happened.",
        "Describe the action and the conditions around it (time pressure, missing safeguards).",
        subject=False,
    ),
    _p(
        "rushed",
        "judgement",
        r"(?:rushed|panicked|ignored|(?:was|were)\s+careless"
        r"|(?:was|were)(?:n['’]t|\s+not)\s+(?:careful|cautious|thorough|diligent|attentive)(?:\s+enough)?)\b",
        "rushed panicked ignored careless careful cautious thorough diligent attentive",
        "judges a person instead of describing what happened.",
        "Describe the action and the conditions around it (time pressure, alert volume).",
    ),
    # --- person-as-cause: a person as the subject of the harmful act ---------------------
    _p(
        "careless-act",
        "person-as-cause",
        rf"(?:accidentally|inadvertently|mistakenly|carelessly|wrongly|erroneously|unintentionally)\b(?!\s+{NEUTRAL})",
        "accidentally inadvertently mistakenly carelessly wrongly erroneously unintentionally",
        "makes a person the cause of the failure.",
        "Make the change or the system the subject, e.g. 'a change to X was deployed that ...', "
        "and say why the system allowed it.",
        coordinated=True,
    ),
    _p(
        "omission",
        "person-as-cause",
        rf"(?:forg[eo]t\s+(?:to|about)|{NEVER_DID}|neglected\s+to|failed\s+to|didn['’]?t{NOT_AFTER_DID}|did\s+not{NOT_AFTER_DID}"
        r"|missed|overlooked|skipped|bypassed|misconfigured|misread|misunderstood"
        r"|(?:chose|decided|opted)\s+to\s+(?:ignore|skip|bypass|override|disable)"
        r"|made\s+(?:(?:a|an|the|this|that)\s+)?(?:\w+\s+)?" + MISTAKE + r")\b",
        "forget forgot never neglected failed didn did missed overlooked skipped bypassed misconfigured misread "
        "misunderstood made chose decided opted",
        "makes a person's omission the cause of the failure.",
        "Say what the system did not do: which step was manual, which check was missing, what hid the signal.",
        coordinated=True,
    ),
    _p(
        "caused",
        "person-as-cause",
        rf"(?:caused|broke|introduced)\s+(?:(?:the|an?|this|that)\s+(?:\w+\s+)?{HARM_OBJECT}|(?:\w+\s+)?{HARM_NOUN})\b{NOT_PROCESS}"
        r"|(?:broke|corrupted|destroyed|leaked|mistyped|fat-fingered|misjudged|knocked\s+out|took\s+out|blackholed"
        r"|screwed\s+up|messed\s+up|botched)\b",
        "caused broke introduced corrupted destroyed leaked mistyped fat misjudged knocked took blackholed "
        "screwed messed botched",
        "makes a person the cause of the failure.",
        "Make the change or the system the subject and say why it was possible.",
    ),
    _p(
        "bad-act",
        "person-as-cause",
        rf"{ACT_VERB}\b(?:\s+{NOT_A_REMEDY}[\w'’/.-]+,?){{0,6}}?\s+{BAD}"
        r"|(?:restarted|rebooted|deleted|removed|dropped|killed|stopped|drained|rolled\s+back|failed\s+over)"
        r"(?:\s+[\w'’/.-]+){0,5}?\s+(?:wrong|incorrect)\b",
        "wrong bad faulty incorrect untested broken buggy unreviewed without tested reviewed approved bypassing "
        "skipping ignoring",
        "makes a person's action the cause of the failure.",
        "Make the change the subject ('the wrong binary was deployed to ...') and say why nothing stopped it.",
    ),
    _p(
        "regret",
        "person-as-cause",
        r"regret(?:s|ted)?\s+(?:\w+ly\s+)?(?:\w+ing|having)\b",
        "regret regrets regretted",
        "may present a person's choice as the cause of the failure.",
        "Describe what made the choice look right at the time, and what would have made the risk visible.",
        strength=WEAK,
    ),
    _p(
        "takes-responsibility",
        "person-as-cause",
        r"(?:take|takes|took|accept|accepts|accepted)\s+(?:full\s+|complete\s+|sole\s+)?(?:responsibility|the\s+blame)\b",
        "responsibility blame",
        "names a person as the one to blame.",
        "Describe what happened and what in the system let it happen.",
        strength=WEAK,
    ),
    _p(
        "against-production",
        "person-as-cause",
        rf"{ACT_VERB}\b(?:\s+[\w'’/.-]+){{0,6}}?\s+against\s+(?:the\s+)?(?:prod|production|live)\b",
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
        r"\b(?:mistakes?|errors?|oversights?|slips?|(?:poor|bad)\s+(?:judge?ment|decisions?|choices?))"
        r"\s+(?:(?:was|were)\s+)?(?:made\s+)?(?:by|on\s+the\s+part\s+of)\s+"
        r"(?P<by>\S+(?:\s+(?!(?:may|might|is|was|were|are|had|has|could|would|will|can)\b)\S+){0,3})",
        "mistake mistakes error errors oversight oversights slip slips poor bad",
        "names a person's error as a cause; the analysis stops where it should start.",
        "Describe what made the action possible and why nothing caught it.",
        subject=False,
    ),
    _p(
        "not-followed",
        "human-error",
        r"\b(?:procedures?|process(?:es)?|protocols?|runbooks?|instructions|polic(?:y|ies)|checklists?|steps)"
        r"\s+(?:was|were)(?:\s+not|n['’]t)\s+followed\b",
        "followed",
        "may name people's failure to follow a procedure as the cause; the analysis stops where it should start.",
        "Say what made the procedure easy to skip or hard to follow, and what would have caught the deviation.",
        subject=False,
        strength=WEAK,
    ),
    _p(
        "destroyed",
        "person-as-cause",
        r"(?:deleted|dropped|wiped|truncated|destroyed|erased|overwrote|purged|took\s+down|brought\s+down)\s+"
        r"(?:all\s+(?:of\s+)?(?:the\s+|our\s+)?[\w-]+|(?:the\s+|our\s+)?(?:whole|entire)\s+[\w-]+|"
        r"(?:the\s+|a\s+|an\s+|all\s+|our\s+)?(?:[\w-]+\s+){0,3}?"
        r"(?:production|prod|database|db|data|tables?|cluster|bucket|backups?|directory|site|service|volume|disk|"
        r"logs|records?|files|keys|accounts|zones?|repository|repo|branch|instances|nodes|servers|state))\b"
        r"|(?:ran|executed|issued|typed)\s+(?:an?\s+|the\s+)?\W?(?:drop\s+(?:table|database)|delete\s+from|truncate|rm\s+-\w*r)",
        "deleted dropped wiped truncated destroyed erased overwrote purged took brought drop delete truncate rm",
        "may present a person as the cause of the loss.",
        "Make the change the subject ('the production table was dropped by a migration') and say why it was possible.",
        strength=WEAK,
        coordinated=True,
    ),
    _p(
        "act-then-harm",
        "person-as-cause",
        rf"(?!{NEUTRAL})(?:\w+ed|ran|set|put|sent|wrote)\b[^.;:]{{0,80}}?,?\s+(?:which|that|and\s+this|and\s+that|causing|leading\s+to|resulting\s+in)"
        r"\s+(?:\w+\s+){0,2}?(?:caused|broke|crashed|halted|stalled|blocked|corrupted|blackholed|overloaded|wiped"
        r"|took\s+down|brought\s+down"
        rf"|(?:led\s+to|resulted\s+in|triggered)\s+(?:\w+\s+){{0,3}}?(?:{HARM_OBJECT}|errors|data\s+loss))\b{NOT_PROCESS}",
        "caused broke crashed halted stalled blocked corrupted blackholed overloaded wiped took brought led resulted "
        "triggered",
        "presents a person's action as the cause of the failure.",
        "Make the change the subject and say why it could cause harm and why nothing caught it.",
        strength=WEAK,
    ),
    _p(
        "done-by-badly",
        "person-as-cause",
        r"\b(?:done|pushed|deployed|run|executed|applied|merged|made|shipped|released|changed|approved|performed)"
        rf"\s+by\s+(?P<by>[^,;.]{{1,40}}?)\s+{BAD}",
        "wrong bad faulty incorrect untested broken buggy unreviewed without tested reviewed approved bypassing "
        "skipping ignoring",
        "makes a person's action the cause of the failure.",
        "Make the change the subject ('the change reached production without review') and say why nothing stopped it.",
        subject=False,
    ),
    _p(
        "cause-not-doing",
        "person-as-cause",
        r"\b(?:result\s+of|due\s+to|because\s+of|caused\s+by|thanks\s+to)\s+(?P<by>\S+(?:\s+\S+){0,3}?)\s+(?:not|never)"
        r"\s+\w+ing\b",
        "result due because caused thanks",
        "makes a person's omission the cause of the failure.",
        "Say what the system did not do: which step was manual, which check was missing, what hid the signal.",
        subject=False,
    ),
    _p(
        "caused-by",
        "person-as-cause",
        r"\b(?:caused|triggered|introduced|broken|deleted|dropped|wiped|destroyed|corrupted)\s+\[?by\s+"
        r"(?P<by>\S+(?:\s+\S+){0,3})",
        "caused triggered introduced broken deleted dropped wiped destroyed corrupted",
        "makes a person the cause of the failure.",
        "Make the change or the system the subject and say why it was possible.",
        subject=False,
    ),
    _p(  # apart from caused-by, which would consume "caused by the deletion of X by <person>" first
        "destruction-by",
        "person-as-cause",
        r"\b(?:deletion|removal|destruction|wiping|dropping)\s+of\s+[^,;.]{1,40}?\s+by\s+(?P<by>\S+(?:\s+\S+){0,3})",
        "deletion removal destruction wiping dropping",
        "makes a person the cause of the loss.",
        "Make the change or the system the subject and say why it was possible.",
        subject=False,
    ),
    _p(
        "cause-was-person",
        "person-as-cause",
        r"\bcause\b[^.;?!]{0,80}?[\s—–-](?:was|is|to\s+be)\s+(?P<by>[^\s,;]+(?:\s+[^\s,;]+){0,3})",
        "cause",
        "makes a person (or their decision) the cause of the failure.",
        "Make the decision or the change the subject and say what made it risky and why nothing caught it.",
        subject=False,
    ),
    _p(
        "it-was-them",
        "person-as-cause",
        r"\bit\s+(?:was|is)\s+(?:all\s+|just\s+)?(?!(?:my|his|her)\b)(?P<who2>[\w@-]+(?:\s+[\w-]+){0,2}?)"
        r"(?:\s*[.!]*\s*$|['’]s\s+fault\b)"
        r"|\b(?P<whose>@?[\w-]+)['’]s\s+fault\b|\bfault\s+of\s+(?P<of>(?:the\s+|an?\s+)?[\w@-]+(?:\s+[\w-]+)?)"
        r"|\b(?P<pronoun>my|his|her)\s+(?:own\s+)?(?:\w+\s+)?(?:fault|mistake|error|oversight|blunder)\b"
        r"|\b(?:failure|mistake|error|fault|oversight)\s+on\s+(?P<part>my|his|her)\s+part\b"
        r"|\b(?:this|that|it)(?:\s+one)?(?:['’]s|\s+is|\s+was)\s+(?:all\s+|entirely\s+)?(?P<onme>on\s+(?:me|him|her))\b(?!\s+to\b)",
        "it fault mistake error oversight blunder me him her failure",
        "names a person as the one to blame.",
        "Describe what happened and what in the system let it happen.",
        subject=False,
        strength=WEAK,
    ),
    _p(
        "persons-mistake",
        "person-as-cause",
        r"\b(?P<whose>@?[\w-]+)['’]s?\s+(?:[\w-]+\s+)?(?:mistakes?|errors?|oversights?|typos?|negligence|carelessness"
        r"|blunders?|slip-ups?|misconfiguration|inexperience|failure\s+to|decision\s+to\s+(?:skip|ignore|bypass|override)"
        r"|lack\s+of\s+(?:experience|knowledge|care|attention|diligence|understanding))\b",
        "mistake mistakes error errors oversight oversights typo typos negligence carelessness blunder blunders "
        "slip ups misconfiguration inexperience failure decision lack",
        "names a person's error as a cause; the analysis stops where it should start.",
        "Describe what made the action possible and why nothing caught it.",
        subject=False,
    ),
    _p(
        "why-didnt-you",
        "counterfactual",
        r"\bwhy\s+(?:didn['’]?t|did\s+not|wasn['’]?t|weren['’]?t|aren['’]?t|isn['’]?t|hasn['’]?t|haven['’]?t|don['’]?t"
        r"|doesn['’]?t)\s+(?P<asked>you|he|she|[^\s,;?]+(?:\s+[^\s,;?]+){0,2}?)\s+(?!(?:get|receive|know|have)\b)\w+",
        "why",
        "asks with hindsight why a person did not act: the question puts the fault on them.",
        "Ask what the person saw and knew at the time, and what would have made the risk visible.",
        subject=False,
        strength=WEAK,
    ),
    _p(
        "why-did-you",
        "counterfactual",
        r"\bwhy\s+(?:did|was|were)\s+(?P<asked>I|you|he|she|(?:an?|the)\s+[\w-]+(?:\s+[\w-]+)??)\s+(?:\w+ly\s+)?"
        r"(?:not\s+)?\w+",
        "why",
        "asks with hindsight why a person acted as they did: the question puts the fault on them.",
        "Ask what the person saw and knew at the time, and what made the action look right.",
        subject=False,
        strength=WEAK,
    ),
    _p(
        "instead-of",
        "person-as-cause",
        rf"(?:{ACT_VERB}|run|restarted|rebooted|deleted|removed|dropped|killed|stopped)\b"
        r"(?:\s+[\w'’/.-]+){1,8}?\s+(?:instead\s+of|rather\s+than)\b",
        "instead rather",
        "may present a person's choice as the cause of the failure.",
        "Make the action the subject ('the script ran against production, not staging') and say why both "
        "looked the same.",
        strength=WEAK,
    ),
)
