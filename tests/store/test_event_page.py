"""Store.event_page: sorted keyset pages that cover a listing once, in the CLI's order; bad input refused."""

from __future__ import annotations

import pytest

from proxywatch.errors import ParameterError
from proxywatch.store import Store
from proxywatch.store.base import EventQuery, decode_cursor, encode_cursor
from sample_store import sample_store


@pytest.fixture
def store(db):
    """The sample store on each backend (DuckDB in memory, a PostgreSQL schema)."""
    s = sample_store(db)
    yield s
    s.close()


def walk(store, **kw):
    out, cursor = [], None
    while True:
        page = store.event_page(cursor=cursor, limit=2, **kw)
        out += page.records
        if not page.next_cursor:
            return out, page
        cursor = page.next_cursor


@pytest.mark.parametrize("source,listing", [("canonical", "canonical_events"), ("all-mentions", "events")])
def test_pages_equal_the_cli_listing(store, source, listing):
    records, last = walk(store, source=source)
    expected = list(store.canonical_events()) if listing == "canonical_events" else [
        e.to_json() for e in store.events()]
    assert records == expected and last.total == len(expected)


def test_mentions_are_the_single_occurred_ones(store):
    records, page = walk(store, source="mentions")
    assert {r["id"] for r in records} == {"m1", "m2", "m3", "m4", "m7", "m8"}  # m5 negated, m6 a count
    assert page.total == 6


@pytest.mark.parametrize("sort", ["date", "fatalities", "sources", "type", "country", "actor"])
@pytest.mark.parametrize("descending", [False, True])
def test_every_sort_covers_each_event_once_and_goes_back(store, sort, descending):
    records, _ = walk(store, sort=sort, descending=descending)
    assert len(records) == len({r["id"] for r in records}) == 5
    first = store.event_page(sort=sort, descending=descending, limit=2)
    second = store.event_page(sort=sort, descending=descending, limit=2, cursor=first.next_cursor)
    back = store.event_page(sort=sort, descending=descending, limit=2, cursor=second.prev_cursor, before=True)
    assert back.records == first.records and back.prev_cursor is None and first.prev_cursor is None


def test_fatalities_sort_puts_unknown_last_both_ways(store):
    for descending in (False, True):
        records, _ = walk(store, sort="fatalities", descending=descending)
        best = [(r.get("fatalities") or {}).get("best") for r in records]
        known = [b for b in best if b is not None]
        assert best[: len(known)] == sorted(known, reverse=descending)


def test_filters_apply(store):
    page = store.event_page(EventQuery(target_country="USA"))
    assert page.total == 2 and {r["id"] for r in page.records} == {"c1", "c8"}
    assert store.event_page(EventQuery(type="PROTEST"), source="all-mentions").records[0]["id"] == "m3"


def test_bad_sort_source_and_cursor_name_their_parameter(store):
    for kwargs, name in (({"sort": "nope"}, "sort"), ({"source": "rumours"}, "source"),
                         ({"cursor": "garbage!"}, "cursor"), ({"cursor": encode_cursor([1])}, "cursor")):
        with pytest.raises(ParameterError) as caught:
            store.event_page(**kwargs)
        assert caught.value.param == name


def test_cursor_round_trip():
    assert decode_cursor(encode_cursor(["2024-01-28", "ASSAULT", "c1"]), 3) == ["2024-01-28", "ASSAULT", "c1"]
    with pytest.raises(ParameterError):
        decode_cursor(encode_cursor([True, None, {}]), 3)


def test_event_detail_links_mentions_and_articles(store):
    detail = store.event_detail("c1")
    assert [m["record"]["id"] for m in detail["mentions"]] == ["m1", "m2"]
    assert {m["article"]["url"] for m in detail["mentions"]} == {"https://example.org/a1", "https://example.org/a2"}
    assert store.event_detail("m2")["event"]["id"] == "c1"
    lone = store.event_detail("m5")  # a negated mention is in no canonical event
    assert lone["event"] is None and lone["mentions"][0]["record"]["negated"] is True
    assert store.event_detail("nothing") is None
    assert [r["id"] for r in store.article_events("a4")] == ["m4", "m5", "m6"]


@pytest.mark.parametrize("limit", [1, 2])
@pytest.mark.parametrize("sort", ["date", "fatalities", "type", "actor"])
@pytest.mark.parametrize("descending", [False, True])
def test_pages_forward_and_back_equal_the_plain_sorted_query(store, sort, descending, limit):
    """The one-pass count and cut (``min(k, n)``) and the cut said on the raw column give the pages
    of the plain ``ORDER BY`` over every row, read forwards and then backwards (unknown keys included)."""
    from proxywatch.store.base import order_by

    store.sql("UPDATE canonical_events SET date_start = NULL, date_end = NULL, fatalities_best = NULL "
              "WHERE id = (SELECT min(id) FROM canonical_events)")  # an undated event with no count
    plain = [i for (i,) in store.sql(f"SELECT e.id FROM canonical_events e "
                                     f"ORDER BY {order_by(sort, 'canonical_events', descending)}")]
    pages, cursor = [], None
    while True:
        page = store.event_page(sort=sort, descending=descending, limit=limit, cursor=cursor)
        pages.append([r["id"] for r in page.records])
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    assert [i for p in pages for i in p] == plain and page.total == len(plain)
    back, cursor = [], page.prev_cursor
    while cursor:
        page = store.event_page(sort=sort, descending=descending, limit=limit, cursor=cursor, before=True)
        back.insert(0, [r["id"] for r in page.records])
        cursor = page.prev_cursor
    assert back == pages[:-1]
