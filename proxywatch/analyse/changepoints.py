"""Change points in the daily event rate: a piecewise-constant Poisson model fitted with ruptures.

Model: daily counts y_t ~ Poisson(λ_k) on each segment k. The cost of a segment is its negative
Poisson log-likelihood at the segment's MLE λ = S/L (S events over L days), which is
S − S·log(S/L) up to terms that do not depend on the segmentation (Σ log y_t!); with cumulative
sums it costs O(1) per segment. PELT (exact for a penalised cost) finds the segmentation
minimising total cost + penalty × number of changes; with ``n_changes`` dynamic programming
(ruptures' Dynp) finds the best segmentation with exactly that many changes.

ruptures' search is pure Python and, with few changes, close to O(n²) cost evaluations, so a
series longer than 600 days is searched on a grid of every ⌈n/600⌉-th day; each change found is
then moved to its best day between its neighbouring changes (the exact single-change profile
likelihood below), so dates stay day-exact.

Penalty: ``penalty`` × log(n) per change, n = days, on this (negative log-likelihood) scale.
``penalty`` = 1 is the BIC (½·p·log n with p = 2 parameters per change: the new rate and the
change day); the default 1.5 is stricter because the BIC let through false changes on simulated
constant-rate series (3 in 300 at 1, none at 1.5; docs/analysis.md).

Each change reports:

* the date: the first day of the new regime;
* the rates before and after (events/day) over the adjacent segments, with exact Poisson 95%
  intervals, and their ratio;
* a date interval: the days d at which a single change inside the two adjacent segments has a
  profile log-likelihood within χ²(1, 0.95)/2 = 1.92 of the best day — a likelihood-ratio
  interval for where the change happened, given that there is one there (nominally 95%; it
  covered the true day in 89% of simulated series, docs/analysis.md). The interval is
  the span from the earliest to the latest such day.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from proxywatch.analyse.rates import LEVEL, Rate, poisson_rate
from proxywatch.analyse.series import (
    DailySeries,
    Reader,
    coverage,
    daily_counts,
    first_day,
)
from proxywatch.errors import ProxywatchError, WorkError
from proxywatch.store import EventQuery

__all__ = ["Segment", "Change", "ChangePoints", "poisson_cost", "detect", "changepoints", "LR_HALF_WIDTH",
           "DEFAULT_PENALTY", "DEFAULT_MIN_DAYS"]

LR_HALF_WIDTH = 1.920729  # chi2.ppf(0.95, 1) / 2
DEFAULT_PENALTY = 1.5  # × log(days) per change; see the module doc
DEFAULT_MIN_DAYS = 7  # shortest regime
GRID_DAYS = 600  # longer series: PELT over every ⌈n/600⌉-th day, then each change refined to its best day


def poisson_cost(min_size: int = 1):
    """A ruptures cost (``BaseCost`` subclass instance) for piecewise-constant Poisson rates."""
    import numpy as np
    from ruptures.base import BaseCost

    class PoissonCost(BaseCost):
        """Negative Poisson log-likelihood of a segment at its MLE rate (O(1) via cumulative sums)."""

        model = "poisson"

        def __init__(self, min_size: int = 1) -> None:
            self.min_size = min_size
            self.signal = np.zeros((0, 1))
            self.sums = [0.0]

        def fit(self, signal):  # noqa: ANN001 - ruptures' interface
            y = np.asarray(signal, dtype=float).reshape(-1)
            if (y < 0).any():
                raise ValueError("Poisson cost needs non-negative counts")
            self.signal = y.reshape(-1, 1)  # ruptures reads the length from here
            self.sums = [0.0, *np.cumsum(y).tolist()]  # a list: scalar look-ups are faster than numpy's
            return self

        def error(self, start: int, end: int) -> float:
            total = self.sums[end] - self.sums[start]
            if total <= 0:
                return 0.0
            return float(total - total * math.log(total / (end - start)))

    return PoissonCost(min_size=min_size)


def _loglik(total, days):
    """Maximised Poisson log-likelihood (without Σ log y!) of segments, elementwise."""
    import numpy as np

    total = np.asarray(total, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(total > 0, total * np.log(np.where(total > 0, total, 1.0) / days) - total, 0.0)


@dataclass(frozen=True)
class Segment:
    start: date
    end: date  # inclusive
    rate: Rate


@dataclass(frozen=True)
class Change:
    date: date  # first day of the new regime
    date_low: date  # likelihood-ratio interval for the change day (see module doc)
    date_high: date
    before: Rate  # the adjacent segment before
    after: Rate  # the adjacent segment after
    ratio: float  # after.rate / before.rate (inf when the before-segment has no events)
    gain: float  # log-likelihood gained by this change over merging its two segments


@dataclass(frozen=True)
class ChangePoints:
    source: str
    start: date
    end: date
    events: int
    penalty: float
    min_days: int
    method: str  # "pelt" or "dynp"
    changes: tuple[Change, ...]
    segments: tuple[Segment, ...]
    series: DailySeries
    left_out: int = 0  # matching events in the window not dated to one day (series.py: date precision)


def _breaks(counts, penalty: float, min_days: int, n_changes: int | None) -> list[int]:
    """Indices (into the series) where new segments start."""
    import numpy as np
    import ruptures as rpt

    signal = np.asarray(counts, dtype=float).reshape(-1, 1)
    n = len(signal)
    if n < 2 * min_days:
        return []
    cost = poisson_cost(min_days)
    jump = max(1, math.ceil(n / GRID_DAYS))
    if n_changes is None:
        bkps = rpt.Pelt(custom_cost=cost, min_size=min_days, jump=jump).fit(signal).predict(pen=penalty)
    else:
        if n_changes == 0:
            return []
        if (n_changes + 1) * min_days > n:
            raise ProxywatchError(f"--n {n_changes} changes need at least {(n_changes + 1) * min_days} days, "
                                  f"the series has {n}")
        bkps = rpt.Dynp(custom_cost=cost, min_size=min_days, jump=jump).fit(signal).predict(n_bkps=n_changes)
    starts = [int(b) for b in bkps[:-1]]
    return _refine(np.concatenate([[0.0], np.cumsum(signal[:, 0])]), starts, n, min_days) if jump > 1 else starts


def _profile(cum, a: int, c: int, min_days: int):
    """Candidate days t for one change in [a, c) and the log-likelihood of each split."""
    import numpy as np

    t = np.arange(a + min_days, c - min_days + 1)
    return t, _loglik(cum[t] - cum[a], t - a) + _loglik(cum[c] - cum[t], c - t)


def _refine(cum, starts: list[int], n: int, min_days: int) -> list[int]:
    """Move each change (found on a coarse grid) to its best day between its neighbours."""
    edges = [0, *starts, n]
    for k in range(1, len(edges) - 1):
        t, profile = _profile(cum, edges[k - 1], edges[k + 1], min_days)
        if len(t):
            edges[k] = int(t[profile.argmax()])
    return edges[1:-1]


def _interval(cum, a: int, b: int, c: int, min_days: int) -> tuple[int, int, float]:
    """LR interval for a single change in [a, c) around b, and the log-likelihood gain at b."""
    t, profile = _profile(cum, a, c, min_days)
    inside = t[profile >= profile.max() - LR_HALF_WIDTH]
    whole = float(_loglik(cum[c] - cum[a], c - a))
    at_b = float(_loglik(cum[b] - cum[a], b - a) + _loglik(cum[c] - cum[b], c - b))
    return min(int(inside.min()), b), max(int(inside.max()), b), at_b - whole


def detect(series: DailySeries, penalty: float | None = None, min_days: int = DEFAULT_MIN_DAYS,
           n_changes: int | None = None, source: str = "canonical", level: float = LEVEL) -> ChangePoints:
    """Change points of a zero-filled daily series (pure: no database)."""
    import numpy as np

    if min_days < 1:
        raise ValueError(f"min_days must be at least 1, got {min_days}")
    counts = np.asarray(series.counts, dtype=float)
    n = len(counts)
    pen = (DEFAULT_PENALTY if penalty is None else float(penalty)) * math.log(max(n, 2))
    starts = _breaks(counts, pen, min_days, n_changes)
    edges = [0, *starts, n]
    cum = np.concatenate([[0.0], np.cumsum(counts)])

    def rate(lo: int, hi: int) -> Rate:
        return poisson_rate(int(round(cum[hi] - cum[lo])), hi - lo, level)

    segments = tuple(Segment(series.day(lo), series.day(hi - 1), rate(lo, hi)) for lo, hi in zip(edges, edges[1:]))
    changes = []
    for k, b in enumerate(starts, start=1):
        a, c = edges[k - 1], edges[k + 1]
        low, high, gain = _interval(cum, a, b, c, min_days)
        before, after = segments[k - 1].rate, segments[k].rate
        ratio = math.inf if before.rate == 0 else after.rate / before.rate
        changes.append(Change(date=series.day(b), date_low=series.day(low), date_high=series.day(high),
                              before=before, after=after, ratio=ratio, gain=gain))
    return ChangePoints(source=source, start=series.start, end=series.end, events=int(cum[-1]), penalty=pen,
                        min_days=min_days, method="pelt" if n_changes is None else "dynp",
                        changes=tuple(changes), segments=segments, series=series, left_out=series.left_out)


def changepoints(db: Reader, query: EventQuery | None = None, penalty: float | None = None,
                 min_days: int = DEFAULT_MIN_DAYS,
                 n_changes: int | None = None, source: str = "canonical",
                 keep_imprecise: bool = False) -> ChangePoints:
    """Change points of the filtered daily counts.

    The series runs from ``--since``, else the first matching event, to ``--until``, else the end
    of the store's coverage (the later of its last event and its last article): the quiet days after
    the last matching event are part of the evidence. Historical events mentioned in passing (a
    2020 strike recalled in a 2024 article) therefore do not stretch the series back to 2020
    unless they match the filters. Only day-exact events are counted (a year-only or range-dated
    event has no day); the others are counted in ``left_out`` unless ``keep_imprecise``.
    """
    query = query or EventQuery()
    span = coverage(db, source)
    first = first_day(db, query, source, keep_imprecise)
    if (span is None or first is None) and not (query.since and query.until):
        raise WorkError("no dated events match: nothing to analyse (give --since and --until "
                              "to analyse an empty window)")
    start = date.fromisoformat(query.since) if query.since else first
    end = date.fromisoformat(query.until) if query.until else span.last
    if end < start:
        raise WorkError(f"the window {start}..{end} is empty")
    series = daily_counts(db, query, start, end, source, keep_imprecise)
    return detect(series, penalty=penalty, min_days=min_days, n_changes=n_changes, source=source)
