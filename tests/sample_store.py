"""A small store for the export and network tests: hand-made mentions plus canonical rows.

The sentences are written for these tests. Ingest merges the mentions (m1 and m2 report the same
strike and form one canonical event); the fixture then replaces the merged rows with its own, whose
ids (c1, c3, ...) and record are fixed, so the export tests do not depend on the merge stage's ids.
``merged_groups`` gives the merge stage's own grouping, checked to equal ``CANONICAL``.
"""

from __future__ import annotations

from proxywatch.records import Article, Count, DateSpan, Event, Evidence, Party, Place
from proxywatch.store import Store
from proxywatch.jobs import store_batch

IRI = Party("an Iran-aligned militia", id="islamic-resistance-in-iraq", name="Islamic Resistance in Iraq",
            country="IRQ", kind="armed_group", sponsors=("IRN",))
US_MIL = Party("American troops", id="us-military", name="United States Armed Forces", country="USA", kind="military")
KH = Party("Kataib Hezbollah", id="kataib-hezbollah", name="Kata'ib Hezbollah", country="IRQ", kind="armed_group",
           sponsors=("IRN",))
TOWER = Place("a desert outpost in Jordan", name="Tower 22", country="JOR", lat=33.32, lon=38.69, precision="site")


def _event(eid: str, article: str, sentence: str, **fields) -> Event:
    return Event(id=eid, article_id=article, type=fields.pop("type", "ASSAULT"),
                 evidence=Evidence(sentence, 0, len(sentence)), confidence=0.8, **fields)


def _day(iso: str) -> DateSpan:
    return DateSpan(start=iso, end=iso, precision="day")


S1 = "A militia drone hit a small desert outpost in Jordan on Sunday, and three American soldiers died."
S2 = "Three US service members were killed when a one-way drone struck their base near the Syrian border."
S3 = "Crowds marched through central Baghdad calling for foreign troops to leave."
S4 = "American aircraft bombed militia sites around al-Qaim, leaving sixteen dead."
S5 = "There have been no attacks on American forces in Iraq since the retaliation."
S6 = "More than 150 attacks have hit US positions since October."
S7 = "Gunmen shot dead two farmers in eastern Syria."
S8 = "Iraqi and American officials held talks in Baghdad about the future of the coalition."

MENTIONS = [
    _event("m1", "a1", S1, mode="drone", actor=IRI, target=US_MIL, location=TOWER, date=_day("2024-01-28"),
           fatalities=Count(3, 3)),
    _event("m2", "a2", S2, mode="drone", actor=IRI, target=US_MIL, location=TOWER, date=_day("2024-01-28"),
           fatalities=Count(3, None)),
    _event("m3", "a3", S3, type="PROTEST", actor=Party("crowds", country="IRQ", kind="civilians"),
           location=Place("central Baghdad", name="Baghdad", country="IRQ", lat=33.31, lon=44.36, precision="city"),
           date=_day("2024-01-05")),
    _event("m4", "a4", S4, mode="aerial", actor=US_MIL, target=KH,
           location=Place("al-Qaim", name="Al-Qaim", country="IRQ", admin1="Anbar", lat=34.37, lon=41.09,
                          precision="city"),
           date=_day("2024-02-02"), fatalities=Count(16, 16)),
    _event("m5", "a4", S5, negated=True, target=US_MIL, location=Place("Iraq", name="Iraq", country="IRQ",
                                                                      precision="country"),
           date=DateSpan(start="2024-02-04", end="2024-02-20", precision="range")),
    _event("m6", "a4", S6, target=US_MIL, aggregate=Count(151, None),
           date=DateSpan(start="2023-10-01", end="2024-02-20", precision="range")),
    _event("m7", "a5", S7, mode="firearms", actor=Party("gunmen"), target=Party("two farmers", kind="civilians"),
           location=Place("eastern Syria", name="Syria", country="SYR", precision="country"),
           date=_day("2024-01-10"), fatalities=Count(2, 2)),
    _event("m8", "a5", S8, type="CONSULT", actor=Party("Iraqi officials", country="IRQ", kind="government"),
           target=Party("American officials", country="USA", kind="government"), date=_day("2024-01-15")),
]
ARTICLES = {
    "a1": Article("a1", S1, published="2024-01-29", source="Wire One", url="https://example.org/a1"),
    "a2": Article("a2", S2, published="2024-01-29", source="Paper Two", url="https://example.org/a2"),
    "a3": Article("a3", S3, published="2024-01-06", source="Wire One", url="https://example.org/a3"),
    "a4": Article("a4", " ".join((S4, S5, S6)), published="2024-02-21", source="Daily Three"),
    "a5": Article("a5", " ".join((S7, S8)), published="2024-01-16"),
}
# canonical event -> its mentions; m5 (negated) and m6 (aggregate) are never canonical
CANONICAL = {"c1": ["m1", "m2"], "c3": ["m3"], "c4": ["m4"], "c7": ["m7"], "c8": ["m8"]}

_CANONICAL_INSERT = """
INSERT INTO canonical_events
SELECT ?, type, mode, actor_text, actor_id, actor_name, actor_country, actor_kind, actor_sponsors,
       target_text, target_id, target_name, target_country, target_kind, target_sponsors,
       location_name, location_country, location_admin1, lat, lon, location_precision,
       date_start, date_end, date_precision,
       min(fatalities_min), min(fatalities_min), max(coalesce(fatalities_max, fatalities_min)),
       min(injuries_min), min(injuries_min), max(injuries_max),
       count(*), count(DISTINCT article_id), json_object('schema', 'test.canonical', 'id', ?, 'mentions', list(id))
FROM events WHERE list_contains(?, id)
GROUP BY ALL
"""


def fill(store: Store) -> Store:
    """Write the articles and mentions, then the canonical rows and their links."""
    by_article: dict[str, list[Event]] = {}
    for event in MENTIONS:
        by_article.setdefault(event.article_id, []).append(event)
    store_batch(store, [(ARTICLES[a], events) for a, events in by_article.items()])
    store.sql("DELETE FROM canonical_mentions")
    store.sql("DELETE FROM canonical_events")
    for cid, ids in CANONICAL.items():
        store.sql(_CANONICAL_INSERT, [cid, cid, ids])
        store.sql("INSERT INTO canonical_mentions SELECT ?, id, article_id FROM events WHERE list_contains(?, id)",
                  [cid, ids])
    return store


def merged_groups(db: str = ":memory:") -> list[list[str]]:
    """The mention groups the merge stage itself makes of MENTIONS (sorted)."""
    store = Store(db)
    by_article: dict[str, list[Event]] = {}
    for event in MENTIONS:
        by_article.setdefault(event.article_id, []).append(event)
    store_batch(store, [(ARTICLES[a], events) for a, events in by_article.items()])
    rows = store.sql("SELECT list(event_id ORDER BY event_id) FROM canonical_mentions GROUP BY canonical_id")
    store.close()
    return sorted(r[0] for r in rows)


def sample_store(path: str = ":memory:") -> Store:
    return fill(Store(path))


def snapshot(store: Store) -> dict[str, list[tuple]]:
    """Everything a store holds, in a fixed order: two stores built the same way compare equal."""
    return {
        "articles": store.sql("SELECT id, content_hash FROM articles ORDER BY id"),
        "events": store.sql("SELECT id, article_id, record FROM events ORDER BY id, article_id"),
        "canonical": store.sql("SELECT id, record FROM canonical_events ORDER BY id"),
        "links": store.sql("SELECT canonical_id, event_id, article_id FROM canonical_mentions ORDER BY ALL"),
    }
