"""Before/after: the event rate in a window before a date against the window after it.

Windows are half-open and count events by their start date: before = [at − window, at), after =
[at, at + window); the day ``at`` itself is the first day *after*. A window is clipped to the
store's coverage (first event day to the later of the last event day and the last article's
publication day) and to ``--since``/``--until``; clipping is reported in ``notes`` and the rate
uses the covered days only, so days the store cannot see are never counted as zeros.

An event is counted in a window only when its whole date span lies inside it: a year-only date or
a range that crosses the window's edge cannot be placed before or after ``at``. Such events that
overlap a window are left out and counted (``left_out``) unless ``keep_imprecise``, which counts
every event by its start date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from proxywatch.analyse.rates import LEVEL, Rate, RateRatio, poisson_rate, rate_ratio
from proxywatch.analyse.series import Coverage, Reader, coverage
from proxywatch.errors import ProxywatchError, WorkError
from proxywatch.store import EventQuery

__all__ = ["Window", "Comparison", "parse_window", "compare", "DEFAULT_WINDOW"]

DEFAULT_WINDOW = "30d"

_WINDOW = re.compile(r"^\s*(\d+)\s*([dw]?)\s*$", re.IGNORECASE)


def parse_window(text: str) -> int:
    """``30d``, ``30`` (days) or ``4w`` (weeks) → days. Months are refused: their length varies."""
    match = _WINDOW.match(text or "")
    if not match or int(match.group(1)) < 1:
        hint = " (months vary in length: give days, e.g. 30d)" if text and text.strip()[-1:].lower() == "m" else ""
        raise ProxywatchError(f"--window takes a number of days or weeks such as 30d or 4w, got {text!r}{hint}")
    return int(match.group(1)) * (7 if match.group(2).lower() == "w" else 1)


@dataclass(frozen=True)
class Window:
    start: date  # first day counted
    end: date  # first day not counted (half-open)
    rate: Rate


@dataclass(frozen=True)
class Comparison:
    source: str
    at: date
    window_days: int  # as asked; the covered days are in before.rate.days / after.rate.days
    before: Window
    after: Window
    ratio: RateRatio  # after / before
    coverage: Coverage | None
    notes: tuple[str, ...]  # windows clipped to the coverage or to --since/--until
    left_out: int = 0  # matching events overlapping a window whose date span does not lie inside it


_INSIDE = "e.date_start >= CAST(? AS DATE) AND coalesce(e.date_end, e.date_start) < CAST(? AS DATE)"
_STARTS_IN = "e.date_start >= CAST(? AS DATE) AND e.date_start < CAST(? AS DATE)"
_OVERLAPS = "e.date_start < CAST(? AS DATE) AND coalesce(e.date_end, e.date_start) >= CAST(? AS DATE)"


def _count(db: Reader, query: EventQuery, source: str, start: date, end: date, keep_imprecise: bool = False) -> int:
    """Events in [start, end): whose span lies inside it, or (``keep_imprecise``) that start in it."""
    from proxywatch.analyse.source import relation

    where, params = query.where("e")
    sql = f"SELECT count(*) FROM {relation(source)} e WHERE {where} AND {_STARTS_IN if keep_imprecise else _INSIDE}"
    return int(db.sql(sql, [*params, start, end])[0][0])


def _straddling(db: Reader, query: EventQuery, source: str, windows: list[tuple[date, date]]) -> int:
    """Events overlapping a window without lying inside it (each counted once)."""
    from proxywatch.analyse.source import relation

    where, params = query.where("e")
    tests = " OR ".join(f"(({_OVERLAPS}) AND NOT ({_INSIDE}))" for _ in windows)
    values = [v for start, end in windows for v in (end, start, start, end)]
    sql = f"SELECT count(*) FROM {relation(source)} e WHERE {where} AND e.date_start IS NOT NULL AND ({tests})"
    return int(db.sql(sql, [*params, *values])[0][0])


def _clip(name: str, start: date, end: date, lo: date | None, hi: date | None, why: str,
          notes: list[str]) -> tuple[date, date]:
    new_start = max(start, lo) if lo else start
    new_end = min(end, hi) if hi else end
    if new_end <= new_start:
        raise WorkError(f"the {name} window {start}..{end - timedelta(days=1)} lies outside {why}")
    if (new_start, new_end) != (start, end):
        notes.append(f"{name} window clipped to {new_start}..{new_end - timedelta(days=1)} "
                     f"({(new_end - new_start).days} of {(end - start).days} days): {why}")
    return new_start, new_end


def compare(db: Reader, at: date, window_days: int = 30, query: EventQuery | None = None,
            source: str = "canonical", level: float = LEVEL, keep_imprecise: bool = False) -> Comparison:
    """Counts and rates before/after ``at``, the ratio after/before with an exact CI and p-value."""
    if window_days < 1:
        raise ValueError(f"window_days must be at least 1, got {window_days}")
    query = query or EventQuery()
    span = coverage(db, source)
    if span is None:
        raise WorkError("no dated events in the store: nothing to compare")
    notes: list[str] = []
    width = timedelta(days=window_days)
    windows = {"before": (at - width, at), "after": (at, at + width)}
    one = timedelta(days=1)
    since = date.fromisoformat(query.since) if query.since else None
    until = date.fromisoformat(query.until) + one if query.until else None
    counted = EventQuery(type=query.type, actor=query.actor, sponsor=query.sponsor, country=query.country,
                         target_country=query.target_country)
    out = {}
    for name, (start, end) in windows.items():
        start, end = _clip(name, start, end, span.first, span.last + one,
                           f"the data's coverage {span.first}..{span.last}", notes)
        start, end = _clip(name, start, end, since, until, "the --since/--until range", notes)
        out[name] = Window(start, end, poisson_rate(_count(db, counted, source, start, end, keep_imprecise),
                                                    (end - start).days, level))
    ratio = rate_ratio(out["before"].rate, out["after"].rate, level)
    left_out = 0 if keep_imprecise else _straddling(db, counted, source, [(w.start, w.end) for w in out.values()])
    return Comparison(source=source, at=at, window_days=window_days, before=out["before"], after=out["after"],
                      ratio=ratio, coverage=span, notes=tuple(notes), left_out=left_out)
