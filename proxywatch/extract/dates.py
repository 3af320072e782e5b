"""Date expressions resolved against the article's publication date.

dateparser handles explicit dates ("28 January 2024", "Jan. 28"); our own rules
cover what it misses or gets wrong for news: weekdays (the latest such day on or
before publication), "mid-October", "earlier this month", "last week",
"the beginning of February", "since ..." and "between ... and ..." ranges.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

import dateparser

from proxywatch.records import DateSpan, published_day

__all__ = ["resolve_date", "parse_published", "offset_date", "listed_dates", "names_the_next"]

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_PART = {
    "early": (1, 10), "beginning of": (1, 10), "start of": (1, 10), "the beginning of": (1, 10),
    "the start of": (1, 10), "mid": (11, 20), "middle of": (11, 20), "the middle of": (11, 20),
    "late": (21, 31), "end of": (21, 31), "the end of": (21, 31),
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_PART_RE = "|".join(sorted((re.escape(p) for p in _PART), key=len, reverse=True))


def parse_published(value: str | None) -> date | None:
    """The calendar date of an ISO 8601 ``published`` value, or ``None`` (the readers' rule: they warn about a
    value this cannot read)."""
    return published_day(value)


def _day(d: date, text: str) -> DateSpan:
    return DateSpan(d.isoformat(), d.isoformat(), "day", text)


def _month_span(year: int, month: int, text: str) -> DateSpan:
    last = calendar.monthrange(year, month)[1]
    return DateSpan(date(year, month, 1).isoformat(), date(year, month, last).isoformat(), "month", text)


def _past_year(month: int, ref: date) -> int:
    """The year of the latest ``month`` not after the reference month."""
    return ref.year if month <= ref.month else ref.year - 1


def _part_of_month(part: str, month: int, ref: date) -> tuple[date, date]:
    year = _past_year(month, ref)
    low, high = _PART[part]
    high = min(high, calendar.monthrange(year, month)[1])
    return date(year, month, low), date(year, month, high)


def _point(text: str, ref: date) -> tuple[date, date, str] | None:
    """One date expression as (start, end, precision), without since/between."""
    t = " ".join(text.lower().replace("-", " ").replace(".", "").split())
    t = re.sub(r"^(on|in|at|during|over|the)\s+", "", t)
    t = re.sub(r"^the\s+", "", t)
    this_year = re.match(r"^(.*\d.*?),?\s+(?:of\s+)?(this|last)\s+year$", t)
    if this_year:  # "Oct. 1st of this year", "June 3 last year"
        found = _point(this_year.group(1), ref if this_year.group(2) == "this" else ref.replace(year=ref.year - 1,
                                                                                               month=12, day=31))
        return found
    if t in ("today", "this morning", "this afternoon", "this evening", "tonight"):
        return ref, ref, "day"
    if t in ("yesterday", "last night", "overnight"):
        d = ref - timedelta(days=1)
        return d, d, "day"
    before = re.fullmatch(r"(last|this|past) (\w+day)", t)
    if before and before.group(2) in _WEEKDAYS:  # "last Sunday": the latest Sunday before the reference day;
        wd = _WEEKDAYS[before.group(2)]          # "this Sunday" (of a past event): the latest on or before it
        d = ref - timedelta(days=(ref.weekday() - wd) % 7 or (7 if before.group(1) != "this" else 0))
        return d, d, "day"
    if t in _WEEKDAYS or (t.endswith(("morning", "night", "evening", "afternoon")) and t.split()[0] in _WEEKDAYS):
        wd = _WEEKDAYS[t.split()[0]]
        d = ref - timedelta(days=(ref.weekday() - wd) % 7)
        return d, d, "day"
    if t in ("weekend", "last weekend", "this weekend", "past weekend"):  # the Saturday and Sunday before
        saturday = ref - timedelta(days=(ref.weekday() - 5) % 7)
        if t == "last weekend" and ref.weekday() >= 5:
            saturday -= timedelta(days=7)
        return saturday, min(saturday + timedelta(days=1), ref), "range"
    m = re.fullmatch(r"(?:less than|under|the past|the last|past|last) (a|one|two|three|\d+) (day|week|month)s?", t)
    if m:  # "in less than a week", "in the past two weeks": the period up to the reference day
        n = {"a": 1, "one": 1, "two": 2, "three": 3}.get(m.group(1)) or int(m.group(1))
        days = n * {"day": 1, "week": 7, "month": 30}[m.group(2)]
        return ref - timedelta(days=days - 1), ref, "range"
    if t in ("last week", "the past week", "past week"):
        start = ref - timedelta(days=ref.weekday() + 7)
        return start, start + timedelta(days=6), "week"
    if t in ("this week",):
        return ref - timedelta(days=ref.weekday()), ref, "week"
    if t in ("earlier this month", "this month"):
        return ref.replace(day=1), ref, "range"
    if t in ("last month",):
        prev = ref.replace(day=1) - timedelta(days=1)
        return prev.replace(day=1), prev, "month"
    m = re.fullmatch(rf"({_PART_RE})\s*(last|this) month", t)
    if m:  # "late last month", "early this month"
        month_ref = ref if m.group(2) == "this" else ref.replace(day=1) - timedelta(days=1)
        start, end = _part_of_month(m.group(1).strip(), month_ref.month, month_ref)
        return start, min(end, ref), "range"
    if t in ("earlier this week",):
        return ref - timedelta(days=ref.weekday()), ref, "range"
    if t in ("this year", "earlier this year"):
        return ref.replace(month=1, day=1), ref, "range"
    if t in ("last year",):
        return date(ref.year - 1, 1, 1), date(ref.year - 1, 12, 31), "year"
    m = re.fullmatch(rf"({_PART_RE})\s*({_MONTH_RE})(?:,?\s+(\d{{4}}))?", t)
    if m:  # "mid-December", "early December 2023": the part of that month (of that year when given)
        year_ref = date(int(m.group(3)), 12, 31) if m.group(3) else ref
        start, end = _part_of_month(m.group(1).strip(), _MONTHS[m.group(2)], year_ref)
        return start, end, "range"
    m = re.fullmatch(rf"({_MONTH_RE})\s+(?:and|to|through)\s+({_MONTH_RE})(?:\s+(\d{{4}}))?", t)
    if m:  # "July and August 2024": from the first's first day to the second's last
        first, second = _MONTHS[m.group(1)], _MONTHS[m.group(2)]
        year = int(m.group(3)) if m.group(3) else _past_year(second, ref)
        start = _month_span(year if first <= second else year - 1, first, text)
        end = _month_span(year, second, text)
        return date.fromisoformat(start.start), date.fromisoformat(end.end), "range"
    m = re.fullmatch(rf"({_MONTH_RE})(?:\s+(\d{{4}}))?", t)
    if m:
        month = _MONTHS[m.group(1)]
        year = int(m.group(2)) if m.group(2) else _past_year(month, ref)
        span = _month_span(year, month, text)
        return date.fromisoformat(span.start), date.fromisoformat(span.end), "month"
    m = re.fullmatch(rf"(?:(\d{{1,2}})\s+({_MONTH_RE})|({_MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?)(?:,?\s+(\d{{4}}))?", t)
    if m:  # "28 january 2024", "jan 28", "january 28, 2024": the common news forms, without dateparser
        day = int(m.group(1) or m.group(4))
        month = _MONTHS[m.group(2) or m.group(3)]
        year = int(m.group(5)) if m.group(5) else _past_year(month, ref)
        try:
            d = date(year, month, day)
        except ValueError:
            return None
        if not m.group(5) and d > ref:
            d = date(year - 1, month, day)
        return d, d, "day"
    if re.search(r"\d", t) and re.search(rf"\b({_MONTH_RE})\b", t):
        parsed = dateparser.parse(
            t, languages=["en"],
            settings={"RELATIVE_BASE": datetime(ref.year, ref.month, ref.day), "PREFER_DATES_FROM": "past",
                      "REQUIRE_PARTS": ["day", "month"]},
        )
        if parsed:
            return parsed.date(), parsed.date(), "day"
    if re.fullmatch(r"\d{4}", t):
        y = int(t)
        return date(y, 1, 1), date(y, 12, 31), "year"
    return None


def resolve_date(text: str, published: date | None) -> DateSpan | None:
    """A :class:`DateSpan` for a date expression, or ``None`` when it cannot be placed.

    Relative expressions need ``published``; without it only explicit dates resolve.
    """
    ref = published or date.max.replace(year=9000)
    clean = " ".join(text.split())
    low = clean.lower()
    m = re.match(r"^(between|from)\s+(.+?)\s+(and|to|until|through)\s+(.+)$", low)
    if m:
        first, second = _point(m.group(2), ref), _point(m.group(4), ref)
        if first is None and second is not None and second[2] == "day" and re.fullmatch(r"\d{1,2}", m.group(2)):
            try:  # "between 17 and 30 October": the first day in the second one's month
                day = second[0].replace(day=int(m.group(2)))
                first = (day, day, "day")
            except ValueError:
                first = None
        if first and second and first[0] <= second[1]:
            return DateSpan(first[0].isoformat(), second[1].isoformat(), "range", clean)
        return None
    m = re.match(r"^since\s+(.+)$", low)
    if m:
        first = _point(m.group(1), ref)
        if first and published:
            return DateSpan(first[0].isoformat(), published.isoformat(), "range", clean)
        # "since the US retaliated": start unknown
        return DateSpan(None, published.isoformat() if published else None, "range", clean)
    found = _point(clean, ref)
    if not found or (published is None and not re.search(r"\b\d{4}\b", clean)):
        return None  # without a publication date only a date with its year can be placed
    start, end, precision = found
    if published and start > published:
        return None
    return DateSpan(start.isoformat(), end.isoformat(), precision, clean)


_LIST = re.compile(r"\s*(?:,\s*and|,|\band)\s+")


def names_the_next(part: str, following: str | None) -> bool:
    """A bare weekday before a date is that date's name, not another day: "Wednesday, Jan. 16" is one day."""
    return following is not None and part.strip(" ,").lower() in _WEEKDAYS and any(ch.isdigit() for ch in following)


