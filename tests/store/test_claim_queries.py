"""store/claim_queries.py: the claim checks' SQL over a hand-built store."""

from __future__ import annotations

import pytest

from proxywatch.records import Article, Count, DateSpan, Event, Evidence, Party, Place
from proxywatch.store.claim_queries import (CountQuery, anchor_candidates, count_events, list_events,
                                            published_weeks, tally_rows)
from proxywatch.jobs import store_batch
from proxywatch.store import Store

US = Party("US forces", id="us-military", country="USA", kind="military")
USA_STATE = Party("The United States", id="united-states", country="USA", kind="state")
KH = Party("Kata'ib Hezbollah", id="kataib-hezbollah", country="IRQ", kind="armed_group", sponsors=("IRN",))


def _ev(id_, day, *, actor=None, target=US, country="IRQ", name=None, mode=None, aggregate=None, text="x"):
    place = Place(name or country, name=name, country=country) if country else None
    return Event(id=id_, article_id="a", type="ASSAULT", evidence=Evidence(text, 0, len(text)), actor=actor,
                 target=target, location=place, mode=mode, date=DateSpan(day, day, "day") if day else None,
                 aggregate=aggregate)


@pytest.fixture()
def store(db):
    with Store(db) as s:
        store_batch(s, [(Article("a", "t", published="2024-02-10"), [
            _ev("kh-iraq", "2024-02-01", actor=KH, mode="drone", text="KH drone"),
            _ev("syria", "2024-02-03", country="SYR", mode="rocket"),
            _ev("asad", "2024-02-04", name="Ain al-Asad Air Base"),
            _ev("us-strike", "2024-02-02", actor=USA_STATE, target=KH, text="US strike"),
            _ev("tally", "2024-01-01", aggregate=Count(40), text="40 attacks since January"),
        ]), (Article("b", "t", published="2024-02-20"), [])])
        yield s


@pytest.mark.parametrize("query, expected", [
    (CountQuery(type="ASSAULT", target_country="USA"), 3),
    (CountQuery(type="ASSAULT", countries=("IRQ", "SYR"), target_country="USA"), 3),
    (CountQuery(type="ASSAULT", countries=("SYR",)), 1),
    (CountQuery(type="ASSAULT", places=("ain al-asad air base",)), 1),
    (CountQuery(type="ASSAULT", sponsor="IRN"), 1),
    (CountQuery(type="ASSAULT", actor="kataib-hezbollah"), 1),
    (CountQuery(type="ASSAULT", actor_country="USA"), 1),
    (CountQuery(type="ASSAULT", modes=("drone", "rocket")), 2),
    (CountQuery(type="ASSAULT", since="2024-02-02", until="2024-02-03"), 2),
])
def test_count_query_filters(store, query, expected):
    assert count_events(store, query, "mentions", "other") == expected
    assert count_events(store, query, "canonical", "other") == expected


def test_the_claims_article_the_anchor_and_named_conditions(store):
    q = CountQuery(type="ASSAULT", target_country="USA")
    assert count_events(store, q, "mentions", "a") == 0  # every event is the claim's own article's
    assert count_events(store, q, "mentions", "other", exclude_ids=("syria",)) == 2
    assert count_events(store, q.without("target_country"), "mentions", "other", condition="unknown_actor") == 2
    assert q.without("window") == q and CountQuery(since="x", until="y").without("window") == CountQuery()


def test_listed_events_carry_their_evidence(store):
    listed = list_events(store, CountQuery(type="ASSAULT", sponsor="IRN"), "mentions", "other")
    assert [(e["id"], e["date"], e["text"], e["article_ids"]) for e in listed] == [
        ("kh-iraq", "2024-02-01", "KH drone", ["a"])]
    [canonical] = list_events(store, CountQuery(type="ASSAULT", sponsor="IRN"), "canonical", "other")
    assert canonical["text"] == "KH drone" and canonical["article_ids"] == ["a"]


def test_tallies_are_the_aggregates_whose_window_may_touch(store):
    assert [r.event_id for r in tally_rows(store, "ASSAULT", "2023-12-01", "2024-02-01", "other")] == ["tally"]
    assert tally_rows(store, "ASSAULT", "2024-03-01", "2024-03-31", "other") == []
    assert tally_rows(store, "ASSAULT", None, None, "a") == []


def test_anchor_candidates_earliest_first(store):
    found = anchor_candidates(store, CountQuery(type="ASSAULT", actor_country="USA", since="2024-01-28",
                                                until="2024-02-20"), "mentions", "other")
    assert [(f["id"], f["date"], f["text"]) for f in found] == [("us-strike", "2024-02-02", "US strike")]
    assert anchor_candidates(store, CountQuery(type="ASSAULT", places=("Ain al-Asad Air Base",)), "canonical",
                             "other")[0]["date"] == "2024-02-04"
    first = anchor_candidates(store, CountQuery(type="ASSAULT"), "mentions", "other")
    assert [f["date"] for f in first] == sorted(f["date"] for f in first)


def test_published_weeks(store):
    # both articles fall in the second week (the one of 20 February counts for it: within 7 days of its end)
    assert published_weeks(store, "2024-02-01", "2024-02-14", "none") == (2, 1, 2)
    assert published_weeks(store, "2024-02-04", "2024-02-17", "none") == (2, 2, 2)
    assert published_weeks(store, "2024-02-01", "2024-02-14", "b") == (2, 1, 1)
