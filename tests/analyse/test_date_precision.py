"""Date precision in analysis: year-only and long-range events are not daily or weekly events.

An event is counted in a period only when its whole date span lies inside it; the others are left
out of trend, changepoints and compare by default and their number is reported in the result (JSON),
the table and the chart (series.py module doc). ``keep_imprecise`` restores first-day counting.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from stats_rows import add_daily, add_event
from typer.testing import CliRunner

from proxywatch.analyse.changepoints import changepoints
from proxywatch.analyse.compare import compare
from proxywatch.analyse.series import coverage, daily_counts, first_day, trend
from proxywatch.cli import app
from proxywatch.serve.charts import changepoints_chart, left_out_subtitle, trend_chart
from proxywatch.store import EventQuery, Store


def _fill(store: Store) -> None:
    add_daily(store, "2024-01-01", [1, 0, 2, 0, 0, 1, 0] * 8)  # 56 days of day-exact events
    add_event(store, "2020-01-01", end="2020-12-31")  # "a 2020 strike", year only
    add_event(store, "2024-01-01", end="2024-02-19")  # "since the start of January"
    add_event(store, "2024-01-08", end="2024-01-14")  # "last week": Monday to Sunday


@pytest.fixture
def store():
    with Store() as s:
        _fill(s)
        yield s


def test_trend_leaves_out_what_does_not_fit_a_period_and_says_how_many(store):
    weekly = trend(store, by="week")
    assert weekly.left_out == 2  # the year and the 50-day range; "last week" is one week
    assert weekly.periods[0] == date(2024, 1, 1)  # the axis does not stretch back to 2020
    assert sum(r.events for r in weekly.rows) == 32 + 1
    daily = trend(store, by="day")
    assert daily.left_out == 3 and sum(r.events for r in daily.rows) == 32
    monthly = trend(store, by="month")
    assert monthly.left_out == 2 and monthly.periods == (date(2024, 1, 1), date(2024, 2, 1))


def test_keep_imprecise_counts_them_on_their_first_day_as_before(store):
    kept = trend(store, by="month", keep_imprecise=True)
    assert kept.left_out == 0 and kept.periods[0] == date(2020, 1, 1)
    assert sum(r.events for r in kept.rows) == 35


def test_daily_counts_and_changepoints_count_only_day_exact_events(store):
    series = daily_counts(store, None, date(2024, 1, 1), date(2024, 2, 25))
    assert sum(series.counts) == 32 and series.left_out == 2  # the range and the week start inside it
    result = changepoints(store)
    assert result.start == date(2024, 1, 1) and result.left_out == 2 and result.events == 32
    assert first_day(store) == date(2024, 1, 1) and first_day(store, keep_imprecise=True) == date(2020, 1, 1)
    assert changepoints(store, keep_imprecise=True).events == 35


def test_coverage_ignores_year_only_and_long_ranges(store):
    span = coverage(store)
    assert span.first == date(2024, 1, 1)


def test_compare_counts_events_whose_span_lies_inside_a_window(store):
    result = compare(store, date(2024, 1, 29), 28)
    assert result.before.rate.events == 16 + 1  # day events of 4 weeks + "last week"
    assert result.after.rate.events == 16
    assert result.left_out == 1  # the January-February range straddles the two windows
    loose = compare(store, date(2024, 1, 29), 28, keep_imprecise=True)
    assert loose.left_out == 0 and loose.before.rate.events == 18


def test_filters_apply_to_the_count_left_out(store):
    add_event(store, "2024-01-01", end="2024-12-31", type="PROTEST")
    assert trend(store, EventQuery(type="PROTEST"), by="month").left_out == 1
    assert trend(store, EventQuery(type="ASSAULT"), by="month").left_out == 2


def test_charts_say_how_many_were_left_out(store, tmp_path):
    assert left_out_subtitle(0, "one day") == ""
    assert "2 events dated too vaguely for one week left out" in left_out_subtitle(2, "one week")
    html = trend_chart(trend(store, by="week"), tmp_path / "t.html").read_text(encoding="utf-8")
    assert "2 events dated too vaguely for one week left out" in html
    assert "2020" not in html  # the axis of the weekly chart starts in 2024
    html = changepoints_chart(changepoints(store), tmp_path / "c.html").read_text(encoding="utf-8")
    assert "2 events dated too vaguely for one day left out" in html


def test_cli_reports_the_count_in_json_and_table(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(str(path)) as s:
        _fill(s)
    runner = CliRunner()
    result = runner.invoke(app, ["trend", "--db", str(path), "--by", "week", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["left_out"] == 2
    assert "note: 2 events dated too vaguely for one week left out" in result.output
    table = runner.invoke(app, ["trend", "--db", str(path), "--by", "week"])
    assert "2 events dated too vaguely for one week left out" in table.stdout
    for command in (["changepoints"], ["compare", "--at", "2024-01-29", "--window", "28d"]):
        result = runner.invoke(app, [*command, "--db", str(path), "--format", "json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["left_out"] in (1, 2)
    kept = runner.invoke(app, ["trend", "--db", str(path), "--format", "json", "--keep-imprecise"])
    assert json.loads(kept.stdout)["left_out"] == 0
