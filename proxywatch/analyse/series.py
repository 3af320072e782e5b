"""Time series over the store, computed in DuckDB SQL: trends per period and zero-filled daily counts.

Everything is aggregated inside DuckDB (``date_trunc``, ``GROUP BY``, a calendar from
``generate_series`` for zero-fill); Python only receives one row per period (and group).
Events without a start date are not in any series.

Date precision is respected: an event is counted in a period only when its whole date span lies
inside that period (:func:`fits`). A day-exact event fits every series; "last week" fits a weekly
or monthly series if the week does not straddle two periods; a month fits a monthly series; a year-
only date or a long range ("since October") fits none of them and is left out by default, so it is
neither piled onto its first day nor stretches the axis back to its year. The number left out is
part of every result (``left_out``) and is shown in tables, JSON and chart subtitles;
``keep_imprecise=True`` (``--keep-imprecise``) counts such events on their first day instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Protocol, Sequence

from proxywatch.analyse.choices import PERIODS, SPLITS
from proxywatch.analyse.source import relation
from proxywatch.store import EventQuery

__all__ = [
    "Reader", "PERIODS", "SPLITS", "TrendRow", "Trend", "trend", "Coverage", "coverage", "first_day",
    "DailySeries", "daily_counts", "fits", "COVERAGE_MAX_DAYS",
]

UNKNOWN, OTHER = "(unknown)", "(other)"
_UNNEST = {"sponsor": "unnest(CASE WHEN len(coalesce(grp, [])) = 0 THEN ['(none)'] ELSE grp END)"}


# Coverage (the days the store observes) is read from events dated to within a month: a year-only
# or months-long date says little about when the store was watching.
COVERAGE_MAX_DAYS = 31


def fits(period: str, alias: str = "e") -> str:
    """SQL: the event's date span lies inside one ``period`` (day, week or month)."""
    end = f"coalesce({alias}.date_end, {alias}.date_start)"
    if period == "day":
        return f"({end} = {alias}.date_start)"
    # A one-day date fits every period: tested first, it spares most rows the two date_trunc calls
    # (same three-valued result: with no start date both sides are NULL and FALSE OR NULL is NULL).
    one_day = f"({alias}.date_start IS NOT NULL AND ({alias}.date_end IS NULL OR {alias}.date_end = {alias}.date_start))"
    return f"({one_day} OR date_trunc('{period}', {alias}.date_start) = date_trunc('{period}', {end}))"


def _short(alias: str = "e") -> str:
    return f"(coalesce({alias}.date_end, {alias}.date_start) - {alias}.date_start < {COVERAGE_MAX_DAYS})"


class Reader(Protocol):
    """Anything with ``Store.sql``'s signature (a Store, or a test double)."""

    def sql(self, query: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...


@dataclass(frozen=True)
class TrendRow:
    period: date  # first day of the period (weeks start on Monday)
    group: str | None  # the breakdown value, None without a breakdown
    events: int
    fatalities_low: int
    fatalities_best: int
    fatalities_high: int


@dataclass(frozen=True)
class Trend:
    by: str
    split: str | None
    source: str
    groups: tuple[str, ...]  # breakdown values, largest first ("(other)" last)
    rows: tuple[TrendRow, ...]  # every period of the range (zero-filled) × every group
    left_out: int = 0  # matching events dated too vaguely for one period (see the module doc)

    @property
    def periods(self) -> tuple[date, ...]:
        return tuple(dict.fromkeys(r.period for r in self.rows))


def _check(by: str, split: str | None) -> None:
    if by not in PERIODS:
        raise ValueError(f"by must be one of {', '.join(PERIODS)}, got {by!r}")
    if split is not None and split not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(SPLITS)}, got {split!r}")


