from __future__ import annotations

from datetime import UTC, date, datetime

from pm_pipeline.site import charts


def test_nice_ticks_cover_the_maximum_with_round_steps() -> None:
    assert charts.nice_ticks(7) == [0, 2, 4, 6, 8]
    assert charts.nice_ticks(1) == [0, 1]
    assert charts.nice_ticks(0) == [0, 1]
    assert charts.nice_ticks(230)[-1] >= 230


def test_incidents_per_month_stacks_one_rect_per_month_and_severity() -> None:
    starts = [(datetime(2025, 1, 5, tzinfo=UTC), "P1"), (datetime(2025, 1, 9, tzinfo=UTC), "P2"),
              (datetime(2025, 3, 1, tzinfo=UTC), "P2")]
    svg = charts.incidents_per_month(starts, ("P1", "P2", "P3"))
    assert svg.count("<rect") == 3
    assert "2025-02" in svg  # the empty month still has its slot
    assert "P3" not in svg  # legend shows only severities that occur


def test_chart_labels_are_escaped() -> None:
    svg = charts.factor_categories([("<script>alert(1)</script>", 2)])
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg


def test_burn_down_counts_open_and_overdue_now() -> None:
    now = datetime(2025, 3, 11, tzinfo=UTC)
    opened = datetime(2025, 2, 1, tzinfo=UTC)
    items = [(opened, date(2025, 3, 1), None), (opened, date(2025, 4, 1), None),
             (opened, date(2025, 2, 20), datetime(2025, 2, 15, tzinfo=UTC))]
    assert "Now: 2 open, 1 overdue." in charts.burn_down(items, now)


def test_empty_data_draws_a_placeholder_not_an_error() -> None:
    assert "No data yet" in charts.detect_and_resolve([])
    assert "No data yet" in charts.burn_down([], datetime(2025, 1, 1, tzinfo=UTC))
