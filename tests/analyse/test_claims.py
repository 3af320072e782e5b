"""Claims of an article → the store's counts → verdicts (analyse/claims.py), over hand-built stores."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from proxywatch.analyse.claims import (
    Claim,
    ClaimCheck,
    Coverage,
    check_claim,
    claims_of,
    corroboration,
    coverage,
    select_claims,
    source_is_empty,
    verdict,
)
from proxywatch.records import Article, Count, DateSpan, Event, Evidence, Party, Place
from proxywatch.store import EventQuery, Store
from proxywatch.jobs import store_batch

US = Party("US forces", id="us-military", country="USA", kind="military")
MILITIA = Party("Iran-backed militias", country="IRQ", kind="armed_group", sponsors=("IRN",))


def _event(id_: str, article: str, day: str | None, end: str | None = None, *, target=US, country="IRQ",
           aggregate=None, negated=False, status="occurred", actor=None, text="x") -> Event:
    return Event(id=id_, article_id=article, type="ASSAULT", evidence=Evidence(text, 0, len(text)), status=status,
                 negated=negated, actor=actor, target=target,
                 location=Place(country, country=country) if country else None,
                 date=DateSpan(day, end or day, "day") if day else None, aggregate=aggregate)


def _claim(**kw) -> Claim:
    base = dict(event_id="c1", article_id="claimer", text="no attacks since 2 February", kind="negated",
                type="ASSAULT", actor=None, sponsor=None, target_country="USA", country="IRQ",
                start="2024-02-02", end="2024-02-19", date_text="since 2 February", min=0, max=0)
    return Claim(**{**base, **kw})


def _weekly_articles(first: str, weeks: int, prefix: str = "news") -> list[Article]:
    start = date.fromisoformat(first)
    return [Article(f"{prefix}-{i}", "text", published=(start + timedelta(days=7 * i)).isoformat())
            for i in range(weeks)]


@pytest.fixture()
def store(db):
    with Store(db) as s:
        yield s


# --- claims of an article ------------------------------------------------------------------------

def test_aggregate_and_negated_events_become_claims_and_single_events_do_not():
    article = Article("a1", "text", published="2024-01-29T10:00:00Z")
    events = [
        _event("agg", "a1", "2023-10-01", "2024-02-03", aggregate=Count(151), actor=MILITIA, country=None),
        _event("neg", "a1", "2024-01-20", "2024-01-29", negated=True),
        _event("one", "a1", "2024-01-28"),
        _event("plan", "a1", "2024-01-30", aggregate=Count(3), status="planned"),
    ]
    claims = {c.event_id: c for c in claims_of(article, events)}
    assert set(claims) == {"agg", "neg"}
    agg = claims["agg"]
    assert (agg.kind, agg.min, agg.max) == ("aggregate", 151, None)
    assert (agg.start, agg.end) == ("2023-10-01", "2024-01-29")  # the window ends when the article came out
    assert agg.filters() == {"type": "ASSAULT", "sponsor": "IRN", "target_country": "USA"}
    neg = claims["neg"]
    assert (neg.kind, neg.min, neg.max, neg.country) == ("negated", 0, 0, "IRQ")


def test_a_known_actor_filters_by_its_id_and_a_generic_one_by_its_sponsor():
    kh = Party("Kata'ib Hezbollah", id="kataib-hezbollah", country="IRQ", kind="armed_group", sponsors=("IRN",))
    article = Article("a1", "text", published="2024-01-29")
    claims = claims_of(article, [_event("k", "a1", "2023-10-17", aggregate=Count(20), actor=kh),
                                 _event("g", "a1", "2023-10-17", aggregate=Count(20), actor=MILITIA)])
    assert claims[0].query.actor == "kataib-hezbollah" and claims[0].query.sponsor is None
    assert claims[1].query.actor is None and claims[1].query.sponsor == "IRN"


def test_an_undated_claim_keeps_its_since_phrase_as_an_open_start():
    article = Article("a1", "text", published="2024-02-19")
    text = "There have been no attacks in Iraq since the US retaliated, officials said."
    [claim] = claims_of(article, [_event("n", "a1", None, negated=True, text=text)])
    assert claim.start is None and claim.end == "2024-02-19"
    assert claim.open_start() == "since the US retaliated"


def test_common_filters_pick_claims():
    claims = [_claim(event_id="iraq"), _claim(event_id="syria", country="SYR")]
    assert [c.event_id for c in select_claims(claims, EventQuery(country="syr"))] == ["syria"]
    assert [c.event_id for c in select_claims(claims, EventQuery(until="2024-01-01"))] == []
    assert len(select_claims(claims, EventQuery(type="assault", target_country="USA"))) == 2


# --- the verdict rules ---------------------------------------------------------------------------

FULL = Coverage(weeks=4, covered_weeks=4, articles=8)


@pytest.mark.parametrize("low, high, count, cover, expected", [
    (0, 0, 2, FULL, "inconsistent"),  # "no attacks", the store has two
    (0, 0, 2, Coverage(4, 0, 0), "inconsistent"),  # more than claimed is evidence even with thin coverage
    (0, 0, 0, FULL, "consistent"),
    (0, 0, 0, Coverage(4, 1, 1), "not enough data"),  # silence of an uncovered window proves nothing
    (151, None, 20, FULL, "not enough data"),  # an undercount neither confirms nor refutes
    (2, 2, 2, FULL, "consistent"),
    (2, 2, 3, FULL, "inconsistent"),
    (40, None, 41, FULL, "consistent"),
])
def test_verdict_rules(low, high, count, cover, expected):
    said, reason = verdict(_claim(min=low, max=high), count, cover, min_coverage=0.5)
    assert said == expected
    assert str(count) in reason


def test_a_window_without_start_is_not_enough_data_and_says_why():
    said, reason = verdict(_claim(start=None, text="no attacks since the US retaliated"), None, None, 0.5)
    assert said == "not enough data"
    assert "since the US retaliated" in reason


# --- the store's numbers -------------------------------------------------------------------------

def test_coverage_counts_weeks_with_another_article_published(store):
    arts = _weekly_articles("2024-02-02", 2) + [Article("claimer", "t", published="2024-02-20"),
                                                Article("old", "t", published="2023-01-01")]
    store_batch(store, [(a, []) for a in arts])
    cover = coverage(store, "2024-02-02", "2024-02-29", exclude_article="claimer")
    assert (cover.weeks, cover.covered_weeks, cover.articles) == (4, 2, 2)


def test_negated_claim_with_stored_attacks_after_its_start_is_inconsistent(store):
    store_batch(store, [(a, []) for a in _weekly_articles("2024-02-02", 3)])
    store_batch(store, [(Article("other", "t", published="2024-02-10"),
                        [_event("after", "other", "2024-02-08"), _event("before", "other", "2024-01-25"),
                         _event("syria", "other", "2024-02-09", country="SYR")])])
    check = check_claim(store, _claim(), source="mentions")
    assert (check.count, check.verdict) == (1, "inconsistent")
    assert [(x["id"], x["date"]) for x in check.examples] == [("after", "2024-02-08")]  # what contradicts it


def test_the_claims_own_article_is_not_counted(store):
    store_batch(store, [(a, []) for a in _weekly_articles("2024-02-02", 3)])
    store_batch(store, [(Article("claimer", "t", published="2024-02-19"), [_event("own", "claimer", "2024-02-08")])])
    check = check_claim(store, _claim(), source="mentions")
    assert (check.count, check.verdict) == (0, "consistent")


def test_aggregates_negations_and_other_statuses_in_the_store_are_not_counted_as_events(store):
    store_batch(store, [(a, []) for a in _weekly_articles("2024-02-02", 3)])
    store_batch(store, [(Article("other", "t", published="2024-02-10"), [
        _event("agg", "other", "2024-02-03", aggregate=Count(5)), _event("neg", "other", "2024-02-04", negated=True),
        _event("plan", "other", "2024-02-05", status="planned")])])
    check = check_claim(store, _claim(), source="mentions")
    assert check.count == 0
    assert [c.article_id for c in check.corroboration] == ["other", "other"]  # its claims are listed instead


def _canonical(store: Store, cid: str, day: str, articles: list[str], country: str = "IRQ") -> None:
    store.sql(
        "INSERT INTO canonical_events (id, type, target_country, location_country, date_start, date_end, "
        "actor_sponsors, target_sponsors, mentions, sources, record) "
        "VALUES (?, 'ASSAULT', 'USA', ?, CAST(? AS DATE), CAST(? AS DATE), [], [], ?, ?, '{}')",
        [cid, country, day, day, len(articles), len(set(articles))])
    for n, article in enumerate(articles):
        store.sql("INSERT INTO canonical_mentions VALUES (?, ?, ?)", [cid, f"{cid}-m{n}", article])


def test_canonical_events_count_once_and_those_only_the_claim_reported_are_left_out(store):
    store_batch(store, [(a, []) for a in _weekly_articles("2024-02-02", 3)])
    _canonical(store, "c-merged", "2024-02-08", ["news-0", "news-1", "claimer"])
    _canonical(store, "c-own", "2024-02-09", ["claimer"])
    _canonical(store, "c-syria", "2024-02-09", ["news-1"], country="SYR")
    _canonical(store, "c-unlinked", "2024-02-10", [])  # no mention rows: counted, nothing ties it to the claim
    check = check_claim(store, _claim(max=None, min=0), source="canonical")
    assert check.count == 2
    assert check.verdict == "consistent"


def test_events_without_a_known_actor_are_reported_beside_the_count(store):
    store_batch(store, [(a, []) for a in _weekly_articles("2024-02-02", 3)])
    store_batch(store, [(Article("other", "t", published="2024-02-10"), [
        _event("by-militia", "other", "2024-02-05", actor=MILITIA), _event("unknown", "other", "2024-02-06"),
        _event("undated", "other", None, actor=MILITIA)])])
    check = check_claim(store, _claim(sponsor="IRN", min=5, max=None), source="mentions")
    assert (check.count, check.unknown_actor, check.undated) == (1, 1, 1)
    assert check.verdict == "not enough data"
    assert "1 more matching event with no known actor" in check.reason
    assert check.to_json()["store"] == {"source": "mentions", "count": 1, "unknown_actor": 1, "undated": 1}


def test_corroborating_claims_closest_in_window_come_first(store):
    store_batch(store, [(Article("far", "t", published="2024-03-01"), [
        _event("far", "far", "2023-10-01", "2024-03-01", aggregate=Count(200))]),
        (Article("near", "t", published="2024-02-20"), [
            _event("near", "near", "2024-02-02", "2024-02-20", aggregate=Count(1))])])
    found = corroboration(store, _claim())
    assert [c.article_id for c in found] == ["near", "far"]
    assert corroboration(store, _claim(start=None)) == ()


def test_an_empty_source_is_detected(store):
    assert source_is_empty(store, "canonical") and source_is_empty(store, "mentions")
    store_batch(store, [(Article("a", "t"), [_event("one", "a", "2024-02-08")])])
    assert not source_is_empty(store, "mentions") and not source_is_empty(store, "canonical")  # merged on write
    store.sql("DELETE FROM canonical_events")  # a database whose mentions were never merged
    assert not source_is_empty(store, "mentions") and source_is_empty(store, "canonical")


def test_a_publication_date_that_is_not_iso_does_not_end_the_window():
    article = Article("a1", "text", published="Mon, 29 Jan 2024 10:00:00 GMT")
    [claim] = claims_of(article, [_event("agg", "a1", "2023-10-01", "2024-02-03", aggregate=Count(151))])
    assert (claim.start, claim.end) == ("2023-10-01", "2024-02-03")


def test_the_claims_chart_draws_every_claim(tmp_path):
    from proxywatch.serve.charts import claims_chart

    checks = [ClaimCheck(_claim(), "canonical", 0, 0, 0, None, "consistent", "none stored"),
              ClaimCheck(_claim(event_id="c2", kind="aggregate", min=151, max=None), "canonical", 4, 0, 0, None,
                         "not enough data", "fewer stored")]
    page = claims_chart(checks, tmp_path / "c.html").read_text()
    assert page.count("<svg") == 1 and "not enough data" in page and "consistent" in page
    assert claims_chart(checks, tmp_path / "c.png").read_bytes()[:4] == b"\x89PNG"
