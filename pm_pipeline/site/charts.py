"""Charts as inline SVG, made at build time: no JavaScript, nothing fetched.

Each function takes plain values and returns a `<figure>` as Markup; every label
goes through `escape`.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from markupsafe import Markup, escape

from pm_pipeline.site.svg import (
    BOTTOM,
    HEIGHT,
    LEFT,
    PATTERNS,
    RIGHT,
    TOP,
    WIDTH,
    Series,
    Table,
    empty,
    figure,
    fill_of,
    format_minutes,
    months_between,
    nice_ticks,
    severity_colour,
    time_labels,
    x_labels,
    y_axis,
)

__all__ = [
    "burn_down",
    "detect_and_resolve",
    "factor_categories",
    "format_minutes",
    "incidents_per_month",
    "nice_ticks",
]


def incidents_per_month(starts: Sequence[tuple[datetime, str]], severities: Sequence[str]) -> Markup:
    """Stacked bars: incidents per calendar month (UTC), one colour per severity."""
    title = "Incidents per month by severity"
    if not starts:
        return empty("chart-incidents", title)
    months = months_between(min(s for s, _ in starts).date(), max(s for s, _ in starts).date())
    counts: Counter[tuple[str, str]] = Counter((s.strftime("%Y-%m"), sev) for s, sev in starts)
    order = list(severities) + sorted({sev for _, sev in starts} - set(severities))
    totals = Counter(s.strftime("%Y-%m") for s, _ in starts)
    ticks = nice_ticks(max(totals.values()))
    scale = (HEIGHT - TOP - BOTTOM) / ticks[-1]
    slot = (WIDTH - LEFT - RIGHT) / len(months)
    bar = min(48.0, max(1.0, slot * 0.7))
    series = {
        sev: Series(sev, severity_colour(sev, order), PATTERNS[min(i, len(PATTERNS) - 1)])
        for i, sev in enumerate(order)
    }
    parts = [y_axis(ticks, scale, "incidents")]
    for index, month in enumerate(months):
        x = LEFT + index * slot + (slot - bar) / 2
        y: float = HEIGHT - BOTTOM
        for severity in order:
            count = counts.get((month, severity), 0)
            if not count:
                continue
            height = count * scale
            y -= height
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{height:.1f}" '
                f'fill="{fill_of("chart-incidents", series[severity])}" stroke="var(--md-default-bg-color)" '
                f'stroke-width="0.5"><title>{escape(month)}: {count} {escape(severity)}</title></rect>'
            )
    every = max(1, math.ceil(len(months) / 6))
    parts.append(x_labels([(LEFT + i * slot + slot / 2, m) for i, m in enumerate(months) if i % every == 0]))
    present = [sev for sev in order if any(s == sev for _, s in starts)]
    busiest = max(months, key=lambda m: (totals[m], m))
    summary = (
        f"{len(starts):,} incidents in {len(months)} months; most in {busiest} ({totals[busiest]:,}). "
        + ", ".join(f"{sev}: {sum(1 for _, s in starts if s == sev):,}" for sev in present)
        + "."
    )
    table = Table(
        ["Month", *present, "Total"],
        [[m, *(counts.get((m, sev), 0) for sev in present), totals[m]] for m in months if totals[m]],
    )
    return figure(
        "chart-incidents", title, "".join(parts), [series[sev] for sev in present], table=table, summary=summary
    )


LOG_TICKS = (
    (1, "1m"),
    (5, "5m"),
    (15, "15m"),
    (60, "1h"),
    (240, "4h"),
    (1440, "1d"),
    (4320, "3d"),
    (10080, "1w"),
    (43200, "30d"),
)
DETECT = Series("Time to detect", "#1e88e5", marker="circle", line=True)
RESOLVE = Series("Time to resolve", "#8e24aa", marker="square", dash="6 3", line=True)


def detect_and_resolve(points: Sequence[tuple[datetime, float, float, str]]) -> Markup:
    """Per incident (start time, minutes to detect, minutes to resolve, label), log-scaled minutes."""
    title = "Time to detect and time to resolve per incident"
    if not points:
        return empty("chart-ttx", title)
    points = sorted(points)
    top = max(60.0, max(max(p[1], p[2]) for p in points))
    ticks = [t for t in LOG_TICKS if t[0] <= top * 1.5] or list(LOG_TICKS[:4])
    log_top = math.log10(max(top * 1.4, ticks[-1][0] * 1.2))
    span = HEIGHT - TOP - BOTTOM

    def y_of(minutes: float) -> float:
        return HEIGHT - BOTTOM - math.log10(max(minutes, 1.0)) / log_top * span

    first, last = points[0][0], points[-1][0]
    seconds = max((last - first).total_seconds(), 1.0)
    width = WIDTH - LEFT - RIGHT - 16

    def x_of(moment: datetime) -> float:
        return LEFT + 8 + (moment - first).total_seconds() / seconds * width if len(points) > 1 else LEFT + width / 2

    parts = []
    for minutes, label in ticks:
        y = y_of(minutes)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" class="pm-grid"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" class="pm-tick">{label}</text>'
        )
    parts.append(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{HEIGHT - BOTTOM}" y2="{HEIGHT - BOTTOM}" class="pm-axis"/>'
    )
    mid = TOP + span / 2
    parts.append(
        f'<text x="12" y="{mid}" class="pm-axis-label" text-anchor="middle" '
        f'transform="rotate(-90 12 {mid})">duration (log scale)</text>'
    )
    many = len(points) > MANY_POINTS
    for series, values in ((DETECT, [p[1] for p in points]), (RESOLVE, [p[2] for p in points])):
        radius, opacity = (1.8, 0.35) if many else (3.2, 1.0)
        for p, v in zip(points, values, strict=True):
            tip = f"<title>{escape(p[3])}: {escape(series.name.lower())} {escape(format_minutes(v))}</title>"
            cx, cy = x_of(p[0]), y_of(v)
            parts.append(
                f'<rect x="{cx - radius:.1f}" y="{cy - radius:.1f}" width="{2 * radius:.1f}" height="{2 * radius:.1f}" '
                f'fill-opacity="{opacity}" fill="{series.colour}">{tip}</rect>'
                if series.marker == "square"
                else f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{radius}" fill-opacity="{opacity}" '
                f'fill="{series.colour}">{tip}</circle>'
            )
        # Few incidents: join the dots. Many: a monthly median line shows the trend through the noise.
        line = (
            [(x_of(p[0]), y_of(v)) for p, v in zip(points, values, strict=True)]
            if not many
            else [(x_of(moment), y_of(value)) for moment, value in _monthly_medians(points, values)]
        )
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in line)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{series.colour}" '
            f'stroke-dasharray="{series.dash or "none"}" stroke-width="{2.5 if many else 1.5}" '
            f'stroke-opacity="{1 if many else 0.55}"/>'
        )
    labels = time_labels(first, last, x_of)
    parts.append(x_labels(labels))
    note = "Marks: incidents. Lines: monthly medians." if many else ""
    monthly: dict[str, list[tuple[float, float]]] = {}
    for p in points:
        monthly.setdefault(p[0].strftime("%Y-%m"), []).append((p[1], p[2]))
    table = Table(
        ["Month", "Incidents", "Median time to detect", "Median time to resolve"],
        [
            [m, len(v), float(statistics.median(d for d, _ in v)), float(statistics.median(r for _, r in v))]
            for m, v in sorted(monthly.items())
        ],
    )
    summary = (
        f"Median time to detect {format_minutes(statistics.median(p[1] for p in points))}, "
        f"median time to resolve {format_minutes(statistics.median(p[2] for p in points))}, "
        f"over {len(points):,} incidents."
    )
    return figure("chart-ttx", title, "".join(parts), (DETECT, RESOLVE), note, table, summary)


MANY_POINTS = 40


def _monthly_medians(
    points: Sequence[tuple[datetime, float, float, str]], values: Sequence[float]
) -> list[tuple[datetime, float]]:
    months: dict[str, list[tuple[datetime, float]]] = {}
    for p, value in zip(points, values, strict=True):
        months.setdefault(p[0].strftime("%Y-%m"), []).append((p[0], value))
    medians = []
    for month in sorted(months):
        entries = months[month]
        middle = entries[len(entries) // 2][0]
        medians.append((middle, statistics.median(v for _, v in entries)))
    return medians


OPEN_SERIES = Series("Open", "#1e88e5", line=True)
OVERDUE_SERIES = Series("Overdue", "#c62828", marker="square", dash="6 3", line=True)


def burn_down(
    items: Sequence[tuple[datetime, date, datetime | None]], now: datetime, current: tuple[int, int] | None = None
) -> Markup:
    """Open and overdue action items each week: (opened at, deadline, closed at or None if open).

    Samples stop at `now`; the last one is `now` itself. `current` (open, overdue) is what the
    dashboard's cards say, so the note cannot disagree with them.
    """
    title = "Open action items over time"
    if not items:
        return empty("chart-burndown", title)
    start = min(opened for opened, _, _ in items)
    weeks = max(1, math.ceil((now - start).days / 7))
    step = max(1, math.ceil(weeks / 120))
    samples = [start + timedelta(weeks=w) for w in range(0, weeks + 1, step)]
    samples = [moment for moment in samples if moment < now] + [now]
    open_counts, late_counts = [], []
    for moment in samples:
        live = [
            (deadline, closed)
            for opened, deadline, closed in items
            if opened <= moment and (closed is None or closed > moment)
        ]
        open_counts.append(len(live))
        late_counts.append(sum(1 for deadline, _ in live if deadline < moment.date()))
    if current is not None:
        open_counts[-1], late_counts[-1] = current
    ticks = nice_ticks(max(max(open_counts), 1))
    scale = (HEIGHT - TOP - BOTTOM) / ticks[-1]
    seconds = max((samples[-1] - samples[0]).total_seconds(), 1.0)

    def x_of(moment: datetime) -> float:
        return LEFT + (moment - samples[0]).total_seconds() / seconds * (WIDTH - LEFT - RIGHT)

    parts = [y_axis(ticks, scale, "action items")]
    base = HEIGHT - BOTTOM
    for series, counts in ((OPEN_SERIES, open_counts), (OVERDUE_SERIES, late_counts)):
        line = " ".join(f"{x_of(m):.1f},{base - c * scale:.1f}" for m, c in zip(samples, counts, strict=True))
        parts.append(
            f'<polygon points="{x_of(samples[0]):.1f},{base} {line} {x_of(samples[-1]):.1f},{base}" '
            f'fill="{series.colour}" fill-opacity="0.15"/>'
            f'<polyline points="{line}" fill="none" stroke="{series.colour}" stroke-width="2" '
            f'stroke-dasharray="{series.dash or "none"}"/>'
        )
    parts.append(x_labels(time_labels(samples[0], samples[-1], x_of)))
    note = f"Now: {open_counts[-1]:,} open, {late_counts[-1]:,} overdue."
    every = max(1, math.ceil(len(samples) / 24))
    shown = sorted({*range(0, len(samples), every), len(samples) - 1})
    table = Table(
        ["Date", "Open", "Overdue"],
        [[samples[i].strftime("%Y-%m-%d"), open_counts[i], late_counts[i]] for i in shown],
    )
    summary = f"Now {open_counts[-1]:,} open and {late_counts[-1]:,} overdue; most open: {max(open_counts):,}."
    return figure("chart-burndown", title, "".join(parts), (OPEN_SERIES, OVERDUE_SERIES), note, table, summary)


def factor_categories(counts: Sequence[tuple[str, int]], limit: int = 12) -> Markup:
    """Horizontal bars: in how many incidents each contributing-factor category appears."""
    title = "Contributing-factor categories across incidents"
    if not counts:
        return empty("chart-factors", title)
    shown = list(counts[:limit])
    ticks = nice_ticks(max(count for _, count in shown))
    label_width = 120
    scale = (WIDTH - label_width - RIGHT - 8) / ticks[-1]
    row = (HEIGHT - TOP - BOTTOM) / len(shown)
    bar = min(22.0, row * 0.72)
    parts = []
    for tick in ticks:
        x = label_width + tick * scale
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{TOP}" y2="{HEIGHT - BOTTOM}" class="pm-grid"/>'
            f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" class="pm-tick">'
            f"{int(tick)}</text>"
        )
    for index, (category, count) in enumerate(shown):
        y = TOP + index * row + (row - bar) / 2
        parts.append(
            f'<text x="{label_width - 8}" y="{y + bar / 2 + 4:.1f}" text-anchor="end" class="pm-tick">'
            f"{escape(category)}</text>"
            f'<rect x="{label_width}" y="{y:.1f}" width="{max(count * scale, 1):.1f}" height="{bar:.1f}" '
            f'fill="#00897b" rx="2"><title>{escape(category)}: {count} incidents</title></rect>'
            f'<text x="{label_width + count * scale + 5:.1f}" y="{y + bar / 2 + 4:.1f}" class="pm-value">'
            f"{count}</text>"
        )
    parts.append(
        f'<text x="{label_width + (WIDTH - label_width) / 2}" y="{HEIGHT - 2}" text-anchor="middle" '
        'class="pm-axis-label">incidents citing the category</text>'
    )
    note = f"Top {limit} of {len(counts)} categories." if len(counts) > limit else ""
    table = Table(["Category", "Incidents"], [[c, n] for c, n in counts])
    summary = "Most cited: " + ", ".join(f"{c} ({n:,})" for c, n in shown[:3]) + "."
    return figure("chart-factors", title, "".join(parts), (), note, table, summary)
