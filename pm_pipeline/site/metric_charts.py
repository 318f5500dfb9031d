"""Charts of the metrics page: duration trends (median and p90 per month) and completion per quarter.

Same rules as the dashboard's charts: a data table under each, key numbers in its label, and a cue
that is not colour for every series (solid line with dots for the median, dashed with squares for p90;
percentages written on the bars).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from markupsafe import Markup, escape

from pm_pipeline.site.charts import LOG_TICKS
from pm_pipeline.site.metrics import Completion, Durations
from pm_pipeline.site.svg import (
    BOTTOM,
    HEIGHT,
    LEFT,
    RIGHT,
    TOP,
    WIDTH,
    Series,
    Table,
    empty,
    figure,
    format_minutes,
    x_labels,
)

MEDIAN = Series("Median", "#1565c0", line=True)
P90 = Series("90th percentile", "#8e24aa", marker="square", dash="6 3", line=True)
DONE = Series("Done", "#2e7d32")


def duration_trend(chart_id: str, title: str, rows: Sequence[Durations], which: str) -> Markup:
    """Median and p90 minutes per month, log-scaled; `which` is "detect" or "resolve"."""
    if not rows:
        return empty(chart_id, title)
    medians = [getattr(r, f"{which}_median") for r in rows]
    p90s = [getattr(r, f"{which}_p90") for r in rows]
    top = max(60.0, *p90s)
    ticks = [t for t in LOG_TICKS if t[0] <= top * 1.5]
    log_top = math.log10(max(top * 1.4, ticks[-1][0] * 1.2))
    span = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / len(rows)

    def y_of(minutes: float) -> float:
        return HEIGHT - BOTTOM - math.log10(max(minutes, 1.0)) / log_top * span

    def x_of(index: int) -> float:
        return LEFT + slot * index + slot / 2

    parts = []
    for minutes, label in ticks:
        y = y_of(minutes)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" class="pm-grid"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" class="pm-tick">{label}</text>'
        )
    for series, values in ((MEDIAN, medians), (P90, p90s)):
        points = " ".join(f"{x_of(i):.1f},{y_of(v):.1f}" for i, v in enumerate(values))
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{series.colour}" stroke-width="2" '
            f'stroke-dasharray="{series.dash or "none"}"/>'
        )
        for i, v in enumerate(values):
            tip = f"<title>{escape(rows[i].label)}: {series.name.lower()} {format_minutes(v)}</title>"
            x, y = x_of(i), y_of(v)
            parts.append(
                f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" fill="{series.colour}">{tip}</rect>'
                if series.marker == "square"
                else f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{series.colour}">{tip}</circle>'
            )
    every = max(1, math.ceil(len(rows) / 6))
    parts.append(x_labels([(x_of(i), r.label) for i, r in enumerate(rows) if i % every == 0]))
    last = rows[-1]
    summary = (
        f"Latest month {last.label}: median {format_minutes(medians[-1])}, 90th percentile "
        f"{format_minutes(p90s[-1])}, over {last.count:,} incidents."
    )
    table = Table(
        ["Month", "Incidents", "Median", "90th percentile"],
        [[r.label, r.count, float(m), float(p)] for r, m, p in zip(rows, medians, p90s, strict=True)],
    )
    return figure(chart_id, title, "".join(parts), (MEDIAN, P90), table=table, summary=summary)


def completion_per_quarter(rows: Sequence[Completion]) -> Markup:
    """Bars: the share of action items due in each quarter that are done, the percentage on each bar."""
    chart_id, title = "chart-completion", "Action items done, by the quarter of their deadline"
    rated = [r for r in rows if r.rate is not None]
    if not rated:
        return empty(chart_id, title)
    span = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / len(rated)
    bar = min(48.0, slot * 0.7)
    parts = []
    for pct in (0, 25, 50, 75, 100):
        y = HEIGHT - BOTTOM - pct / 100 * span
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" class="pm-grid"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" class="pm-tick">{pct}%</text>'
        )
    for i, r in enumerate(rated):
        rate = r.rate or 0.0
        height = rate * span
        x = LEFT + slot * i + (slot - bar) / 2
        y = HEIGHT - BOTTOM - height
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{max(height, 1):.1f}" fill="{DONE.colour}">'
            f"<title>{escape(r.label)}: {r.done:,} of {r.done + r.open:,} done</title></rect>"
        )
        if len(rated) <= 16:
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{max(y - 4, TOP + 10):.1f}" text-anchor="middle" class="pm-value">'
                f"{rate:.0%}</text>"
            )
    every = max(1, math.ceil(len(rated) / 6))
    parts.append(x_labels([(LEFT + slot * i + slot / 2, r.label) for i, r in enumerate(rated) if i % every == 0]))
    summary = f"{rated[-1].label}: {rated[-1].rate or 0:.0%} done. Overall " + (
        f"{sum(r.done for r in rated) / max(1, sum(r.done + r.open for r in rated)):.0%} done."
    )
    table = Table(
        ["Quarter", "Done", "Open", "Not doing", "Done (%)"],
        [[r.label, r.done, r.open, r.not_doing, f"{r.rate:.0%}" if r.rate is not None else "—"] for r in rows],
    )
    return figure(chart_id, title, "".join(parts), (), "Not doing is left out of the share.", table, summary)