def trend(db: Reader, query: EventQuery | None = None, by: str = "month", split: str | None = None,
          source: str = "canonical", top: int = 8, keep_imprecise: bool = False) -> Trend:
    """Events and fatalities (sums of low/best/high) per period, optionally per breakdown value.

    The periods run from ``--since`` (or the first event) to ``--until`` (or the last event),
    with empty periods as zeros. With a breakdown, the ``top`` values with most events are kept
    and the rest are summed as ``(other)``; a missing value is ``(unknown)``. An event with two
    sponsors counts once under each. ``fatalities_high`` uses the best figure when an event
    gives no upper bound ("at least 3"). Events whose date span does not fit in one period are
    left out and counted (``left_out``) unless ``keep_imprecise``.
    """
    _check(by, split)
    query = query or EventQuery()
    where, params = query.where("e")
    # Each dated event is marked whether its span fits one period: the marked-out ones are counted
    # (left_out) in the same pass instead of a second pass over the events.
    ok = "TRUE" if keep_imprecise else fits(by)
    grp = "NULL::VARCHAR" if not split else SPLITS[split] if split in _UNNEST else (
        f"coalesce({SPLITS[split]}, '{UNKNOWN}')")
    expand = _UNNEST.get(split or "", "grp")
    # Without a breakdown there is always the one group, so a given range with no events is zeros.
    groups = "SELECT grp, sum(n) AS total FROM agg GROUP BY grp" if split else "SELECT NULL::VARCHAR AS grp, 0 AS total"
    # One pass over the events groups them by day (cheap keys); periods and ranks are then
    # computed over those few thousand rows, not over every event.
    sql = f"""
    WITH f AS (
        SELECT e.date_start AS day, {grp} AS grp, {ok} AS ok,
               coalesce(e.fatalities_low, 0) AS lo, coalesce(e.fatalities_best, e.fatalities_low, 0) AS best,
               coalesce(e.fatalities_high, e.fatalities_best, e.fatalities_low, 0) AS hi
        FROM {relation(source)} e WHERE {where} AND e.date_start IS NOT NULL),
    d_ok AS (SELECT day, grp, ok, count(*) AS n, sum(lo) AS lo, sum(best) AS best, sum(hi) AS hi FROM f
             GROUP BY day, grp, ok),
    d AS (SELECT day, grp, n, lo, best, hi FROM d_ok WHERE ok),
    u AS (SELECT day, {expand} AS grp, n, lo, best, hi FROM d),
    p AS (SELECT date_trunc('{by}', day)::DATE AS period, grp, sum(n) AS n, sum(lo) AS lo, sum(best) AS best,
                 sum(hi) AS hi FROM u GROUP BY period, grp),
    ranked AS (SELECT grp, row_number() OVER (ORDER BY sum(n) DESC, grp) AS rk FROM p GROUP BY grp),
    agg AS (SELECT p.period, CASE WHEN r.rk <= ? OR r.grp IS NULL THEN p.grp ELSE '{OTHER}' END AS grp,
                   sum(p.n) AS n, sum(p.lo) AS lo, sum(p.best) AS best, sum(p.hi) AS hi
            FROM p JOIN ranked r ON r.grp IS NOT DISTINCT FROM p.grp GROUP BY ALL),
    bounds AS (SELECT coalesce(date_trunc('{by}', CAST(? AS DATE)), min(period)) AS s,
                      coalesce(date_trunc('{by}', CAST(? AS DATE)), max(period)) AS t FROM p),
    cal AS (SELECT unnest(generate_series(s, t, INTERVAL 1 {by}))::DATE AS period
            FROM bounds WHERE s IS NOT NULL AND t IS NOT NULL),
    groups AS ({groups})
    SELECT cal.period, gr.grp, coalesce(a.n, 0), coalesce(a.lo, 0), coalesce(a.best, 0), coalesce(a.hi, 0),
           (SELECT coalesce(sum(n), 0) FROM d_ok WHERE NOT ok) AS left_out
    FROM cal CROSS JOIN groups gr
    LEFT JOIN agg a ON a.period = cal.period AND a.grp IS NOT DISTINCT FROM gr.grp
    ORDER BY cal.period, gr.grp = '{OTHER}', gr.total DESC, gr.grp
    """
    rows = db.sql(sql, [*params, int(top), query.since, query.until])
    out = tuple(TrendRow(period=p, group=g, events=int(n), fatalities_low=int(lo), fatalities_best=int(b),
                         fatalities_high=int(hi)) for p, g, n, lo, b, hi, _ in rows)
    # no period at all (no event fits one and no --since/--until): the vague ones still need counting
    left_out = int(rows[0][6]) if rows else 0 if keep_imprecise else _vague(db, where, params, fits(by), source)
    groups = tuple(dict.fromkeys(r.group for r in out if r.group is not None))
    return Trend(by=by, split=split, source=source, groups=groups, rows=out, left_out=left_out)


