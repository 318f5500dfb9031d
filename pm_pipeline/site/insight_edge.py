"""What the plugin needs for the insight pages: their nav entries and the history file (read at the edge)."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from pm_pipeline.errors import PmError
from pm_pipeline.history_file import read_slips
from pm_pipeline.history_report import Slip
from pm_pipeline.org import parse_repositories
from pm_pipeline.settings import Config
from pm_pipeline.site.insight_pages import REPOSITORIES, repository_path
from pm_pipeline.site.insights import RECURRENCE
from pm_pipeline.site.org_edge import org_site_input
from pm_pipeline.site.slips_view import SLIPS
from pm_pipeline.site.views import SiteInput

INSIGHT_NAV = {RECURRENCE[1]: RECURRENCE[0], SLIPS[1]: SLIPS[0]}


def read_slips_for_site(
    settings: Config, log: logging.Logger | logging.LoggerAdapter[logging.Logger]
) -> list[Slip] | None:
    slips, problem = read_slips(settings)
    if problem:
        log.warning(f"{problem}; the slips page says there is no history")
    elif slips is None:
        log.info(f"{settings.history.file}: no history file; run `pm-pipeline history --out` for the slips page")
    return slips


def org_input(
    raw: Any, root: Path, now: datetime, settings: Config, log: logging.LoggerAdapter[logging.Logger]
) -> SiteInput:
    """The organisation site's input: every listed repository's checkout, read and merged."""
    try:
        repositories = parse_repositories(raw)
    except PmError as error:
        raise PluginError(f"postmortems: {error}") from None
    site = org_site_input(repositories, root, now, settings.overdue.due_soon_days, log)
    return site


def org_nav(raw: Any) -> list[Any]:
    """The "Repositories" nav section of an organisation site (nothing on a repository's own site)."""
    if not raw:
        return []
    names = [entry["name"] for entry in raw if isinstance(entry, dict) and isinstance(entry.get("name"), str)]
    return [{REPOSITORIES[1]: [{"All repositories": REPOSITORIES[0]}, *({n: repository_path(n)} for n in names)]}]
