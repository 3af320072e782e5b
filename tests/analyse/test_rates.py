"""Exact Poisson intervals for a rate and for the ratio of two rates."""

from __future__ import annotations

import math

import numpy as np
import pytest

from proxywatch.analyse.rates import poisson_rate, rate_ratio


def test_garwood_interval_matches_the_published_table():
    # Garwood (1936) / standard tables: 0 events → [0, 3.689]; 10 events → [4.795, 18.390].
    zero = poisson_rate(0, 1)
    assert zero.low == 0.0 and zero.high == pytest.approx(3.689, abs=1e-3)
    ten = poisson_rate(10, 5)
    assert ten.rate == 2.0
    assert ten.low * 5 == pytest.approx(4.795, abs=1e-3) and ten.high * 5 == pytest.approx(18.390, abs=1e-3)


def test_rate_needs_days():
    with pytest.raises(ValueError):
        poisson_rate(3, 0)


def test_ratio_interval_brackets_the_estimate_and_handles_zeros():
    r = rate_ratio(poisson_rate(30, 30), poisson_rate(6, 30))
    assert r.ratio == pytest.approx(0.2) and r.low < 0.2 < r.high and r.p_value < 0.001
    no_after = rate_ratio(poisson_rate(20, 30), poisson_rate(0, 30))
    assert no_after.ratio == 0.0 and no_after.low == 0.0 and 0 < no_after.high < 1
    no_before = rate_ratio(poisson_rate(0, 30), poisson_rate(10, 30))
    assert math.isinf(no_before.ratio) and math.isinf(no_before.high) and no_before.low > 1
    nothing = rate_ratio(poisson_rate(0, 30), poisson_rate(0, 30))
    assert nothing.ratio is None and nothing.p_value == 1.0


def test_equal_rates_give_a_large_p_value_and_unequal_windows_are_accounted_for():
    same = rate_ratio(poisson_rate(20, 10), poisson_rate(40, 20))
    assert same.ratio == pytest.approx(1.0) and same.p_value > 0.9 and same.low < 1 < same.high


def test_ratio_interval_covers_the_true_ratio_at_least_95_percent():
    rng = np.random.default_rng(7)
    true_ratio, hits, trials = 0.25, 0, 400
    for _ in range(trials):
        n1, n2 = rng.poisson(2.0 * 30), rng.poisson(2.0 * true_ratio * 45)
        r = rate_ratio(poisson_rate(int(n1), 30), poisson_rate(int(n2), 45))
        hits += r.low <= true_ratio <= r.high
    assert hits / trials >= 0.94
