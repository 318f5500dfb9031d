"""The site as values: post-mortems + action-item states + now -> pages.

No MkDocs here. A page is a source path (as MkDocs names files), a plain-text
title, its HTML (from autoescaping Jinja2 templates) and its table of contents.
The plugin hands the HTML to MkDocs as the page content without a Markdown pass:
parsing megabytes of HTML through Python-Markdown would cost more than the
whole rest of the build.
"""

from __future__ import annotations

import functools
import json
import posixpath
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup, escape

from pm_pipeline.findings import Finding
from pm_pipeline.model import PostMortem
from pm_pipeline.site import charts
from pm_pipeline.site.status import State, StatusSource, TrackedItem

DASHBOARD = "index.md"
ALL = "postmortems/index.md"
INDEXES = {
    "service": ("indexes/services.md", "By service"),
    "severity": ("indexes/severities.md", "By severity"),
    "owner": ("indexes/owners.md", "By owner"),
    "factor": ("indexes/factors.md", "By factor category"),
}
OVERDUE = ("indexes/overdue.md", "Overdue action items")
RECENT = 10
OVERDUE_SHOWN = 15


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    title: str  # HTML, already escaped


@dataclass(frozen=True)
class Page:
    """One generated page: `path` is its source name (`postmortems/PM-x.md`), `html` its content.

    `markdown` is the same page as a Markdown file (front matter + HTML), for tools that want files.
    """

    path: str
    title: str
    html: str
    toc: tuple[Heading, ...] = ()
    hide: tuple[str, ...] = ()
    in_nav: bool = True
    yaml_path: str | None = None
    edit_url: str | None = None

    @property
    def front_matter(self) -> str:
        return front_matter(self.title, self.hide)

    @property
    def markdown(self) -> str:
        return self.front_matter + self.html


@dataclass(frozen=True)
class SiteOptions:
    severities: tuple[str, ...] = ("P1", "P2", "P3", "P4")
    publish_sla_hours: float = 48
    due_soon_days: int = 3
    directory_urls: bool = True
    edit_url: str | None = None
    dashboard: str = DASHBOARD
    title: str = "Post-mortems"


@dataclass(frozen=True)
class SiteInput:
    postmortems: Sequence[PostMortem]
    tracked: Sequence[TrackedItem]
    source: StatusSource
    now: datetime
    yaml_paths: Mapping[str, str] = field(default_factory=dict)
    problems: Mapping[str, Sequence[Finding]] = field(default_factory=dict)
    skipped: Sequence[Finding] = ()


@dataclass(frozen=True)
class Counts:
    open: int = 0
    due_soon: int = 0
    overdue: int = 0
    done: int = 0
    not_doing: int = 0

    @property
    def total(self) -> int:
        return self.open + self.done + self.not_doing

    @classmethod
    def of(cls, items: Iterable[TrackedItem]) -> Counts:
        tally = Counter(item.state for item in items)
        return cls(
            open=sum(n for s, n in tally.items() if s.is_open),
            due_soon=tally[State.DUE_SOON],
            overdue=tally[State.OVERDUE],
            done=tally[State.DONE],
            not_doing=tally[State.NOT_DOING],
        )


NO_ITEMS = Counts()


@dataclass(frozen=True)
class Row:
    key: str
    href: str
    counts: Counts
    badge: str = ""


@functools.lru_cache(maxsize=4096)
def url_of(path: str, directory_urls: bool) -> str:
    """The URL MkDocs gives a source path, relative to the site root."""
    stem, _ = posixpath.splitext(path)
    if not directory_urls:
        return stem + ".html"
    if posixpath.basename(stem) == "index":
        folder = posixpath.dirname(stem)
        return folder + "/" if folder else ""
    return stem + "/"


def root_prefix(path: str, directory_urls: bool) -> str:
    """The relative way from a page back to the site root: "", "../", "../../"."""
    here = url_of(path, directory_urls)
    folder = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    return "../" * folder.count("/") if folder != "/" else ""


def relative_url(from_path: str, to_path: str, directory_urls: bool, anchor: str = "") -> str:
    link = root_prefix(from_path, directory_urls) + url_of(to_path, directory_urls)
    return (link or "./") + (f"#{anchor}" if anchor else "")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def safe_link(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) address, else None: nothing else is ever linked."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc and not re.search(r"\s", url) else None


def pm_path(postmortem: PostMortem) -> str:
    return f"postmortems/{postmortem.id}.md"


def format_duration(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes:02d} min"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h"