def listed_dates(text: str, published: date | None) -> list[DateSpan]:
    """The days of a list in one date expression ("January 11, January 22, and February 3", "April 13 and Oct. 1st
    of this year"), or [] when it is not a list of days each of which resolves."""
    parts = [p for p in _LIST.split(" ".join(text.split())) if p]
    parts = [p for n, p in enumerate(parts) if not names_the_next(p, parts[n + 1] if n + 1 < len(parts) else None)]
    if len(parts) < 2:
        return []
    tail = re.search(r"\s+(?:of\s+)?(?:this|last)\s+year$|,?\s+\d{4}$", parts[-1])
    spans = []
    for part in parts:
        span = resolve_date(part, published)
        if (span is None or span.precision != "day") and tail and not part.endswith(tail.group(0)):
            span = resolve_date(part + tail.group(0), published)  # "April 13 and Oct. 1 of this year"
        if span is None or span.precision != "day":
            return []
        spans.append(span)
    return spans


_OFFSET = re.compile(r"^(?:(an?|one|two|three|four|five|six|\d+)\s+)?(hour|day|week)s?$")
_SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def offset_date(main: DateSpan, offset: str, mark: str) -> DateSpan | None:
    """The date of an event told as "<offset> after/before" the main one ("a day after X" → the day before).

    "a day", "two days", "a week" give a day; "hours" the main day or the one before; "days" two to six
    days; anything vaguer ("weeks", "months") or a main date that is not a day gives ``None``."""
    m = _OFFSET.match(" ".join(offset.lower().split()))
    if m is None or main.precision != "day" or main.start is None:
        return None
    number, unit = m.group(1), m.group(2)
    sign = -1 if mark == "after" else 1
    day = date.fromisoformat(main.start)
    text = f"{offset} {mark}"
    if number is None and unit == "hour":
        low, high = sorted((day, day + timedelta(days=sign)))
        return DateSpan(low.isoformat(), high.isoformat(), "range", text)
    if number is None and unit == "day":
        low, high = sorted((day + timedelta(days=2 * sign), day + timedelta(days=6 * sign)))
        return DateSpan(low.isoformat(), high.isoformat(), "range", text)
    if number is None or unit == "hour":
        return None
    n = int(number) if number.isdigit() else _SMALL[number]
    shifted = day + timedelta(days=sign * n * (7 if unit == "week" else 1))
    return DateSpan(shifted.isoformat(), shifted.isoformat(), "day", text)
