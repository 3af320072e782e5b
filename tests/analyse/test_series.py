"""trend and daily counts: SQL aggregation, zero-fill, breakdowns, both sources."""

from __future__ import annotations

from datetime import date

import pytest
from stats_rows import add_daily, add_event

from proxywatch.analyse.series import coverage, daily_counts, trend
from proxywatch.store import EventQuery, Store


@pytest.fixture
def store(db):
    with Store(db) as s:
        yield s


def test_monthly_trend_zero_fills_empty_months_and_sums_fatalities(store):
    add_event(store, "2024-01-05", fatalities=(1, 2, 4))
    add_event(store, "2024-01-20", fatalities=(0, 1, 1))
    add_event(store, "2024-04-02", fatalities=(3, 3, 3))
    result = trend(store, by="month")
    assert [r.period for r in result.rows] == [date(2024, m, 1) for m in (1, 2, 3, 4)]
    assert [r.events for r in result.rows] == [2, 0, 0, 1]
    jan = result.rows[0]
    assert (jan.fatalities_low, jan.fatalities_best, jan.fatalities_high) == (1, 3, 5)
    assert result.groups == ()


def test_week_starts_on_monday_and_since_until_set_the_calendar(store):
    add_event(store, "2024-02-01")  # a Thursday: week of Monday 29 January
    add_event(store, "2024-02-04")  # Sunday, same week
    add_event(store, "2024-02-05")  # Monday, next week
    result = trend(store, EventQuery(since="2024-01-15", until="2024-02-20"), by="week")
    weeks = {r.period: r.events for r in result.rows}
    assert list(weeks)[0] == date(2024, 1, 15) and list(weeks)[-1] == date(2024, 2, 19)
    assert weeks[date(2024, 1, 29)] == 2 and weeks[date(2024, 2, 5)] == 1 and weeks[date(2024, 1, 22)] == 0


def test_day_trend_counts_each_day(store):
    add_daily(store, "2024-03-01", [2, 0, 1])
    assert [r.events for r in trend(store, by="day").rows] == [2, 0, 1]


def test_sponsor_breakdown_unnests_the_list_and_zero_fills_each_group(store):
    add_event(store, "2024-01-03", sponsors=["IRN", "SYR"])
    add_event(store, "2024-01-04", sponsors=["IRN"])
    add_event(store, "2024-03-04")
    result = trend(store, by="month", split="sponsor")
    assert result.groups == ("IRN", "(none)", "SYR")
    cells = {(r.period.month, r.group): r.events for r in result.rows}
    assert cells[(1, "IRN")] == 2 and cells[(1, "SYR")] == 1 and cells[(1, "(none)")] == 0
    assert cells[(2, "IRN")] == 0 and cells[(3, "(none)")] == 1
    assert len(result.rows) == 3 * 3


def test_top_keeps_the_largest_groups_and_sums_the_rest(store):
    for actor, n in (("A", 3), ("B", 2), ("C", 1), ("D", 1)):
        for _ in range(n):
            add_event(store, "2024-01-10", actor=actor)
    add_event(store, "2024-01-11")
    result = trend(store, by="month", split="actor", top=2)
    assert result.groups == ("A", "B", "(other)")
    assert {r.group: r.events for r in result.rows} == {"A": 3, "B": 2, "(other)": 3}


def test_target_country_and_type_splits_and_filters(store):
    add_event(store, "2024-01-10", target_country="USA", type="ASSAULT")
    add_event(store, "2024-01-11", target_country="ISR", type="THREATEN")
    result = trend(store, EventQuery(type="ASSAULT"), by="month", split="target-country")
    assert result.groups == ("USA",)
    by_type = trend(store, by="month", split="type")
    assert set(by_type.groups) == {"ASSAULT", "THREATEN"}


def test_mentions_source_counts_only_single_occurred_mentions(store):
    add_event(store, "2024-01-10", table="events")
    add_event(store, "2024-01-10", table="events", negated=True)
    add_event(store, "2024-01-10", table="events", status="planned")
    add_event(store, "2024-01-10", table="events", aggregate=100)
    add_event(store, "2024-01-12")  # canonical only
    assert [r.events for r in trend(store, by="month", source="mentions").rows] == [1]
    assert [r.events for r in trend(store, by="month").rows] == [1]
    assert coverage(store, "mentions").first == date(2024, 1, 10)


def test_empty_store_gives_an_empty_trend_and_no_coverage(store):
    assert trend(store, by="month").rows == ()
    assert coverage(store) is None


def test_a_given_range_with_no_matching_events_is_all_zeros(store):
    add_event(store, "2024-01-05", type="THREATEN")
    result = trend(store, EventQuery(type="ASSAULT", since="2024-01-01", until="2024-03-31"), by="month")
    assert [(r.period.month, r.events) for r in result.rows] == [(1, 0), (2, 0), (3, 0)]


def test_daily_counts_zero_fill_and_window(store):
    add_daily(store, "2024-01-01", [1, 0, 3, 0, 2])
    series = daily_counts(store, None, date(2023, 12, 30), date(2024, 1, 3))
    assert series.counts == (0, 0, 1, 0, 3)
    assert series.end == date(2024, 1, 3)


def test_bad_period_or_split_is_refused(store):
    with pytest.raises(ValueError):
        trend(store, by="year")
    with pytest.raises(ValueError):
        trend(store, split="colour")
