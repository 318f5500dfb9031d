"""The `postmortems` MkDocs plugin: an adapter from MkDocs events to the pure renderer.

It reads the YAML (through `check`), the optional sync snapshot and the clock,
adds the rendered pages to the build in memory, and watches the sources in
`mkdocs serve`. A post-mortem that fails its checks is logged as a warning with
its file and line (so `--strict` fails) and never stops the build.
"""

from __future__ import annotations

import json
import os
import posixpath
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc
from mkdocs.utils import nest_paths

from pm_pipeline.checker import Report
from pm_pipeline.config import Config, load_config
from pm_pipeline.errors import PmError
from pm_pipeline.files import check_paths
from pm_pipeline.findings import Finding
from pm_pipeline.model import PostMortem
from pm_pipeline.rules.base import Context
from pm_pipeline.rules.selection import RuleSet, select_rules
from pm_pipeline.site.insight_edge import INSIGHT_NAV, org_input, org_nav, read_slips_for_site
from pm_pipeline.site.render import (
    ALL,
    DASHBOARD,
    INDEXES,
    METRICS,
    OVERDUE,
    Heading,
    Page,
    SiteInput,
    SiteOptions,
    build_site,
    make_environment,
)
from pm_pipeline.site.status import Snapshot, SnapshotError, StatusSource, parse_snapshot, track

log = get_plugin_logger(__name__)
CSS_PATH = "assets/pm-pipeline/pm.css"
JS_PATH = "assets/pm-pipeline/pm.js"
NOW_ENV = "PM_PIPELINE_NOW"
# Partials of the theme we override: the search dialog gets a name, the edit button an escaped URL.
OVERRIDES = Path(__file__).parent / "overrides"


def read_clock(configured: object, environ: dict[str, str] | os._Environ[str]) -> datetime:
    """The build's `now`: the `now` option (YAML may have read it as a date-time), $PM_PIPELINE_NOW, or the clock."""
    value = configured if configured not in (None, "") else environ.get(NOW_ENV)
    if not value:
        return datetime.now(UTC)
    try:
        if isinstance(value, datetime):
            moment = value
        elif isinstance(value, date):
            moment = datetime(value.year, value.month, value.day)
        else:
            text = str(value).strip()
            moment = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text)
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    except (ValueError, OverflowError):
        raise PmError(f"now: `{value}` is not an ISO 8601 date or date-time") from None


def toc_tokens(headings: tuple[Heading, ...]) -> list[Any]:
    """Headings as the nested tokens Python-Markdown's toc extension gives MkDocs."""
    tokens: list[Any] = []
    for heading in headings:
        token = {"level": heading.level, "id": heading.id, "name": heading.title, "children": []}
        if tokens and heading.level > tokens[-1]["level"]:
            tokens[-1]["children"].append(token)
        else:
            tokens.append(token)
    return tokens


class PostmortemsConfig(base.Config):  # type: ignore[no-untyped-call]
    postmortems_dir = c.Optional(c.Type(str))
    snapshot = c.Optional(c.Type(str))
    templates_dir = c.Optional(c.Type(str))
    now = c.Optional(c.Type((str, datetime, date)))  # YAML reads an unquoted time as a datetime
    edit_url = c.Optional(c.Type(str))
    config_file = c.Optional(c.Type(str))
    # Team name -> owner handles, for the team filter, breakdown and completion rates.
    teams = c.Type(dict, default={})
    # Organisation site: [{name, path, url, branch}], each a checkout of a post-mortem repository.
    repositories = c.Type(list, default=[])


