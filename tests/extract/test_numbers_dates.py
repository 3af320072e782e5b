"""Counts with bounds and dates resolved against publication: our own rules, no model needed."""

from datetime import date

import pytest

from proxywatch.extract.dates import listed_dates, offset_date, parse_published, resolve_date
from proxywatch.extract.numbers import parse_count
from proxywatch.records import DateSpan


@pytest.mark.parametrize(
    ("phrase", "bounds"),
    [
        ("three", (3, 3)), ("two", (2, 2)), ("a soldier", (1, 1)), ("at least 12", (12, None)),
        ("more than 40", (41, None)), ("over 100", (101, None)), ("dozens", (24, None)),
        ("twenty-five", (25, 25)), ("1,200", (1200, 1200)), ("no", (0, 0)), ("nearly 40", (0, 40)),
        ("fewer than 10", (0, 9)), ("a dozen", (12, 12)), ("more than forty", (41, None)),
    ],
)
def test_parse_count(phrase, bounds):
    count = parse_count(phrase)
    assert (count.min, count.max) == bounds


@pytest.mark.parametrize("phrase", ["", "soldiers", "the base"])
def test_no_count(phrase):
    assert parse_count(phrase) is None


REF = date(2024, 2, 3)  # a Saturday


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("Sunday", "2024-01-28", "2024-01-28", "day"),
        ("on Friday", "2024-02-02", "2024-02-02", "day"),
        ("Saturday", "2024-02-03", "2024-02-03", "day"),
        ("yesterday", "2024-02-02", "2024-02-02", "day"),
        ("January 28", "2024-01-28", "2024-01-28", "day"),
        ("28 January 2024", "2024-01-28", "2024-01-28", "day"),
        ("October", "2023-10-01", "2023-10-31", "month"),
        ("mid-October", "2023-10-11", "2023-10-20", "range"),
        ("early December 2022", "2022-12-01", "2022-12-10", "range"),
        ("earlier this month", "2024-02-01", "2024-02-03", "range"),
        ("last week", "2024-01-22", "2024-01-28", "week"),
        ("since October", "2023-10-01", "2024-02-03", "range"),
        ("between mid-October and the beginning of February", "2023-10-11", "2024-02-10", "range"),
        ("November and December 2022", "2022-11-01", "2022-12-31", "range"),
        ("last Sunday", "2024-01-28", "2024-01-28", "day"),
        ("last Saturday", "2024-01-27", "2024-01-27", "day"),
        ("this Friday", "2024-02-02", "2024-02-02", "day"),
        ("November and December", "2023-11-01", "2023-12-31", "range"),
        ("December to January", "2023-12-01", "2024-01-31", "range"),
    ],
)
def test_resolve_date(text, start, end, precision):
    span = resolve_date(text, REF)
    assert (span.start, span.end, span.precision) == (start, end, precision)


def test_since_an_event_has_unknown_start():
    span = resolve_date("since the US retaliated", REF)
    assert (span.start, span.end) == (None, "2024-02-03")


def test_relative_dates_need_a_publication_date():
    assert resolve_date("Sunday", None) is None
    assert resolve_date("28 January 2024", None).start == "2024-01-28"


def test_future_dates_are_not_events_in_the_past():
    assert resolve_date("March 15 2024", REF) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2024-01-29", date(2024, 1, 29)), ("2024-01-29T08:00:00Z", date(2024, 1, 29)), ("yesterday", None), (None, None)],
)
def test_parse_published(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize(
    ("offset", "mark", "start", "end", "precision"),
    [
        ("a day", "after", "2024-07-19", "2024-07-19", "day"), ("two days", "after", "2024-07-18", "2024-07-18", "day"),
        ("a week", "before", "2024-07-27", "2024-07-27", "day"), ("hours", "after", "2024-07-19", "2024-07-20", "range"),
        ("days", "after", "2024-07-14", "2024-07-18", "range"),
    ],
)
def test_offset_date(offset, mark, start, end, precision):
    span = offset_date(DateSpan("2024-07-20", "2024-07-20", "day"), offset, mark)
    assert (span.start, span.end, span.precision) == (start, end, precision)


def test_offset_date_needs_a_day_and_a_plain_offset():
    assert offset_date(DateSpan("2024-07-01", "2024-07-31", "month"), "a day", "after") is None
    assert offset_date(DateSpan("2024-07-20", "2024-07-20", "day"), "weeks", "after") is None


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [("late last month", "2024-01-21", "2024-01-31"), ("early this month", "2024-02-01", "2024-02-10"),
     ("earlier this week", "2024-02-19", "2024-02-20"), ("this year", "2024-01-01", "2024-02-20")],
)
def test_parts_of_relative_months(text, start, end):
    span = resolve_date(text, date(2024, 2, 20))
    assert (span.start, span.end) == (start, end)


def test_an_estimate_is_told_from_a_count():
    from proxywatch.extract.numbers import approximate
    assert approximate("about 66") and approximate("some 200") and approximate("roughly a dozen")
    assert not approximate("at least 66") and not approximate("66") and not approximate("a dozen")


def test_a_range_of_days_in_one_month():
    from datetime import date

    from proxywatch.extract.dates import resolve_date
    span = resolve_date("between 4 and 11 November", date(2024, 2, 8))
    assert (span.start, span.end) == ("2023-11-04", "2023-11-11")
    assert resolve_date("between 12 and 9 November", date(2024, 2, 8)) is None  # backwards: no range


def test_a_weekday_before_a_date_names_that_date_and_is_no_second_day():
    ref = date(2019, 1, 31)
    assert listed_dates("Wednesday, Jan. 16 2019", ref) == []  # one day, not a list
    days = listed_dates("Jan. 16, Jan. 23 and Jan. 30", ref)
    assert [d.start for d in days] == ["2019-01-16", "2019-01-23", "2019-01-30"]
    assert [d.start for d in listed_dates("Monday, Jan. 14 and Wednesday, Jan. 16", ref)] == ["2019-01-14",
                                                                                              "2019-01-16"]
