"""Claim reading (analyse/claims/reading.py, periods.py, anchors.py): 50 sentences written for these tests,
each with the filters and window it must be counted with.

Every sentence is read as the last sentence of an article published on 20 February 2024 (unless the
row says otherwise) that first tells of the Tower 22 attack on 28 January and of Washington's answer
(conftest.PREAMBLE); anchored periods are placed with that article and a store of other reports.
"""

from __future__ import annotations

import pytest

from proxywatch.analyse.claims import claims_of, read_sentence, sentences
from proxywatch.analyse.claims.reading import ReadContext, read_party
from proxywatch.extract import parse_published
from proxywatch.records import Article

from claim_world import PREAMBLE, PUBLISHED, article_events

US, IRN, ASSAULT = "USA", "IRN", "ASSAULT"


def c(low, high, start, end, **filters):
    """An expected claim: its bounds, its window and its complete filters (type ASSAULT unless given)."""
    filters.setdefault("type", ASSAULT)
    return {"min": low, "max": high, "window": (start, end), "filters": filters}


TODAY = PUBLISHED
ROWS = [
    # --- sponsors ---------------------------------------------------------------------------------------
    ("Iran-backed militias have launched more than 150 attacks on US forces since October.",
     [c(151, None, "2023-10-01", TODAY, sponsor=IRN, target_country=US)]),
    ("There have been no Iran-backed attacks on American troops in Iraq since 4 February.",
     [c(0, 0, "2024-02-04", TODAY, sponsor=IRN, target_country=US, countries=["IRQ"])]),
    ("Militias backed by Tehran have attacked US troops 23 times since 17 October.",
     [c(23, 23, "2023-10-17", TODAY, sponsor=IRN, target_country=US)]),
    ("Iran's proxies have carried out more than 40 attacks on American troops since mid-October.",
     [c(41, None, "2023-10-11", TODAY, sponsor=IRN, target_country=US)]),
    ("Pro-Iranian militias have launched at least 40 attacks on US bases since October.",
     [c(40, None, "2023-10-01", TODAY, sponsor=IRN, target_country=US)]),
    ("Militias that Iran arms have struck US bases more than 60 times since 17 October.",
     [c(61, None, "2023-10-17", TODAY, sponsor=IRN, target_country=US)]),
    ("US officials say Iran-aligned groups have mounted 151 attacks against American personnel since October.",
     [c(151, 151, "2023-10-01", TODAY, sponsor=IRN, target_country=US)]),
    ("By the Pentagon's count, Iran-backed militias have attacked US forces in Iraq and Syria more than 100 times "
     "since mid-October.",
     [c(101, None, "2023-10-11", TODAY, sponsor=IRN, target_country=US, countries=["IRQ", "SYR"])]),
    # --- targets: endured, suffered, passive subjects, objects, possessives --------------------------------
    ("The US endured more than 100 attacks between mid-October and early February.",
     [c(101, None, "2023-10-11", "2024-02-10", target_country=US)]),
    ("That lull follows the more than 100 attacks that US troops endured between mid-October and the beginning of "
     "February.", [c(101, None, "2023-10-11", "2024-02-10", target_country=US)]),
    ("US forces have suffered at least 66 attacks in Iraq and Syria since 17 October.",
     [c(66, None, "2023-10-17", TODAY, target_country=US, countries=["IRQ", "SYR"])]),
    ("US bases in Iraq and Syria have now been attacked more than 60 times since 17 October, according to the "
     "Pentagon.", [c(61, None, "2023-10-17", TODAY, target_country=US, countries=["IRQ", "SYR"])]),
    ("US troops in Syria have not been targeted since the start of February.",
     [c(0, 0, "2024-02-01", TODAY, target_country=US, countries=["SYR"])]),
    ("The US military has counted 78 attacks on its forces since mid-October, 37 in Iraq and 41 in Syria.",
     [c(78, 78, "2023-10-11", TODAY, target_country=US),
      c(37, 37, "2023-10-11", TODAY, target_country=US, countries=["IRQ"]),
      c(41, 41, "2023-10-11", TODAY, target_country=US, countries=["SYR"])]),
    ("Al-Asad air base has been attacked more than 20 times since October.",
     [c(21, None, "2023-10-01", TODAY, target_country=US, places=["Ain al-Asad Air Base"])]),
    ("No attacks on US forces have been reported in Iraq or Syria since 4 February.",
     [c(0, 0, "2024-02-04", TODAY, target_country=US, countries=["IRQ", "SYR"])]),
    # --- named actors and states -----------------------------------------------------------------------
    ("Kata'ib Hezbollah has claimed 20 attacks on US forces since October.",
     [c(20, 20, "2023-10-01", TODAY, actor="kataib-hezbollah", target_country=US)]),
    ("There have been more than 60 attacks by Kata'ib Hezbollah on US forces since October.",
     [c(61, None, "2023-10-01", TODAY, actor="kataib-hezbollah", target_country=US)]),
    ("Houthi forces have launched more than 30 attacks on merchant ships in the Red Sea since 19 November.",
     [c(31, None, "2023-11-19", TODAY, actor="houthis", places=["Red Sea"])]),
    ("There have been 23 Houthi attacks on commercial shipping since 19 November.",
     [c(23, 23, "2023-11-19", TODAY, actor="houthis")]),
    ("Iraqi militias have carried out 30 attacks on US forces in Syria since December.",
     [c(30, 30, "2023-12-01", TODAY, actor_country="IRQ", target_country=US, countries=["SYR"])]),
    ("Israeli warplanes have carried out more than 100 strikes in southern Lebanon since October.",
     [c(101, None, "2023-10-01", TODAY, actor_country="ISR", countries=["LBN"])]),
    # --- places per conjunct -----------------------------------------------------------------------------
    ("Since 2 February there have been no attacks on US forces in Iraq and only two in Syria.",
     [c(0, 0, "2024-02-02", TODAY, target_country=US, countries=["IRQ"]),
      c(2, 2, "2024-02-02", TODAY, target_country=US, countries=["SYR"])]),
    ("US forces have been attacked at least 23 times since 17 October, 14 times in Iraq and nine times in Syria.",
     [c(23, None, "2023-10-17", TODAY, target_country=US),
      c(14, 14, "2023-10-17", TODAY, target_country=US, countries=["IRQ"]),
      c(9, 9, "2023-10-17", TODAY, target_country=US, countries=["SYR"])]),
    ("US forces have come under attack at least 102 times since 17 October, 47 times in Iraq and 55 times in Syria.",
     [c(102, None, "2023-10-17", TODAY, target_country=US),
      c(47, 47, "2023-10-17", TODAY, target_country=US, countries=["IRQ"]),
      c(55, 55, "2023-10-17", TODAY, target_country=US, countries=["SYR"])]),
    ("Since 2 February, Iran-backed militias have staged no attacks on US forces in Iraq and none in Syria.",
     [c(0, 0, "2024-02-02", TODAY, sponsor=IRN, target_country=US, countries=["IRQ"]),
      c(0, 0, "2024-02-02", TODAY, sponsor=IRN, target_country=US, countries=["SYR"])]),
    ("Since 2 February there have been no attacks on US forces in Iraq and no attacks in Syria.",
     [c(0, 0, "2024-02-02", TODAY, target_country=US, countries=["IRQ"]),
      c(0, 0, "2024-02-02", TODAY, target_country=US, countries=["SYR"])]),
    ("The Pentagon has logged more than 160 attacks on US troops in Iraq, Syria and Jordan since then.",
     [c(161, None, "2024-01-28", TODAY, target_country=US, countries=["IRQ", "SYR", "JOR"])]),
    # --- types and modes -----------------------------------------------------------------------------------
    ("There have been at least 12 drone and rocket attacks on US bases in Syria since 1 February.",
     [c(12, None, "2024-02-01", TODAY, target_country=US, countries=["SYR"], modes=["drone", "rocket"])]),
    ("Protesters have held more than 50 demonstrations outside the US embassy in Baghdad since October.",
     [c(51, None, "2023-10-01", TODAY, type="PROTEST", places=["Baghdad"])]),
    # --- counts: estimates, vague numbers, adverbs ------------------------------------------------------------
    ("US forces have been attacked about 66 times since 17 October.",
     [c(59, 73, "2023-10-17", TODAY, target_country=US)]),
    ("Militants have staged roughly a dozen attacks on US bases in Syria since 1 February.",
     [c(10, 14, "2024-02-01", TODAY, target_country=US, countries=["SYR"])]),
    ("Tehran's proxies have not attacked American troops in Iraq since 4 February.",
     [c(0, 0, "2024-02-04", TODAY, sponsor=IRN, target_country=US, countries=["IRQ"])]),
    # --- periods ---------------------------------------------------------------------------------------------
    ("US forces were attacked four times on Thursday.", [c(4, 4, "2024-02-15", "2024-02-15", target_country=US)]),
    ("Militias launched 20 attacks on US bases in January.", [c(20, 20, "2024-01-01", "2024-01-31",
                                                                 target_country=US)]),
    ("US forces were attacked 23 times in the past two weeks.", [c(23, 23, "2024-02-07", TODAY, target_country=US)]),
    ("The Pentagon counted 23 militia attacks on US forces in two weeks.",
     [c(23, 23, "2024-02-07", TODAY, target_country=US)]),
    ("Between 17 October and 30 November, militias attacked US forces 73 times.",
     [c(73, 73, "2023-10-17", "2023-11-30", target_country=US)]),
    ("US forces were attacked 30 times between 1 January and 31 March.",
     [c(30, 30, "2024-01-01", TODAY, target_country=US)]),
    ("There were no attacks on US troops in Jordan after 4 February.",
     [c(0, 0, "2024-02-05", TODAY, target_country=US, countries=["JOR"])]),
    ("In the ten days after 2 February, militias attacked US forces only twice.",
     [c(2, 2, "2024-02-02", "2024-02-11", target_country=US)]),
    ("Militants fired rockets at al-Asad on Monday, one of at least three attacks on US forces that day.",
     [c(3, None, "2024-02-19", "2024-02-19", target_country=US)]),
    ("Militias have launched more than 170 attacks on US forces.", [c(171, None, None, None, target_country=US)]),
    # --- event-anchored periods ----------------------------------------------------------------------------
    ("Since the US retaliatory strikes of 2 February, there have been no attacks on US forces in Iraq.",
     [c(0, 0, "2024-02-02", TODAY, target_country=US, countries=["IRQ"])]),
    ("Since the Tower 22 attack there have been no attacks on US forces in Iraq.",
     [c(0, 0, "2024-01-28", TODAY, target_country=US, countries=["IRQ"])]),
    ("Since the US retaliated, there have been no Iran-backed attacks on American forces in Iraq and only two in "
     "Syria.", [c(0, 0, "2024-02-02", TODAY, sponsor=IRN, target_country=US, countries=["IRQ"]),
                c(2, 2, "2024-02-02", TODAY, sponsor=IRN, target_country=US, countries=["SYR"])]),
    ("After the 7 October attack, Hezbollah fired on Israeli positions more than 100 times.",
     [c(101, None, "2023-10-07", TODAY, actor="hezbollah", target_country="ISR")]),
    ("Before the strikes on 2 February, militias had attacked US forces more than 160 times.",
     [c(161, None, None, "2024-02-01", target_country=US)]),
    ("Before the strikes, militias had attacked US forces more than 160 times.",
     [c(161, None, None, "2024-02-01", target_country=US)]),
    ("In the three weeks since the Tower 22 attack, there have been no further attacks on US troops in Jordan.",
     [c(0, 0, "2024-01-28", TODAY, target_country=US, countries=["JOR"])]),
    # --- more forms -----------------------------------------------------------------------------------------
    ("The Islamic Resistance in Iraq has claimed responsibility for more than 100 drone attacks on US bases since "
     "October.", [c(101, None, "2023-10-01", TODAY, actor="islamic-resistance-in-iraq", target_country=US,
                    modes=["drone"])]),
    ("US troops have faced more than 150 attacks since October 17.",
     [c(151, None, "2023-10-17", TODAY, target_country=US)]),
    ("Iran-backed groups have carried out some 170 attacks against US-led coalition forces in Iraq and Syria since "
     "October.", [c(153, 187, "2023-10-01", TODAY, sponsor=IRN, target_country=US, countries=["IRQ", "SYR"])]),
    ("Not a single attack on US forces in Iraq has been recorded since 4 February, officials said.",
     [c(0, 0, "2024-02-04", TODAY, target_country=US, countries=["IRQ"])]),
    ("In January alone, US forces in Iraq and Syria came under attack 40 times.",
     [c(40, 40, "2024-01-01", "2024-01-31", target_country=US, countries=["IRQ", "SYR"])]),
    ("Houthi rebels have fired on commercial ships at least 40 times since mid-November.",
     [c(40, None, "2023-11-11", TODAY, actor="houthis")]),
    ("There have been no attacks on American troops in Iraq or Syria since Kata'ib Hezbollah suspended its "
     "operations on 30 January.", [c(0, 0, "2024-01-30", TODAY, target_country=US, countries=["IRQ", "SYR"])]),
    # --- not claims ------------------------------------------------------------------------------------------
    ("Militia leaders warned they would launch dozens of attacks on US bases in Syria.", []),
    ("Four soldiers were lightly hurt in two drone attacks on al-Asad air base.", []),
]


