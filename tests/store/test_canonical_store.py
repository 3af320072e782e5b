"""The store keeps canonical events in step with the mentions, in the same transaction as each batch."""

from __future__ import annotations

import json

import duckdb
import pytest

from proxywatch import records as rec
from proxywatch.errors import StoreError
from proxywatch.merge import MergeRules
from proxywatch.store import EventQuery, Store, batch_rows
from proxywatch.jobs import store_batch, rebuild_canonical

US = rec.Party("US forces", id="us-military", name="United States Armed Forces", country="USA", kind="military")
KH = rec.Party("Kata'ib Hezbollah", id="kataib-hezbollah", name="Kata'ib Hezbollah", country="IRQ", kind="armed_group",
           sponsors=("IRN",))
BAGHDAD = rec.Place("Baghdad", "Baghdad", "IRQ", None, 33.34, 44.40, "city")
QAIM = rec.Place("al-Qaim", "Al-Qaim", "IRQ", None, 34.37, 41.09, "city")
RULES = MergeRules()


def article(ident: str, source: str | None = None, published: str | None = "2024-01-05", text: str = "") -> rec.Article:
    return rec.Article(id=ident, text=text or f"Text of {ident}. " * 20, published=published, source=source)


def event(art: rec.Article, n: int = 0, *, place: rec.Place | None = BAGHDAD, day: str | None = "2024-01-04",
          fatalities: rec.Count | None = None, **kw) -> rec.Event:
    evidence = rec.Evidence(art.text[n * 10: n * 10 + 8], n * 10, n * 10 + 8)
    return rec.Event(id=rec.event_id(art.id, evidence, kw.get("type", "ASSAULT"), n), article_id=art.id,
                 type=kw.pop("type", "ASSAULT"), evidence=evidence, actor=kw.pop("actor", US),
                 target=kw.pop("target", KH), location=place, date=rec.DateSpan(day, day, "day") if day else None,
                 fatalities=fatalities, **kw)


def corpus() -> list[tuple[rec.Article, list[rec.Event]]]:
    a, b, c, d, e = (article(x, source=f"outlet {x}") for x in "abcde")
    return [
        (a, [event(a, 0, fatalities=rec.Count(2, 2)), event(a, 1, place=None), event(a, 2, negated=True),
             event(a, 3, status="planned"), event(a, 4, aggregate=rec.Count(101, None), place=None)]),
        (b, [event(b, 0, day="2024-01-05", fatalities=rec.Count(3, None))]),
        (c, [event(c, 0, place=QAIM), event(c, 1, type="ACCUSE", place=None)]),
        (d, [event(d, 0, place=None)]),  # no place: only its own article
        (e, [event(e, 0, day="2024-02-20")]),
    ]


def snapshot(store: Store) -> list[tuple]:
    events = store.sql("SELECT id, mentions, sources, record FROM canonical_events ORDER BY id")
    links = store.sql("SELECT canonical_id, event_id, article_id FROM canonical_mentions ORDER BY ALL")
    return [*events, *links]


@pytest.fixture
def store(db):
    with Store(db) as s:
        yield s


def test_batch_merges_eligible_mentions_only(store):
    store_batch(store, corpus(), RULES)
    linked = {r[0] for r in store.sql("SELECT event_id FROM canonical_mentions")}
    eligible = {r[0] for r in store.sql(
        "SELECT id FROM events WHERE status = 'occurred' AND NOT negated AND aggregate_min IS NULL")}
    assert linked == eligible and len(eligible) == 7
    january = list(store.canonical_events(EventQuery(type="ASSAULT", until="2024-01-31", actor="us-military",
                                                     country="IRQ")))
    assert sorted(r["location"]["name"] for r in january) == ["Al-Qaim", "Baghdad"]
    (baghdad,) = [r for r in january if r["location"]["name"] == "Baghdad"]
    assert baghdad["mentions"] == 3 and baghdad["sources"] == 2
    assert baghdad["fatalities"] == {"low": 2, "best": 2, "high": 3}
    assert store.canonical_counts() == {"canonical_events": 5, "mentions": 7}


