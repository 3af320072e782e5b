"""Checking claims (analyse/claims/check.py, store/claim_queries.py) over hand-built stores: counts, coverage,
tallies with interval logic, the verdict rules in order, and the JSON layout."""

from __future__ import annotations

import pytest

from claim_world import US_TROOPS, weekly
from proxywatch.analyse.claims import (SCHEMA, ArticleClaims, Bounds, Claim, ClaimCheck, ClaimReport, Coverage, Scope,
                                       Window, check_article, check_claim, coverage, read_tallies, select_claims,
                                       source_is_empty, tally_relation, verdict)
from proxywatch.analyse.claims.check import tallies_for
from proxywatch.analyse.claims.reading import ReadContext, read_sentence
from proxywatch.extract import parse_published
from proxywatch.records import Article, Count, DateSpan, Event, Evidence, Party, Place
from proxywatch.store.claim_queries import CountQuery, count_events, tally_rows
from proxywatch.jobs import store_batch
from proxywatch.store import EventQuery, Store

MILITIA = Party("Iran-backed militias", country="IRQ", kind="armed_group", sponsors=("IRN",))
IRAQ, SYRIA = Place("Iraq", country="IRQ", precision="country"), Place("Syria", country="SYR", precision="country")


def _claim(**kw) -> Claim:
    base = dict(id="c1", article_id="claimer", text="No attacks since 2 February.", focus="no attacks",
                kind="negated", scope=Scope(target_country="USA", countries=("IRQ",)),
                window=Window("2024-02-02", "2024-02-19", "since 2 February"), min=0, max=0)
    return Claim(**{**base, **kw})


def _attack(id_, article, day, *, place=IRAQ, actor=None, target=US_TROOPS, aggregate=None, negated=False,
            status="occurred", text="x") -> Event:
    return Event(id=id_, article_id=article, type="ASSAULT", evidence=Evidence(text, 0, len(text)), status=status,
                 negated=negated, actor=actor, target=target, location=place,
                 date=DateSpan(day, day, "day") if day else None, aggregate=aggregate)


# --- the verdict rules, in order ----------------------------------------------------------------------

FULL, THIN = Coverage(4, 4, 8), Coverage(4, 1, 1)


def _events(n: int) -> Bounds:
    return Bounds(n, "events", None, None)


@pytest.mark.parametrize("low, high, count, cover, bounds, expected, rule", [
    (0, 0, 2, FULL, _events(2), "inconsistent", "verdict-more-than-claimed"),  # "none", the store has two
    (0, 0, 2, THIN, _events(2), "inconsistent", "verdict-more-than-claimed"),  # evidence even with thin coverage
    (0, 0, 0, FULL, _events(0), "consistent", "verdict-within"),
    (0, 0, 0, THIN, _events(0), "not enough data", "verdict-uncovered"),  # silence over uncovered weeks
    (0, 0, 0, THIN, Bounds(0, "events", 0, "tally x"), "consistent", "verdict-within"),  # a tally caps it
    (151, None, 20, FULL, _events(20), "not enough data", "verdict-undercount"),
    (101, None, 20, THIN, Bounds(141, "tally demo-29", None, None), "consistent", "verdict-at-least"),
    (2, 2, 2, FULL, _events(2), "consistent", "verdict-within"),
    (2, 2, 3, FULL, _events(3), "inconsistent", "verdict-more-than-claimed"),
    (2, 2, 1, FULL, _events(1), "not enough data", "verdict-undercount"),  # "only two": one stored
    (40, None, 41, THIN, _events(41), "consistent", "verdict-at-least"),  # an at-least claim needs no coverage
    (51, None, 3, FULL, Bounds(3, "events", 40, "tally x"), "inconsistent", "verdict-tally-below"),
    (0, 0, 0, FULL, Bounds(3, "tally x", None, None), "inconsistent", "verdict-more-than-claimed"),
])
def test_verdict_rules(low, high, count, cover, bounds, expected, rule):
    said, rule_id, reason = verdict(_claim(min=low, max=high), count, cover, bounds, min_coverage=0.5)
    assert (said, rule_id) == (expected, rule)
    assert str(count) in reason or "tally" in reason


def test_a_claim_without_a_known_window_is_not_enough_data_and_says_why():
    claim = _claim(window=Window(None, "2024-02-19", "since the war began", unresolved="the war began"))
    said, rule_id, reason = verdict(claim, None, None, Bounds(0, "none", None, None), 0.5)
    assert (said, rule_id) == ("not enough data", "verdict-no-period") and "the war began" in reason


def test_a_broad_place_bounds_nothing():
    claim = _claim(min=12, max=None, broad=("'eastern Syria' counted as all of SYR",))
    said, rule_id, reason = verdict(claim, 30, FULL, Bounds(0, "none", None, None), 0.5)
    assert (said, rule_id) == ("not enough data", "verdict-broad") and "eastern Syria" in reason


