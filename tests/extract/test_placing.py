"""Place rules (extract/placing.py) and the place reader's names, one sentence each (written for this project)."""

from __future__ import annotations

from proxywatch.records import Article, Event


def _one(extractor, text: str, type_: str = "ASSAULT") -> Event:
    events = [e for e in extractor.extract(Article(id="p", text=text, published="2024-02-01")) if e.type == type_]
    assert len(events) == 1, [e.to_json() for e in events]
    return events[0]


def test_a_town_known_by_another_name_keeps_the_article_name(extractor):
    loc = _one(extractor, "Coalition jets bombed militant positions around Kobani on Sunday.").location
    assert (loc.name, loc.country, loc.precision) == ("Kobani", "SYR", "city")


def test_a_division_word_names_the_province_not_its_town(extractor):
    loc = _one(extractor, "Insurgents overran a checkpoint in northern Balkh province on Monday.").location
    assert (loc.name, loc.country, loc.precision) == ("Balkh province", "AFG", "admin1")


def test_a_region_word_before_state_is_no_division(kb):
    assert kb.gazetteer.match("Gulf state") == (None, None)


def test_a_hamlet_abroad_is_not_reached_by_another_of_its_names(kb):
    entry, how = kb.gazetteer.match("Bagram")
    assert entry is None or entry.country == "AFG"


def test_a_hyphenated_town_name_is_read_whole(extractor):
    loc = _one(extractor, "Gunmen stormed a police post in Mazar-i-Sharif, Afghanistan, on Friday.").location
    assert loc.country == "AFG" and "Mazar" in loc.name


def test_a_month_after_in_is_no_place(extractor):
    e = _one(extractor, "The senator spoke in March about the 1992 Sarajevo massacre.")
    assert e.location is None or e.location.name != "March"


def test_a_town_labelled_as_a_club_after_the_city_of_is_still_the_place(extractor):
    loc = _one(extractor, "A parcel bomb wounded eleven shoppers on a busy street in the city of Lyon.").location
    assert (loc.name, loc.country) == ("Lyon", "FRA")


def test_the_white_house_is_a_site_in_washington_not_casablanca(extractor):
    loc = _one(extractor, "The president met the Iraqi prime minister at the White House on Monday.",
               "CONSULT").location
    assert (loc.name, loc.country) == ("White House", "USA")


def test_a_town_modifying_the_event_noun_is_the_place_not_the_actor(extractor):
    e = _one(extractor, "Lawmakers debated gun laws after the Orlando shooting.")
    assert e.actor is None and e.location.name == "Orlando"


def test_a_state_modifying_the_event_noun_stays_the_actor(extractor):
    e = _one(extractor, "Lawmakers debated the war after the US strike.")
    assert e.actor is not None and e.actor.country == "USA"


def test_an_unlisted_name_after_in_is_the_place_as_written(extractor):
    loc = _one(extractor, "Gunmen killed four shepherds in Wadi Qarnayil on Sunday.").location
    assert (loc.name, loc.precision) == ("Wadi Qarnayil", "city") and loc.lat is None


def test_an_unlisted_name_takes_the_country_given_beside_it(extractor):
    loc = _one(extractor, "Gunmen attacked a checkpoint in Tal Harmoush, Syria, on Sunday.").location
    assert (loc.name, loc.country) == ("Tal Harmoush", "SYR")


def test_an_organisation_after_in_is_no_place(extractor):
    e = _one(extractor, "Militants ambushed a patrol in Hezbollah territory on Monday.")
    assert e.location is None or "Hezbollah" not in (e.location.name or "")


def test_the_setting_of_an_earlier_event_shares_its_place(extractor):
    loc = _one(extractor, "A teenager was wounded at a protest on Friday in the port city of Basra.",
               "PROTEST").location
    assert loc is not None and loc.country == "IRQ" and loc.name.startswith("Basr")


def test_a_divided_region_is_a_region_of_no_country(extractor):
    loc = _one(extractor, "Tensions rose after an attack in Kashmir on Tuesday.").location
    assert (loc.name, loc.country, loc.precision) == ("Kashmir", None, "region")
