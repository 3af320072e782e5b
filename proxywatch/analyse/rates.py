"""Exact Poisson intervals: one rate (Garwood) and the ratio of two rates (conditional binomial).

Both are exact in the sense of guaranteed coverage (at least the nominal level), not asymptotic:
they stay honest for the small counts proxywatch sees (a handful of attacks a month).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["Rate", "RateRatio", "poisson_rate", "rate_ratio", "LEVEL"]

LEVEL = 0.95


@dataclass(frozen=True)
class Rate:
    """``events`` counted over ``days`` days: events per day with an exact interval."""

    events: int
    days: int
    rate: float
    low: float
    high: float


@dataclass(frozen=True)
class RateRatio:
    """Rate after / rate before with an exact interval and a two-sided exact p-value for ratio = 1.

    ``ratio`` is ``None`` when both counts are zero (nothing to compare); ``high`` is ``inf`` when
    the before-count is zero and ``low`` is 0 when the after-count is zero.
    """

    ratio: float | None
    low: float
    high: float
    p_value: float


def poisson_rate(events: int, days: int, level: float = LEVEL) -> Rate:
    """Garwood's exact interval for a Poisson mean, divided by the exposure in days."""
    from scipy.stats import chi2

    if days <= 0:
        raise ValueError(f"a rate needs a positive number of days, got {days}")
    alpha = 1.0 - level
    low = 0.0 if events == 0 else float(chi2.ppf(alpha / 2, 2 * events)) / 2
    high = float(chi2.ppf(1 - alpha / 2, 2 * events + 2)) / 2
    return Rate(events=int(events), days=int(days), rate=events / days, low=low / days, high=high / days)


def rate_ratio(before: Rate, after: Rate, level: float = LEVEL) -> RateRatio:
    """Exact CI for r = rate_after / rate_before by conditioning on the total count.

    Given n = n1 + n2, the after-count n2 ~ Binomial(n, p) with p = r·t2 / (t1 + r·t2). A
    Clopper–Pearson interval (p_lo, p_hi) for p maps back to r = p·t1 / ((1 − p)·t2), which is
    increasing in p, so the interval transforms endpoint by endpoint. The p-value is the exact
    two-sided binomial test of p = t2 / (t1 + t2), i.e. of equal rates.
    """
    from scipy.stats import beta, binomtest

    n1, t1, n2, t2 = before.events, before.days, after.events, after.days
    n = n1 + n2
    if n == 0:
        return RateRatio(ratio=None, low=0.0, high=math.inf, p_value=1.0)
    alpha = 1.0 - level
    p_lo = 0.0 if n2 == 0 else float(beta.ppf(alpha / 2, n2, n1 + 1))
    p_hi = 1.0 if n1 == 0 else float(beta.ppf(1 - alpha / 2, n2 + 1, n1))

    def to_ratio(p: float) -> float:
        return math.inf if p >= 1.0 else p * t1 / ((1.0 - p) * t2)

    ratio = math.inf if n1 == 0 else (n2 / t2) / (n1 / t1)
    p_value = float(binomtest(n2, n, t2 / (t1 + t2), alternative="two-sided").pvalue)
    return RateRatio(ratio=ratio, low=to_ratio(p_lo), high=to_ratio(p_hi), p_value=p_value)
