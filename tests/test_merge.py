"""Merge rules of canonical events, on hand-built event records (no model, no store)."""

from __future__ import annotations

import itertools
import math

import pytest

from proxywatch.records import Count, DateSpan, Event, Evidence, Party, Place, event_id
from proxywatch.merge import (
    Mention,
    MergeRules,
    canonical_id,
    canonicalise,
    cluster,
    conflict,
    eligible,
    haversine_km,
    linked,
    place_match,
    source_key,
)

RULES = MergeRules(ancestors={"us-military": frozenset({"united-states"}),
                              "us-navy": frozenset({"us-military", "united-states"})})
US = Party("US forces", id="us-military", name="United States Armed Forces", country="USA", kind="military")
USA = Party("the United States", id="united-states", name="United States", country="USA", kind="state")
PENTAGON = Party("the Pentagon", id="pentagon", name="US Department of Defense", country="USA", kind="government")
KH = Party("Kata'ib Hezbollah", id="kataib-hezbollah", name="Kata'ib Hezbollah", country="IRQ", kind="armed_group",
           sponsors=("IRN",))
NUJABA = Party("al-Nujaba", id="nujaba", name="Harakat Hezbollah al-Nujaba", country="IRQ", kind="armed_group")
IRAN = Party("Iran", id="iran", name="Iran", country="IRN", kind="state")
BAGHDAD = Place("Baghdad", "Baghdad", "IRQ", None, 33.34, 44.40, "city")
IRAQ = Place("Iraq", "Iraq", "IRQ", None, None, None, "country")
KM_PER_DEGREE = 6371.0088 * math.pi / 180


def north_of(place: Place, km: float, name: str) -> Place:
    return Place(name, name, place.country, None, place.lat + km / KM_PER_DEGREE, place.lon, "city")


def ev(article: str, n: int = 0, *, type: str = "ASSAULT", actor: Party | None = US, target: Party | None = KH,
       place: Place | None = BAGHDAD, day: str | None = "2024-01-04", end: str | None = None,
       status: str = "occurred", negated: bool = False, aggregate: Count | None = None,
       fatalities: Count | None = None, mode: str | None = "drone") -> Event:
    evidence = Evidence(f"sentence {n} of {article}", n * 100, n * 100 + 20)
    date = DateSpan(day, end or day, "day" if not end else "range") if day else None
    return Event(id=event_id(article, evidence, type, n), article_id=article, type=type, evidence=evidence,
                 mode=mode, status=status, negated=negated, actor=actor, target=target, location=place, date=date,
                 fatalities=fatalities, aggregate=aggregate)


def m(article: str, n: int = 0, *, published: str | None = "2024-01-05", source: str | None = None,
      **fields) -> Mention:
    return Mention.of(ev(article, n, **fields), published=published, source=source or f"outlet {article}")


def groups(mentions, rules: MergeRules = RULES) -> list[set[str]]:
    return sorted(({x.id for x in g} for g in cluster(mentions, rules)), key=lambda g: sorted(g))


def test_reports_of_one_strike_merge_and_count_sources():
    ms = [m("a"), m("b", day="2024-01-05"), m("c", source="outlet a")]
    (event,) = canonicalise(ms, RULES)
    assert len(event.mention_ids) == 3
    assert event.sources == ("outlet a", "outlet b")
    assert event.article_ids == ("a", "c", "b")  # processing order: date, then article


# --- actor and target ---------------------------------------------------------------------------

@pytest.mark.parametrize("actor_b, merged", [
    (US, True), (USA, True),  # the same, or the whole and its part (KB hierarchy)
    (PENTAGON, True),  # two organs of one state
    (None, True),  # unknown fits
    (Party("American troops", country="USA"), True),  # no id, same country
    (IRAN, False),  # another state
    (NUJABA, False),  # a different group
])
def test_actor_compatibility(actor_b, merged):
    assert (len(groups([m("a"), m("b", actor=actor_b)])) == 1) is merged


def test_a_clearly_different_target_blocks_the_merge():
    assert len(groups([m("a", target=KH), m("b", target=NUJABA)])) == 2
    assert len(groups([m("a", target=KH), m("b", target=None)])) == 1


def test_groups_are_not_compatible_by_country_alone():
    assert conflict(m("a", actor=KH, target=US), m("b", actor=NUJABA, target=US), RULES)


def test_roles_swapped_are_two_events_even_in_one_article():
    strike = m("a", 0, actor=US, target=None)
    attack_on_us = m("a", 1, actor=None, target=Party("American personnel", country="USA"), place=None)
    assert conflict(strike, attack_on_us, RULES)
    assert len(groups([strike, attack_on_us])) == 2


