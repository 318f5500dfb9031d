"""What a blame pattern is: one family of blameful phrasing, with its keywords, reason and rewrite.

``act`` is the regex of the words themselves; when ``subject`` is true the words only
count when a person (see ``language.people``) is their subject, just before them.
``keywords`` are declared next to the regex: every text the regex can match contains at
least one of them as a whole word (lower case, letters only), so the engine skips a
pattern -- and most text -- with one set intersection. ``tests/language/test_blame_keywords.py``
proves the keywords complete on every labelled text and on generated text.

``strength`` is the evidence the words give on their own: ``STRONG`` phrasing is an
error, ``WEAK`` a warning. A finding is never stronger than its subject (``people``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pm_pipeline.language.people import STRONG

__all__ = ["Pattern", "pattern", "words_of"]

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


def pattern(name: str, kind: str, act: str, keywords: str, why: str, rewrite: str, **extra: object) -> Pattern:
    if extra.get("subject", True) and not act.startswith("['"):
        act = rf"\b(?:{act})"  # the words of a subject pattern start a word: "dismissed" is not "missed"
    return Pattern(name, kind, re.compile(act, _I), frozenset(keywords.split()), why, rewrite, **extra)  # type: ignore[arg-type]