def read(sentence: str, store, kb, published: str = PUBLISHED):
    """The claims of ``sentence`` told after PREAMBLE (whose own sentences state no claim)."""
    article = Article("claimer", PREAMBLE + sentence, published=published)
    claims = claims_of(article, article_events(), kb, store)
    return [cl for cl in claims if cl.offset >= len(PREAMBLE) - 1]


def test_there_are_at_least_forty_claim_sentences():
    assert len(ROWS) >= 40
    assert sum(len(expected) for _, expected in ROWS) >= 50


@pytest.mark.parametrize("sentence, expected", ROWS, ids=[r[0][:60] for r in ROWS])
def test_claim_reading(sentence, expected, store, kb):
    got = read(sentence, store, kb)
    seen = [{"min": cl.min, "max": cl.max, "window": (cl.window.start, cl.window.end), "filters": cl.scope.filters()}
            for cl in got]
    assert seen == expected, [cl.rules for cl in got]


def test_an_anchored_period_names_its_anchor_and_the_choice(store, kb):
    [claim] = read("Since the US retaliated, there have been no attacks on American forces in Iraq.", store, kb)
    anchor = claim.window.anchor
    assert anchor.date == "2024-02-02" and anchor.event["origin"] == "store" and "85 targets" in anchor.event["text"]
    assert "after the attack it answers (2024-01-28)" in anchor.note  # the Tower 22 attack the article dates
    assert "anchor-response-after-cause" in claim.rules and "anchor-store-event" in claim.rules