# --- place ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("km, merged", [(0, True), (49, True), (51, False), (300, False)])
def test_points_merge_within_the_distance(km, merged):
    other = north_of(BAGHDAD, km, f"place {km} km north")
    assert haversine_km(BAGHDAD.lat, BAGHDAD.lon, other.lat, other.lon) == pytest.approx(km, abs=0.01)
    assert (len(groups([m("a"), m("b", place=other)])) == 1) is merged


def test_the_distance_is_a_setting():
    other = north_of(BAGHDAD, 70, "Balad")
    assert len(groups([m("a"), m("b", place=other)], MergeRules(distance_km=80))) == 1


def test_same_name_without_coordinates_is_the_same_point():
    jurf = Place("Jurf al-Sakhar", "Jurf al-Sakhar", "IRQ", None, None, None, "city")
    jurf2 = Place("Jurf al Sakhar", "Jurf al-Sakhar", "IRQ", None, None, None, "city")
    qaim = Place("al-Qaim", "Al-Qaim", "IRQ", None, None, None, "city")
    assert place_match(jurf, jurf2, RULES) == 3
    assert place_match(jurf, qaim, RULES) == 0


def test_two_provinces_of_one_country_stay_apart():
    babil = Place("Babil", "Babil", "IRQ", "Babil", None, None, "admin1")
    anbar = Place("Anbar", "Anbar", "IRQ", "Anbar", None, None, "admin1")
    ramadi = Place("Ramadi", "Ramadi", "IRQ", "Anbar", 33.42, 43.30, "city")
    assert len(groups([m("a", place=babil), m("b", place=anbar)])) == 2
    assert len(groups([m("a", place=babil), m("b", place=ramadi)])) == 2
    assert len(groups([m("a", place=anbar), m("b", place=ramadi)])) == 1


def test_country_only_reports_from_two_articles_do_not_merge():
    assert len(groups([m("a", place=IRAQ), m("b", place=IRAQ)])) == 2


def test_country_only_report_joins_a_precise_one_only_with_actor_and_target_known():
    assert len(groups([m("a"), m("b", place=IRAQ)])) == 1
    assert len(groups([m("a"), m("b", place=IRAQ, target=None)])) == 2
    assert len(groups([m("a"), m("b", place=Place("Syria", "Syria", "SYR", precision="country"))])) == 2


def test_a_missing_place_merges_within_its_article_only():
    assert len(groups([m("a", 0), m("a", 1, place=None)])) == 1
    assert len(groups([m("a"), m("b", place=None)])) == 2


def test_different_seas_and_sea_versus_land():
    red = Place("Red Sea", "Red Sea", None, None, 20.0, 38.5, "sea")
    aden = Place("Gulf of Aden", "Gulf of Aden", None, None, 12.5, 47.5, "sea")
    assert place_match(red, red, RULES) == 2
    assert place_match(red, aden, RULES) == 0
    assert place_match(red, BAGHDAD, RULES) == 0


def test_a_place_without_country_matches_only_by_name():
    odd = Place("al-Tanf and Erbil", "Al-Tanf garrison and Erbil Air Base", None, None, None, None, "region")
    assert place_match(odd, north_of(BAGHDAD, 1, "Deir ez-Zor"), RULES) == 0
    assert place_match(odd, odd, RULES) == 2


# --- dates ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("day, merged", [("2024-01-04", True), ("2024-01-05", True), ("2024-01-03", True),
                                         ("2024-01-06", False), ("2024-01-02", False)])
def test_dates_within_one_day(day, merged):
    assert (len(groups([m("a"), m("b", day=day, published="2024-01-07")])) == 1) is merged


def test_date_tolerance_is_a_setting():
    assert len(groups([m("a"), m("b", day="2024-01-06")], MergeRules(date_tolerance_days=2))) == 1


def test_spans_overlap_widened_by_the_tolerance():
    assert len(groups([m("a", day="2024-01-01", end="2024-01-03"), m("b", day="2024-01-04")])) == 1


def test_a_long_span_merges_only_within_its_article():
    month = {"day": "2024-01-01", "end": "2024-01-31"}
    assert len(groups([m("a"), m("b", **month)])) == 2
    assert len(groups([m("a", 0), m("a", 1, **month)])) == 1


