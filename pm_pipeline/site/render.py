"""Template-only rendering: view models (views.py) in, pages out.

No MkDocs here. A page is a source path (as MkDocs names files), a plain-text
title, its HTML (from autoescaping Jinja2 templates) and its table of contents.
The plugin hands the HTML to MkDocs as the page content without a Markdown pass:
parsing megabytes of HTML through Python-Markdown would cost more than the
whole rest of the build.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import escape

from pm_pipeline.model import PostMortem
from pm_pipeline.site import charts, metric_charts, metrics
from pm_pipeline.site.components import Components, Heading, format_duration, format_utc, paragraphs, plural
from pm_pipeline.site.downloads import Asset, downloads, table_rows
from pm_pipeline.site.insight_pages import InsightPages
from pm_pipeline.site.status import ItemState
from pm_pipeline.site.urls import (
    ALL,
    DASHBOARD,
    DETAIL_FOLDERS,
    INDEXES,
    METRICS,
    OVERDUE,
    anchor_of,
    edit_link,
    pm_path,
    relative_url,
    safe_link,
    slug,
    url_of,
)
from pm_pipeline.site.views import Counts, SiteInput, SiteModel, SiteOptions, median, publish_sla

__all__ = [
    "ALL",
    "DASHBOARD",
    "INDEXES",
    "METRICS",
    "OVERDUE",
    "Asset",
    "Heading",
    "Page",
    "SiteInput",
    "SiteOptions",
    "make_environment",
    "relative_url",
    "build_site",
    "render_site",
    "safe_link",
    "url_of",
]
RECENT = 10
OVERDUE_SHOWN = 15
STATIC_ROWS = 100  # rows of a long table in its HTML; the script loads the rest from its rows file
SECTION_ROWS = 25  # incidents shown under each severity on the severity index
ROWS = {"overdue": "assets/pm-pipeline/rows/overdue.json", "incidents": "assets/pm-pipeline/rows/incidents.json"}
ROW_PREFIX = "~/"  # links in a rows file start here; the script puts the page's way to the site root instead
SEPARATOR = "\x1e"


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
    searchable: bool = True

    @property
    def front_matter(self) -> str:
        return front_matter(self.title, self.hide, self.searchable)

    @property
    def markdown(self) -> str:
        return self.front_matter + self.html


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
        plural=plural,
        num="{:,}".format,
    )
    return env


def front_matter(title: str, hide: Sequence[str] = (), searchable: bool = True) -> str:
    """Material writes `page.meta.title` into <title> and the header unescaped, so escape it here.

    `ensure_ascii=False`: YAML reads JSON's `\\ud83d\\ude92` surrogate escapes as two broken characters.
    """
    lines = ["---", "title: " + json.dumps(str(escape(title)), ensure_ascii=False)]
    if hide:
        lines.append("hide: " + json.dumps(list(hide)))
    if not searchable:
        lines.append("search: {exclude: true}")
    return "\n".join(lines) + "\n---\n\n"


class _Renderer:
    def __init__(self, site: SiteInput, options: SiteOptions, env: jinja2.Environment) -> None:
        self.site, self.options, self.env = site, options, env
        self.model = SiteModel(site, options)
        self.insights = InsightPages(self)

    def render(
        self,
        template: str,
        path: str,
        title: str,
        hide: tuple[str, ...] = (),
        *,
        in_nav: bool = True,
        searchable: bool = True,
        yaml_path: str | None = None,
        edit_url: str | None = None,
        prefix: str | None = None,
        **context: Any,
    ) -> Page:
        ui = Components(path, self.model, prefix)
        model = self.model
        html = self.env.get_template(template).render(
            page_path=path,
            title=title,
            ui=ui,
            href=ui.href,
            index_href=ui.index_href,
            pm_href=ui.pm_href,
            item_href=ui.item_href,
            asset=ui.asset,
            static_rows=STATIC_ROWS,
            section_rows=SECTION_ROWS,
            options=self.options,
            source=self.site.source,
            now=self.site.now,
            items_of=model.items_of,
            counts_of=Counts.of,
            pm_counts=model.counts_of,
            team_of=model.team,
            sev_rank=model.severity_rank,
            State=ItemState,
            indexes=INDEXES,
            all_path=ALL,
            overdue_path=OVERDUE[0],
            dashboard_path=self.options.dashboard,
            anchors=model.anchors,
            yaml_path=yaml_path,
            edit_url=edit_url,
            **context,
        )
        return Page(path, title, html, tuple(ui.headings), hide, in_nav, yaml_path, edit_url, searchable)

    def pages(self) -> list[Page]:
        pages = [self.dashboard(), self.all_page(), self.overdue_page(), self.metrics_page()]
        pages += [self.index_page(kind) for kind in INDEXES]
        pages += self.insights.pages()
        pages += [self.detail_page(kind, key) for kind in DETAIL_FOLDERS for key in self.model.detail_paths[kind]]
        pages += [self.postmortem_page(p) for p in self.model.postmortems]
        return pages

    def dashboard(self) -> Page:
        model, tracked = self.model, self.site.tracked
        incidents = model.postmortems
        ttd, ttr = model.durations()
        overdue = model.overdue()
        totals = Counts.of(tracked)
        severity_counts = {s: sum(1 for p in incidents if p.severity == s) for s in model.severities}
        factor_counts: dict[str, int] = {}
        for p in incidents:
            for category in {f.category for f in p.contributing_factors.factors}:
                factor_counts[category] = factor_counts.get(category, 0) + 1
        chart_html = [
            charts.incidents_per_month([(p.incident.started_at, p.severity) for p in incidents], model.severities),
            charts.detect_and_resolve(
                [(p.incident.started_at, d, r, p.id) for p, d, r in zip(incidents, ttd, ttr, strict=True)]
            ),
            charts.burn_down(
                [(t.opened_at, t.item.deadline, model.closed_at(t)) for t in tracked],
                self.site.now,
                (totals.open, totals.overdue),
            ),
            charts.factor_categories(sorted(factor_counts.items(), key=lambda kv: (-kv[1], kv[0]))),
        ]
        return self.render(
            "dashboard.html",
            self.options.dashboard,
            "Dashboard",
            hide=("toc",),
            searchable=False,
            incidents=incidents,
            recent=incidents[:RECENT],
            totals=totals,
            breakdowns=model.breakdowns(),
            overdue=overdue[:OVERDUE_SHOWN],
            overdue_hidden=max(0, len(overdue) - OVERDUE_SHOWN),
            severity_counts=[(s, n) for s, n in severity_counts.items() if n],
            median_ttd=median(ttd),
            median_ttr=median(ttr),
            charts=chart_html,
            skipped=self.site.skipped,
        )

    def overdue_page(self) -> Page:
        overdue = self.model.overdue()
        return self.render(
            "overdue.html",
            OVERDUE[0],
            OVERDUE[1],
            hide=("toc",),
            searchable=False,
            overdue=overdue,
            rows_src=ROWS["overdue"],
        )

    def all_page(self) -> Page:
        return self.render(
            "all.html",
            ALL,
            "All post-mortems",
            hide=("toc",),
            searchable=False,
            postmortems=self.model.postmortems,
            rows_src=ROWS["incidents"],
        )

    def metrics_page(self) -> Page:
        incidents, tracked = self.model.postmortems, self.site.tracked
        by_month = metrics.durations_by_month(incidents)
        teams = bool(self.options.teams)
        by_team = metrics.completion_by_team(tracked, self.model.team if teams else str)
        return self.render(
            "metrics.html",
            METRICS[0],
            METRICS[1],
            hide=("toc",),
            searchable=False,
            by_month=by_month,
            by_severity=metrics.durations_by_severity(incidents, self.model.severities),
            by_quarter=metrics.completion_by_quarter(tracked),
            by_team=by_team,
            teams=teams,
            duration_charts=[
                metric_charts.duration_trend("chart-mttd", "Time to detect per month", by_month, "detect"),
                metric_charts.duration_trend("chart-mttr", "Time to resolve per month", by_month, "resolve"),
            ],
            completion_chart=metric_charts.completion_per_quarter(metrics.completion_by_quarter(tracked)),
        )

    def assets(self) -> list[Asset]:
        """Downloads, and the full rows of the long tables for the table script."""
        files = downloads(self.site)
        for name, kind, rows in (
            ("overdue", "items", self.model.overdue()),
            ("incidents", "incidents", self.model.postmortems),
        ):
            if len(rows) > STATIC_ROWS:
                html = self.render(
                    "rows.html", "", "", prefix=ROW_PREFIX, kind=kind, rows=rows, separator=SEPARATOR
                ).html
                files.append(Asset(ROWS[name], table_rows(html, SEPARATOR)))
        return files

    def index_page(self, kind: str) -> Page:
        path, title = INDEXES[kind]
        items = self.model.items_by(kind) if kind in DETAIL_FOLDERS else {}
        groups: dict[str, list[PostMortem]] = {}
        if kind == "owner":
            keys = sorted(items, key=lambda k: (-len(items[k]), k))
        else:
            keys, groups = self.model.groups(kind)
        return self.render(
            "index.html",
            path,
            title,
            hide=("toc",),
            searchable=False,
            kind=kind,
            keys=keys,
            groups=groups,
            items=items,
        )

    def detail_page(self, kind: str, key: str) -> Page:
        """One owner's or one service's action items, open ones first, and for a service its incidents."""
        items = self.model.items_by(kind).get(key, [])
        incidents = self.model.groups(kind)[1].get(key, []) if kind == "service" else []
        team = self.model.team(key) if kind == "owner" and self.options.teams else ""
        return self.render(
            "detail.html",
            self.model.detail_paths[kind][key],
            key,
            hide=("toc",),
            in_nav=False,
            searchable=False,
            kind=kind,
            items=items,
            incidents=incidents,
            team=team,
        )

    def postmortem_page(self, p: PostMortem) -> Page:
        yaml_path = self.site.yaml_paths.get(p.id)
        sla = publish_sla(p, self.options.publish_sla_hours, self.site.now)
        findings = self.site.problems.get(p.id, ())
        errors = sum(1 for f in findings if f.is_error)
        return self.render(
            "postmortem.html",
            pm_path(p.id),
            p.title,
            in_nav=False,
            yaml_path=yaml_path,
            edit_url=self.insights.edit_url(p) or edit_link(self.options.edit_url, yaml_path),
            pm=p,
            items=self.model.items_of(p),
            counts=self.model.counts_of(p),
            sla=sla.state,
            sla_deadline=sla.deadline,
            findings=findings,
            errors=errors,
            warnings=len(findings) - errors,
            anchor_of=anchor_of,
            **self.insights.context(),
        )


def render_site(site: SiteInput, options: SiteOptions, env: jinja2.Environment | None = None) -> list[Page]:
    """Every page: dashboard, all post-mortems, overdue items, indexes, owners, services, one per post-mortem."""
    return _Renderer(site, options, env or make_environment()).pages()


def build_site(
    site: SiteInput, options: SiteOptions, env: jinja2.Environment | None = None
) -> tuple[list[Page], list[Asset]]:
    """The pages and the other files (downloads, table data) of the site."""
    renderer = _Renderer(site, options, env or make_environment())
    return renderer.pages(), renderer.assets()
