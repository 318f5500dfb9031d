"""Cheap necessary conditions ("prefilters") derived from regular expressions.

``requirement(pattern)`` reads the parse tree of a compiled pattern and
returns a boolean formula that every text containing a match satisfies. Its
leaves are ``Word(w)`` -- ``w`` is a whole word of the text -- and
``Piece(s)`` -- ``s`` occurs in the text. Both are checked against the
*folded* text (``fold``): ASCII lower-cased bytes in which every byte that is
not an ASCII word character (``[A-Za-z0-9_]``) is a space, so the words of
the text are simply ``folded.split()``. Because the formula is derived from
the pattern itself, a prefilter built from it cannot drift from the pattern.

Why this is sound: every literal character a match uses is either ASCII
(compared case-insensitively: folding lower-cases both sides), or one of the
four non-ASCII characters that ``re.IGNORECASE`` matches to an ASCII letter
(``fold`` maps those to that letter first). A literal word is only required
to be a whole ``Word`` when the pattern itself puts a non-word character or
a ``\\b`` on both sides of it; non-word characters, ASCII or not, all become
spaces in the folded text. Anything the analysis does not understand
requires nothing (``True``), which is always safe.

``necessary_leaves(formula)`` picks one set of leaves of which at least one
holds in every match: the cheapest single check that can reject a text.
``holds(formula, words, folded)`` evaluates the whole formula.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any as _Node

try:  # The parser is private; without it no prefilter is built (always the full path).
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on the Python version
    _p = _c = None

__all__ = [
    "AVAILABLE",
    "All",
    "Any",
    "Formula",
    "Piece",
    "Word",
    "fold",
    "holds",
    "necessary_leaves",
    "requirement",
]

AVAILABLE = _p is not None and _c is not None

# --- folding the text ----------------------------------------------------------

# Non-ASCII characters that re.IGNORECASE matches to an ASCII letter.
_TO_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_FOLD_BYTES = bytes(
    (c + 32 if 65 <= c <= 90 else c) if (48 <= c <= 57 or 65 <= c <= 90 or 97 <= c <= 122 or c == 95) else 32
    for c in range(256)
)


def fold(text: str) -> bytes:
    """Lower-cased ASCII words of ``text`` separated by spaces (offsets are not kept)."""
    if not text.isascii():
        text = text.translate(_TO_ASCII)
    return text.encode("utf-8", "surrogatepass").translate(_FOLD_BYTES)


# --- formulas --------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    """``word`` is one of the words of the folded text."""

    word: bytes


@dataclass(frozen=True)
class Piece:
    """``piece`` occurs somewhere in the folded text."""

    piece: bytes


@dataclass(frozen=True)
class All:
    parts: tuple[Formula, ...]


@dataclass(frozen=True)
class Any:
    parts: tuple[Formula, ...]


Formula = Word | Piece | All | Any | bool


def _all(parts: list[Formula]) -> Formula:
    kept: list[Formula] = []
    for part in parts:
        if part is True:
            continue
        kept.extend(part.parts if isinstance(part, All) else [part])
    if not kept:
        return True
    kept = list(dict.fromkeys(kept))
    return kept[0] if len(kept) == 1 else All(tuple(kept))


def _any(parts: list[Formula]) -> Formula:
    kept: list[Formula] = []
    for part in parts:
        if part is True:
            return True
        kept.extend(part.parts if isinstance(part, Any) else [part])
    if not kept:
        return True
    kept = list(dict.fromkeys(kept))
    return kept[0] if len(kept) == 1 else Any(tuple(kept))


def holds(formula: Formula, words: set[bytes] | frozenset[bytes], folded: bytes) -> bool:
    """Whether a text with these folded ``words`` and ``folded`` bytes satisfies ``formula``."""
    if isinstance(formula, Word):
        return formula.word in words
    if isinstance(formula, Piece):
        return formula.piece in folded
    if isinstance(formula, All):
        return all(holds(part, words, folded) for part in formula.parts)
    if isinstance(formula, Any):
        return any(holds(part, words, folded) for part in formula.parts)
    return bool(formula)


def _cost(leaves: frozenset[Word | Piece]) -> float:
    """Smaller is more selective; a whole word is far rarer than the same piece,
    and one set lookup checks all words at once while each piece is a scan."""
    total = 0.0
    for leaf in leaves:
        if isinstance(leaf, Word):
            total += 4.0 ** -len(leaf.word)
        else:
            total += 1e4 * 4.0 ** -len(leaf.piece)
    return total


def necessary_leaves(formula: Formula) -> frozenset[Word | Piece] | None:
    """Leaves of which one holds whenever ``formula`` does; None when nothing is known."""
    if isinstance(formula, (Word, Piece)):
        return frozenset([formula])
    if isinstance(formula, Any):
        options: set[Word | Piece] = set()
        for part in formula.parts:
            found = necessary_leaves(part)
            if found is None:
                return None
            options |= found
        return frozenset(options)
    if isinstance(formula, All):
        candidates = [c for c in map(necessary_leaves, formula.parts) if c is not None]
        return min(candidates, key=_cost) if candidates else None
    return None


# --- reading the pattern -----------------------------------------------------------

_EXACT_LIMIT = 64  # largest finite set of strings tracked exactly
_Exact = frozenset[str]  # a finite language: lower-case ASCII strings without whitespace
_Info = _Exact | Formula
_NON_WORD = re.compile(r"[^0-9a-z_]")


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # exactly re's \w for str patterns


def _string_formula(s: str, left: bool, right: bool) -> Formula:
    """What a match of the literal ``s`` requires, given non-word context on each side."""
    if not s:
        return True
    pieces = _NON_WORD.split(s)
    last = len(pieces) - 1
    words: list[Formula] = [
        Word(piece.encode())
        for index, piece in enumerate(pieces)
        if piece and (index > 0 or left) and (index < last or right)
    ]
    if len(words) == 1 and len(pieces) == 1:
        return words[0]  # the whole literal is one word: the word implies the piece
    return _all([Piece(_NON_WORD.sub(" ", s).encode()), *words])


def _exact_formula(info: _Exact, left: bool, right: bool) -> Formula:
    return _any([_string_formula(s, left, right) for s in sorted(info)])


def _as_formula(info: _Info, left: bool, right: bool) -> Formula:
    return _exact_formula(info, left, right) if isinstance(info, frozenset) else info


def _edge_non_word(node: tuple[_Node, _Node], at_end: bool) -> bool:
    """Whether text matched by ``node``, when not empty, surely starts (``at_end``
    False) or ends with a non-word character. A ``\\b`` counts: a word right next
    to it must have a non-word neighbour (or the match is impossible). Lookarounds
    are zero-width and transparent."""
    op, av = node
    if op is _c.AT:
        return av is _c.AT_BOUNDARY
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return True
    if op is _c.LITERAL:
        return not _is_word_char(chr(av))
    if op is _c.IN:
        return all(
            (o is _c.LITERAL and not _is_word_char(chr(a)))
            or (o is _c.CATEGORY and a in (_c.CATEGORY_SPACE, _c.CATEGORY_NOT_WORD))
            for o, a in av
        )
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        return _sequence_edge(av[2], at_end)
    if op is _c.SUBPATTERN:
        return _sequence_edge(av[-1], at_end)
    if op is _c.ATOMIC_GROUP:
        return _sequence_edge(av, at_end)
    if op is _c.BRANCH:
        return all(_sequence_edge(alt, at_end) for alt in av[1])
    return False


def _sequence_edge(items: _Node, at_end: bool) -> bool:
    nodes = list(items)
    for node in reversed(nodes) if at_end else nodes:
        if node[0] is _c.AT and node[1] is _c.AT_BOUNDARY:
            return True
        if not _edge_non_word(node, at_end):
            return False
        if not _optional(node):
            return True
    return False  # everything may be empty: the edge is whatever lies outside


def _optional(node: tuple[_Node, _Node]) -> bool:
    """Whether ``node`` may match the empty string (as far as this analysis can tell)."""
    op, av = node
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        return av[0] == 0 or _optional_body(av[2])
    if op is _c.SUBPATTERN:
        return _optional_body(av[-1])
    if op is _c.ATOMIC_GROUP:
        return _optional_body(av)
    if op is _c.BRANCH:
        return any(_optional_body(alt) for alt in av[1])
    return op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT, _c.GROUPREF, _c.GROUPREF_EXISTS)


def _optional_body(items: _Node) -> bool:
    return all(_optional(node) for node in items)


def _context(nodes: list[tuple[_Node, _Node]], index: int, step: int, outer: bool) -> bool:
    """Whether the text next to ``nodes[index]`` (before it: step -1, after it: +1)
    is surely a non-word character (or a \\b). Optional neighbours are looked past:
    then both the neighbour and what lies beyond it must qualify."""
    j = index + step
    while 0 <= j < len(nodes):
        node = nodes[j]
        if node[0] is _c.AT and node[1] is _c.AT_BOUNDARY:
            return True
        if not _edge_non_word(node, at_end=step < 0):
            return False
        if not _optional(node):
            return True
        j += step
    return outer


def _node(op: _Node, av: _Node, left: bool, right: bool) -> _Info:
    """A parse-tree node as a finite language, or as a formula."""
    if op is _c.LITERAL:
        ch = chr(av)
        return frozenset([ch.lower()]) if ch.isascii() and not ch.isspace() else True
    if op is _c.IN:
        chars = [chr(a) for o, a in av if o is _c.LITERAL]
        if len(chars) == len(av) and all(ch.isascii() and not ch.isspace() for ch in chars):
            return frozenset(ch.lower() for ch in chars)
        return True
    if op is _c.SUBPATTERN:
        return _sequence(av[-1], left, right)
    if op is _c.ATOMIC_GROUP:
        return _sequence(av, left, right)
    if op is _c.BRANCH:
        infos = [_sequence(alternative, left, right) for alternative in av[1]]
        if all(isinstance(i, frozenset) for i in infos):
            union = frozenset().union(*infos)  # type: ignore[arg-type]
            if len(union) <= _EXACT_LIMIT:
                return union
        return _any([_as_formula(i, left, right) for i in infos])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        low, high, body = av
        if high <= 1:
            info = _sequence(body, left, right)
            if isinstance(info, frozenset):
                return info | {""} if low == 0 else info
            return info if low >= 1 else True
        return _as_formula(_sequence(body, False, False), False, False) if low >= 1 else True
    # AT, ANY, CATEGORY, NOT_LITERAL, lookarounds, group references,
    # conditionals: nothing is known about the text they match.
    return True


def _sequence(items: _Node, left: bool, right: bool) -> _Info:
    """Products of finite languages where possible, else all-of the parts' formulas."""
    nodes = list(items)
    needs: list[Formula] = []
    run: _Exact = frozenset([""])
    run_left = left
    exact = True
    for index, (op, av) in enumerate(nodes):
        before = _context(nodes, index, -1, left)
        after = _context(nodes, index, +1, right)
        info = _node(op, av, before, after)
        if isinstance(info, frozenset):
            if run == frozenset([""]):
                run, run_left = info, before
                continue
            if len(run) * len(info) <= _EXACT_LIMIT:
                run = frozenset(a + b for a in run for b in info)
                continue
            exact = False
            needs.append(_exact_formula(run, run_left, False))
            run, run_left = info, False
            continue
        exact = False
        needs.append(_exact_formula(run, run_left, _context(nodes, index - 1, +1, right)))
        needs.append(info)
        run, run_left = frozenset([""]), False
    if exact:
        return run
    needs.append(_exact_formula(run, run_left, right))
    return _all(needs)