def test_an_undated_report_is_placed_by_its_article_publication_day():
    assert len(groups([m("a"), m("b", day=None, published="2024-01-05")])) == 1  # 4 or 5 January
    assert len(groups([m("a"), m("b", day=None, published="2024-01-09")])) == 2
    alone = m("b", day=None, published=None)
    assert alone.start is None
    assert len(groups([m("a"), alone])) == 2
    assert len(groups([m("a", 0), m("a", 1, day=None, published=None)])) == 1


def test_the_event_date_comes_from_dated_reports_only():
    (event,) = canonicalise([m("a", day=None, published="2024-01-05"), m("b", day="2024-01-04")], RULES)
    assert (event.date.start, event.date.end) == ("2024-01-04", "2024-01-04")
    (alone,) = canonicalise([m("a", day=None, published="2024-01-05")], RULES)
    assert alone.date is None


# --- what never merges -----------------------------------------------------------------------------

@pytest.mark.parametrize("fields", [
    {"negated": True}, {"status": "planned"}, {"status": "threatened"}, {"status": "denied"},
    {"status": "hypothetical"}, {"aggregate": Count(101, None)},
])
def test_negated_planned_and_aggregate_mentions_are_never_eligible(fields):
    assert not eligible(ev("a", **fields))
    assert eligible(ev("a"))


def test_types_never_mix():
    assert len(groups([m("a"), m("b", type="ACCUSE")])) == 2


# --- determinism -------------------------------------------------------------------------------------

def _mixed() -> list[Mention]:
    qaim = Place("al-Qaim", "Al-Qaim", "IRQ", None, 34.37, 41.09, "city")
    return [m("a", 0), m("a", 1, place=None, fatalities=Count(2, 2)), m("b", day="2024-01-05"),
            m("c", place=qaim), m("d", place=qaim, actor=None), m("e", place=IRAQ), m("f", type="ACCUSE"),
            m("g", place=north_of(BAGHDAD, 30, "Taji")), m("h", place=north_of(BAGHDAD, 60, "Balad"))]


def test_result_does_not_depend_on_input_order():
    expected = [(e.id, e.mention_ids) for e in canonicalise(_mixed(), RULES)]
    for perm in itertools.islice(itertools.permutations(_mixed()), 0, 5000, 250):
        assert [(e.id, e.mention_ids) for e in canonicalise(list(perm), RULES)] == expected


def test_chains_do_not_merge_past_the_distance():
    # A~B (30 km) and B~C (30 km) but A and C are 60 km apart: C stays out of A's event
    a, b, c = m("a"), m("b", place=north_of(BAGHDAD, 30, "Taji")), m("c", place=north_of(BAGHDAD, 60, "Balad"))
    assert linked(a, b, RULES) and linked(b, c, RULES) and not linked(a, c, RULES)
    assert groups([c, b, a]) == sorted([{a.id, b.id}, {c.id}], key=lambda g: sorted(g))
    for g in cluster(_mixed(), RULES):
        assert not any(conflict(x, y, RULES) for x, y in itertools.combinations(g, 2))


def test_canonical_id_comes_from_the_earliest_mention():
    early, late = m("z", day="2024-01-03"), m("a", day="2024-01-04")
    (event,) = canonicalise([late, early], RULES)
    assert event.id == canonical_id(early) != canonical_id(late)
    assert event.mention_ids[0] == early.id


# --- merged fields -----------------------------------------------------------------------------------

def test_fatalities_low_best_high():
    ms = [m("a", 0, fatalities=Count(1, 1)), m("a", 1, place=None, fatalities=Count(2, 2)),  # article a says 2
          m("b", fatalities=Count(2, None)), m("c", fatalities=Count(3, 5)), m("d", fatalities=Count(7, 7)),
          m("e")]  # silent: not a zero
    (event,) = canonicalise(ms, RULES)
    # per article 2, 2, 3, 7 -> low 2, best (lower median) 2, high the largest figure stated, 7
    assert event.fatalities == (2, 2, 7)
    assert event.injuries == (None, None, None)
    assert event.to_json()["fatalities"] == {"low": 2, "best": 2, "high": 7}
    assert event.to_json()["injuries"] is None


def test_merged_parties_place_and_record():
    ms = [m("a", actor=USA, place=IRAQ), m("b", actor=US), m("c", actor=US, mode="aerial")]
    (event,) = canonicalise(ms, RULES)
    assert event.actor.id == "us-military"
    assert event.target.sponsors == ("IRN",)
    assert event.location.name == "Baghdad"
    assert event.mode == "drone"
    record = event.to_json()
    assert record["schema"] == "proxywatch.canonical/1"
    assert record["mentions"] == 3 and record["sources"] == 3
    assert [e["article_id"] for e in record["evidence"]] == ["a", "b", "c"]


