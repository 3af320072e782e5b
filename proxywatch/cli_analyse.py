"""Analysis commands over the store (trend, changepoints, compare, claims, network, export).

Thin wrappers: each parses flags with :mod:`proxywatch.clikit` and calls a pure function of
:mod:`proxywatch.analyse` or :mod:`proxywatch.serve`.
"""

from __future__ import annotations

import math
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any, Optional

import typer

from proxywatch.analyse.choices import PERIODS, SPLITS
from proxywatch.clikit import (
    ActorOpt,
    ConfigOpt,
    CountryOpt,
    DbOpt,
    PlotOpt,
    ReportFormat,
    SinceOpt,
    SourceChoice,
    SourceOpt,
    SponsorOpt,
    TargetCountryOpt,
    TypeOpt,
    UntilOpt,
    app,
    check_plot,
    err,
    event_query,
    guard,
    open_existing,
    settings_from,
    stdout_console,
)
from proxywatch.errors import ProxywatchError
from proxywatch.serve.jsonable import to_jsonable
from proxywatch.serve.terminal import json_text

__all__ = ["trend", "changepoints", "compare", "to_jsonable"]


def _choices(name: str, values: tuple[str, ...]) -> type[Enum]:
    """A str Enum of the analysis module's own names, so flags and functions cannot drift apart."""
    return Enum(name, {v.replace("-", "_"): v for v in values}, type=str)


PeriodChoice = _choices("PeriodChoice", PERIODS)
SplitChoice = _choices("SplitChoice", tuple(SPLITS))

FormatOpt = typer.Option(ReportFormat.table, "--format", "-f")
KeepImpreciseOpt = typer.Option(
    False, "--keep-imprecise",
    help="count events dated too vaguely for the series (a year, a long range) on their first day; by default "
         "they are left out and counted (docs/analysis.md)")


def _left_out(n: int, what: str) -> str:
    return f"{n} events dated too vaguely for {what} left out" if n else ""


def _dump(value: Any) -> None:
    sys.stdout.write(json_text(to_jsonable(value), indent=2) + "\n")


def _num(value: float | None, digits: int = 3) -> str:
    if value is None:
        return "-"
    return "∞" if math.isinf(value) else f"{value:.{digits}g}"


def _rate(rate: Any) -> str:
    return f"{rate.rate:.3g}/day [{rate.low:.3g}, {rate.high:.3g}]"


@app.command()
def trend(
    by: PeriodChoice = typer.Option(PeriodChoice("month"), "--by", help="period: day, week (from Monday) or month"),
    split: Optional[SplitChoice] = typer.Option(None, "--split", help="break each period down by this field"),
    top: int = typer.Option(8, "--top", min=1, help="with --split: keep the largest N values, sum the rest as (other)"),
    db: Optional[str] = DbOpt,
    type: Optional[str] = TypeOpt,
    actor: Optional[str] = ActorOpt,
    sponsor: Optional[str] = SponsorOpt,
    country: Optional[str] = CountryOpt,
    target_country: Optional[str] = TargetCountryOpt,
    since: Optional[str] = SinceOpt,
    until: Optional[str] = UntilOpt,
    source: SourceChoice = SourceOpt,
    format: ReportFormat = FormatOpt,
    plot: Optional[Path] = PlotOpt,
    keep_imprecise: bool = KeepImpreciseOpt,
    config: Optional[Path] = ConfigOpt,
) -> None:
    """Events and fatalities per day, week or month (zero-filled), optionally split by a field."""
    from rich.table import Table

    from proxywatch.analyse.series import trend as run

    with guard():
        settings = settings_from(config, db=db)
        query = event_query(type, actor, sponsor, country, since, until, target_country)
        check_plot(plot)
        with open_existing(settings.db) as store:
            result = run(store, query, by=by.value, split=split.value if split else None, source=source.value,
                         top=top, keep_imprecise=keep_imprecise)
        if format is ReportFormat.json:
            _dump(result)
        else:
            vague = _left_out(result.left_out, f"one {result.by}")
            table = Table(title=f"events per {result.by} ({result.source})", caption=vague or None)
            for name in (result.by, *([result.split] if result.split else []), "events", "fatalities best",
                         "low", "high"):
                table.add_column(name, justify="left" if name in (result.by, result.split) else "right")
            for r in result.rows:
                table.add_row(r.period.isoformat(), *([r.group] if result.split else []), str(r.events),
                              str(r.fatalities_best), str(r.fatalities_low), str(r.fatalities_high))
            stdout_console().print(table)
        if plot is not None:
            from proxywatch.serve.charts import trend_chart

            err.print(f"chart written to {trend_chart(result, plot)}", markup=False)
        err.print(f"{sum(r.events for r in result.rows)} events in {len(result.periods)} periods", markup=False)
        if result.left_out:
            err.print(f"note: {_left_out(result.left_out, f'one {result.by}')} (--keep-imprecise counts them)",
                      markup=False)


