"""compare: half-open windows, coverage clipping, window parsing, the ratio and its interval."""

from __future__ import annotations

from datetime import date

import pytest
from stats_rows import add_daily, add_event

from proxywatch.analyse.compare import compare, parse_window
from proxywatch.errors import ProxywatchError
from proxywatch.store import EventQuery, Store


@pytest.fixture
def store(db):
    with Store(db) as s:
        yield s


def test_parse_window_days_weeks_and_refusals():
    assert parse_window("30d") == 30 and parse_window("30") == 30 and parse_window("4w") == 28
    assert parse_window(" 2W ") == 14
    for bad, hint in (("2m", "months vary"), ("0d", "30d"), ("soon", "30d"), ("", "30d")):
        with pytest.raises(ProxywatchError, match=hint):
            parse_window(bad)


def test_the_day_at_counts_as_after_and_the_window_edges_are_half_open(store):
    add_daily(store, "2024-01-01", [1] * 60)  # coverage 1 Jan .. 29 Feb
    add_event(store, "2024-01-31")  # the day `at`: after
    result = compare(store, date(2024, 1, 31), 10)
    assert (result.before.start, result.before.end) == (date(2024, 1, 21), date(2024, 1, 31))
    assert (result.after.start, result.after.end) == (date(2024, 1, 31), date(2024, 2, 10))
    assert (result.before.rate.events, result.after.rate.events) == (10, 11)
    assert result.notes == ()
    assert result.ratio.ratio == pytest.approx(1.1) and result.ratio.p_value > 0.5


def test_a_drop_gives_a_small_ratio_with_an_exact_interval(store):
    add_daily(store, "2024-01-01", [2] * 30 + [0, 0, 1] * 10, target_country="USA")
    result = compare(store, date(2024, 1, 31), 30, EventQuery(target_country="USA"))
    assert (result.before.rate.events, result.after.rate.events) == (60, 10)
    assert result.ratio.ratio == pytest.approx(10 / 60)
    assert result.ratio.low < 10 / 60 < result.ratio.high < 0.4 and result.ratio.p_value < 1e-6


def test_windows_beyond_the_data_are_clipped_and_said(store):
    add_daily(store, "2024-01-01", [1] * 20)
    result = compare(store, date(2024, 1, 15), 30)
    assert result.before.start == date(2024, 1, 1) and result.before.rate.days == 14
    assert result.after.end == date(2024, 1, 21) and result.after.rate.days == 6
    assert len(result.notes) == 2 and "coverage 2024-01-01..2024-01-20" in result.notes[0]
    with pytest.raises(ProxywatchError, match="outside the data's coverage"):
        compare(store, date(2025, 1, 1), 30)


def test_article_dates_extend_the_coverage_so_quiet_days_count(store):
    add_daily(store, "2024-01-01", [1] * 10)
    store.sql("INSERT INTO articles (id, content_hash, published_date, text, record, ingested_at) "
              "VALUES ('a', 'h', DATE '2024-03-01', 't', '{}', now())")
    result = compare(store, date(2024, 1, 11), 30)
    assert result.after.rate.days == 30 and result.after.rate.events == 0
    assert result.ratio.low == 0.0 and result.ratio.high < 1


def test_since_until_clip_the_windows_too(store):
    add_daily(store, "2024-01-01", [1] * 60)
    result = compare(store, date(2024, 1, 31), 30, EventQuery(since="2024-01-21", until="2024-02-09"))
    assert (result.before.rate.days, result.after.rate.days) == (10, 10)
    assert (result.before.rate.events, result.after.rate.events) == (10, 10)
    assert any("--since/--until" in n for n in result.notes)


def test_empty_store_is_an_error(store):
    with pytest.raises(ProxywatchError, match="no dated events"):
        compare(store, date(2024, 1, 1))
