"""Making user-written text safe inside the Markdown the job posts."""

from __future__ import annotations

from pm_pipeline.inert import inert_text


def inline(text: str, limit: int = 200) -> str:
    """One line of user text for a table cell or list item: no HTML, pipes, links, images or pings."""
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return inert_text(flat)


def quiet_handle(handle: str) -> str:
    """A handle shown without notifying its owner (the digest names people, comments ping them)."""
    return f"`{handle}`"


def link(label: str, url: str | None) -> str:
    return f"[{label}]({url})" if url else label