@app.command()
def changepoints(
    penalty: Optional[float] = typer.Option(None, "--penalty", min=0.0,
                                            help="penalty per change as a multiple of log(days); 1 = BIC "
                                                 "[setting changepoint_penalty, default 1.5]"),
    min_days: Optional[int] = typer.Option(None, "--min-days", min=1,
                                           help="shortest regime, in days [setting changepoint_min_days, default 7]"),
    n: Optional[int] = typer.Option(None, "--n", min=0, help="find exactly this many changes (dynamic programming)"),
    db: Optional[str] = DbOpt,
    type: Optional[str] = TypeOpt,
    actor: Optional[str] = ActorOpt,
    sponsor: Optional[str] = SponsorOpt,
    country: Optional[str] = CountryOpt,
    target_country: Optional[str] = TargetCountryOpt,
    since: Optional[str] = SinceOpt,
    until: Optional[str] = UntilOpt,
    source: SourceChoice = SourceOpt,
    format: ReportFormat = FormatOpt,
    plot: Optional[Path] = PlotOpt,
    keep_imprecise: bool = KeepImpreciseOpt,
    config: Optional[Path] = ConfigOpt,
) -> None:
    """Changes in the daily event rate (piecewise Poisson, PELT), with rates before/after and a date interval."""
    from rich.table import Table

    from proxywatch.analyse.changepoints import changepoints as run

    with guard():
        settings = settings_from(config, db=db, changepoint_penalty=penalty, changepoint_min_days=min_days)
        query = event_query(type, actor, sponsor, country, since, until, target_country)
        check_plot(plot)
        with open_existing(settings.db) as store:
            result = run(store, query, penalty=settings.changepoint_penalty, min_days=settings.changepoint_min_days,
                         n_changes=n, source=source.value, keep_imprecise=keep_imprecise)
        if format is ReportFormat.json:
            _dump(result)  # the daily series as {start, counts}
        else:
            out = stdout_console()
            table = Table(title=f"change points in events/day, {result.start}..{result.end} "
                                f"({result.events} events, {result.source})",
                          caption=_left_out(result.left_out, "one day") or None)
            for name in ("change date", "date interval", "rate before", "rate after", "ratio"):
                table.add_column(name)
            for c in result.changes:
                table.add_row(c.date.isoformat(), f"{c.date_low} .. {c.date_high}", _rate(c.before),
                              _rate(c.after), _num(c.ratio))
            out.print(table)
            segments = Table(title="regimes")
            for name in ("from", "to", "days", "events", "rate (95% CI)"):
                segments.add_column(name)
            for s in result.segments:
                segments.add_row(s.start.isoformat(), s.end.isoformat(), str(s.rate.days), str(s.rate.events),
                                 _rate(s.rate))
            out.print(segments)
        if plot is not None:
            from proxywatch.serve.charts import changepoints_chart

            err.print(f"chart written to {changepoints_chart(result, plot)}", markup=False)
        err.print(f"{len(result.changes)} change(s); {result.method}, penalty {result.penalty:.2f}, "
                  f"min {result.min_days} days", markup=False)
        if result.left_out:
            err.print(f"note: {_left_out(result.left_out, 'one day')} (--keep-imprecise counts them)", markup=False)


@app.command()
def compare(
    at: str = typer.Option(..., "--at", help="the date that splits before from after (YYYY-MM-DD; counted as after)"),
    window: Optional[str] = typer.Option(None, "--window", help="days (30d) or weeks (4w) on each side "
                                                               "[setting compare_window, default 30d]"),
    db: Optional[str] = DbOpt,
    type: Optional[str] = TypeOpt,
    actor: Optional[str] = ActorOpt,
    sponsor: Optional[str] = SponsorOpt,
    country: Optional[str] = CountryOpt,
    target_country: Optional[str] = TargetCountryOpt,
    since: Optional[str] = SinceOpt,
    until: Optional[str] = UntilOpt,
    source: SourceChoice = SourceOpt,
    format: ReportFormat = FormatOpt,
    plot: Optional[Path] = PlotOpt,
    keep_imprecise: bool = KeepImpreciseOpt,
    config: Optional[Path] = ConfigOpt,
) -> None:
    """Event rate before vs after a date: counts, rates, rate ratio with an exact 95% CI and p-value."""
    from rich.table import Table

    from proxywatch.analyse.compare import compare as run
    from proxywatch.analyse.compare import parse_window

    with guard():
        settings = settings_from(config, db=db, compare_window=window)
        try:
            when = date.fromisoformat(at)
        except ValueError:
            raise ProxywatchError(f"--at must be a date YYYY-MM-DD, got {at!r}") from None
        days = parse_window(settings.compare_window)
        query = event_query(type, actor, sponsor, country, since, until, target_country)
        check_plot(plot)
        with open_existing(settings.db) as store:
            result = run(store, when, days, query, source=source.value, keep_imprecise=keep_imprecise)
        if format is ReportFormat.json:
            _dump(result)
        else:
            table = Table(title=f"before vs after {result.at} ({result.window_days}-day windows, {result.source})",
                          caption=_left_out(result.left_out, "either window") or None)
            for name in ("window", "from", "to", "days", "events", "rate (95% CI)"):
                table.add_column(name)
            for name, w in (("before", result.before), ("after", result.after)):
                last = date.fromordinal(w.end.toordinal() - 1)
                table.add_row(name, w.start.isoformat(), last.isoformat(), str(w.rate.days), str(w.rate.events),
                              _rate(w.rate))
            out = stdout_console()
            out.print(table)
            r = result.ratio
            out.print(f"rate ratio after/before: {_num(r.ratio)}  95% CI [{_num(r.low)}, {_num(r.high)}]  "
                      f"exact p = {r.p_value:.3g} (equal rates)", markup=False)
        for note in result.notes:
            err.print(f"note: {note}", markup=False)
        if result.left_out:
            err.print(f"note: {_left_out(result.left_out, 'either window')} (--keep-imprecise counts them by "
                      "start date)", markup=False)
        if plot is not None:
            from proxywatch.serve.charts import compare_chart

            err.print(f"chart written to {compare_chart(result, plot)}", markup=False)
