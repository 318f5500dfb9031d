"""The shared plan reporters."""

from __future__ import annotations

from pm_pipeline.overdue.changes import AddLabel
from pm_pipeline.tracker.change import Outcome
from pm_pipeline.tracker.report import MARKDOWN_ROWS, budget_warning, change_json, line, markdown_table, stop_line

KEY = "PM-2025-01-01-db/AI-001"


def test_a_change_is_one_line_one_row_and_one_json_object() -> None:
    change = AddLabel(4, KEY, "over|due")
    assert line(change) == f"+ add-label {KEY}  #4 label over|due"
    assert markdown_table([change])[2] == f"| + | add-label | `{KEY}` | #4 label over\\|due |"
    assert change_json(change) == {"action": "add-label", "key": KEY, "issue": 4, "label": "over|due"}


def test_the_markdown_table_is_capped() -> None:
    rows = markdown_table([AddLabel(n, KEY, "x") for n in range(MARKDOWN_ROWS + 3)], " (see the log)")
    assert len(rows) == MARKDOWN_ROWS + 4 and rows[-2] == "| | | | and 3 more (see the log) |"


def test_a_spent_budget_says_how_many_runs_are_left() -> None:
    outcome = Outcome(stopped="write budget of 50 spent", budget_spent=True, skipped=120, left_writes=120, limit=50)
    assert outcome.ok and outcome.runs_left == 3
    assert "about 3 more run(s)" in stop_line(outcome) and "progress, not a failure" in stop_line(outcome)
    assert budget_warning(outcome) == "write budget spent: 120 change(s) left, about 3 more run(s) at this rate; " \
        "the next run continues"
    assert budget_warning(Outcome(stopped="rate limit", skipped=3)) is None
    assert not Outcome(stopped="rate limit").ok
