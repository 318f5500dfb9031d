"""PM093: a baseline entry that no longer matches a finding, reported by pm_pipeline.baseline."""

from __future__ import annotations

from pm_pipeline.findings import Level
from pm_pipeline.rules.base import InputRule


class StaleBaselineEntry(InputRule):
    """An entry of the baseline file matches no finding any more.

    ## How the baseline works
    `pm-pipeline check --write-baseline` records every error and warning of today in
    `pm-pipeline-baseline.json` by file, code and a fingerprint of the text of the line
    the finding is on (not its line number, so edits elsewhere keep it valid). Later
    runs report only findings the baseline does not hold. Reminders (lateness) are
    never baselined: they never fail anyway.

    ## Why it matters
    The baseline should shrink as old reports are fixed. An entry that matches
    nothing would silently hide the same finding if it came back.

    ## Example
    A baselined `action: Improve monitoring` was rewritten into a specific item.

    ## Use instead
    Run `pm-pipeline check --write-baseline` again and commit the smaller file.
    """

    code = "PM093"
    name = "stale-baseline-entry"
    level = Level.WARNING


BASELINE_RULES: tuple[type[InputRule], ...] = (StaleBaselineEntry,)