def format_utc(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "—"


def paragraphs(text: str) -> Markup:
    """Text split into escaped <p> elements at blank lines."""
    parts = [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]
    return Markup("".join(f"<p>{escape(part)}</p>" for part in parts))


def make_environment(templates_dir: Path | None = None) -> jinja2.Environment:
    """Templates from `templates_dir` first, then the bundled ones; everything autoescaped."""
    loaders: list[jinja2.BaseLoader] = []
    if templates_dir is not None:
        loaders.append(jinja2.FileSystemLoader(str(templates_dir)))
    loaders.append(jinja2.PackageLoader("pm_pipeline.site", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(
        utc=format_utc,
        duration=format_duration,
        minutes=charts.format_minutes,
        safe_link=safe_link,
        slug=slug,
        paras=paragraphs,
    )
    return env


def front_matter(title: str, hide: Sequence[str] = ()) -> str:
    """Material writes `page.meta.title` into <title> and the header unescaped, so escape it here."""
    lines = ["---", "title: " + json.dumps(str(escape(title)))]
    if hide:
        lines.append("hide: " + json.dumps(list(hide)))
    return "\n".join(lines) + "\n---\n\n"


class Components:
    """Badges and links used on every row, as Python (a Jinja macro call costs ~10x more)."""

    def __init__(self, path: str, renderer: _Renderer) -> None:
        self.headings: list[Heading] = []
        self.prefix = root_prefix(path, renderer.options.directory_urls)
        self.directory_urls = renderer.options.directory_urls
        self.anchors = renderer.anchors
        self.severity_class = renderer.severity_class

    def h(self, level: int, text: str, anchor: str = "") -> Markup:
        """A section heading with a permalink; it is also recorded for the page's table of contents."""
        title = escape(text)
        anchor = anchor or slug(str(text))
        self.headings.append(Heading(level, anchor, str(title)))
        return Markup('<h%d id="%s">%s<a class="headerlink" href="#%s" title="Permanent link">&para;</a></h%d>') % (
            level,
            anchor,
            title,
            anchor,
            level,
        )

    def href(self, target: str, anchor: str = "") -> str:
        link = self.prefix + url_of(target, self.directory_urls)
        return (link or "./") + (f"#{anchor}" if anchor else "")

    def index_href(self, kind: str, key: str) -> str:
        return self.href(INDEXES[kind][0], self.anchors[kind].get(key, ""))

    def pm_href(self, postmortem: PostMortem) -> str:
        return self.href(pm_path(postmortem))

    def sev(self, severity: str) -> Markup:
        return Markup('<span class="pm-badge pm-sev %s">%s</span>') % (self.severity_class(severity), severity)

    def state(self, state: State) -> Markup:
        return Markup('<span class="pm-badge pm-state pm-state--%s">%s</span>') % (state.value, state.label)

    def status(self, value: str) -> Markup:
        return Markup('<span class="pm-badge pm-status pm-status--%s">%s</span>') % (slug(value), value)

    def prio(self, value: str) -> Markup:
        return Markup('<span class="pm-prio pm-prio--%s">%s</span>') % (slug(value), value)

    def issue(self, tracked: TrackedItem) -> Markup:
        url = safe_link(tracked.issue.url) if tracked.issue else None
        if url is None:
            return Markup('<span class="pm-muted" title="no issue in the sync snapshot">—</span>')
        number = tracked.issue.number if tracked.issue else None
        return Markup('<a class="pm-issue" href="%s">%s</a>') % (url, f"#{number}" if number else "issue")

    def owner(self, handle: str) -> Markup:
        return Markup('<a class="pm-handle" href="%s">%s</a>') % (self.index_href("owner", handle), handle)

    def service(self, name: str) -> Markup:
        return Markup('<a class="pm-chip" href="%s">%s</a>') % (self.index_href("service", name), name)


class _Renderer:
    def __init__(self, site: SiteInput, options: SiteOptions, env: jinja2.Environment) -> None:
        self.site, self.options, self.env = site, options, env
        self.postmortems = sorted(site.postmortems, key=lambda p: p.incident.started_at, reverse=True)
        self.items_by_pm: dict[str, list[TrackedItem]] = defaultdict(list)
        for tracked in site.tracked:
            self.items_by_pm[tracked.postmortem.id].append(tracked)
        self.pm_counts = {pm_id: Counts.of(items) for pm_id, items in self.items_by_pm.items()}
        self.severities = list(options.severities) + sorted(
            {p.severity for p in self.postmortems} - set(options.severities)
        )
        self.anchors: dict[str, dict[str, str]] = {kind: {} for kind in INDEXES}
        for kind, keys in (
            ("service", {s for p in self.postmortems for s in p.incident.services}),
            ("severity", set(self.severities)),
            ("owner", {t.item.owner for t in site.tracked}),
            ("factor", {f.category for p in self.postmortems for f in p.contributing_factors.factors}),
        ):
            used: set[str] = set()
            for key in sorted(keys):
                anchor, n = f"{kind}-{slug(key)}", 2
                while anchor in used:
                    anchor, n = f"{kind}-{slug(key)}-{n}", n + 1
                used.add(anchor)
                self.anchors[kind][key] = anchor

    def render(
        self,
        template: str,
        path: str,
        title: str,
        hide: tuple[str, ...] = (),
        *,
        in_nav: bool = True,
        yaml_path: str | None = None,
        edit_url: str | None = None,
        **context: Any,
    ) -> Page:
        ui = Components(path, self)
        html = self.env.get_template(template).render(
            page_path=path,
            title=title,
            ui=ui,
            href=ui.href,
            index_href=ui.index_href,
            pm_href=ui.pm_href,
            severity_class=self.severity_class,
            options=self.options,
            source=self.site.source,
            now=self.site.now,
            items_of=lambda p: self.items_by_pm.get(p.id, []),
            counts_of=Counts.of,
            pm_counts=lambda p: self.pm_counts.get(p.id, NO_ITEMS),
            State=State,
            indexes=INDEXES,
            all_path=ALL,
            overdue_path=OVERDUE[0],
            dashboard_path=self.options.dashboard,
            anchors=self.anchors,
            yaml_path=yaml_path,
            edit_url=edit_url,
            **context,
        )
        return Page(path, title, html, tuple(ui.headings), hide, in_nav, yaml_path, edit_url)

    def severity_class(self, severity: str) -> str:
        index = self.severities.index(severity) if severity in self.severities else len(self.severities)
        return f"pm-sev--{min(index + 1, 6)}"

    def pages(self) -> list[Page]:
        pages = [self.dashboard(), self.all_page(), self.overdue_page()]
        pages += [self.index_page(kind) for kind in INDEXES]
        pages += [self.postmortem_page(p) for p in self.postmortems]
        return pages

    def rows(self, kind: str, counts: Mapping[str, Counts], keys: Iterable[str]) -> list[Row]:
        return [
            Row(
                key,
                relative_url(
                    self.options.dashboard,
                    INDEXES[kind][0],
                    self.options.directory_urls,
                    self.anchors[kind].get(key, ""),
                ),
                counts.get(key, NO_ITEMS),
                self.severity_class(key) if kind == "severity" else "",
            )
            for key in keys
        ]

    def dashboard(self) -> Page:
        tracked = self.site.tracked
        by: dict[str, dict[str, list[TrackedItem]]] = {
            k: defaultdict(list) for k in ("priority", "owner", "service", "severity")
        }
        for item in tracked:
            by["priority"][item.item.priority].append(item)
            by["owner"][item.item.owner].append(item)
            by["severity"][item.postmortem.severity].append(item)
            for service in item.postmortem.incident.services:
                by["service"][service].append(item)
        counts = {kind: {key: Counts.of(items) for key, items in groups.items()} for kind, groups in by.items()}
        priorities = [p for p in ("high", "medium", "low") if p in by["priority"]]
        services = sorted(by["service"], key=lambda k: (-counts["service"][k].open, k))
        owners = sorted(by["owner"], key=lambda k: (-counts["owner"][k].overdue, -counts["owner"][k].open, k))
        breakdowns = [
            ("Priority", [Row(p, "", counts["priority"][p], f"pm-prio-badge pm-prio--{p}") for p in priorities]),
            (
                "Severity",
                self.rows("severity", counts["severity"], [s for s in self.severities if s in by["severity"]]),
            ),
            ("Service", self.rows("service", counts["service"], services)),
            ("Owner", self.rows("owner", counts["owner"], owners)),
        ]
        overdue = sorted((t for t in tracked if t.state is State.OVERDUE), key=lambda t: (-t.days_late, t.item.owner))
        incidents = self.postmortems
        ttd = [(p.incident.detected_at - p.incident.started_at).total_seconds() / 60 for p in incidents]
        ttr = [(p.incident.resolved_at - p.incident.started_at).total_seconds() / 60 for p in incidents]
        severity_counts = Counter(p.severity for p in incidents)
        factor_counts = Counter(c for p in incidents for c in {f.category for f in p.contributing_factors.factors})
        chart_html = [
            charts.incidents_per_month([(p.incident.started_at, p.severity) for p in incidents], self.severities),
            charts.detect_and_resolve(
                [(p.incident.started_at, d, r, p.id) for p, d, r in zip(incidents, ttd, ttr, strict=True)]
            ),
            charts.burn_down([(t.opened_at, t.item.deadline, self.closed_at(t)) for t in tracked], self.site.now),
            charts.factor_categories(sorted(factor_counts.items(), key=lambda kv: (-kv[1], kv[0]))),
        ]
        return self.render(
            "dashboard.html",
            self.options.dashboard,
            "Dashboard",
            hide=("toc",),
            incidents=incidents,
            recent=incidents[:RECENT],
            totals=Counts.of(tracked),
            breakdowns=breakdowns,
            overdue=overdue[:OVERDUE_SHOWN],
            overdue_hidden=max(0, len(overdue) - OVERDUE_SHOWN),
            severity_counts=[(s, severity_counts[s]) for s in self.severities if severity_counts[s]],
            median_ttd=statistics.median(ttd) if ttd else None,
            median_ttr=statistics.median(ttr) if ttr else None,
            charts=chart_html,
            skipped=self.site.skipped,
        )

    def closed_at(self, tracked: TrackedItem) -> datetime | None:
        """Close time for the burn-down; without a snapshot a closed item counts as closed on its deadline."""
        if tracked.state.is_open:
            return None
        if tracked.closed_at is not None:
            return tracked.closed_at
        deadline = datetime.combine(tracked.item.deadline, datetime.min.time(), tzinfo=self.site.now.tzinfo)
        return max(min(deadline, self.site.now), tracked.opened_at)

    def overdue_page(self) -> Page:
        overdue = sorted(
            (t for t in self.site.tracked if t.state is State.OVERDUE), key=lambda t: (-t.days_late, t.item.owner)
        )
        return self.render("overdue.html", OVERDUE[0], OVERDUE[1], hide=("toc",), overdue=overdue)

    def all_page(self) -> Page:
        return self.render("all.html", ALL, "All post-mortems", hide=("toc",), postmortems=self.postmortems)

    def index_page(self, kind: str) -> Page:
        path, title = INDEXES[kind]
        groups: dict[str, list[Any]] = defaultdict(list)
        if kind == "owner":
            for item in sorted(self.site.tracked, key=lambda t: (t.item.deadline, t.postmortem.id, t.item.id)):
                groups[item.item.owner].append(item)
        for p in self.postmortems:
            if kind == "service":
                for service in p.incident.services:
                    groups[service].append(p)
            elif kind == "severity":
                groups[p.severity].append(p)
            elif kind == "factor":
                for category in dict.fromkeys(f.category for f in p.contributing_factors.factors):
                    groups[category].append(p)
        keys = (
            [s for s in self.severities if s in groups]
            if kind == "severity"
            else sorted(groups, key=lambda k: (-len(groups[k]), k))
        )
        return self.render("index.html", path, title, hide=("toc",), kind=kind, keys=keys, groups=groups)

    def postmortem_page(self, p: PostMortem) -> Page:
        path = pm_path(p)
        yaml_path = self.site.yaml_paths.get(p.id)
        edit = None
        if self.options.edit_url and yaml_path:
            edit = safe_link(self.options.edit_url.rstrip("/") + "/" + yaml_path.lstrip("/"))
        sla_hours = self.options.publish_sla_hours
        deadline = p.incident.resolved_at + timedelta(hours=sla_hours)
        if p.published_at is not None:
            sla = "met" if p.published_at <= deadline else "missed"
        else:
            sla = "missed" if self.site.now > deadline else "pending"
        return self.render(
            "postmortem.html",
            path,
            p.title,
            in_nav=False,
            yaml_path=yaml_path,
            edit_url=edit,
            pm=p,
            items=self.items_by_pm.get(p.id, []),
            sla=sla,
            sla_deadline=deadline,
            findings=self.site.problems.get(p.id, ()),
        )


def render_site(site: SiteInput, options: SiteOptions, env: jinja2.Environment | None = None) -> list[Page]:
    """Every page: dashboard, all post-mortems, overdue items, four indexes, one page per post-mortem."""
    return _Renderer(site, options, env or make_environment()).pages()
