"""Text splitting for the language rules: sentences, and quotations inside them.

Offsets never move: a segment is a window ``text[start:end]`` of the original text,
with the quotations that are not analysed blanked out by spaces.

A quotation of three words or more ("Bob forgot to run the migration.") is analysed on
its own as a *quoted* segment: guides and reports quote blameful sentences, and the
rules report them -- as warnings only, since the writer may be quoting in order to
reject the words. A shorter quotation ('human error', "cause") is a term being talked
about and is not analysed, unless a guide marks it as a bad example (``❌ "Mistake"``,
``Bad: "careless"``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

__all__ = ["Segment", "segments"]

_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"')\]”’]*\s+|\n\s*\n|\n(?=\s*(?:[-*•]|\d+[.)])\s)")
_QUOTED = re.compile(r"\"[^\"\n]*\"?|“[^”\n]*”?|‘[^’\n]*’|`[^`\n]*`|(?<![\w])'[^'\n]*'(?![\w])")
_QUOTE_CHAR = re.compile("[\"“‘`']")
_WORDS = re.compile(r"[A-Za-z]+")
_MIN_QUOTED_WORDS = 3


@dataclass(frozen=True)
class Segment:
    """A sentence (or a quotation) to analyse: ``text`` is ``original[start:end]`` with some quotes blanked."""

    text: str
    start: int
    quoted: bool


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for m in _SENTENCE_BREAK.finditer(text):
        if m.start() > start:
            yield start, m.start()
        start = m.end()
    if start < len(text):
        yield start, len(text)


def segments(text: str) -> Iterator[Segment]:
    """The sentences of ``text`` (short quotations blanked) and the long quotations in them."""
    for start, end in _sentences(text):
        sentence = text[start:end]
        if _QUOTE_CHAR.search(sentence) is None:
            yield Segment(sentence, start, False)
            continue
        quotes: list[tuple[int, int]] = []
        masked = _QUOTED.sub(partial(_blank, quotes=quotes), sentence)
        if masked.strip():
            yield Segment(masked, start, False)
        for q_start, q_end in quotes:
            inner = sentence[q_start:q_end]
            whole = not masked.strip()  # the sentence is only a quotation: analysed whatever its length
            example = _BAD_EXAMPLE.search(sentence, 0, q_start - 1) is not None  # ❌ "Careless mistake"
            long_enough = len(_WORDS.findall(inner)) >= _MIN_QUOTED_WORDS
            if (whole or example or long_enough) and not _rejected(sentence, q_start, q_end):
                yield Segment(inner, start + q_start, True)


# A guide's marker of a bad example just before a quotation: ❌ "Mistake", Bad: "human error".
_BAD_EXAMPLE = re.compile(r"(?:[❌✗✘👎]|\b(?:bad|blameful|wrong)(?:\s+example)?\s*:)\s*$", re.I)


# A negation earlier in the quotation's own clause rejects it: 'not solved by "reviewing more carefully"'.
_REJECTED_BEFORE = re.compile(r"(?:\bnot|n['’]t|\bnever|\bno)\b[^,;:.!?)]*$", re.I)
_REJECTED_AFTER = re.compile(r"\W*(?:is|are|was|were|isn['’]t|aren['’]t)?\s*(?:not|never|n['’]t)\b", re.I)


def _rejected(sentence: str, q_start: int, q_end: int) -> bool:
    """The sentence denies the quotation: 'The action items weren't "be more careful."'."""
    return bool(_REJECTED_BEFORE.search(sentence, 0, q_start - 1) or _REJECTED_AFTER.match(sentence, q_end + 1))


def _blank(m: re.Match[str], quotes: list[tuple[int, int]]) -> str:
    if m.group()[0] == "'" and m.group()[-1] != "'":
        return m.group()
    if m.group()[0] == "`":  # code or a term set as code: blanked, never analysed
        return " " * len(m.group())
    quotes.append((m.start() + 1, m.end() - 1 if m.group()[-1] in "\"”’`'" else m.end()))
    return " " * len(m.group())
