"""The "fix the person" family of action items: advice to people instead of a change to the system.

"Engineers must be more careful", "I'll be more careful next time", "Remind
the team to double-check", "Next time, do what you should". Such an item is
vague (nothing changes, so nothing can be checked), and it is also blame; the
PM201 rule yields it to PM105 when the blame engine reports the same phrase.
"""

from __future__ import annotations

import re

__all__ = ["fix_the_person"]

_I = re.IGNORECASE
_ADVICE = re.compile(
    r"\bbe\s+(?:more\s+|extra\s+|very\s+|much\s+more\s+)?(?:careful|vigilant|cautious|mindful|attentive|diligent)\b|"
    r"\b(?:take|taking)\s+(?:more|extra|greater)\s+care\b|\bpay\s+(?:more|closer|better)\s+attention\b|"
    r"\bdouble[- ]check(?:ing)?\s+(?:everything|their|your|our|before)\b|\bremember\s+to\b|\btry\s+harder\b|"
    r"\bthink\s+twice\b|\bdo\s+what\s+(?:you|we|they)\s+should\b|\bstay\s+calm\b|"
    r"^\W*(?:(?:we|they|the\s+team|managers?)\s+(?:will|should|must|need\s+to)\s+)?(?:remind|educate|retrain|re-train|coach|discipline)\s+(?:the\s+|all\s+|our\s+)?"
    r"(?:team|engineers?|developers?|people|everyone|staff|on-?call|operators?)\b",
    _I,
)


def fix_the_person(text: str) -> str | None:
    """The advice phrase when ``text`` asks people to behave better rather than changing a system."""
    m = _ADVICE.search(text)
    return m.group(0) if m else None