class PostmortemsPlugin(BasePlugin[PostmortemsConfig]):  # type: ignore[no-untyped-call]
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.root = Path(".")
        self.settings = Config()
        self.now = datetime.min
        self.pages: dict[str, Page] = {}
        self.rules = RuleSet({})

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        try:
            config_file = self.config.config_file
            self.settings = load_config(self.root / config_file if config_file else None, self.root)
            self.now = read_clock(self.config.now, os.environ)
            self.rules = select_rules(self.settings)
        except PmError as error:
            raise PluginError(f"postmortems: {error}") from None
        if CSS_PATH not in config.extra_css:
            config.extra_css.append(CSS_PATH)
        if JS_PATH not in [str(script) for script in config.extra_javascript]:
            config.extra_javascript.append(JS_PATH)
        if str(OVERRIDES) not in config.theme.dirs:
            theme_dirs = [Path(d).resolve() for d in config.theme.dirs]
            custom = Path(config.theme.custom_dir).resolve() if config.theme.custom_dir else None
            config.theme.dirs.insert(1 if custom is not None and theme_dirs[:1] == [custom] else 0, str(OVERRIDES))
        return config

    @property
    def postmortems_dir(self) -> Path:
        return self.root / (self.config.postmortems_dir or self.settings.postmortems)

    @property
    def snapshot_path(self) -> Path | None:
        configured = self.config.snapshot or self.settings.site.snapshot
        return self.root / configured if configured else None

    @property
    def templates_dir(self) -> Path | None:
        return self.root / self.config.templates_dir if self.config.templates_dir else None

    @event_priority(-50)  # after other plugins and hooks have added their pages, so the nav sees them
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        dashboard = DASHBOARD if files.get_file_from_path(DASHBOARD) is None else "dashboard.md"
        env = make_environment(self.templates_dir)
        self.pages = {}
        pages, assets = build_site(self._site_input(), self._options(config, dashboard), env)
        for page in pages:
            if files.get_file_from_path(page.path) is not None:
                log.warning(f"{page.path} in the docs folder hides the page the plugin generates there")
                continue
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            # The file holds only the front matter (title, hidden sidebars); the HTML comes in on_page_content.
            files.append(File.generated(config, page.path, content=page.front_matter, inclusion=inclusion))
            self.pages[page.path] = page
        for asset in assets:
            files.append(File.generated(config, asset.path, content=asset.content))
        for path, template in ((CSS_PATH, "pm.css"), (JS_PATH, "pm.js")):
            files.append(
                File.generated(config, path, content=env.loader.get_source(env, template)[0] if env.loader else "")
            )
        if config.nav is None:
            config.nav = self._nav(files, dashboard)
        return files

    def _site_input(self) -> SiteInput:
        if self.config.repositories:
            return org_input(self.config.repositories, self.root, self.now, self.settings, log)
        folder = self.postmortems_dir
        if not folder.is_dir():
            raise PluginError(f"postmortems: {self._relative(folder)}: no such folder (plugin option postmortems_dir)")
        report = check_paths([folder], self.rules, Context(self.now, self.settings))
        postmortems, problems, skipped = self._sort_report(report)
        snapshot, source = self._read_snapshot()
        overdue = self.settings.overdue
        tracked = track(postmortems, snapshot, self.now, overdue.due_soon_days, overdue.exempt_labels)
        yaml_paths = {p.id: self._relative(Path(p.source_path)) for p in postmortems}
        slips = read_slips_for_site(self.settings, log)
        return SiteInput(postmortems, tracked, source, self.now, yaml_paths, problems, skipped, slips)

    def _options(self, config: MkDocsConfig, dashboard: str) -> SiteOptions:
        return SiteOptions(
            severities=self.settings.severities,
            publish_sla_hours=self.settings.publish_sla_hours,
            due_soon_days=self.settings.overdue.due_soon_days,
            directory_urls=config.use_directory_urls,
            edit_url=self._edit_base(config),
            dashboard=dashboard,
            title=self.settings.site.title,
            teams={str(team): tuple(str(o) for o in (owners or ())) for team, owners in self.config.teams.items()},
            recurrence=self.settings.recurrence,
            history_file=self.settings.history.file,
        )

    def on_pre_page(self, page: MkDocsPage, *, config: MkDocsConfig, files: Files) -> MkDocsPage:
        ours = self.pages.get(page.file.src_uri)
        if ours is not None:
            page.edit_url = ours.edit_url
        return page

    def on_page_markdown(self, markdown: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        return "" if page.file.src_uri in self.pages else markdown

    def on_page_content(self, html: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        ours = self.pages.get(page.file.src_uri)
        if ours is None:
            return html
        page.toc = get_toc(toc_tokens(ours.toc))
        return ours.html

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(str(self.postmortems_dir))
        history = self.settings.root / self.settings.history.file
        for extra in (self.snapshot_path, self.templates_dir, self.root / "pm-pipeline.yml", history):
            if extra is not None and extra.exists():
                server.watch(str(extra))
        return server

    def _sort_report(self, report: Report) -> tuple[list[PostMortem], dict[str, list[Finding]], list[Finding]]:
        postmortems: dict[str, PostMortem] = {}
        problems: dict[str, list[Finding]] = {}
        skipped: list[Finding] = []
        for checked in report.files:
            findings = [self._relative_finding(f) for f in checked.findings]
            for finding in findings:
                where = f"{finding.path}:{finding.line}:{finding.column}: {finding.code} {finding.message}"
                (log.warning if finding.is_error else log.info)(where)
            pm = checked.postmortem
            if pm is None or pm.id in postmortems:
                skipped.extend(f for f in findings if f.is_error)
                continue
            postmortems[pm.id] = pm
            if findings:
                problems[pm.id] = findings
        return list(postmortems.values()), problems, skipped

    def _read_snapshot(self) -> tuple[Snapshot | None, StatusSource]:
        path = self.snapshot_path
        if path is None:
            return None, StatusSource("yaml")
        name = self._relative(path)
        if not path.exists():
            log.info(f"{name}: no sync snapshot yet; action-item status comes from the YAML")
            return None, StatusSource("yaml")
        try:
            snapshot = parse_snapshot(json.loads(path.read_text(encoding="utf-8")))
        except OSError as error:
            log.warning(f"{name}: cannot read the sync snapshot ({error.strerror}); status comes from the YAML")
        except (ValueError, SnapshotError) as error:
            log.warning(f"{name}: not a sync snapshot: {error}; status comes from the YAML")
        else:
            return snapshot, StatusSource("snapshot", name, snapshot.taken_at, snapshot.offline)
        return None, StatusSource("yaml")

    def _edit_base(self, config: MkDocsConfig) -> str | None:
        if self.config.edit_url:
            return self.config.edit_url
        if not config.repo_url or not config.edit_uri:
            return None
        base_url = urljoin(config.repo_url.rstrip("/") + "/", config.edit_uri).rstrip("/")
        docs = self._relative(Path(config.docs_dir))
        return base_url[: -len(docs)] if base_url.endswith("/" + docs) else base_url + "/"

    def _nav(self, files: Files, dashboard: str) -> list[Any]:
        ours = {dashboard, ALL, OVERDUE[0], METRICS[0], *INSIGHT_NAV.values(), *(path for path, _ in INDEXES.values())}
        theirs = [f.src_uri for f in files.documentation_pages() if f.inclusion.is_in_nav() and f.src_uri not in ours]  # type: ignore[no-untyped-call]
        home = [path for path in theirs if path == "index.md"]
        generated = [
            {"Dashboard": dashboard},
            {
                "Post-mortems": [
                    {"All post-mortems": ALL},
                    {OVERDUE[1]: OVERDUE[0]},
                    {METRICS[1]: METRICS[0]},
                    *({title: path} for title, path in INSIGHT_NAV.items()),
                    *({t: p} for p, t in INDEXES.values()),
                ]
            },
            *org_nav(self.config.repositories),
        ]
        theirs = [path for path in theirs if not path.startswith("repositories/") or not self.config.repositories]
        rest = nest_paths(path for path in theirs if path not in home)  # type: ignore[no-untyped-call]
        return [*home, *generated, *rest]

    def _relative(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return posixpath.normpath(path.as_posix())

    def _relative_finding(self, finding: Finding) -> Finding:
        return Finding(
            self._relative(Path(finding.path)),
            finding.line,
            finding.column,
            finding.code,
            finding.level,
            finding.message,
        )