def test_source_key_prefers_source_then_host_then_article():
    assert source_key("x", "  Tigris  Observer ", "https://a.example/1") == "tigris observer"
    assert source_key("x", None, "https://www.a.example/1") == "a.example"
    assert source_key("x", None, None) == "article:x"


def test_rules_from_the_knowledge_base(kb):
    rules = MergeRules.from_kb(kb)
    assert "united-states" in rules.ancestors["us-navy"]
    assert parties_ok(rules, "us-navy", "united-states") and not parties_ok(rules, "kataib-hezbollah", "nujaba")


def parties_ok(rules: MergeRules, a: str, b: str) -> bool:
    from proxywatch.merge import parties_compatible

    kinds = {"us-navy": ("USA", "military"), "united-states": ("USA", "state"),
             "kataib-hezbollah": ("IRQ", "armed_group"), "nujaba": ("IRQ", "armed_group")}
    pa = Party(a, id=a, country=kinds[a][0], kind=kinds[a][1])
    pb = Party(b, id=b, country=kinds[b][0], kind=kinds[b][1])
    return parties_compatible(pa, pb, rules)


def test_within_an_article_two_mentions_must_agree_on_something_or_one_be_bare():
    red_sea = Place("Red Sea", "Red Sea", None, None, 20.0, 38.5, "sea")
    navy = m("a", 0, actor=Party("a US destroyer", id="us-navy", country="USA", kind="military"), target=None,
             place=None)
    ships_hit = m("a", 1, actor=None, target=None, place=red_sea)
    assert len(groups([navy, ships_hit])) == 2
    wounded = m("a", 2, actor=None, target=None, place=None)  # "Six other people were wounded."
    assert len(groups([m("a", 0), wounded])) == 1
    same_toll = m("a", 3, actor=None, target=None, place=red_sea, fatalities=Count(3, 3))
    assert len(groups([m("a", 0, place=None, target=None, fatalities=Count(3, 3)), same_toll])) == 1


def test_within_an_article_different_kinds_of_force_are_different_events():
    navy = m("a", 0, mode="naval", place=None)
    kirkuk = m("a", 1, mode="drone", place=Place("Kirkuk", "Kirkuk", "IRQ", None, 35.47, 44.39, "city"))
    assert conflict(navy, kirkuk, RULES)
    assert not conflict(m("a", 0, mode="aerial"), m("a", 1, mode="missile"), RULES)
    assert not conflict(m("a", mode="naval"), m("b", mode="drone"), RULES)  # other writers word it otherwise


def test_parties_and_places_that_name_nothing_count_as_unknown():
    jets = m("a", 1, actor=Party("Fighter jets", kind="military"), target=Party("over 60 targets"),
             place=Place("somewhere"), mode="missile")
    assert len(groups([m("a", 0), jets])) == 1


# --- blocks ------------------------------------------------------------------------------------------

def test_a_mention_is_filed_by_type_country_and_monday_of_its_week():
    from proxywatch.merge import block_of

    sunday = m("a", 0, place=BAGHDAD, day="2024-01-07")
    assert block_of(sunday).key == "ASSAULT|IRQ|2024-01-01" and block_of(sunday).any_key == "ASSAULT|*|2024-01-01"
    sea = m("b", 0, place=Place("the Red Sea", "Red Sea", None, None, 20.0, 38.0, "sea"), day="2024-01-08")
    assert block_of(sea).key == "ASSAULT||2024-01-08"
    assert block_of(m("c", 0, place=None, day="2024-01-08")) is None  # links only inside its article


def test_the_search_reaches_the_next_week_and_places_without_a_country():
    from proxywatch.merge import search_blocks

    keys, any_keys, lo, hi = search_blocks(m("a", 0, place=BAGHDAD, day="2024-01-07"), RULES)
    assert keys == ["ASSAULT|IRQ|2024-01-01", "ASSAULT||2024-01-01", "ASSAULT|IRQ|2024-01-08", "ASSAULT||2024-01-08"]
    assert any_keys == [] and (lo.isoformat(), hi.isoformat()) == ("2024-01-04", "2024-01-08")
    sea = Place("the Red Sea", "Red Sea", None, None, 20.0, 38.0, "sea")
    assert search_blocks(m("b", 0, place=sea, day="2024-01-11"), RULES)[1] == ["ASSAULT|*|2024-01-08"]
    long = m("c", 0, place=BAGHDAD, day="2024-01-01", end="2024-01-20")
    assert search_blocks(long, RULES) is None
