"""User text made inert in the Markdown the tool writes to GitHub (issue titles, bodies, comments).

GitHub notifies every `@user` and `@org/team` written in an issue or comment, and renders
Markdown links and images. Text from the YAML must do neither: only the mentions the tool means
to make (the owner at creation, owner and sponsor on escalation) may notify anyone. So in user
text a mention becomes a code span (GitHub never notifies from code), the brackets of links and
images are escaped (they show as typed), HTML is escaped and backticks that open no code span
are escaped (so they cannot pair with the code spans added here). Code spans the author wrote
are kept as written: nothing in them notifies or links. Issue titles are plain text, so there a
mention only gets a zero-width space after its `@` (`quiet_mentions`). Pure.
"""

from __future__ import annotations

import re
from urllib.parse import quote

# A mention needs a boundary before the `@` (so `ops@example.com` is an address, not a mention).
# The match runs on over every handle character, `/` (teams) and `@`, so that wrapping it in a
# code span never gives what follows a new boundary (`@a@b` becomes one span, not `@a` then @b).
MENTION = re.compile(r"(?<![A-Za-z0-9_])@[A-Za-z0-9][\w@./-]*")
_TRAILING = "./-"  # sentence punctuation after a handle stays outside the span
ZERO_WIDTH_SPACE = "\u200b"
_BACKTICKS = re.compile(r"`+")
_PLAIN_ESCAPES = {"\\": "\\\\", "&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "\\|", "[": "\\[", "]": "\\]", "`": "\\`"}
_CODE_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "\\|"}


def inert_text(text: str) -> str:
    """One line of user text for a title, a table cell or a sentence: no pings, links, images or HTML."""
    flat = " ".join(text.split())
    pieces: list[str] = []
    for is_code, segment in split_code_spans(flat):
        pieces += [_escape(segment, _CODE_ESCAPES)] if is_code else _plain(segment)
    return _join(pieces)


def quiet_mentions(text: str) -> str:
    """Plain text (an issue title, a line of a plan): every mention gets a zero-width space after
    its `@`, which reads the same and notifies no one. Nothing else changes: titles are not
    Markdown, so escaping would show."""
    return MENTION.sub(lambda found: "@" + ZERO_WIDTH_SPACE + found.group()[1:], text)


def inert_handle(handle: str) -> str:
    """A person named without notifying them."""
    return f"`{handle}`" if handle and "`" not in handle else inert_text(handle)


def inert_path(path: str) -> str:
    """A repository path shown in Markdown: one line, no markup, no marker."""
    return inert_text(path.replace("\\", "/"))


def url_path(path: str) -> str:
    """A repository path made safe inside a URL (every byte outside the unreserved set and `/` encoded)."""
    return quote(path.replace("\\", "/"), safe="/")


def split_code_spans(text: str) -> list[tuple[bool, str]]:
    """(is_code, segment) pairs: a backtick run closed by a run of the same length is a code span
    (CommonMark); an unmatched run is plain text."""
    parts: list[tuple[bool, str]] = []
    position = plain_from = 0
    while (opening := _BACKTICKS.search(text, position)) is not None:
        closing = _closing_run(text, opening.end(), len(opening.group()))
        if closing is None:
            position = opening.end()
            continue
        if opening.start() > plain_from:
            parts.append((False, text[plain_from : opening.start()]))
        parts.append((True, text[opening.start() : closing]))
        position = plain_from = closing
    if plain_from < len(text):
        parts.append((False, text[plain_from:]))
    return parts


def _closing_run(text: str, start: int, length: int) -> int | None:
    for run in _BACKTICKS.finditer(text, start):
        if len(run.group()) == length:
            return run.end()
    return None


def _plain(segment: str) -> list[str]:
    out: list[str] = []
    position = 0
    for found in MENTION.finditer(segment):
        handle = found.group().rstrip(_TRAILING)
        out.append(_escape(segment[position : found.start()], _PLAIN_ESCAPES))
        out.append(f"`{handle}`")
        position = found.start() + len(handle)
    out.append(_escape(segment[position:], _PLAIN_ESCAPES))
    return out


def _join(pieces: list[str]) -> str:
    """Pieces joined; a space between two backticks, so an added code span never merges with a
    neighbouring backtick run into a longer (unmatched) run."""
    out = ""
    for piece in pieces:
        if piece and out.endswith("`") and piece.startswith("`"):
            out += " "
        out += piece
    return out


def _escape(text: str, table: dict[str, str]) -> str:
    return "".join(table.get(char, char) for char in text)