# --- the store's numbers ------------------------------------------------------------------------------

@pytest.fixture()
def news(db):
    """A store of either backend (tests/conftest.py) with an article published each week from 2 February."""
    with Store(db) as s:
        store_batch(s, [(a, []) for a in weekly("2024-02-02", 3)])
        yield s


def test_coverage_counts_weeks_with_another_article_published(empty_store):
    arts = weekly("2024-02-02", 2) + [Article("claimer", "t", published="2024-02-20"),
                                      Article("old", "t", published="2023-01-01")]
    store_batch(empty_store, [(a, []) for a in arts])
    cover = coverage(empty_store, Window("2024-02-02", "2024-02-29"), "claimer")
    assert (cover.weeks, cover.covered_weeks, cover.articles) == (4, 2, 2)
    assert coverage(empty_store, Window(None, "2024-02-29", open_start=True), "claimer") is None


def test_a_negated_claim_with_stored_attacks_after_its_start_is_inconsistent_and_lists_them(news):
    store_batch(news, [(Article("other", "t", published="2024-02-10"),
                     [_attack("after", "other", "2024-02-08"), _attack("before", "other", "2024-01-25"),
                      _attack("syria", "other", "2024-02-09", place=SYRIA)])])
    check = check_claim(news, _claim(), source="mentions")
    assert (check.count, check.verdict, check.verdict_rule) == (1, "inconsistent", "verdict-more-than-claimed")
    assert [(x["id"], x["date"], x["country"]) for x in check.events] == [("after", "2024-02-08", "IRQ")]


def test_the_claims_own_article_is_not_counted(news):
    store_batch(news, [(Article("claimer", "t", published="2024-02-19"), [_attack("own", "claimer", "2024-02-08")])])
    check = check_claim(news, _claim(), source="mentions")
    assert (check.count, check.verdict) == (0, "consistent")


def test_places_are_any_of_the_countries_and_a_site_is_matched_by_name(news):
    asad = Place("al-Asad", name="Ain al-Asad Air Base", country="IRQ", precision="site")
    store_batch(news, [(Article("other", "t", published="2024-02-10"), [
        _attack("iraq", "other", "2024-02-05"), _attack("syria", "other", "2024-02-06", place=SYRIA),
        _attack("asad", "other", "2024-02-07", place=asad), _attack("nowhere", "other", "2024-02-07", place=None)])])
    both = _claim(scope=Scope(target_country="USA", countries=("IRQ", "SYR")), max=None)
    check = check_claim(news, both, source="mentions")
    assert (check.count, check.unplaced) == (3, 1)
    site = _claim(scope=Scope(target_country="USA", places=("Ain al-Asad Air Base",)), max=None)
    assert check_claim(news, site, source="mentions").count == 1


def test_the_anchor_event_itself_is_not_counted(news):
    store_batch(news, [(Article("other", "t", published="2024-02-10"), [_attack("anchor", "other", "2024-02-02"),
                                                                       _attack("later", "other", "2024-02-05")])])
    from proxywatch.analyse.claims import Anchor
    anchored = _claim(max=None, window=Window("2024-02-02", "2024-02-19", "since the attack",
                                              anchor=Anchor("the attack", "2024-02-02", "anchor-store-event",
                                                            {"id": "anchor", "origin": "store"})))
    assert check_claim(news, anchored, source="mentions").count == 1


def test_tallies_in_the_store_are_never_counted_as_events_and_are_offered_as_tallies(news):
    store_batch(news, [(Article("other", "t", published="2024-02-10"), [
        _attack("agg", "other", "2024-02-03", aggregate=Count(5)), _attack("neg", "other", "2024-02-04", negated=True),
        _attack("plan", "other", "2024-02-05", status="planned")])])
    q = CountQuery(type="ASSAULT", since="2024-02-01", until="2024-02-28")
    assert count_events(news, q, "mentions", "claimer") == 0
    assert count_events(news, q, "canonical", "claimer") == 0
    rows = tally_rows(news, "ASSAULT", "2024-02-01", "2024-02-28", "claimer")
    assert sorted(r.event_id for r in rows) == ["agg", "neg"]
    assert [(r.min, r.max, r.negated) for r in sorted(rows, key=lambda r: r.event_id)] == [(5, None, False),
                                                                                          (0, 0, True)]


