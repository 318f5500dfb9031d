"""Charts as inline SVG, made at build time: no JavaScript, nothing fetched.

Each function takes plain values and returns a `<figure>` as Markup; every label
goes through `escape`.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from markupsafe import Markup, escape

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 14, 34
SEVERITY_COLOURS = ("#c62828", "#ef6c00", "#f9a825", "#1e88e5", "#6d4c41", "#546e7a")


@dataclass(frozen=True)
class Series:
    name: str
    colour: str


def severity_colour(severity: str, severities: Sequence[str]) -> str:
    index = severities.index(severity) if severity in severities else len(SEVERITY_COLOURS) - 1
    return SEVERITY_COLOURS[min(index, len(SEVERITY_COLOURS) - 1)]


def nice_ticks(maximum: float, count: int = 5) -> list[float]:
    """Round tick values from 0 to at least `maximum` (1, 2 or 5 times a power of ten apart)."""
    if maximum <= 0:
        return [0, 1]
    raw = maximum / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(f * power for f in (1, 2, 5, 10) if f * power >= raw)
    step = max(step, 1) if maximum >= 1 else step
    top = math.ceil(maximum / step) * step
    return [round(i * step, 6) for i in range(int(round(top / step)) + 1)]


def _figure(chart_id: str, title: str, svg_body: str, legend: Iterable[Series], note: str = "") -> Markup:
    legend_html = "".join(
        f'<span class="pm-legend__item"><span class="pm-legend__swatch" style="background:{s.colour}"></span>'
        f"{escape(s.name)}</span>"
        for s in legend
    )
    note_html = f'<p class="pm-chart__note">{escape(note)}</p>' if note else ""
    return Markup(
        f'<figure class="pm-chart" id="{chart_id}">'
        f'<figcaption class="pm-chart__title">{escape(title)}</figcaption>'
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg" class="pm-chart__svg">{svg_body}</svg>'
        f'<div class="pm-legend">{legend_html}</div>{note_html}</figure>'
    )


def _empty(chart_id: str, title: str) -> Markup:
    body = f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle" class="pm-chart__empty">No data yet</text>'
    return _figure(chart_id, title, body, ())


def _y_axis(ticks: Sequence[float], scale: float, label: str, fmt: type = int) -> str:
    parts = []
    for tick in ticks:
        y = HEIGHT - BOTTOM - tick * scale
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" class="pm-grid"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" class="pm-tick">{fmt(tick)}</text>'
        )
    parts.append(
        f'<text x="12" y="{TOP + (HEIGHT - TOP - BOTTOM) / 2}" class="pm-axis-label" text-anchor="middle" '
        f'transform="rotate(-90 12 {TOP + (HEIGHT - TOP - BOTTOM) / 2})">{escape(label)}</text>'
    )
    parts.append(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{HEIGHT - BOTTOM}" y2="{HEIGHT - BOTTOM}" class="pm-axis"/>'
    )
    return "".join(parts)


def _x_labels(labels: Sequence[tuple[float, str]]) -> str:
    def anchor(x: float) -> str:
        return "start" if x < LEFT + 30 else "end" if x > WIDTH - RIGHT - 30 else "middle"

    return "".join(
        f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="{anchor(x)}" class="pm-tick">{escape(text)}</text>'
        for x, text in labels
    )


def _months(first: date, last: date) -> list[str]:
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def incidents_per_month(starts: Sequence[tuple[datetime, str]], severities: Sequence[str]) -> Markup:
    """Stacked bars: incidents per calendar month (UTC), one colour per severity."""
    title = "Incidents per month by severity"
    if not starts:
        return _empty("chart-incidents", title)
    months = _months(min(s for s, _ in starts).date(), max(s for s, _ in starts).date())
    counts: Counter[tuple[str, str]] = Counter((s.strftime("%Y-%m"), sev) for s, sev in starts)
    order = list(severities) + sorted({sev for _, sev in starts} - set(severities))
    totals = Counter(s.strftime("%Y-%m") for s, _ in starts)
    ticks = nice_ticks(max(totals.values()))
    scale = (HEIGHT - TOP - BOTTOM) / ticks[-1]
    slot = (WIDTH - LEFT - RIGHT) / len(months)
    bar = min(48.0, max(1.0, slot * 0.7))
    parts = [_y_axis(ticks, scale, "incidents")]
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
                f'fill="{severity_colour(severity, order)}"><title>{escape(month)}: {count} '
                f"{escape(severity)}</title></rect>"
            )
    every = max(1, math.ceil(len(months) / 8))
    parts.append(_x_labels([(LEFT + i * slot + slot / 2, m) for i, m in enumerate(months) if i % every == 0]))
    present = [sev for sev in order if any(s == sev for _, s in starts)]
    return _figure(
        "chart-incidents", title, "".join(parts), [Series(sev, severity_colour(sev, order)) for sev in present]
    )


_LOG_TICKS = (
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
DETECT, RESOLVE = Series("Time to detect", "#1e88e5"), Series("Time to resolve", "#8e24aa")


def detect_and_resolve(points: Sequence[tuple[datetime, float, float, str]]) -> Markup:
    """Per incident (start time, minutes to detect, minutes to resolve, label), log-scaled minutes."""
    title = "Time to detect and time to resolve per incident"
    if not points:
        return _empty("chart-ttx", title)
    points = sorted(points)
    top = max(60.0, max(max(p[1], p[2]) for p in points))
    ticks = [t for t in _LOG_TICKS if t[0] <= top * 1.5] or list(_LOG_TICKS[:4])
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
            parts.append(
                f'<circle cx="{x_of(p[0]):.1f}" cy="{y_of(v):.1f}" r="{radius}" fill-opacity="{opacity}" '
                f'fill="{series.colour}"><title>{escape(p[3])}: {escape(series.name.lower())} '
                f"{escape(format_minutes(v))}</title></circle>"
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
            f'stroke-width="{2.5 if many else 1.5}" stroke-opacity="{1 if many else 0.55}"/>'
        )
    labels = _time_labels(first, last, x_of)
    parts.append(_x_labels(labels))
    note = "Dots: incidents. Lines: monthly medians." if many else ""
    return _figure("chart-ttx", title, "".join(parts), (DETECT, RESOLVE), note)


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


def _time_labels(first: datetime, last: datetime, x_of: object) -> list[tuple[float, str]]:
    assert callable(x_of)
    if first == last:
        return [(x_of(first), first.strftime("%Y-%m-%d"))]
    fmt = "%Y-%m" if (last - first).days > 60 else "%m-%d"
    return [(x_of(first + (last - first) * i / 4), (first + (last - first) * i / 4).strftime(fmt)) for i in range(5)]


def format_minutes(minutes: float) -> str:
    if minutes < 60:
        return f"{minutes:.0f} min"
    if minutes < 48 * 60:
        return f"{minutes / 60:.1f} h"
    return f"{minutes / 1440:.1f} d"


OPEN_SERIES, OVERDUE_SERIES = Series("Open", "#1e88e5"), Series("Overdue", "#c62828")


def burn_down(items: Sequence[tuple[datetime, date, datetime | None]], now: datetime) -> Markup:
    """Open and overdue action items each week: (opened at, deadline, closed at or None if open)."""
    title = "Open action items over time"
    if not items:
        return _empty("chart-burndown", title)
    start = min(opened for opened, _, _ in items)
    weeks = max(1, math.ceil((now - start).days / 7))
    step = max(1, math.ceil(weeks / 120))
    samples = [start + timedelta(weeks=w) for w in range(0, weeks + 1, step)]
    if samples[-1] < now:
        samples.append(now)
    open_counts, late_counts = [], []
    for moment in samples:
        live = [
            (deadline, closed)
            for opened, deadline, closed in items
            if opened <= moment and (closed is None or closed > moment)
        ]
        open_counts.append(len(live))
        late_counts.append(sum(1 for deadline, _ in live if deadline < moment.date()))
    ticks = nice_ticks(max(max(open_counts), 1))
    scale = (HEIGHT - TOP - BOTTOM) / ticks[-1]
    seconds = max((samples[-1] - samples[0]).total_seconds(), 1.0)

    def x_of(moment: datetime) -> float:
        return LEFT + (moment - samples[0]).total_seconds() / seconds * (WIDTH - LEFT - RIGHT)

    parts = [_y_axis(ticks, scale, "action items")]
    base = HEIGHT - BOTTOM
    for series, counts in ((OPEN_SERIES, open_counts), (OVERDUE_SERIES, late_counts)):
        line = " ".join(f"{x_of(m):.1f},{base - c * scale:.1f}" for m, c in zip(samples, counts, strict=True))
        parts.append(
            f'<polygon points="{x_of(samples[0]):.1f},{base} {line} {x_of(samples[-1]):.1f},{base}" '
            f'fill="{series.colour}" fill-opacity="0.15"/>'
            f'<polyline points="{line}" fill="none" stroke="{series.colour}" stroke-width="2"/>'
        )
    parts.append(_x_labels(_time_labels(samples[0], samples[-1], x_of)))
    note = f"Now: {open_counts[-1]} open, {late_counts[-1]} overdue."
    return _figure("chart-burndown", title, "".join(parts), (OPEN_SERIES, OVERDUE_SERIES), note)


def factor_categories(counts: Sequence[tuple[str, int]], limit: int = 12) -> Markup:
    """Horizontal bars: in how many incidents each contributing-factor category appears."""
    title = "Contributing-factor categories across incidents"
    if not counts:
        return _empty("chart-factors", title)
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
    return _figure("chart-factors", title, "".join(parts), (), note)
