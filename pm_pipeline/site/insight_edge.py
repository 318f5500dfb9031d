"""What the plugin needs for the insight pages: their nav entries and the history file (read at the edge)."""

from __future__ import annotations

import logging

from pm_pipeline.history_file import read_slips
from pm_pipeline.history_report import Slip
from pm_pipeline.settings import Config
from pm_pipeline.site.insights import RECURRENCE
from pm_pipeline.site.slips_view import SLIPS

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