@pytest.mark.parametrize("split", ["one by one", "reversed", "pairs"])
def test_result_does_not_depend_on_batch_boundaries(split, fresh_db):
    items = corpus()
    with Store(fresh_db()) as whole:
        store_batch(whole, items, RULES)
        expected = snapshot(whole)
    batches = {"one by one": [[x] for x in items], "reversed": [[x] for x in reversed(items)],
               "pairs": [items[i: i + 2] for i in range(0, len(items), 2)]}[split]
    with Store(fresh_db()) as parts:
        for batch in batches:
            store_batch(parts, batch, RULES)
        assert snapshot(parts) == expected


def test_a_late_report_that_bridges_two_events_is_reclustered(db):
    # a (Baghdad) and c (30 km north) both join b only when b arrives; ids must match a full rebuild
    a, b, c = (article(x, source=x) for x in "abc")
    taji = rec.Place("Taji", "Taji", "IRQ", None, 33.34 + 30 / 111.195, 44.40, "city")
    with Store(db) as s:
        store_batch(s, [(a, [event(a)])], RULES)
        store_batch(s, [(c, [event(c, place=taji, day="2024-01-06")])], RULES)
        assert s.canonical_counts()["canonical_events"] == 2
        store_batch(s, [(b, [event(b, place=taji, day="2024-01-05")])], RULES)
        incremental = snapshot(s)
        rebuild_canonical(s, RULES)
        assert snapshot(s) == incremental


def test_reingesting_a_changed_article_drops_its_old_mentions(store):
    a, b, c = (article(x, source=x) for x in "abc")
    store_batch(store, [(a, [event(a)]), (b, [event(b)]), (c, [event(c)])], RULES)
    (merged,) = store.canonical_events()
    assert merged["mentions"] == 3
    changed = article("b", source="b", text="A corrected text. " * 20)
    store_batch(store, [(changed, [event(changed, place=QAIM)])], RULES)
    records = sorted(store.canonical_events(), key=lambda r: r["mentions"])
    assert [r["mentions"] for r in records] == [1, 2]
    assert records[0]["article_ids"] == ["b"] and records[0]["location"]["name"] == "Al-Qaim"
    assert sorted(records[1]["article_ids"]) == ["a", "c"]
    old_ids = {merged["id"]} - {r["id"] for r in records}
    dangling = store.sql("SELECT count(*) FROM canonical_mentions WHERE event_id NOT IN (SELECT id FROM events)")
    assert dangling == [(0,)]
    assert all(store.sql("SELECT count(*) FROM canonical_mentions WHERE canonical_id = ?", [i]) == [(0,)]
               for i in old_ids)


def test_removing_the_link_splits_an_event(store):
    # b links a (Baghdad, 4 Jan) with nothing else, then b is emptied: a stands alone again
    a, b = article("a", source="a"), article("b", source="b")
    store_batch(store, [(a, [event(a)]), (b, [event(b)])], RULES)
    store_batch(store, [(article("b", source="b", text="Nothing happened here. " * 20), [])], RULES)
    (alone,) = store.canonical_events()
    assert alone["mention_ids"] == [event(a).id] and alone["sources"] == 1


def test_rebuild_equals_incremental(store):
    for item in corpus():
        store_batch(store, [item], RULES)
    incremental = snapshot(store)
    assert rebuild_canonical(store, RULES) == 5
    assert snapshot(store) == incremental


def test_canonical_columns_serve_the_common_filters(store):
    store_batch(store, corpus(), RULES)
    assert len(list(store.canonical_events(EventQuery(type="ACCUSE")))) == 1
    assert len(list(store.canonical_events(EventQuery(sponsor="IRN")))) == 0  # the actor is the US
    assert len(list(store.canonical_events(EventQuery(target_country="IRQ", since="2024-02-01")))) == 1
    assert len(list(store.canonical_events(limit=2))) == 2
    row = store.sql("SELECT fatalities_low, fatalities_best, fatalities_high, mentions, sources, location_name, "
                    "target_sponsors FROM canonical_events WHERE mentions = 3")
    assert row == [(2, 2, 3, 3, 2, "Baghdad", ["IRN"])]
    record = json.loads(store.sql("SELECT record FROM canonical_events WHERE mentions = 3")[0][0])
    assert len(record["evidence"]) == 3 and set(record["article_ids"]) == {"a", "b"}


