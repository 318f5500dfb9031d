"""HTML pieces used on every row (badges, links, headings) and the formatting filters of the templates.

Python rather than Jinja macros: a macro call costs about ten times more, and rows repeat by the thousand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from markupsafe import Markup, escape

from pm_pipeline.model import PostMortem
from pm_pipeline.site.status import ItemState, TrackedItem
from pm_pipeline.site.urls import INDEXES, anchor_of, pm_path, root_prefix, safe_link, slug, url_of
from pm_pipeline.site.views import SiteModel


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    title: str  # HTML, already escaped


def format_duration(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes:02d} min"
    days, hours = divmod(hours, 24)
    return f"{days:,} d {hours} h"


def format_utc(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "—"


def paragraphs(text: str) -> Markup:
    """Text split into escaped <p> elements at blank lines."""
    parts = [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]
    return Markup("".join(f"<p>{escape(part)}</p>" for part in parts))


def plural(count: int, noun: str, many: str = "") -> str:
    return f"{count:,} {noun if count == 1 else many or noun + 's'}"


class Components:
    """Badges and links used on every row, as Python (a Jinja macro call costs ~10x more)."""

    def __init__(self, path: str, model: SiteModel, prefix: str | None = None) -> None:
        self.headings: list[Heading] = []
        self.prefix = root_prefix(path, model.options.directory_urls) if prefix is None else prefix
        self.directory_urls = model.options.directory_urls
        self.model = model

    def h(self, level: int, text: str, anchor: str = "", searchable: bool = True) -> Markup:
        """A section heading with a permalink, recorded for the page's table of contents.

        `searchable=False` leaves the section out of the search index (Material drops a section
        whose heading carries `data-search-exclude`).
        """
        title = escape(text)
        anchor = anchor or slug(str(text))
        self.headings.append(Heading(level, anchor, str(title)))
        exclude = "" if searchable else " data-search-exclude"
        return Markup(
            '<h%d id="%s"%s>%s<a class="headerlink" href="#%s" title="Permanent link" aria-label="Permanent link">'
            "&para;</a></h%d>"
        ) % (level, anchor, Markup(exclude), title, anchor, level)

    def href(self, target: str, anchor: str = "") -> str:
        link = self.prefix + url_of(target, self.directory_urls)
        return (link or "./") + (f"#{anchor}" if anchor else "")

    def asset(self, path: str) -> str:
        """A file that is not a page (a download, a script's data), from the site root."""
        return self.prefix + path

    def index_href(self, kind: str, key: str) -> str:
        detail = self.model.detail_paths.get(kind, {}).get(key)
        if detail is not None:
            return self.href(detail)
        return self.href(INDEXES[kind][0], self.model.anchors[kind].get(key, ""))

    def pm_href(self, postmortem: PostMortem) -> str:
        return self.href(pm_path(postmortem.id))

    def item_href(self, tracked: TrackedItem) -> str:
        return self.href(pm_path(tracked.postmortem.id), anchor_of(tracked.item.id))

    def sev(self, severity: str) -> Markup:
        return Markup('<span class="pm-badge pm-sev pm-sev--%d">%s</span>') % (
            self.model.severity_rank(severity),
            severity,
        )

    def state(self, state: ItemState) -> Markup:
        return Markup('<span class="pm-badge pm-state pm-state--%s">%s</span>') % (state.value, state.label)

    def status(self, value: str) -> Markup:
        return Markup('<span class="pm-badge pm-status pm-status--%s">%s</span>') % (slug(value), value)

    def prio(self, value: str) -> Markup:
        return Markup('<span class="pm-prio pm-prio--%s">%s</span>') % (slug(value), value)

    def issue(self, tracked: TrackedItem) -> Markup:
        """The item's issue and its state (open, closed, not planned), or why there is none yet."""
        url = safe_link(tracked.issue.url) if tracked.issue else None
        if url is None:
            source = self.model.site.source
            why = "not synced yet" if source.kind != "snapshot" or source.offline else "no issue"
            return Markup('<span class="pm-muted pm-issue-none">%s</span>') % why
        issue = tracked.issue
        assert issue is not None
        label = f"#{issue.number}" if issue.number else "issue"
        if issue.state == "open":
            state = "open"
        else:
            state = "not planned" if issue.state_reason == "not_planned" else "closed"
        html = '<a class="pm-issue" href="%s">%s</a> <span class="pm-issue-state pm-issue-state--%s">%s</span>'
        return Markup(html) % (url, label, slug(state), state)

    def owner(self, handle: str) -> Markup:
        return Markup('<a class="pm-handle" href="%s">%s</a>') % (self.index_href("owner", handle), handle)

    def service(self, name: str) -> Markup:
        return Markup('<a class="pm-chip" href="%s">%s</a>') % (self.index_href("service", name), name)
