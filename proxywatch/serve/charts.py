"""Charts for the analysis commands (trend, changepoints, compare), drawn with serve/figure.py."""

from __future__ import annotations

import math
from datetime import timedelta
from pathlib import Path

from proxywatch.analyse.changepoints import ChangePoints
from proxywatch.analyse.claims import ClaimCheck
from proxywatch.analyse.compare import Comparison
from proxywatch.analyse.series import Trend
from proxywatch.serve.figure import new_figure, save_figure

__all__ = ["trend_chart", "changepoints_chart", "compare_chart", "left_out_subtitle"]


def left_out_subtitle(left_out: int, what: str) -> str:
    """A second title line saying how many events were too vaguely dated to draw ("" when none)."""
    return f"\n{left_out} events dated too vaguely for {what} left out" if left_out else ""


def trend_chart(result: Trend, path: Path) -> Path:
    """Events per period (one line per breakdown value) above fatalities (best, low–high band)."""
    fig = new_figure(9.0, 6.0)
    top, bottom = fig.subplots(2, 1, sharex=True)
    periods = list(result.periods)
    for group in result.groups or (None,):
        rows = [r for r in result.rows if r.group == group]
        top.plot([r.period for r in rows], [r.events for r in rows], marker=".", label=group or "events")
    totals = {p: [0, 0, 0] for p in periods}
    for r in result.rows:
        t = totals[r.period]
        t[0] += r.fatalities_low
        t[1] += r.fatalities_best
        t[2] += r.fatalities_high
    bottom.plot(periods, [totals[p][1] for p in periods], color="firebrick", label="fatalities (best)")
    bottom.fill_between(periods, [totals[p][0] for p in periods], [totals[p][2] for p in periods],
                        color="firebrick", alpha=0.2, label="low–high")
    top.set_ylabel(f"events per {result.by}")
    bottom.set_ylabel("fatalities")
    top.set_title(f"proxywatch trend by {result.by}" + (f", split by {result.split}" if result.split else "")
                  + f" ({result.source})" + left_out_subtitle(result.left_out, f"one {result.by}"))
    if periods:  # the axis spans the periods drawn, nothing else
        top.set_xlim(periods[0], periods[-1] if len(periods) > 1 else periods[0] + timedelta(days=1))
    if result.groups:
        top.legend(fontsize="small", ncols=2)
    bottom.legend(fontsize="small")
    return save_figure(fig, path, title="proxywatch trend")


def changepoints_chart(result: ChangePoints, path: Path) -> Path:
    """Daily counts, the fitted segment rates with their 95% bands, and each change's date interval."""
    fig = new_figure()
    ax = fig.subplots()
    series = result.series
    days = [series.day(i) for i in range(len(series.counts))]
    ax.bar(days, series.counts, width=1.0, color="lightsteelblue", label="events per day")
    for k, seg in enumerate(result.segments):
        xs = [seg.start, seg.end + timedelta(days=1)]
        ax.plot(xs, [seg.rate.rate] * 2, color="navy", label="segment rate" if k == 0 else None)
        ax.fill_between(xs, [seg.rate.low] * 2, [seg.rate.high] * 2, color="navy", alpha=0.15,
                        label="95% interval" if k == 0 else None)
    for k, change in enumerate(result.changes):
        ax.axvline(change.date, color="firebrick", linestyle="--", label="change" if k == 0 else None)
        ax.axvspan(change.date_low, change.date_high, color="firebrick", alpha=0.15,
                   label="date interval" if k == 0 else None)
    ax.set_ylabel("events per day")
    ax.set_title(f"proxywatch changepoints: {len(result.changes)} change(s), penalty {result.penalty:.1f}"
                 + left_out_subtitle(result.left_out, "one day"))
    ax.legend(fontsize="small")
    return save_figure(fig, path, title="proxywatch changepoints")


def compare_chart(result: Comparison, path: Path) -> Path:
    """The two rates with their exact 95% intervals."""
    fig = new_figure(6.0, 4.5)
    ax = fig.subplots()
    rates = [result.before.rate, result.after.rate]
    labels = [f"before\n{result.before.start}…", f"after\n{result.after.start}…"]
    ax.bar(labels, [r.rate for r in rates], color=["slategray", "darkorange"],
           yerr=[[r.rate - r.low for r in rates], [r.high - r.rate for r in rates]], capsize=8)
    ratio = result.ratio
    text = "no events" if ratio.ratio is None else (
        f"ratio {ratio.ratio:.3g} [{ratio.low:.3g}, {'∞' if math.isinf(ratio.high) else f'{ratio.high:.3g}'}]")
    ax.set_ylabel("events per day")
    ax.set_title(f"proxywatch compare at {result.at}: {text}" + left_out_subtitle(result.left_out, "either window"))
    return save_figure(fig, path, title="proxywatch compare")


_VERDICT_COLOURS = {"consistent": "seagreen", "inconsistent": "firebrick", "not enough data": "slategray"}


def claims_chart(checks: "list[ClaimCheck] | tuple[ClaimCheck, ...]", path: Path) -> Path:
    """Per claim: the claimed range (a bar from min to max, an arrow when open-ended) and the store's count."""
    rows = list(checks)
    fig = new_figure(9.0, max(2.5, 0.6 * len(rows) + 1.5))
    ax = fig.subplots()
    top = max([1] + [c.claim.max or c.claim.min for c in rows] + [c.count or 0 for c in rows])
    for y, check in enumerate(rows):
        claim = check.claim
        high = claim.max if claim.max is not None else top * 1.15
        ax.barh(y, high - claim.min, left=claim.min, height=0.5, color="lightsteelblue",
                hatch="" if claim.max is not None else "//", edgecolor="steelblue")
        if check.count is not None:
            ax.plot([check.count], [y], marker="D", markersize=9, linestyle="none",
                    color=_VERDICT_COLOURS.get(check.verdict, "black"))
    ax.set_yticks(range(len(rows)), [f"{c.claim.article_id}: {c.claim.focus[:48]}…\n{c.verdict}" for c in rows],
                  fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("events — bar: claimed range (hatched: no upper bound); diamond: store count")
    ax.set_title("proxywatch claims")
    return save_figure(fig, path, title="proxywatch claims")