def _canonical(store: Store, cid: str, day: str, articles: list[str], country: str = "IRQ") -> None:
    store.sql(
        "INSERT INTO canonical_events (id, type, target_country, location_country, date_start, date_end, "
        "actor_sponsors, target_sponsors, mentions, sources, record) "
        "VALUES (?, 'ASSAULT', 'USA', ?, CAST(? AS DATE), CAST(? AS DATE), [], [], ?, ?, '{}')",
        [cid, country, day, day, len(articles), len(set(articles))])
    for n, article in enumerate(articles):
        store.sql("INSERT INTO canonical_mentions VALUES (?, ?, ?)", [cid, f"{cid}-m{n}", article])


def test_canonical_events_count_once_and_those_only_the_claim_reported_are_left_out(news):
    _canonical(news, "c-merged", "2024-02-08", ["news-0", "news-1", "claimer"])
    _canonical(news, "c-own", "2024-02-09", ["claimer"])
    _canonical(news, "c-syria", "2024-02-09", ["news-1"], country="SYR")
    check = check_claim(news, _claim(max=None), source="canonical")
    assert check.count == 1 and check.events[0]["article_ids"] == ["claimer", "news-0", "news-1"]


def test_events_without_a_known_actor_are_reported_beside_the_count(news):
    store_batch(news, [(Article("other", "t", published="2024-02-10"), [
        _attack("by-militia", "other", "2024-02-05", actor=MILITIA), _attack("unknown", "other", "2024-02-06"),
        _attack("undated", "other", None, actor=MILITIA)])])
    claim = _claim(scope=Scope(sponsor="IRN", target_country="USA", countries=("IRQ",)), min=5, max=None)
    check = check_claim(news, claim, source="mentions")
    assert (check.count, check.unknown_actor, check.undated) == (1, 1, 1)
    assert check.verdict == "not enough data" and "1 more matching stored event has no known actor" in check.reason


def test_an_empty_source_is_detected(empty_store):
    assert source_is_empty(empty_store, "canonical") and source_is_empty(empty_store, "mentions")
    store_batch(empty_store, [(Article("a", "t"), [_attack("one", "a", "2024-02-08")])])
    assert not source_is_empty(empty_store, "mentions") and not source_is_empty(empty_store, "canonical")
    empty_store.sql("DELETE FROM canonical_events")
    assert not source_is_empty(empty_store, "mentions") and source_is_empty(empty_store, "canonical")


# --- tallies: interval logic ------------------------------------------------------------------------------

def _read(text: str, published: str, kb, article: str = "other") -> list[Claim]:
    return read_sentence(text, ReadContext(kb, parse_published(published), article))


def test_a_tally_inside_the_claim_bounds_it_from_below(kb):
    [claim] = _read("US troops endured more than 100 attacks between mid-October and early February.",
                    "2024-02-20", kb, "claimer")
    [tally] = _read("Iran-backed groups have attacked US forces in Iraq and Syria more than 140 times since "
                    "mid-October.", "2024-01-21", kb)
    relation, how = tally_relation(claim, tally)
    assert relation == "lower" and "at least 141" in how
    # the same tally does not bound a claim that starts later, nor one about Iran-backed attacks in Jordan
    [later] = _read("US troops endured more than 100 attacks between 1 November and early February.", "2024-02-20",
                    kb, "claimer")
    assert tally_relation(later, tally)[0] == "overlap"
    [jordan] = _read("Iran-backed groups attacked US troops in Jordan more than 100 times between mid-October and "
                     "early February.", "2024-02-20", kb, "claimer")
    assert tally_relation(jordan, tally)[0] == "overlap"


def test_a_tally_covering_the_claim_bounds_it_from_above(kb):
    [claim] = _read("US forces in Iraq were attacked more than 50 times between 17 October and 20 November.",
                    "2024-02-20", kb, "claimer")
    total, iraq, syria = _read("US forces have been attacked 40 times since 17 October, 20 times in Iraq and 20 "
                               "times in Syria.", "2023-11-24", kb)
    assert tally_relation(claim, total)[0] == "upper" and tally_relation(claim, iraq)[0] == "upper"
    assert tally_relation(claim, syria)[0] == "overlap"  # about Syria: covers nothing the claim counts


def test_a_tally_with_a_sponsor_does_not_bound_a_claim_without_one_from_above_but_does_from_below(kb):
    [wide] = _read("US forces were attacked at least 30 times between 17 October and 20 November.", "2024-02-20",
                   kb, "claimer")
    [narrow] = _read("Iran-backed militias attacked US forces 35 times between 17 October and 20 November.",
                     "2024-02-20", kb)
    assert tally_relation(wide, narrow)[0] == "lower"
    assert tally_relation(narrow, wide)[0] == "overlap"  # the wider count has no maximum: it caps nothing