def test_a_failed_merge_rolls_back_the_whole_batch(store, monkeypatch):
    import proxywatch.jobs as jobs

    def boom(*args, **kwargs):
        raise RuntimeError("merge failed")

    monkeypatch.setattr(jobs, "recluster", boom)
    with pytest.raises(RuntimeError, match="merge failed"):
        store_batch(store, corpus(), RULES)
    assert store.counts() == {"articles": 0, "events": 0}
    assert store.canonical_counts() == {"canonical_events": 0, "mentions": 0}


def test_candidates_come_from_the_date_window(store, monkeypatch):
    # an unrelated far-off event is neither loaded nor rewritten when a new report arrives
    far = article("far", source="far")
    store_batch(store, [(far, [event(far, day="2023-06-01")])], RULES)
    before = store.sql("SELECT id FROM canonical_events")
    seen: list[str] = []
    import proxywatch.store.base as base

    real = base._mention
    monkeypatch.setattr(base, "_mention", lambda row: seen.append(row[0]) or real(row))
    new = article("new", source="new")
    store_batch(store, [(new, [event(new)])], RULES)
    assert event(far, day="2023-06-01").id not in seen
    assert set(before) <= set(store.sql("SELECT id FROM canonical_events"))


def test_changed_rules_leave_no_mention_unlinked(store):
    # formed with a wide distance, then a new report arrives under the default 50 km
    a, b, c = (article(x, source=x) for x in "abc")
    balad = rec.Place("Balad", "Balad", "IRQ", None, 33.34 + 70 / 111.195, 44.40, "city")
    store_batch(store, [(a, [event(a)]), (b, [event(b, place=balad)])], MergeRules(distance_km=100))
    assert store.canonical_counts() == {"canonical_events": 1, "mentions": 2}
    store_batch(store, [(c, [event(c)])], RULES)
    linked = store.sql("SELECT event_id, count(*) FROM canonical_mentions GROUP BY event_id")
    assert sorted(n for _, n in linked) == [1, 1, 1]
    assert store.canonical_counts() == {"canonical_events": 2, "mentions": 3}


def test_mentions_stored_before_canonical_events_are_counted_and_rebuilt(store):
    store_batch(store, corpus(), RULES)
    store.sql("DELETE FROM canonical_mentions")
    store.sql("DELETE FROM canonical_events")
    assert store.unmerged_mentions() == 7
    rebuild_canonical(store, RULES)
    assert store.unmerged_mentions() == 0


def test_the_analysis_relation_reads_canonical_events(store):
    from proxywatch.analyse.source import relation

    store_batch(store, corpus(), RULES)
    where, params = EventQuery(type="ASSAULT", country="IRQ").where("e")
    rows = store.sql(f"SELECT count(*), sum(mentions), max(fatalities_high) FROM {relation('canonical')} e "
                     f"WHERE {where}", params)
    assert rows == [(3, 5, 3)]  # Baghdad (3 mentions), al-Qaim and 20 February


# --- the blocked incremental merge against today's merge of everything at once ---------------------

def _random_corpus(seed: int, n_articles: int = 40) -> list[tuple[rec.Article, list[rec.Event]]]:
    """Reports around week boundaries, in two countries, some without a country (a sea) or a date."""
    import random

    rnd = random.Random(seed)
    places = [BAGHDAD, QAIM, rec.Place("Taji", "Taji", "IRQ", None, 33.6, 44.40, "city"),
              rec.Place("Tower 22", "Tower 22", "JOR", None, 33.32, 38.69, "site"),
              rec.Place("the Red Sea", "Red Sea", None, None, 20.0, 38.0, "sea"), None]
    parties = [US, KH, rec.Party("gunmen"), None]
    days = ["2024-01-06", "2024-01-07", "2024-01-08", "2024-01-09", "2024-01-14", "2024-01-15", None]
    out = []
    for i in range(n_articles):
        art = article(f"r{i:02d}", source=f"outlet {i % 7}", published=rnd.choice(["2024-01-08", "2024-01-15", None]))
        events = [event(art, n, place=rnd.choice(places), day=rnd.choice(days), actor=rnd.choice(parties),
                        target=rnd.choice(parties), type=rnd.choice(["ASSAULT", "ASSAULT", "PROTEST"]),
                        fatalities=rnd.choice([None, rec.Count(2, 2), rec.Count(3, None)]))
                  for n in range(rnd.randint(0, 3))]
        out.append((art, events))
    return out


