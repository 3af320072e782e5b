"""Whole-article context in extraction (written for this project): the layout keeps datelines, speaker labels,
headings and procedural talk out of events; titles and "we" resolve through the article."""

from __future__ import annotations

from proxywatch.records import Article


def _events(extractor, text: str, **meta) -> list:
    return extractor.extract(Article(id="d", text=text, published=meta.pop("published", "2024-01-17"), **meta))


def test_a_dateline_is_no_party_and_no_part_of_the_evidence(extractor):
    [event] = _events(extractor, "TAMPA, Fla. – Iranian-backed Houthi militants fired an anti-ship missile at a "
                                 "tanker in the Gulf of Aden on Jan. 16.")
    assert event.actor.text == "Iranian-backed Houthi militants" and event.actor.country == "YEM"
    assert event.evidence.text.startswith("Iranian-backed") and "TAMPA" not in event.evidence.text


def test_transcript_labels_and_procedural_talk_give_no_party_and_no_event(extractor):
    text = ("Press Briefing by the Pentagon Press Secretary\n\n"
            "PRESS SECRETARY JOHN DOE: Good afternoon, everyone. Thank you for joining us today. I have a few "
            "things at the top and then I'm happy to take your questions.\n\n"
            "Yesterday, U.S. forces struck two Houthi radar sites in Yemen.\n\n"
            "Q: Thank you for doing this. Can you say more about the strikes?\n\n"
            "MR. DOE: I'll just leave it at that.")
    events = _events(extractor, text, source="U.S. Department of Defense")
    assert [e.type for e in events] == ["ASSAULT"]
    [strike] = events
    assert strike.actor.country == "USA" and strike.target.country == "YEM"
    assert all("DOE" not in (p.text if p else "") for p in (strike.actor, strike.target))


def test_a_heading_is_not_swallowed_into_the_next_sentence(extractor):
    text = "Escalation in the Red Sea\nJanuary 17, 2024\nOverview\nThe Houthis fired two missiles at a tanker."
    [event] = _events(extractor, text, title="Escalation in the Red Sea")
    assert event.evidence.text == "The Houthis fired two missiles at a tanker."


def test_the_secretary_is_the_office_holder_named_before(extractor):
    events = _events(extractor, "Secretary of Defense Lloyd J. Austin III spoke with Israel's defense minister "
                                "today. The Secretary urged the Government of Israel to let more aid into Gaza.")
    request = next(e for e in events if e.type == "REQUEST")
    assert request.actor.country == "USA" and request.actor.text == "The Secretary"


def test_a_title_with_no_holder_named_stays_unresolved(extractor):
    [event] = [e for e in _events(extractor, "The Secretary urged Israel to let more aid into Gaza.")
               if e.type == "REQUEST"]
    assert event.actor is None or event.actor.country is None


def test_we_in_a_government_release_is_that_government(extractor):
    events = _events(extractor, "We strongly condemn the attack on the train in Balochistan.",
                     source="U.S. Embassy Islamabad")
    accuse = next(e for e in events if e.type == "ACCUSE")
    assert (accuse.actor.country, accuse.actor.kind) == ("USA", "state")


def test_we_in_a_wire_story_stays_unresolved(extractor):
    events = _events(extractor, "We strongly condemn the attack on the train, the minister said.", source="Reuters")
    accuse = next(e for e in events if e.type == "ACCUSE")
    assert accuse.actor is None or accuse.actor.country is None


def test_a_later_sentence_adds_its_toll_to_the_first_report(extractor):
    first, _ = [e for e in _events(extractor, "Houthi forces attacked Tel Aviv with a drone on Friday. The attack "
                                              "killed one man and wounded eight others.", published="2024-07-22")
                if e.type == "ASSAULT"]
    assert (first.fatalities.min, first.injuries.min) == (1, 8)
    assert first.location.name == "Tel Aviv" and first.date.start == "2024-07-19"
