"""Article focus: each decision check and dateline rule by id, mention roles, and hostile input.

Every article here is written for these tests, in the manner of releases, readouts and wire copy.
"""

from __future__ import annotations

import time

import pytest

from proxywatch.ingest.layout import read_layout
from proxywatch.resolve.focus import CHECKS, DATELINE_RULES, ROLE_WEIGHT, SOURCE_WEIGHT, article_focus, check


def _focus(kb, article: str):
    title, _, text = article.partition("\n\n")
    return article_focus(read_layout(text, title), text, kb, title)


# check id -> an article the check lets through, with the focus it then has (its own example is stopped by it)
PASSES = {
    "focus-some-place": ("Talks Continue in Cairo\n\nThe envoys met again in Cairo on Tuesday and agreed to meet "
                         "next week in Cairo.", "EGY"),
    "focus-not-sea": ("Drones Hit Port in Yemen\n\nA drone hit a fuel depot in Yemen on Monday, near the port of "
                      "Hodeidah in Yemen. A tanker in the Red Sea reported smoke.", "YEM"),
    "focus-min-score": ("Statement\n\nWe welcome the agreement signed in Egypt after long talks.\n\nDelegations "
                        "attended.", "EGY"),
    "focus-share": ("Regional Update\n\nRockets fell in Israel on Monday and again in Israel on Tuesday. A drone "
                    "was shot down over Syria.", "ISR"),
    "focus-margin": ("Border Clashes\n\nShelling in Armenia killed two soldiers, officials said, after troops in "
                     "Armenia reported fire.\n\nVillages in Armenia were evacuated, and Azerbaijan denied it.", "ARM"),
    "focus-named-early": ("Ministers Meet in Chad\n\nThe ministers met on Monday and discussed trade.\n\nOfficials "
                          "in Chad welcomed it. Farmers in Chad agreed.", "TCD"),
    "focus-paragraph-cover": ("Briefing\n\nMS. ROE: Strikes hit two sites in Syria overnight, near the border of "
                              "Syria.\n\nSeparately, more strikes in Syria are planned.", "SYR"),
    "focus-headline-other": ("Secretary Meets Qatari Prime Minister in Doha\n\nThe Secretary met the Qatari prime "
                             "minister in Doha to discuss aid. Talks in Doha went on late.", "QAT"),
    "focus-headline-parties": ("Israel and Lebanese Hezbollah Trade Fire in Israel\n\nRockets were fired into "
                               "Israel on Sunday, and strikes hit northern Israel near the border.", "ISR"),
}


def test_every_check_has_a_row():
    assert {c.id for c in CHECKS} == set(PASSES)
    for c in CHECKS:
        assert c.purpose and c.example and check(c.id) is c


@pytest.mark.parametrize("check_id", sorted(PASSES))
def test_check_row(kb, check_id):
    stopped = _focus(kb, check(check_id).example)
    assert stopped.focus_country is None and f"[{check_id}]" in stopped.reason, stopped.reason
    article, country = PASSES[check_id]
    passed = _focus(kb, article)
    assert passed.focus_country == country, passed.reason
    assert 0.6 <= passed.confidence <= 1.0


# --- datelines: where the story was filed is not where it happened ----------------------------------------------

DATELINES = {
    "dateline-newsroom": [
        # a US newsroom over a story about Yemen: written there, not about it
        ("U.S. Strikes Missile Sites\n\nTAMPA, Fla. – U.S. forces struck two missile sites in Yemen on Monday, "
         "and a third near Sanaa, Yemen.", "TAMPA, Fla.", "YEM"),
        ("Pentagon Update\n\nWASHINGTON — The Pentagon said on Friday that two drones struck a base in Iraq.",
         "WASHINGTON", "IRQ"),
        # a newsroom dateline counts when the lead names another place in its country
        ("Shooting at Naval Station\n\nWASHINGTON — A gunman wounded two sailors at a naval station in Norfolk, "
         "Virginia, on Monday.", None, "USA"),
    ],
    "dateline-agrees": [
        ("Blast Hits Port\n\nBEIRUT, Lebanon (Reuters) — An explosion damaged the port on Tuesday, officials said.",
         None, "LBN"),
        ("Strikes Overnight\n\nAMMAN, Jordan (Reuters) — Strikes hit houses in Gaza City overnight, health officials "
         "in Gaza said.", "AMMAN, Jordan", "PSE"),
    ],
}


def test_every_dateline_rule_has_rows():
    assert {r.id for r in DATELINE_RULES} == set(DATELINES)
    for r in DATELINE_RULES:
        assert r.purpose and r.example


@pytest.mark.parametrize("rule_id", sorted(DATELINES))
def test_dateline_rows(kb, rule_id):
    for article, written_at, focus in DATELINES[rule_id]:
        found = _focus(kb, article)
        assert found.written_at == written_at, (article, found.reason)
        assert found.focus_country == focus, (article, found.reason)
        dateline = next(m for m in found.mentions if m.source == "dateline")
        assert (dateline.role == "modifier") == (written_at is not None)


