"""Change points of a Poisson rate: the cost, no false changes, sparse data, intervals, the store path."""

from __future__ import annotations

import math
from datetime import date, timedelta

import numpy as np
import pytest
from stats_rows import add_daily

from proxywatch.analyse.changepoints import changepoints, detect, poisson_cost
from proxywatch.analyse.series import DailySeries
from proxywatch.errors import ProxywatchError
from proxywatch.store import EventQuery, Store

START = date(2024, 1, 1)


def _series(counts) -> DailySeries:
    return DailySeries(START, tuple(int(c) for c in counts))


def test_cost_is_the_poisson_negative_log_likelihood_up_to_a_constant():
    y = np.array([0, 3, 1, 4, 0, 0, 2, 5, 1])
    cost = poisson_cost().fit(y.reshape(-1, 1))

    def nll(seg):  # full negative log-likelihood at the MLE, minus the Σ log y! constant
        lam = seg.mean()
        return float(len(seg) * lam - (seg.sum() * math.log(lam) if lam > 0 else 0.0))

    for a, b in ((0, 9), (2, 5), (4, 6), (1, 2)):
        assert cost.error(a, b) == pytest.approx(nll(y[a:b]))


@pytest.mark.parametrize("rate", [1.5, 0.3, 0.05])
def test_constant_rate_gives_no_change_at_the_default_penalty(rate):
    for seed in range(8):
        counts = np.random.default_rng(seed).poisson(rate, 200)
        assert detect(_series(counts)).changes == (), f"false change at rate {rate}, seed {seed}"


def test_a_clear_drop_is_found_with_rates_ratio_and_an_interval_containing_it():
    counts = np.random.default_rng(1).poisson(np.repeat([2.0, 0.2], [80, 80]))
    result = detect(_series(counts))
    (change,) = result.changes
    assert abs((change.date - (START + timedelta(days=80))).days) <= 3
    assert change.date_low <= change.date <= change.date_high
    assert change.before.low < 2.0 < change.before.high and change.after.low < 0.2 < change.after.high
    assert change.ratio == pytest.approx(change.after.rate / change.before.rate)
    assert change.gain > result.penalty
    assert [s.rate.days for s in result.segments] == [(change.date - START).days,
                                                      160 - (change.date - START).days]


def test_sparse_attack_series_like_the_us_forces_case():
    # ~0.3 events/day for 110 days, then almost nothing for 60 days.
    hits = 0
    for seed in range(10):
        counts = np.random.default_rng(100 + seed).poisson(np.repeat([0.3, 0.02], [110, 60]))
        changes = detect(_series(counts)).changes
        assert len(changes) <= 1
        hits += any(abs((c.date - (START + timedelta(days=110))).days) <= 10 for c in changes)
    assert hits >= 6


def test_two_changes_and_exactly_n_with_dynamic_programming():
    counts = np.random.default_rng(3).poisson(np.repeat([0.5, 4.0, 0.5], [60, 40, 60]))
    found = [c.date for c in detect(_series(counts)).changes]
    assert len(found) == 2
    assert abs((found[0] - (START + timedelta(days=60))).days) <= 3
    assert abs((found[1] - (START + timedelta(days=100))).days) <= 3
    one = detect(_series(counts), n_changes=1)
    assert one.method == "dynp" and len(one.changes) == 1
    assert detect(_series(counts), n_changes=0).changes == ()


def test_penalty_and_min_days_are_honoured():
    counts = np.random.default_rng(3).poisson(np.repeat([0.5, 4.0, 0.5], [60, 40, 60]))
    assert detect(_series(counts), penalty=1000).changes == ()
    assert all(s.rate.days >= 50 for s in detect(_series(counts), min_days=50).segments)
    assert detect(_series(counts), penalty=2).penalty == pytest.approx(2 * math.log(160))


def test_short_series_has_no_changes():
    assert detect(_series([3, 0, 0])).changes == ()


def test_store_path_uses_since_until_window_and_filters(db):
    with Store(db) as store:
        add_daily(store, "2024-01-01", [2] * 40 + [0] * 40, target_country="USA")
        add_daily(store, "2024-01-01", [1] * 80, target_country="ISR")
        result = changepoints(store, EventQuery(target_country="USA"))
        assert [c.date for c in result.changes] == [date(2024, 2, 10)]
        assert result.events == 80
        none = changepoints(store, EventQuery(target_country="ISR"))
        assert none.changes == ()
        window = changepoints(store, EventQuery(target_country="USA", since="2024-01-20", until="2024-03-31"))
        assert window.start == date(2024, 1, 20) and window.end == date(2024, 3, 31)
        assert window.series.counts[-1] == 0


def test_empty_store_is_an_error(db):
    with Store(db) as store, pytest.raises(ProxywatchError, match="no dated events"):
        changepoints(store)


def test_default_window_runs_from_the_first_matching_event_to_the_end_of_coverage(db):
    with Store(db) as store:
        add_daily(store, "2020-01-03", [1], target_country="IRN")  # an old event recalled in passing
        add_daily(store, "2024-01-01", [1] * 30, target_country="USA")
        store.sql("INSERT INTO articles (id, content_hash, published_date, text, record, ingested_at) "
                  "VALUES ('a', 'h', DATE '2024-03-31', 't', '{}', now())")
        result = changepoints(store, EventQuery(target_country="USA"))
        assert (result.start, result.end) == (date(2024, 1, 1), date(2024, 3, 31))
        assert [c.date for c in result.changes] == [date(2024, 1, 31)]
        with pytest.raises(ProxywatchError, match="no dated events match"):
            changepoints(store, EventQuery(target_country="GBR"))
