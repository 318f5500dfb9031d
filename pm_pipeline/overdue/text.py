"""Making user-written text safe inside the Markdown the job posts."""

from __future__ import annotations

import re

_MENTION = re.compile(r"@(?=[A-Za-z0-9])")
_ZERO_WIDTH_SPACE = "\u200b"


def inline(text: str, limit: int = 200) -> str:
    """One line of user text for a table cell or list item: no HTML, no pipes, no pings."""
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
    return _MENTION.sub("@" + _ZERO_WIDTH_SPACE, flat)


def quiet_handle(handle: str) -> str:
    """A handle shown without notifying its owner (the digest names people, comments ping them)."""
    return f"`{handle}`"


def link(label: str, url: str | None) -> str:
    return f"[{label}]({url})" if url else label