def test_a_us_dateline_never_becomes_the_focus_of_a_story_at_sea(kb):
    article = ("Houthis Fire Missiles at Ships\n\nTAMPA, Fla. – On March 3 at 2 p.m. (Sanaa time), Houthi "
               "militants fired two anti-ship missiles from Yemen toward the Gulf of Aden. One struck a bulk carrier "
               "in the Gulf of Aden; the other fell into the Red Sea.")
    found = _focus(kb, article)
    assert found.written_at == "TAMPA, Fla." and found.focus_country is None
    assert "USA" not in {c.code for c in found.countries if c.score > 0}


# --- how mentions are read -------------------------------------------------------------------------------------


def test_mentions_are_weighed_by_where_and_how(kb):
    article = ("Aid Arrives in Sudan\n\nA convoy reached Darfur, Sudan, on Monday with food for families in "
               "El Fasher.\n\nSudanese officials and the U.S.-based agency said the Sudan Armed Forces agreed.")
    found = _focus(kb, article)
    roles = {(m.text, m.source): m.role for m in found.mentions}
    assert roles[("Sudan", "headline")] == "place"
    assert roles[("Sudan", "lead")] == "place"          # "Darfur, Sudan": named with its region
    assert roles[("Sudanese", "body")] == "demonym"
    assert roles[("Sudan", "body")] == "modifier"       # inside the name "Sudan Armed Forces"
    assert ("U.S.", "body") not in roles                # "U.S.-based" names no place
    assert found.focus_country == "SDN"
    top = found.countries[0]
    assert top.code == "SDN" and top.sources == ("headline", "lead", "body")
    # headline "in Sudan", lead "Darfur, Sudan" and "in El Fasher" (a city, after a locative word), "reached
    # Darfur" (a curated region, named bare), a demonym
    darfur = SOURCE_WEIGHT["lead"] * ROLE_WEIGHT[roles[("Darfur", "lead")]]
    assert top.score == pytest.approx(SOURCE_WEIGHT["headline"] + 2 * SOURCE_WEIGHT["lead"] + darfur
                                      + ROLE_WEIGHT["demonym"])
    assert [p.name for p in found.places[:2]] == ["Sudan", "El Fasher"]


def test_names_ships_and_compounds_are_not_places(kb):
    article = ("Destroyer Escorts Tanker\n\nThe USS Philippine Sea escorted the Liberian-flagged M/V Jordan Star "
               "past the Middle East coast, the Israel Defense Forces said, and Secretary Austin thanked the crew.")
    found = _focus(kb, article)
    weighed = [(m.text, m.role) for m in found.mentions if m.weight > 0]
    assert weighed == [] and found.focus_country is None, found.mentions


def test_non_body_regions_are_not_read(kb):
    article = ("Strike in Syria\n\nFigure 1. Map of Iraq and Jordan\nSource: officials in Iraq.\nU.S. forces struck a "
               "depot in Syria on Monday, near the city of Deir ez-Zor in Syria.\n\nPhoto by Staff Sgt. John Doe, "
               "Baghdad")
    found = _focus(kb, article)
    assert {m.country for m in found.mentions if m.weight > 0} == {"SYR"} and found.focus_country == "SYR"


def test_several_countries_and_demonyms_alone_give_no_focus(kb):
    assert _focus(kb, "Talks\n\nIranian and Israeli officials traded threats on Monday.").focus_country is None
    several = _focus(kb, "Strikes\n\nJets struck targets in Iraq and in Syria on Monday, and later in Iraq and in "
                         "Syria again.")
    assert several.focus_country is None and "[focus-share]" in several.reason


def test_to_json_carries_the_ranking(kb):
    found = _focus(kb, PASSES["focus-share"][0])
    out = found.to_json()
    assert out["focus_country"] == "ISR" and out["countries"][0]["code"] == "ISR"
    assert out["places"][0]["name"] == "Israel" and out["reason"].startswith("focus:")


# --- hostile input -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    " ".join(f"Word{i}" for i in range(40_000))[:300_000],    # one 300k run of capitalised words, no newline
    " ".join(f"in Place{i}" for i in range(30_000))[:300_000],  # a locative before every word
    "in Syria and Iraq, " * 16_000,
    "\ud800 in \udfff Syria É " * 20_000,
], ids=["capitals", "locatives", "countries", "surrogates"])
def test_hostile_text_finishes(kb, text):
    started = time.perf_counter()
    found = article_focus(read_layout(text, "T"), text, kb, "T")
    assert time.perf_counter() - started < 20
    assert found.focus_country in (None, "SYR", "IRQ")


def test_a_demonym_before_a_noun_is_no_place_and_a_danger_to_a_state_places_nothing(kb):
    article = ("Command Strikes Militants in Somalia\n\nCommand forces struck militants near Jilib, Somalia, on "
               "Monday after they attacked an army post.\n\n\"The group is a danger to Africa and the United "
               "States,\" a general said.\n\nThe group wants to attack beyond Somali borders.\n\nTroops from "
               "Somalia joined the operation in Somalia.")
    found = _focus(kb, article)
    assert not any(m.country == "ETH" for m in found.mentions)  # "Somali borders": not the Somali Region
    assert found.focus_country == "SOM", found.reason
