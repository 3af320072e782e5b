"""Charts drawn on the server as SVG: the weekly timeline with change points, and the map of events.

Every text that came from the store is escaped here (``_t``); numbers are formatted by Python.
Marks carry ``data-*`` attributes (period, group, events) so tests and scripts can read what is drawn,
and a ``<title>`` that browsers show as a tooltip and screen readers read.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from html import escape
from typing import Any, Iterable, Sequence

from markupsafe import Markup

from proxywatch.serve.web.geo import View, outlines, view_around

__all__ = ["PALETTE", "timeline_svg", "map_svg", "MAP_PRECISION"]

# Okabe–Ito colours (distinguishable with the common colour-vision deficiencies), then greys.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8c6d31", "#000000", "#999999")


def _t(value: Any) -> str:
    return escape(str(value), quote=True)


def _ticks(top: int, count: int = 4) -> list[int]:
    if top <= 0:
        return [0]
    step = max(1, math.ceil(top / count))
    magnitude = 10 ** int(math.log10(step))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= step)
    return list(range(0, top + step, step))


def timeline_svg(trend: Any, changes: Any = None, width: int = 960, height: int = 260,
                 label: str = "events per week") -> Markup:
    """Stacked bars per period and group (a Trend), change points as lines with their date intervals as bands."""
    periods: list[date] = list(trend.periods)
    groups = list(trend.groups) or [None]
    colour = {g: PALETTE[i % len(PALETTE)] for i, g in enumerate(groups)}
    left, right, top, bottom = 44, 12, 12, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    step = {"day": 1, "week": 7}.get(trend.by)
    first = periods[0] if periods else date.today()
    last_day = (periods[-1] if periods else first) + timedelta(days=step or 31)
    if changes is not None and changes.changes:
        first = min(first, *(c.date_low for c in changes.changes))
        last_day = max(last_day, *(c.date_high + timedelta(days=1) for c in changes.changes))
    span = max(1, (last_day - first).days)

    def x(day: date) -> float:
        return left + (day - first).days / span * plot_w

    totals: dict[date, int] = {}
    for row in trend.rows:
        totals[row.period] = totals.get(row.period, 0) + row.events
    ticks = _ticks(max(totals.values(), default=0))
    y_top = ticks[-1] or 1

    def y(value: float) -> float:
        return top + plot_h - value / y_top * plot_h

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart timeline" viewBox="0 0 {width} {height}" '
           f'role="img" aria-labelledby="timeline-title"><title id="timeline-title">{_t(label)}'
           f'{", split by " + _t(trend.split) if trend.split else ""}; {sum(totals.values())} events'
           f'{", " + str(len(changes.changes)) + " change points" if changes is not None else ""}</title>']
    for value in ticks:
        out.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{y(value):.1f}" y2="{y(value):.1f}"/>'
                   f'<text class="tick" x="{left - 6}" y="{y(value) + 4:.1f}" text-anchor="end">{value}</text>')
    # change point bands under the bars
    for change in (changes.changes if changes is not None else ()):
        lo, hi = x(change.date_low), x(change.date_high + timedelta(days=1))
        rate = f"{change.before.rate:.2f} → {change.after.rate:.2f} events/day"
        out.append(f'<g class="change" data-date="{change.date}" data-low="{change.date_low}" '
                   f'data-high="{change.date_high}"><title>change on {change.date} (interval {change.date_low} to '
                   f'{change.date_high}): {rate}</title>'
                   f'<rect class="change-band" x="{lo:.1f}" y="{top}" width="{max(1.0, hi - lo):.1f}" '
                   f'height="{plot_h}"/></g>')
    bar_w = max(1.0, (x(first + timedelta(days=step or 30)) - x(first)) * 0.85)
    stack: dict[date, int] = {}
    for row in trend.rows:
        if not row.events:
            continue
        below = stack.get(row.period, 0)
        stack[row.period] = below + row.events
        group = row.group if row.group is not None else "events"
        out.append(f'<rect class="bar" x="{x(row.period):.1f}" y="{y(below + row.events):.1f}" width="{bar_w:.1f}" '
                   f'height="{y(below) - y(below + row.events):.1f}" fill="{colour[row.group]}" '
                   f'data-period="{row.period}" data-group="{_t(group)}" data-events="{row.events}">'
                   f'<title>{row.period}: {row.events} ({_t(group)})</title></rect>')
    last_label, row = -1e9, 0
    for change in (changes.changes if changes is not None else ()):
        cx = x(change.date)
        row = row + 1 if cx - last_label < 75 else 0  # close labels go one line lower
        last_label = cx
        anchor = "end" if cx > width - right - 75 else "start"
        out.append(f'<line class="change-line" x1="{cx:.1f}" x2="{cx:.1f}" y1="{top}" y2="{top + plot_h}"/>'
                   f'<text class="change-label" x="{cx + (3 if anchor == "start" else -3):.1f}" '
                   f'y="{top + 12 + 13 * (row % 4)}" text-anchor="{anchor}">{change.date}</text>')
    # month labels on the axis
    months = []
    day = date(first.year, first.month, 1)
    while day <= last_day:
        months.append(day)
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    every = max(1, math.ceil(len(months) / 12))
    for k, month in enumerate(months):
        if month >= first and k % every == 0:
            out.append(f'<text class="tick" x="{x(month):.1f}" y="{height - bottom + 16}">'
                       f'{month.strftime("%b %Y") if month.month == 1 or k == 0 else month.strftime("%b")}</text>')
    out.append(f'<line class="axis" x1="{left}" x2="{width - right}" y1="{top + plot_h}" y2="{top + plot_h}"/>')
    out.append(f'<text class="axis-label" x="{left}" y="{height - 6}">{_t(label)}</text></svg>')
    return Markup("".join(out))


# How a point's precision is drawn: solid (a site or a town), pale with a dashed edge (a region or a
# province: the event is somewhere around), hollow dashed ring (a whole country or sea).
MAP_PRECISION = {"site": "exact", "city": "exact", "admin1": "area", "region": "area", "country": "vague",
                 "sea": "vague"}


def _radius(fatalities: int, events: int) -> float:
    return min(22.0, 3.5 + 2.2 * math.sqrt(fatalities) + 0.6 * math.sqrt(max(0, events - 1)))


def map_svg(points: Sequence[Any], width: int = 640, label: str = "map of events") -> Markup:
    """Country outlines of the window around the points, and one circle per point (area ~ fatalities)."""
    view = view_around(((p.lon, p.lat) for p in points), width=width)
    height = view.height
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart map" viewBox="0 0 {width} {height}" role="img" '
           f'aria-labelledby="map-title" data-west="{view.west:.2f}" data-east="{view.east:.2f}" '
           f'data-south="{view.south:.2f}" data-north="{view.north:.2f}">'
           f'<title id="map-title">{_t(label)}: {len(points)} places, {sum(p.events for p in points)} events</title>'
           f'<rect class="sea" x="0" y="0" width="{width}" height="{height}"/>']
    out.append(_outlines(view))
    for p in sorted(points, key=lambda p: -_radius(p.fatalities, p.events)):  # small marks on top
        cx, cy = view.xy(p.lon, p.lat)
        kind = MAP_PRECISION.get(p.precision or "", "vague")
        where = f"{p.name or 'unnamed place'}{' (' + p.country + ')' if p.country else ''}"
        out.append(f'<circle class="point {kind}" cx="{cx:.1f}" cy="{cy:.1f}" r="{_radius(p.fatalities, p.events):.1f}" '
                   f'data-events="{p.events}" data-fatalities="{p.fatalities}" data-precision="{_t(p.precision or "")}">'
                   f'<title>{_t(where)}: {p.events} event{"s" if p.events != 1 else ""}, {p.fatalities} killed; '
                   f'place known to the {_t(p.precision or "unknown")}</title></circle>')
    out.append("</svg>")
    return Markup("".join(out))


def _outlines(view: View) -> str:
    paths = []
    for outline in outlines():
        if view.touches(outline.bbox):
            d = view.path(outline.rings)
            if d:
                paths.append(f'<path class="land" d="{d}"><title>{_t(outline.name)}</title></path>')
    return '<g class="countries">' + "".join(paths) + "</g>"


def legend_items(groups: Iterable[str | None]) -> list[tuple[str, str]]:
    """(colour, label) of each timeline group, in drawing order."""
    return [(PALETTE[i % len(PALETTE)], g if g is not None else "events") for i, g in enumerate(groups)]