def requirement(pattern: re.Pattern[str]) -> Formula:
    """A formula over the folded text that holds whenever ``pattern`` matches in it."""
    if not AVAILABLE:
        return True
    try:
        tree = _p.parse(pattern.pattern, pattern.flags)
        return _as_formula(_sequence(tree, False, False), False, False)
    except Exception:  # pragma: no cover - a Python whose private parser changed shape
        return True  # no prefilter: slower, never wrong


# --- the gate ------------------------------------------------------------------------


def _source(formula: Formula) -> str:
    """Python source of ``formula`` over ``w`` (set of words) and ``f`` (folded bytes)."""
    if isinstance(formula, Word):
        return f"({formula.word!r} in w)"
    if isinstance(formula, Piece):
        return f"({formula.piece!r} in f)"
    if isinstance(formula, All):
        return "(" + " and ".join(map(_source, formula.parts)) + ")"
    if isinstance(formula, Any):
        return "(" + " or ".join(map(_source, formula.parts)) + ")"
    return repr(bool(formula))


_Check = Callable[[set[bytes], bytes], bool]


class Gate:
    """Which of ``patterns`` can possibly match somewhere in a text.

    Each pattern's formula is split into its alternatives, and each alternative
    is keyed on its cheapest set of necessary words (or pieces). One set
    intersection of the text's words with all keys rejects almost all neutral
    text; for the keys that are present, only the alternatives keyed on them
    are checked in full. Patterns with an alternative that needs nothing are
    always possible. Patterns are reported by ``id()``: hashing a compiled
    pattern is slow.
    """

    def __init__(self, patterns: tuple[re.Pattern[str], ...]) -> None:
        self.patterns = patterns
        self.formulas = tuple(requirement(p) for p in patterns)
        always: set[int] = set()
        by_word: dict[bytes, list[tuple[int, _Check]]] = {}
        by_piece: dict[bytes, list[tuple[int, _Check]]] = {}
        for pattern, formula in zip(patterns, self.formulas, strict=True):
            alternatives = formula.parts if isinstance(formula, Any) else (formula,)
            for alternative in alternatives:
                keys = necessary_leaves(alternative)
                if keys is None:
                    always.add(id(pattern))
                    continue
                # Generated from our own literals (bytes reprs) only; evaluated once here.
                check = eval(f"lambda w, f: {_source(alternative)}", {})  # noqa: S307
                for leaf in keys:
                    if isinstance(leaf, Word):
                        by_word.setdefault(leaf.word, []).append((id(pattern), check))
                    else:
                        by_piece.setdefault(leaf.piece, []).append((id(pattern), check))
        self.always = frozenset(always)
        self._by_word = {w: tuple(cs) for w, cs in by_word.items()}
        self._words = frozenset(by_word)
        self._pieces = tuple((piece, tuple(cs)) for piece, cs in sorted(by_piece.items()))
        self.possible = self._make_possible()

    def _make_possible(self) -> Callable[[str], frozenset[int]]:
        """Build ``possible(text)``: ``id()`` of every pattern that may match in ``text``.

        A closure over locals: it runs once per string of every post-mortem,
        so attribute look-ups are a measurable share of its cost.
        """
        always = self.always
        intersect = self._words.intersection
        by_word = self._by_word
        pieces = self._pieces
        # One search for all pieces (bytes "in" is slower than a regex search here).
        any_piece = re.compile(b"|".join(re.escape(piece) for piece, _ in pieces) or b"(?!)").search
        table = _FOLD_BYTES

        def possible(text: str) -> frozenset[int]:
            folded = text.encode().translate(table) if text.isascii() else fold(text)
            tokens = folded.split()
            hits = intersect(tokens)
            if not hits and any_piece(folded) is None:
                return always  # the common case: nothing can match
            words = set(tokens)
            found: set[int] = set()
            for word in hits:
                for pattern_id, check in by_word[word]:
                    if pattern_id not in found and check(words, folded):
                        found.add(pattern_id)
            for piece, checks in pieces:
                if folded.find(piece) >= 0:
                    for pattern_id, check in checks:
                        if pattern_id not in found and check(words, folded):
                            found.add(pattern_id)
            return always.union(found) if found else always

        return possible
