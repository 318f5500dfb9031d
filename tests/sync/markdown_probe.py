"""What GitHub would act on in Markdown the tool wrote: live mentions and links.

Written apart from pm_pipeline.inert on purpose (a regex reading of GitHub's rules, not the
tokenizer the tool uses), so a mistake in one is not repeated in the other.
"""

from __future__ import annotations

import re

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_FENCE = re.compile(r"^```.*?^```", re.DOTALL | re.MULTILINE)
_RUN = re.compile(r"`+")
_MENTION = re.compile(r"(?<![\w`\\])@([A-Za-z0-9][A-Za-z0-9-]*(?:/[A-Za-z0-9][\w.-]*)?)")
_LINK = re.compile(r"(!?)\[([^\]]*)\]\(([^)\s]*)")


def _visible(markdown: str) -> str:
    """The text GitHub reads for mentions and links: comments, fences and code spans blanked,
    backslash-escaped characters blanked (an escaped `@` is kept: assume it may still notify)."""
    text = _FENCE.sub(" ", _COMMENT.sub(" ", markdown))
    out: list[str] = []
    i = 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            out.append("@" if text[i + 1] == "@" else " ")
            i += 2
        elif text[i] == "`":
            run = _RUN.match(text, i)
            assert run is not None
            closing = next((m for m in _RUN.finditer(text, run.end()) if len(m.group()) == len(run.group())), None)
            out.append(" ")
            i = closing.end() if closing else run.end()
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def live_mentions(markdown: str) -> list[str]:
    """Handles GitHub would notify (with the @), in order."""
    return ["@" + found.group(1) for found in _MENTION.finditer(_visible(markdown))]


def live_links(markdown: str) -> list[tuple[str, str]]:
    """(kind, target) of every Markdown link ("link") and image ("image") GitHub would render."""
    return [("image" if bang else "link", target) for bang, _text, target in _LINK.findall(_visible(markdown))]
