"""Which field a heading stands for: case, numbering, punctuation and synonyms tolerated."""

from __future__ import annotations

import re

SYNONYMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "action_items",
        (
            "action items",
            "action item",
            "actions",
            "remediation",
            "remediations",
            "remediation items",
            "follow ups",
            "follow up items",
            "follow up actions",
            "followups",
            "next steps",
            "corrective actions",
            "corrective and preventative measures",
            "preventive measures",
            "preventative measures",
            "action plan",
            "what we are doing",
            "what we re doing",
            "what s next",
            "whats next",
            "future work",
            "todo",
            "to do",
            "tasks",
            "improvements",
            "prevention",
            "fixes",
            "what we will do",
            "what we ll do",
            "steps we are taking",
            "going forward",
            "preventing future incidents",
            "action items and follow ups",
            "lessons and action items",
            "looking forward",
            "action taken",
            "actions taken",
            "action planned",
            "actions planned",
            "resulting action",
            "resulting actions",
            "follow up",
            "next actions",
            "remediation steps",
            "preventive actions",
            "preventative actions",
        ),
    ),
    (
        "timeline",
        (
            "timeline",
            "timeline utc",
            "chronology",
            "sequence of events",
            "detailed timeline",
            "incident timeline",
            "timeline of events",
            "event timeline",
            "timeline all times utc",
        ),
    ),
    (
        "summary",
        (
            "summary",
            "overview",
            "executive summary",
            "tl dr",
            "tldr",
            "incident summary",
            "description",
            "what happened",
            "abstract",
            "introduction",
            "incident description",
            "background",
        ),
    ),
    (
        "impact",
        (
            "impact",
            "customer impact",
            "user impact",
            "impact assessment",
            "blast radius",
            "business impact",
            "who was affected",
            "affected services",
            "scope",
        ),
    ),
    (
        "root_cause",
        (
            "root cause",
            "root causes",
            "root cause analysis",
            "cause",
            "causes",
            "rca",
            "why it happened",
            "technical details",
            "analysis",
            "what went wrong technically",
            "cause of the incident",
        ),
    ),
    ("trigger", ("trigger", "triggers", "immediate cause", "immediate causes")),
    ("contributing_factors", ("contributing factors", "contributing factor", "factors", "contributing causes")),
    ("systemic_issues", ("systemic issues", "systemic issue", "underlying issues")),
    ("what_went_well", ("what went well", "went well", "things that went well", "what worked")),
    (
        "what_went_wrong",
        (
            "what went wrong",
            "went wrong",
            "things that went wrong",
            "what didn t go well",
            "what did not go well",
            "what could have gone better",
            "what could be improved",
            "went poorly",
            "what went poorly",
            "things that went poorly",
            "what went badly",
        ),
    ),
    ("where_we_got_lucky", ("where we got lucky", "got lucky", "lucky")),
    ("lessons_learned", ("lessons learned", "lessons learnt", "lessons", "learnings", "takeaways", "key takeaways")),
    ("detection", ("detection", "how it was detected", "how we found out")),
    ("resolution", ("resolution", "mitigation", "recovery", "resolution and recovery", "how it was fixed", "fix")),
    ("data_gaps", ("data gaps", "open questions", "unknowns")),
)
_INDEX = {phrase: field for field, phrases in SYNONYMS for phrase in phrases}


def normalise(heading: str) -> str:
    text = re.sub(r"[`*_]", "", heading.lower()).replace("(s)", "s")
    text = re.sub(r"^\s*(?:\d+(?:\.\d+)*\.?|[ivx]+\.)\s+", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


def field_of(heading: str) -> str | None:
    key = normalise(heading)
    if key in _INDEX:
        return _INDEX[key]
    key = re.sub(r"\s+(?:all times )?(?:in )?(?:utc|gmt|pst|pdt|est|edt|cet)\b.*$", "", key)
    key = re.sub(r"^(?:the |our )", "", key)
    if key in _INDEX:
        return _INDEX[key]
    for phrase, field in sorted(_INDEX.items(), key=lambda pair: -len(pair[0])):
        if len(phrase) > 5 and key.startswith(phrase + " "):
            return field
    return None