def test_tallies_give_the_claims_bounds_and_the_verdict_names_them(news, kb):
    store_batch(news, [(Article("t-jan", "t", published="2024-01-21"), [
        _attack("tally", "t-jan", "2023-10-11", aggregate=Count(141), actor=MILITIA, place=None,
                text="Iran-backed groups have attacked US forces in Iraq and Syria more than 140 times since "
                     "mid-October.")])])
    article = Article("claimer", "US troops endured more than 100 attacks between mid-October and early February.",
                      published="2024-02-20")
    [check] = check_article(news, article, [], kb, source="mentions").checks
    assert (check.verdict, check.verdict_rule) == ("consistent", "verdict-at-least")
    assert check.bounds.min == 141 and check.bounds.min_from == "tally t-jan"
    assert "t-jan" in check.reason and check.count == 0
    assert [(t.tally.article_id, t.relation) for t in check.tallies] == [("t-jan", "lower")]


def test_a_tally_sentence_is_read_once_even_when_stored_twice(kb):
    from proxywatch.store.claim_queries import TallyRow
    text = "Since 2 February there have been no attacks on US forces in Iraq and only two in Syria."
    rows = [TallyRow("n", "d20", "2024-02-19", text, "ASSAULT", "2024-02-02", "2024-02-19", None, 0, 0, True),
            TallyRow("a", "d20", "2024-02-19", text, "ASSAULT", "2024-02-02", "2024-02-19", None, 2, 2, False)]
    read = read_tallies(rows, kb)
    assert [(t.min, t.max, t.scope.countries) for t, _ in read] == [(0, 0, ("IRQ",)), (2, 2, ("SYR",))]


def test_overlapping_tallies_about_other_targets_are_not_listed(kb):
    [claim] = _read("US troops endured more than 100 attacks between mid-October and early February.", "2024-02-20",
                    kb, "claimer")
    ships = _read("Houthi forces have launched more than 30 attacks on merchant ships since 19 November.",
                  "2024-01-10", kb)
    from proxywatch.store.claim_queries import TallyRow
    row = TallyRow("h", "h", "2024-01-10", "x", "ASSAULT", None, None, None, 31, None, False)
    assert tallies_for(claim, [(ships[0], row)]) == ()


# --- selection and JSON -------------------------------------------------------------------------------------

def test_common_filters_pick_claims():
    claims = [_claim(id="iraq"), _claim(id="syria", scope=Scope(target_country="USA", countries=("SYR",)))]
    assert [c.id for c in select_claims(claims, EventQuery(country="syr"))] == ["syria"]
    assert [c.id for c in select_claims(claims, EventQuery(until="2024-01-01"))] == []
    assert len(select_claims(claims, EventQuery(type="assault", target_country="USA"))) == 2


JSON_KEYS = {"id", "article_id", "text", "focus", "kind", "filters", "window", "claimed", "broad", "notes", "rules",
             "store", "coverage", "tallies", "bounds", "verdict", "verdict_rule", "reason"}


def test_the_json_layout_is_stable(news, kb):
    article = Article("claimer", "Since 2 February there have been no attacks on US forces in Iraq.",
                      published="2024-02-20")
    checked = check_article(news, article, [], kb, source="mentions")
    report = ClaimReport("mentions", 0.5, (checked,)).to_json()
    assert set(report) == {"schema", "source", "min_coverage", "summary", "articles"} and report["schema"] == SCHEMA
    assert report["summary"] == {"consistent": 1, "inconsistent": 0, "not enough data": 0}
    [art] = report["articles"]
    assert set(art) == {"id", "published", "events", "claims"}
    [claim] = art["claims"]
    assert set(claim) == JSON_KEYS
    assert set(claim["window"]) == {"start", "end", "text", "open_start", "unresolved", "rule", "anchor"}
    assert set(claim["store"]) == {"source", "count", "unknown_actor", "unplaced", "undated", "events"}
    assert claim["filters"] == {"type": "ASSAULT", "target_country": "USA", "countries": ["IRQ"]}


def test_the_claims_chart_draws_every_claim(tmp_path):
    from proxywatch.serve.charts import claims_chart

    checks = [ClaimCheck(_claim(), "canonical", 0, 0, 0, 0, None, "consistent", "verdict-within", "none stored"),
              ClaimCheck(_claim(id="c2", kind="aggregate", min=151, max=None), "canonical", 4, 0, 0, 0, None,
                         "not enough data", "verdict-undercount", "fewer stored")]
    page = claims_chart(checks, tmp_path / "c.html").read_text()
    assert page.count("<svg") == 1 and "not enough data" in page and "consistent" in page
    assert claims_chart(checks, tmp_path / "c.png").read_bytes()[:4] == b"\x89PNG"


def test_an_article_without_claims_gives_an_empty_result(news, kb):
    checked = check_article(news, Article("a", "Rockets hit a base on Monday.", published="2024-02-20"), [], kb)
    assert isinstance(checked, ArticleClaims) and checked.checks == ()
