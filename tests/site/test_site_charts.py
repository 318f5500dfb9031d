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
    assert svg.count("</title></rect>") == 3
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


def test_many_incidents_get_a_monthly_median_line() -> None:
    points = [(datetime(2025, 1 + i % 6, 1 + i % 27, tzinfo=UTC), 5.0 + i % 3, 60.0 + i, f"PM-{i}") for i in range(60)]
    svg = charts.detect_and_resolve(points)
    assert svg.count("</title></circle>") == 60  # time to detect: dots
    assert svg.count("</title></rect>") == 60  # time to resolve: squares, so the series differ without colour
    median_line = svg.split("<polyline points=\"")[1].split('"')[0]
    assert len(median_line.split()) == 6  # one vertex per month


def test_burn_down_never_samples_after_now_and_agrees_with_the_cards() -> None:
    now = datetime(2025, 3, 11, 12, tzinfo=UTC)
    opened = datetime(2025, 1, 2, 9, tzinfo=UTC)  # 68 days before now: weekly samples would end 2 days after it
    items = [(opened, date(2025, 3, 12), None), (opened, date(2025, 3, 1), datetime(2025, 3, 10, tzinfo=UTC))]
    svg = charts.burn_down(items, now, (1, 0))
    assert "Now: 1 open, 0 overdue." in svg
    dates = [d for d in __import__("re").findall(r"<td>(\d{4}-\d{2}-\d{2})</td>", svg)]
    assert dates and max(dates) == "2025-03-11"


def test_every_chart_has_a_data_table_and_key_numbers_in_its_label() -> None:
    starts = [(datetime(2025, 1, 5, tzinfo=UTC), "P1"), (datetime(2025, 1, 9, tzinfo=UTC), "P2")]
    svg = charts.incidents_per_month(starts, ("P1", "P2"))
    assert '<details class="pm-chart__data">' in svg and "<td>2025-01</td><td>1</td><td>1</td><td>2</td>" in svg
    assert 'aria-label="Incidents per month by severity. 2 incidents in 1 months' in svg
    assert 'fill="url(#chart-incidents-p2)"' in svg  # P2 is hatched, not only another colour
