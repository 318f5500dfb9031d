"""Regular-expression parts shared by the blame patterns (``patterns``): verbs, objects, documents.

Kept apart so ``patterns`` reads as a list of families; every part is plain regex source.
"""

from __future__ import annotations

__all__ = [
    "NOT_AFTER_DID",
    "MISTAKE",
    "NOT_PROCESS",
    "HARM_NOUN",
    "HARM_OBJECT",
    "BAD",
    "NOT_A_REMEDY",
    "ACT_VERB",
    "NEUTRAL",
    "PARTICIPLE",
    "DOC_WORDS",
    "DOCS",
    "NEVER_DID",
]

NOT_AFTER_DID = (
    r"(?!\s+(?:know|realise|realize|have|need|get|receive|want|expect|mean|intend|exist|apply|affect|occur|happen)\b)"
)
MISTAKE = (
    r"(?:[\w-]+\s+)?(?:mistakes?|errors?|typos?|blunders?"
    r"|(?:incorrect|wrong|bad|faulty)\s+(?:assumptions?|call|decision|choice))"
)
NOT_PROCESS = (
    r"(?!\s+(?:process|channel|call|bridge|response|review|room|doc|document|ticket|commander|report|management)\b)"
)
# A harm named without a determiner: "Engineer X caused outage" (a guide's shorthand).
HARM_NOUN = r"(?:outage|incident|downtime|failure|breakage|regression|data\s+loss)"
HARM_OBJECT = r"(?:outage|incident|downtime|failure|problem|issue|breakage|regression|data\s+loss|the\s+bug|a\s+bug)"
BAD = (
    r"(?:wrong|bad|faulty|incorrect|untested|broken|buggy|unreviewed"
    r"|without\s+(?:a\s+|any\s+|proper\s+|first\s+)?(?:review|approval|testing|tests|checking|a\s+backup|telling|asking|waiting|following"
    r"|stopping|verifying|confirming)"
    r"|(?:bypassing|skipping|ignoring)\s+(?:the\s+|a\s+|all\s+)?(?:code\s+)?(?:review|approval|tests?|checks?|canary|checklist|warnings?)"
    r"|(?:that|which)\s+(?:was|were|had)(?:n['’]t|\s+not)\s+(?:been\s+)?(?:tested|reviewed|approved))\b"
)
# Words between the act and "bad" that make it a remedy: "deployed a fix for the broken parser".
NOT_A_REMEDY = (
    r"(?!(?:fix|fixes|fixed|patch\w*|revert\w*|rollback|roll-back|replac\w+|workaround|correct\w*|repair\w*|for|of)\b)"
)
ACT_VERB = (
    r"(?:pushed|deployed|ran|typed|merged|selected|committed|shipped|applied|used|entered|chose|terminated|"
    r"revoked|signed\s+off\s+on|picked|executed|released|changed|modified|configured|set|edited|"
    r"copied|uploaded|installed|upgraded|approved|migrated|wrote|issued|sent|updated|started|restarted|enabled|disabled|"
    r"added)"
)
NEUTRAL = (
    r"(?:uncovered|discovered|found|noticed|identified|fixed|observed|reported|confirmed|detected|investigated|"
    r"determined|resolved|mitigated|realized|realised|learned|saw|escalated|paged|alerted|warned|flagged)\b"
)
PARTICIPLE = (
    r"(?!(?:received|needed|wanted|expected|been|had|got|gotten|allowed|required|notified|paged|alerted|informed)\b)"
    r"(?:(?:\w+-)?\w+ed|known|run|done|caught|seen|taken|made|told|read|spotted|written|given|gone|chosen|"
    r"thought|sent|set|put|kept|understood|built|found|asked|noticed|stopped|waited)"
)

DOC_WORDS = (
    "spec specs specification specifications documentation docs notes changelog manual instructions checklist "
    "runbook runbooks playbook procedure procedures"
)
DOCS = (
    r"(?:the\s+|our\s+|all\s+|any\s+|its\s+)?(?:[\w-]+\s+){0,2}?(?:specs?|specifications?|documentation|docs|"
    r"release\s+notes|changelog|manual|instructions|checklist|runbooks?|playbook|procedures?)\b"
)

# "never" with a past act: an omission ("Carlos never checked the logs"); not perception or receipt.
NEVER_DID = (
    r"never\s+(?!(?:received|got|saw|heard|knew|had|noticed|realised|realized|expected|needed)\b)"
    r"(?:\w+ed|ran|wrote|read)"
)
