"""Parts of the inline-SVG charts: series with non-colour cues, axes, ticks, the figure with its data table.

Every label goes through `escape`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from markupsafe import Markup, escape

# 480 units wide: drawn at about 300 px on a phone and 500 px on a desktop, so 13-18 unit text stays legible.
WIDTH, HEIGHT = 480, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 14, 34
SEVERITY_COLOURS = ("#c62828", "#ef6c00", "#f9a825", "#1e88e5", "#6d4c41", "#546e7a")


@dataclass(frozen=True)
class Series:
    """A chart series: its colour and a cue that is not colour (a fill pattern, a marker, a dash)."""

    name: str
    colour: str
    pattern: str = "solid"  # solid, hatch, dots, cross, grid, wave: fills of bars and swatches
    marker: str = "circle"  # circle or square: dots of line charts
    dash: str = ""  # stroke-dasharray of the series' line
    line: bool = False  # drawn as a line with markers, not as bars


PATTERNS = ("solid", "hatch", "dots", "cross", "grid", "back")


def _pattern_defs(chart_id: str, series: Iterable[Series]) -> str:
    """SVG patterns for the series' fills: stripes or dots in white over the series colour."""
    shapes = {
        "hatch": '<path d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" stroke="#fff" stroke-width="1.6"/>',
        "dots": '<circle cx="3" cy="3" r="1.4" fill="#fff"/>',
        "cross": '<path d="M0,0 L6,6 M6,0 L0,6" stroke="#fff" stroke-width="1.2"/>',
        "grid": '<path d="M3,0 V6 M0,3 H6" stroke="#fff" stroke-width="1.2"/>',
        "back": '<path d="M-1,5 l2,2 M0,0 l6,6 M5,-1 l2,2" stroke="#fff" stroke-width="1.6"/>',
    }
    defs = "".join(
        f'<pattern id="{chart_id}-{slug_of(s.name)}" width="6" height="6" patternUnits="userSpaceOnUse">'
        f'<rect width="6" height="6" fill="{s.colour}"/>{shapes[s.pattern]}</pattern>'
        for s in series
        if s.pattern in shapes
    )
    return f"<defs>{defs}</defs>" if defs else ""


def slug_of(name: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in name.lower())


def fill_of(chart_id: str, series: Series) -> str:
    return series.colour if series.pattern == "solid" else f"url(#{chart_id}-{slug_of(series.name)})"


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


@dataclass(frozen=True)
class Table:
    """The chart's data as a table: its text alternative, shown in a <details> under it."""

    header: Sequence[str]
    rows: Sequence[Sequence[object]]


def _swatch(chart_id: str, series: Series) -> str:
    """The legend key: a patterned block for bars, the line with its dash and marker for lines."""
    if series.line:
        mark = (
            f'<rect x="7" y="2" width="8" height="8" fill="{series.colour}"/>'
            if series.marker == "square"
            else f'<circle cx="11" cy="6" r="4" fill="{series.colour}"/>'
        )
        shape = (
            f'<line x1="0" y1="6" x2="22" y2="6" stroke="{series.colour}" stroke-width="2" '
            f'stroke-dasharray="{series.dash or "none"}"/>{mark}'
        )
    else:
        shape = f'<rect width="22" height="12" rx="2" fill="{fill_of(chart_id, series)}"/>'
    return f'<svg class="pm-legend__swatch" viewBox="0 0 22 12" width="22" height="12" aria-hidden="true">{shape}</svg>'


def figure(
    chart_id: str,
    title: str,
    svg_body: str,
    legend: Sequence[Series],
    note: str = "",
    table: Table | None = None,
    summary: str = "",
) -> Markup:
    legend_html = "".join(
        f'<span class="pm-legend__item">{_swatch(chart_id, s)}{escape(s.name)}</span>' for s in legend
    )
    note_html = f'<p class="pm-chart__note">{escape(note)}</p>' if note else ""
    label = f"{title}. {summary}" if summary else title
    details = ""
    if table is not None and table.rows:
        head = "".join(f"<th>{escape(h)}</th>" for h in table.header)
        body = "".join("<tr>" + "".join(f"<td>{escape(_cell(c))}</td>" for c in row) + "</tr>" for row in table.rows)
        details = (
            f'<details class="pm-chart__data"><summary>Data table</summary><div class="pm-scroll">'
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div></details>"
        )
    return Markup(
        f'<figure class="pm-chart" id="{chart_id}">'
        f'<figcaption class="pm-chart__title">{escape(title)}</figcaption>'
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(label)}" '
        f'xmlns="http://www.w3.org/2000/svg" class="pm-chart__svg">{_pattern_defs(chart_id, legend)}{svg_body}</svg>'
        f'<div class="pm-legend">{legend_html}</div>{note_html}{details}</figure>'
    )


def _cell(value: object) -> str:
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return format_minutes(value)
    return str(value)


def empty(chart_id: str, title: str) -> Markup:
    body = f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle" class="pm-chart__empty">No data yet</text>'
    return figure(chart_id, title, body, (), summary="No data yet.")


def y_axis(ticks: Sequence[float], scale: float, label: str, fmt: type = int) -> str:
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


def x_labels(labels: Sequence[tuple[float, str]]) -> str:
    """Axis labels; every other one is `pm-tick--alt`, which the stylesheet hides on phones (larger text there)."""

    def anchor(x: float) -> str:
        return "start" if x < LEFT + 30 else "end" if x > WIDTH - RIGHT - 30 else "middle"

    return "".join(
        f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="{anchor(x)}" '
        f'class="pm-tick{" pm-tick--alt" if i % 2 else ""}">{escape(text)}</text>'
        for i, (x, text) in enumerate(labels)
    )


def months_between(first: date, last: date) -> list[str]:
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def time_labels(first: datetime, last: datetime, x_of: object) -> list[tuple[float, str]]:
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