def _vague(db: Reader, where: str, params: list[Any], fit: str, source: str = "canonical") -> int:
    """Dated events matching ``where`` whose span does not satisfy ``fit``.

    Only events whose end differs from their start can fail a fit; testing that first spares most
    rows evaluating ``fit``.
    """
    sql = (f"SELECT count(*) FROM {relation(source)} e WHERE {where} AND e.date_start IS NOT NULL "
           f"AND e.date_end IS NOT NULL AND e.date_end <> e.date_start AND NOT {fit}")
    return int(db.sql(sql, params)[0][0])


@dataclass(frozen=True)
class Coverage:
    """The days the store observes: first event day to the later of last event day and last article."""

    first: date
    last: date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


def coverage(db: Reader, source: str = "canonical") -> Coverage | None:
    """The store's observation period (all events, no filters); ``None`` for an empty store.

    A filtered series may legitimately end in zeros (attacks stopped), so the period is taken
    from the whole store and the articles' publication dates, not from the filtered events.
    Events dated only to a year or a long range (more than :data:`COVERAGE_MAX_DAYS` days) do not
    set it: a 2020 strike recalled in a 2024 article does not mean the store watched 2020.
    """
    first, last_event = db.sql(f"SELECT min(e.date_start), max(e.date_start) FROM {relation(source)} e "
                               f"WHERE {_short()}")[0]
    if first is None:
        return None
    (last_article,) = db.sql("SELECT max(published_date) FROM articles")[0]
    last = max(last_event, last_article) if last_article is not None else last_event
    return Coverage(first=first, last=last)


def first_day(db: Reader, query: EventQuery | None = None, source: str = "canonical",
              keep_imprecise: bool = False) -> date | None:
    """The start date of the earliest day-exact event matching ``query`` (any dated one with
    ``keep_imprecise``); ``None`` when none match."""
    where, params = (query or EventQuery()).where("e")
    if not keep_imprecise:
        where = f"{where} AND {fits('day')}"
    return db.sql(f"SELECT min(e.date_start) FROM {relation(source)} e WHERE {where}", params)[0][0]


@dataclass(frozen=True)
class DailySeries:
    start: date
    counts: tuple[int, ...]  # one per day from ``start``, zeros included
    left_out: int = 0  # matching events starting in the range whose date is not one day (see the module doc)

    @property
    def end(self) -> date:
        return self.start + timedelta(days=len(self.counts) - 1)

    def day(self, index: int) -> date:
        return self.start + timedelta(days=index)


def daily_counts(db: Reader, query: EventQuery | None, start: date, end: date,
                 source: str = "canonical", keep_imprecise: bool = False) -> DailySeries:
    """Events per day from ``start`` to ``end`` inclusive, zero-filled, counted in SQL.

    Only day-exact events are counted unless ``keep_imprecise`` (then any event on its first day);
    the others starting in the range are counted in ``left_out``.
    """
    if end < start:
        raise ValueError(f"end {end} is before start {start}")
    where, params = (query or EventQuery()).where("e")
    ok = "TRUE" if keep_imprecise else fits("day")  # the others are counted as left out, in the same pass
    sql = f"""
    WITH cal AS (SELECT unnest(generate_series(CAST(? AS DATE), CAST(? AS DATE), INTERVAL 1 DAY))::DATE AS day),
    c AS (SELECT e.date_start AS day, sum(CASE WHEN {ok} THEN 1 ELSE 0 END) AS n,
                 sum(CASE WHEN {ok} THEN 0 ELSE 1 END) AS vague FROM {relation(source)} e
          WHERE {where} AND e.date_start BETWEEN CAST(? AS DATE) AND CAST(? AS DATE) GROUP BY e.date_start)
    SELECT coalesce(c.n, 0), (SELECT coalesce(sum(vague), 0) FROM c) FROM cal LEFT JOIN c USING (day) ORDER BY cal.day
    """
    rows = db.sql(sql, [start, end, *params, start, end])
    return DailySeries(start=start, counts=tuple(int(n) for n, _ in rows), left_out=int(rows[0][1]) if rows else 0)