def test_without_a_dated_cause_the_earliest_credible_event_is_used_and_the_others_listed(store, kb):
    article = Article("claimer", "Since the US strikes, there have been no attacks on US forces in Iraq.",
                      published=PUBLISHED)
    [claim] = claims_of(article, [], kb, store)
    anchor = claim.window.anchor
    assert anchor.date == "2023-10-27"
    assert [a["date"] for a in anchor.alternatives] == ["2024-02-02"]
    assert "2 events fit" in anchor.note and "the earliest, 2023-10-27, is used" in anchor.note


def test_an_anchor_nothing_fits_leaves_the_start_unknown(empty_store, kb):
    article = Article("claimer", "Since the US retaliated, there have been no attacks on US forces in Iraq.",
                      published=PUBLISHED)
    [claim] = claims_of(article, [], kb, empty_store)
    assert claim.window.start is None and not claim.window.known
    assert claim.window.unresolved == "the US retaliated"
    assert claim.window.anchor.how == "anchor-unresolved"


def test_sentences_do_not_break_after_abbreviations():
    text = "The U.S. military said Sgt. William Rivers was killed. Iran-backed groups struck 140 times.\nNew line"
    assert [s for _, s in sentences(text)] == [
        "The U.S. military said Sgt. William Rivers was killed.", "Iran-backed groups struck 140 times.", "New line"]
    assert all(text[o:o + len(s)] == s for o, s in sentences(text))


def test_a_window_ends_by_the_publication_day(kb):
    ctx = ReadContext(kb, parse_published("2023-11-09"), "a")
    [claim] = read_sentence("Iran-backed groups have attacked US forces 40 times since 17 October, according to "
                            "the Pentagon.", ctx)
    assert (claim.window.start, claim.window.end) == ("2023-10-17", "2023-11-09")


@pytest.mark.parametrize("phrase, field, value", [
    ("Iran-backed militias", "sponsor", IRN), ("militias backed by Iran", "sponsor", IRN),
    ("Iran's proxies", "sponsor", IRN), ("Iranian proxies", "sponsor", IRN), ("proxies of Iran", "sponsor", IRN),
    ("pro-Iran militias", "sponsor", IRN), ("Tehran-aligned groups", "sponsor", IRN),
    ("groups that Tehran funds", "sponsor", IRN), ("Kata'ib Hezbollah", "actor", "kataib-hezbollah"),
    ("US forces", "country", US), ("American troops", "country", US), ("the US", "country", US),
])
def test_party_phrases(kb, phrase, field, value):
    assert getattr(read_party(phrase, kb), field) == value
