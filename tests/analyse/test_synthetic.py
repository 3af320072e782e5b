"""Acceptance on synthetic data with known truth: 1.5/day for 100 days, then 0.1/day."""

from __future__ import annotations

import pytest

from proxywatch.analyse.changepoints import changepoints
from proxywatch.analyse.compare import compare
from proxywatch.analyse.series import daily_counts
from proxywatch.analyse.synthetic import generate, write_synthetic
from proxywatch.store import EventQuery, Store

SEEDS = range(20)


def _store(truth, table="canonical_events") -> Store:
    store = Store()
    write_synthetic(store, truth, table)
    return store


def test_generator_is_seeded_and_the_rows_are_the_truth():
    truth = generate(4)
    assert truth == generate(4) and truth != generate(5)
    assert truth.change.isoformat() == "2024-01-09" and truth.ratio == pytest.approx(0.1 / 1.5)
    for table, source in (("canonical_events", "canonical"), ("events", "mentions")):
        with _store(truth, table) as store:
            assert daily_counts(store, None, truth.start, truth.end, source).counts == truth.counts
            assert store.sql(f"SELECT count(DISTINCT id) FROM {table}")[0][0] == truth.events


def test_rates_follow_the_parameters():
    truth = generate(0, rate_before=3.0, rate_after=0.5, days_before=4000, days_after=4000)
    before, after = sum(truth.counts[:4000]) / 4000, sum(truth.counts[4000:]) / 4000
    assert before == pytest.approx(3.0, rel=0.03) and after == pytest.approx(0.5, rel=0.08)


def test_changepoints_find_the_change_within_three_days():
    misses = []
    for seed in SEEDS:
        truth = generate(seed)
        window = EventQuery(since=truth.start.isoformat(), until=truth.end.isoformat())
        with _store(truth) as store:
            result = changepoints(store, window)
        assert len(result.changes) == 1, f"seed {seed}: {len(result.changes)} changes"
        error = abs((result.changes[0].date - truth.change).days)
        assert error <= 7, f"seed {seed}: change {error} days off"
        if error > 3:
            misses.append(seed)
    # The MLE misses by 4 days when chance leaves the last days before the change empty:
    # 190 of 200 seeds are within ±3 days (docs/analysis.md); allow that rate here.
    assert len(misses) <= 2, misses


def test_changepoints_on_mentions_and_with_a_filter():
    truth = generate(11)
    with _store(truth, "events") as store:
        result = changepoints(store, EventQuery(type="ASSAULT"), source="mentions")
    assert len(result.changes) == 1 and abs((result.changes[0].date - truth.change).days) <= 3


def test_compare_at_the_true_date_contains_the_true_ratio():
    outside = []
    for seed in SEEDS:
        truth = generate(seed)
        with _store(truth) as store:
            result = compare(store, truth.change, 30)
        assert result.notes == ()
        assert result.ratio.high < 1 and result.ratio.p_value < 0.01, f"seed {seed}: {result.ratio}"
        if not result.ratio.low <= truth.ratio <= result.ratio.high:
            outside.append(seed)
    # A 95% interval may miss one seed in twenty (seed 16 draws 6 events after the change where
    # 3 are expected); over 200 seeds the exact interval covers the truth ≥ 95% (docs/analysis.md).
    assert len(outside) <= 1, outside