def _merged_at_once(items) -> list[tuple]:
    """Today's merge (merge.canonicalise of every eligible mention), as (id, sorted mention ids)."""
    from proxywatch.merge import Mention, canonicalise, eligible

    mentions = [Mention.of(e, a.published, a.source, a.url) for a, evs in items for e in evs if eligible(e)]
    return sorted((c.id, tuple(sorted(c.mention_ids))) for c in canonicalise(mentions, RULES))


@pytest.mark.parametrize("order", ["one by one", "all at once", "reversed"])
def test_blocked_merge_equals_merging_everything_at_once(fresh_db, order):
    items = _random_corpus(7)
    expected = _merged_at_once(items)
    assert any(len(ids) > 1 for _, ids in expected) and len(expected) > 20  # the corpus does merge
    batches = {"one by one": [[x] for x in items], "all at once": [items],
               "reversed": [[x] for x in reversed(items)]}[order]
    with Store(fresh_db()) as s:
        for batch in batches:
            store_batch(s, batch, RULES)
        got = s.sql("SELECT canonical_id, list(event_id ORDER BY event_id) FROM canonical_mentions "
                    "GROUP BY canonical_id ORDER BY canonical_id")
        assert [(c, tuple(ids)) for c, ids in got] == expected


def test_a_batch_reads_only_the_blocks_it_reaches(store, monkeypatch):
    # far-off weeks and other countries are in the store; a new Baghdad report asks for its own
    # country's (and no country's) blocks of the weeks its date window reaches, nothing else
    for i, (day, place) in enumerate([("2023-06-01", BAGHDAD), ("2024-01-04", rec.Place("Amman", "Amman", "JOR",
                                                                                          None, 31.9, 35.9, "city"))]):
        art = article(f"old{i}", source=f"old{i}")
        store_batch(store, [(art, [event(art, day=day, place=place)])], RULES)
    asked: list[tuple] = []
    real = store.block_members
    monkeypatch.setattr(store, "block_members", lambda keys, any_keys: asked.append((keys, any_keys))
                        or real(keys, any_keys))
    new = article("new", source="new")
    store_batch(store, [(new, [event(new, day="2024-01-04")])], RULES)
    keys = {k for ks, _ in asked for k in ks}
    assert keys == {"ASSAULT|IRQ|2024-01-01", "ASSAULT||2024-01-01"}
    assert all(not any_keys for _, any_keys in asked)


def test_a_batch_makes_its_mentions_as_the_store_reads_them_back(store):
    # dated and undated, with and without place, counts and sponsors, an article with no date
    items = [*corpus(), (article("f", source="f", published=None), [event(article("f"), 0, day=None)])]
    rows = batch_rows(items)
    store_batch(store, items, RULES)
    stored = store.merge_mentions(ids=list(rows.seeds))
    assert len(stored) == 8
    assert sorted(rows.mentions(), key=lambda m: m.id) == sorted(stored, key=lambda m: m.id)


def test_a_batch_asks_the_store_only_about_other_articles_mentions(store, monkeypatch):
    old = article("old", source="old")
    store_batch(store, [(old, [event(old)])], RULES)
    asked: list[tuple] = []
    real = store.merge_mentions
    monkeypatch.setattr(store, "merge_mentions", lambda ids=(), article_ids=(): asked.append((ids, article_ids))
                        or real(ids=ids, article_ids=article_ids))
    new = article("new", source="new")
    store_batch(store, [(new, [event(new), event(new, 1, day="2024-01-05")])], RULES)
    assert {i for ids, _ in asked for i in ids} == {event(old).id}
    assert {a for _, articles in asked for a in articles} == {"old"}
    (merged,) = store.canonical_events()
    assert merged["mentions"] == 3 and merged["article_ids"] == ["new", "old"]
